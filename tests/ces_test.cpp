#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/ces.hpp>

#include <initializer_list>

using cskpi::CesAccumulator;
using cskpi::CesConfig;
using cskpi::CesResult;

namespace {

CesResult ces_of(std::initializer_list<int> scores, CesConfig config = {}) {
  CesAccumulator acc{config};
  for (const int s : scores) acc.add(s);
  return acc.result();
}

}  // namespace

TEST_CASE("CES counts 5 and above as easy on the default 1-7 scale, 4 not", "[metrics][ces]") {
  CHECK(ces_of({4}).easy == 0);
  CHECK(ces_of({5}).easy == 1);
  CHECK(ces_of({7}).easy == 1);
  CHECK(ces_of({1}).easy == 0);
  CHECK(ces_of({4}).easy_from == 5);
}

TEST_CASE("CES of 5, 4, 7, 1 has mean 4.25 and easy share 0.5", "[metrics][ces]") {
  // 01 EXPLAIN overall: mean 17/4, easy 2/4.
  const auto r = ces_of({5, 4, 7, 1});
  CHECK(r.responses == 4);
  CHECK(r.easy == 2);
  CHECK(r.mean == 4.25);
  CHECK(r.easy_share == 0.5);
  // 2027-03: 5, 4, 1 → mean 10/3, easy 1/3.
  const auto march = ces_of({5, 4, 1});
  CHECK(*march.mean == Approx(10.0 / 3.0).margin(1e-15));
  CHECK(*march.easy_share == Approx(1.0 / 3.0).margin(1e-15));
  // `null` group: one 1 → mean 1, easy share 0 (defined, not null).
  CHECK(ces_of({1}).easy_share == 0.0);
}

TEST_CASE("CES without responses has no mean or share", "[metrics][ces]") {
  const auto r = CesAccumulator{}.result();
  CHECK(r.responses == 0);
  CHECK_FALSE(r.mean);
  CHECK_FALSE(r.easy_share);
}

TEST_CASE("CES on a custom scale, and invalid config and scores throw", "[metrics][ces]") {
  const CesConfig five{{1, 5}, 4};
  const auto r = ces_of({3, 4, 5}, five);
  CHECK(r.easy == 2);
  CHECK(r.mean == 4.0);
  CHECK(r.scale == cskpi::ScoreScale{1, 5});
  CHECK_THROWS_AS(CesAccumulator(CesConfig{{7, 1}, 5}), cskpi::Error);
  CHECK_THROWS_AS(CesAccumulator(CesConfig{{1, 7}, 8}), cskpi::Error);
  try {
    CesAccumulator acc{CesConfig{{1, 7}, 0}};
    FAIL("no exception");
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::invalid_config);
    CHECK_THAT(e.what(), Catch::Contains("easy_from 0"));
  }
  CesAccumulator acc;
  CHECK_THROWS_AS(acc.add(8), cskpi::Error);
  CHECK_THROWS_AS(acc.add(0), cskpi::Error);
  CHECK(acc.result().responses == 0);
}

TEST_CASE("CES merge refuses a different config", "[metrics][ces]") {
  CesAccumulator a;
  CesAccumulator b{CesConfig{{1, 7}, 6}};
  CHECK_THROWS_AS(a.merge(b), cskpi::Error);
  CesAccumulator c;
  c.add(7);
  a.add(1);
  a.merge(c);
  CHECK(a.result() == ces_of({1, 7}));
}
