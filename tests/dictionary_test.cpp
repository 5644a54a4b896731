#include <catch2/catch.hpp>

#include <cskpi/model/dictionary.hpp>

#include "numbered_ids.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

using cskpi::Dictionary;
using cskpi::test::numbered;

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

TEST_CASE("Numbered values are found by their numbers once the numbers are dense", "[dataset]") {
  // 3,000 customers drawn out of order from 0–19,999: while fewer than (20,000 − 4,096) / 16
  // = 994 are known the numbers are too sparse and a table finds them; past the next power of
  // two (1,024) the array takes over.
  std::mt19937_64 rng(5);
  Dictionary d;
  std::map<std::string, std::uint32_t> reference;
  bool was_numbered_early = false;
  while (reference.size() < 3000) {
    const std::string v = numbered(rng() % 20000, 7);
    const auto [it, added] = reference.emplace(v, static_cast<std::uint32_t>(reference.size()));
    REQUIRE(d.intern(v) == it->second);
    if (reference.size() == 900) was_numbered_early = d.numbered();
  }
  CHECK_FALSE(was_numbered_early);
  CHECK(d.numbered());
  CHECK_FALSE(d.ordered());
  for (const auto& [v, code] : reference) CHECK(d.find(v) == code);
  // The text of a number is one: other spellings of known numbers are other values, absent.
  const std::string known = reference.begin()->first;  // "C00…"
  const std::vector<std::string> others{known.substr(1), "c" + known.substr(1), known + "0", known.substr(0, 7),
                                       "C" + std::string(7, ' '), "C00000-1", std::string("C00000") + '\xB9' + "1", ""};
  for (const std::string& other : others) {
    INFO(other);
    CHECK_FALSE(d.find(other));
  }
  d.prefetch(known, Dictionary::hash(known));  // a hint: no effect on results
  d.prefetch("x", Dictionary::hash("x"));
  d.prefetch_entry(Dictionary::hash(known));
  CHECK(d.find(known) == reference.begin()->second);
}

