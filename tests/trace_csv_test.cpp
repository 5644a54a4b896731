// The `--detail` CSV (SPEC §6, docs/cli.md): one row per interaction of the period with every
// value the report derives from it, numbers identical to the report's.
#include <catch2/catch.hpp>

#include <cskpi/render/trace_csv.hpp>
#include <cskpi/report/engine.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Interaction interaction(std::string id, std::string customer, std::string channel, const char* created) {
  Interaction r;
  r.id = std::move(id);
  r.customer_id = std::move(customer);
  r.channel = std::move(channel);
  r.created_at = at(created);
  return r;
}

InteractionEvent event(const char* id, const char* when, InteractionEventType type,
                       std::optional<TicketStatus> status = std::nullopt) {
  InteractionEvent e;
  e.interaction_id = id;
  e.at = at(when);
  e.type = type;
  e.status = status;
  return e;
}

InteractionEvent status(const char* id, const char* when, TicketStatus s) {
  return event(id, when, InteractionEventType::status, s);
}

std::string detail_csv(const Dataset& data, const ReportSpec& spec) {
  std::ostringstream out;
  write_trace_csv(out, data, spec);
  return out.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> split(const std::string& line) {  // no quoted fields in these tests
  std::vector<std::string> out(1);
  for (const char c : line) {
    if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

/// The rows of a detail file as column name → value.
std::vector<std::map<std::string, std::string>> rows(const std::string& text) {
  const auto all = lines(text);
  const auto header = split(all.at(0));
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto fields = split(all[i]);
    REQUIRE(fields.size() == header.size());
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < header.size(); ++k) row[header[k]] = fields[k];
    out.push_back(row);
  }
  return out;
}

/// Office hours Monday to Friday 09:00-17:00 UTC.
BusinessCalendarSpec office() {
  BusinessCalendarSpec c;
  c.time_zone = "UTC";
  for (std::size_t d = 0; d < 5; ++d) c.weekly[d].push_back(OpeningInterval{9 * 60, 17 * 60});
  return c;
}

const char* const header =
    "id,customer_id,channel,topic,product,kind,priority,agent,team,department,"
    "counted_volume,counted_first_response,counted_resolution,created_at,first_response_at,resolved_at,"
    "first_response_s,resolution_s,first_response_business_s,resolution_business_s,contacts,reopened,fcr_case,"
    "sla_first_response,sla_first_response_target_s,sla_resolution,sla_resolution_target_s,events,"
    "requester_wait_s,agent_work_s,on_hold_s,pending_s,"
    "requester_wait_business_s,agent_work_business_s,on_hold_business_s,pending_business_s,"
    "next_reply_count,next_reply_s,next_reply_business_s,handle_s,wait_s,abandoned,queue_case,"
    "wait_within_threshold,cost";

}  // namespace

