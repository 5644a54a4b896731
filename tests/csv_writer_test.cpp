// The one CSV field rule (src/io/csv_writer.hpp) of the rejects file, the trace CSV and the CSV report.
#include <catch2/catch.hpp>

#include <sstream>

#include "io/csv_writer.hpp"

using namespace cskpi::detail;

namespace {

std::string field(std::string_view text) {
  std::string line;
  append_csv_field(line, text);
  return line;
}

}  // namespace

TEST_CASE("CSV fields are quoted only when RFC 4180 or a trimming reader needs it", "[csv_writer]") {
  CHECK(field("") == "");
  CHECK(field("chat") == "chat");
  CHECK(field("a b") == "a b");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");   // quotes doubled
  CHECK(field("two\nlines") == "\"two\nlines\"");
  CHECK(field("cr\r") == "\"cr\r\"");
  CHECK(field(" padded") == "\" padded\"");  // a reader that trims would lose the blank
  CHECK(field("padded\t") == "\"padded\t\"");
}

TEST_CASE("A CSV row joins its fields with commas and ends with LF", "[csv_writer]") {
  std::ostringstream out;
  write_csv_row(out, {"a", "b,c", ""});
  write_csv_text(out, "x\"y");
  CHECK(out.str() == "a,\"b,c\",\n\"x\"\"y\"");
}
