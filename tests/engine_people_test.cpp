// People, customers and staffing through the engine (SPEC §3 Customers, People, Staffing):
// productivity per agent with team roll-ups, attrition and customer figures per group,
// adoption and cohorts, and the staffing plan per hour of the week.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/report/engine.hpp>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Interaction ticket(const char* id, const char* channel, const char* created, const char* resolved,
                   std::optional<std::string> agent, std::optional<std::string> team) {
  Interaction r;
  r.id = id;
  r.customer_id = std::string{"c-"} + id;
  r.channel = channel;
  r.created_at = at(created);
  if (resolved) r.resolved_at = at(resolved);
  r.agent_id = std::move(agent);
  r.team = std::move(team);
  return r;
}

const Group& group(const Report& r, const std::string& by, const std::vector<std::optional<std::string>>& key) {
  for (const auto& g : r.groups) {
    if (to_string(g.by) == by && g.key == key) return g;
  }
  FAIL("no group " << by);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Agent productivity counts active agent-days so that agents add up to teams", "[engine][people]") {
  Dataset data;
  data.add(ticket("1", "chat", "2026-01-05T09:00:00Z", "2026-01-06T10:00:00Z", "a1", "t"));  // a1 on 01-05 and 01-06
  data.add(ticket("2", "chat", "2026-01-05T11:00:00Z", nullptr, "a1", "t"));                 // a1 on 01-05 again
  data.add(ticket("3", "chat", "2026-01-06T09:00:00Z", "2026-01-06T09:30:00Z", "a2", "t"));  // a2 on 01-06
  data.add(ticket("4", "chat", "2026-01-07T09:00:00Z", nullptr, std::nullopt, std::nullopt));
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-05T00:00:00Z");
  spec.to = at("2026-01-08T00:00:00Z");
  spec.groupings = {parse_grouping("agent"), parse_grouping("team")};
  const Report r = compute_report(data, spec);
  const auto& a1 = *group(r, "agent", {"a1"}).metrics.productivity;
  CHECK(a1.handled == 2);
  CHECK(a1.resolved == 1);
  CHECK(a1.active_days == 2);  // 01-05 (two creations), 01-06 (a resolution)
  CHECK(*a1.resolved_per_day == Approx(0.5));
  const auto& a2 = *group(r, "agent", {"a2"}).metrics.productivity;
  CHECK(a2.active_days == 1);
  CHECK(*a2.resolved_per_day == Approx(1.0));
  const auto& none = *group(r, "agent", {std::nullopt}).metrics.productivity;
  CHECK(none.handled == 0);  // v3: assisted work only; ticket 4 has no agent
  CHECK(none.active_days == 0);
  CHECK_FALSE(none.resolved_per_day);
  const auto& team = *group(r, "team", {"t"}).metrics.productivity;
  CHECK(team.active_days == 3);  // 2 + 1 agent-days
  CHECK(team.handled == 3);
  const auto& all = *r.groups[0].metrics.productivity;
  CHECK(all.handled == 3);  // 1, 2, 3: ticket 4 has no agent
  CHECK(all.resolved == 2);
  CHECK(all.active_days == 3);
}

TEST_CASE("Productivity counts assisted work only: self-service resolutions are nobody's output",
          "[engine][people][v3]") {
  Dataset data;
  data.add(ticket("1", "chat", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "a1", std::nullopt));
  data.add(ticket("2", "chat", "2026-01-06T09:00:00Z", "2026-01-06T11:00:00Z", "a1", std::nullopt));
  data.add(ticket("3", "self_service", "2026-01-05T12:00:00Z", "2026-01-05T12:01:00Z", std::nullopt, std::nullopt));
  data.add(ticket("4", "self_service", "2026-01-06T12:00:00Z", "2026-01-06T12:02:00Z", std::nullopt, std::nullopt));
  data.add(ticket("5", "self_service", "2026-01-06T13:00:00Z", "2026-01-06T13:05:00Z", std::nullopt, std::nullopt));
  data.add(ticket("6", "email", "2026-01-06T14:00:00Z", nullptr, "a2", std::nullopt));
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-05T00:00:00Z");
  spec.to = at("2026-01-08T00:00:00Z");
  spec.groupings = {parse_grouping("channel")};
  const Report r = compute_report(data, spec);
  const auto& all = *r.groups[0].metrics.productivity;
  CHECK(all.handled == 3);       // 1, 2, 6: the interactions with an agent
  CHECK(all.resolved == 2);      // 1, 2 (v2 counted the three self-service resolutions too: 5)
  CHECK(all.active_days == 3);   // (a1, 01-05), (a1, 01-06), (a2, 01-06)
  CHECK(*all.resolved_per_day == Approx(2.0 / 3.0));  // v2: 5 / 3 = 1.67, above every channel
  CHECK(r.groups[0].metrics.volume.resolved == 5u);   // volume still counts every resolution
  const auto& self = *group(r, "channel", {"self_service"}).metrics.productivity;
  CHECK(self.handled == 0);
  CHECK(self.resolved == 0);
  CHECK(self.active_days == 0);
  CHECK_FALSE(self.resolved_per_day);
  const auto& chat = *group(r, "channel", {"chat"}).metrics.productivity;
  CHECK(chat.resolved == 2);
  CHECK(*chat.resolved_per_day == Approx(1.0));  // 2 resolutions / 2 agent-days
}

