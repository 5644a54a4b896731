// JSON Lines input: the line reader (line ends, BOM, blank and too-long lines) and the
// JSON field extraction (numbers as text, null and "" absent, objects where scalars go).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "io/json_fields.hpp"
#include "io/line_reader.hpp"

using namespace cskpi;
using detail::JsonFields;
using detail::Line;
using detail::LineReader;
using detail::RawRecord;
using detail::ValueKind;

namespace {

struct Got {
  std::uint64_t number;
  bool too_long;
  std::string text;
};

std::vector<Got> lines_of(const std::string& text, std::size_t limit = 1024) {
  std::istringstream in(text);
  LineReader reader(in, "test.jsonl", limit);
  Line line;
  std::vector<Got> out;
  while (reader.next(line)) out.push_back({line.number, line.too_long, std::string{line.text}});
  return out;
}

}  // namespace

TEST_CASE("JSON Lines: LF, CRLF and CR end lines, blank lines are skipped but counted", "[io][jsonl]") {
  const auto lines = lines_of("{}\r\n\r\n  \t\n{\"a\":1}\r{}\n{\"last\":true}");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].number == 1);
  CHECK(lines[1].number == 4);
  CHECK(lines[1].text == "{\"a\":1}");
  CHECK(lines[2].number == 5);
  CHECK(lines[3].number == 6);
  CHECK(lines[3].text == "{\"last\":true}");
}

TEST_CASE("JSON Lines: a BOM before the first line is skipped", "[io][jsonl]") {
  const auto lines = lines_of("\xEF\xBB\xBF{\"id\":1}\n");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "{\"id\":1}");
  CHECK(lines_of("").empty());
  CHECK(lines_of("\xEF\xBB\xBF\n\n").empty());
}

TEST_CASE("JSON Lines: a line over the limit is reported and skipped", "[io][jsonl]") {
  const auto lines = lines_of("{}\n" + std::string(100, ' ') + "x\n{\"b\":2}\n", 64);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].too_long);
  CHECK(lines[1].number == 2);
  CHECK(lines[1].text.empty());
  CHECK_FALSE(lines[2].too_long);
  CHECK(lines[2].number == 3);
}

TEST_CASE("JSON Lines: a 17 MiB line is rejected and later lines are read", "[io][jsonl]") {
  std::string text = "{\"a\":1}\n{\"note\":\"";
  text.append(std::size_t{17} * 1024 * 1024, 'n');
  text += "\"}\n{\"b\":2}\n";
  const auto lines = lines_of(text, std::size_t{16} * 1024 * 1024);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].too_long);
  CHECK(lines[2].text == "{\"b\":2}");
  CHECK(lines[2].number == 3);
}

TEST_CASE("JSON fields: numbers keep their decimal text, floats keep a fraction", "[io][jsonl]") {
  JsonFields json;
  REQUIRE_FALSE(json.parse(R"({"id": 42, "score": 9.0, "contacts": -3, "cost": 1.25, "reopened": 18446744073709551615})"));
  RawRecord v;
  json.fields(RecordType::interaction, v);
  namespace f = detail::interaction_field;
  CHECK(v[f::id].kind == ValueKind::number);
  CHECK(v[f::id].text == "42");
  CHECK(v[f::contacts].text == "-3");
  CHECK(v[f::cost].text == "1.25");
  CHECK(v[f::reopened].text == "18446744073709551615");
  json.fields(RecordType::survey, v);
  CHECK(v[detail::survey_field::score].text == "9.0");  // a float epoch stays a float
}

TEST_CASE("JSON fields: null and \"\" are absent, objects and arrays are compound, unknown members ignored",
          "[io][jsonl]") {
  JsonFields json;
  REQUIRE_FALSE(json.parse(
      R"({"id": "x", "channel": null, "topic": "", "product": {"a": 1}, "kind": [1], "abandoned": true, "other": 5})"));
  RawRecord v;
  json.fields(RecordType::interaction, v);
  namespace f = detail::interaction_field;
  CHECK(v[f::id].kind == ValueKind::text);
  CHECK(v[f::channel].kind == ValueKind::absent);
  CHECK(v[f::topic].kind == ValueKind::absent);
  CHECK(v[f::product].kind == ValueKind::compound);
  CHECK(v[f::kind].kind == ValueKind::compound);
  CHECK(v[f::abandoned].kind == ValueKind::boolean);
  CHECK(v[f::abandoned].text == "true");
  CHECK(v[f::customer_id].kind == ValueKind::absent);
}

TEST_CASE("JSON fields: broken JSON and non-objects are malformed_json, bad UTF-8 invalid_utf8", "[io][jsonl]") {
  JsonFields json;
  const auto unclosed = json.parse(R"({"id": "r-3", "score": 5)");
  REQUIRE(unclosed);
  CHECK(unclosed->reason == RejectReason::malformed_json);
  CHECK(unclosed->field.empty());
  for (const char* not_object : {"[1,2]", "\"text\"", "42", "null"}) {
    const auto p = json.parse(not_object);
    REQUIRE(p);
    CHECK(p->reason == RejectReason::malformed_json);
  }
  const auto bad_utf8 = json.parse("{\"id\": \"caf\xE9\"}");
  REQUIRE(bad_utf8);
  CHECK(bad_utf8->reason == RejectReason::invalid_utf8);
}
