// JSON Lines: the fast flat-object parser against the nlohmann::json reference, line by line:
// the same problem (reason and detail) or the same raw values for every record type, over
// hand-picked edge cases and a generated and mutated corpus.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_fields.hpp"
#include "io/record_fields.hpp"

using namespace cskpi;
using detail::JsonFields;
using detail::RawRecord;
using detail::RawValue;
using detail::ValueKind;

namespace {

constexpr RecordType all_types[] = {RecordType::interaction, RecordType::interaction_event, RecordType::survey,
                                    RecordType::customer_event, RecordType::agent_event};

std::string describe(const RawValue& v) {
  std::ostringstream out;
  out << static_cast<int>(v.kind) << (v.utf8 ? "u" : "") << ':' << v.text;
  return out.str();
}

// Values marked utf8 skip the label check: they must be valid UTF-8.
bool utf8_as_marked(const RawValue& v) { return !v.utf8 || detail::valid_utf8(v.text); }

// A line from a literal holding NUL bytes.
template <std::size_t N>
std::string with_nul(const char (&text)[N]) {
  return std::string(text, N - 1);
}

struct Outcome {
  bool fast = false;  // the fast parser took the line
  bool problem = false;
};

// Parses `line` with both parsers and checks they agree on everything a reader sees.
Outcome same_as_reference(const std::string& line) {
  JsonFields fast(true);
  JsonFields reference(false);
  const auto p = fast.parse(line);
  const auto q = reference.parse(line);
  INFO("line: " << line);
  REQUIRE(p.has_value() == q.has_value());
  if (p) {
    CHECK_FALSE(fast.fast_path_used());
    CHECK(p->reason == q->reason);
    CHECK(p->field == q->field);
    CHECK(p->detail == q->detail);
    return {false, true};
  }
  RawRecord a;
  RawRecord b;
  for (const RecordType type : all_types) {
    fast.fields(type, a);
    reference.fields(type, b);
    for (std::size_t slot = 0; slot < a.size(); ++slot) {
      INFO("type " << to_string(type) << " slot " << slot);
      CHECK(describe(a[slot]) == describe(b[slot]));
      CHECK(utf8_as_marked(a[slot]));
      CHECK(utf8_as_marked(b[slot]));
    }
  }
  for (const std::string_view key : {"record", "id", "score", "nope", ""}) {
    INFO("member " << key);
    CHECK(describe(fast.member(key)) == describe(reference.member(key)));
  }
  return {fast.fast_path_used(), false};
}

// Pieces of the generated corpus.
const std::vector<std::string> keys = {
    "id", "kind", "score", "responded_at", "customer_id", "interaction_id", "channel", "topic", "product",
    "priority", "agent_id", "team", "department", "created_at", "first_response_at", "resolved_at",
    "contacts", "reopened", "handle_seconds", "wait_seconds", "abandoned", "cost", "at", "type", "status",
    "mrr", "record", "other", "", "i\\u0064", "\\u0069d", "sc\\u006Fre", "caf\\u00e9", "\xC3\xA9t\xC3\xA9",
    "Id", "id "};

const std::vector<std::string> values = {
    // strings
    "\"x\"", "\"\"", "\" \"", "\"S00000001\"", "\"nps\"", "\" NPS \"", "\"9\"", "\"9.0\"", "\"1e3\"",
    "\"2026-01-02T09:07:22Z\"", "\"1767225600\"", "\"a\\\"b\"", "\"back\\\\slash\"", "\"sl\\/ash\"",
    "\"\\b\\f\\n\\r\\t\"", "\"\\u0041\\u00e9\\u20AC\"", "\"\\u0000\"", "\"\\uD83D\\uDE00\"", "\"\\ud83d\\ude00x\"",
    "\"\\uDBFF\\uDFFF\"", "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "\"\\uD800x\"", "\"\\uD800\\\"",
    "\"\\u12\"", "\"\\u12G4\"", "\"\\x41\"", "\"\\'\"", "\"caf\xC3\xA9\"", "\"\xE2\x82\xAC\"", "\"\xF0\x9F\x98\x80\"",
    "\"caf\xE9\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xC3\"", "\"\x7F\"",
    "\"tab\there\"", "\"nul\x01\"", "\"\xEF\xBB\xBF\"", "\"\xC3\xA9\\n\xC3\xA9\"", "\"\xC3\\u00e9\"",
    // numbers
    "0", "-0", "1", "-1", "7", "10", "9.0", "9.5", "-0.0", "0.0", "1e3", "1E3", "1e+3", "1e-3", "-1e3",
    "1.5e300", "1e308", "1.7976931348623157e308", "1e309", "-1e400", "1e-400", "4.9e-324", "2.5e-324",
    "123456789012345678", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
    "0.1", "0.30000000000000004", "1767225600", "1767225600.0", "1767225600.5", "100000000000000000000.0",
    "01", "-", "1.", ".5", "+1", "1e", "1e+", "-01", "00", "0x10", "1.0e", "NaN", "Infinity", "-Infinity",
    // literals
    "true", "false", "null", "True", "nul", "tru", "truex", "nullnull",
    // compounds
    "{}", "[]", "{\"a\":1}", "[1,2]", "[\"x\"]", "{\"id\":\"nested\"}", "[{}]"};

const std::vector<std::string> spaces = {"", "", "", " ", "  ", "\t", " \t "};

std::string generate(std::mt19937_64& rng) {
  const auto pick = [&](const std::vector<std::string>& from) -> const std::string& {
    return from[rng() % from.size()];
  };
  std::string line = pick(spaces) + "{" + pick(spaces);
  const std::size_t members = rng() % 8;
  for (std::size_t i = 0; i < members; ++i) {
    if (i > 0) line += pick(spaces) + "," + pick(spaces);
    line += "\"" + pick(keys) + "\"" + pick(spaces) + ":" + pick(spaces);
    // Mostly plain values, so most lines are valid and the fast path is exercised.
    line += rng() % 3 == 0 ? pick(values) : values[rng() % 12];
  }
  line += pick(spaces) + "}" + pick(spaces);
  return line;
}

// A random edit: replace, insert or delete a byte, using bytes that matter to JSON.
std::string mutate(std::string line, std::mt19937_64& rng) {
  static const std::string bytes =
      std::string("\"\\{}[],: \t-+.eE0159uaflnrt\x80\xC3\xA9\xED\xF0\xEF\xBB\xBF\x7F\x1F") + std::string(1, '\0');
  const std::size_t edits = 1 + rng() % 3;
  for (std::size_t e = 0; e < edits; ++e) {
    const std::size_t at = line.empty() ? 0 : rng() % (line.size() + 1);
    const char b = bytes[rng() % bytes.size()];
    switch (rng() % 3) {
      case 0:
        if (at < line.size()) line[at] = b;
        break;
      case 1: line.insert(line.begin() + static_cast<std::ptrdiff_t>(at), b); break;
      default:
        if (at < line.size()) line.erase(at, 1);
        break;
    }
  }
  return line;
}

// A random number token (valid or not) by JSON's grammar, with extremes of digits and exponents.
std::string random_number(std::mt19937_64& rng) {
  std::string t;
  if (rng() % 3 == 0) t += '-';
  const std::size_t digits = 1 + rng() % 25;
  for (std::size_t i = 0; i < digits; ++i) t += static_cast<char>('0' + rng() % 10);
  if (rng() % 3 == 0) {
    t += '.';
    const std::size_t fraction = rng() % 20;
    for (std::size_t i = 0; i < fraction; ++i) t += static_cast<char>('0' + rng() % 10);
  }
  if (rng() % 3 == 0) {
    t += rng() % 2 == 0 ? 'e' : 'E';
    if (rng() % 2 == 0) t += rng() % 2 == 0 ? '+' : '-';
    t += std::to_string(rng() % 400);
  }
  return t;
}

}  // namespace

