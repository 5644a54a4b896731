// The Loader's compact bookkeeping: interaction events are added as they come when their
// interaction is known, the others are deferred (interaction ids in an arena, agents in a
// dictionary, lines per run of one input) and replay at finish() back in input order, exactly as
// the events themselves would; duplicate_id details still name the right file and line.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/loader.hpp>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace cskpi;

namespace {

struct Event {
  std::string interaction_id;
  std::int64_t at_s;  // Unix seconds
  InteractionEventType type;
  std::optional<TicketStatus> status;
  std::optional<std::string> agent;
};

std::string csv_of(const std::vector<Event>& events) {
  std::string out = "interaction_id,at,type,status,agent_id\n";
  for (const Event& e : events) {
    out += "\"" + e.interaction_id + "\"," + std::to_string(e.at_s) + "," + std::string{to_string(e.type)} + "," +
           (e.status ? std::string{to_string(*e.status)} : "") + "," + e.agent.value_or("") + "\n";
  }
  return out;
}

std::string jsonl_of(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events) {
    out += "{\"interaction_id\":\"" + e.interaction_id + "\",\"at\":" + std::to_string(e.at_s) + ",\"type\":\"" +
           std::string{to_string(e.type)} + "\"";
    if (e.status) out += ",\"status\":\"" + std::string{to_string(*e.status)} + "\"";
    if (e.agent) out += ",\"agent_id\":\"" + *e.agent + "\"";
    out += "}\n";
  }
  return out;
}

// The agent labels of a data set's interaction events, in column order.
std::vector<std::optional<std::string_view>> agents_of(const Dataset& d) {
  std::vector<std::optional<std::string_view>> out;
  const InteractionEventColumns& events = d.interaction_events();
  for (std::size_t e = 0; e < events.size(); ++e) out.push_back(d.label(Dimension::agent, events.agent[e]));
  return out;
}

// The interaction events of two data sets, column by column (agents by label: their codes follow
// the order the loader accepted them in, which puts deferred events after those added at once).
void check_same_events(const Dataset& got, const Dataset& expected) {
  const auto& a = got.interaction_events();
  const auto& b = expected.interaction_events();
  REQUIRE(a.size() == b.size());
  const auto rows = [](const Dataset& d) {
    std::vector<std::uint32_t> out;
    for (std::size_t e = 0; e < d.interaction_events().size(); ++e) out.push_back(d.event_interaction(e));
    return out;
  };
  CHECK(rows(got) == rows(expected));
  CHECK(a.at_ms.millis() == b.at_ms.millis());
  CHECK(a.type == b.type);
  CHECK(a.status == b.status);
  CHECK(agents_of(got) == agents_of(expected));
}

// Long texts shortened (to their start and size), so that a failure prints quickly.
std::string shown(const std::string& text) {
  if (text.size() <= 100) return text;
  return text.substr(0, 60) + "...(" + std::to_string(text.size()) + " bytes)";
}

InteractionEvent event_of(const Event& e) {
  InteractionEvent r;
  r.interaction_id = e.interaction_id;
  r.at = from_millis(e.at_s * 1000);
  r.type = e.type;
  r.status = e.status;
  r.agent_id = e.agent;
  return r;
}

}  // namespace

