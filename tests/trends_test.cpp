// Trends, baseline targets and guardrails (SPEC v3 §3 "Trends, targets, guardrails", §4 the
// `trend` and `guardrails` shapes), with the arithmetic of every expected value worked out.
#include <catch2/catch.hpp>

#include <cskpi/report/engine.hpp>
#include <cskpi/stats.hpp>

#include <string>

#include "report/targets.hpp"
#include "report/trends.hpp"

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

const TrendValue& trend_of(const std::vector<TrendValue>& values, std::string_view metric) {
  for (const TrendValue& v : values) {
    if (v.metric == metric) return v;
  }
  FAIL("no trend value " << metric);
  throw std::logic_error("unreachable");
}

bool holds(const std::vector<TrendValue>& values, std::string_view metric) {
  for (const TrendValue& v : values) {
    if (v.metric == metric) return true;
  }
  return false;
}

NpsResult nps(int promoters, int passives, int detractors) {
  NpsAccumulator a;
  for (int i = 0; i < promoters; ++i) a.add(10);
  for (int i = 0; i < passives; ++i) a.add(7);
  for (int i = 0; i < detractors; ++i) a.add(0);
  return a.result();
}

DurationSummary seconds(std::initializer_list<long long> values) {
  DurationAccumulator a;
  for (const long long s : values) a.add(Milliseconds{s * 1000});
  return a.result();
}

/// An interaction of channel `channel` created at `created`, resolved an hour later in `contacts` contacts.
Interaction resolved(const std::string& id, const char* channel, const char* created, std::uint32_t contacts,
                     double handle_seconds) {
  Interaction r;
  r.id = id;
  r.customer_id = "c-" + id;
  r.channel = channel;
  r.created_at = at(created);
  r.resolved_at = r.created_at + std::chrono::hours{1};
  r.contacts = contacts;
  r.handle_seconds = handle_seconds;
  return r;
}

/// March 2026 against February 2026 (L = 28 days: February is [2026-02-01, 2026-03-01)):
/// chat FCR 8 of 10 in March (2 repeats), 3 of 10 in February; handle time 100 s in March,
/// 300 s in February, varying by ±10 s so that the variances are not 0. Email only in March.
Dataset two_months() {
  Dataset data;
  for (int i = 0; i < 10; ++i) {
    const double jitter = i % 2 == 0 ? 10.0 : -10.0;
    const std::string n = std::to_string(i);
    data.add(resolved("feb-" + n, "chat", "2026-02-10T10:00:00Z", i < 3 ? 1 : 2, 300.0 + jitter));
    data.add(resolved("mar-" + n, "chat", "2026-03-10T10:00:00Z", i < 8 ? 1 : 2, 100.0 + jitter));
  }
  data.add(resolved("mar-email", "email", "2026-03-11T10:00:00Z", 1, 50.0));
  data.link();
  return data;
}

ReportSpec march() {
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-03-29T00:00:00Z");  // 28 days, so the previous period is all of February
  spec.groupings.push_back(parse_grouping("channel"));
  return spec;
}

}  // namespace

TEST_CASE("Two-proportion z-test, Welch z and the two-sided normal p-value", "[stats][trend]") {
  // 45/50 against 30/50: pooled p = 75/100 = 0.75; se = sqrt(0.75·0.25·(1/50 + 1/50)) =
  // sqrt(0.0075) = 0.0866025; z = (0.9 − 0.6)/0.0866025 = 3.4641016.
  CHECK(*two_proportion_z(45, 50, 30, 50) == Approx(3.4641016151));
  CHECK(*two_proportion_z(30, 50, 45, 50) == Approx(-3.4641016151));
  CHECK_FALSE(two_proportion_z(5, 5, 7, 7));  // pooled p = 1: no spread, undefined
  CHECK_FALSE(two_proportion_z(0, 0, 7, 7));
  CHECK(two_sided_p_value(1.959963985) == Approx(0.05));
  CHECK(two_sided_p_value(-1.959963985) == Approx(0.05));
  CHECK(two_sided_p_value(0.0) == 1.0);
  // Means 200 (s² 10000, n 3) and 450 (s² 16666.67, n 4): z = −250/sqrt(3333.33 + 4166.67) = −2.8867513.
  CHECK(*welch_z(SampleMoments{200.0, 10000.0, 3}, SampleMoments{450.0, 50000.0 / 3.0, 4}) == Approx(-2.8867513459));
  CHECK_FALSE(welch_z(SampleMoments{200.0, 10000.0, 1}, SampleMoments{450.0, 100.0, 4}));  // n ≥ 2 on both sides
}

