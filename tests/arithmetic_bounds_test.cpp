// Arithmetic that cannot overflow (docs/reliability.md, docs/metrics.md §6 and §15): sums are
// exact 128-bit integers in any order, and the readers bound each duration at 100 years.
#include <catch2/catch.hpp>

#include <cskpi/exact_sum.hpp>
#include <cskpi/metrics/cost.hpp>
#include <cskpi/metrics/duration_stats.hpp>
#include <cskpi/metrics/queue.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "io_test_support.hpp"

using namespace cskpi;

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t hundred_years_ms = 3'155'695'200'000;  // 100 · 365.2425 · 86,400 s

}  // namespace

TEST_CASE("An exact sum carries past 64 bits and back, in any order", "[arithmetic]") {
  ExactSum s;
  s.add(int64_max);
  s.add(int64_max);
  CHECK_FALSE(s.fits_int64());
  CHECK(s.high_word() == 0);
  CHECK(s.low_word() == std::uint64_t{0xFFFF'FFFF'FFFF'FFFE});  // 2·(2^63 − 1)
  CHECK(s.to_double() == Approx(2.0 * 9223372036854775807.0));
  s.add(int64_min);
  s.add(int64_min);
  CHECK(s.fits_int64());
  CHECK(s.to_double() == -2.0);  // 2·(2^63 − 1) − 2·2^63
  ExactSum negative;
  negative.add(-5);
  CHECK(negative.to_double() == -5.0);
  ExactSum a;
  ExactSum b;
  a.add(int64_max);
  a.add(-7);
  b.add(int64_max);
  b.add(int64_min);
  ExactSum ab = a;
  ab.add(b);
  ExactSum ba = b;
  ba.add(a);
  CHECK(ab == ba);
  ExactSum twice = a;
  twice.add(twice);  // adding itself doubles it
  ExactSum doubled = a;
  doubled.add(a);
  CHECK(twice == doubled);
}

TEST_CASE("Three million durations at the 100-year bound sum exactly (past 2^63 ms)", "[arithmetic]") {
  // 3,000,000 · 3,155,695,200,000 ms = 9.467e18 ms > 2^63 − 1 ≈ 9.223e18: a 64-bit sum overflowed.
  constexpr std::uint64_t n = 3'000'000;
  DurationAccumulator durations;
  QueueAccumulator queue;
  for (std::uint64_t i = 0; i < n; ++i) {
    durations.add(Milliseconds{hundred_years_ms});
    queue.add(Milliseconds{hundred_years_ms}, false);
  }
  const DurationSummary d = durations.result();
  CHECK(d.count == n);
  CHECK(d.mean->count() == Approx(3'155'695'200'000.0).epsilon(1e-12));  // a Duration counts ms
  CHECK(d.median->count() == hundred_years_ms);
  CHECK(queue.result().asa->count() == Approx(3'155'695'200.0).epsilon(1e-12));
}

TEST_CASE("Costs just below the bound sum without overflow", "[arithmetic]") {
  CostAccumulator cost;
  for (int i = 0; i < 4; ++i) cost.add(8'999'999'999'999.0);  // 4 · 9e18 micro-units > 2^63
  CostAccumulator merged = cost;
  merged.merge(cost);
  CHECK(cost.result().total == Approx(35'999'999'999'996.0));
  CHECK(merged.result().interactions == 8);
  CHECK(*merged.result().per_contact == Approx(8'999'999'999'999.0));
}

TEST_CASE("handle_seconds and wait_seconds are accepted up to 100 years, out_of_range above", "[arithmetic][io]") {
  const auto run = test::load_csv(RecordType::interaction,
                                  "id,channel,created_at,handle_seconds,wait_seconds\n"
                                  "a,chat,2026-03-02T10:00:00Z,3155695200,3155695200\n"
                                  "b,chat,2026-03-02T10:00:00Z,3155695200.001,\n"
                                  "c,chat,2026-03-02T10:00:00Z,,3155695201\n"
                                  "d,chat,2026-03-02T10:00:00Z,1e400,\n");
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
  CHECK(run->data.interactions().handle_ms[0] == hundred_years_ms);
  CHECK(run->data.interactions().wait_ms[0] == hundred_years_ms);
  const auto& rejects = run->loader.rejects();
  REQUIRE(rejects.size() == 3);
  CHECK(rejects[0].field == "handle_seconds");
  CHECK(rejects[0].reason == RejectReason::out_of_range);
  CHECK(rejects[1].field == "wait_seconds");
  CHECK(rejects[1].reason == RejectReason::out_of_range);
  CHECK(rejects[2].reason == RejectReason::out_of_range);
  CHECK(rejects[2].detail == "1e400 is outside the range of numbers cskpi reads (about ±1.8e308)");
}

TEST_CASE("A JSON number beyond a double's range is out_of_range, not malformed_json", "[arithmetic][io]") {
  const auto run = test::load_jsonl(
      RecordType::interaction,
      "{\"id\": \"a\", \"channel\": \"chat\", \"created_at\": \"2026-03-02T10:00:00Z\", \"handle_seconds\": 1e400}\n"
      "{\"id\": \"b\", \"channel\": \"chat\", \"created_at\": \"2026-03-02T10:00:00Z\", \"note\": -1e400}\n"
      "{\"id\": \"c\", \"channel\": \"chat\", \"created_at\": \"2026-03-02T10:00:00Z\", \"wait_seconds\": 1e-400}\n");
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);  // c: too close to 0 reads as 0
  CHECK(run->data.interactions().wait_ms[0] == 0);
  const auto& rejects = run->loader.rejects();
  REQUIRE(rejects.size() == 2);
  CHECK(rejects[0].field == "handle_seconds");
  CHECK(rejects[0].reason == RejectReason::out_of_range);
  CHECK_THAT(rejects[0].detail, Catch::StartsWith("1e400 is outside the range"));
  CHECK(rejects[1].field.empty());  // not a field of any record type: the detail names it
  CHECK(rejects[1].reason == RejectReason::out_of_range);
  CHECK_THAT(rejects[1].detail, Catch::StartsWith("note: -1e400 is outside the range"));
}

TEST_CASE("A CSV number too close to 0 for a double reads as 0, as in JSON Lines", "[arithmetic][io]") {
  const auto run = test::load_csv(RecordType::interaction,
                                  "id,channel,created_at,handle_seconds,cost\n"
                                  "a,chat,2026-03-02T10:00:00Z,1e-400,0.0000000000000000000000000000000000000000000000000"
                                  "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                  "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                  "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                  "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                  "0000000000000000000000000000000000000000000000000000000000000000000000000000001\n");
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
  CHECK(run->data.interactions().handle_ms[0] == 0);
  CHECK(run->data.interactions().cost[0] == 0.0);
}
