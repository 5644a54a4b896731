// The conveniences a user of the C++ API expects (issue 8): a KPI over a range in one call, no
// floating-point score, a group lookup on a Report, input counts from compute_report, fmt printing.
#include <catch2/catch.hpp>

#include <cskpi/format.hpp>
#include <cskpi/model/dataset.hpp>
#include <cskpi/report/engine.hpp>
#include <cskpi/report/report.hpp>

#include <array>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace {

template <typename Accumulator, typename Score, typename = void>
struct can_add : std::false_type {};
template <typename Accumulator, typename Score>
struct can_add<Accumulator, Score, std::void_t<decltype(std::declval<Accumulator&>().add(std::declval<Score>()))>>
    : std::true_type {};

// A floating-point score does not compile (it would be truncated); integers of any width do.
static_assert(!can_add<cskpi::NpsAccumulator, double>::value);
static_assert(!can_add<cskpi::NpsAccumulator, float>::value);
static_assert(!can_add<cskpi::CsatAccumulator, double>::value);
static_assert(!can_add<cskpi::CesAccumulator, long double>::value);
static_assert(can_add<cskpi::NpsAccumulator, int>::value);
static_assert(can_add<cskpi::NpsAccumulator, long>::value);
static_assert(can_add<cskpi::CsatAccumulator, short>::value);

cskpi::TimePoint at(std::int64_t seconds) { return cskpi::from_millis(seconds * 1000); }

}  // namespace

TEST_CASE("A KPI over a range of scores in one call", "[api]") {
  // NPS of 10, 9, 3, 7: promoters 2, detractors 1, n 4 → 100·(2 − 1)/4 = 25.
  const cskpi::NpsResult n = cskpi::nps(std::vector<int>{10, 9, 3, 7});
  CHECK(n.promoters == 2);
  CHECK(n.detractors == 1);
  CHECK(n.score == Approx(25.0));
  CHECK_FALSE(cskpi::nps(std::vector<int>{}).score);
  // CSAT of 5, 4, 3, 1, 5 on 1–5 (satisfied ≥ 4): 3/5 = 0.6; mean 18/5 = 3.6.
  const cskpi::CsatResult c = cskpi::csat(std::array<int, 5>{5, 4, 3, 1, 5});
  CHECK(c.satisfied == 3);
  CHECK(*c.satisfied_share == Approx(0.6));
  CHECK(*c.mean == Approx(3.6));
  // CES of 7, 5, 3 on 1–7 (easy ≥ 5): 2/3 easy; mean 15/3 = 5.
  const cskpi::CesResult e = cskpi::ces(std::vector<int>{7, 5, 3});
  CHECK(e.easy == 2);
  CHECK(*e.mean == Approx(5.0));
  CHECK_THROWS(cskpi::nps(std::vector<int>{11}));
  // Durations 1, 3, 2, 10 s: mean 16/4 = 4 s; median rank ⌈4/2⌉ = 2 → 2 s; p90 rank ⌈3.6⌉ = 4 → 10 s.
  using ms = cskpi::Milliseconds;
  const cskpi::DurationSummary d = cskpi::summarize_durations(std::vector<ms>{ms{1000}, ms{3000}, ms{2000}, ms{10000}});
  CHECK(d.count == 4);
  CHECK(*d.mean == ms{4000});  // one type for all three: cskpi::Duration, milliseconds
  CHECK(d.total.to_double() == 16000.0);  // exact ms
  CHECK(*d.median == ms{2000});
  CHECK(*d.p90 == ms{10000});
}

TEST_CASE("Results print with fmt through the opt-in adapter", "[api]") {
  CHECK(fmt::format("{}", cskpi::nps(std::vector<int>{10, 9, 3, 7})).rfind("NPS 25.0 (n = 4, 95 % CI ", 0) == 0);
  CHECK(fmt::format("{}", cskpi::NpsResult{}) == "NPS — (n = 0)");
  CHECK(fmt::format("{}", cskpi::csat(std::vector<int>{5, 4, 3, 1, 5})) == "CSAT 60.0 % (n = 5, mean 3.60 on 1–5)");
  CHECK(fmt::format("{}", cskpi::ces(std::vector<int>{7, 5, 3})) == "CES 5.00 (easy 66.7 %, n = 3)");
  using ms = cskpi::Milliseconds;
  // 45 s, 65 s, 4 320 s: mean 4 430/3 = 1 476.67 s → 24m 37s; median 65 s; p90 4 320 s = 1h 12m.
  CHECK(fmt::format("{}", cskpi::summarize_durations(std::vector<ms>{ms{45000}, ms{65000}, ms{4320000}})) ==
        "n = 3, mean 24m 37s, median 1m 05s, p90 1h 12m");
  CHECK(fmt::format("{}", cskpi::DurationSummary{}) == "n = 0");
  CHECK(cskpi::human_duration(0.25) == "0.25s");
  CHECK(cskpi::human_duration(45) == "45s");
  CHECK(cskpi::human_duration(90000) == "1d 01h");
  CHECK(cskpi::human_duration(-65) == "-1m 05s");
}

TEST_CASE("A report's groups are found by grouping and key, and compute_report counts its inputs", "[api]") {
  cskpi::Dataset data;
  for (int i = 0; i < 3; ++i) {
    cskpi::Interaction r;
    r.id = "i" + std::to_string(i);
    r.customer_id = "c";
    r.channel = i == 0 ? "chat" : "email";
    r.created_at = at(1'700'000'000 + i * 60);
    REQUIRE(data.add(r));
  }
  data.link();
  cskpi::ReportSpec spec;
  spec.groupings.push_back(cskpi::parse_grouping("channel"));
  const cskpi::Report report = cskpi::compute_report(data, spec);
  CHECK(report.overall().metrics.volume.count == 3);
  const cskpi::Group* email = report.find("channel", {std::string{"email"}});
  REQUIRE(email != nullptr);
  CHECK(email->metrics.volume.count == 2);
  CHECK(report.find(cskpi::parse_grouping("channel"), {std::string{"chat"}})->metrics.volume.count == 1);
  CHECK(report.find("channel", {std::string{"phone"}}) == nullptr);
  CHECK(report.find("", {})->metrics.volume.count == 3);
  // The data set's records are the accepted ones; rejects are the loader's to tell.
  CHECK(report.inputs[static_cast<std::size_t>(cskpi::RecordType::interaction)].accepted == 3);
  CHECK(report.inputs[static_cast<std::size_t>(cskpi::RecordType::interaction)].rejected == 0);
  CHECK(report.inputs[static_cast<std::size_t>(cskpi::RecordType::survey)].read() == 0);
}
