#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/csat.hpp>

#include <initializer_list>

using cskpi::CsatAccumulator;
using cskpi::CsatConfig;
using cskpi::CsatResult;

namespace {

CsatResult csat_of(std::initializer_list<int> scores, CsatConfig config = {}) {
  CsatAccumulator acc{config};
  for (const int s : scores) acc.add(s);
  return acc.result();
}

constexpr double eps = 1e-8;  // fractions: the EXPLAIN percentages have 6 decimals

}  // namespace

TEST_CASE("CSAT counts 4 and 5 as satisfied on the default 1-5 scale, 3 not", "[metrics][csat]") {
  CHECK(CsatConfig{}.satisfied_threshold() == 4);  // scale max 5 − 1
  CHECK(csat_of({3}).satisfied == 0);
  CHECK(csat_of({4}).satisfied == 1);
  CHECK(csat_of({5}).satisfied == 1);
  CHECK(csat_of({1}).satisfied == 0);
  const auto r = csat_of({3, 4});
  CHECK(r.responses == 2);
  CHECK(r.satisfied == 1);
  CHECK(r.satisfied_share == 0.5);
  CHECK(r.satisfied_from == 4);
}

TEST_CASE("CSAT of 4, 3, 5, 1, 4 is 60 % satisfied, mean 3.4, Wilson 23.071993 % to 88.238177 %", "[metrics][csat]") {
  // satisfied 3/5; mean 17/5; Wilson as in 01 EXPLAIN.
  const auto r = csat_of({4, 3, 5, 1, 4});
  CHECK(r.responses == 5);
  CHECK(r.satisfied == 3);
  CHECK(r.satisfied_share == Approx(0.6).margin(1e-15));
  CHECK(r.mean == Approx(3.4).margin(1e-15));
  REQUIRE(r.ci95);
  CHECK(r.ci95->low == Approx(0.23071993).margin(eps));
  CHECK(r.ci95->high == Approx(0.88238177).margin(eps));
}

TEST_CASE("CSAT Wilson of 1/1 is 20.654329 % to 100 %, of 0/1 0 % to 79.345671 %", "[metrics][csat]") {
  // 1/1: [(1 + 1.9208 − 1.96·0.98)/4.8416, 1]
  const auto one = csat_of({4});
  CHECK(one.satisfied_share == 1.0);
  CHECK(one.ci95->low == Approx(0.20654329).margin(eps));
  CHECK(one.ci95->high == 1.0);
  const auto zero = csat_of({1});
  CHECK(zero.satisfied_share == 0.0);
  CHECK(zero.mean == 1.0);
  CHECK(zero.ci95->low == 0.0);
  CHECK(zero.ci95->high == Approx(0.79345671).margin(eps));
  // webchat 4, 3 → 1/2: [9.452865, 90.547135] %; voice 1, 5, 4 → 2/3: [20.765496, 93.850968] %, mean 10/3.
  const auto half = csat_of({4, 3});
  CHECK(half.ci95->low == Approx(0.09452865).margin(eps));
  CHECK(half.ci95->high == Approx(0.90547135).margin(eps));
  const auto voice = csat_of({1, 5, 4});
  CHECK(*voice.mean == Approx(10.0 / 3.0).margin(1e-15));
  CHECK(voice.ci95->low == Approx(0.20765496).margin(eps));
  CHECK(voice.ci95->high == Approx(0.93850968).margin(eps));
}

TEST_CASE("CSAT without responses has no share, mean or interval", "[metrics][csat]") {
  const auto r = CsatAccumulator{}.result();
  CHECK(r.responses == 0);
  CHECK(r.satisfied == 0);
  CHECK_FALSE(r.satisfied_share);
  CHECK_FALSE(r.mean);
  CHECK_FALSE(r.ci95);
  CHECK(r.satisfied_from == 4);
}

TEST_CASE("CSAT on a custom scale and threshold", "[metrics][csat]") {
  // 0-10 scale, default threshold 9: 8 no, 9 and 10 yes → 2/3, mean 27/3 = 9.
  const CsatConfig ten{{0, 10}, std::nullopt};
  CHECK(ten.satisfied_threshold() == 9);
  const auto r = csat_of({8, 9, 10}, ten);
  CHECK(r.satisfied == 2);
  CHECK(r.mean == 9.0);
  CHECK(r.satisfied_from == 9);
  CHECK(r.scale == cskpi::ScoreScale{0, 10});
  // 1-5 with satisfied_from 3: 3 is now satisfied, 2 not.
  const CsatConfig three{{1, 5}, 3};
  CHECK(csat_of({2, 3}, three).satisfied == 1);
  CHECK(csat_of({2, 3}, three).satisfied_from == 3);
  // A score outside the custom scale is API misuse.
  CsatAccumulator acc{ten};
  CHECK_NOTHROW(acc.add(0));
  CHECK_THROWS_AS(acc.add(11), cskpi::Error);
  CsatAccumulator dflt;
  CHECK_THROWS_AS(dflt.add(0), cskpi::Error);
  CHECK_THROWS_AS(dflt.add(6), cskpi::Error);
}

TEST_CASE("CSAT refuses an invalid config, naming the field and value", "[metrics][csat]") {
  const auto throws_config = [](CsatConfig c, const char* needle) {
    try {
      CsatAccumulator acc{c};
      FAIL("no exception");
    } catch (const cskpi::Error& e) {
      CHECK(e.code() == cskpi::ErrorCode::invalid_config);
      CHECK_THAT(e.what(), Catch::Contains(needle));
    }
  };
  throws_config(CsatConfig{{5, 1}, std::nullopt}, "scale 5-1");
  throws_config(CsatConfig{{3, 3}, std::nullopt}, "scale 3-3");
  throws_config(CsatConfig{{1, 5}, 6}, "satisfied_from 6");
  throws_config(CsatConfig{{1, 5}, 0}, "satisfied_from 0");
}

TEST_CASE("CSAT merge checks the scale and the effective threshold", "[metrics][csat]") {
  CsatAccumulator a;
  a.add(5);
  CsatAccumulator explicit_default{CsatConfig{{1, 5}, 4}};  // same meaning as the default
  explicit_default.add(2);
  CHECK_NOTHROW(a.merge(explicit_default));
  CHECK(a.result() == csat_of({5, 2}));
  CsatAccumulator other{CsatConfig{{1, 5}, 3}};
  CHECK_THROWS_AS(a.merge(other), cskpi::Error);
  try {
    a.merge(CsatAccumulator{CsatConfig{{1, 7}, std::nullopt}});
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::incompatible_merge);
  }
}
