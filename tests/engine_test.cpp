// The one-pass report engine: period defaults, grouping, sorting, as_of, backlog and
// resolved per bucket, inheritance of survey dimensions (SPEC §2, §3 Volume).
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/report/engine.hpp>

#include <numeric>
#include <random>
#include <string>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Interaction interaction(std::string id, std::string channel, const char* created,
                        const char* resolved = nullptr) {
  Interaction r;
  r.id = std::move(id);
  r.customer_id = "c-" + r.id;
  r.channel = std::move(channel);
  r.created_at = at(created);
  if (resolved) r.resolved_at = at(resolved);
  return r;
}

SurveyResponse survey(std::string id, SurveyKind kind, int score, const char* responded) {
  SurveyResponse s;
  s.id = std::move(id);
  s.kind = kind;
  s.score = score;
  s.responded_at = at(responded);
  return s;
}

std::vector<const Group*> groups_by(const Report& r, const std::string& by) {
  std::vector<const Group*> out;
  for (const auto& g : r.groups) {
    if (to_string(g.by) == by) out.push_back(&g);
  }
  return out;
}

const Group& group(const Report& r, const std::string& by, const std::vector<std::optional<std::string>>& key) {
  for (const auto& g : r.groups) {
    if (to_string(g.by) == by && g.key == key) return g;
  }
  FAIL("no group " << by);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("The overall group comes first and exists even when the period holds nothing", "[engine]") {
  Dataset data;
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-02-01T00:00:00Z");
  spec.groupings = {parse_grouping("channel")};
  const Report r = compute_report(data, spec);
  REQUIRE(r.groups.size() == 1);  // no channel key occurs: only the overall group
  CHECK(r.groups[0].by.empty());
  CHECK(r.groups[0].metrics.volume.count == 0);
  CHECK_FALSE(r.groups[0].metrics.volume.share);  // 0 / 0 is undefined
  CHECK(r.groups[0].metrics.volume.backlog == 0u);
  CHECK_FALSE(r.groups[0].metrics.nps.score);
  CHECK_FALSE(r.groups[0].metrics.resolution.mean);
}

TEST_CASE("The default period runs from the earliest attribution instant to the latest plus one second", "[engine]") {
  Dataset data;
  data.add(interaction("a", "chat", "2026-01-05T10:00:00Z"));
  data.add(interaction("b", "chat", "2026-01-07T12:00:00Z", "2026-01-09T00:00:00Z"));  // resolution is no attribution
  data.add(survey("s", SurveyKind::nps, 9, "2026-01-08T00:00:00Z"));
  data.link();
  const ReportPeriod p = resolve_period(data, ReportSpec{});
  CHECK(p.from == at("2026-01-05T10:00:00Z"));
  CHECK(p.to == at("2026-01-08T00:00:01Z"));  // latest attribution + 1 s
  CHECK(p.as_of == at("2026-01-09T00:00:01Z"));  // v3: the latest instant recorded (b's resolution) + 1 s
  CHECK(p.time_zone == "UTC");
  const Report r = compute_report(data, ReportSpec{});
  CHECK(r.groups[0].metrics.volume.count == 2);
  CHECK(r.groups[0].metrics.nps.responses() == 1);
}

TEST_CASE("A period whose from is not before its to is refused", "[engine]") {
  Dataset data;
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-02T00:00:00Z");
  spec.to = at("2026-01-02T00:00:00Z");
  CHECK_THROWS_AS(resolve_period(data, spec), Error);
  spec.time_zone = "+01:00";
  spec.to = at("2026-01-03T00:00:00Z");
  CHECK_THROWS_AS(resolve_period(data, spec), Error);
}

TEST_CASE("Label groups sort by UTF-8 bytes with the null key first", "[engine]") {
  Dataset data;
  data.add(interaction("1", "b", "2026-01-01T00:00:00Z"));
  data.add(interaction("2", "a", "2026-01-01T00:00:00Z"));
  data.add(interaction("3", "B", "2026-01-01T00:00:00Z"));
  data.add(interaction("4", "\xc3\xa9t\xc3\xa9", "2026-01-01T00:00:00Z"));  // "été": 0xC3 sorts after ASCII
  data.add(survey("s", SurveyKind::csat, 5, "2026-01-01T00:00:00Z"));     // no channel: the null key
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("channel")};
  const Report r = compute_report(data, spec);
  const auto g = groups_by(r, "channel");
  REQUIRE(g.size() == 5);
  CHECK_FALSE(g[0]->key[0]);
  CHECK(*g[1]->key[0] == "B");
  CHECK(*g[2]->key[0] == "a");
  CHECK(*g[3]->key[0] == "b");
  CHECK(*g[4]->key[0] == "\xc3\xa9t\xc3\xa9");
  CHECK(g[0]->metrics.volume.count == 0);
  CHECK(g[0]->metrics.volume.share == 0.0);  // 0 of 4, defined
  CHECK(g[1]->metrics.volume.share == 0.25);
}