TEST_CASE("The detail file holds every derived value of each interaction of the period", "[detail]") {
  Dataset data;
  // 2026-03-02 is a Monday.
  Interaction a = interaction("a", "c1", "email", "2026-03-02T16:30:00Z");
  a.topic = "billing";
  a.priority = Priority::high;
  a.agent_id = "ann";
  a.team = "t1";
  a.first_response_at = at("2026-03-03T09:15:00Z");
  a.resolved_at = at("2026-03-03T12:00:00Z");
  a.contacts = 1;
  a.handle_seconds = 300.5;
  a.cost = 4.25;
  data.add(a);
  data.add(interaction("before", "c9", "email", "2026-02-28T10:00:00Z"));  // before the period: no row
  Interaction b = interaction("b", "c2", "chat", "2026-03-06T16:00:00Z");  // Friday
  b.priority = Priority::high;
  b.wait_seconds = 30;
  b.abandoned = true;
  data.add(b);
  Interaction c = interaction("c", "c3", "self_service", "2026-03-04T10:00:00Z");
  c.priority = Priority::low;  // no policy
  c.resolved_at = at("2026-03-04T10:00:01.5Z");
  data.add(c);
  data.add(interaction("at_to", "c9", "email", "2026-03-09T00:00:00Z"));  // at `to`: no row
  Interaction f = interaction("f", "c1", "email", "2026-03-05T10:00:00Z");  // Thursday, with events
  f.priority = Priority::normal;
  data.add(f);
  Interaction g = interaction("g", "c4", "phone", "2026-03-08T23:30:00Z");  // Sunday; Monday in Rome
  g.first_response_at = at("2026-03-08T23:30:20Z");
  g.wait_seconds = 20;
  g.handle_seconds = 120;
  data.add(g);
  data.add(event("f", "2026-03-05T10:30:00Z", InteractionEventType::agent_reply));
  data.add(status("f", "2026-03-05T10:30:00Z", TicketStatus::pending));
  data.add(event("f", "2026-03-05T11:00:00Z", InteractionEventType::customer_message));
  data.add(status("f", "2026-03-05T11:00:00Z", TicketStatus::open));
  data.add(event("f", "2026-03-05T11:20:00Z", InteractionEventType::agent_reply));
  data.add(status("f", "2026-03-05T12:00:00Z", TicketStatus::solved));
  data.link();

  ReportSpec spec;
  spec.from = at("2026-03-02T00:00:00Z");
  spec.to = at("2026-03-09T00:00:00Z");
  spec.time_zone = "Europe/Rome";
  spec.groupings = {parse_grouping("month"), parse_grouping("channel,day")};
  spec.config.calendars["office"] = office();
  spec.config.business_calendar = "office";
  SlaPolicy high;
  high.first_response = std::chrono::seconds{3600};
  high.resolution = std::chrono::seconds{28800};
  high.calendar = "office";
  spec.config.sla[Priority::high] = high;
  SlaPolicy normal;  // calendar time, paused while pending
  normal.resolution = std::chrono::seconds{6000};
  spec.config.sla[Priority::normal] = normal;

  const std::string expected = std::string{header} + ",bucket_day,bucket_month\n" +
      // a: first response Mon 16:30 → Tue 09:15 = 16 h 45 = 60300 s; business 30 min + 15 min = 2700 s
      // (≤ 3600: achieved); resolution → Tue 12:00 = 70200 s, business 30 min + 3 h = 12600 s (≤ 28800).
      // FCR method contacts (a has contacts): contacts 1, not reopened → first_contact.
      "a,c1,email,billing,,,high,ann,t1,,true,true,true,2026-03-02T16:30:00Z,2026-03-03T09:15:00Z,"
      "2026-03-03T12:00:00Z,60300,70200,2700,12600,1,false,first_contact,achieved,3600,achieved,28800,false,"
      ",,,,,,,,,,,300.5,,false,,,4.25,2026-03-02,2026-03\n"
      // b: no response by as_of: business time Fri 16:00 → as_of = 1 h = 3600, not > 3600: pending.
      // Abandoned after 30 s (short abandons: none by default), not within 20 s.
      "b,c2,chat,,,,high,,,,true,false,false,2026-03-06T16:00:00Z,,,,,,,,false,unresolved,pending,3600,"
      "pending,28800,false,,,,,,,,,,,,,30,true,abandoned,false,,2026-03-06,2026-03\n"
      // c: resolved after 1.5 s in open hours; self-service is no FCR case; low has no SLA policy.
      "c,c3,self_service,,,,low,,,,true,false,true,2026-03-04T10:00:00Z,,2026-03-04T10:00:01.500Z,,1.5,,1.5,,"
      "false,self_service,,,,,false,,,,,,,,,,,,,,false,,,,2026-03-04,2026-03\n"
      // f: new 10:00-10:30, pending 10:30-11:00, open 11:00-12:00 (solved). requester_wait = agent_work =
      // 30 + 60 min = 5400 s, pending 1800 s, all inside office hours. One next reply 11:00 → 11:20 = 1200 s.
      // SLA resolution: 7200 s elapsed − 1800 s paused = 5400 ≤ 6000: achieved. No contacts → no FCR case.
      "f,c1,email,,,,normal,,,,true,true,true,2026-03-05T10:00:00Z,2026-03-05T10:30:00Z,2026-03-05T12:00:00Z,"
      "1800,7200,1800,7200,,false,no_contacts,,,achieved,6000,true,5400,5400,0,1800,5400,5400,0,1800,1,1200,"
      "1200,,,false,,,,2026-03-05,2026-03\n"
      // g: Sunday 23:30 UTC is Monday 00:30 in Rome; a 20 s response on a closed Sunday is 0 business s;
      // a wait of exactly the 20 s threshold is within it.
      "g,c4,phone,,,,,,,,true,true,false,2026-03-08T23:30:00Z,2026-03-08T23:30:20Z,,20,,0,,,false,unresolved,"
      ",,,,false,,,,,,,,,,,,120,20,false,answered,true,,2026-03-09,2026-03\n";
  CHECK(detail_csv(data, spec) == expected);
}

