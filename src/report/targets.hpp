// Private: evaluating the configuration's targets on the groups of a report.
#pragma once

#include <vector>

#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// One result per target and matching group (a group matches when its key holds every `where`
/// dimension with that label; a target without `where` matches every group), in target order,
/// then report order. Throws Error(invalid_config) naming the target when its metric field is
/// not a number field of the report (`csat.score`, `sla.resolution.compliance`,
/// `first_response.business.median_s`).
[[nodiscard]] std::vector<TargetResult> evaluate_targets(const Report& report, const std::vector<TargetSpec>& targets);

}  // namespace cskpi::detail