TEST_CASE("A numbered dictionary finds values of another form by a table of their own, up to half", "[dataset]") {
  const auto fill = [](Dictionary& d) {
    for (const std::uint64_t n : {7u, 3u, 9u, 1u, 5u}) d.intern(numbered(n, 4, "A"));  // A0007, A0003 …
    REQUIRE(d.numbered());
  };
  const auto check_all = [](const Dictionary& d, std::uint32_t count) {
    CHECK(d.size() == count);
    for (std::uint32_t code = 0; code < count; ++code) CHECK(d.find(d.value(code)) == code);
  };
  SECTION("another form") {
    Dictionary d;
    fill(d);
    CHECK(d.intern("A07") == 5u);  // two digits, not four: the others' table
    CHECK(d.numbered());
    CHECK(d.intern("A0003") == 1u);
    CHECK(d.intern("B0003") == 6u);
    CHECK(d.intern("A07") == 5u);
    CHECK(d.numbered());
    check_all(d, 7);
    CHECK_FALSE(d.find("A7"));
    CHECK_FALSE(d.find("B0004"));
    // 5 numbered values: up to 5 of another form (half of 10), the sixth ends the numbering.
    for (const char* v : {"x1", "x2", "x3"}) d.intern(v);
    CHECK(d.numbered());
    CHECK(d.intern("x4") == 10u);
    CHECK_FALSE(d.numbered());
    check_all(d, 11);
    for (std::uint64_t n = 10; n < 600; ++n) d.intern(numbered(n, 4, "A"));
    CHECK_FALSE(d.numbered());  // for good
    check_all(d, 11 + 590);
  }
  SECTION("a character that is not a digit") {
    Dictionary d;
    fill(d);
    CHECK(d.intern("A0:07") == 5u);  // ':' follows '9'
    CHECK(d.numbered());
    CHECK_FALSE(d.find("A0:08"));
    CHECK(d.intern("A0008") == 6u);
    check_all(d, 7);
  }
  SECTION("values of another form, released and restored") {
    Dictionary d;
    fill(d);
    CHECK(d.intern("bot") == 5u);
    d.release_index();
    CHECK(d.find("bot") == 5u);  // every label compared
    CHECK_FALSE(d.find("bots"));
    d.restore_index();
    CHECK(d.numbered());
    CHECK(d.find("bot") == 5u);
    CHECK(d.find("A0007") == 0u);
    d.release_index();
    CHECK(d.intern("A0002") == 6u);  // the array and the others' table are built again
    CHECK(d.intern("bot2") == 7u);
    CHECK(d.intern("bot") == 5u);
    CHECK(d.numbered());
    check_all(d, 8);
  }
  SECTION("values of another form before the numbering starts") {
    Dictionary d;
    for (const char* v : {"C0003", "guest", "C0001"}) d.intern(v);  // out of order: numbered, guest aside
    CHECK(d.numbered());
    CHECK(d.find("guest") == 1u);
    Dictionary half_other;
    for (const char* v : {"C0003", "C0004", "guest", "anon", "C0001"}) half_other.intern(v);  // 2 of 4: half
    CHECK(half_other.numbered());
    CHECK(half_other.find("anon") == 3u);
    CHECK(half_other.find("C0001") == 4u);
    Dictionary more_than_half;
    for (const char* v : {"C0003", "guest", "anon", "bot", "C0001"}) more_than_half.intern(v);  // 2 of 3 at anon
    CHECK_FALSE(more_than_half.numbered());
    CHECK(more_than_half.find("bot") == 3u);
    CHECK(more_than_half.find("C0001") == 4u);
  }
  SECTION("a number past the density the array allows") {
    Dictionary d;
    fill(d);
    // 5 values allow numbers below 16 × 6 + 4,096 = 4,192 for the sixth.
    CHECK(d.intern("A4191") == 5u);
    CHECK(d.numbered());
    CHECK(d.intern("A9999") == 6u);  // 10,000 numbers for 7 values: sparse
    CHECK_FALSE(d.numbered());
    CHECK(d.intern("A0009") == 2u);
    check_all(d, 7);
    // Dense again from 16 × 369 + 4,096 ≥ 10,000 values on: numbered at the next power of two.
    for (std::uint64_t n = 10; n < 600; ++n) d.intern(numbered(n, 4, "A"));
    CHECK(d.numbered());
    check_all(d, 7 + 590);
  }
  SECTION("released and restored, then interned") {
    Dictionary d;
    fill(d);
    d.release_index();
    CHECK(d.find("A0009") == 2u);  // every label compared
    CHECK(d.intern("A0002") == 5u);  // the array is built again
    CHECK(d.numbered());
    d.release_index();
    d.restore_index();
    CHECK(d.numbered());
    CHECK(d.find("A0002") == 5u);
    CHECK_FALSE(d.find("A0004"));
    CHECK(d.intern("A2000") == 6u);  // the array grows
    d.release_index();
    d.restore_index();  // and is rebuilt to the largest number
    CHECK(d.find("A2000") == 6u);
    check_all(d, 7);
  }
  SECTION("values with no digits are never numbered") {
    Dictionary d;
    for (const char* v : {"chat", "email", "api", "phone"}) d.intern(v);
    CHECK_FALSE(d.numbered());
    CHECK(d.find("api") == 2u);
  }
}

TEST_CASE("Ordered values restored into a dictionary whose guesses are poor may be numbered", "[dataset]") {
  // In order, but every other number missing in a block: the guess from the numeric suffix is
  // off, so restore_index() indexes them — by number, as they are dense.
  Dictionary d;
  for (std::uint64_t n = 0; n < 4000; ++n) d.intern(numbered(n < 2000 ? n : 2 * n, 6, "T"));
  CHECK(d.ordered());
  d.restore_index();
  CHECK_FALSE(d.ordered());
  CHECK(d.numbered());
  CHECK(d.find("T002000") == std::nullopt);
  CHECK(d.find("T004000") == 2000u);
  CHECK(d.find("T001999") == 1999u);
}

