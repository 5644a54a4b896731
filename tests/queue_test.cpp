#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/queue.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

using cskpi::Milliseconds;
using cskpi::QueueAccumulator;
using cskpi::QueueConfig;
using cskpi::QueueMode;
using namespace std::chrono_literals;

namespace {

struct Call {
  std::int64_t wait_ms;
  bool abandoned;
};

// 03_queue: T = 30 s, short_abandon = 8 s. Day 1 = P-01…P-06, day 2 = P-07…P-10.
const std::vector<Call> day1{{12000, false}, {30000, false}, {30500, false}, {0, false}, {95500, false}, {7999, true}};
const std::vector<Call> day2{{8000, true}, {45000, true}, {3000, true}, {18000, false}};

QueueAccumulator queue_of(const std::vector<Call>& calls, QueueMode mode = QueueMode::offered) {
  QueueAccumulator acc{QueueConfig{30s, 8s, mode}};
  for (const auto& c : calls) acc.add(Milliseconds{c.wait_ms}, c.abandoned);
  return acc;
}

}  // namespace

TEST_CASE("Queue of the 03 sample: offered 8, service level 50 %, ASA 31 s, abandon rate 25 %", "[metrics][queue]") {
  auto acc = queue_of(day1);
  acc.merge(queue_of(day2));
  const auto r = acc.result();
  CHECK(r.answered == 6);         // P-01…P-05, P-10
  CHECK(r.abandoned == 4);        // P-06…P-09
  CHECK(r.short_abandoned == 2);  // P-06 (7.999 s), P-09 (3 s); P-07 at exactly 8 s is not short
  CHECK(r.offered == 8);          // 6 + 4 − 2
  CHECK(r.answered_within == 4);  // P-01, P-02 (= T), P-04, P-10
  CHECK(r.abandoned_within == 1); // P-07: 8 ≤ 8 ≤ 30
  CHECK(r.service_level == 0.5);  // 4/8
  CHECK(r.asa->count() == 31.0);  // (12 + 30 + 30.5 + 0 + 95.5 + 18)/6 = 186/6
  CHECK(r.abandon_rate == 0.25);  // (4 − 2)/8
  CHECK(r.mode == QueueMode::offered);
  CHECK(r.threshold == 30s);
  CHECK(r.short_abandon == 8s);
}

TEST_CASE("Queue of the 03 days", "[metrics][queue]") {
  // 10-12: answered 5, abandoned 1 (short) → offered 5; within 3 → 0.6; ASA 168/5 = 33.6; abandon 0/5.
  const auto d1 = queue_of(day1).result();
  CHECK(d1.offered == 5);
  CHECK(d1.service_level == 0.6);
  CHECK(d1.asa->count() == Approx(33.6).margin(1e-12));
  CHECK(d1.abandon_rate == 0.0);
  // 10-13: answered 1, abandoned 3, short 1 → offered 3; within 1 → 1/3; ASA 18; abandon 2/3.
  const auto d2 = queue_of(day2).result();
  CHECK(d2.offered == 3);
  CHECK(*d2.service_level == Approx(1.0 / 3.0).margin(1e-15));
  CHECK(d2.asa->count() == 18.0);
  CHECK(*d2.abandon_rate == Approx(2.0 / 3.0).margin(1e-15));
}

TEST_CASE("Queue service level by mode", "[metrics][queue]") {
  std::vector<Call> all = day1;
  all.insert(all.end(), day2.begin(), day2.end());
  // answered: 4 within / 6 answered
  const auto answered = queue_of(all, QueueMode::answered).result();
  CHECK(*answered.service_level == Approx(4.0 / 6.0).margin(1e-15));
  CHECK(answered.mode == QueueMode::answered);
  // abandon_within_T_good: (4 answered within + 1 abandoned in [8 s, 30 s]) / 8 offered = 0.625
  const auto good = queue_of(all, QueueMode::abandon_within_T_good).result();
  CHECK(good.service_level == 0.625);
  // The other figures do not depend on the mode.
  CHECK(good.asa == answered.asa);
  CHECK(good.abandon_rate == answered.abandon_rate);
}

