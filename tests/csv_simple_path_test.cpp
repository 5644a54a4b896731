// The CSV tokenizer's fast path for whole quote-free lines against its state machine: the same
// records (first line, status, fields) over generated texts with quotes, line ends of every
// kind, blanks, BOMs, small length limits and texts that cross the read buffer.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "io/record_fields.hpp"

using cskpi::detail::CsvReader;
using cskpi::detail::CsvRecord;
using cskpi::detail::CsvStatus;

namespace {

struct Row {
  std::uint64_t line;
  CsvStatus status;
  std::vector<std::string> fields;
  bool operator==(const Row&) const = default;
};

std::vector<Row> read_all(const std::string& text, std::size_t limit, bool simple) {
  std::istringstream in(text);
  CsvReader reader(in, "test.csv", limit, simple);
  CsvRecord record;
  std::vector<Row> rows;
  while (reader.next(record)) {
    Row row{record.line, record.status, {}};
    for (const auto f : record.fields) {
      row.fields.emplace_back(f);
      if (record.ascii) CHECK(cskpi::detail::valid_utf8(f));  // ascii records skip the UTF-8 check
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string show(const std::vector<Row>& rows) {
  std::ostringstream out;
  for (const Row& r : rows) {
    out << r.line << '/' << static_cast<int>(r.status) << ':';
    for (const auto& f : r.fields) out << '[' << f << ']';
    out << '\n';
  }
  return out.str();
}

std::string generate(std::mt19937_64& rng, std::size_t pieces) {
  static const std::vector<std::string> alphabet = {
      "a", "bc", "I0000001", "2026-01-01T00:00:00Z", " ", "  ", "\t", ",", ",", ",", "\n", "\n", "\r", "\r\n",
      "\"", "\"\"", "\"q\"", "\"a,b\"", "\"x\ny\"", " \"z\" ", "caf\xC3\xA9", "\xEF\xBB\xBF", "x y", "\0"};
  std::string text;
  if (rng() % 8 == 0) text += "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < pieces; ++i) {
    const std::string& piece = alphabet[rng() % alphabet.size()];
    text += piece.empty() ? std::string(1, '\0') : piece;
  }
  return text;
}

void check_same(const std::string& text, std::size_t limit) {
  const auto fast = read_all(text, limit, true);
  const auto machine = read_all(text, limit, false);
  INFO("limit " << limit << " text: " << text);
  CHECK(show(fast) == show(machine));
}

}  // namespace

TEST_CASE("CSV fast path: generated texts read as the state machine reads them", "[io][csv][fast]") {
  std::mt19937_64 rng(4242);
  for (std::size_t i = 0; i < 3000; ++i) {  // (each reader allocates a 1 MiB buffer: keep it quick)
    const std::string text = generate(rng, 1 + rng() % 60);
    const std::size_t limit = rng() % 4 == 0 ? 1 + rng() % 12 : 1024;
    check_same(text, limit);
  }
}

TEST_CASE("CSV fast path: texts across the read buffer read as the state machine reads them", "[io][csv][fast]") {
  std::mt19937_64 rng(77);
  for (int round = 0; round < 3; ++round) {
    std::string text;
    while (text.size() < 3 * CsvReader::chunk_bytes) {
      text += rng() % 50 == 0 ? generate(rng, 10) : "I0000001, C1 ,email,,\t2026-01-01T00:00:00Z";
      text += round == 1 ? "\r\n" : round == 2 ? "\r" : "\n";
    }
    check_same(text, round == 0 ? 1024 : 40);
  }
}