TEST_CASE("Duration summaries and CES carry the sample variance for Welch tests", "[trend]") {
  // 100, 200, 300 s: mean 200, s² = (100² + 0 + 100²)/(3 − 1) = 10000 s².
  CHECK(*seconds({100, 200, 300}).variance == Approx(10000.0));
  CHECK_FALSE(seconds({100}).variance);
  // CES 1, 4, 7: mean 4, s² = (9 + 0 + 9)/2 = 9.
  const CesResult c = ces(std::vector<int>{1, 4, 7});
  CHECK(*c.variance == Approx(9.0));
}

TEST_CASE("CSAT trend: a two-proportion z-test on satisfied/responses", "[trend]") {
  GroupMetrics now;
  GroupMetrics before;
  now.csat.responses = 50;
  now.csat.satisfied = 45;  // 90 %
  before.csat.responses = 50;
  before.csat.satisfied = 30;  // 60 %
  const auto values = detail::compare_metrics(now, before, FieldContext{});
  const TrendValue& v = trend_of(values, "csat.score");
  CHECK(v.current == Approx(90.0));
  CHECK(v.previous == Approx(60.0));
  CHECK(v.change == Approx(30.0));
  // z = 3.4641016 (above); p = erfc(3.4641016/√2) = 0.000532006.
  CHECK(*v.p_value == Approx(0.000532006).epsilon(1e-5));
  CHECK(v.significant);
}

TEST_CASE("NPS trend: z = change / sqrt(se1² + se2²) with the se of the score", "[trend]") {
  GroupMetrics now;
  GroupMetrics before;
  now.nps = nps(50, 30, 20);     // score 30; p = 0.5, d = 0.2: se = 100·sqrt((0.7 − 0.09)/100) = 7.81025
  before.nps = nps(40, 30, 30);  // score 10; p = 0.4, d = 0.3: se = 100·sqrt((0.7 − 0.01)/100) = 8.30662
  const auto values = detail::compare_metrics(now, before, FieldContext{});
  const TrendValue& v = trend_of(values, "nps.score");
  CHECK(v.current == Approx(30.0));
  CHECK(v.previous == Approx(10.0));
  CHECK(v.change == Approx(20.0));
  // z = 20/sqrt(61 + 69) = 20/11.40175 = 1.7541160; p = erfc(1.7541160/√2) = 0.0794106: not significant.
  CHECK(*v.p_value == Approx(0.0794106).epsilon(1e-5));
  CHECK_FALSE(v.significant);
}

TEST_CASE("Mean trend: Welch z with the sample variances; counts and medians have no test", "[trend]") {
  GroupMetrics now;
  GroupMetrics before;
  now.handle = seconds({100, 200, 300});         // mean 200, s² 10000, n 3
  before.handle = seconds({300, 400, 500, 600});  // mean 450, s² = (150² + 50² + 50² + 150²)/3 = 16666.67, n 4
  now.volume.count = 3;
  before.volume.count = 4;
  now.first_response = seconds({60, 120});
  before.first_response = seconds({30});
  const auto values = detail::compare_metrics(now, before, FieldContext{});
  const TrendValue& handle = trend_of(values, "handle.mean_s");
  CHECK(handle.change == Approx(-250.0));
  // z = −250/sqrt(10000/3 + 16666.67/4) = −250/86.60254 = −2.8867513; p = erfc(2.8867513/√2) = 0.0038924.
  CHECK(*handle.p_value == Approx(0.0038924).epsilon(1e-5));
  CHECK(handle.significant);
  const TrendValue& count = trend_of(values, "volume.count");
  CHECK(count.change == -1.0);
  CHECK_FALSE(count.p_value);
  CHECK_FALSE(count.significant);
  const TrendValue& median = trend_of(values, "first_response.median_s");
  CHECK(median.change == Approx(30.0));  // 60 (the lower middle of 60, 120) − 30
  CHECK_FALSE(median.p_value);
  // The mean exists on both sides, but one previous value is no variance: no test.
  CHECK_FALSE(trend_of(values, "first_response.mean_s").p_value);
  // Undefined on a side (no responses): the key is left out.
  CHECK_FALSE(holds(values, "csat.score"));
  CHECK_FALSE(holds(values, "resolution.mean_s"));
}

