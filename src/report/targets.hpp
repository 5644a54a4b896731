// Private: evaluating the configuration's targets on the groups of a report.
#pragma once

#include <vector>

#include "cskpi/report/field_table.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// One result per target and matching group (a group matches when its key holds every `where`
/// dimension with that label; a target without `where` matches every group), in target order,
/// then report order. Throws Error(invalid_config) naming the target when its metric field is
/// not a number field of the report (`csat.score`, `sla.resolution.compliance`,
/// `first_response.business.median_s`). A baseline target takes its bound from the same group
/// of `previous` (the previous period's report; nullptr when the data does not cover it): at
/// least baseline + improve, or at most baseline − improve where lower is better; undefined
/// without the group or its value.
[[nodiscard]] std::vector<TargetResult> evaluate_targets(const Report& report, const std::vector<TargetSpec>& targets,
                                                         const Report* previous = nullptr);

/// True for the metric fields where a lower value is the better one: durations, and the rates
/// and counts of something unwanted (reopens, complaints, abandons, churn, attrition, cost,
/// backlog, SLA breaches, detractors). A baseline target's `improve` lowers their bound.
[[nodiscard]] bool lower_is_better(const Field& field) noexcept;

}  // namespace cskpi::detail