TEST_CASE("Deferred events replay at finish() as the events themselves, across inputs", "[io][loader][deferred]") {
  std::mt19937_64 rng(11);
  const std::string long_id = "L" + std::string(300, 'x');             // a size past one varint byte
  const std::string huge_id = "H" + std::string(std::size_t{3} << 20, 'y');  // past an arena block
  std::vector<std::string> ids = {"I-1", "I-2", "I-3", "caf\xC3\xA9", long_id, huge_id, "", "I-unknown"};
  // Interactions I-1, I-2, caf\xC3\xA9, the long and the huge one, created at 1000 s; I-3 comes in a later file.
  std::vector<Interaction> interactions;
  for (const std::string& id : {ids[0], ids[1], ids[3], ids[4], ids[5]}) {
    Interaction r;
    r.id = id;
    r.customer_id = "c";
    r.channel = "chat";
    r.created_at = from_millis(1'000'000);
    interactions.push_back(r);
  }
  Interaction late = interactions[0];
  late.id = "I-3";
  const auto random_events = [&](std::size_t n) {
    std::vector<Event> out;
    std::size_t id = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (rng() % 3 == 0) id = rng() % ids.size();  // runs of one id, and ids that come back
      Event e;
      e.interaction_id = ids[id];
      if (e.interaction_id.empty()) e.interaction_id = "I-1";
      e.at_s = 990 + static_cast<std::int64_t>(rng() % 30);  // some before created_at
      e.type = static_cast<InteractionEventType>(rng() % 3);
      if (e.type == InteractionEventType::status) e.status = static_cast<TicketStatus>(rng() % 6);
      if (rng() % 4 != 0) e.agent = "A" + std::to_string(rng() % 5);
      out.push_back(e);
    }
    return out;
  };
  const std::vector<Event> first = random_events(400);
  const std::vector<Event> second = random_events(300);

  // Through the loader: events (CSV), interactions, events (JSON Lines), the late interaction.
  // Events of known interactions are added at once, the others deferred: by the parallel readers
  // in large chunks and in chunks of a few records, and by the sequential reader (0).
  LoadOptions options;
  options.chunk_bytes = GENERATE(std::size_t{LoadOptions::default_chunk_bytes}, std::size_t{0}, std::size_t{97});
  CAPTURE(options.chunk_bytes);
  test::Loaded run(options);
  {
    std::istringstream in(csv_of(first));
    run.loader.load(RecordType::interaction_event, in, "first.csv", FileFormat::csv);
  }
  for (const Interaction& r : interactions) REQUIRE(run.data.add(r));
  {
    std::istringstream in(jsonl_of(second));
    run.loader.load(RecordType::interaction_event, in, "second.jsonl", FileFormat::jsonl);
  }
  REQUIRE(run.data.add(late));
  run.loader.finish();

  // By hand: the same interactions, then every event in input order.
  Dataset expected;
  for (const Interaction& r : interactions) REQUIRE(expected.add(r));
  REQUIRE(expected.add(late));
  std::vector<std::string> expected_rejects;
  std::uint64_t accepted = 0;
  const auto replay = [&](const std::vector<Event>& events, const std::string& file, std::uint64_t first_line) {
    for (std::size_t i = 0; i < events.size(); ++i) {
      const InteractionEvent e = event_of(events[i]);
      const std::string where = file + ":" + std::to_string(first_line + i) + ":";
      switch (expected.add(e)) {
        case EventAdd::accepted: ++accepted; break;
        case EventAdd::unknown_interaction:
          expected_rejects.push_back(shown(where + "interaction_id:no accepted interaction " + e.interaction_id));
          break;
        case EventAdd::before_created:
          expected_rejects.push_back(
              shown(where + "at:" + format_instant(e.at) + " is before the created_at of " + e.interaction_id));
          break;
      }
    }
  };
  replay(first, "first.csv", 2);
  replay(second, "second.jsonl", 1);

  const auto rejects_of = [&](std::string_view field) {
    return std::count_if(expected_rejects.begin(), expected_rejects.end(),
                         [&](const std::string& r) { return r.find(":" + std::string{field} + ":") != std::string::npos; });
  };
  REQUIRE(accepted > 100);  // the case covers acceptance and both rejects
  REQUIRE(rejects_of("interaction_id") > 10);
  REQUIRE(rejects_of("at") > 10);
  const InputCounts& c = run.loader.counts(RecordType::interaction_event);
  CHECK(c.accepted == accepted);
  CHECK(c.rejected == expected_rejects.size());
  CHECK(c.read() == first.size() + second.size());
  std::vector<std::string> got_rejects;
  for (const Reject& r : run.loader.rejects()) {
    got_rejects.push_back(shown(r.file + ":" + std::to_string(r.line) + ":" + r.field + ":" + r.detail));
  }
  CHECK(got_rejects == expected_rejects);

  check_same_events(run.data, expected);
  CHECK(run.data.dictionary(Dimension::agent).size() == expected.dictionary(Dimension::agent).size());
}

TEST_CASE("Deferred events past a chunk of the list (65,536) replay as the events themselves",
          "[io][loader][deferred]") {
  // 70,000 events in runs over three interactions and an unknown id, some before created_at:
  // finish() looks an interaction up once per run and frees the list chunk by chunk.
  std::mt19937_64 rng(12);
  const std::vector<std::string> ids = {"I-1", "I-2", "I-3", "I-unknown"};
  test::Loaded run;
  Dataset expected;
  for (std::size_t k = 0; k < 3; ++k) {
    Interaction r;
    r.id = ids[k];
    r.customer_id = "c";
    r.channel = "chat";
    r.created_at = from_millis(1'000'000);
    REQUIRE(run.data.add(r));
    REQUIRE(expected.add(r));
  }
  std::vector<Event> events;
  std::size_t id = 0;
  for (std::size_t i = 0; i < 70000; ++i) {
    if (rng() % 3 == 0) id = rng() % ids.size();
    Event e{ids[id], 990 + static_cast<std::int64_t>(rng() % 30), static_cast<InteractionEventType>(rng() % 3),
            std::nullopt, std::nullopt};
    if (e.type == InteractionEventType::status) e.status = static_cast<TicketStatus>(rng() % 6);
    if (rng() % 4 != 0) e.agent = "A" + std::to_string(rng() % 5);
    events.push_back(e);
  }
  std::istringstream in(csv_of(events));
  run.loader.load(RecordType::interaction_event, in, "events.csv", FileFormat::csv);
  run.loader.finish();
  std::uint64_t accepted = 0;
  for (const Event& e : events) {
    if (expected.add(event_of(e)) == EventAdd::accepted) ++accepted;
  }
  const InputCounts& c = run.loader.counts(RecordType::interaction_event);
  CHECK(c.accepted == accepted);
  CHECK(c.read() == events.size());
  check_same_events(run.data, expected);
}