TEST_CASE("Attrition appears in overall, team and time groups, not in channel groups", "[engine][people]") {
  Dataset data;
  data.add(ticket("1", "chat", "2026-01-05T09:00:00Z", nullptr, "a1", "red"));
  const auto roster = [&](const char* agent, AgentEventType type, const char* when, const char* team) {
    AgentEvent e;
    e.agent_id = agent;
    e.type = type;
    e.at = at(when);
    e.team = std::string{team};
    data.add(e);
  };
  roster("a1", AgentEventType::hire, "2025-06-01T00:00:00Z", "red");
  roster("a2", AgentEventType::hire, "2025-06-01T00:00:00Z", "blue");
  roster("a3", AgentEventType::hire, "2025-06-01T00:00:00Z", "blue");
  roster("a3", AgentEventType::leave, "2026-01-20T00:00:00Z", "blue");
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-02-01T00:00:00Z");
  spec.groupings = {parse_grouping("team"), parse_grouping("channel"), parse_grouping("month")};
  const Report r = compute_report(data, spec);
  const auto& all = *r.groups[0].metrics.attrition;
  CHECK(all.start == 3);
  CHECK(all.end == 2);
  CHECK(all.leavers == 1);
  CHECK(*all.rate == Approx(0.4));  // 1 / ((3 + 2) / 2)
  const auto& blue = *group(r, "team", {"blue"}).metrics.attrition;  // a group made by the leave event
  CHECK(blue.start == 2);
  CHECK(blue.end == 1);
  CHECK(*blue.rate == Approx(1.0 / 1.5));
  CHECK(group(r, "team", {"blue"}).metrics.volume.count == 0);
  CHECK(group(r, "month", {"2026-01"}).metrics.attrition->leavers == 1);
  CHECK_FALSE(group(r, "channel", {"chat"}).metrics.attrition);
}

TEST_CASE("Customer figures per product and month, adoption and cohorts in the report", "[engine][customers]") {
  Dataset data;
  const auto event = [&](const char* customer, CustomerEventType type, const char* when, const char* product,
                         std::optional<double> mrr = std::nullopt) {
    CustomerEvent e;
    e.customer_id = customer;
    e.type = type;
    e.at = at(when);
    e.product = std::string{product};
    e.mrr = mrr;
    data.add(e);
  };
  event("k1", CustomerEventType::start, "2025-12-01T00:00:00Z", "pro", 100.0);
  event("k2", CustomerEventType::start, "2025-12-01T00:00:00Z", "pro", 50.0);
  event("k2", CustomerEventType::cancel, "2026-01-10T00:00:00Z", "pro");
  event("k3", CustomerEventType::start, "2026-01-15T00:00:00Z", "basic", 20.0);
  event("k3", CustomerEventType::purchase, "2026-01-16T00:00:00Z", "addon");
  event("k3", CustomerEventType::adopt, "2026-01-20T00:00:00Z", "addon");
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-02-01T00:00:00Z");
  spec.groupings = {parse_grouping("product")};
  const Report r = compute_report(data, spec);
  const auto& all = *r.groups[0].metrics.customers;
  CHECK(all.start == 2);          // k1, k2
  CHECK(all.end == 2);            // k1, k3
  CHECK(all.new_customers == 1);  // k3
  CHECK(all.lost == 1);           // k2
  CHECK(*all.churn_rate == Approx(0.5));
  CHECK(*all.retention_rate == Approx(0.5));  // (2 − 1) / 2
  CHECK(*all.mrr_start == Approx(150.0));
  CHECK(*all.mrr_end == Approx(120.0));
  CHECK(*all.gross_revenue_churn == Approx(50.0 / 150.0));
  const auto& pro = *group(r, "product", {"pro"}).metrics.customers;
  CHECK(pro.start == 2);
  CHECK(pro.lost == 1);
  REQUIRE(r.adoption.size() == 1);
  CHECK(r.adoption[0].product == "addon");
  CHECK(r.adoption[0].result.purchasers == 1);
  CHECK(r.adoption[0].result.adopters == 1);
  REQUIRE(r.cohorts.size() == 1);  // k3's first start is the only one in the period
  CHECK(r.cohorts[0].cohort == "2026-01");
  CHECK(r.cohorts[0].size == 1);
}

