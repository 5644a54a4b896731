// The engine's backlog differences and group-key encoding (src/report): the pieces that let
// partial states of different slices merge by key into exact backlog figures.
#include <catch2/catch.hpp>

#include <cskpi/calendar/time_bucket.hpp>

#include <random>

#include "report/backlog.hpp"
#include "report/key_codec.hpp"

using namespace cskpi;
using namespace cskpi::detail;

TEST_CASE("Backlog differences count an interaction in the snapshots between creation and resolution", "[report][backlog]") {
  BacklogDiff d(4);  // snapshots s0 < s1 < s2 < s3
  d.add(1, 3);       // in the backlog at s1 and s2
  d.add(0, 4);       // open at every snapshot
  d.add(2, 4);
  CHECK(d.counts() == std::vector<std::uint64_t>{1, 2, 3, 2});
  CHECK(BacklogDiff(3).counts() == std::vector<std::uint64_t>{0, 0, 0});
}

TEST_CASE("Sparse backlog differences (many snapshots) equal the dense ones and merge in any order", "[report][backlog]") {
  std::mt19937_64 rng(5);
  const std::size_t n = 9000;  // above the dense limit
  BacklogDiff a(n);
  BacklogDiff b(n);
  std::vector<std::int64_t> expected(n, 0);
  for (int i = 0; i < 20000; ++i) {
    const auto lo = static_cast<std::uint32_t>(rng() % n);
    const auto hi = static_cast<std::uint32_t>(lo + 1 + rng() % (n - lo));
    (i % 3 == 0 ? a : b).add(lo, hi);
    for (std::uint32_t s = lo; s < hi; ++s) ++expected[s];
  }
  BacklogDiff ab = a;
  ab.merge(b);
  BacklogDiff ba = b;
  ba.merge(a);
  const auto counts = ab.counts();
  CHECK(counts == ba.counts());
  CHECK(ab.differences() == ba.differences());
  for (std::size_t s = 0; s < n; ++s) REQUIRE(counts[s] == static_cast<std::uint64_t>(expected[s]));
}

TEST_CASE("Backlog snapshots of a monthly grouping are the month ends in the period and as_of", "[report][backlog]") {
  const ZoneBuckets rome("Europe/Rome");
  const auto ms = [](const char* t) { return to_millis(*parse_instant(t).value); };
  // March 1 – May 1 in Rome, as_of April 20: ends of March (Apr 1 00:00 +02:00), of April
  // (May 1 00:00 +02:00, cut to as_of), and as_of itself.
  const auto snaps = backlog_snapshots({TimeBucket::month}, rome, ms("2026-03-01T00:00:00+01:00"),
                                       ms("2026-05-01T00:00:00+02:00"), ms("2026-04-20T00:00:00Z"));
  CHECK(snaps == std::vector<std::int64_t>{ms("2026-04-01T00:00:00+02:00"), ms("2026-04-20T00:00:00Z")});
  CHECK(backlog_snapshots({}, rome, 0, 1000, 500) == std::vector<std::int64_t>{500});
  CHECK(backlog_snapshots({TimeBucket::hour_of_week}, rome, 0, 1000, 500).empty());
}

TEST_CASE("Encoded group keys sort as the report: null first, labels by bytes, buckets by time", "[report][keys]") {
  const auto key = [](auto&&... parts) {
    KeyWriter w;
    (parts(w), ...);
    return w.bytes();
  };
  const auto label = [](std::string_view s) { return [s](KeyWriter& w) { w.label(s); }; };
  const auto null = [](KeyWriter& w) { w.null_label(); };
  const auto bucket = [](std::int64_t b) { return [b](KeyWriter& w) { w.bucket(b); }; };
  CHECK(key(null) < key(label("")));
  CHECK(key(label("a")) < key(label("ab")));
  CHECK(key(label("a")) < key(label(std::string_view("a\0", 2))));
  CHECK(key(label(std::string_view("a\0", 2))) < key(label("a\x01")));
  CHECK(key(label("Z")) < key(label("a")));  // bytes, not case-folded
  CHECK(key(bucket(-5)) < key(bucket(0)));
  CHECK(key(bucket(0)) < key(bucket(24'312)));
  CHECK(key(label("a"), bucket(9)) < key(label("ab"), bucket(1)));
  // decode(encode(parts)) round-trips, NUL bytes included.
  const std::string k = key(label(std::string_view("x\0y", 3)), null, bucket(-1));
  const auto parts = decode_key(k);
  REQUIRE(parts.size() == 3);
  CHECK(*parts[0].label == std::string("x\0y", 3));
  CHECK_FALSE(parts[1].label);
  CHECK(parts[2].is_bucket);
  CHECK(parts[2].bucket == -1);
  CHECK(encode_key(parts) == k);
  CHECK_THROWS(decode_key(std::string("\x01" "abc", 4)));  // a label without its end mark
}
