// The CSV tokenizer (SPEC §1 "Files"): quoting, line ends, BOM, trimming, blank lines,
// malformed quotes and records over the length limit.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"

using cskpi::detail::CsvReader;
using cskpi::detail::CsvRecord;
using cskpi::detail::CsvStatus;

namespace {

struct Row {
  std::uint64_t line;
  CsvStatus status;
  std::vector<std::string> fields;
};

std::vector<Row> read_all(const std::string& text, std::size_t limit = 1024) {
  std::istringstream in(text);
  CsvReader reader(in, "test.csv", limit);
  CsvRecord record;
  std::vector<Row> rows;
  while (reader.next(record)) {
    Row row{record.line, record.status, {}};
    for (const auto f : record.fields) row.fields.emplace_back(f);
    rows.push_back(std::move(row));
  }
  return rows;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("CSV records end at LF, CRLF or CR, with the same fields and line numbers", "[io][csv]") {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    INFO("line end " << (eol == "\n" ? "LF" : eol == "\r\n" ? "CRLF" : "CR"));
    const auto rows = read_all("a,b" + eol + "1,2" + eol + "3,4" + eol);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == Fields{"a", "b"});
    CHECK(rows[1].fields == Fields{"1", "2"});
    CHECK(rows[2].fields == Fields{"3", "4"});
    CHECK(rows[2].line == 3);
  }
}

TEST_CASE("CSV mixed line ends each count one line, the last record needs no line end", "[io][csv]") {
  const auto rows = read_all("a\r\nb\rc\nd");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].line == 2);
  CHECK(rows[2].line == 3);
  CHECK(rows[3].line == 4);
  CHECK(rows[3].fields == Fields{"d"});
}

TEST_CASE("CSV skips a UTF-8 byte order mark at the start only", "[io][csv]") {
  const auto rows = read_all("\xEF\xBB\xBFid,x\n1,\xEF\xBB\xBF\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == Fields{"id", "x"});
  CHECK(rows[1].fields == Fields{"1", "\xEF\xBB\xBF"});  // later ones are text
  CHECK(read_all("\xEF\xBB\xBF").empty());
  CHECK(read_all("").empty());
}

TEST_CASE("CSV quoted fields hold commas, doubled quotes and line ends, the record keeps its first line",
          "[io][csv]") {
  const auto rows = read_all("h1,h2\n\"a, \"\"b\"\"\",\"two\nlines\"\nnext,row\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].status == CsvStatus::ok);
  CHECK(rows[1].fields == Fields{"a, \"b\"", "two\nlines"});
  CHECK(rows[1].line == 2);
  CHECK(rows[2].line == 4);  // line 3 was inside the quotes
}

TEST_CASE("CSV line ends inside quotes are kept verbatim and counted once", "[io][csv]") {
  const auto rows = read_all("\"x\r\ny\rz\"\r\nafter\r\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == Fields{"x\r\ny\rz"});
  CHECK(rows[1].line == 4);  // CRLF, CR, then the record's own CRLF
}

TEST_CASE("CSV trims unquoted fields, keeps quoted ones verbatim, ignores spaces around quotes", "[io][csv]") {
  const auto rows = read_all("  a  ,\t b\t,\" c \",  \"d\"  ,, \n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].status == CsvStatus::ok);
  CHECK(rows[0].fields == Fields{"a", "b", " c ", "d", "", ""});
}

TEST_CASE("CSV blank lines are not records but are counted as lines", "[io][csv]") {
  const auto rows = read_all("\n\na,b\n\n   \n\r\n1,2\n\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 3);
  CHECK(rows[1].line == 7);
  // A quoted empty field or a lone comma is a record, not a blank line.
  CHECK(read_all("\"\"\n").size() == 1);
  CHECK(read_all(",\n").size() == 1);
}

TEST_CASE("CSV text after a closing quote or a quote inside an unquoted field is malformed", "[io][csv]") {
  const auto rows = read_all("\"ab\"c,d\nab\"c,d\n\"ok\" ,d\nnext,1\n\"never closed,x\n");
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].status == CsvStatus::malformed_quote);
  CHECK(rows[1].status == CsvStatus::malformed_quote);
  CHECK(rows[1].fields.size() == 2);  // the stray quote did not open a quoted field
  CHECK(rows[2].status == CsvStatus::ok);
  CHECK(rows[3].status == CsvStatus::ok);
  CHECK(rows[3].line == 4);
  CHECK(rows[4].status == CsvStatus::malformed_quote);  // unclosed at the end of the input
  CHECK(rows[4].line == 5);
}

TEST_CASE("CSV records over the limit are reported too long and skipped to their end", "[io][csv]") {
  const std::string long_plain(40, 'x');
  const std::string long_quoted = "\"" + std::string(20, 'y') + "\n" + std::string(20, 'z') + "\"";
  const auto rows = read_all("a,b\n" + long_plain + ",1\nc,d\n" + long_quoted + ",2\ne,f\n", 32);
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].status == CsvStatus::too_long);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].fields.empty());
  CHECK(rows[2].fields == Fields{"c", "d"});
  CHECK(rows[3].status == CsvStatus::too_long);
  CHECK(rows[3].line == 4);
  CHECK(rows[4].fields == Fields{"e", "f"});
  CHECK(rows[4].line == 6);  // the long quoted record took lines 4 and 5
  // Exactly at the limit is fine.
  const auto at_limit = read_all(std::string(32, 'q') + "\n", 32);
  REQUIRE(at_limit.size() == 1);
  CHECK(at_limit[0].status == CsvStatus::ok);
}

TEST_CASE("CSV reads a 17 MiB quoted field as one too-long record and goes on", "[io][csv]") {
  const std::size_t limit = std::size_t{16} * 1024 * 1024;
  std::string text = "id,note\n1,\"";
  text.append(std::size_t{17} * 1024 * 1024, 'n');
  text += "\nstill inside\"\r\n2,short\r\n";
  const auto rows = read_all(text, limit);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].status == CsvStatus::too_long);
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == Fields{"2", "short"});
  CHECK(rows[2].line == 4);
}

TEST_CASE("CSV records crossing the 1 MiB read buffer keep their fields and lines", "[io][csv]") {
  // About 3 MiB of records with quotes, doubled quotes and CRLF inside and between records,
  // so buffer refills fall inside every kind of token.
  std::string text;
  const int n = 60000;
  for (int i = 0; i < n; ++i) {
    text += std::to_string(i) + ",\"q \"\"" + std::to_string(i) + "\"\"\r\nsecond line\",  plain " +
            std::to_string(i) + "  \r\n";
  }
  const auto rows = read_all(text);
  REQUIRE(rows.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    if (r.status != CsvStatus::ok || r.line != static_cast<std::uint64_t>(2 * i + 1) ||
        r.fields != Fields{std::to_string(i), "q \"" + std::to_string(i) + "\"\r\nsecond line",
                           "plain " + std::to_string(i)}) {
      FAIL("record " << i << " at line " << r.line);
    }
  }
}
