#include <catch2/catch.hpp>

#include <cskpi/model/dictionary.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

using cskpi::Dictionary;

TEST_CASE("Dictionary codes are dense, first-seen and stable across growth", "[dataset]") {
  Dictionary d;
  CHECK_FALSE(d.find("a"));
  for (int i = 0; i < 10000; ++i) CHECK(d.intern("label-" + std::to_string(i)) == static_cast<std::uint32_t>(i));
  CHECK(d.size() == 10000);
  for (int i = 0; i < 10000; ++i) {
    const std::string label = "label-" + std::to_string(i);
    CHECK(d.intern(label) == static_cast<std::uint32_t>(i));  // no new code for a known label
    CHECK(d.find(label) == static_cast<std::uint32_t>(i));
    CHECK(d.value(static_cast<std::uint32_t>(i)) == label);
  }
  CHECK(d.size() == 10000);
  CHECK_FALSE(d.find("label-10000"));
}

TEST_CASE("Dictionary labels are case-sensitive and may be empty or hold any bytes", "[dataset]") {
  Dictionary d;
  CHECK(d.intern("Chat") == 0);
  CHECK(d.intern("chat") == 1);
  CHECK(d.intern("") == 2);
  CHECK(d.intern(std::string_view{"a\0b", 3}) == 3);
  CHECK(d.intern(std::string_view{"a\0c", 3}) == 4);
  CHECK(d.find("") == 2u);
  Dictionary copy = d;  // a value type
  CHECK(copy.find("chat") == 1u);
  d.reserve(1000);
  CHECK(d.find("Chat") == 0u);
}

TEST_CASE("Dictionary keeps labels of every length through growth and reserve", "[dataset]") {
  Dictionary d;
  std::vector<std::string> labels;
  for (std::size_t n = 0; n < 300; ++n) labels.push_back(std::string(n, static_cast<char>('a' + n % 26)) + std::to_string(n));
  for (std::size_t i = 0; i < labels.size(); ++i) CHECK(d.intern(labels[i]) == static_cast<std::uint32_t>(i));
  d.reserve(100000);  // rehashes from the arena
  for (std::size_t i = 0; i < labels.size(); ++i) {
    CHECK(d.value(static_cast<std::uint32_t>(i)) == labels[i]);
    CHECK(d.find(labels[i]) == static_cast<std::uint32_t>(i));
    d.prefetch(Dictionary::hash(labels[i]));  // a hint: no effect on results
    d.prefetch_entry(Dictionary::hash(labels[i]));
  }
  CHECK(d.size() == labels.size());
  CHECK_FALSE(d.find(labels[5] + "x"));
}

TEST_CASE("A dictionary whose lookup table is released still reads, finds and interns", "[dataset]") {
  Dictionary d;
  for (int i = 0; i < 1000; ++i) d.intern("id-" + std::to_string(i));
  d.release_index();
  CHECK(d.size() == 1000);
  CHECK(d.value(7) == "id-7");
  CHECK(d.find("id-999") == 999u);  // every label compared
  CHECK_FALSE(d.find("id-1000"));
  CHECK(d.intern("id-5") == 5u);  // the table is built again: no second code
  CHECK(d.intern("id-1000") == 1000u);
  CHECK(d.find("id-1000") == 1000u);
  d.release_index();
  d.restore_index();
  for (int i = 0; i <= 1000; ++i) CHECK(d.find("id-" + std::to_string(i)) == static_cast<std::uint32_t>(i));
  Dictionary empty;
  empty.release_index();
  empty.restore_index();
  CHECK(empty.intern("x") == 0u);
}