TEST_CASE("Without groupings by time the detail file has no bucket columns", "[detail]") {
  Dataset data;
  data.add(interaction("a", "c1", "email", "2026-03-02T16:30:00Z"));
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("channel")};
  const auto all = lines(detail_csv(data, spec));
  REQUIRE(all.size() == 2);
  CHECK(all[0] == header);
  // Without a business calendar or events the business and state columns stay empty; the FCR
  // method is repeat_window (no contacts anywhere), and an open interaction is no case.
  CHECK(rows(detail_csv(data, spec))[0].at("fcr_case") == "unresolved");
  CHECK(rows(detail_csv(data, spec))[0].at("first_response_business_s").empty());
}

TEST_CASE("An empty data set gives the header row only", "[detail]") {
  Dataset data;
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("week,hour_of_week"), parse_grouping("hour")};
  CHECK(detail_csv(data, spec) == std::string{header} + ",bucket_hour,bucket_week,bucket_hour_of_week\n");
}

TEST_CASE("Labels are quoted as RFC 4180 says", "[detail]") {
  Dataset data;
  Interaction a = interaction("a,1", "say \"hi\"", "chat", "2026-03-02T10:00:00Z");
  a.topic = "two\nlines";
  a.team = " padded";
  data.add(a);
  data.link();
  const auto all = detail_csv(data, ReportSpec{});
  CHECK_THAT(all, Catch::Matchers::Contains("\n\"a,1\",\"say \"\"hi\"\"\",chat,\"two\nlines\",,,,,\" padded\",,true,"));
}

TEST_CASE("FCR cases under the repeat_window method", "[detail]") {
  Dataset data;
  Interaction a = interaction("a", "c1", "email", "2026-03-02T10:00:00Z");
  a.topic = "billing";
  a.resolved_at = at("2026-03-02T11:00:00Z");
  data.add(a);
  Interaction b = interaction("b", "c1", "chat", "2026-03-05T10:00:00Z");  // same customer and topic, 3 days later
  b.topic = "billing";
  b.resolved_at = at("2026-03-05T11:00:00Z");
  data.add(b);
  Interaction c = interaction("c", "c2", "email", "2026-03-05T10:00:00Z");
  c.resolved_at = at("2026-03-05T11:00:00Z");
  c.reopened = 2;
  data.add(c);
  data.link();
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-04-01T00:00:00Z");  // the default as_of (latest created_at + 1 s) would precede the resolutions
  const auto r = rows(detail_csv(data, spec));
  REQUIRE(r.size() == 3);
  CHECK(r[0].at("fcr_case") == "repeat");  // b follows within 7 days
  CHECK(r[1].at("fcr_case") == "first_contact");
  CHECK(r[2].at("fcr_case") == "repeat");  // reopened
  CHECK(r[2].at("reopened") == "true");
}

