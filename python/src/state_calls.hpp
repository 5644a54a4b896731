// The Python module's calls as plain C++ (no Python in sight): a run's partial state from
// options and inputs, states merged, a state finished and rendered, a report's field table as
// columns. module.cpp converts the arguments, releases the GIL around these and converts back.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cskpi/report/report.hpp"

namespace cskpi::python {

/// One builder option (`from`, `by`, `config`, …) and its text value.
using Option = std::pair<std::string, std::string>;

/// One input: its kind (`interactions`, `events`, `surveys`, `customers`, `agents` or `inputs`
/// for a mixed file), a path or a record as one-line JSON, and which of the two it is.
struct Input {
  std::string kind;
  std::string text;
  bool is_file = true;
};

/// The partial state of a run over `inputs` (ReportBuilder::compute_state). Throws Error.
[[nodiscard]] std::string partial_state(const std::vector<Option>& options, const std::vector<Input>& inputs);

/// The states merged into one state. Each is read as `states[i]`; a difference of
/// configurations names both states and the first difference. Throws Error.
[[nodiscard]] std::string merge_states(const std::vector<std::string>& states);

/// The report a state finishes to (threads: 0 = all cores). Throws Error.
[[nodiscard]] Report finish_state(const std::string& state, unsigned threads);

/// The report as text, json, csv or html. Throws Error(invalid_argument) for another format.
[[nodiscard]] std::string render_text(const Report& report, const std::string& format);

}  // namespace cskpi::python
