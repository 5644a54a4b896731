// cskpi/render/text.hpp: a computed report as a terminal dashboard.
#pragma once

#include <ostream>

#include "cskpi/report/report.hpp"

namespace cskpi {

/// A readable terminal dashboard: the period and inputs, then one aligned table per grouping.
void render_text(std::ostream& out, const Report& report);

}  // namespace cskpi
