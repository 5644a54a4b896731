// Dictionary runs: values numbered one by one keep no entries until value() asks for them.
#include <catch2/catch.hpp>

#include <cskpi/model/dictionary.hpp>

#include "numbered_ids.hpp"

#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using cskpi::Dictionary;
using cskpi::test::numbered;

namespace {

// The spare room unwritten_reserve() lists for `values` values.
std::size_t spare_bytes(const Dictionary& d, std::size_t values) {
  std::vector<cskpi::MemorySpan> spans;
  d.unwritten_reserve(values, spans);
  std::size_t bytes = 0;
  for (const auto& s : spans) bytes += s.size;
  return bytes;
}

}  // namespace

TEST_CASE("Values numbered one by one are a run: codes from numbers, no entry until value()", "[dataset]") {
  Dictionary d;
  CHECK(d.run());  // empty: a run of none
  CHECK_FALSE(d.find("I00000001"));
  d.reserve(1000000);  // deferred: a run writes nothing
  for (std::uint32_t i = 0; i < 100000; ++i) REQUIRE(d.intern(numbered(i + 1, 8, "I")) == i);
  CHECK(d.run());
  CHECK(d.ordered());
  CHECK_FALSE(d.finds_by_hash());
  CHECK(d.size() == 100000);
  CHECK(spare_bytes(d, 500000) == 0);  // no room reserved, so none to fault in ahead
  for (std::uint32_t i = 0; i < 100000; i += 13) CHECK(d.find(numbered(i + 1, 8, "I")) == i);
  // Absent: before the first, after the last, another width, prefix, case or byte.
  for (const char* absent : {"I00000000", "I00100001", "I0000001", "I000000001", "J00000005", "i00000005", "I0000000x",
                             "I0000 005", "", "I"}) {
    CHECK_FALSE(d.find(absent));
  }
  d.release_index();
  d.restore_index();  // nothing to build (nor any entry to write): the numbers find the values
  CHECK(d.indexed());
  CHECK(d.find("I00077777") == 77776u);
  CHECK(d.intern("I00100001") == 100000u);
  CHECK(d.run());  // no entry was written: the run goes on
  CHECK(d.intern("I00000005") == 4u);  // a repeat breaks the run; its code is found
  CHECK_FALSE(d.run());
  CHECK(d.size() == 100001);
  for (std::uint32_t i = 0; i <= 100000; i += 7) CHECK(d.value(i) == numbered(i + 1, 8, "I"));
  CHECK(d.intern("I00100002") == 100001u);  // goes on as ordered values
  CHECK(d.find("I00100002") == 100001u);
  // The deferred reserve for 1M, made when the run ended: 4-byte offsets and 17-byte entries
  // (8 + 9, 18 at the arena's mean + 1) for 800K more (growth by doubling leaves 2 MB).
  CHECK(spare_bytes(d, 800000) >= std::size_t{800000} * (4 + 17));
}

TEST_CASE("A run's entries are written on the first value(), and the run ends at the next new value", "[dataset]") {
  Dictionary d;
  // Digits carried across every place: 0998 → 0999 → 1000, and then the whole width.
  for (std::uint32_t i = 0; i < 9100; ++i) REQUIRE(d.intern(numbered(998 + i, 5, "A")) == i);
  CHECK(d.run());
  CHECK(d.value(0) == "A00998");  // code 0's entry is always written: no entries yet
  CHECK(d.value(2) == "A01000");  // writes them all
  CHECK(d.value(9001) == "A09999");
  CHECK(d.value(9002) == "A10000");
  CHECK(d.value(9099) == "A10097");
  CHECK(d.run());  // still found by number
  CHECK(d.find("A05000") == 4002u);
  CHECK(d.intern("A10098") == 9100u);  // the next number, but the entries are written: they go on
  CHECK_FALSE(d.run());
  CHECK(d.ordered());
  CHECK(d.value(9100) == "A10098");
  for (std::uint32_t i = 0; i <= 9100; ++i) REQUIRE(d.find(numbered(998 + i, 5, "A")) == i);
}