TEST_CASE("As of is now: a later response or resolution has not happened", "[detail]") {
  Dataset data;
  Interaction a = interaction("a", "c1", "email", "2026-03-02T10:00:00Z");
  a.first_response_at = at("2026-03-02T11:00:00Z");
  a.resolved_at = at("2026-03-04T10:00:00Z");
  data.add(a);
  data.link();
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-03-08T00:00:00Z");
  spec.as_of = at("2026-03-03T00:00:00Z");
  SlaPolicy p;
  p.resolution = std::chrono::hours{24};
  spec.config.sla[Priority::normal] = p;  // a has no priority: not counted
  const auto r = rows(detail_csv(data, spec));
  REQUIRE(r.size() == 1);
  CHECK(r[0].at("first_response_s") == "3600");
  CHECK(r[0].at("resolved_at").empty());
  CHECK(r[0].at("resolution_s").empty());
  CHECK(r[0].at("counted_resolution") == "false");
  CHECK(r[0].at("sla_resolution").empty());
}

TEST_CASE("Under event attribution the rows are the interactions feeding any part of the period", "[detail]") {
  Dataset data;
  Interaction p = interaction("p", "c1", "email", "2026-02-27T10:00:00Z");  // resolved in March only
  p.first_response_at = at("2026-02-28T10:00:00Z");
  p.resolved_at = at("2026-03-02T10:00:00Z");
  data.add(p);
  Interaction q = interaction("q", "c2", "email", "2026-02-27T10:00:00Z");  // first response in March only
  q.first_response_at = at("2026-03-01T00:00:00Z");
  data.add(q);
  Interaction r = interaction("r", "c3", "email", "2026-02-20T10:00:00Z");  // nothing in March: no row
  r.resolved_at = at("2026-02-21T10:00:00Z");
  data.add(r);
  Interaction s = interaction("s", "c4", "email", "2026-03-31T23:00:00Z");  // resolved after as_of
  s.resolved_at = at("2026-04-01T01:00:00Z");
  data.add(s);
  data.link();
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-04-01T00:00:00Z");
  spec.groupings = {parse_grouping("month")};
  spec.config.attribution = Attribution::event;

  const std::string text = detail_csv(data, spec);
  CHECK(lines(text).at(0) == std::string{header} +
                                 ",bucket_month,first_response_bucket_month,resolution_bucket_month");
  const auto rs = rows(text);
  REQUIRE(rs.size() == 3);
  CHECK(rs[0].at("id") == "p");
  CHECK(rs[0].at("counted_volume") == "false");
  CHECK(rs[0].at("counted_first_response") == "false");
  CHECK(rs[0].at("counted_resolution") == "true");
  CHECK(rs[0].at("bucket_month") == "2026-02");
  CHECK(rs[0].at("first_response_bucket_month") == "2026-02");
  CHECK(rs[0].at("resolution_bucket_month") == "2026-03");
  CHECK(rs[1].at("id") == "q");
  CHECK(rs[1].at("counted_first_response") == "true");
  CHECK(rs[1].at("counted_resolution") == "false");
  CHECK(rs[1].at("resolution_bucket_month").empty());
  CHECK(rs[2].at("id") == "s");
  CHECK(rs[2].at("counted_volume") == "true");
  CHECK(rs[2].at("resolved_at").empty());

  // Under created attribution only s is in the period.
  spec.config.attribution = Attribution::created;
  const auto created = rows(detail_csv(data, spec));
  REQUIRE(created.size() == 1);
  CHECK(created[0].at("id") == "s");
}