TEST_CASE("A covered previous period gives each group matched by key its trend", "[trend][engine]") {
  const Report report = compute_report(two_months(), march());
  REQUIRE(report.previous);
  CHECK(report.previous->from == at("2026-02-01T00:00:00Z"));
  CHECK(report.previous->to == at("2026-03-01T00:00:00Z"));
  CHECK(report.previous->as_of == at("2026-03-01T00:00:00Z"));  // as_of = to, moved back by L
  const Group* chat = report.find("channel", {"chat"});
  REQUIRE(chat);
  REQUIRE(chat->trend);
  CHECK(chat->trend->previous_from == at("2026-02-01T00:00:00Z"));
  const TrendValue* fcr = chat->trend->find("fcr.rate");
  REQUIRE(fcr);
  // 8/10 against 3/10: pooled 11/20 = 0.55; se = sqrt(0.55·0.45·0.2) = 0.2224860; z = 0.5/0.2224860 = 2.2473329;
  // p = erfc(2.2473329/√2) = 0.0246.
  CHECK(fcr->current == Approx(80.0));
  CHECK(fcr->previous == Approx(30.0));
  CHECK(*fcr->p_value == Approx(0.024619).epsilon(1e-4));
  CHECK(fcr->significant);
  // The email group has no February twin: no trend.
  const Group* email = report.find("channel", {"email"});
  REQUIRE(email);
  CHECK_FALSE(email->trend);
  REQUIRE(report.overall().trend);
  CHECK(report.overall().trend->find("volume.count")->change == 1.0);  // 11 − 10
}

TEST_CASE("No trend when no record is attributed in the previous period", "[trend][engine]") {
  SECTION("nothing before from") {
    Dataset data;
    data.add(resolved("a", "chat", "2026-03-10T10:00:00Z", 1, 100.0));
    data.link();
    const Report report = compute_report(data, march());
    CHECK_FALSE(report.previous);
    CHECK_FALSE(report.overall().trend);
  }
  SECTION("records before the previous period only: context, not coverage") {
    Dataset data;
    data.add(resolved("old", "chat", "2026-01-10T10:00:00Z", 1, 100.0));  // before 2026-02-01
    data.add(resolved("a", "chat", "2026-03-10T10:00:00Z", 1, 100.0));
    data.link();
    const Report report = compute_report(data, march());
    CHECK_FALSE(report.previous);
    for (const Group& g : report.groups) CHECK_FALSE(g.trend);
    CHECK(report.guardrails.empty());
  }
}

TEST_CASE("Baseline targets: previous value improved, met, missed or undefined", "[trend][targets]") {
  ReportSpec spec = march();
  TargetSpec fcr{"fcr.rate", std::nullopt, std::nullopt, {}, TargetBaseline::previous, 5.0};
  TargetSpec handle{"handle.mean_s", std::nullopt, std::nullopt, {{"channel", "chat"}}, TargetBaseline::previous, 250.0};
  spec.config.targets = {fcr, handle};
  const Report report = compute_report(two_months(), spec);
  const auto row = [&report](const std::string& metric, const std::string& by,
                             const std::vector<std::optional<std::string>>& key) -> const TargetResult& {
    for (const TargetResult& t : report.targets) {
      if (t.target.metric == metric && to_string(t.by) == by && t.key == key) return t;
    }
    FAIL("no target row");
    throw std::logic_error("unreachable");
  };
  // chat FCR: previous 30 %, bound 30 + 5 = 35, value 80: met with gap 45.
  const TargetResult& chat = row("fcr.rate", "channel", {"chat"});
  CHECK(*chat.baseline == Approx(30.0));
  CHECK(*chat.min == Approx(35.0));
  CHECK_FALSE(chat.max);
  CHECK(chat.status == TargetStatus::met);
  CHECK(*chat.gap == Approx(45.0));
  // email has no previous group: undefined, no bound.
  const TargetResult& email = row("fcr.rate", "channel", {"email"});
  CHECK(email.status == TargetStatus::undefined);
  CHECK_FALSE(email.baseline);
  CHECK_FALSE(email.min);
  // chat handle time, lower is better: previous mean 300 s, bound at most 300 − 250 = 50 s; value 100 s: missed by 50.
  const TargetResult& speed = row("handle.mean_s", "channel", {"chat"});
  CHECK(*speed.baseline == Approx(300.0));
  CHECK(*speed.max == Approx(50.0));
  CHECK(speed.status == TargetStatus::missed);
  CHECK(*speed.gap == Approx(-50.0));
  SECTION("not covered: every baseline target is undefined") {
    spec.from = at("2026-03-10T00:00:00Z");  // L = 1 day: the previous period [2026-03-09, 2026-03-10)
    spec.to = at("2026-03-11T00:00:00Z");    // holds no record, though February is in the data
    const Report uncovered = compute_report(two_months(), spec);
    REQUIRE(uncovered.targets.size() == 3);  // fcr: overall and chat; handle: chat
    CHECK(uncovered.targets[1].value);       // chat FCR has a value, but nothing to compare it with
    for (const TargetResult& t : uncovered.targets) {
      CHECK(t.status == TargetStatus::undefined);
      CHECK_FALSE(t.baseline);
    }
  }
}

