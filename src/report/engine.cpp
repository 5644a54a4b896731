#include "cskpi/report/engine.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include "cskpi/error.hpp"
#include "cskpi/report/partial_report.hpp"
#include "detail/run_on_threads.hpp"
#include "report/interaction_facts.hpp"
#include "report/partial_state.hpp"
#include "report/previous_period.hpp"
#include "report/slice_scan.hpp"

namespace cskpi {
namespace {

/// Scans the slices, each on its own thread (the calling thread takes the first), and merges
/// the partials in slice order. An exception of any thread is rethrown after all joined.
PartialReport scan_in_parallel(const detail::EngineContext& context, const std::vector<DataSlice>& slices) {
  std::vector<std::unique_ptr<PartialReport::State>> states(slices.size());
  std::vector<std::exception_ptr> errors(slices.size());
  const auto scan = [&](std::size_t k) {
    try {
      states[k] = detail::scan_slice(context, slices[k]);
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(slices.size());
  for (std::size_t k = 1; k < slices.size(); ++k) threads.emplace_back(scan, k);
  scan(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  PartialReport merged(std::move(states[0]));
  for (std::size_t k = 1; k < states.size(); ++k) {
    merged.merge(PartialReport(std::move(states[k])));
  }
  return merged;
}

/// The least and the greatest instant of a column, no_instant aside (lo > hi: none). These
/// scans run between loading and the scans of the slices (40M instants at 10M interactions):
/// each part's loop keeps both in locals and has no branch.
struct InstantExtent {
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = no_instant;

  void add(const InstantExtent& other) noexcept {
    lo = std::min(lo, other.lo);
    hi = std::max(hi, other.hi);
  }
};

template <class Column>
InstantExtent extent_of(const Column& column, unsigned threads) {
  constexpr std::size_t rows_per_thread = std::size_t{1} << 16;  // fewer: one thread is as quick
  InstantExtent extent;
  std::mutex combine;
  detail::run_in_parts(std::min<std::size_t>(threads, column.size() / rows_per_thread + 1), column.size(),
                       [&](std::size_t begin, std::size_t end) {
                         std::int64_t lo = std::numeric_limits<std::int64_t>::max();
                         std::int64_t hi = no_instant;  // the least int64: no_instant never raises it
                         for (std::size_t r = begin; r < end; ++r) {
                           const std::int64_t t = column[r];
                           lo = std::min(lo, t == no_instant ? std::numeric_limits<std::int64_t>::max() : t);
                           hi = std::max(hi, t);
                         }
                         const std::lock_guard<std::mutex> lock(combine);
                         extent.add({lo, hi});
                       });
  return extent;
}

/// The instants of the records themselves: creations, survey answers, customer and agent events
/// (never absent).
InstantExtent record_extent(const Dataset& data, unsigned threads) {
  InstantExtent extent;
  for (const InstantColumn* column : {&data.interactions().created_ms, &data.surveys().responded_ms}) {
    extent.add(extent_of(*column, threads));
  }
  for (const auto* column : {&data.customer_events().at_ms, &data.agent_events().at_ms}) {
    extent.add(extent_of(*column, threads));
  }
  return extent;
}

/// The latest instant of anything recorded in the data set (SPEC §2): creations, first
/// responses, resolutions, abandonments, interaction events, survey answers, customer and
/// agent events; 0 when there is nothing. `records`: record_extent(), read once.
std::int64_t latest_recorded(const Dataset& data, const InstantExtent& records, unsigned threads) {
  const InteractionColumns& c = data.interactions();
  std::int64_t latest = records.hi;
  for (const auto* column : {&c.first_response_ms, &c.resolved_ms, &data.interaction_events().at_ms}) {
    latest = std::max(latest, extent_of(*column, threads).hi);
  }
  if (c.abandoned.stored()) {
    for (std::size_t r = 0; r < c.size(); ++r) {
      if (c.abandoned[r] != 0) latest = std::max(latest, detail::abandonment_instant(c, r));
    }
  }
  return latest == no_instant ? 0 : latest;
}

}  // namespace

unsigned resolve_threads(unsigned threads) noexcept { return detail::threads_or_cores(threads); }

ReportPeriod resolve_period(const Dataset& data, const ReportSpec& spec) { return resolve_period(data, spec, 1); }

ReportPeriod resolve_period(const Dataset& data, const ReportSpec& spec, unsigned threads) {
  const ZoneBuckets zone(spec.time_zone);  // validates the zone name
  const InstantExtent records = !spec.from || !spec.to ? record_extent(data, threads) : InstantExtent{};
  std::int64_t lo = records.lo;
  std::int64_t hi = records.hi;
  if (lo > hi) lo = hi = 0;  // no records: an empty first second of the epoch
  ReportPeriod period;
  period.from = spec.from.value_or(from_millis(lo));
  period.to = spec.to.value_or(from_millis(hi + 1000));
  if (spec.as_of) {
    period.as_of = *spec.as_of;
  } else if (spec.to) {
    period.as_of = period.to;
  } else {
    // v3: a report of a whole export sees everything the export holds.
    period.as_of = std::max(period.to, from_millis(latest_recorded(data, records, threads) + 1000));
  }
  period.time_zone = zone.zone_name();
  period.attribution = spec.config.attribution;
  if (!(period.from < period.to)) {
    throw Error(ErrorCode::invalid_argument, "the period is empty: from " + format_instant(period.from) +
                                                 " is not before to " + format_instant(period.to));
  }
  return period;
}

PartialReport compute_partial_report(const Dataset& data, const ReportSpec& spec, const ComputeOptions& options) {
  const detail::EngineContext context(data, spec, resolve_period(data, spec, resolve_threads(options.threads)));
  const std::vector<DataSlice> slices = split_data(data, resolve_threads(options.threads));
  PartialReport partial = scan_in_parallel(context, slices);
  partial.state().reopen_data = detail::has_reopen_data(data);
  if (detail::has_records_before(data, context.period.from)) {
    // The previous period of equal length, for trends and baseline targets (SPEC v3 §3).
    const detail::EngineContext previous(data, spec, detail::previous_period(context.period));
    partial.state().previous.emplace(scan_in_parallel(previous, slices));
    partial.state().previous_covered = detail::covers(data, previous.period);
  }
  return partial;
}

Report compute_report(const Dataset& data, const ReportSpec& spec, const ComputeOptions& options) {
  return finish_report(compute_partial_report(data, spec, options), resolve_threads(options.threads));
}

}  // namespace cskpi
