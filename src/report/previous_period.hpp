// Private: what the report needs of a data set beyond the scan: the previous period (SPEC v3 §3
// Trends) — which it is, whether the data covers it, whether a data set can add to it at all —
// and whether reopen figures are measured.
#pragma once

#include "cskpi/model/dataset.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// [from − L, from) with L = to − from, seen as the report sees its own period: as_of moves
/// back by L too (a report as of its end compares with the previous period as of its end).
[[nodiscard]] ReportPeriod previous_period(const ReportPeriod& period);

/// True when some record of the data set has an attribution instant in the period [from, to):
/// an interaction's created_at (under `"attribution": "event"` also its first_response_at or
/// resolved_at), a survey's responded_at, a customer or agent event's at.
[[nodiscard]] bool covers(const Dataset& data, const ReportPeriod& period);

/// True when some record of the data set has an attribution instant before `from`. Without
/// one the data set adds nothing to the previous period's figures (every other instant of a
/// record follows its created_at), so its previous-period partial is the empty one.
[[nodiscard]] bool has_records_before(const Dataset& data, TimePoint from);

/// True when some interaction carries `reopened` or the data set has status histories: a
/// reopen rate of 0 is then measured, not merely the absence of the field (for the dashboard).
[[nodiscard]] bool has_reopen_data(const Dataset& data);

}  // namespace cskpi::detail
