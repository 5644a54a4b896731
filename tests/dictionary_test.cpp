#include <catch2/catch.hpp>

#include <cskpi/model/dictionary.hpp>

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
