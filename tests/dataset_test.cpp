#include <catch2/catch.hpp>

#include <cskpi/model/dataset.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

using namespace cskpi;

namespace {
TimePoint at(const char* text) { return *parse_instant(text).value; }
}  // namespace

TEST_CASE("The data set refuses a second record with an accepted id", "[dataset]") {
  Dataset data;
  Interaction a;
  a.id = "A";
  a.customer_id = "c";
  a.channel = "chat";
  CHECK(data.add(a));
  CHECK_FALSE(data.add(a));
  CHECK(data.interactions().size() == 1);
  SurveyResponse s;
  s.id = "A";  // ids are unique per record type
  CHECK(data.add(s));
  CHECK_FALSE(data.add(s));
}

TEST_CASE("An interaction round-trips through the columns", "[dataset]") {
  Dataset data;
  Interaction a;
  a.id = "A";
  a.customer_id = "c";
  a.channel = "phone";
  a.topic = "billing";
  a.priority = Priority::urgent;
  a.created_at = at("2026-01-01T00:00:00Z");
  a.first_response_at = at("2026-01-01T00:00:30.250Z");
  a.contacts = 2;
  a.handle_seconds = 250.5;
  a.wait_seconds = 7.999;
  a.abandoned = false;
  a.cost = 1.25;
  data.add(a);
  const Interaction b = data.interaction(0);
  CHECK(b.id == "A");
  CHECK(b.topic == a.topic);
  CHECK_FALSE(b.product);
  CHECK(b.priority == Priority::urgent);
  CHECK(b.first_response_at == a.first_response_at);
  CHECK_FALSE(b.resolved_at);
  CHECK(b.contacts == 2u);
  CHECK_FALSE(b.reopened);
  CHECK(b.handle_seconds == 250.5);
  CHECK(b.wait_seconds == 7.999);
  CHECK(b.cost == 1.25);
}

TEST_CASE("Interaction events are grouped by interaction in (at, input) order", "[dataset]") {
  Dataset data;
  for (const char* id : {"A", "B"}) {
    Interaction x;
    x.id = id;
    x.customer_id = "c";
    x.channel = "email";
    x.created_at = at("2026-01-01T00:00:00Z");
    data.add(x);
  }
  const auto event = [](const char* id, const char* when, InteractionEventType type) {
    InteractionEvent e;
    e.interaction_id = id;
    e.at = at(when);
    e.type = type;
    if (type == InteractionEventType::status) e.status = TicketStatus::open;
    return e;
  };
  CHECK(data.add(event("B", "2026-01-01T03:00:00Z", InteractionEventType::agent_reply)) == EventAdd::accepted);
  CHECK(data.add(event("A", "2026-01-01T02:00:00Z", InteractionEventType::status)) == EventAdd::accepted);
  CHECK(data.add(event("A", "2026-01-01T01:00:00Z", InteractionEventType::agent_reply)) == EventAdd::accepted);
  CHECK(data.add(event("A", "2026-01-01T02:00:00Z", InteractionEventType::customer_message)) == EventAdd::accepted);
  CHECK(data.add(event("Z", "2026-01-01T02:00:00Z", InteractionEventType::agent_reply)) == EventAdd::unknown_interaction);
  CHECK(data.add(event("A", "2025-12-31T23:59:59Z", InteractionEventType::agent_reply)) == EventAdd::before_created);
  data.link();
  const RowRange a = data.events_of(0);
  CHECK(std::vector<std::uint32_t>(a.begin(), a.end()) == std::vector<std::uint32_t>{2, 1, 3});  // 01:00, then the two 02:00 in input order
  const RowRange b = data.events_of(1);
  CHECK(std::vector<std::uint32_t>(b.begin(), b.end()) == std::vector<std::uint32_t>{0});
}