TEST_CASE("A value that breaks the run writes its entries, and every mode goes on from there", "[dataset]") {
  SECTION("a gap: ordered values") {
    Dictionary d;
    for (std::uint32_t i = 0; i < 1000; ++i) d.intern(numbered(i, 6, "T-"));
    CHECK(d.intern("T-001001") == 1000u);  // T-001000 is missing
    CHECK_FALSE(d.run());
    CHECK(d.ordered());
    for (std::uint32_t i = 0; i < 1000; ++i) CHECK(d.value(i) == numbered(i, 6, "T-"));
    CHECK(d.find("T-000999") == 999u);
    CHECK_FALSE(d.find("T-001000"));
  }
  SECTION("out of order: numbered values") {
    Dictionary d;
    for (std::uint32_t i = 0; i < 1000; ++i) d.intern(numbered(i + 500, 7, "C"));
    CHECK(d.intern("C0000007") == 1000u);
    CHECK(d.numbered());
    CHECK(d.intern("C0000700") == 200u);
    CHECK(d.value(999) == "C0001499");
  }
  SECTION("another form: the table") {
    Dictionary d;
    for (std::uint32_t i = 0; i < 100; ++i) d.intern(numbered(i, 3, "X"));
    CHECK(d.intern("agent-7") == 100u);
    CHECK_FALSE(d.run());
    CHECK(d.find("agent-7") == 100u);
    CHECK(d.find("X042") == 42u);
    CHECK(d.value(42) == "X042");
  }
  SECTION("no digits: no run from the first value") {
    Dictionary d;
    CHECK(d.intern("email") == 0u);
    CHECK_FALSE(d.run());
    CHECK(d.intern("chat") == 1u);
    CHECK(d.find("email") == 0u);
  }
  SECTION("a longer number: the digits' width is the run's") {
    Dictionary d;
    for (int i = 1; i <= 9; ++i) d.intern("N" + std::to_string(i));
    CHECK(d.run());
    CHECK(d.intern("N10") == 9u);
    CHECK_FALSE(d.run());
    CHECK(d.value(8) == "N9");
    CHECK(d.find("N1") == 0u);
  }
}

TEST_CASE("Runs of long prefixes, long numbers and digits only are read and found", "[dataset]") {
  // Prefixes over 8 bytes and numbers over 8 digits take number_of()'s byte-by-byte path.
  for (const auto& [prefix, width] : std::vector<std::pair<std::string, std::size_t>>{
           {"TICKET-NUMBER-", 12}, {"", 6}, {"7", 18}, {"x", 1}, {"CASE#", 9}}) {
    Dictionary d;
    const std::uint64_t first = width == 1 ? 0 : 99990;
    const std::uint32_t count = width == 1 ? 10 : 40;
    for (std::uint32_t i = 0; i < count; ++i) REQUIRE(d.intern(numbered(first + i, width, prefix)) == i);
    INFO(prefix << " " << width);
    CHECK(d.run());
    for (std::uint32_t i = 0; i < count; ++i) CHECK(d.find(numbered(first + i, width, prefix)) == i);
    CHECK_FALSE(d.find(numbered(first + count, width, prefix)));
    CHECK_FALSE(d.find(numbered(first, width + 1, prefix)));
    CHECK_FALSE(d.find("Q" + numbered(first, width, prefix).substr(1)));
    for (std::uint32_t i = 0; i < count; ++i) CHECK(d.value(i) == numbered(first + i, width, prefix));
  }
}

