// The hours of a period that fall in each local hour of the week: the denominator of the
// staffing plan's calls_per_hour (docs/metrics.md §12).
#include <catch2/catch.hpp>

#include <numeric>

#include "report/staffing_plan.hpp"

using cskpi::ZoneBuckets;
using cskpi::detail::week_hour_exposure;

namespace {
std::int64_t ms(const char* text) { return cskpi::to_millis(*cskpi::parse_instant(text).value); }
}  // namespace

TEST_CASE("One UTC week exposes every hour of the week once", "[staffing]") {
  const auto hours = week_hour_exposure(ZoneBuckets("UTC"), ms("2026-01-05T00:00:00Z"), ms("2026-01-12T00:00:00Z"));
  for (const double h : hours) CHECK(h == 1.0);
}

TEST_CASE("Partial hours count their fraction", "[staffing]") {
  // Monday 2026-01-05 09:30-10:15 UTC: 0.5 h of hour 9, 0.25 h of hour 10.
  const auto hours = week_hour_exposure(ZoneBuckets("UTC"), ms("2026-01-05T09:30:00Z"), ms("2026-01-05T10:15:00Z"));
  CHECK(hours[9] == 0.5);
  CHECK(hours[10] == 0.25);
  CHECK(std::accumulate(hours.begin(), hours.end(), 0.0) == 0.75);
}

TEST_CASE("A spring-forward week has no Sunday 02:00 and a fall-back week has it twice", "[staffing]") {
  const ZoneBuckets rome("Europe/Rome");
  // Local week Monday 2026-03-23 to Monday 2026-03-30 (CET → CEST on Sunday 03-29 at 02:00): 167 h.
  const auto spring = week_hour_exposure(rome, ms("2026-03-23T00:00:00+01:00"), ms("2026-03-30T00:00:00+02:00"));
  CHECK(spring[6 * 24 + 2] == 0.0);  // Sunday 02:00 does not exist
  CHECK(spring[6 * 24 + 3] == 1.0);
  CHECK(std::accumulate(spring.begin(), spring.end(), 0.0) == 167.0);
  // Local week Monday 2026-10-19 to Monday 2026-10-26 (CEST → CET on Sunday 10-25 at 03:00): 169 h.
  const auto fall = week_hour_exposure(rome, ms("2026-10-19T00:00:00+02:00"), ms("2026-10-26T00:00:00+01:00"));
  CHECK(fall[6 * 24 + 2] == 2.0);  // Sunday 02:00 happens twice
  CHECK(std::accumulate(fall.begin(), fall.end(), 0.0) == 169.0);
}

TEST_CASE("A span of centuries costs its offset changes, not its hours", "[staffing]") {
  const ZoneBuckets ny("America/New_York");
  const std::int64_t from = ms("1900-01-01T00:00:00Z");
  const std::int64_t to = ms("2300-01-01T00:00:00Z");
  const auto hours = week_hour_exposure(ny, from, to);
  CHECK(std::accumulate(hours.begin(), hours.end(), 0.0) == Approx(static_cast<double>(to - from) / 3.6e6));
}
