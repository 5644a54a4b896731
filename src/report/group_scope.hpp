// Private: the slice of the period and the labels a group covers, and the customer and
// attrition figures that apply to it (SPEC §7: customer figures by product and time buckets
// only; attrition by agent, team, department and time buckets only).
#pragma once

#include <cstdint>
#include <optional>

#include "cskpi/metrics/attrition.hpp"
#include "cskpi/metrics/customers.hpp"
#include "cskpi/time.hpp"

namespace cskpi::detail {

struct GroupScope {
  TimePoint from{};
  TimePoint to{};
  bool whole_week_hours = false;  // an hour_of_week part: not a contiguous window
  std::optional<std::uint32_t> product, agent, team, department;
  bool other_labels = false;  // a label part other than these four
};

[[nodiscard]] std::optional<CustomerResult> customer_figures(const CustomerLifecycle& customers,
                                                             const GroupScope& scope, TimePoint as_of);
[[nodiscard]] std::optional<AttritionResult> attrition_figures(const Roster& roster, const GroupScope& scope,
                                                               TimePoint as_of);

}  // namespace cskpi::detail
