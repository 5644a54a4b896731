// cskpi/render/html.hpp: a computed report as a self-contained HTML page.
#pragma once

#include <ostream>

#include "cskpi/report/report.hpp"

namespace cskpi {

/// A self-contained HTML page: the period and inputs, bar charts (inline SVG) of volume, NPS
/// and CSAT per group, and one table per metric object; no scripts, no external resources.
void render_html(std::ostream& out, const Report& report);

}  // namespace cskpi
