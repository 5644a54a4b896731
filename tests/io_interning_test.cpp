// Interning as loading does it: Dictionary codes against a std::unordered_map over labels of
// every length (the hash and the comparison take different paths for 0-3, 4-7, 8-16 and longer
// labels), labels differing in one byte, embedded NULs and growth through many rehashes.
#include <catch2/catch.hpp>

#include <cskpi/model/dictionary.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using cskpi::Dictionary;

TEST_CASE("Interning gives dense first-seen codes for labels of every length and byte", "[io][interning]") {
  std::mt19937_64 rng(8);
  std::vector<std::string> labels;
  for (std::size_t size = 0; size <= 40; ++size) {
    std::string base(size, 'a');
    for (std::size_t i = 0; i < size; ++i) base[i] = static_cast<char>('a' + rng() % 3);
    labels.push_back(base);
    for (std::size_t i = 0; i < size; ++i) {  // the same label with one byte changed, NUL included
      std::string other = base;
      other[i] = i % 2 == 0 ? '\0' : 'z';
      labels.push_back(other);
    }
  }
  for (std::size_t i = 0; i < 200000; ++i) labels.push_back("I" + std::to_string(i));
  std::shuffle(labels.begin(), labels.end(), rng);

  Dictionary dict;
  std::unordered_map<std::string, std::uint32_t> expected;
  for (std::size_t round = 0; round < 2; ++round) {  // the second round finds every label
    for (const std::string& label : labels) {
      const auto [it, added] = expected.emplace(label, static_cast<std::uint32_t>(expected.size()));
      const std::uint32_t code = dict.intern(label);
      if (code != it->second) FAIL("label of size " << label.size() << ": code " << code << ", expected " << it->second);
      (void)added;
    }
  }
  REQUIRE(dict.size() == expected.size());
  for (const auto& [label, code] : expected) {
    REQUIRE(dict.find(label) == code);
    REQUIRE(dict.value(code) == label);
  }
  CHECK_FALSE(dict.find("not there"));
  CHECK_FALSE(dict.find(std::string(1, '\0') + "I1"));
  CHECK_FALSE(dict.find("I1" + std::string(1, '\0')));
}