TEST_CASE("A run's copy, its 8-byte offsets and its released index keep codes and values", "[dataset]") {
  Dictionary d{64};  // 8-byte offsets past an arena of 64 bytes: the switch comes while writing
  for (std::uint32_t i = 0; i < 40; ++i) d.intern(numbered(i + 1, 4, "id"));
  Dictionary copy = d;  // entries unwritten in both
  Dictionary moved = std::move(copy);
  for (std::uint32_t i = 0; i < 40; ++i) CHECK(d.value(i) == numbered(i + 1, 4, "id"));
  CHECK(moved.run());
  CHECK(moved.intern("id0041") == 40u);  // its entries are unwritten: the run goes on
  CHECK(moved.run());
  for (std::uint32_t i = 0; i < 41; ++i) CHECK(moved.value(i) == numbered(i + 1, 4, "id"));
  Dictionary written = d;  // entries written: the copy's value() needs no writing
  CHECK(written.value(39) == "id0040");
  CHECK(written.intern("id0041") == 40u);
  CHECK_FALSE(written.run());
  CHECK(written.value(40) == "id0041");
}

TEST_CASE("A run's entries are written once when threads ask for values at once", "[dataset][threads]") {
  Dictionary d;
  constexpr std::uint32_t count = 200000;
  for (std::uint32_t i = 0; i < count; ++i) d.intern(numbered(i, 7, "S"));
  const Dictionary& shared = d;
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&shared, &wrong, t] {
      for (std::uint32_t i = static_cast<std::uint32_t>(t); i < count; i += 997) {
        if (shared.value(i) != numbered(i, 7, "S") || shared.find(numbered(i, 7, "S")) != i) ++wrong[t];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const int w : wrong) CHECK(w == 0);
  CHECK(d.run());
}

TEST_CASE("Runs broken at random give the codes, finds and values of a map", "[dataset][property]") {
  std::mt19937_64 rng(31);
  int ended = 0;
  int kept = 0;
  for (int round = 0; round < 300; ++round) {
    Dictionary d;
    std::map<std::string, std::uint32_t> reference;
    std::vector<std::string> by_code;
    const std::size_t width = 1 + rng() % 9;
    const std::string prefix = rng() % 5 == 0 ? "" : std::string(1 + rng() % 10, static_cast<char>('A' + rng() % 3));
    std::uint64_t next = rng() % 50;
    const int n = 1 + static_cast<int>(rng() % 2000);
    const int break_at = rng() % 2 == 0 ? static_cast<int>(rng() % static_cast<std::uint64_t>(n)) : n;
    for (int i = 0; i < n; ++i) {
      std::string v = numbered(next++, width, prefix);
      if (v.size() != prefix.size() + width) break;  // the numbers outgrew the width
      if (i == break_at) {
        switch (rng() % 5) {
          case 0: v = numbered(next += 2, width, prefix); break;              // a gap
          case 1: v = by_code.empty() ? v : by_code[rng() % by_code.size()]; break;  // a repeat
          case 2: v = "other-" + std::to_string(rng() % 10); break;           // another form
          case 3:  // value() asked mid-run: the next value, though in the run, ends it
            if (!by_code.empty()) {
              const auto code = static_cast<std::uint32_t>(rng() % by_code.size());
              CHECK(d.value(code) == by_code[code]);
            }
            break;
          default: v = numbered(next - 3, width, prefix); break;              // back
        }
      }
      const auto [it, added] = reference.emplace(v, static_cast<std::uint32_t>(reference.size()));
      if (added) by_code.push_back(v);
      INFO(round << " " << i << ": " << v);
      REQUIRE(d.intern(v) == it->second);
    }
    (d.run() ? kept : ended) += 1;
    REQUIRE(d.size() == reference.size());
    for (const auto& [v, code] : reference) CHECK(d.find(v) == code);
    for (std::size_t code = 0; code < by_code.size(); ++code) CHECK(d.value(static_cast<std::uint32_t>(code)) == by_code[code]);
    for (int k = 0; k < 30; ++k) {
      const std::string probe = numbered(rng() % (next + 10), width, prefix);
      const auto it = reference.find(probe);
      CHECK(d.find(probe) == (it == reference.end() ? std::nullopt : std::optional<std::uint32_t>{it->second}));
    }
  }
  CHECK(ended >= 60);
  CHECK(kept >= 60);
}
