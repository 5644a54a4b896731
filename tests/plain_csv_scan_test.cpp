// PlainCsvScanner: the common record found and split in one pass must be exactly what the
// general scan (RecordEnd::find, all_blank, the CSV split) makes of it, or declined.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "io/record_scan.hpp"

using cskpi::detail::CsvRecord;
using cskpi::detail::all_blank;
using cskpi::detail::PlainCsvScanner;
using cskpi::detail::RecordEnd;
using cskpi::detail::split_csv_record;
using cskpi::detail::TextFormat;

namespace {

// What the general scan makes of the record at p: its line end (nullptr when it has none
// before last), its fields and whether it is blank.
struct General {
  const char* end = nullptr;
  CsvRecord fields;
  bool blank = false;
};

General general_scan(const char* p, const char* last, char separator) {
  General g;
  RecordEnd end(TextFormat::csv, separator);
  const char* const t = end.find(p, last);
  if (t == last) return g;
  g.end = t;
  const std::string_view record(p, static_cast<std::size_t>(t - p));
  std::string scratch;
  split_csv_record(record, g.fields, scratch, separator);
  g.blank = all_blank(record, separator);
  return g;
}

// Checks the scanner at every record start of `text` the general scan finds; returns how many
// records it took (did not decline).
std::size_t check_every_record(const std::string& text, char separator) {
  const char* const first = text.data();
  const char* const last = first + text.size();
  const PlainCsvScanner scanner(last, separator);
  std::size_t taken = 0;
  for (const char* p = first; p < last;) {
    const General g = general_scan(p, last, separator);
    CsvRecord fields;
    bool blank = false;
    const char* const t = scanner.next(p, fields, blank);
    INFO("record at " << (p - first) << " of " << text.size() << ", separator " << static_cast<int>(separator));
    if (t != nullptr) {
      ++taken;
      REQUIRE(g.end == t);
      CHECK(fields.fields == g.fields.fields);
      CHECK(fields.status == g.fields.status);
      CHECK(fields.ascii);
      CHECK(g.fields.ascii);
      CHECK(blank == g.blank);
    } else if (g.end != nullptr) {
      // Declined only for a quote or a byte past ASCII before the line end.
      const std::string_view record(p, static_cast<std::size_t>(g.end - p));
      bool unusual = false;
      for (const char c : record) unusual = unusual || c == '"' || static_cast<unsigned char>(c) >= 0x80;
      CHECK(unusual);
    }
    if (g.end == nullptr) break;
    p = g.end + 1;
  }
  return taken;
}

}  // namespace

TEST_CASE("the one-pass scan finds and splits records as the general scan does", "[io][plain]") {
  const std::vector<std::string> pieces = {"a",  "bc", "I0000001", "2026-01-01T00:00:00Z", " ", "  ", "\t", ",", ",",
                                           ";",  "\"", "x y",      "caf\xC3\xA9",          "\n", "\n", "\r\n", "\r",
                                           "0123456789abcdef0123456789abcdef", ""};
  std::mt19937_64 rng(11);
  std::size_t taken = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const std::size_t n = rng() % 120;
    for (std::size_t k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    for (const char separator : {',', ';', '\t'}) taken += check_every_record(text, separator);
  }
  CHECK(taken > 5000);
}

TEST_CASE("the one-pass scan reads records across 64-byte blocks and up to the chunk's end", "[io][plain]") {
  // Records of every length from 0 to 200 bytes, each ended by LF: the fields and ends of
  // records that cross one, two or three block boundaries, and the last record's end at the
  // chunk's last byte (read from a copy of the block in zeros).
  for (std::size_t length = 0; length <= 200; ++length) {
    std::string record;
    for (std::size_t k = 0; k < length; ++k) record += k % 7 == 6 ? ',' : static_cast<char>('a' + k % 26);
    std::string text = record;
    text += '\n';
    text += record;
    text += '\n';
    CHECK(check_every_record(text, ',') == 2);
  }
  // No line end before the chunk's end: the record goes on in the next chunk, and is declined.
  const std::string unended = "a,b,c";
  CsvRecord fields;
  bool blank = false;
  CHECK(PlainCsvScanner(unended.data() + unended.size(), ',').next(unended.data(), fields, blank) == nullptr);
}

TEST_CASE("the one-pass scan trims blanks and tells blank lines", "[io][plain]") {
  const std::string text = " a , b\t,c \n \t \n\n x\r\n";
  const char* const last = text.data() + text.size();
  const PlainCsvScanner scanner(last, ',');
  CsvRecord fields;
  bool blank = true;
  const char* t = scanner.next(text.data(), fields, blank);
  REQUIRE(t == text.data() + 10);
  CHECK(fields.fields == std::vector<std::string_view>{"a", "b", "c"});
  CHECK_FALSE(blank);
  t = scanner.next(t + 1, fields, blank);  // " \t "
  REQUIRE(t == text.data() + 14);
  CHECK(blank);
  t = scanner.next(t + 1, fields, blank);  // the empty line
  REQUIRE(t == text.data() + 15);
  CHECK(blank);
  CHECK(fields.fields == std::vector<std::string_view>{""});
  t = scanner.next(t + 1, fields, blank);  // " x", ended by CR
  REQUIRE(t == text.data() + 18);
  CHECK(*t == '\r');
  CHECK(fields.fields == std::vector<std::string_view>{"x"});
  // A TAB separates: it is no blank, and a field of spaces is trimmed to nothing.
  const std::string tabbed = "a\t \tb\n";
  t = PlainCsvScanner(tabbed.data() + tabbed.size(), '\t').next(tabbed.data(), fields, blank);
  REQUIRE(t == tabbed.data() + 5);
  CHECK(fields.fields == std::vector<std::string_view>{"a", "", "b"});
}
