// Private: the report's staffing plan (SPEC §3 Staffing, top-level `staffing`): phone calls
// and handle time per local hour of the week, counted per slice and merged, then Erlang C.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// Phone interactions created in the period, per local hour of the week (additive).
struct StaffingCounts {
  std::array<std::uint64_t, 168> calls{};
  std::array<std::int64_t, 168> handle_ms{};
  std::array<std::uint64_t, 168> handled{};
  std::int64_t all_handle_ms = 0;
  std::uint64_t all_handled = 0;
  std::uint64_t total = 0;

  /// A call in hour-of-week `hour`, with its handle time in ms or no_value.
  void add(std::size_t hour, std::int64_t handle_ms_or_none);
  void merge(const StaffingCounts& other);
};

/// Hours of [from, to) (UTC ms) that fall in each local hour of the week (0 = Monday 00:00).
[[nodiscard]] std::array<double, 168> week_hour_exposure(const ZoneBuckets& zone, std::int64_t from, std::int64_t to);

/// 168 rows (hour_of_week 0…167) when phone interactions were created in the period, else none.
[[nodiscard]] std::vector<StaffingRow> staffing_plan(const StaffingCounts& counts, const MetricConfig& config,
                                                     const ZoneBuckets& zone, const ReportPeriod& period);

}  // namespace cskpi::detail
