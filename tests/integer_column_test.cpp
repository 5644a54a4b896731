#include <catch2/catch.hpp>

#include <cskpi/model/integer_column.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using cskpi::IntegerColumn;

namespace {

constexpr std::int64_t absent = -1;

void check_rows(const IntegerColumn& column, const std::vector<std::int64_t>& expected) {
  for (std::size_t row = 0; row < expected.size(); ++row) {
    INFO(row);
    REQUIRE(column[row] == expected[row]);
  }
}

}  // namespace

TEST_CASE("An integer column stores nothing while absent, then 4 bytes a row", "[dataset]") {
  IntegerColumn c(absent);
  CHECK_FALSE(c.stored());
  CHECK(c[5] == absent);
  c.push_back(0, absent);
  c.push_back(1, absent);
  CHECK_FALSE(c.stored());
  c.push_back(2, 436000);  // the rows before are filled absent
  c.push_back(3, absent);
  CHECK(c.width() == 4);
  check_rows(c, {absent, absent, 436000, absent});
}

TEST_CASE("An integer column widens to 8 bytes at the first value past 32 bits", "[dataset]") {
  constexpr std::int64_t top = std::numeric_limits<std::int32_t>::max();
  constexpr std::int64_t bottom = std::numeric_limits<std::int32_t>::min();
  IntegerColumn c(absent);
  std::vector<std::int64_t> expected;
  for (const std::int64_t v : {std::int64_t{7}, absent, top, bottom}) {
    c.push_back(expected.size(), v);
    expected.push_back(v);
  }
  CHECK(c.width() == 4);
  for (const std::int64_t v : {top + 1, absent, bottom - 1, std::int64_t{3}}) {
    c.push_back(expected.size(), v);
    expected.push_back(v);
  }
  CHECK(c.width() == 8);
  check_rows(c, expected);

  IntegerColumn first_wide(absent);  // the first value is past 32 bits
  first_wide.push_back(0, absent);
  first_wide.push_back(1, std::int64_t{1} << 40);
  CHECK(first_wide.width() == 8);
  check_rows(first_wide, {absent, std::int64_t{1} << 40});

  IntegerColumn wide_absent(std::numeric_limits<std::int64_t>::min());  // an absent value past 32 bits
  wide_absent.push_back(0, std::numeric_limits<std::int64_t>::min());
  wide_absent.push_back(1, 5);
  CHECK(wide_absent.width() == 8);
  check_rows(wide_absent, {std::numeric_limits<std::int64_t>::min(), 5});
}

TEST_CASE("An integer column reads back random runs of any range", "[dataset][property]") {
  std::mt19937_64 rng(29);
  for (int round = 0; round < 100; ++round) {
    IntegerColumn c(absent);
    if (round % 2 == 0) c.reserve(600);
    std::vector<std::int64_t> expected;
    const std::uint64_t range = std::vector<std::uint64_t>{10, 1u << 30, std::uint64_t{1} << 40}[rng() % 3];
    const std::size_t n = rng() % 600;
    for (std::size_t row = 0; row < n; ++row) {
      const std::int64_t v = rng() % 3 == 0 ? absent : static_cast<std::int64_t>(rng() % range);
      c.push_back(row, v);
      expected.push_back(v);
    }
    check_rows(c, expected);
    const IntegerColumn copy = c;  // a value type
    check_rows(copy, expected);
  }
}
