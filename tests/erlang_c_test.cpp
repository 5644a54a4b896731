#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/erlang_c.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using cskpi::ErlangCInput;
using cskpi::Milliseconds;
using cskpi::StaffingTarget;
using namespace std::chrono_literals;

// Reference values: the factorial form of Erlang C evaluated with 60-digit arithmetic (mpmath),
// C = (A^N/N!·N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N!·N/(N−A)); they match the R package ErlangC
// (Pw 0.1741319, SL 0.88835, ASA 7.8359 s at A = 10, N = 14).

namespace {

/// `calls` per 30 minutes with a 180 s AHT: A = calls·180/1800 = calls/10 Erlangs.
ErlangCInput per_half_hour(double calls) { return ErlangCInput{calls, 30min, 180s}; }

StaffingTarget sl_target(double service_level, Milliseconds within) {
  StaffingTarget t;
  t.service_level = service_level;
  t.answer_within = within;
  return t;
}

/// The textbook recurrence, literally: B(0) = 1, B(k) = A·B(k−1)/(k + A·B(k−1)), C = N·B/(N − A(1 − B)).
double textbook_p_wait(double a, std::uint64_t n) {
  double b = 1.0;
  for (std::uint64_t k = 1; k <= n; ++k) b = a * b / (static_cast<double>(k) + a * b);
  const double agents = static_cast<double>(n);
  return agents * b / (agents - a * (1.0 - b));
}

bool throws_invalid_argument(const ErlangCInput& in, const StaffingTarget& t) {
  try {
    (void)cskpi::required_agents(in, t);
  } catch (const cskpi::Error& e) {
    return e.code() == cskpi::ErrorCode::invalid_argument;
  }
  return false;
}

}  // namespace

TEST_CASE("Erlang C of the published example: 100 calls per 30 min, AHT 180 s, 14 agents", "[erlang_c]") {
  const auto r = cskpi::erlang_c(per_half_hour(100), 14, 20s);
  CHECK(r.traffic == 10.0);  // 100·180 s / 1800 s
  CHECK(r.agents == 14);
  CHECK(r.stable);
  CHECK(*r.probability_wait == Approx(0.17413193359504983).epsilon(1e-12));  // R ErlangC: 0.1741319
  CHECK(*r.service_level == Approx(0.8883500191794669).epsilon(1e-12));      // 1 − 0.17413·e^{−4·20/180}
  CHECK(r.asa->count() == Approx(7.835937011777243).epsilon(1e-12));         // 0.17413·180/4
  CHECK(*r.occupancy == Approx(10.0 / 14.0));                                // 0.714
  CHECK(r.answer_target == 20s);
}

TEST_CASE("Erlang C at A = 10 for 11 to 20 agents matches the reference table", "[erlang_c]") {
  struct Row {
    std::uint64_t n;
    double p_wait, sl, asa_s;
  };
  const std::vector<Row> rows{
      {11, 0.6821182046893324, 0.3896138117291534, 122.78127684407983},  // R ErlangC: 0.6821182, 0.3896138
      {12, 0.44938822429827086, 0.6401580403740066, 40.44494018684438},
      {13, 0.28527045303649295, 0.7955947884177831, 17.116227182189576},
      {15, 0.10204236700798801, 0.9414528428690223, 3.673525212287568},
      {20, 0.0037311260441267205, 0.998771739469646, 0.06716026879428097},
  };
  for (const Row& row : rows) {
    CAPTURE(row.n);
    const auto r = cskpi::erlang_c(per_half_hour(100), row.n, 20s);
    CHECK(*r.probability_wait == Approx(row.p_wait).epsilon(1e-12));
    CHECK(*r.service_level == Approx(row.sl).epsilon(1e-12));
    CHECK(r.asa->count() == Approx(row.asa_s).epsilon(1e-12));
  }
}

TEST_CASE("Erlang C with one agent is M/M/1: P_wait = A, ASA = A·AHT/(1 − A)", "[erlang_c]") {
  const auto r = cskpi::erlang_c(per_half_hour(5), 1, 20s);  // A = 0.5
  CHECK(*r.probability_wait == Approx(0.5));
  CHECK(r.asa->count() == Approx(180.0));                                        // 0.5·180/0.5
  CHECK(*r.service_level == Approx(1.0 - 0.5 * std::exp(-0.5 * 20.0 / 180.0)));  // 0.52702
}