TEST_CASE("Numbered and table dictionaries give the codes and finds of a map", "[dataset][property]") {
  std::mt19937_64 rng(23);
  int mixed_rounds = 0;  // numbered at the end, with values of another form
  for (int round = 0; round < 300; ++round) {
    Dictionary d;
    std::map<std::string, std::uint32_t> reference;
    // Numbers of `width` digits below `top`: 1–8 digits, dense or as sparse as 1 in 20.
    const std::size_t width = 1 + rng() % 8;
    std::uint64_t top = 1;
    for (std::size_t k = 0; k < width; ++k) top *= 10;
    top = std::min<std::uint64_t>(top, 1 + rng() % 60000);
    const int n = 1 + static_cast<int>(rng() % 3000);
    const int odd_one = rng() % 3 == 0 ? static_cast<int>(rng() % static_cast<std::uint64_t>(n)) : -1;
    // Values of another form ("M…", and the numbering's prefix with other digit counts) at a
    // rate from 1 in 2 to 1 in 40, in a third of the rounds.
    const std::uint64_t other_rate = rng() % 3 == 0 ? 2 + rng() % 39 : 0;
    const auto other = [&] {
      return rng() % 4 == 0 ? numbered(rng() % top, width + 2, "N-") : "M" + std::to_string(rng() % 700);
    };
    bool has_other = false;
    for (int i = 0; i < n; ++i) {
      std::string v = numbered(rng() % top, width, "N-");
      if (i == odd_one) v = rng() % 2 == 0 ? numbered(rng() % top, width + 1, "N-") : numbered(top * 50 + rng() % 7, width + 3, "N-");
      if (other_rate != 0 && rng() % other_rate == 0) {
        v = other();
        has_other = true;
      }
      const auto [it, added] = reference.emplace(v, static_cast<std::uint32_t>(reference.size()));
      INFO(round << " " << i << ": " << v);
      REQUIRE(d.intern(v) == it->second);
      if (i == n / 2) {
        d.release_index();
        d.restore_index();
      }
    }
    REQUIRE(d.size() == reference.size());
    if (d.numbered() && has_other) ++mixed_rounds;
    for (const auto& [v, code] : reference) CHECK(d.find(v) == code);
    for (int k = 0; k < 50; ++k) {
      const std::string probe = k % 5 == 0 ? other() : numbered(rng() % (2 * top), width, "N-");
      const auto it = reference.find(probe);
      CHECK(d.find(probe) == (it == reference.end() ? std::nullopt : std::optional<std::uint32_t>{it->second}));
    }
  }
  CHECK(mixed_rounds >= 20);
}

TEST_CASE("A numbered value's every byte is checked: any other byte makes another value", "[dataset]") {
  // Numbers read a word at a time (8-byte values) or a byte at a time (shorter ones): each
  // byte of a known value replaced by each of the 256 bytes gives that value (the same byte),
  // another number (a digit in the digits: found when below the count), or an absent value.
  for (const auto& [prefix, width] : {std::pair<std::string, std::size_t>{"C", 7}, {"INC-", 4}, {"", 8}, {"T", 4}}) {
    Dictionary d;
    constexpr std::uint64_t count = 5000;
    for (std::uint64_t n = 0; n < count; ++n) d.intern(numbered((n * 7919) % count, width, prefix));  // out of order
    INFO(prefix << " " << width);
    REQUIRE(d.numbered());
    const std::string known = numbered(1234 % count, width, prefix);
    for (std::size_t at = 0; at < known.size(); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string v = known;
        v[at] = static_cast<char>(byte);
        const bool digit_in_digits = at >= prefix.size() && byte >= '0' && byte <= '9';
        std::optional<std::uint32_t> expected;
        if (v == known || digit_in_digits) {
          const std::uint64_t n = std::stoull(v.substr(prefix.size()));
          if (n < count) expected = static_cast<std::uint32_t>((n * 2679) % count);  // 2679 × 7919 ≡ 1 (mod 5000)
        }
        INFO(prefix << " " << at << " " << byte);
        CHECK(d.find(v) == expected);
      }
    }
  }
}

TEST_CASE("A hash of 0 stands for one not computed: codes and finds as with the hash", "[dataset][property]") {
  std::mt19937_64 rng(41);
  for (int round = 0; round < 60; ++round) {
    Dictionary d;
    std::map<std::string, std::uint32_t> reference;
    // In order at first (no table), then numbered or in a table; some values of another form.
    for (int i = 0; i < 2000; ++i) {
      std::string v = i < 300 ? numbered(static_cast<std::uint64_t>(i), 6, "T") : numbered(rng() % 5000, 6, "T");
      if (round % 3 == 0 && rng() % 7 == 0) v = "free-" + std::to_string(rng() % 500);
      if (round % 3 == 1 && i >= 300) v = numbered(rng() % 90000000, 8, "T");  // sparse: a table
      if (i == 300 || i == 1000) CHECK(d.finds_by_hash() == (!d.ordered() && !d.numbered()));
      const auto [it, added] = reference.emplace(v, static_cast<std::uint32_t>(reference.size()));
      INFO(round << " " << i << ": " << v);
      REQUIRE(d.intern(v, rng() % 2 == 0 ? 0 : Dictionary::hash(v)) == it->second);
    }
    CHECK(d.finds_by_hash() == (!d.ordered() && !d.numbered()));
    if (round % 3 == 1) CHECK(d.finds_by_hash());
    for (const auto& [v, code] : reference) {
      CHECK(d.find(v, 0) == code);
      d.prefetch(0);
      d.prefetch(v, 0);
      d.prefetch_entry(0);
    }
    CHECK_FALSE(d.find("T-none", 0));
  }
}
