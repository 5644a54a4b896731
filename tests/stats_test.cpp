#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/stats.hpp>

#include <cstdint>
#include <vector>

using cskpi::ConfidenceInterval;
using cskpi::nearest_rank;
using cskpi::wilson_interval;

namespace {
constexpr double eps = 1e-9;  // fractions; the expected values below have 9+ significant digits
}

TEST_CASE("Wilson interval of 3/5 is 0.23071993 to 0.88238177", "[metrics][stats]") {
  // p = 0.6, z² = 3.8416, 1 + z²/n = 1.76832; centre = (0.6 + 0.38416)/1.76832 = 0.556551;
  // half = 1.96/1.76832 · sqrt(0.24/5 + 3.8416/100) = 0.325831.
  const auto ci = wilson_interval(3, 5);
  REQUIRE(ci);
  CHECK(ci->low == Approx(0.23071993220883708).margin(eps));
  CHECK(ci->high == Approx(0.8823817688407467).margin(eps));
}

TEST_CASE("Wilson interval at the edges: 1/1 reaches exactly 1, 0/1 starts exactly at 0", "[metrics][stats]") {
  // 1/1: low = (1 + 1.9208 − 1.96·0.98)/4.8416 = 0.206543; high = 4.8416/4.8416 = 1.
  const auto one = wilson_interval(1, 1);
  REQUIRE(one);
  CHECK(one->low == Approx(0.2065432914738929).margin(eps));
  CHECK(one->high == 1.0);
  // 0/1: mirror image: [0, 1 − 0.206543].
  const auto zero = wilson_interval(0, 1);
  REQUIRE(zero);
  CHECK(zero->low == 0.0);
  CHECK(zero->high == Approx(0.7934567085261071).margin(eps));
  // 10/10 and 0/10 stay inside [0, 1] too.
  CHECK(wilson_interval(10, 10)->high == 1.0);
  CHECK(wilson_interval(0, 10)->low == 0.0);
}

TEST_CASE("Wilson interval is undefined for n = 0 and refuses successes > n or a bad z", "[metrics][stats]") {
  CHECK_FALSE(wilson_interval(0, 0));
  CHECK_THROWS_AS(wilson_interval(2, 1), cskpi::Error);
  CHECK_THROWS_AS(wilson_interval(1, 2, 0.0), cskpi::Error);
  CHECK_THROWS_AS(wilson_interval(1, 2, -1.0), cskpi::Error);
}

TEST_CASE("Wilson interval with another z (2.576, 99 %) is wider", "[metrics][stats]") {
  const auto ci95 = wilson_interval(3, 5);
  const auto ci99 = wilson_interval(3, 5, 2.576);
  REQUIRE(ci95);
  REQUIRE(ci99);
  CHECK(ci99->low < ci95->low);
  CHECK(ci99->high > ci95->high);
}

TEST_CASE("ConfidenceInterval compares both bounds", "[metrics][stats]") {
  CHECK(ConfidenceInterval{0.1, 0.2} == ConfidenceInterval{0.1, 0.2});
  CHECK(ConfidenceInterval{0.1, 0.2} != ConfidenceInterval{0.1, 0.3});
  CHECK(ConfidenceInterval{0.0, 0.2} != ConfidenceInterval{0.1, 0.2});
}

TEST_CASE("nearest_rank is the ceil(q·n)-th smallest for n = 1..10", "[metrics][stats]") {
  // values 1..n, so the value equals its rank.
  // median ⌈n/2⌉: 1,1,2,2,3,3,4,4,5,5; p90 ⌈0.9n⌉: 1,2,3,4,5,6,7,8,9,9.
  const std::int64_t median[] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  const std::int64_t p90[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 9};
  for (std::int64_t n = 1; n <= 10; ++n) {
    std::vector<std::int64_t> v;
    for (std::int64_t i = 1; i <= n; ++i) v.push_back(i);
    INFO("n = " << n);
    CHECK(nearest_rank(v, 0.5) == median[n - 1]);
    CHECK(nearest_rank(v, 0.9) == p90[n - 1]);
    CHECK(nearest_rank(v, 1.0) == n);  // the maximum
  }
}

TEST_CASE("nearest_rank guards q·n against floating error", "[metrics][stats]") {
  std::vector<std::int64_t> v;
  for (std::int64_t i = 1; i <= 100; ++i) v.push_back(i);
  // 0.07 · 100 = 7.000000000000001 in binary floating point: still rank 7.
  CHECK(nearest_rank(v, 0.07) == 7);
  CHECK(nearest_rank(v, 0.29) == 29);
  CHECK(nearest_rank(v, 0.57) == 57);
  CHECK(nearest_rank(v, 0.9) == 90);
  // A real fraction rounds up: 0.905 · 100 = 90.5 → 91st.
  CHECK(nearest_rank(v, 0.905) == 91);
  // The smallest q gives the first value.
  CHECK(nearest_rank(v, 1e-6) == 1);
}

TEST_CASE("nearest_rank of an empty vector is undefined, and q outside 0 < q <= 1 is refused", "[metrics][stats]") {
  CHECK_FALSE(nearest_rank({}, 0.5));
  const std::vector<std::int64_t> v{1, 2, 3};
  CHECK_THROWS_AS(nearest_rank(v, 0.0), cskpi::Error);
  CHECK_THROWS_AS(nearest_rank(v, 1.5), cskpi::Error);
  CHECK_THROWS_AS(nearest_rank(v, -0.5), cskpi::Error);
}

TEST_CASE("nearest_rank rounds a real fraction of a rank up", "[metrics][stats]") {
  std::vector<std::int64_t> v;
  for (std::int64_t i = 1; i <= 14; ++i) v.push_back(i);
  CHECK(nearest_rank(v, 0.1) == 2);   // 0.1·14 = 1.4 → 2nd
  CHECK(nearest_rank(v, 0.5) == 7);   // 7 exactly → 7th
  CHECK(nearest_rank(v, 0.9) == 13);  // 12.6 → 13th
  CHECK(nearest_rank(v, 0.93) == 14); // 13.02 → 14th
}