TEST_CASE("JSON fast path: hand-picked lines agree with nlohmann", "[io][jsonl][fast]") {
  const std::vector<std::string> lines = {
      R"({"id":"S00000001","kind":"nps","score":7,"responded_at":"2026-01-02T09:07:22Z","customer_id":"C241627","interaction_id":"I0000005"})",
      R"({})", R"(  {  }  )", "\t{\"id\" : \"a\" , \"score\" :\t9.0 }\t", R"({"id":"a","id":"b"})",
      R"({"id":"a","id":null})", R"({"id":null,"id":"b"})", R"({"id":"a","id":""})", R"({"id":1,"id":"x"})",
      R"({"score":1e3,"cost":-0,"mrr":-0.0,"contacts":9.0,"reopened":18446744073709551616})",
      R"({"id":"\u0049\u00e9\u20ac\ud83d\ude00"})", R"({"id":"\uD800"})", R"({"id":"\uDC00\uD800"})",
      R"({"abandoned":true,"record":"survey","kind":false})", R"({"id":"x","meta":{"a":[1,2]}})",
      R"({"id":"x",})", R"({"id":"x"} x)", R"({"id" "x"})", R"({'id':'x'})", R"({"id":"x")", R"({"id":)",
      R"([1,2])", R"("text")", "42", "null", "", " ", "{", "}", "\xEF\xBB\xBF{\"id\":\"x\"}",
      "{\"id\":\"caf\xE9\"}", "{\"caf\xE9\":\"x\"}", "{\"id\":\"a\x01\"}", "{\"id\":\"\x7F\"}",
      with_nul("{\"id\":\"x\"}\0"), with_nul("{\"id\":\"a\0b\"}"), R"({"id":"\u0000"})",
      R"({"score":1e400})", R"({"score":-1e400})", R"({"score":1e-400})", R"({"score":01})", R"({"score":1.})",
      R"({"score":.5})", R"({"score":+1})", R"({"score":-})", R"({"score":NaN})", R"({"score":Infinity})",
      R"({"id":"x","record":" Survey "})", R"({"record":"nope"})", R"({"record":{"a":1}})", R"({"record":7})",
      "{\"id\":\"x\"}\r", "\r{\"id\":\"x\"}", "{\n\"id\":\"x\"\n}", R"({"":"empty key"})",
      R"({"\u0069\u0064":"escaped key"})", R"({"i\"d":"quoted key"})"};
  std::size_t fast = 0;
  for (const std::string& line : lines) fast += same_as_reference(line).fast ? 1u : 0u;
  CHECK(fast >= 20);
}