TEST_CASE("A target answer time of 0 s makes the service level the immediate-answer share", "[erlang_c]") {
  const auto r = cskpi::erlang_c(per_half_hour(1000), 110, 0s);  // A = 100
  CHECK(*r.service_level == Approx(1.0 - *r.probability_wait).epsilon(1e-14));
  CHECK(*r.probability_wait == Approx(0.23700750028505274).epsilon(1e-12));
}

TEST_CASE("Required agents for 80 % in 20 s of 100 calls per 30 min, AHT 180 s, is 14", "[erlang_c]") {
  const auto r = cskpi::required_agents(per_half_hour(100), sl_target(0.8, 20s));
  CHECK(r.required_agents == 14);  // 13 agents give SL 0.7956 < 0.8
  CHECK(r.scheduled_agents == 14);
  CHECK(r.at_required.agents == 14);
  CHECK(r.at_required.traffic == 10.0);
  CHECK(*r.at_required.service_level == Approx(0.888).margin(0.001));
  CHECK(*r.at_required.occupancy == Approx(0.714).margin(0.001));  // 10/14
  CHECK(*r.at_required.probability_wait == Approx(0.174).margin(0.001));
  CHECK(r.target.service_level == 0.8);
}

TEST_CASE("Shrinkage 0.3 schedules ceil(14/0.7) = 20 agents", "[erlang_c]") {
  auto target = sl_target(0.8, 20s);
  target.shrinkage = 0.3;
  const auto r = cskpi::required_agents(per_half_hour(100), target);
  CHECK(r.required_agents == 14);
  CHECK(r.scheduled_agents == 20);  // 14/0.7 = 20
}

TEST_CASE("Shrinkage 0.3 on 21 agents schedules 30, not 31 from 21/0.7 = 30.000000000000004", "[erlang_c]") {
  auto target = sl_target(0.8, 20s);
  target.shrinkage = 0.3;
  const auto r = cskpi::required_agents(per_half_hour(168), target);  // A = 16.8: 21 give SL 0.84598
  CHECK(r.required_agents == 21);
  CHECK(r.scheduled_agents == 30);
}

TEST_CASE("An occupancy cap of 0.85 on 1000 calls per hour, AHT 120 s, needs 40 agents", "[erlang_c]") {
  const ErlangCInput in{1000, 60min, 120s};  // A = 1000·120/3600 = 33.33 E
  auto target = sl_target(0.8, 20s);
  const auto uncapped = cskpi::required_agents(in, target);
  CHECK(uncapped.at_required.traffic == Approx(33.333333333333336));
  CHECK(uncapped.required_agents == 38);  // SL 0.8468, occupancy 0.877 > 0.85
  target.max_occupancy = 0.85;
  const auto capped = cskpi::required_agents(in, target);
  CHECK(capped.required_agents == 40);  // ⌈33.33/0.85⌉ = ⌈39.2⌉; 39 give 0.8547
  CHECK(*capped.at_required.occupancy == Approx(0.8333333333333334));
  CHECK(*capped.at_required.service_level == Approx(0.9372106214887137).epsilon(1e-12));
}

TEST_CASE("An occupancy cap that divides exactly in decimals is met exactly: 5.4 E at 0.6 needs 9", "[erlang_c]") {
  auto target = sl_target(0.8, 20s);
  target.max_occupancy = 0.6;
  const auto r = cskpi::required_agents(per_half_hour(54), target);  // SL alone needs 8
  CHECK(r.required_agents == 9);  // 5.4/0.6 = 9.000000000000002 in binary, 9 in decimals
}

TEST_CASE("An ASA target raises the staffing until the mean wait is within it", "[erlang_c]") {
  auto target = sl_target(0.8, 20s);
  target.asa_target = 5s;
  const auto r5 = cskpi::required_agents(per_half_hour(100), target);
  CHECK(r5.required_agents == 15);  // 14 give ASA 7.84 s > 5 s; 15 give 3.67 s
  CHECK(r5.at_required.asa->count() == Approx(3.673525212287568).epsilon(1e-12));
  target.asa_target = 2s;
  CHECK(cskpi::required_agents(per_half_hour(100), target).required_agents == 16);  // 15 → 3.67 s, 16 → 1.72 s
  target.asa_target = 60s;  // looser than the SL target: SL decides
  CHECK(cskpi::required_agents(per_half_hour(100), target).required_agents == 14);
}

