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

TEST_CASE("An integer column stores nothing while absent, then 4 bytes a row for larger values", "[dataset]") {
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
  CHECK(wide_absent.width() == 1);  // a small count: 1 byte, the absent rows marked apart
  wide_absent.push_back(2, 1000);
  CHECK(wide_absent.width() == 8);  // the absent value needs 8 bytes
  check_rows(wide_absent, {std::numeric_limits<std::int64_t>::min(), 5, 1000});
}

TEST_CASE("An integer column keeps counts of 0 to 254 in 1 byte a row, then widens", "[dataset]") {
  IntegerColumn c(absent);
  std::vector<std::int64_t> expected;
  const auto push = [&](std::int64_t v) {
    c.push_back(expected.size(), v);
    expected.push_back(v);
  };
  for (const std::int64_t v : {absent, std::int64_t{1}, std::int64_t{0}, absent, std::int64_t{254}}) push(v);
  CHECK(c.width() == 1);
  check_rows(c, expected);
  push(255);  // the first value past a byte: every row to 4 bytes
  CHECK(c.width() == 4);
  check_rows(c, expected);
  push(absent);
  push(3);
  push(std::int64_t{1} << 33);  // then to 8
  CHECK(c.width() == 8);
  check_rows(c, expected);

  // Straight from 1 byte to 8, and a negative value, which is no count.
  for (const std::int64_t past : {std::int64_t{1} << 40, std::int64_t{-2}}) {
    INFO(past);
    IntegerColumn d(absent);
    d.reserve(64);
    d.push_back(0, 2);
    d.push_back(1, absent);
    d.push_back(2, past);
    CHECK(d.width() == (past < 0 ? 4 : 8));
    check_rows(d, {2, absent, past});
  }

  // An absent value that is a small count itself (0) leaves no byte to mark it: 4 bytes a row.
  IntegerColumn zero_absent(0);
  zero_absent.push_back(0, 0);
  zero_absent.push_back(1, 7);
  CHECK(zero_absent.width() == 4);
  check_rows(zero_absent, {0, 7});
}

TEST_CASE("An integer column reads back random runs of any range", "[dataset][property]") {
  std::mt19937_64 rng(29);
  for (int round = 0; round < 100; ++round) {
    IntegerColumn c(absent);
    if (round % 2 == 0) c.reserve(600);
    std::vector<std::int64_t> expected;
    const std::uint64_t range = std::vector<std::uint64_t>{10, 300, 1u << 30, std::uint64_t{1} << 40}[rng() % 4];
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
