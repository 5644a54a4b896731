// cskpi/render/html.hpp: a computed report as a self-contained HTML dashboard.
#pragma once

#include <ostream>

#include "cskpi/report/report.hpp"

namespace cskpi {

/// A self-contained HTML page (inline CSS and SVG; no script, nothing loaded from the network):
/// the period in the reporting zone, headline tiles with target status, charts (volume, NPS and
/// CSAT over time, resolution times, SLA and service level by group, the staffing heat map), then
/// one table per grouping in human units. Metrics whose inputs are absent are left out; every
/// label is escaped for HTML and SVG. docs/html-report.md describes the page.
void render_html(std::ostream& out, const Report& report);

}  // namespace cskpi
