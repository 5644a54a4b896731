// ProductivityAccumulator (SPEC §3 People): distinct (agent, local day) pairs, resolved per
// active agent-day, and a merge that is a set union.
#include <catch2/catch.hpp>

#include <cskpi/metrics/productivity.hpp>

using cskpi::ProductivityAccumulator;

TEST_CASE("Productivity counts each agent-day once and divides resolved by them", "[metrics][productivity]") {
  ProductivityAccumulator p;
  const auto empty = p.result(0, 0);
  CHECK(empty.active_days == 0);
  CHECK_FALSE(empty.resolved_per_day);  // no active day: undefined, not 0
  p.add(1, 20'000);
  p.add(1, 20'000);  // the same agent-day again
  p.add(2, 20'000);
  p.add(1, 20'001);
  p.add(1, 20'000);  // after others: still the same pair
  const auto r = p.result(7, 6);
  CHECK(r.handled == 7);
  CHECK(r.resolved == 6);
  CHECK(r.active_days == 3);  // (1, d0), (2, d0), (1, d1)
  CHECK(*r.resolved_per_day == Approx(2.0));  // 6 / 3
}

TEST_CASE("Productivity days before 1970 and far ahead pack and unpack exactly", "[metrics][productivity]") {
  for (const std::int64_t day : {std::int64_t{-719'468}, std::int64_t{-1}, std::int64_t{0}, std::int64_t{2'932'896}}) {
    const std::uint64_t packed = ProductivityAccumulator::pack(42, day);
    CHECK(ProductivityAccumulator::agent_of(packed) == 42);
    CHECK(ProductivityAccumulator::day_of(packed) == day);
  }
}

TEST_CASE("Productivity merge is a union: a pair in both parts counts once", "[metrics][productivity]") {
  ProductivityAccumulator a;
  ProductivityAccumulator b;
  a.add(1, 10);
  a.add(2, 10);
  b.add(2, 10);  // also in a
  b.add(3, 11);
  ProductivityAccumulator ab = a;
  ab.merge(b);
  ProductivityAccumulator ba = b;
  ba.merge(a);
  CHECK(ab.result(0, 0).active_days == 3);  // {(1,10), (2,10), (3,11)}
  ab.compact();
  ba.compact();
  CHECK(ab.pairs() == ba.pairs());
  ab.merge(ab);  // a set united with itself
  CHECK(ab.result(0, 0).active_days == 3);
}

TEST_CASE("Productivity over many adds compacts to the distinct pairs", "[metrics][productivity]") {
  ProductivityAccumulator p;
  for (int round = 0; round < 50; ++round) {
    for (std::uint32_t agent = 0; agent < 40; ++agent) {
      for (std::int64_t day = 0; day < 30; ++day) p.add(agent, day);
    }
  }
  CHECK(p.result(0, 0).active_days == 40 * 30);  // 1,200 pairs added 50 times each
  p.compact();
  CHECK(p.pairs().size() == 1200);
  // Re-coding agents (assign) keeps the set: agent k becomes 100 + k.
  std::vector<std::uint64_t> recoded = p.pairs();
  for (std::uint64_t& x : recoded) {
    x = ProductivityAccumulator::pack(100 + ProductivityAccumulator::agent_of(x), ProductivityAccumulator::day_of(x));
  }
  p.assign(recoded);
  p.add(100, 0);  // (100, 0) is the re-coded (0, 0): no new pair
  p.add(0, 0);    // agent code 0 is a new agent after re-coding
  CHECK(p.result(0, 0).active_days == 1201);
}