TEST_CASE("Volume by day: count, resolved in the bucket, net change and backlog at each bucket end", "[engine]") {
  Dataset data;
  // old: created before the period, resolved on day 2 → resolved counts on day 2, backlog at day-1 end.
  data.add(interaction("old", "chat", "2025-12-31T12:00:00Z", "2026-01-02T08:00:00Z"));
  data.add(interaction("a", "chat", "2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z"));
  data.add(interaction("b", "chat", "2026-01-01T23:00:00Z", "2026-01-03T00:00:00Z"));  // resolved at day-2 end
  data.add(interaction("c", "chat", "2026-01-02T10:00:00Z"));                          // open
  data.add(interaction("d", "chat", "2026-01-03T10:00:00Z", "2026-01-05T00:00:00Z"));  // resolved after as_of
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-01-04T00:00:00Z");
  spec.as_of = at("2026-01-03T12:00:00Z");
  spec.groupings = {parse_grouping("day")};
  const Report r = compute_report(data, spec);
  const auto& all = r.groups[0].metrics.volume;
  CHECK(all.count == 4);          // a, b, c, d (created ≤ as_of)
  CHECK(all.resolved == 3u);      // old (01-02), a (01-01), b (01-03 00:00); d is after as_of
  CHECK(all.net_change == 1);     // 4 − 3
  CHECK(all.backlog == 2u);       // at as_of 01-03T12: c and d open (b resolved at 00:00 < 12:00)
  const auto& d1 = group(r, "day", {"2026-01-01"}).metrics.volume;
  CHECK(d1.count == 2);           // a, b
  CHECK(d1.resolved == 1u);       // a
  CHECK(d1.net_change == 1);
  CHECK(d1.backlog == 2u);        // at 01-02T00: old, b
  const auto& d2 = group(r, "day", {"2026-01-02"}).metrics.volume;
  CHECK(d2.count == 1);           // c
  CHECK(d2.resolved == 1u);       // old
  CHECK(d2.backlog == 1u);        // at 01-03T00: c; b, resolved exactly at the snapshot, is resolved
  const auto& d3 = group(r, "day", {"2026-01-03"}).metrics.volume;
  CHECK(d3.count == 1);           // d
  CHECK(d3.resolved == 1u);       // b at 00:00
  CHECK(d3.backlog == 2u);        // snapshot min(01-04T00, as_of 01-03T12): c, d
  CHECK(groups_by(r, "day").size() == 3);
}

