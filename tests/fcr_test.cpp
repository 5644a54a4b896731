#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/fcr.hpp>
#include <cskpi/model/dictionary.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

using cskpi::FcrAccumulator;
using cskpi::FcrConfig;
using cskpi::FcrMethod;
using cskpi::Milliseconds;
using cskpi::no_code;
using cskpi::repeat_contacts;
using namespace std::chrono_literals;

namespace {
using Flags = std::vector<std::uint8_t>;
constexpr std::int64_t hour = 3'600'000;
}  // namespace

TEST_CASE("FCR rate is first-contact cases over resolved cases", "[metrics][fcr]") {
  FcrAccumulator acc;
  const auto empty = acc.result();
  CHECK(empty.resolved == 0);
  CHECK_FALSE(empty.rate);
  CHECK(empty.method == FcrMethod::contacts);
  CHECK(empty.window == std::chrono::hours{168});
  acc.add(true);
  acc.add(true);
  acc.add(false);
  acc.add(true);
  const auto r = acc.result();
  CHECK(r.resolved == 4);
  CHECK(r.first_contact == 3);
  CHECK(r.rate == 0.75);  // 3/4
}

TEST_CASE("FCR echoes its config and refuses a non-positive window", "[metrics][fcr]") {
  FcrAccumulator acc{FcrConfig{FcrMethod::repeat_window, 48h}};
  acc.add(false);
  const auto r = acc.result();
  CHECK(r.method == FcrMethod::repeat_window);
  CHECK(r.window == 48h);
  CHECK(r.rate == 0.0);
  CHECK_THROWS_AS(FcrAccumulator(FcrConfig{FcrMethod::repeat_window, 0ms}), cskpi::Error);
  try {
    FcrAccumulator bad{FcrConfig{FcrMethod::contacts, -1ms}};
    FAIL("no exception");
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::invalid_config);
    CHECK_THAT(e.what(), Catch::Contains("window -1"));
  }
  FcrAccumulator other{FcrConfig{FcrMethod::repeat_window, 24h}};
  CHECK_THROWS_AS(acc.merge(other), cskpi::Error);
}

TEST_CASE("FCR method names round-trip", "[metrics][fcr]") {
  CHECK(to_string(FcrMethod::contacts) == "contacts");
  CHECK(to_string(FcrMethod::repeat_window) == "repeat_window");
  CHECK(cskpi::parse_fcr_method("repeat_window") == FcrMethod::repeat_window);
  CHECK(cskpi::parse_fcr_method("contacts") == FcrMethod::contacts);
  CHECK_FALSE(cskpi::parse_fcr_method("Contacts"));
}

TEST_CASE("A repeat exactly at +window counts, one ms beyond does not", "[metrics][fcr]") {
  const Milliseconds window = 168h;
  const std::int64_t w = 168 * hour;
  // Rows 0 and 1: second contact at exactly created + window → row 0 is repeated.
  CHECK(repeat_contacts({1, 1}, {5, 5}, {0, w}, window) == Flags{1, 0});
  // One millisecond later: not a repeat.
  CHECK(repeat_contacts({1, 1}, {5, 5}, {0, w + 1}, window) == Flags{0, 0});
  // Input order does not matter: the later row first.
  CHECK(repeat_contacts({1, 1}, {5, 5}, {w, 0}, window) == Flags{0, 1});
}

TEST_CASE("A tie in created_ms is not a repeat, but a later contact still is", "[metrics][fcr]") {
  // Rows 0 and 1 share the instant 100; row 2 is 1 h later: both 0 and 1 have a repeat (row 2).
  CHECK(repeat_contacts({1, 1}, {5, 5}, {100, 100}, 24h) == Flags{0, 0});
  CHECK(repeat_contacts({1, 1, 1}, {5, 5, 5}, {100, 100, 100 + hour}, 24h) == Flags{1, 1, 0});
}

TEST_CASE("Another topic or another customer is not a repeat, but absent topic equals absent topic",
          "[metrics][fcr]") {
  CHECK(repeat_contacts({1, 1}, {5, 6}, {0, hour}, 24h) == Flags{0, 0});
  CHECK(repeat_contacts({1, 2}, {5, 5}, {0, hour}, 24h) == Flags{0, 0});
  CHECK(repeat_contacts({1, 1}, {no_code, no_code}, {0, hour}, 24h) == Flags{1, 0});
  CHECK(repeat_contacts({1, 1}, {no_code, 5}, {0, hour}, 24h) == Flags{0, 0});
}

TEST_CASE("repeat_contacts looks at the nearest later contact of each key", "[metrics][fcr]") {
  // customer 7, topic 1 at 0 h, 30 h, 40 h; customer 7, topic 2 at 1 h; customer 8 topic 1 at 2 h.
  // window 24 h: 0 h → next is 30 h (> 24 h): no; 30 h → 40 h: yes; 40 h: none after; others alone.
  const std::vector<std::uint32_t> customer{7, 7, 8, 7, 7};
  const std::vector<std::uint32_t> topic{1, 2, 1, 1, 1};
  const std::vector<std::int64_t> created{0, hour, 2 * hour, 40 * hour, 30 * hour};
  CHECK(repeat_contacts(customer, topic, created, 24h) == Flags{0, 0, 0, 0, 1});
  // window 0: nothing can be a repeat.
  CHECK(repeat_contacts(customer, topic, created, 0ms) == Flags{0, 0, 0, 0, 0});
}

TEST_CASE("repeat_contacts handles no rows, extreme instants and refuses bad input", "[metrics][fcr]") {
  CHECK(repeat_contacts({}, {}, {}, 24h).empty());
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  CHECK(repeat_contacts({1, 1}, {1, 1}, {lo, hi}, 24h) == Flags{0, 0});
  CHECK(repeat_contacts({1, 1}, {1, 1}, {hi - 1, hi}, 1ms) == Flags{1, 0});
  CHECK_THROWS_AS(repeat_contacts({1, 1}, {1}, {0, 1}, 24h), cskpi::Error);
  CHECK_THROWS_AS(repeat_contacts({1}, {1}, {0}, -1ms), cskpi::Error);
}
