#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/attrition.hpp>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

/// Roster of January 2026 (period [01-01, 02-01)):
/// a1 hired 2025-12-01 (red), leaves 01-15; a2 hired 2025-12-01 (blue); a3 hired 01-10 (red);
/// a4 hired 2025-11-01 (blue), left 2025-12-20; a5 hired 02-01 (= to); a6 a leave without a
/// hire on 01-05; a7 hired exactly at from, no team.
struct Fixture {
  Dataset data;
  Fixture() {
    const auto add = [&](const char* agent, AgentEventType type, const char* when, std::optional<std::string> team) {
      AgentEvent e;
      e.agent_id = agent;
      e.type = type;
      e.at = at(when);
      e.team = std::move(team);
      data.add(e);
    };
    add("a1", AgentEventType::leave, "2026-01-15T12:00:00Z", std::string{"red"});  // input order is not time order
    add("a1", AgentEventType::hire, "2025-12-01T09:00:00Z", std::string{"red"});
    add("a2", AgentEventType::hire, "2025-12-01T09:00:00Z", std::string{"blue"});
    add("a3", AgentEventType::hire, "2026-01-10T00:00:00Z", std::string{"red"});
    add("a4", AgentEventType::hire, "2025-11-01T09:00:00Z", std::string{"blue"});
    add("a4", AgentEventType::leave, "2025-12-20T09:00:00Z", std::nullopt);
    add("a5", AgentEventType::hire, "2026-02-01T00:00:00Z", std::string{"red"});
    add("a6", AgentEventType::leave, "2026-01-05T00:00:00Z", std::nullopt);
    add("a7", AgentEventType::hire, "2026-01-01T00:00:00Z", std::nullopt);
  }
  [[nodiscard]] std::uint32_t team(const char* name) const { return *data.dictionary(Dimension::team).find(name); }
};

const TimePoint from = at("2026-01-01T00:00:00Z");
const TimePoint to = at("2026-02-01T00:00:00Z");

}  // namespace

TEST_CASE("Attrition counts headcount just before from and to, and distinct leavers in the period", "[metrics][attrition]") {
  const Fixture f;
  const Roster roster(f.data.agent_events());
  const AttritionResult r = roster.attrition(from, to, to);
  CHECK(r.start == 2);    // a1, a2 (a4 left before; a7 is hired at from, not before it)
  CHECK(r.end == 3);      // a2, a3, a7 (a1 left; a5 is hired at to, not before it)
  CHECK(r.leavers == 2);  // a1, and a6's leave (a leave in the period, whatever came before)
  CHECK(*r.rate == Approx(0.8));  // 2 / ((2 + 3) / 2)
}

TEST_CASE("Attrition per team uses the team on the agent's events", "[metrics][attrition]") {
  const Fixture f;
  const Roster roster(f.data.agent_events());
  const AttritionResult red = roster.attrition(from, to, to, RosterFilter{std::nullopt, f.team("red"), std::nullopt});
  CHECK(red.start == 1);    // a1
  CHECK(red.end == 1);      // a3
  CHECK(red.leavers == 1);  // a1
  CHECK(*red.rate == Approx(1.0));  // 1 / ((1 + 1) / 2)
  const AttritionResult blue = roster.attrition(from, to, to, RosterFilter{std::nullopt, f.team("blue"), std::nullopt});
  CHECK(blue.start == 1);
  CHECK(blue.end == 1);
  CHECK(blue.leavers == 0);
  CHECK(*blue.rate == 0.0);
  const AttritionResult none = roster.attrition(from, to, to, RosterFilter{std::nullopt, no_code, std::nullopt});
  CHECK(none.end == 1);      // a7 has no team
  CHECK(none.leavers == 1);  // a6's leave carries no team
}

TEST_CASE("Attrition as of an instant ignores later roster events", "[metrics][attrition]") {
  const Fixture f;
  const Roster roster(f.data.agent_events());
  const AttritionResult r = roster.attrition(from, to, at("2026-01-10T00:00:00Z"));
  CHECK(r.start == 2);
  CHECK(r.end == 4);      // a1 (its leave is after as_of), a2, a3 (hired exactly at as_of), a7
  CHECK(r.leavers == 1);  // a6
}

TEST_CASE("Attrition of an empty roster is undefined", "[metrics][attrition]") {
  const Roster roster;
  const AttritionResult r = roster.attrition(from, to, to);
  CHECK(r.start + r.end + r.leavers == 0);
  CHECK_FALSE(r.rate);
  CHECK_THROWS_AS(roster.attrition(to, from, to), Error);
}