TEST_CASE("Dictionary entry offsets switch from 4 to 8 bytes past the limit, codes and values kept", "[dataset]") {
  Dictionary d{64};  // 8-byte offsets from an arena of 64 bytes on (4 GiB normally)
  std::vector<std::string> labels;
  for (int i = 0; i < 40; ++i) {
    labels.push_back("label-" + std::to_string(i));  // 8 + 7..8 bytes an entry: the switch after 4
    CHECK(d.intern(labels.back()) == static_cast<std::uint32_t>(i));
  }
  for (int i = 0; i < 40; ++i) {
    CHECK(d.value(static_cast<std::uint32_t>(i)) == labels[static_cast<std::size_t>(i)]);
    CHECK(d.find(labels[static_cast<std::size_t>(i)]) == static_cast<std::uint32_t>(i));
  }
  d.release_index();
  CHECK(d.intern("label-39") == 39u);  // rebuilt over the 8-byte offsets
  CHECK(d.size() == 40);
}

TEST_CASE("Ordered values need no table: each is new, and a search finds it", "[dataset]") {
  Dictionary d;
  // Numbered without padding: "I9" < "I10" (shorter first), so the run stays ordered.
  for (int i = 1; i <= 100000; ++i) CHECK(d.intern("I" + std::to_string(i)) == static_cast<std::uint32_t>(i - 1));
  CHECK(d.ordered());
  for (int i = 1; i <= 100000; i += 7) CHECK(d.find("I" + std::to_string(i)) == static_cast<std::uint32_t>(i - 1));
  for (const char* absent : {"I0", "I100001", "I00005", "I5x", "J5", "", "I", "i5", "I99999999999999999999"}) {
    CHECK_FALSE(d.find(absent));
  }
  d.release_index();  // nothing to free: the search stays
  CHECK(d.find("I77777") == 77776u);

  Dictionary gaps;  // numbers with gaps and a fixed width: the guess is off, the gallop finds them
  for (int i = 0; i < 5000; ++i) gaps.intern("T" + std::string(i < 10 ? "00000" : i < 100 ? "0000" : i < 1000 ? "000" : "00") + std::to_string(i * i));
  CHECK(gaps.ordered());
  for (int i = 0; i < 5000; ++i) CHECK(gaps.find(gaps.value(static_cast<std::uint32_t>(i))) == static_cast<std::uint32_t>(i));
  CHECK_FALSE(gaps.find("T000003"));
}

TEST_CASE("The first value out of order builds the table, and duplicates are found from then on", "[dataset]") {
  Dictionary d;
  for (int i = 10; i < 20; ++i) d.intern("id-" + std::to_string(i));
  CHECK(d.ordered());
  CHECK(d.intern("id-19") == 9u);  // equal to the last: not after it, so the table is built, and finds it
  CHECK_FALSE(d.ordered());
  CHECK(d.intern("id-12") == 2u);
  CHECK(d.intern("id-05") == 10u);  // new, out of order
  CHECK(d.intern("id-20") == 11u);
  for (int i = 10; i < 21; ++i) CHECK(d.find("id-" + std::to_string(i)) == d.intern("id-" + std::to_string(i)));
  CHECK(d.size() == 12);
  Dictionary reserved;
  reserved.reserve(1000);  // remembered for the table built when the order breaks
  reserved.intern("b");
  reserved.intern("a");
  CHECK(reserved.find("b") == 0u);
  CHECK(reserved.find("a") == 1u);
}