TEST_CASE("A strict-mode throw at finish() leaves nothing deferred", "[io][loader][deferred]") {
  LoadOptions strict;
  strict.strict = true;
  Dataset data;
  Loader loader(data, strict);
  std::istringstream in("interaction_id,at,type\nI-9,2027-01-01T10:05:00Z,agent_reply\nI-9,2027-01-01T10:06:00Z,"
                        "agent_reply\n");
  loader.load(RecordType::interaction_event, in, "e.csv", FileFormat::csv);
  CHECK_THROWS_WITH(loader.finish(), "e.csv:2: interaction_id: unknown_interaction: no accepted interaction I-9");
  CHECK_NOTHROW(loader.finish());
  CHECK(loader.counts(RecordType::interaction_event).read() == 1);
  CHECK(data.interaction_events().size() == 0);
}

TEST_CASE("duplicate_id details name the input and line of the accepted record, or none", "[io][loader][deferred]") {
  Dataset data;
  Interaction direct;
  direct.id = "D-1";
  direct.customer_id = "c";
  direct.channel = "chat";
  direct.created_at = from_millis(0);
  REQUIRE(data.add(direct));  // not read by the loader
  Loader loader(data, {});
  const std::string header = "id,customer_id,channel,created_at\n";
  std::istringstream a(header + "A-1,c,chat,2027-01-01T10:00:00Z\n\nA-2,c,chat,2027-01-01T10:00:00Z\n");
  loader.load(RecordType::interaction, a, "a.csv", FileFormat::csv);
  direct.id = "D-2";
  REQUIRE(data.add(direct));  // between two loads
  std::istringstream b(header + "B-1,c,chat,2027-01-01T10:00:00Z\nA-2,c,chat,2027-01-01T10:00:00Z\n"
                                "D-1,c,chat,2027-01-01T10:00:00Z\nD-2,c,chat,2027-01-01T10:00:00Z\n"
                                "B-1,c,chat,2027-01-01T10:00:00Z\n");
  loader.load(RecordType::interaction, b, "b.csv", FileFormat::csv);
  std::istringstream c(header + "A-1,c,chat,2027-01-01T10:00:00Z\n");
  loader.load(RecordType::interaction, c, "b.csv", FileFormat::csv);  // same name as an earlier input
  loader.finish();
  std::vector<std::string> details;
  for (const Reject& r : loader.rejects()) details.push_back(r.file + ":" + std::to_string(r.line) + ": " + r.detail);
  CHECK(details == std::vector<std::string>{"b.csv:3: A-2 was accepted at a.csv:4", "b.csv:4: D-1 was already accepted",
                                            "b.csv:5: D-2 was already accepted", "b.csv:6: B-1 was accepted at line 2",
                                            "b.csv:2: A-1 was accepted at a.csv:2"});
}

TEST_CASE("Loaded events are grouped by interaction in (at, input) order, small groups and large",
          "[io][loader][deferred]") {
  std::mt19937_64 rng(21);
  Dataset data;
  Loader loader(data, {});
  constexpr std::size_t interactions = 50;
  std::string csv = "id,customer_id,channel,created_at\n";
  for (std::size_t i = 0; i < interactions; ++i) csv += "I-" + std::to_string(i) + ",c,chat,1000\n";
  std::istringstream in(csv);
  loader.load(RecordType::interaction, in, "i.csv", FileFormat::csv);
  // Group sizes from 0 to 100 (past the insertion sort's 32), instants with many ties.
  std::vector<std::size_t> sizes(interactions);
  for (std::size_t& s : sizes) s = rng() % 4 == 0 ? rng() % 101 : rng() % 6;
  std::vector<std::pair<std::size_t, std::int64_t>> events;  // (interaction, at), in input order
  for (std::size_t i = 0; i < interactions; ++i) {
    for (std::size_t k = 0; k < sizes[i]; ++k) events.emplace_back(i, 1000 + static_cast<std::int64_t>(rng() % 20));
  }
  std::shuffle(events.begin(), events.end(), rng);
  std::string ev = "interaction_id,at,type\n";
  for (const auto& [i, t] : events) ev += "I-" + std::to_string(i) + "," + std::to_string(t) + ",agent_reply\n";
  std::istringstream ein(ev);
  loader.load(RecordType::interaction_event, ein, "e.csv", FileFormat::csv);
  loader.finish();
  REQUIRE(data.interaction_events().size() == events.size());
  for (std::size_t i = 0; i < interactions; ++i) {
    std::vector<std::uint32_t> expected;
    for (std::uint32_t e = 0; e < events.size(); ++e) {
      if (events[e].first == i) expected.push_back(e);
    }
    std::stable_sort(expected.begin(), expected.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return events[a].second < events[b].second; });
    const RowRange got = data.events_of(i);
    CHECK(std::vector<std::uint32_t>(got.begin(), got.end()) == expected);
  }
}