TEST_CASE("Records after as_of have not happened yet", "[engine]") {
  Dataset data;
  Interaction a = interaction("a", "chat", "2026-01-01T09:00:00Z", "2026-01-01T12:00:00Z");
  a.first_response_at = at("2026-01-01T10:00:00Z");
  Interaction b = interaction("b", "chat", "2026-01-01T09:00:00Z", "2026-01-02T12:00:00Z");
  b.first_response_at = at("2026-01-02T10:00:00Z");
  data.add(a);
  data.add(b);
  data.add(interaction("late", "chat", "2026-01-02T09:00:00Z"));  // created after as_of
  data.add(survey("s1", SurveyKind::nps, 10, "2026-01-01T11:00:00Z"));
  data.add(survey("s2", SurveyKind::nps, 0, "2026-01-01T13:00:00Z"));  // after as_of
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-01-03T00:00:00Z");
  spec.as_of = at("2026-01-01T12:00:00Z");
  const Report r = compute_report(data, spec);
  const auto& m = r.groups[0].metrics;
  CHECK(m.volume.count == 2);              // late is not counted
  CHECK(m.first_response.count == 1);      // b's first response is after as_of
  CHECK(m.first_response.median == Milliseconds{3600000});
  CHECK(m.resolution.count == 1);          // a resolved exactly at as_of: it has happened
  CHECK(m.resolution.median == Milliseconds{3 * 3600000});
  CHECK(m.volume.resolved == 1u);
  CHECK(m.volume.backlog == 1u);           // b, open at as_of
  CHECK(m.nps.responses() == 1);
  CHECK(m.nps.score == 100.0);
}

TEST_CASE("hour_of_week groups have no resolved, net change or backlog", "[engine]") {
  Dataset data;
  data.add(interaction("a", "phone", "2026-01-05T00:30:00Z", "2026-01-05T01:00:00Z"));  // Monday 00:30 UTC
  data.add(interaction("b", "phone", "2026-01-11T23:59:00Z"));                          // Sunday 23:59 UTC
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("hour_of_week")};
  const Report r = compute_report(data, spec);
  const auto g = groups_by(r, "hour_of_week");
  REQUIRE(g.size() == 2);
  CHECK(*g[0]->key[0] == "0");
  CHECK(*g[1]->key[0] == "167");  // 6·24 + 23
  CHECK(g[0]->metrics.volume.count == 1);
  CHECK_FALSE(g[0]->metrics.volume.resolved);
  CHECK_FALSE(g[0]->metrics.volume.net_change);
  CHECK_FALSE(g[0]->metrics.volume.backlog);
}

TEST_CASE("A group with only resolutions in the period is listed with count 0", "[engine]") {
  Dataset data;
  data.add(interaction("old", "legacy", "2025-12-01T00:00:00Z", "2026-01-02T00:00:00Z"));
  data.add(interaction("new", "chat", "2026-01-02T00:00:00Z"));
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-01-03T00:00:00Z");
  spec.groupings = {parse_grouping("channel")};
  const Report r = compute_report(data, spec);
  const auto& legacy = group(r, "channel", {"legacy"}).metrics.volume;
  CHECK(legacy.count == 0);
  CHECK(legacy.resolved == 1u);
  CHECK(legacy.net_change == -1);
  CHECK(legacy.backlog == 0u);
}

TEST_CASE("The repeated hour of a fall-back night is one hour bucket in America/New_York", "[engine]") {
  Dataset data;
  // 2026-11-01: EDT (−4) until 06:00Z, then EST (−5). 05:30Z = 01:30 EDT, 06:30Z = 01:30 EST.
  data.add(interaction("a", "chat", "2026-11-01T05:30:00Z"));
  data.add(interaction("b", "chat", "2026-11-01T06:30:00Z", "2026-11-01T06:45:00Z"));
  data.add(interaction("c", "chat", "2026-11-01T07:10:00Z"));  // 02:10 EST
  data.link();
  ReportSpec spec;
  spec.time_zone = "America/New_York";
  spec.groupings = {parse_grouping("hour"), parse_grouping("day")};
  const Report r = compute_report(data, spec);
  const auto hours = groups_by(r, "hour");
  REQUIRE(hours.size() == 2);
  CHECK(*hours[0]->key[0] == "2026-11-01T01");
  CHECK(hours[0]->metrics.volume.count == 2);   // a and b: one bucket of two real hours
  CHECK(hours[0]->metrics.volume.resolved == 1u);
  CHECK(hours[0]->metrics.volume.backlog == 1u);  // at 07:00Z (02:00 EST): a open; b resolved
  CHECK(*hours[1]->key[0] == "2026-11-01T02");
  const auto days = groups_by(r, "day");
  REQUIRE(days.size() == 1);
  CHECK(*days[0]->key[0] == "2026-11-01");
  CHECK(days[0]->metrics.volume.count == 3);
}