TEST_CASE("JSON fast path: the common survey line takes the fast path but nested values do not", "[io][jsonl][fast]") {
  JsonFields json;
  const std::string flat =
      R"({"id":"S1","kind":"nps","score":7,"responded_at":"2026-01-02T09:07:22Z","customer_id":"C1","interaction_id":"I5"})";
  REQUIRE_FALSE(json.parse(flat));
  CHECK(json.fast_path_used());
  REQUIRE_FALSE(json.parse(R"({"id":"S1","tags":["a"]})"));
  CHECK_FALSE(json.fast_path_used());
  RawRecord v;
  json.fields(RecordType::survey, v);
  CHECK(v[detail::survey_field::id].text == "S1");
  REQUIRE_FALSE(json.parse(R"({"id":"caf\u00e9 \ud83d\ude00","score":-0,"team":1e3,"abandoned":false})"));
  CHECK(json.fast_path_used());
  json.fields(RecordType::survey, v);
  CHECK(v[detail::survey_field::id].text == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(v[detail::survey_field::score].text == "0");
  CHECK(v[detail::survey_field::team].text == "1000.0");
  json.fields(RecordType::interaction, v);
  CHECK(v[detail::interaction_field::abandoned].kind == ValueKind::boolean);
  CHECK(v[detail::interaction_field::abandoned].text == "false");
}

TEST_CASE("JSON fast path: a generated corpus agrees with nlohmann", "[io][jsonl][fast]") {
  std::mt19937_64 rng(20260101);
  std::size_t fast = 0;
  std::size_t problems = 0;
  constexpr std::size_t n = 4000;
  for (std::size_t i = 0; i < n; ++i) {
    const Outcome o = same_as_reference(generate(rng));
    fast += o.fast ? 1u : 0u;
    problems += o.problem ? 1u : 0u;
  }
  CHECK(fast > n / 4);    // the fast path is exercised
  CHECK(problems > 100);  // and so are rejects
}

TEST_CASE("JSON fast path: mutated lines agree with nlohmann", "[io][jsonl][fast]") {
  std::mt19937_64 rng(7);
  std::size_t fast = 0;
  constexpr std::size_t n = 6000;
  for (std::size_t i = 0; i < n; ++i) fast += same_as_reference(mutate(generate(rng), rng)).fast ? 1u : 0u;
  CHECK(fast > 100);
}

TEST_CASE("JSON fast path: random numbers are spelled as nlohmann stores them", "[io][jsonl][fast]") {
  std::mt19937_64 rng(99);
  for (std::size_t i = 0; i < 3000; ++i) {
    const std::string number = random_number(rng);
    same_as_reference("{\"score\":" + number + ",\"id\":" + number + "}");
  }
  for (const char* edge : {"9223372036854775807", "9223372036854775808", "-9223372036854775808",
                           "-9223372036854775809", "18446744073709551615", "18446744073709551616", "0e0", "-0e-0",
                           "1E+308", "1.7976931348623158e308", "2.2250738585072014e-308", "1e22", "1e21", "1e16",
                           "123456.789e3", "0.000001", "0.0000001"}) {
    same_as_reference(std::string("{\"score\":") + edge + "}");
  }
}

TEST_CASE("JSON fast path: long strings with specials anywhere agree with nlohmann", "[io][jsonl][fast]") {
  // Pieces that the 16-byte scan must stop at (or skip), placed at every offset of long strings.
  const std::vector<std::string> pieces = {"a", "0", " ", "~", "\x7F", "\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00",
                                           "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xE9", "\xC0\xAF", "\x01",
                                           "\t", "\"", "\\", "\\uD800", "\\x"};
  std::mt19937_64 rng(123);
  for (std::size_t i = 0; i < 4000; ++i) {
    std::string s;
    const std::size_t plain = rng() % 40;
    for (std::size_t k = 0; k < plain; ++k) s += static_cast<char>('a' + rng() % 26);
    const std::size_t specials = rng() % 3;
    for (std::size_t k = 0; k < specials; ++k) {
      s.insert(rng() % (s.size() + 1), pieces[rng() % pieces.size()]);
    }
    same_as_reference("{\"id\":\"" + s + "\",\"" + s + "\":1,\"team\":\"" + s + s + "\"}");
  }
}
