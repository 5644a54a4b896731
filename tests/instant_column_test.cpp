#include <catch2/catch.hpp>

#include <cskpi/model/instant_column.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using cskpi::InstantColumn;
using cskpi::no_instant;

namespace {

constexpr std::int64_t second = 1000;
constexpr std::int64_t t0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z in ms
constexpr std::int64_t int32_top = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t int32_bottom = std::numeric_limits<std::int32_t>::min();

InstantColumn column_of(const std::vector<std::int64_t>& values) {
  InstantColumn c;
  for (const std::int64_t v : values) c.push_back(v);
  return c;
}

void check_rows(const InstantColumn& column, const std::vector<std::int64_t>& expected) {
  REQUIRE(column.size() == expected.size());
  for (std::size_t row = 0; row < expected.size(); ++row) {
    INFO(row);
    REQUIRE(column[row] == expected[row]);
  }
  CHECK(column.millis() == expected);
}

}  // namespace

TEST_CASE("An instant column keeps whole seconds in 4 bytes a row", "[dataset]") {
  InstantColumn empty;
  CHECK(empty.empty());
  CHECK(empty.width() == 4);
  CHECK(empty.millis().empty());

  // Absent rows before the first instant, then seconds before and after it.
  const std::vector<std::int64_t> values{no_instant, t0, no_instant, t0 + 59 * second, t0 - 86'400 * second, t0};
  const InstantColumn c = column_of(values);
  CHECK(c.width() == 4);
  check_rows(c, values);

  const InstantColumn absent = column_of({no_instant, no_instant});  // only absent rows
  CHECK(absent.width() == 4);
  check_rows(absent, {no_instant, no_instant});

  const InstantColumn epoch = column_of({0, -second, 1'000'000 * second});  // 1970, and before it
  CHECK(epoch.width() == 4);
  check_rows(epoch, {0, -second, 1'000'000 * second});
}

TEST_CASE("An instant column stays narrow up to ±(2^31 − 1) seconds from its first instant", "[dataset]") {
  // 2^31 − 1 s is 68 years: the farthest of each side fits, the next second does not.
  const std::vector<std::int64_t> edges{t0, t0 + int32_top * second, t0 - int32_top * second};
  const InstantColumn c = column_of(edges);
  CHECK(c.width() == 4);
  check_rows(c, edges);

  for (const std::int64_t far : {t0 + (int32_top + 1) * second, t0 + int32_bottom * second}) {
    INFO(far);  // int32_bottom seconds is the absent marker: it must widen, not read back absent
    const InstantColumn wide = column_of({t0, no_instant, far, t0 + second});
    CHECK(wide.width() == 8);
    check_rows(wide, {t0, no_instant, far, t0 + second});
  }
}

TEST_CASE("An instant column widens to milliseconds at the first instant not whole seconds from the first", "[dataset]") {
  std::vector<std::int64_t> expected{t0, no_instant, t0 + 3 * second};
  InstantColumn c = column_of(expected);
  c.reserve(100);
  REQUIRE(c.width() == 4);
  for (const std::int64_t v : {t0 + 1, no_instant, t0 - 999, t0 + 7 * second}) {
    c.push_back(v);
    expected.push_back(v);
  }
  CHECK(c.width() == 8);
  CHECK(c.capacity() >= 100);  // the reserve carries over to the wide rows
  check_rows(c, expected);

  // Seconds are counted from the first instant, whatever its milliseconds.
  const InstantColumn first_ms = column_of({no_instant, t0 + 250, t0 + 5250});
  CHECK(first_ms.width() == 4);
  check_rows(first_ms, {no_instant, t0 + 250, t0 + 5250});
  const InstantColumn then_whole = column_of({t0 + 250, t0});
  CHECK(then_whole.width() == 8);
  check_rows(then_whole, {t0 + 250, t0});

  // Instants far apart enough to overflow a difference: widened, never wrapped.
  constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max() / second * second;
  const InstantColumn extremes = column_of({-top, top, no_instant + 1000});
  CHECK(extremes.width() == 8);
  check_rows(extremes, {-top, top, no_instant + 1000});
  // 2^64 − 1000 ms apart: the difference wraps to −1000, a whole second, unless checked.
  constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min() + 808;  // −9,223,372,036,854,775,000
  constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max() - 191;  // lowest + 2^64 − 1000
  const InstantColumn wrapped = column_of({lowest, highest});
  CHECK(wrapped.width() == 8);
  check_rows(wrapped, {lowest, highest});
}

TEST_CASE("An instant column lists the room its next rows write", "[dataset]") {
  InstantColumn c;
  std::vector<cskpi::MemorySpan> room;
  c.unwritten_reserve(100'000, room);
  CHECK(room.empty());  // nothing reserved
  c.reserve(100'000);
  c.push_back(t0);
  c.unwritten_reserve(50'000, room);
  REQUIRE(room.size() == 1);
  CHECK(room[0].size == std::size_t{50'000} * 4);
  c.push_back(t0 + 1);  // widened: 8 bytes a row, the reserve kept
  room.clear();
  c.unwritten_reserve(50'000, room);
  REQUIRE(room.size() == 1);
  CHECK(room[0].size == std::size_t{50'000} * 8);
  CHECK(c.capacity() >= 100'000);
}

TEST_CASE("An instant column reads back random instants of any kind", "[dataset][property]") {
  std::mt19937_64 rng(31);
  for (int round = 0; round < 200; ++round) {
    InstantColumn c;
    if (round % 2 == 0) c.reserve(500);
    std::vector<std::int64_t> expected;
    const std::size_t n = rng() % 500;
    const bool millis = round % 4 == 1;  // some rounds put an instant with milliseconds in
    const bool far = round % 4 == 3;     // some rounds an instant 100 years away
    for (std::size_t row = 0; row < n; ++row) {
      std::int64_t v = rng() % 4 == 0 ? no_instant : t0 + static_cast<std::int64_t>(rng() % 10'000'000) * second;
      if (v != no_instant && millis && rng() % 100 == 0) v += 1 + static_cast<std::int64_t>(rng() % 999);
      if (v != no_instant && far && rng() % 100 == 0) v += std::int64_t{100} * 365 * 86'400 * second;
      c.push_back(v);
      expected.push_back(v);
    }
    INFO(round);
    check_rows(c, expected);
  }
}
