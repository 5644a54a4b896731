// The loader has the pages of the columns it is about to fill faulted in on a spare thread
// (Dataset::unwritten_reserve, detail::populate_pages): only where they are, never what is in them.
#include <catch2/catch.hpp>

#include <cskpi/model/dataset.hpp>

#include <algorithm>
#include <numeric>
#include <vector>

#include "detail/huge_pages.hpp"

using namespace cskpi;

namespace {

Interaction interaction(int i) {
  Interaction r;
  r.id = "I" + std::to_string(i);
  r.channel = "chat";
  r.created_at = from_millis(1'700'000'000'000 + std::int64_t{1000} * i);  // whole seconds: 4 bytes a row
  r.handle_seconds = 1.5;
  return r;
}

}  // namespace

TEST_CASE("Populating pages leaves their contents as they were", "[model][pages]") {
  std::vector<std::uint64_t> v(3 << 20);  // 24 MiB: whole pages and a partial last one
  std::iota(v.begin(), v.end(), std::uint64_t{7});
  detail::populate_pages(v.data(), v.size() * sizeof(std::uint64_t));
  detail::populate_pages(v.data() + 1, 5);  // an unaligned start and length
  detail::populate_pages(nullptr, 0);
  CHECK(v.front() == 7);
  CHECK(v.back() == 7 + v.size() - 1);
  std::vector<std::uint64_t> expected(v.size());
  std::iota(expected.begin(), expected.end(), std::uint64_t{7});
  CHECK(v == expected);
}

TEST_CASE("The reserved room the next rows write: the spare part of each allocated column", "[model][pages]") {
  Dataset data;
  CHECK(data.unwritten_interaction_reserve(1000).empty());  // nothing reserved, nothing allocated
  data.reserve_interactions(100'000);  // 400 kB for created_ms (whole seconds: 4 bytes a row)
  for (int i = 0; i < 10; ++i) REQUIRE(data.add(interaction(i)));
  const auto spans = data.unwritten_interaction_reserve(100'000);
  const InteractionColumns& c = data.interactions();
  // created_ms: 99,990 rows of 4 bytes left, right after the 10 written.
  REQUIRE(c.created_ms.width() == 4);
  std::vector<MemorySpan> created_room;
  c.created_ms.unwritten_reserve(100'000, created_room);
  REQUIRE(created_room.size() == 1);
  const auto created = std::find_if(spans.begin(), spans.end(), [&](MemorySpan s) {
    return s.data == created_room[0].data;
  });
  REQUIRE(created != spans.end());
  CHECK(created->size == (c.created_ms.capacity() - 10) * 4);
  CHECK(c.created_ms.capacity() >= 100'000);
  // Only the room the next `rows` rows write: 50,000 of created_ms are 200,000 bytes.
  const auto half = data.unwritten_interaction_reserve(50'000);
  CHECK(std::any_of(half.begin(), half.end(), [&](MemorySpan s) {
    return s.data == created_room[0].data && s.size == 200'000;
  }));
  // Surveys: none reserved, none listed.
  CHECK(data.unwritten_survey_reserve(50'000).empty());
  // Spare room under min_unwritten is not listed: the short-string buffer of an empty arena.
  CHECK(std::all_of(spans.begin(), spans.end(), [](MemorySpan s) { return s.size >= min_unwritten; }));
  // handle_ms is stored (every record has it): its spare room is listed; cost is not stored.
  REQUIRE(c.handle_ms.stored());
  std::vector<MemorySpan> handle_room;
  c.handle_ms.unwritten_reserve(100'000, handle_room);
  REQUIRE(handle_room.size() == 1);
  CHECK(std::any_of(spans.begin(), spans.end(), [&](MemorySpan s) { return s.data == handle_room[0].data; }));
  CHECK_FALSE(c.cost.stored());
  // Every span lies past the written rows: populating them all changes nothing read back.
  for (const MemorySpan s : spans) detail::populate_pages(s.data, s.size);
  for (int i = 0; i < 10; ++i) {
    const auto row = static_cast<std::size_t>(i);
    CHECK(data.interaction_ids().value(static_cast<std::uint32_t>(i)) == "I" + std::to_string(i));
    CHECK(c.created_ms[row] == 1'700'000'000'000 + std::int64_t{1000} * i);
    CHECK(c.handle_ms[row] == 1500);
  }
}

TEST_CASE("The reserved room of interaction events: the columns' spare part for the next events", "[model][pages]") {
  Dataset data;
  REQUIRE(data.add(interaction(0)));
  CHECK(data.unwritten_event_reserve(1000).empty());  // nothing reserved
  data.reserve_events(100'000);
  InteractionEvent e;
  e.interaction_id = "I0";
  e.at = from_millis(1'700'000'000'000);
  e.type = InteractionEventType::agent_reply;
  e.agent_id = "A1";
  REQUIRE(data.add(e) == EventAdd::accepted);
  const auto spans = data.unwritten_event_reserve(40'000);
  const InteractionEventColumns& c = data.interaction_events();
  CHECK(c.at_ms.capacity() >= 100'000);
  // at_ms: 40,000 events of 4 bytes (whole seconds) after the one written; type, status and
  // agent (one agent: a 1-byte code) are under 64 KiB, not listed; the events came in order, so
  // they keep no interaction rows (Dataset::event_interaction finds them by event_start_).
  std::vector<MemorySpan> at_room;
  c.at_ms.unwritten_reserve(40'000, at_room);
  REQUIRE(at_room.size() == 1);
  CHECK(std::any_of(spans.begin(), spans.end(), [&](MemorySpan s) {
    return s.data == at_room[0].data && s.size == 160'000;
  }));
  CHECK(c.agent.width() == 1);
  CHECK(spans.size() == 1);
  CHECK(c.interaction.empty());
  for (const MemorySpan s : spans) detail::populate_pages(s.data, s.size);
  CHECK(c.at_ms[0] == 1'700'000'000'000);
  CHECK(data.event_interaction(0) == 0);
}