TEST_CASE("Guardrails flag faster work bought with a significant loss of quality", "[trend][guardrails]") {
  Report report;
  Group flagged;
  flagged.by = parse_grouping("channel");
  flagged.key = {"chat"};
  flagged.trend = GroupTrend{};
  flagged.trend->metrics = {TrendValue{"handle.mean_s", 100.0, 142.0, -42.0, 0.2, false},
                            TrendValue{"fcr.rate", 70.0, 73.9, -3.9, 0.004, true},
                            TrendValue{"csat.score", 80.0, 82.0, -2.0, 0.3, false}};
  Group slower = flagged;  // quality fell significantly, but speed did not improve
  slower.key = {"email"};
  slower.trend->metrics[0].change = 12.0;
  Group insignificant = flagged;  // faster, quality fell, but not significantly
  insignificant.key = {"phone"};
  insignificant.trend->metrics[1].significant = false;
  report.groups = {flagged, slower, insignificant};
  const std::vector<Guardrail> guardrails = detail::find_guardrails(report);
  REQUIRE(guardrails.size() == 1);
  CHECK(guardrails[0].key == std::vector<std::optional<std::string>>{"chat"});
  CHECK(guardrails[0].speed == "handle.mean_s");
  CHECK(guardrails[0].speed_change == -42.0);
  CHECK(guardrails[0].quality == "fcr.rate");
  CHECK(guardrails[0].quality_change == Approx(-3.9));
  CHECK(*guardrails[0].p_value == 0.004);
}

TEST_CASE("A real run flags the chat group: handle time fell while FCR fell significantly", "[trend][guardrails]") {
  // Swap the months: March has February's low FCR (3/10) and the shorter handle time.
  Dataset data;
  for (int i = 0; i < 10; ++i) {
    const double jitter = i % 2 == 0 ? 10.0 : -10.0;
    const std::string n = std::to_string(i);
    data.add(resolved("feb-" + n, "chat", "2026-02-10T10:00:00Z", i < 8 ? 1 : 2, 300.0 + jitter));
    data.add(resolved("mar-" + n, "chat", "2026-03-10T10:00:00Z", i < 3 ? 1 : 2, 100.0 + jitter));
  }
  data.link();
  const Report report = compute_report(data, march());
  // Overall and chat: handle 300 → 100 s (−200), FCR 80 → 30 % (−50, p = 0.0246).
  REQUIRE(report.guardrails.size() == 2);
  CHECK(report.guardrails[0].by.empty());
  CHECK(to_string(report.guardrails[1].by) == "channel");
  CHECK(report.guardrails[1].speed == "handle.mean_s");
  CHECK(report.guardrails[1].speed_change == Approx(-200.0));
  CHECK(report.guardrails[1].quality == "fcr.rate");
  CHECK(report.guardrails[1].quality_change == Approx(-50.0));
  CHECK(*report.guardrails[1].p_value == Approx(0.024619).epsilon(1e-4));
}

TEST_CASE("Lower is better for durations and unwanted rates", "[targets]") {
  GroupMetrics m;
  const std::vector<Field> fields = field_table(m, FieldContext{});
  CHECK(detail::lower_is_better(*find_field(fields, "handle.mean_s")));
  CHECK(detail::lower_is_better(*find_field(fields, "queue.abandon_rate")));
  CHECK(detail::lower_is_better(*find_field(fields, "reopen.rate")));
  CHECK_FALSE(detail::lower_is_better(*find_field(fields, "fcr.rate")));
  CHECK_FALSE(detail::lower_is_better(*find_field(fields, "csat.score")));
  CHECK_FALSE(detail::lower_is_better(*find_field(fields, "queue.service_level")));
}
