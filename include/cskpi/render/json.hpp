// cskpi/render/json.hpp: a computed report as the JSON document of SPEC §4 (`cskpi.report/1`).
#pragma once

#include <ostream>

#include "cskpi/report/report.hpp"

namespace cskpi {

/// The JSON document of SPEC §4, pretty-printed with a trailing newline. Rates and shares
/// in percent, durations in seconds, undefined values as null.
void render_json(std::ostream& out, const Report& report);

}  // namespace cskpi
