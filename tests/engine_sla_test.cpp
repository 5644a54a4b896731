// SLA per target, business durations, paused clocks and event histories through the engine
// (SPEC §3 Service level and Speed, §7). Calendar "desk": Monday-Friday 09:00-17:00 UTC.
// 2026-01-05 is a Monday; as_of is Wednesday 2026-01-07 12:00Z.
#include <catch2/catch.hpp>

#include <cskpi/report/engine.hpp>

using namespace cskpi;
using std::chrono::seconds;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Interaction ticket(const char* id, Priority priority, const char* created, const char* first_response,
                   const char* resolved) {
  Interaction r;
  r.id = id;
  r.customer_id = std::string{"c-"} + id;
  r.channel = "email";
  r.priority = priority;
  r.created_at = at(created);
  if (first_response) r.first_response_at = at(first_response);
  if (resolved) r.resolved_at = at(resolved);
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

ReportSpec desk_spec() {
  BusinessCalendarSpec desk;
  desk.time_zone = "UTC";
  for (std::size_t d = 0; d < 5; ++d) desk.weekly[d] = {OpeningInterval{9 * 60, 17 * 60}};
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-01-08T00:00:00Z");
  spec.as_of = at("2026-01-07T12:00:00Z");
  spec.config.calendars["desk"] = desk;
  spec.config.business_calendar = "desk";
  SlaPolicy high;
  high.first_response = seconds{3600};  // calendar time
  high.resolution = seconds{14400};     // 4 business hours, pending pauses it
  high.calendar = "desk";
  spec.config.sla[Priority::high] = high;
  spec.groupings = {parse_grouping("priority")};
  return spec;
}

Dataset desk_data() {
  Dataset data;
  // A: first response exactly at the target (3600 s), resolved exactly at 4 business hours.
  data.add(ticket("A", Priority::high, "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", "2026-01-05T13:00:00Z"));
  // B: one second over on both targets.
  data.add(ticket("B", Priority::high, "2026-01-05T09:00:00Z", "2026-01-05T10:00:01Z", "2026-01-05T13:00:01Z"));
  // C: open, 30 min old at as_of: both pending.
  data.add(ticket("C", Priority::high, "2026-01-07T11:30:00Z", nullptr, nullptr));
  // D: open since Monday: FR overdue (51 h), resolution overdue (8 + 8 + 3 = 19 business hours).
  data.add(ticket("D", Priority::high, "2026-01-05T09:00:00Z", nullptr, nullptr));
  // E: from its events: reply 09:30, pending 10:00-15:00, open, solved 16:00 (Tuesday).
  data.add(ticket("E", Priority::high, "2026-01-06T09:00:00Z", nullptr, nullptr));
  // F: low priority has no policy: not counted.
  data.add(ticket("F", Priority::low, "2026-01-05T09:00:00Z", nullptr, nullptr));
  // G: Friday 16:00 to Monday 11:00 without a first response: the resolution is the response.
  data.add(ticket("G", Priority::high, "2026-01-02T16:00:00Z", nullptr, "2026-01-05T11:00:00Z"));
  data.add(event("E", "2026-01-06T09:30:00Z", InteractionEventType::agent_reply));
  data.add(event("E", "2026-01-06T10:00:00Z", InteractionEventType::status, TicketStatus::pending));
  data.add(event("E", "2026-01-06T14:00:00Z", InteractionEventType::customer_message));
  data.add(event("E", "2026-01-06T15:00:00Z", InteractionEventType::status, TicketStatus::open));
  data.add(event("E", "2026-01-06T15:20:00Z", InteractionEventType::agent_reply));
  data.add(event("E", "2026-01-06T15:25:00Z", InteractionEventType::agent_reply));  // a second answer: no sample
  data.add(event("E", "2026-01-06T16:00:00Z", InteractionEventType::status, TicketStatus::solved));
  data.link();
  return data;
}

const Group& group(const Report& r, const std::optional<std::string>& priority) {
  for (const auto& g : r.groups) {
    if (g.by.size() == 1 && g.key[0] == priority) return g;
  }
  FAIL("no priority group");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("SLA statuses: at target achieved, a second over breached, open pending or overdue", "[engine][sla]") {
  const Dataset data = desk_data();
  const Report r = compute_report(data, desk_spec());
  const auto& sla = *r.groups[0].metrics.sla;
  // First response (calendar time, 3600 s): A achieved (3600), B breached (3601), C pending
  // (1800 s at as_of), D breached (51 h at as_of), E achieved (1800), G breached (its
  // resolution, 67 h). F has no policy.
  CHECK(sla.first_response.achieved == 2);
  CHECK(sla.first_response.breached == 3);
  CHECK(sla.first_response.pending == 1);
  CHECK(*sla.first_response.compliance == Approx(0.4));  // 2 / (2 + 3)
  CHECK(sla.first_response.target == Milliseconds{3600000});
  // Resolution (business time of desk, 14400 s, pending pauses): A 4 h achieved, B 4 h 1 s
  // breached, C pending (0.5 h), D 19 h breached, E 7 h − 5 h pending = 2 h achieved,
  // G Fri 16-17 + Mon 09-11 = 3 h achieved.
  CHECK(sla.resolution.achieved == 3);
  CHECK(sla.resolution.breached == 2);
  CHECK(sla.resolution.pending == 1);
  CHECK(*sla.resolution.compliance == Approx(0.6));
  CHECK(sla.resolution.target == Milliseconds{14400000});
  // The low group has an SLA object with nothing counted.
  const auto& low = *group(r, std::string{"low"}).metrics.sla;
  CHECK(low.first_response.counted() == 0);
  CHECK_FALSE(low.first_response.compliance);
  CHECK_FALSE(low.first_response.target);
}

TEST_CASE("Without the pause, pending time counts on the resolution clock", "[engine][sla]") {
  const Dataset data = desk_data();
  ReportSpec spec = desk_spec();
  spec.config.sla[Priority::high].paused.clear();
  const Report r = compute_report(data, spec);
  const auto& sla = *r.groups[0].metrics.sla;
  // E now takes 7 business hours > 4: breached.
  CHECK(sla.resolution.achieved == 2);
  CHECK(sla.resolution.breached == 3);
}

TEST_CASE("Business durations and event-history figures through the engine", "[engine][sla]") {
  const Dataset data = desk_data();
  const Report r = compute_report(data, desk_spec());
  const GroupMetrics& m = r.groups[0].metrics;
  REQUIRE(r.has_events);
  REQUIRE(m.business);
  // First responses: A 3600, B 3601, E 1800 (from its history). Calendar = business here.
  CHECK(m.first_response.count == 3);
  CHECK(m.business->first_response.count == 3);
  CHECK(m.business->first_response.median == Milliseconds{3600000});  // ⌈3/2⌉ = 2nd of 1800, 3600, 3601
  // Resolutions: A 4 h, B 4 h 1 s, E 7 h (from the history), G 67 h calendar / 3 h business.
  CHECK(m.resolution.count == 4);
  CHECK(m.resolution.p90 == Milliseconds{67 * 3600000});
  CHECK(m.business->resolution.p90 == Milliseconds{25200000});  // 10800, 14400, 14401, 25200 → 4th
  CHECK(m.business->resolution.median == Milliseconds{14400000});
  // E's states: new 09:00-10:00 and open 15:00-16:00 → requester wait and agent work 2 h; pending 5 h.
  CHECK(m.requester_wait.count == 1);
  CHECK(m.requester_wait.median == Milliseconds{7200000});
  CHECK(m.agent_work.median == Milliseconds{7200000});
  CHECK(m.pending.median == Milliseconds{18000000});
  CHECK(m.on_hold.median == Milliseconds{0});
  // One next reply: the 14:00 message answered at 15:20 (the 15:25 reply is a second answer).
  CHECK(m.next_reply.count == 1);
  CHECK(m.next_reply.median == Milliseconds{80 * 60000});
  CHECK(m.business->next_reply.median == Milliseconds{80 * 60000});
  // E's resolution comes from its history: it counts in resolved and not in the backlog.
  CHECK(m.volume.resolved == 4u);  // A, B, G (Monday) and E (Tuesday, from its history)
  CHECK(m.volume.backlog == 3u);   // C, D, F open at as_of
}

TEST_CASE("Attribution by event puts resolution figures in the bucket of the resolution", "[engine][sla]") {
  Dataset data;
  Interaction a = ticket("A", Priority::high, "2026-01-30T10:00:00Z", "2026-01-30T11:00:00Z", "2026-02-02T10:00:00Z");
  a.contacts = 1;
  data.add(a);
  data.link();
  ReportSpec spec;
  spec.from = at("2026-01-01T00:00:00Z");
  spec.to = at("2026-03-01T00:00:00Z");
  spec.groupings = {parse_grouping("month")};
  spec.config.attribution = Attribution::event;
  const Report r = compute_report(data, spec);
  REQUIRE(r.groups.size() == 3);
  const GroupMetrics& jan = r.groups[1].metrics;
  const GroupMetrics& feb = r.groups[2].metrics;
  CHECK(*r.groups[1].key[0] == "2026-01");
  CHECK(jan.volume.count == 1);
  CHECK(jan.first_response.count == 1);  // answered in January
  CHECK(jan.resolution.count == 0);
  CHECK(jan.fcr.resolved == 0);
  CHECK(feb.volume.count == 0);
  CHECK(feb.resolution.count == 1);  // resolved in February: 3 days
  CHECK(feb.resolution.median == Milliseconds{3 * 86400000LL});
  CHECK(feb.fcr.resolved == 1);
  CHECK(feb.reopen.resolved == 1);
  CHECK(feb.self_service.resolved == 1);
  CHECK(r.period.attribution == Attribution::event);
}

TEST_CASE("State durations end at the record's resolved_at even when its events go on", "[engine][sla][v3]") {
  // H: created Monday 09:00, resolved 10:00 by its record; its events put it on hold at 09:00,
  // open at 12:00 and on hold again at 13:00, after the resolution.
  Dataset data;
  data.add(ticket("H", Priority::high, "2026-01-05T09:00:00Z", "2026-01-05T09:10:00Z", "2026-01-05T10:00:00Z"));
  data.add(event("H", "2026-01-05T09:00:00Z", InteractionEventType::status, TicketStatus::on_hold));
  data.add(event("H", "2026-01-05T12:00:00Z", InteractionEventType::status, TicketStatus::open));
  data.add(event("H", "2026-01-05T13:00:00Z", InteractionEventType::status, TicketStatus::on_hold));
  data.link();
  const Report r = compute_report(data, desk_spec());
  const auto& m = r.groups[0].metrics;
  REQUIRE(m.on_hold.count == 1);
  CHECK(*m.on_hold.median == Milliseconds{3600000});  // [09:00, 10:00) (v2: 3 h + 13:00 Mon to 12:00 Wed = 180 000 s)
  CHECK(*m.requester_wait.median == Milliseconds{3600000});
  CHECK(*m.agent_work.median == Milliseconds{0});
  CHECK(*m.business->on_hold.median == Milliseconds{3600000});  // all of it inside Monday 09-17
  CHECK(m.resolution.count == 1);
}
