// An interaction event's row (Dataset::event_interaction): while the events come by
// interaction and instant, as exports list them, the data set keeps only where each
// interaction's events start; at the first event out of that order it writes every event's row
// and keeps it from then on. Both ways give the same rows and, after link(), the same events_of.
#include <catch2/catch.hpp>

#include <cskpi/model/dataset.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace cskpi;

namespace {

constexpr std::int64_t t0 = 1'700'000'000'000;

Dataset with_interactions(int n) {
  Dataset data;
  for (int i = 0; i < n; ++i) {
    Interaction r;
    r.id = "I" + std::to_string(i);
    r.created_at = from_millis(t0);
    REQUIRE(data.add(r));
  }
  return data;
}

void add_event(Dataset& data, int interaction, std::int64_t seconds) {
  InteractionEvent e;
  e.interaction_id = "I" + std::to_string(interaction);
  e.at = from_millis(t0 + 1000 * seconds);
  e.type = InteractionEventType::agent_reply;
  REQUIRE(data.add(e) == EventAdd::accepted);
}

std::vector<std::uint32_t> rows_of(const Dataset& data) {
  std::vector<std::uint32_t> rows;
  for (std::size_t e = 0; e < data.interaction_events().size(); ++e) rows.push_back(data.event_interaction(e));
  return rows;
}

std::vector<std::uint32_t> events_of(const Dataset& data, std::size_t row) {
  const RowRange range = data.events_of(row);
  return {range.begin(), range.end()};
}

}  // namespace

TEST_CASE("Events in order keep no rows: each event's row comes from where its interaction's start", "[model][events]") {
  Dataset data = with_interactions(6);
  // Interaction 0 has none, 1 two, 2 and 3 none, 4 three (two at the same instant), 5 none.
  for (const auto& [row, s] : std::vector<std::pair<int, std::int64_t>>{{1, 5}, {1, 9}, {4, 1}, {4, 1}, {4, 2}}) {
    add_event(data, row, s);
  }
  CHECK(data.interaction_events().interaction.empty());
  CHECK(rows_of(data) == std::vector<std::uint32_t>{1, 1, 4, 4, 4});
  data.link();
  CHECK(events_of(data, 0).empty());
  CHECK(events_of(data, 1) == std::vector<std::uint32_t>{0, 1});
  CHECK(events_of(data, 2).empty());
  CHECK(events_of(data, 3).empty());
  CHECK(events_of(data, 4) == std::vector<std::uint32_t>{2, 3, 4});
  CHECK(events_of(data, 5).empty());
  // More events after link(), still in order, and a link() again: the rows after the last
  // event's, which link() filled in, are not taken for events.
  add_event(data, 4, 3);
  add_event(data, 5, 0);
  CHECK(data.interaction_events().interaction.empty());
  CHECK(rows_of(data) == std::vector<std::uint32_t>{1, 1, 4, 4, 4, 4, 5});
  data.link();
  CHECK(events_of(data, 4) == std::vector<std::uint32_t>{2, 3, 4, 5});
  CHECK(events_of(data, 5) == std::vector<std::uint32_t>{6});
  CHECK_THROWS_AS(data.event_interaction(7), std::out_of_range);
}

TEST_CASE("An event out of order writes every event's row, and link() groups them as before", "[model][events]") {
  SECTION("an earlier interaction") {
    Dataset data = with_interactions(4);
    add_event(data, 1, 5);
    add_event(data, 3, 1);
    add_event(data, 0, 7);  // out of order: row 0 after row 3
    add_event(data, 3, 0);
    CHECK(data.interaction_events().interaction == std::vector<std::uint32_t>{1, 3, 0, 3});
    CHECK(rows_of(data) == std::vector<std::uint32_t>{1, 3, 0, 3});
    data.link();
    CHECK(events_of(data, 0) == std::vector<std::uint32_t>{2});
    CHECK(events_of(data, 1) == std::vector<std::uint32_t>{0});
    CHECK(events_of(data, 2).empty());
    CHECK(events_of(data, 3) == std::vector<std::uint32_t>{3, 1});  // by instant: 0 s, then 1 s
  }
  SECTION("an earlier instant of the same interaction") {
    Dataset data = with_interactions(2);
    add_event(data, 1, 5);
    add_event(data, 1, 4);
    CHECK(data.interaction_events().interaction == std::vector<std::uint32_t>{1, 1});
    data.link();
    CHECK(events_of(data, 1) == std::vector<std::uint32_t>{1, 0});
  }
}

TEST_CASE("Events in a random order: the rows and groups of the one-by-one order", "[model][events]") {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 50; ++round) {
    const int n = 1 + static_cast<int>(rng() % 8);
    std::vector<std::pair<int, std::int64_t>> events;
    for (int k = static_cast<int>(rng() % 20); k > 0; --k) {
      events.emplace_back(static_cast<int>(rng() % static_cast<std::uint64_t>(n)), static_cast<std::int64_t>(rng() % 4));
    }
    if (rng() % 2 == 0) std::sort(events.begin(), events.end());  // in order half the time
    Dataset data = with_interactions(n);
    for (const auto& [row, s] : events) add_event(data, row, s);
    data.link();
    std::vector<std::uint32_t> expected_rows;
    expected_rows.reserve(events.size());
    for (const auto& e : events) expected_rows.push_back(static_cast<std::uint32_t>(e.first));
    CHECK(rows_of(data) == expected_rows);
    for (int row = 0; row < n; ++row) {
      std::vector<std::uint32_t> expected;  // its events by instant, then input order
      for (std::uint32_t e = 0; e < events.size(); ++e) {
        if (events[e].first == row) expected.push_back(e);
      }
      std::stable_sort(expected.begin(), expected.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return events[a].second < events[b].second; });
      CHECK(events_of(data, static_cast<std::size_t>(row)) == expected);
    }
  }
}