TEST_CASE("A 12345-Erlang queue stays finite: 12359 agents for 80 % in 20 s", "[erlang_c]") {
  const auto in = per_half_hour(123450);  // A = 12345
  const auto r = cskpi::required_agents(in, sl_target(0.8, 20s));
  CHECK(r.at_required.traffic == 12345.0);
  CHECK(r.required_agents == 12359);  // reference: SL(12359) = 0.82031, SL(12358) = 0.79683
  CHECK(r.required_agents > 12345);
  CHECK(*r.at_required.service_level == Approx(0.8203125622989283).epsilon(1e-10));
  CHECK(*r.at_required.probability_wait == Approx(0.8513083827498701).epsilon(1e-10));
  CHECK(r.at_required.asa->count() == Approx(10.94539349249833).epsilon(1e-10));
  const auto below = cskpi::erlang_c(in, 12358, 20s);
  CHECK(*below.service_level == Approx(0.7968265327518691).epsilon(1e-10));
  CHECK(*below.service_level < 0.8);
  double previous = 0.0;
  for (std::uint64_t n = 12346; n <= 12420; ++n) {
    const auto e = cskpi::erlang_c(in, n, 20s);
    CAPTURE(n);
    REQUIRE(std::isfinite(*e.service_level));
    REQUIRE(std::isfinite(*e.probability_wait));
    CHECK(*e.service_level > previous);
    previous = *e.service_level;
  }
}

TEST_CASE("A 10^8-Erlang queue is staffed above A, and one agent fewer misses the target", "[erlang_c]") {
  const ErlangCInput in{1e8, 60min, 3600s};  // A = 10^8
  const auto r = cskpi::required_agents(in, sl_target(0.9, 10s));
  CHECK(r.required_agents > 100000000);
  CHECK(r.required_agents < 100000000 + 100000);  // square-root staffing: A + O(√A)
  CHECK(*r.at_required.service_level >= 0.9);
  CHECK(std::isfinite(*r.at_required.probability_wait));
  CHECK(*cskpi::erlang_c(in, r.required_agents - 1, 10s).service_level < 0.9);
}

TEST_CASE("The shortened Erlang B start agrees with the full recurrence from B(0) = 1", "[erlang_c]") {
  for (const double a : {0.3, 7.0, 99.5, 100.0, 1000.0, 12345.0}) {
    const ErlangCInput in{a, 1h, 3600s};  // A = calls
    for (const double extra : {1.0, 2.0, 10.0, 50.0, 200.0}) {
      const auto n = static_cast<std::uint64_t>(std::floor(a + extra));
      CAPTURE(a, n);
      const auto r = cskpi::erlang_c(in, n, 20s);
      CHECK(*r.probability_wait == Approx(textbook_p_wait(a, n)).epsilon(1e-11));
    }
  }
}

TEST_CASE("Service level rises and P_wait and ASA fall as agents are added", "[erlang_c]") {
  for (const double a : {0.05, 0.5, 3.7, 10.0, 48.2, 250.0}) {
    const ErlangCInput in{a, 1h, 3600s};
    const auto first = static_cast<std::uint64_t>(std::floor(a)) + 1;
    auto prev = cskpi::erlang_c(in, first, 20s);
    for (std::uint64_t n = first + 1; n < first + 60; ++n) {
      const auto r = cskpi::erlang_c(in, n, 20s);
      CAPTURE(a, n);
      CHECK(*r.service_level >= *prev.service_level);
      CHECK(*r.probability_wait <= *prev.probability_wait);
      CHECK(r.asa->count() <= prev.asa->count());
      CHECK(*r.occupancy < *prev.occupancy);
      prev = r;
    }
  }
}

TEST_CASE("Required agents is the least N meeting every target: N − 1 does not", "[erlang_c]") {
  for (const double calls : {1.0, 17.0, 100.0, 333.0, 2500.0, 40000.0}) {
    for (const double sl : {0.5, 0.8, 0.95, 0.999}) {
      for (const auto within : {0s, 20s, 60s}) {
        for (const bool with_asa : {false, true}) {
          const auto in = per_half_hour(calls);
          auto target = sl_target(sl, within);
          if (with_asa) target.asa_target = 4s;
          const auto r = cskpi::required_agents(in, target);
          CAPTURE(calls, sl, within.count(), with_asa);
          const auto& at = r.at_required;
          CHECK(at.agents == r.required_agents);
          CHECK(*at.service_level >= sl);
          if (with_asa) CHECK(at.asa->count() <= 4.0);
          const auto fewer = cskpi::erlang_c(in, r.required_agents - 1, within);
          const bool fewer_meets =
              *fewer.service_level >= sl && (!with_asa || (fewer.asa && fewer.asa->count() <= 4.0));
          CHECK_FALSE(fewer_meets);
        }
      }
    }
  }
}