TEST_CASE("Interaction events listed by interaction and time are grouped without an order array", "[dataset]") {
  Dataset data;
  for (const char* id : {"A", "B", "C"}) {
    Interaction x;
    x.id = id;
    x.customer_id = "c";
    x.channel = "email";
    x.created_at = at("2026-01-01T00:00:00Z");
    REQUIRE(data.add(x));
  }
  const auto add = [&](const char* id, const char* when) {
    InteractionEvent e;
    e.interaction_id = id;
    e.at = at(when);
    e.type = InteractionEventType::agent_reply;
    REQUIRE(data.add(e) == EventAdd::accepted);
  };
  const auto rows = [&](std::size_t r) {
    const RowRange range = data.events_of(r);
    CHECK(range.size() == static_cast<std::size_t>(std::distance(range.begin(), range.end())));
    return std::vector<std::uint32_t>(range.begin(), range.end());
  };
  add("A", "2026-01-01T01:00:00Z");
  add("A", "2026-01-01T01:00:00Z");  // a tie: input order
  add("A", "2026-01-01T02:00:00Z");
  add("C", "2026-01-01T01:00:00Z");  // B has none
  data.link();
  CHECK(rows(0) == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(rows(1).empty());
  CHECK(data.events_of(1).empty());
  CHECK(rows(2) == std::vector<std::uint32_t>{3});
  // One event out of order at the end: sorted as before, the rest unchanged.
  add("A", "2026-01-01T01:30:00Z");
  data.link();
  CHECK(rows(0) == std::vector<std::uint32_t>{0, 1, 4, 2});
  CHECK(rows(1).empty());
  CHECK(rows(2) == std::vector<std::uint32_t>{3});
}

TEST_CASE("A data set whose lookup tables are released refuses duplicates and links as before", "[dataset]") {
  Dataset data;
  Interaction a;
  a.id = "A";
  a.customer_id = "c";
  a.channel = "chat";
  a.created_at = at("2026-03-02T09:00:00Z");
  REQUIRE(data.add(a));
  data.link();
  data.release_lookup_tables();
  CHECK(data.interaction_ids().value(0) == "A");
  CHECK(data.customers().value(0) == "c");
  CHECK_FALSE(data.add(a));  // still a duplicate
  Interaction b = a;
  b.id = "B";
  b.customer_id = "c";
  CHECK(data.add(b));
  CHECK(data.interactions().customer[1] == 0);  // the same customer code
  InteractionEvent e;
  e.interaction_id = "B";
  e.at = at("2026-03-02T10:00:00Z");
  e.type = InteractionEventType::agent_reply;
  data.release_lookup_tables();
  CHECK(data.add(e) == EventAdd::accepted);
  SurveyResponse s;
  s.id = "s1";
  s.kind = SurveyKind::csat;
  s.score = 5;
  s.responded_at = at("2026-03-03T09:00:00Z");
  s.interaction_id = "B";
  REQUIRE(data.add(s));
  data.release_lookup_tables();
  data.link();
  CHECK(data.surveys().interaction[0] == 1);  // linked to B
  CHECK(data.surveys().effective_dim[index_of(Dimension::channel)][0] == data.interactions().dim[index_of(Dimension::channel)][1]);
}

namespace {

// A random data set whose surveys link to interactions (or to none, or to unknown ids), some
// with dimensions of their own; `spread` labels of agents (more than a byte's codes at 400).
Dataset random_linked(unsigned seed, std::uint32_t spread) {
  std::mt19937 rng(seed);
  const auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  Dataset data;
  const std::uint32_t interactions = 300 + pick(300);
  for (std::uint32_t i = 0; i < interactions; ++i) {
    Interaction r;
    r.id = "I" + std::to_string(i);
    r.channel = pick(2) == 0 ? "chat" : "email";
    if (pick(4) != 0) r.agent_id = "A" + std::to_string(pick(spread));
    r.created_at = at("2026-03-02T09:00:00Z");
    REQUIRE(data.add(r));
  }
  const std::uint32_t surveys = 500 + pick(500);
  for (std::uint32_t i = 0; i < surveys; ++i) {
    SurveyResponse s;
    s.id = "S" + std::to_string(i);
    s.kind = SurveyKind::csat;
    s.score = 4;
    s.responded_at = at("2026-03-03T09:00:00Z");
    const std::uint32_t link = pick(10);
    if (link < 7) s.interaction_id = "I" + std::to_string(pick(interactions));
    if (link == 7) s.interaction_id = "unknown" + std::to_string(pick(5));
    if (pick(5) == 0) s.agent_id = "B" + std::to_string(pick(spread));
    if (pick(9) == 0) s.channel = "phone";
    REQUIRE(data.add(s));
  }
  return data;
}

}  // namespace

namespace {

// A chat interaction of a team, created 2026-03-02T09:00Z.
Interaction team_interaction(const char* id, const char* team) {
  Interaction a;
  a.id = id;
  a.channel = "chat";
  a.team = team;
  a.created_at = at("2026-03-02T09:00:00Z");
  return a;
}

// A CSAT answer of 5 linked to `link`, responded 2026-03-03T09:00Z.
SurveyResponse linked_survey(const char* id, const char* link) {
  SurveyResponse s;
  s.id = id;
  s.kind = SurveyKind::csat;
  s.score = 5;
  s.responded_at = at("2026-03-03T09:00:00Z");
  s.interaction_id = link;
  return s;
}

}  // namespace

TEST_CASE("Surveys linked on several threads get the links and codes of one thread", "[dataset][property][threads]") {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    const std::uint32_t spread = seed % 2 == 0 ? 40 : 400;
    INFO("seed " << seed << ", agents " << spread);
    Dataset one = random_linked(seed, spread);
    one.link(1);
    const SurveyColumns& s1 = one.surveys();
    for (const unsigned threads : {2u, 3u, 8u}) {
      INFO(threads << " threads");
      Dataset many = random_linked(seed, spread);
      many.link(threads);
      const SurveyColumns& s = many.surveys();
      REQUIRE(s.interaction == s1.interaction);
      for (std::size_t d = 0; d < dimension_count; ++d) {
        INFO("dimension " << d);
        REQUIRE(s.effective_dim[d].stored() == s1.effective_dim[d].stored());
        for (std::size_t i = 0; i < s.size(); ++i) REQUIRE(s.effective_dim[d][i] == s1.effective_dim[d][i]);
      }
    }
    // By hand: a survey's own code wins, else its interaction's; none without either.
    for (std::size_t i = 0; i < s1.size(); ++i) {
      const std::size_t agent = index_of(Dimension::agent);
      const std::uint32_t row = s1.interaction[i];
      const std::uint32_t expected = s1.dim[agent][i] != no_code ? s1.dim[agent][i]
                                     : row != no_code           ? one.interactions().dim[agent][row]
                                                                : no_code;
      REQUIRE(s1.effective_dim[agent][i] == expected);
    }
    CHECK_FALSE(s1.effective_dim[index_of(Dimension::team)].stored());  // no record has a team
  }
}

