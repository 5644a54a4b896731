#include "report/staffing_plan.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "cskpi/metrics/erlang_c.hpp"
#include "cskpi/model/dataset.hpp"
#include "detail/civil.hpp"

namespace cskpi::detail {

namespace {

constexpr std::int64_t ms_per_hour = 3'600'000;
constexpr std::int64_t ms_per_week = 168 * ms_per_hour;

/// Hour of the week (0 = Monday 00:00) of a local time in ms since 1970-01-01T00:00 local.
std::size_t hour_of_week(std::int64_t local_ms) {
  const std::int64_t hour = floor_div(local_ms, ms_per_hour);
  return static_cast<std::size_t>(weekday(floor_div(hour, 24)) * 24 + (hour - floor_div(hour, 24) * 24));
}

/// Adds the local span [a, b) (local ms) to the hours of each hour of the week: whole weeks at
/// once, then at most 169 hour pieces.
void add_local_span(std::array<double, 168>& hours, std::int64_t a, std::int64_t b) {
  const std::int64_t weeks = (b - a) / ms_per_week;
  if (weeks > 0) {
    for (double& h : hours) h += static_cast<double>(weeks);
    a += weeks * ms_per_week;
  }
  while (a < b) {
    const std::int64_t next = std::min(b, (floor_div(a, ms_per_hour) + 1) * ms_per_hour);
    hours[hour_of_week(a)] += static_cast<double>(next - a) / static_cast<double>(ms_per_hour);
    a = next;
  }
}

}  // namespace

std::array<double, 168> week_hour_exposure(const ZoneBuckets& zone, std::int64_t from, std::int64_t to) {
  std::array<double, 168> hours{};
  // Between two offset changes local time is UTC + a constant: exact, whatever the period's
  // length (a span of years costs its DST changes, not its hours).
  for (std::int64_t a = from; a < to;) {
    const std::int64_t offset = zone.utc_offset(from_millis(a)).count();
    const std::int64_t b = std::min(to, to_millis(zone.offset_end(from_millis(a))));
    add_local_span(hours, a + offset, b + offset);
    a = std::max(b, a + 1);
  }
  return hours;
}

void StaffingCounts::add(std::size_t hour, std::int64_t handle_ms_or_none) {
  ++calls[hour];
  ++total;
  if (handle_ms_or_none == no_value) return;
  handle_ms[hour] += handle_ms_or_none;
  ++handled[hour];
  all_handle_ms += handle_ms_or_none;
  ++all_handled;
}

void StaffingCounts::merge(const StaffingCounts& o) {
  for (std::size_t h = 0; h < 168; ++h) {
    calls[h] += o.calls[h];
    handle_ms[h] += o.handle_ms[h];
    handled[h] += o.handled[h];
  }
  all_handle_ms += o.all_handle_ms;
  all_handled += o.all_handled;
  total += o.total;
}

std::vector<StaffingRow> staffing_plan(const StaffingCounts& counts, const MetricConfig& config, const ZoneBuckets& zone,
                                       const ReportPeriod& period) {
  if (counts.total == 0) return {};
  const std::int64_t from = to_millis(period.from);
  const std::int64_t to = to_millis(period.to);
  const auto& calls = counts.calls;
  const auto& handle_ms = counts.handle_ms;
  const auto& handled = counts.handled;
  const std::int64_t all_handle_ms = counts.all_handle_ms;
  const std::uint64_t all_handled = counts.all_handled;
  const std::array<double, 168> hours = week_hour_exposure(zone, from, to);
  StaffingTarget target;
  target.service_level = config.staffing.service_level;
  target.answer_within = config.queue.threshold;
  target.asa_target = config.staffing.asa_target;
  target.max_occupancy = config.staffing.max_occupancy;
  target.shrinkage = config.staffing.shrinkage;
  std::vector<StaffingRow> rows(168);
  for (std::size_t h = 0; h < 168; ++h) {
    StaffingRow& row = rows[h];
    row.hour_of_week = static_cast<int>(h);
    row.calls_per_hour = hours[h] > 0 ? static_cast<double>(calls[h]) / hours[h] : 0.0;
    // The hour's own mean handle time; the period's phone AHT for calls without one.
    if (handled[h] > 0) {
      row.aht = std::chrono::duration<double>{static_cast<double>(handle_ms[h]) / 1000.0 / static_cast<double>(handled[h])};
    } else if (calls[h] > 0 && all_handled > 0) {
      row.aht = std::chrono::duration<double>{static_cast<double>(all_handle_ms) / 1000.0 / static_cast<double>(all_handled)};
    }
    if (calls[h] == 0) {
      row.agents = 0;
      row.scheduled = 0;
      continue;
    }
    if (!row.aht || row.aht->count() <= 0) continue;
    ErlangCInput input;
    input.calls = row.calls_per_hour;
    input.interval = std::chrono::hours{1};
    input.aht = Milliseconds{std::llround(row.aht->count() * 1000.0)};
    if (input.aht.count() <= 0) continue;
    const StaffingResult plan = required_agents(input, target);
    row.agents = plan.required_agents;
    row.scheduled = plan.scheduled_agents;
    row.service_level = plan.at_required.service_level;
  }
  return rows;
}

}  // namespace cskpi::detail