TEST_CASE("Queue thresholds: a wait of exactly T is within, one ms more is not", "[metrics][queue]") {
  QueueAccumulator acc{QueueConfig{20s, 5s, QueueMode::abandon_within_T_good}};
  acc.add(20s, false);                     // within
  acc.add(20001ms, false);                 // not within
  acc.add(5s, true);                       // exactly at the short limit: not short, and within T
  acc.add(4999ms, true);                   // short
  acc.add(20s, true);                      // abandoned at T: within
  acc.add(20001ms, true);                  // abandoned after T
  const auto r = acc.result();
  CHECK(r.answered_within == 1);
  CHECK(r.short_abandoned == 1);
  CHECK(r.abandoned_within == 2);
  CHECK(r.offered == 5);                   // 2 + 4 − 1
  CHECK(r.service_level == 0.6);           // (1 + 2)/5
  CHECK(r.abandon_rate == 0.6);            // (4 − 1)/5
}

TEST_CASE("Queue defaults: T 20 s, no short abandons, mode offered", "[metrics][queue]") {
  QueueAccumulator acc;
  acc.add(0ms, true);  // with short_abandon 0 nothing is short: a 0 s abandon is offered
  const auto r = acc.result();
  CHECK(r.threshold == 20s);
  CHECK(r.short_abandoned == 0);
  CHECK(r.offered == 1);
  CHECK(r.service_level == 0.0);
  CHECK_FALSE(r.asa);  // nobody answered
  CHECK(r.abandon_rate == 1.0);
}

TEST_CASE("Queue without calls, or with only short abandons, is undefined", "[metrics][queue]") {
  const auto empty = QueueAccumulator{}.result();
  CHECK(empty.offered == 0);
  CHECK_FALSE(empty.service_level);
  CHECK_FALSE(empty.asa);
  CHECK_FALSE(empty.abandon_rate);
  QueueAccumulator only_short{QueueConfig{20s, 5s, QueueMode::offered}};
  only_short.add(1s, true);
  const auto r = only_short.result();
  CHECK(r.abandoned == 1);
  CHECK(r.offered == 0);
  CHECK_FALSE(r.service_level);
  CHECK_FALSE(r.abandon_rate);
  // answered mode with only abandons: no answered calls → undefined too
  QueueAccumulator answered_mode{QueueConfig{20s, 0ms, QueueMode::answered}};
  answered_mode.add(30s, true);
  CHECK_FALSE(answered_mode.result().service_level);
}

TEST_CASE("Queue mode names round-trip", "[metrics][queue]") {
  for (const auto m : {QueueMode::offered, QueueMode::answered, QueueMode::abandon_within_T_good}) {
    CHECK(cskpi::parse_queue_mode(to_string(m)) == m);
  }
  CHECK(to_string(QueueMode::abandon_within_T_good) == "abandon_within_T_good");
  CHECK_FALSE(cskpi::parse_queue_mode("Offered"));
}

TEST_CASE("Queue refuses negative config values, negative waits and merging other configs", "[metrics][queue]") {
  CHECK_THROWS_AS(QueueAccumulator(QueueConfig{-1ms, 0ms, QueueMode::offered}), cskpi::Error);
  try {
    QueueAccumulator bad{QueueConfig{20s, -5ms, QueueMode::offered}};
    FAIL("no exception");
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::invalid_config);
    CHECK_THAT(e.what(), Catch::Contains("short_abandon -5"));
  }
  QueueAccumulator acc;
  CHECK_THROWS_AS(acc.add(-1ms, false), cskpi::Error);
  QueueAccumulator other{QueueConfig{20s, 0ms, QueueMode::answered}};
  try {
    acc.merge(other);
    FAIL("no exception");
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::incompatible_merge);
  }
}