TEST_CASE("Surveys inherit the linked interaction's dimensions, explicit values win", "[engine]") {
  Dataset data;
  Interaction a = interaction("a", "email", "2026-01-01T09:00:00Z");
  a.kind = "complaint";
  a.team = "blue";
  data.add(a);
  SurveyResponse linked = survey("s1", SurveyKind::csat, 5, "2026-01-01T10:00:00Z");
  linked.interaction_id = "a";
  SurveyResponse explicit_team = survey("s2", SurveyKind::csat, 1, "2026-01-01T10:00:00Z");
  explicit_team.interaction_id = "a";
  explicit_team.team = "red";
  SurveyResponse dangling = survey("s3", SurveyKind::csat, 4, "2026-01-01T10:00:00Z");
  dangling.interaction_id = "missing";
  data.add(linked);
  data.add(explicit_team);
  data.add(dangling);
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("kind"), parse_grouping("team")};
  const Report r = compute_report(data, spec);
  CHECK(group(r, "kind", {"complaint"}).metrics.csat.responses == 2);  // s1, s2 inherit the kind
  CHECK(group(r, "kind", {std::nullopt}).metrics.csat.responses == 1);  // s3 inherits nothing
  CHECK(group(r, "team", {"blue"}).metrics.csat.satisfied == 1);        // s1
  CHECK(group(r, "team", {"red"}).metrics.csat.responses == 1);         // s2: explicit wins
}

TEST_CASE("Groups by agent add up to the overall group (KPI to KBI)", "[engine]") {
  Dataset data;
  for (int i = 0; i < 30; ++i) {
    Interaction x = interaction("i" + std::to_string(i), i % 3 == 0 ? "phone" : "chat", "2026-01-01T00:00:00Z");
    x.created_at += std::chrono::minutes{97 * i};
    if (i % 4 != 0) x.resolved_at = x.created_at + std::chrono::minutes{30 + i};
    if (i % 5 != 0) x.agent_id = "agent-" + std::to_string(i % 4);
    x.team = i % 2 == 0 ? "east" : "west";
    data.add(x);
  }
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("agent"), parse_grouping("team"), parse_grouping("team,agent")};
  const Report r = compute_report(data, spec);
  const auto& all = r.groups[0].metrics;
  for (const char* by : {"agent", "team", "team,agent"}) {
    std::uint64_t count = 0, resolved = 0, backlog = 0, samples = 0;
    for (const Group* g : groups_by(r, by)) {
      count += g->metrics.volume.count;
      resolved += *g->metrics.volume.resolved;
      backlog += *g->metrics.volume.backlog;
      samples += g->metrics.resolution.count;
    }
    CHECK(count == all.volume.count);
    CHECK(resolved == *all.volume.resolved);
    CHECK(backlog == *all.volume.backlog);
    CHECK(samples == all.resolution.count);
  }
}

