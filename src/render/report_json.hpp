// Private: the report as an ordered JSON tree (SPEC §4): the whole document for the JSON format,
// and its pieces for the CSV and HTML renderers. Group metrics come from the field table.
#pragma once

#include <nlohmann/json.hpp>

#include "cskpi/report/field_table.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

using Json = nlohmann::ordered_json;

/// A field's value as JSON: null, an integer, a floating-point number or a string.
[[nodiscard]] Json field_json(const FieldValue& value);

/// The metrics object of one group: each field of the field table at its dotted path
/// (`business.median_s` → `{"business": {"median_s": …}}`), each interval as `[low, high]` or null.
[[nodiscard]] Json metrics_json(const GroupMetrics& metrics, const FieldContext& context);

/// The report-wide parts: `inputs` (an object per record type) and the lists (arrays of rows).
[[nodiscard]] Json inputs_json(const Report& report);
[[nodiscard]] Json adoption_json(const Report& report);
[[nodiscard]] Json cohorts_json(const Report& report);
[[nodiscard]] Json staffing_json(const Report& report);
[[nodiscard]] Json targets_json(const Report& report);
[[nodiscard]] Json guardrails_json(const Report& report);

/// A group's `trend` object (SPEC v3 §4): `previous` {from, to} and `metrics` {key: {current,
/// previous, change, p_value, significant}}; one value of it.
[[nodiscard]] Json trend_json(const GroupTrend& trend);
[[nodiscard]] Json trend_value_json(const TrendValue& v);

/// The whole `cskpi.report/1` document.
[[nodiscard]] Json report_json(const Report& report);

}  // namespace cskpi::detail