TEST_CASE("The staffing plan sizes each hour of the week from observed phone calls", "[engine][staffing]") {
  Dataset data;
  // Ten phone calls on Monday 2026-01-05 between 09:00 and 10:00 UTC, 180 s each; one chat.
  for (int i = 0; i < 10; ++i) {
    Interaction call = ticket(("p" + std::to_string(i)).c_str(), "phone", "2026-01-05T09:00:00Z", nullptr, std::nullopt,
                              std::nullopt);
    call.created_at += std::chrono::minutes{5 * i};
    call.handle_seconds = 180.0;
    data.add(call);
  }
  data.add(ticket("c", "chat", "2026-01-05T09:00:00Z", nullptr, std::nullopt, std::nullopt));
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-05T00:00:00Z");
  spec.to = at("2026-01-12T00:00:00Z");  // one week: every hour of the week once
  const Report r = compute_report(data, spec);
  REQUIRE(r.staffing.size() == 168);
  const StaffingRow& nine = r.staffing[9];  // Monday 09:00
  CHECK(nine.hour_of_week == 9);
  CHECK(nine.calls_per_hour == Approx(10.0));
  CHECK(nine.aht->count() == Approx(180.0));
  // A = 10 · 180 / 3600 = 0.5 E. N = 1: C = 0.5, SL = 1 − 0.5·e^(−0.5·20/180) = 0.527 < 0.8.
  // N = 2: B = 1/13, C = 0.1, SL = 1 − 0.1·e^(−1.5·20/180) = 0.91535 ≥ 0.8.
  CHECK(nine.agents == 2u);
  CHECK(nine.scheduled == 2u);
  CHECK(*nine.service_level == Approx(0.915352).epsilon(1e-5));
  CHECK(r.staffing[10].calls_per_hour == 0.0);
  CHECK(r.staffing[10].agents == 0u);
  CHECK_FALSE(r.staffing[10].aht);
}

TEST_CASE("Targets are evaluated per matching group in report units", "[engine][targets]") {
  Dataset data;
  const auto answer = [&](const char* id, const char* channel, int score) {
    SurveyResponse s;
    s.id = id;
    s.kind = SurveyKind::csat;
    s.score = score;
    s.responded_at = at("2026-01-05T10:00:00Z");
    s.channel = std::string{channel};
    data.add(s);
  };
  answer("1", "chat", 5);
  answer("2", "chat", 3);  // chat: 1 of 2 satisfied = 50 %
  answer("3", "email", 4);
  answer("4", "email", 5);  // email: 100 %
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("channel")};
  TargetSpec chat;
  chat.metric = "csat.score";
  chat.min = 85.0;
  chat.where["channel"] = "chat";
  TargetSpec everywhere;
  everywhere.metric = "csat.score";
  everywhere.min = 60.0;
  everywhere.max = 90.0;
  TargetSpec nps;
  nps.metric = "nps.score";
  nps.min = 0.0;
  nps.where["channel"] = "email";
  spec.config.targets = {chat, everywhere, nps};
  const Report r = compute_report(data, spec);
  REQUIRE(r.targets.size() == 1 + 3 + 1);  // chat; overall, chat, email; email
  CHECK(r.targets[0].key == std::vector<std::optional<std::string>>{"chat"});
  CHECK(*r.targets[0].value == 50.0);
  CHECK(r.targets[0].status == TargetStatus::missed);
  CHECK(*r.targets[0].gap == -35.0);  // 50 − 85
  CHECK(r.targets[1].key.empty());    // overall: 3 of 4 = 75 % in [60, 90]
  CHECK(r.targets[1].status == TargetStatus::met);
  CHECK(*r.targets[1].gap == 15.0);   // min(75 − 60, 90 − 75)
  CHECK(r.targets[2].status == TargetStatus::missed);  // chat 50 < 60
  CHECK(*r.targets[3].gap == -10.0);  // email 100 > 90: 90 − 100
  CHECK(r.targets[4].status == TargetStatus::undefined);  // no NPS answers by email
  CHECK_FALSE(r.targets[4].value);
  CHECK_FALSE(r.targets[4].gap);

  TargetSpec typo;
  typo.metric = "csat.scor";
  typo.min = 1.0;
  spec.config.targets = {typo};
  CHECK_THROWS_AS(compute_report(data, spec), Error);
}
