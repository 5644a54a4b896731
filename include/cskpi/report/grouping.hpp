// cskpi/report/grouping.hpp: what a report groups by (SPEC §2): label dimensions, time
// buckets in the reporting zone, and their cross products.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/model/dimension.hpp"

namespace cskpi {

/// One part of a grouping key: a label dimension or a time bucket.
using GroupPart = std::variant<Dimension, TimeBucket>;

/// The parts of one `--by`, in the order given (`channel,month`). Empty = the overall group.
using Grouping = std::vector<GroupPart>;

[[nodiscard]] std::string_view to_string(const GroupPart& part) noexcept;

/// Parses `channel,month`; throws Error(invalid_argument) naming an unknown or repeated part.
[[nodiscard]] Grouping parse_grouping(std::string_view text);

/// `channel,month`.
[[nodiscard]] std::string to_string(const Grouping& grouping);

[[nodiscard]] inline bool is_time(const GroupPart& part) noexcept {
  return std::holds_alternative<TimeBucket>(part);
}

}  // namespace cskpi
