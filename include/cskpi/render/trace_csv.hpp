// cskpi/render/trace_csv.hpp: the per-interaction trace, the `--detail` file of `cskpi report`
// (SPEC §6): one CSV row per interaction with every value the report derives from it, so each
// figure can be traced.
#pragma once

#include <ostream>

#include "cskpi/model/dataset.hpp"
#include "cskpi/report/report_spec.hpp"

namespace cskpi {

/// Writes the trace CSV (columns in docs/cli.md "--detail"): a header row, then one row per
/// interaction that feeds the overall group of the report `spec` gives on `data`, in data-set
/// order. With `"attribution": "created"` those are the interactions counted in the overall
/// `volume.count`; with `"attribution": "event"` also those whose first response or resolution
/// alone falls in the period (the `counted_*` columns say which parts count). The numbers are
/// the report's own (same period, as_of, calendars, SLA policies and FCR method). One time-bucket
/// label column per bucket used by the spec's groupings, in the reporting zone. RFC 4180 quoting,
/// LF line ends. The data set must be linked. Throws what compute_report throws for a bad spec.
void write_trace_csv(std::ostream& out, const Dataset& data, const ReportSpec& spec);

}  // namespace cskpi
