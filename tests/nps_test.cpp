#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/nps.hpp>

#include <initializer_list>

using cskpi::NpsAccumulator;
using cskpi::NpsResult;

namespace {

NpsResult nps_of(std::initializer_list<int> scores) {
  NpsAccumulator acc;
  for (const int s : scores) acc.add(s);
  return acc.result();
}

constexpr double eps = 1e-6;  // points

}  // namespace

TEST_CASE("NPS counts 9 and 10 as promoters, 7 and 8 as passives, 0 to 6 as detractors", "[metrics][nps]") {
  const auto r = nps_of({0, 6, 7, 8, 9, 10});
  CHECK(r.detractors == 2);  // 0, 6
  CHECK(r.passives == 2);    // 7, 8
  CHECK(r.promoters == 2);   // 9, 10
  CHECK(r.responses() == 6);
  CHECK(r.score == 0.0);  // 100·(2 − 2)/6

  CHECK(nps_of({6}).detractors == 1);
  CHECK(nps_of({7}).passives == 1);
  CHECK(nps_of({8}).passives == 1);
  CHECK(nps_of({9}).promoters == 1);
  CHECK(nps_of({0}).detractors == 1);
  CHECK(nps_of({10}).promoters == 1);
  for (int s = 1; s <= 5; ++s) CHECK(nps_of({s}).detractors == 1);
}

TEST_CASE("NPS without responses has counts 0 and no score or interval", "[metrics][nps]") {
  const auto r = NpsAccumulator{}.result();
  CHECK(r.responses() == 0);
  CHECK_FALSE(r.score);
  CHECK_FALSE(r.ci95);
}

TEST_CASE("NPS of a single response has a score but no interval", "[metrics][nps]") {
  CHECK(nps_of({10}).score == 100.0);
  CHECK_FALSE(nps_of({10}).ci95);
  CHECK(nps_of({3}).score == -100.0);
  CHECK(nps_of({7}).score == 0.0);
  CHECK_FALSE(nps_of({7}).ci95);
}

TEST_CASE("NPS of 1000 responses, 250 promoters and 75 detractors is 17.5, interval 14.137 to 20.863", "[metrics][nps]") {
  NpsAccumulator acc;
  for (int i = 0; i < 250; ++i) acc.add(9);
  for (int i = 0; i < 675; ++i) acc.add(8);
  for (int i = 0; i < 75; ++i) acc.add(4);
  const auto r = acc.result();
  // score = 100·(250 − 75)/1000 = 17.5
  REQUIRE(r.score);
  CHECK(*r.score == Approx(17.5).margin(1e-12));
  // p + d − (p − d)² = 0.325 − 0.030625 = 0.294375; se = 100·sqrt(0.294375/1000) = 1.7157359936773489;
  // 1.96·se = 3.362842547607604 → [14.137157452392396, 20.862842547607604]
  REQUIRE(r.ci95);
  CHECK(r.ci95->low == Approx(14.137157452392396).margin(1e-9));
  CHECK(r.ci95->high == Approx(20.862842547607604).margin(1e-9));
}

TEST_CASE("NPS interval is clipped to -100 and 100", "[metrics][nps]") {
  // 01 EXPLAIN, webchat: 10, 9, 6, 7 → P 2, passive 1, D 1, n 4, score 25;
  // se = 100·sqrt((0.75 − 0.0625)/4) = 41.457810; 25 ± 81.257307 → [−56.257307, 106.257 → 100]
  const auto webchat = nps_of({10, 9, 6, 7});
  CHECK(webchat.score == 25.0);
  REQUIRE(webchat.ci95);
  CHECK(webchat.ci95->low == Approx(-56.257307).margin(eps));
  CHECK(webchat.ci95->high == 100.0);
  // voice: 8, 0 → score −50; se = 100·sqrt((0.5 − 0.25)/2) = 35.355339; −50 − 69.296 → −100.
  const auto voice = nps_of({8, 0});
  CHECK(voice.score == -50.0);
  REQUIRE(voice.ci95);
  CHECK(voice.ci95->low == -100.0);
  CHECK(voice.ci95->high == Approx(19.296465).margin(eps));
  // All promoters: variance 1 − 1 = 0, so the interval is the point [100, 100].
  const auto all = nps_of({9, 10, 10});
  REQUIRE(all.ci95);
  CHECK(all.ci95->low == 100.0);
  CHECK(all.ci95->high == 100.0);
}

TEST_CASE("NPS of the 01 overall sample is 14.285714, interval −47.423280 to 75.994709", "[metrics][nps]") {
  // 10, 9, 6, 7, 8, 0, 9 → P 3, passives 2, D 2; score 100/7; se = 100·sqrt(34/343) = 31.484181.
  const auto r = nps_of({10, 9, 6, 7, 8, 0, 9});
  CHECK(*r.score == Approx(14.285714).margin(eps));
  CHECK(r.ci95->low == Approx(-47.423280).margin(eps));
  CHECK(r.ci95->high == Approx(75.994709).margin(eps));
  // 2027-04: 7, 0, 9 → score 0, se = 100·sqrt((2/3)/3) = 47.140452 → ±92.395286
  const auto april = nps_of({7, 0, 9});
  CHECK(april.score == 0.0);
  CHECK(april.ci95->low == Approx(-92.395286).margin(eps));
  CHECK(april.ci95->high == Approx(92.395286).margin(eps));
}

TEST_CASE("NPS refuses a score outside 0-10 and keeps its state", "[metrics][nps]") {
  NpsAccumulator acc;
  acc.add(10);
  CHECK_THROWS_AS(acc.add(11), cskpi::Error);
  CHECK_THROWS_AS(acc.add(-1), cskpi::Error);
  try {
    acc.add(11);
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::invalid_argument);
  }
  CHECK(acc.result() == nps_of({10}));
}

TEST_CASE("NPS merge adds the counts", "[metrics][nps]") {
  NpsAccumulator a;
  NpsAccumulator b;
  a.add(10);
  a.add(6);
  b.add(9);
  b.add(7);
  a.merge(b);
  CHECK(a.result() == nps_of({10, 9, 6, 7}));
}