TEST_CASE("FCR uses the contacts method when any interaction has contacts, else the repeat window", "[engine]") {
  Dataset data;
  Interaction a = interaction("a", "chat", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");
  a.contacts = 1;
  Interaction b = interaction("b", "chat", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z");  // no contacts: left out
  Interaction c = interaction("c", "chat", "2026-01-01T04:00:00Z", "2026-01-01T05:00:00Z");
  c.contacts = 2;
  Interaction d = interaction("d", "self_service", "2026-01-01T06:00:00Z", "2026-01-01T06:01:00Z");
  d.contacts = 1;  // self-service is never an FCR case
  for (const auto& x : {a, b, c, d}) data.add(x);
  data.link();
  ReportSpec spec;  // the default as_of (latest creation + 1 s) would leave d and f unresolved
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-01-10T00:00:00Z");
  const Report r = compute_report(data, spec);
  const auto& m = r.groups[0].metrics;
  CHECK(m.fcr.method == FcrMethod::contacts);
  CHECK(m.fcr.resolved == 2);       // a, c
  CHECK(m.fcr.first_contact == 1);  // a
  CHECK(m.self_service.resolved == 4);
  CHECK(m.self_service.self_service == 1);

  Dataset repeat;
  Interaction e = interaction("e", "chat", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");
  e.customer_id = "same";
  Interaction f = interaction("f", "chat", "2026-01-03T00:00:00Z", "2026-01-03T01:00:00Z");
  f.customer_id = "same";  // back within 7 days on the same (absent) topic
  repeat.add(e);
  repeat.add(f);
  repeat.link();
  const Report r2 = compute_report(repeat, spec);
  CHECK(r2.groups[0].metrics.fcr.method == FcrMethod::repeat_window);
  CHECK(r2.groups[0].metrics.fcr.resolved == 2);
  CHECK(r2.groups[0].metrics.fcr.first_contact == 1);  // f; e had a repeat contact
}

TEST_CASE("compute_report requires a linked data set", "[engine]") {
  Dataset data;
  data.add(survey("s", SurveyKind::nps, 9, "2026-01-01T00:00:00Z"));
  CHECK_THROWS_AS(compute_report(data, ReportSpec{}), Error);
}

TEST_CASE("Groupings parse dimensions and buckets and refuse unknown or repeated parts", "[engine]") {
  const Grouping g = parse_grouping("channel,month");
  REQUIRE(g.size() == 2);
  CHECK(std::get<Dimension>(g[0]) == Dimension::channel);
  CHECK(std::get<TimeBucket>(g[1]) == TimeBucket::month);
  CHECK(to_string(g) == "channel,month");
  CHECK_THROWS_AS(parse_grouping("colour"), Error);
  CHECK_THROWS_AS(parse_grouping("channel,channel"), Error);
  CHECK_THROWS_AS(parse_grouping(""), Error);
}

namespace {

/// The data of the as_of default tests: a resolution, an abandonment and an interaction event
/// recorded after the last creation and survey (the last attribution instants).
Dataset late_records() {
  Dataset data;
  data.add(interaction("a", "chat", "2026-02-02T09:00:00Z", "2026-02-05T10:00:00Z"));  // resolved after the last creation
  data.add(interaction("b", "chat", "2026-02-03T12:00:00Z"));                          // open; replied to by an event
  Interaction c = interaction("c", "phone", "2026-02-04T08:00:00Z");
  c.wait_seconds = 90;
  c.abandoned = true;  // abandoned at 08:01:30
  data.add(c);
  data.add(survey("s", SurveyKind::nps, 9, "2026-02-04T20:00:00Z"));  // the last attribution instant
  InteractionEvent reply;
  reply.interaction_id = "b";
  reply.at = at("2026-02-06T07:00:00Z");  // the latest instant recorded
  reply.type = InteractionEventType::agent_reply;
  data.add(reply);
  data.link();
  return data;
}

}  // namespace

TEST_CASE("Without --to, as_of is the latest instant recorded + 1 s: late resolutions have happened",
          "[engine][v3]") {
  const Dataset data = late_records();
  const ReportPeriod p = resolve_period(data, ReportSpec{});
  CHECK(p.from == at("2026-02-02T09:00:00Z"));     // a's creation
  CHECK(p.to == at("2026-02-04T20:00:01Z"));       // the survey + 1 s
  CHECK(p.as_of == at("2026-02-06T07:00:01Z"));    // b's reply event + 1 s (v2: = to)
  const Report r = compute_report(data, ReportSpec{});
  const auto& m = r.groups[0].metrics;
  CHECK(m.volume.count == 3);                 // a, b, c
  CHECK(m.volume.resolved == 0u);             // a's resolution (02-05) is after to: not in the period
  CHECK(m.volume.abandoned == 1u);            // c, at 02-04T08:01:30
  CHECK(m.volume.net_change == 2);            // 3 - 0 - 1
  CHECK(m.volume.backlog == 1u);              // b only: a resolved and c abandoned by as_of (v2 gave a, b, c = 3)
  CHECK(m.resolution.count == 1);             // a: 02-02T09:00 -> 02-05T10:00 = 3 d 1 h
  CHECK(*m.resolution.mean == Milliseconds{262800000});  // 262 800 s
  CHECK(m.first_response.count == 1);         // b: 02-03T12:00 -> 02-06T07:00 = 2 d 19 h
  CHECK(*m.first_response.mean == Milliseconds{241200000});  // 241 200 s
}

TEST_CASE("With --to, as_of stays to: what is recorded later has not happened", "[engine][v3]") {
  const Dataset data = late_records();
  ReportSpec spec;
  spec.to = at("2026-02-05T00:00:00Z");
  const ReportPeriod p = resolve_period(data, spec);
  CHECK(p.as_of == at("2026-02-05T00:00:00Z"));
  const Report r = compute_report(data, spec);
  const auto& m = r.groups[0].metrics;
  CHECK(m.volume.backlog == 2u);         // a (resolved 02-05T10:00, later) and b; c abandoned at 02-04T08:01:30
  CHECK(m.resolution.count == 0);
  CHECK(m.first_response.count == 0);    // the reply event is after as_of
  spec.as_of = at("2026-02-04T08:00:30Z");  // an explicit --as-of wins: c is still waiting
  CHECK(resolve_period(data, spec).as_of == at("2026-02-04T08:00:30Z"));
  CHECK(compute_report(data, spec).groups[0].metrics.volume.backlog == 3u);  // a, b, c
}

TEST_CASE("An interaction without customer_id is left out of repeat-window FCR and of nothing else",
          "[engine][v3]") {
  const auto anonymous = [](const char* id, const char* created, const char* resolved) {
    Interaction r = interaction(id, "chat", created, resolved);
    r.customer_id.reset();
    return r;
  };
  Interaction a = interaction("a", "chat", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");
  a.customer_id = "k";
  Interaction d = interaction("d", "chat", "2026-01-04T00:00:00Z", "2026-01-04T01:00:00Z");
  d.customer_id = "k";  // a repeat of a (same customer, same absent topic, 3 days later)
  // b and c have no customer: they are no case, and not repeats of each other (one day apart).
  const Interaction b = anonymous("b", "2026-01-02T00:00:00Z", "2026-01-02T01:00:00Z");
  const Interaction c = anonymous("c", "2026-01-03T00:00:00Z", "2026-01-03T01:00:00Z");
  Dataset data;
  for (const auto& x : {a, b, c, d}) data.add(x);
  CustomerEvent start;  // customer figures only look at customer events: no crash on no customer
  start.customer_id = "k";
  start.type = CustomerEventType::start;
  start.at = at("2026-01-01T00:00:00Z");
  data.add(start);
  data.link();
  CHECK(data.interactions().customer[1] == no_code);
  CHECK_FALSE(data.interaction(1).customer_id);
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-01-10T00:00:00Z");
  spec.groupings = {parse_grouping("product"), parse_grouping("day")};
  const Report r = compute_report(data, spec);
  const auto& m = r.groups[0].metrics;
  CHECK(m.fcr.method == FcrMethod::repeat_window);
  CHECK(m.fcr.resolved == 2);       // a and d; b and c left out
  CHECK(m.fcr.first_contact == 1);  // d; a has the repeat d
  CHECK(*m.fcr.rate == Approx(0.5));
  CHECK(m.volume.count == 4);       // everything else counts b and c
  CHECK(m.resolution.count == 4);
  CHECK(m.reopen.resolved == 4);
  CHECK(m.self_service.resolved == 4);
  REQUIRE(m.customers);
  CHECK(m.customers->new_customers == 1);  // k
  CHECK(group(r, "day", {"2026-01-02"}).metrics.fcr.resolved == 0);  // b alone

  // The contacts method does not need a customer: b with contacts 1 is a case.
  Interaction b1 = b;
  b1.contacts = 1;
  Dataset with_contacts;
  for (const auto& x : {a, b1, c, d}) with_contacts.add(x);
  with_contacts.link();
  const Report r2 = compute_report(with_contacts, spec);
  const auto& fcr = r2.groups[0].metrics.fcr;
  CHECK(fcr.method == FcrMethod::contacts);
  CHECK(fcr.resolved == 1);  // b: the only one with contacts
  CHECK(fcr.first_contact == 1);
}

TEST_CASE("The period and as_of of records before 1970: negative instants, absent ones aside", "[engine][v3]") {
  Dataset data;
  data.add(interaction("a", "chat", "1969-12-30T10:00:00Z", "1969-12-31T20:00:00Z"));  // no first response
  Interaction b = interaction("b", "chat", "1969-12-31T12:00:00Z");
  b.abandoned = true;
  b.wait_seconds = 36000;  // abandoned at 12:00 + 10 h = 22:00, the latest instant recorded
  data.add(b);
  data.link();
  const ReportPeriod p = resolve_period(data, ReportSpec{});
  CHECK(p.from == at("1969-12-30T10:00:00Z"));
  CHECK(p.to == at("1969-12-31T12:00:01Z"));     // b's creation + 1 s
  CHECK(p.as_of == at("1969-12-31T22:00:01Z"));  // b's abandonment + 1 s (a's resolution is 20:00)
  Dataset without_abandonment;
  without_abandonment.add(interaction("a", "chat", "1969-12-30T10:00:00Z", "1969-12-31T20:00:00Z"));
  without_abandonment.link();
  CHECK(resolve_period(without_abandonment, ReportSpec{}).as_of == at("1969-12-31T20:00:01Z"));
}

TEST_CASE("The period's scans split among threads find the instants one thread finds", "[engine][property][threads]") {
  // 300,000 interactions (the scans split from 65,536 rows a thread), instants before and after
  // 1970, the earliest and the latest anywhere: in a part's first or last row, or between.
  for (unsigned seed = 1; seed <= 3; ++seed) {
    std::mt19937_64 rng(seed);
    Dataset data;
    const std::int64_t base = to_millis(at("1969-06-01T00:00:00Z"));
    for (int i = 0; i < 300000; ++i) {
      Interaction r;
      r.id = "I" + std::to_string(i);
      r.channel = "chat";
      r.created_at = from_millis(base + static_cast<std::int64_t>(rng() % 40'000'000'000ull));
      if (rng() % 3 == 0) r.resolved_at = r.created_at + Milliseconds{static_cast<std::int64_t>(rng() % 9'000'000'000ull)};
      if (rng() % 50 == 0) {
        r.abandoned = true;
        r.wait_seconds = static_cast<double>(rng() % 9'500'000);
      }
      data.add(r);
    }
    data.link();
    const ReportPeriod one = resolve_period(data, ReportSpec{});
    for (const unsigned threads : {2u, 3u, 8u}) {
      INFO("seed " << seed << ", " << threads << " threads");
      const ReportPeriod p = resolve_period(data, ReportSpec{}, threads);
      CHECK(p.from == one.from);
      CHECK(p.to == one.to);
      CHECK(p.as_of == one.as_of);
    }
    CHECK(one.as_of > one.to);  // a resolution or an abandonment after the last creation
  }
}