TEST_CASE("N at or below the traffic is unstable: P_wait 1, SL 0, no ASA", "[erlang_c]") {
  for (const std::uint64_t n : {std::uint64_t{1}, std::uint64_t{9}, std::uint64_t{10}}) {
    const auto r = cskpi::erlang_c(per_half_hour(100), n, 20s);  // A = 10; N = A is unstable too
    CAPTURE(n);
    CHECK_FALSE(r.stable);
    CHECK(r.probability_wait == 1.0);
    CHECK(r.service_level == 0.0);
    CHECK_FALSE(r.asa.has_value());
    CHECK(r.occupancy == 1.0);  // every agent always busy
  }
  const auto none = cskpi::erlang_c(per_half_hour(100), 0, 20s);
  CHECK_FALSE(none.stable);
  CHECK_FALSE(none.occupancy.has_value());  // no agents to be busy
  CHECK(cskpi::erlang_c(per_half_hour(100), 11, 20s).stable);
}

TEST_CASE("Zero calls need zero agents, and any agent answers at once", "[erlang_c]") {
  auto target = sl_target(0.8, 20s);
  target.shrinkage = 0.3;
  target.max_occupancy = 0.85;
  const auto r = cskpi::required_agents(per_half_hour(0), target);
  CHECK(r.required_agents == 0);
  CHECK(r.scheduled_agents == 0);
  CHECK(r.at_required.traffic == 0.0);
  CHECK(r.at_required.stable);
  CHECK_FALSE(r.at_required.probability_wait.has_value());
  CHECK_FALSE(r.at_required.service_level.has_value());
  CHECK_FALSE(r.at_required.asa.has_value());
  CHECK_FALSE(r.at_required.occupancy.has_value());
  const auto three = cskpi::erlang_c(per_half_hour(0), 3, 20s);
  CHECK(three.probability_wait == 0.0);
  CHECK(three.service_level == 1.0);
  CHECK(three.asa->count() == 0.0);
  CHECK(three.occupancy == 0.0);
}

TEST_CASE("Very many agents on light traffic: P_wait underflows to 0 and the walk stops early", "[erlang_c]") {
  const auto r = cskpi::erlang_c(per_half_hour(10), std::numeric_limits<std::uint64_t>::max(), 20s);  // A = 1
  CHECK(r.stable);
  CHECK(r.probability_wait == 0.0);
  CHECK(r.service_level == 1.0);
  CHECK(r.asa->count() == 0.0);
}

TEST_CASE("Invalid Erlang C inputs and targets throw invalid_argument", "[erlang_c]") {
  const auto ok = sl_target(0.8, 20s);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(throws_invalid_argument(per_half_hour(-1), ok));
  CHECK(throws_invalid_argument(per_half_hour(nan), ok));
  CHECK(throws_invalid_argument(per_half_hour(std::numeric_limits<double>::infinity()), ok));
  CHECK(throws_invalid_argument(ErlangCInput{100, 30min, 0s}, ok));
  CHECK(throws_invalid_argument(ErlangCInput{100, 30min, -5s}, ok));
  CHECK(throws_invalid_argument(ErlangCInput{100, 0min, 180s}, ok));
  CHECK(throws_invalid_argument(ErlangCInput{2e13, 1s, 1s}, ok));  // 2·10^13 Erlangs > 10^12
  for (const double sl : {0.0, 1.0, 1.2, -0.5, nan}) {
    CAPTURE(sl);
    CHECK(throws_invalid_argument(per_half_hour(100), sl_target(sl, 20s)));
  }
  CHECK(throws_invalid_argument(per_half_hour(100), sl_target(0.8, -1s)));
  for (const double s : {-0.1, 1.0, 1.5, nan}) {
    auto t = ok;
    t.shrinkage = s;
    CAPTURE(s);
    CHECK(throws_invalid_argument(per_half_hour(100), t));
  }
  for (const double cap : {0.0, -0.2, 1.01, nan}) {
    auto t = ok;
    t.max_occupancy = cap;
    CAPTURE(cap);
    CHECK(throws_invalid_argument(per_half_hour(100), t));
  }
  auto no_wait = ok;
  no_wait.asa_target = 0s;
  CHECK(throws_invalid_argument(per_half_hour(100), no_wait));
  CHECK_THROWS_AS(cskpi::erlang_c(per_half_hour(100), 14, -1s), cskpi::Error);
  CHECK_THROWS_AS(cskpi::erlang_c(per_half_hour(-3), 14, 20s), cskpi::Error);
  auto full = ok;
  full.max_occupancy = 1.0;  // the boundary is allowed
  CHECK(cskpi::required_agents(per_half_hour(100), full).required_agents == 14);
}
