#include <catch2/catch.hpp>

#include <cskpi/model/code_column.hpp>

#include <cstdint>
#include <random>
#include <thread>
#include <vector>

using cskpi::CodeColumn;
using cskpi::no_code;

namespace {

// Every row of `column` reads as `expected`, and values() gives them all.
void check_rows(const CodeColumn& column, const std::vector<std::uint32_t>& expected) {
  for (std::size_t row = 0; row < expected.size(); ++row) {
    INFO(row);
    REQUIRE(column[row] == expected[row]);
  }
  if (column.stored()) CHECK(column.values() == expected);
}

}  // namespace

TEST_CASE("A code column stores nothing while every row is absent, then a byte a row", "[dataset]") {
  CodeColumn c;
  CHECK_FALSE(c.stored());
  CHECK(c.width() == 0);
  CHECK(c[0] == no_code);
  c.push_back(0, no_code);
  c.push_back(1, no_code);
  CHECK_FALSE(c.stored());
  CHECK(c.values().empty());
  c.push_back(2, 7);  // the rows before are filled absent
  c.push_back(3, no_code);
  c.push_back(4, 254);  // the largest code of a byte (255 is "absent")
  CHECK(c.width() == 1);
  check_rows(c, {no_code, no_code, 7, no_code, 254});
}

TEST_CASE("A code column widens at 255 and at 65,535, keeping every row", "[dataset]") {
  CodeColumn c;
  std::vector<std::uint32_t> expected;
  const auto push = [&](std::uint32_t code) {
    c.push_back(expected.size(), code);
    expected.push_back(code);
  };
  for (std::uint32_t code : {0u, 254u, no_code, 3u}) push(code);
  CHECK(c.width() == 1);
  push(255);  // 255 needs two bytes (0xFF is a byte's absent)
  CHECK(c.width() == 2);
  for (std::uint32_t code : {no_code, 65534u, 1u}) push(code);
  CHECK(c.width() == 2);
  check_rows(c, expected);
  push(65535);
  CHECK(c.width() == 4);
  for (std::uint32_t code : {no_code, 0xFFFFFFFEu, 2u}) push(code);
  check_rows(c, expected);
}

TEST_CASE("A code column's first code may need any width", "[dataset]") {
  for (const std::uint32_t first : {0u, 300u, 70000u}) {
    CodeColumn c;
    c.push_back(0, no_code);
    c.push_back(1, first);
    c.push_back(2, no_code);
    CHECK(c.width() == (first < 255 ? 1u : first < 65535 ? 2u : 4u));
    check_rows(c, {no_code, first, no_code});
  }
}

TEST_CASE("A code column assigned at once takes the narrowest width; random runs read back", "[dataset][property]") {
  CodeColumn c;
  c.assign({no_code, no_code});
  CHECK_FALSE(c.stored());
  c.assign({no_code, 9, 254});
  CHECK(c.width() == 1);
  check_rows(c, {no_code, 9, 254});
  c.assign({300, no_code});
  CHECK(c.width() == 2);
  check_rows(c, {300, no_code});

  std::mt19937_64 rng(11);
  for (int round = 0; round < 100; ++round) {
    CodeColumn pushed;
    if (round % 2 == 0) pushed.reserve(1000);
    std::vector<std::uint32_t> expected;
    const std::uint32_t top = std::vector<std::uint32_t>{10, 300, 70000, 0xFFFFFFFEu}[rng() % 4];
    const std::size_t n = rng() % 1000;
    for (std::size_t row = 0; row < n; ++row) {
      const std::uint32_t code = rng() % 4 == 0 ? no_code : static_cast<std::uint32_t>(rng() % (std::uint64_t{top} + 1));
      pushed.push_back(row, code);
      expected.push_back(code);
    }
    check_rows(pushed, expected);
    CodeColumn assigned;
    assigned.assign(expected);
    check_rows(assigned, expected);
    CHECK(assigned.width() == pushed.width());
    CodeColumn copy = pushed;  // a value type
    check_rows(copy, expected);
    copy.push_back(expected.size(), 1);  // its own rows: the original is unchanged
    check_rows(pushed, expected);
    CodeColumn moved = std::move(copy);
    CHECK(moved[expected.size()] == 1);
    CHECK_FALSE(copy.stored());  // NOLINT(bugprone-use-after-move): a moved-from column reads absent
    CHECK(copy[0] == no_code);   // NOLINT(bugprone-use-after-move)
    pushed = moved;
    CHECK(pushed[expected.size()] == 1);
  }
}

TEST_CASE("A reserved code column lists its unwritten room once stored", "[dataset]") {
  CodeColumn c;
  c.reserve(1 << 20);
  std::vector<cskpi::MemorySpan> spans;
  c.unwritten_reserve(1 << 20, spans);
  CHECK(spans.empty());  // nothing stored: no room allocated
  c.push_back(0, 5);
  c.unwritten_reserve(1 << 20, spans);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].size >= (std::size_t{1} << 20) - 8);  // a byte a row
  CHECK(spans[0].size <= std::size_t{1} << 20);
}

TEST_CASE("A column of rows to set takes codes row by row, from threads of their own", "[dataset][threads]") {
  for (const unsigned width : {1u, 2u, 4u}) {
    INFO(width);
    const std::uint32_t widest = width == 1 ? 254u : width == 2 ? 65534u : 0xFFFFFFFEu;
    constexpr std::size_t rows = 1001;
    CodeColumn c = CodeColumn::rows_to_set(width, rows);
    CHECK(c.width() == width);
    std::vector<std::uint32_t> expected(rows, no_code);
    // Two threads set alternate runs of 7 rows, every third row absent: each writes only its
    // rows' bytes (TSan checks), whatever a neighbour's code.
    const auto set_runs = [&](std::size_t parity) {
      for (std::size_t row = 0; row < rows; ++row) {
        if ((row / 7) % 2 != parity) continue;
        c.set(row, row % 3 == 0 ? no_code : row % 5 == 0 ? widest : static_cast<std::uint32_t>(row % 200));
      }
    };
    std::thread other(set_runs, 1);
    set_runs(0);
    other.join();
    for (std::size_t row = 0; row < rows; ++row) {
      if (row % 3 != 0) expected[row] = row % 5 == 0 ? widest : static_cast<std::uint32_t>(row % 200);
    }
    c.set(3, 9);
    c.set(3, no_code);  // back to absent
    check_rows(c, expected);
    c.push_back(rows, 1);  // appends go on after the set rows
    expected.push_back(1);
    check_rows(c, expected);
  }
  CHECK(CodeColumn::rows_to_set(1, 0).values().empty());
}

TEST_CASE("A code column widened from absent rows keeps them absent at every width", "[dataset]") {
  for (const std::uint32_t first : {3u, 300u, 70000u}) {
    INFO(first);
    CodeColumn c;
    c.reserve(10);
    std::vector<std::uint32_t> expected(5000, no_code);  // past the reserve: widening grows the room
    for (std::size_t row = 0; row < expected.size(); ++row) c.push_back(row, no_code);
    c.push_back(expected.size(), first);
    expected.push_back(first);
    check_rows(c, expected);
    c.push_back(expected.size(), 70001);  // widen again, from stored rows
    expected.push_back(70001);
    check_rows(c, expected);
  }
}
