#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/cost.hpp>

#include <limits>

using cskpi::CostAccumulator;

TEST_CASE("Cost of the 03 sample: 7.25 over 3, 2.41666… per contact", "[metrics][cost]") {
  // 2.40 + 3.10 + 1.75 = 7.25; 7.25/3 = 2.41666…
  CostAccumulator acc;
  acc.add(2.40);
  acc.add(3.10);
  acc.add(1.75);
  const auto r = acc.result();
  CHECK(r.interactions == 3);
  CHECK(r.total == 7.25);
  CHECK(*r.per_contact == Approx(7.25 / 3.0).margin(1e-15));
}

TEST_CASE("Cost without interactions has total 0 and no per-contact value", "[metrics][cost]") {
  const auto r = CostAccumulator{}.result();
  CHECK(r.interactions == 0);
  CHECK(r.total == 0.0);
  CHECK_FALSE(r.per_contact);
}

TEST_CASE("Cost is summed exactly in micro-units, whatever the order", "[metrics][cost]") {
  // 0.1 + 0.2 in doubles is 0.30000000000000004; in micro-units 100 000 + 200 000 = 300 000 → 0.3.
  CostAccumulator a;
  a.add(0.1);
  a.add(0.2);
  CHECK(a.result().total == 0.3);
  // A free interaction counts in the denominator.
  a.add(0.0);
  CHECK(*a.result().per_contact == Approx(0.1).margin(1e-15));
  // Sub-micro amounts round to the nearest micro-unit: 0.0000004 → 0, 0.0000006 → 1e-6.
  CostAccumulator tiny;
  tiny.add(0.0000004);
  tiny.add(0.0000006);
  CHECK(tiny.result().total == 1e-6);
}

TEST_CASE("Cost refuses negative, non-finite and too large values", "[metrics][cost]") {
  CostAccumulator acc;
  CHECK_THROWS_AS(acc.add(-0.01), cskpi::Error);
  CHECK_THROWS_AS(acc.add(std::numeric_limits<double>::quiet_NaN()), cskpi::Error);
  CHECK_THROWS_AS(acc.add(std::numeric_limits<double>::infinity()), cskpi::Error);
  CHECK_THROWS_AS(acc.add(1e13), cskpi::Error);
  CHECK(acc.result().interactions == 0);
  try {
    acc.add(-1.0);
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::invalid_argument);
  }
}
