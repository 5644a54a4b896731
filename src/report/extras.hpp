// Private: report figures that do not come from the interaction scan: customer lifecycle,
// attrition and productivity per group, adoption, cohorts and the staffing plan.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/metrics/attrition.hpp"
#include "cskpi/metrics/customers.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// The slice of the period a group covers and the labels it fixes.
struct GroupScope {
  TimePoint from{};
  TimePoint to{};
  bool whole_week_hours = false;  // an hour_of_week part: not a contiguous window
  std::optional<std::uint32_t> product, agent, team, department;
  bool other_labels = false;  // a label part other than these four
};

/// Customer figures apply to groups by product and time buckets only (SPEC §7); attrition to
/// groups by agent, team, department and time buckets.
[[nodiscard]] std::optional<CustomerResult> customer_figures(const CustomerLifecycle& customers,
                                                             const GroupScope& scope, TimePoint as_of);
[[nodiscard]] std::optional<AttritionResult> attrition_figures(const Roster& roster, const GroupScope& scope,
                                                               TimePoint as_of);

[[nodiscard]] std::vector<AdoptionRow> adoption_rows(const CustomerLifecycle& customers, const Dataset& data,
                                                     const ReportPeriod& period);

/// Hours of [from, to) (UTC ms) that fall in each local hour of the week (0 = Monday 00:00).
[[nodiscard]] std::array<double, 168> week_hour_exposure(const ZoneBuckets& zone, std::int64_t from, std::int64_t to);

/// 168 rows (hour_of_week 0…167) when phone interactions were created in the period, else none.
[[nodiscard]] std::vector<StaffingRow> staffing_plan(const Dataset& data, const MetricConfig& config,
                                                     const ZoneBuckets& zone, const ReportPeriod& period);

}  // namespace cskpi::detail
