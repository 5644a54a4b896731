// Private: the report as an ordered JSON tree, shared by the JSON and CSV renderers.
#pragma once

#include <nlohmann/json.hpp>

#include "cskpi/report/report.hpp"

namespace cskpi::detail {

using Json = nlohmann::ordered_json;

/// The metrics object of one group, as in SPEC §4; next_reply and the state durations only
/// when the data has interaction events.
[[nodiscard]] Json metrics_json(const GroupMetrics& metrics, bool has_events);

/// The whole `cskpi.report/1` document.
[[nodiscard]] Json report_json(const Report& report);

}  // namespace cskpi::detail
