// cskpi/report/grouping.hpp: what a report groups by (SPEC §2): label dimensions, custom
// dimensions of the configuration (SPEC §8), time buckets in the reporting zone, and their
// cross products.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/model/dimension.hpp"

namespace cskpi {

/// A custom dimension (config `dimensions`), by its configured name: the engine finds its
/// column by name in the data set (Dataset::custom_dimensions()).
struct CustomDimension {
  std::string name;
  friend bool operator==(const CustomDimension& a, const CustomDimension& b) noexcept { return a.name == b.name; }
  friend bool operator!=(const CustomDimension& a, const CustomDimension& b) noexcept { return !(a == b); }
};

/// One part of a grouping key: a label dimension, a custom dimension or a time bucket.
using GroupPart = std::variant<Dimension, TimeBucket, CustomDimension>;

/// The parts of one `--by`, in the order given (`channel,month`). Empty = the overall group.
using Grouping = std::vector<GroupPart>;

/// The name of a part (a view of a custom dimension's name: valid while the part lives).
[[nodiscard]] std::string_view to_string(const GroupPart& part) noexcept;

/// Parses `channel,month` (or `region,month` when `region` is one of `custom`, the configured
/// custom dimensions); throws Error(invalid_argument) naming an unknown or repeated part and
/// the known names.
[[nodiscard]] Grouping parse_grouping(std::string_view text, const std::vector<std::string>& custom = {});

/// `channel,month`.
[[nodiscard]] std::string to_string(const Grouping& grouping);

[[nodiscard]] inline bool is_time(const GroupPart& part) noexcept {
  return std::holds_alternative<TimeBucket>(part);
}

}  // namespace cskpi
