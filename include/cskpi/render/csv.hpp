// cskpi/render/csv.hpp: a computed report as CSV, one row per group x metric field (SPEC §4).
#pragma once

#include <ostream>

#include "cskpi/report/report.hpp"

namespace cskpi {

/// CSV `by,key,metric,field,value`: one row per group and metric field, in the order of the
/// JSON (nested objects as `business.mean_s`, intervals as `ci95.low` / `ci95.high`; null as empty).
void render_csv(std::ostream& out, const Report& report);

}  // namespace cskpi