TEST_CASE("The detail rows add up to the report's overall group", "[detail]") {
  Dataset data;
  const char* const days[] = {"2026-02-27T10:00:00Z", "2026-03-02T09:00:00Z", "2026-03-03T17:00:00Z",
                              "2026-03-10T08:00:00Z", "2026-03-20T12:00:00Z", "2026-03-31T22:00:00Z"};
  int n = 0;
  for (const char* created : days) {
    Interaction i = interaction("i" + std::to_string(n), "c" + std::to_string(n % 2), n % 3 == 0 ? "chat" : "email",
                                created);
    i.priority = n % 2 == 0 ? Priority::high : Priority::normal;
    i.first_response_at = from_millis(to_millis(i.created_at) + 3'600'000LL * (n + 1));
    if (n % 3 != 2) i.resolved_at = from_millis(to_millis(i.created_at) + 86'400'000LL * (n + 1));
    data.add(i);
    ++n;
  }
  data.link();
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    ReportSpec spec;
    spec.from = at("2026-03-01T00:00:00Z");
    spec.to = at("2026-04-01T00:00:00Z");
    spec.config.attribution = attribution;
    spec.config.calendars["office"] = office();
    spec.config.business_calendar = "office";
    SlaPolicy high;
    high.first_response = std::chrono::hours{2};
    high.resolution = std::chrono::hours{30};
    spec.config.sla[Priority::high] = high;
    const Report report = compute_report(data, spec);
    const GroupMetrics& m = report.groups.at(0).metrics;

    std::uint64_t volume = 0, first_responses = 0, resolutions = 0, achieved = 0, breached = 0, pending = 0;
    std::int64_t first_response_ms = 0, resolution_business_ms = 0;
    for (const auto& row : rows(detail_csv(data, spec))) {
      if (row.at("counted_volume") == "true") {
        ++volume;
        achieved += row.at("sla_resolution") == "achieved";
        breached += row.at("sla_resolution") == "breached";
        pending += row.at("sla_resolution") == "pending";
      }
      if (row.at("counted_first_response") == "true") {
        ++first_responses;
        first_response_ms += std::llround(std::stod(row.at("first_response_s")) * 1000);
      }
      if (row.at("counted_resolution") == "true") {
        ++resolutions;
        resolution_business_ms += std::llround(std::stod(row.at("resolution_business_s")) * 1000);
      }
    }
    INFO("attribution " << to_string(attribution));
    CHECK(volume == m.volume.count);
    CHECK(first_responses == m.first_response.count);
    CHECK(resolutions == m.resolution.count);
    REQUIRE(m.first_response.mean);
    CHECK(m.first_response.total.to_double() == static_cast<double>(first_response_ms));
    CHECK(static_cast<double>(first_response_ms) / static_cast<double>(first_responses) ==
          Approx(m.first_response.mean->count()));
    REQUIRE(m.business);
    REQUIRE(m.business->resolution.mean);
    CHECK(m.business->resolution.total.to_double() == static_cast<double>(resolution_business_ms));
    CHECK(static_cast<double>(resolution_business_ms) / static_cast<double>(resolutions) ==
          Approx(m.business->resolution.mean->count()));
    REQUIRE(m.sla);
    CHECK(achieved == m.sla->resolution.achieved);
    CHECK(breached == m.sla->resolution.breached);
    CHECK(pending == m.sla->resolution.pending);
  }
}

TEST_CASE("An interaction without customer_id has an empty customer_id and is no repeat-window FCR case",
          "[detail][v3]") {
  Dataset data;
  Interaction a = interaction("a", "k", "chat", "2026-03-02T10:00:00Z");
  a.resolved_at = at("2026-03-02T11:00:00Z");
  data.add(a);
  Interaction b = interaction("b", "", "chat", "2026-03-02T12:00:00Z");
  b.customer_id.reset();
  b.resolved_at = at("2026-03-02T13:00:00Z");
  data.add(b);
  data.link();
  ReportSpec spec;
  spec.from = at("2026-03-02T00:00:00Z");
  spec.to = at("2026-03-03T00:00:00Z");
  const auto r = rows(detail_csv(data, spec));
  REQUIRE(r.size() == 2);
  CHECK(r[0].at("customer_id") == "k");
  CHECK(r[0].at("fcr_case") == "first_contact");
  CHECK(r[1].at("customer_id").empty());
  CHECK(r[1].at("fcr_case") == "no_customer");
  CHECK(r[1].at("counted_volume") == "true");
}
