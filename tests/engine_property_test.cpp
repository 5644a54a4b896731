// Properties of the one-pass engine over random data: every grouping's counts add up to the
// overall group, whatever the grouping (KPI → KBI), and splitting the period in two gives
// the same counts as the whole.
#include <catch2/catch.hpp>

#include <cskpi/report/engine.hpp>

#include <random>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Dataset random_dataset(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&](std::uint64_t n) { return rng() % n; };
  const char* channels[] = {"phone", "chat", "email", "self_service"};
  const char* topics[] = {"billing", "login", "shipping"};
  const TimePoint start = at("2026-03-01T00:00:00Z");
  Dataset data;
  for (int i = 0; i < 400; ++i) {
    Interaction r;
    r.id = "i" + std::to_string(i);
    r.customer_id = "c" + std::to_string(pick(60));
    r.channel = channels[pick(4)];
    if (pick(4) != 0) r.topic = std::string{topics[pick(3)]};
    if (pick(3) != 0) r.agent_id = "a" + std::to_string(pick(7));
    if (pick(2) != 0) r.team = pick(2) == 0 ? "red" : "blue";
    r.created_at = start + std::chrono::minutes{static_cast<std::int64_t>(pick(60 * 24 * 62))};  // March-April
    if (pick(3) != 0) r.first_response_at = r.created_at + std::chrono::minutes{static_cast<std::int64_t>(pick(600))};
    if (pick(5) != 0) r.resolved_at = r.created_at + std::chrono::minutes{static_cast<std::int64_t>(pick(6000))};
    if (r.channel == std::string{"phone"}) {
      r.wait_seconds = static_cast<double>(pick(90));
      r.abandoned = pick(6) == 0;
      if (r.abandoned) r.first_response_at.reset();
    }
    if (pick(2) != 0) r.handle_seconds = static_cast<double>(pick(900));
    data.add(r);
    if (pick(3) == 0) {
      SurveyResponse s;
      s.id = "s" + std::to_string(i);
      s.kind = pick(2) == 0 ? SurveyKind::nps : SurveyKind::csat;
      s.score = s.kind == SurveyKind::nps ? static_cast<int>(pick(11)) : 1 + static_cast<int>(pick(5));
      s.responded_at = r.created_at + std::chrono::hours{2};
      s.interaction_id = r.id;
      data.add(s);
    }
  }
  data.link();
  return data;
}

struct Totals {
  std::uint64_t count = 0, resolved = 0, backlog = 0, nps = 0, csat = 0, first_responses = 0, resolutions = 0,
                handles = 0, fcr = 0, queue = 0;
  void add(const GroupMetrics& m) {
    count += m.volume.count;
    resolved += m.volume.resolved.value_or(0);
    backlog += m.volume.backlog.value_or(0);
    nps += m.nps.responses();
    csat += m.csat.responses;
    first_responses += m.first_response.count;
    resolutions += m.resolution.count;
    handles += m.handle.count;
    fcr += m.fcr.resolved;
    queue += m.queue.answered + m.queue.abandoned;
  }
  bool operator==(const Totals& o) const {
    return count == o.count && resolved == o.resolved && nps == o.nps && csat == o.csat &&
           first_responses == o.first_responses && resolutions == o.resolutions && handles == o.handles &&
           fcr == o.fcr && queue == o.queue;
  }
};

}  // namespace

TEST_CASE("Every label grouping adds up to the overall group on random data", "[engine][property]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Dataset data = random_dataset(seed);
    ReportSpec spec;
    spec.from = at("2026-03-01T00:00:00Z");
    spec.to = at("2026-05-01T00:00:00Z");
    spec.as_of = at("2026-04-20T00:00:00Z");
    spec.time_zone = "Europe/Rome";
    for (const char* by : {"channel", "topic", "agent", "team", "team,agent", "channel,topic,team"}) {
      spec.groupings.push_back(parse_grouping(by));
    }
    const Report r = compute_report(data, spec);
    Totals overall;
    overall.add(r.groups[0].metrics);
    for (const Grouping& by : spec.groupings) {
      Totals sum;
      for (const Group& g : r.groups) {
        if (g.by == by) sum.add(g.metrics);
      }
      INFO("seed " << seed << " by " << to_string(by));
      CHECK(sum == overall);
      CHECK(sum.backlog == overall.backlog);  // label groupings share the as_of snapshot
    }
  }
}

TEST_CASE("Time buckets add up to the period and two half periods add up to the whole", "[engine][property]") {
  for (std::uint64_t seed = 11; seed <= 15; ++seed) {
    const Dataset data = random_dataset(seed);
    ReportSpec whole;
    whole.from = at("2026-03-01T00:00:00+01:00");
    whole.to = at("2026-05-01T00:00:00+02:00");
    whole.time_zone = "Europe/Rome";
    whole.groupings = {parse_grouping("month"), parse_grouping("week"), parse_grouping("day"),
                       parse_grouping("hour_of_week")};
    const Report r = compute_report(data, whole);
    Totals overall;
    overall.add(r.groups[0].metrics);
    for (const Grouping& by : whole.groupings) {
      Totals sum;
      for (const Group& g : r.groups) {
        if (g.by == by) sum.add(g.metrics);
      }
      INFO("seed " << seed << " by " << to_string(by));
      CHECK(sum.count == overall.count);
      CHECK(sum.nps == overall.nps);
      CHECK(sum.resolutions == overall.resolutions);
      if (std::get<TimeBucket>(by[0]) != TimeBucket::hour_of_week) CHECK(sum.resolved == overall.resolved);
    }
    // The month groups equal reports over each month on its own (a bucket is its slice of the period).
    ReportSpec march = whole;
    march.groupings.clear();
    march.to = at("2026-04-01T00:00:00+02:00");
    march.as_of = whole.to;  // same "now" as the whole report
    ReportSpec april = march;
    april.from = march.to;
    april.to = whole.to;
    Totals halves;
    halves.add(compute_report(data, march).groups[0].metrics);
    halves.add(compute_report(data, april).groups[0].metrics);
    Totals months;
    for (const Group& g : r.groups) {
      if (g.by == whole.groupings[0]) months.add(g.metrics);
    }
    INFO("seed " << seed);
    CHECK(halves == months);
    // A month bucket's backlog is taken at the month's end; a report's overall backlog at its
    // as_of: with as_of at each month's end the two agree.
    march.as_of = march.to;
    april.as_of = april.to;
    const auto backlog = [&](const ReportSpec& spec) { return *compute_report(data, spec).groups[0].metrics.volume.backlog; };
    CHECK(backlog(march) + backlog(april) == months.backlog);
  }
}