TEST_CASE("A dimension only unlinked interactions carry gives surveys no effective codes", "[dataset]") {
  Dataset data;
  REQUIRE(data.add(team_interaction("A", "blue")));
  REQUIRE(data.add(linked_survey("s1", "elsewhere")));
  data.link(2);
  CHECK(data.surveys().interaction[0] == no_code);
  CHECK_FALSE(data.surveys().effective_dim[index_of(Dimension::team)].stored());  // stored nothing, as one thread
  CHECK(data.surveys().effective_dim[index_of(Dimension::team)][0] == no_code);
}

TEST_CASE("A survey link to an interaction already added is resolved at once; others wait for link()", "[dataset][threads]") {
  Dataset data;
  const auto interaction = [&](const char* id, const char* team) { REQUIRE(data.add(team_interaction(id, team))); };
  const auto survey = [&](const char* id, const char* link) { REQUIRE(data.add(linked_survey(id, link))); };
  interaction("Z", "green");
  interaction("A", "blue");  // out of order: the ids take a table
  REQUIRE_FALSE(data.interaction_ids().ordered());
  survey("s1", "A");      // found at once: no text kept
  survey("s2", "B");      // B comes later
  survey("s3", "none");   // never comes
  survey("s4", "B");
  CHECK(data.survey_links().size() == 2);  // B and none
  const SurveyColumns& s = data.surveys();
  CHECK(s.interaction[0] == 1);
  CHECK(s.link_id[0] == no_code);
  CHECK(s.interaction[1] == no_code);
  CHECK(s.link_id[1] == s.link_id[3]);
  interaction("B", "red");
  data.release_lookup_tables();
  CHECK_FALSE(data.interaction_ids().indexed());
  survey("s5", "B");  // the released ids are indexed again, then found
  CHECK(data.interaction_ids().indexed());
  CHECK(s.interaction[4] == 2);
  data.link(2);
  CHECK(s.interaction == std::vector<std::uint32_t>{1, 2, no_code, 2, 2});
  const std::size_t team = index_of(Dimension::team);
  CHECK(data.label(Dimension::team, s.effective_dim[team][1]) == "red");
  CHECK(data.label(Dimension::team, s.effective_dim[team][0]) == "blue");
  CHECK(s.effective_dim[team][2] == no_code);
  data.link(1);  // idempotent
  CHECK(s.interaction == std::vector<std::uint32_t>{1, 2, no_code, 2, 2});
}

