// A report's groups and their field tables as columns (one row per group × field), what
// cskpi.Report.to_frame() turns into a pandas DataFrame. Read from the field table, not from
// the CSV output, whose spreadsheet-safety quoting would alter labels.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/report/report.hpp"

namespace cskpi::python {

/// One group: its grouping's part names and its key (nullopt: the null key).
struct GroupLabels {
  std::vector<std::string> by;
  std::vector<std::optional<std::string>> key;
};

/// Row r is field `metric[r].field[r]` of group `groups[group[r]]`.
struct FieldColumns {
  std::vector<GroupLabels> groups;
  std::vector<std::uint32_t> group;
  std::vector<std::string> metric;
  std::vector<std::string> field;
  std::vector<std::string> unit;
  std::vector<std::optional<double>> value;      // nullopt: null or text
  std::vector<std::optional<std::string>> text;  // a text value (`queue.mode`), else nullopt
};

[[nodiscard]] FieldColumns field_columns(const Report& report);

}  // namespace cskpi::python