TEST_CASE("Dictionary codes and finds match a map on runs in and out of order", "[dataset][property]") {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 200; ++round) {
    Dictionary d;
    std::map<std::string, std::uint32_t> reference;
    std::vector<std::string> values;
    const int n = 1 + static_cast<int>(rng() % 400);
    const bool ordered_run = rng() % 2 == 0;
    const std::string prefix = std::string(1 + rng() % 3, static_cast<char>('A' + rng() % 3));
    std::uint64_t next = rng() % 1000;
    for (int i = 0; i < n; ++i) {
      std::string v;
      if (ordered_run && rng() % 64 != 0) {
        next += 1 + rng() % 3;
        v = prefix + std::to_string(next);
      } else if (rng() % 3 == 0 && !values.empty()) {
        v = values[rng() % values.size()];  // a repeat
      } else {
        v = prefix + std::to_string(rng() % 2000) + (rng() % 4 == 0 ? "x" : "");
      }
      values.push_back(v);
      const auto [it, added] = reference.emplace(v, static_cast<std::uint32_t>(reference.size()));
      INFO(round << ": " << v);
      REQUIRE(d.intern(v) == it->second);
      if (i == n / 2) {  // restore_index() notes the last number for the finds that follow, until the next value
        d.restore_index();
        for (const auto& [seen, code] : reference) CHECK(d.find(seen) == code);
        CHECK_FALSE(d.find(prefix + "999999"));
      }
    }
    REQUIRE(d.size() == reference.size());
    for (const auto& [v, code] : reference) CHECK(d.find(v) == code);
    for (int k = 0; k < 50; ++k) {
      const std::string probe = prefix + std::to_string(rng() % 5000);
      const auto it = reference.find(probe);
      CHECK(d.find(probe) == (it == reference.end() ? std::nullopt : std::optional<std::uint32_t>{it->second}));
    }
  }
}

TEST_CASE("Ordered values keep no table when their numbering guesses well, and get one otherwise", "[dataset]") {
  Dictionary dense;
  for (int i = 1; i <= 5000; ++i) dense.intern("I" + std::to_string(i));
  dense.restore_index();
  CHECK(dense.ordered());  // the guess is exact: no table
  CHECK(dense.find("I4321") == 4320u);

  Dictionary prefixes;  // ordered, but the last value's prefix is not the first's: guesses start in the middle
  for (int i = 1; i <= 300; ++i) prefixes.intern("A" + std::to_string(i));
  for (int i = 1; i <= 300; ++i) prefixes.intern("B" + std::to_string(i));
  prefixes.restore_index();
  for (std::uint32_t code = 0; code < prefixes.size(); ++code) CHECK(prefixes.find(prefixes.value(code)) == code);
  CHECK_FALSE(prefixes.find("A301"));

  Dictionary dated;  // ordered, but the trailing number restarts every day: the guess is poor
  for (int day = 10; day < 60; ++day) {
    for (int k = 1; k <= 100; ++k) dated.intern("2026-" + std::to_string(day) + "-" + std::to_string(1000 + k));
  }
  CHECK(dated.ordered());
  dated.restore_index();
  CHECK_FALSE(dated.ordered());  // a table now
  CHECK(dated.find("2026-33-1050") == static_cast<std::uint32_t>((33 - 10) * 100 + 49));
  CHECK_FALSE(dated.find("2026-33-1101"));
  CHECK(dated.intern("2026-60-1001") == 5000u);  // and interning goes on through it
  CHECK(dated.intern("2026-10-1001") == 0u);
}

TEST_CASE("Ordered values of 8 to 16 bytes compare by unsigned bytes, their last word included", "[dataset]") {
  // Values sorted shorter first, then byte by byte as unsigned (0x80 and up after ASCII), that
  // differ in the first word, the last one or the bytes both share: the run stays ordered.
  std::mt19937_64 rng(3);
  std::vector<std::string> values;
  for (int i = 0; i < 3000; ++i) {
    std::string v(8 + rng() % 9, 'a');
    for (char& c : v) c = static_cast<char>(rng() % 4 == 0 ? 0x80 + rng() % 128 : 'a' + rng() % 3);
    values.push_back(v);
  }
  std::sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;  // char_traits<char> compares as unsigned char
  });
  values.erase(std::unique(values.begin(), values.end()), values.end());
  Dictionary d;
  for (std::size_t i = 0; i < values.size(); ++i) REQUIRE(d.intern(values[i]) == static_cast<std::uint32_t>(i));
  CHECK(d.ordered());
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(d.find(values[i]) == static_cast<std::uint32_t>(i));
  CHECK(d.intern(values[values.size() / 2]) == static_cast<std::uint32_t>(values.size() / 2));  // not after the last
  CHECK_FALSE(d.ordered());
}