TEST_CASE("Events are grouped alike on 1, 2, 3 and 8 threads, in order or not", "[dataset][property][threads]") {
  for (unsigned seed = 1; seed <= 16; ++seed) {
    std::mt19937 rng(seed);
    const auto pick = [&rng](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
    const std::uint32_t interactions = 1 + pick(300);
    // Half the seeds list the events by interaction and time (gaps of interactions without
    // events, ties, the first and last rows with or without); the other half break it once.
    const bool in_order = seed % 2 == 0;
    std::vector<std::pair<std::uint32_t, int>> events;  // (row, minute)
    for (std::uint32_t r = pick(3); r < interactions; r += 1 + pick(3)) {
      int minute = 0;
      for (std::uint32_t k = pick(5); k > 0; --k) events.emplace_back(r, minute += static_cast<int>(pick(3)));
    }
    if (!in_order && seed % 4 == 1 && events.size() > 1) {  // an event among another interaction's
      const std::size_t i = 1 + pick(static_cast<std::uint32_t>(events.size() - 1));
      std::swap(events[i], events[pick(static_cast<std::uint32_t>(i))]);
    }
    if (!in_order && seed % 4 == 3) {  // two events of one interaction out of time order
      for (std::size_t i = 1; i < events.size(); ++i) {
        if (events[i].first == events[i - 1].first && events[i].second != events[i - 1].second) {
          std::swap(events[i].second, events[i - 1].second);
          break;
        }
      }
    }
    const auto build = [&] {
      Dataset data;
      for (std::uint32_t r = 0; r < interactions; ++r) {
        Interaction x;
        x.id = "I" + std::to_string(r);
        x.created_at = at("2026-01-01T00:00:00Z");
        REQUIRE(data.add(x));
      }
      for (const auto& [row, minute] : events) {
        InteractionEvent e;
        e.interaction_id = "I" + std::to_string(row);
        e.at = at("2026-01-01T00:00:00Z") + std::chrono::minutes{minute};
        e.type = InteractionEventType::agent_reply;
        REQUIRE(data.add(e) == EventAdd::accepted);
      }
      return data;
    };
    // By hand: each row's events by minute, ties in input order.
    std::vector<std::vector<std::uint32_t>> expected(interactions);
    for (std::uint32_t i = 0; i < events.size(); ++i) expected[events[i].first].push_back(i);
    for (auto& rows : expected) {
      std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) { return events[a].second < events[b].second; });
    }
    for (const unsigned threads : {1u, 2u, 3u, 8u}) {
      INFO("seed " << seed << ", " << threads << " threads, " << events.size() << " events");
      Dataset data = build();
      data.link(threads);
      for (std::uint32_t r = 0; r < interactions; ++r) {
        const RowRange range = data.events_of(r);
        REQUIRE(std::vector<std::uint32_t>(range.begin(), range.end()) == expected[r]);
      }
    }
  }
}
