// cskpi/report/engine.hpp: the one-pass engine: scans a data set once per record type and
// feeds every group's accumulators (SPEC §2, §3).
#pragma once

#include "cskpi/model/dataset.hpp"
#include "cskpi/report/partial_report.hpp"
#include "cskpi/report/report.hpp"
#include "cskpi/report/report_spec.hpp"

namespace cskpi {

/// The period the spec resolves to on this data: defaults filled in (SPEC §2).
/// Throws Error(invalid_argument) when from is not before to, and
/// Error(unknown_time_zone) for an unknown or fixed-offset zone.
[[nodiscard]] ReportPeriod resolve_period(const Dataset& data, const ReportSpec& spec);
/// The same, its scans of the records' instants split among `threads` threads.
[[nodiscard]] ReportPeriod resolve_period(const Dataset& data, const ReportSpec& spec, unsigned threads);

struct ComputeOptions {
  /// Threads that scan slices of the data set in parallel (0 = all cores). The report is
  /// byte-identical for every count: partial states merge exactly (SPEC §9).
  unsigned threads = 1;
};

/// `threads`, or the number of cores for 0 (at least 1).
[[nodiscard]] unsigned resolve_threads(unsigned threads) noexcept;

/// The partial state of the whole data set (its slices scanned on `threads` threads and
/// merged), what compute_report finishes and `cskpi report --emit-state` writes (SPEC §9).
/// Its inputs() count the data set's records as accepted, as compute_report's do.
[[nodiscard]] PartialReport compute_partial_report(const Dataset& data, const ReportSpec& spec,
                                                   const ComputeOptions& options = {});

/// Computes the overall group and every grouping's groups: finish(merge(partials of slices)).
/// The data set must be linked (Dataset::link, which Loader::finish calls). Report::inputs
/// counts the data set's records as accepted and none as rejected: only the loader knows its
/// rejects (the CLI copies Loader::counts over them).
[[nodiscard]] Report compute_report(const Dataset& data, const ReportSpec& spec, const ComputeOptions& options = {});

}  // namespace cskpi
