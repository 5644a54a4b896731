// Input mapping (SPEC v3 §8, §5): separators, encodings, the input time zone, column names and
// constants, instant formats, FILE:LINE survey ids, and the file-level diagnostics — each read
// by the sequential readers and by the chunked loader on several threads, with the same result.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/input_mapping.hpp>
#include <cskpi/io/instant_format.hpp>
#include <cskpi/io/loader.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "io/field_map.hpp"
#include "io_test_support.hpp"

using namespace cskpi;

namespace {

// The ways a file is read: sequential readers, one chunked thread, three threads on tiny chunks.
std::vector<LoadOptions> every_way(const LoadOptions& base = {}) {
  std::vector<LoadOptions> out(3, base);
  out[0].chunk_bytes = 0;
  out[1].threads = 1;
  out[2].threads = 3;
  out[2].chunk_bytes = 7;
  return out;
}

std::int64_t ms(const char* instant) { return to_millis(*parse_instant(instant).value); }

// UTF-8 → UTF-16 bytes (valid input only), with a byte order mark unless told otherwise.
std::string utf16(const std::string& utf8, bool little, bool bom = true) {
  std::u16string units;
  if (bom) units += u'\xFEFF';
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07u;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0Fu;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1Fu;
      len = 2;
    }
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units += static_cast<char16_t>(0xD800 + (cp >> 10));
      units += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      units += static_cast<char16_t>(cp);
    }
  }
  std::string out;
  for (const char16_t u : units) {
    const auto lo = static_cast<char>(u & 0xFF);
    const auto hi = static_cast<char>(u >> 8);
    out += little ? lo : hi;
    out += little ? hi : lo;
  }
  return out;
}

std::string warnings(const Loader& loader) {
  std::string out;
  for (const InputWarning& w : loader.warnings()) {
    out += w.file + (w.line == 0 ? "" : ":" + std::to_string(w.line)) + ": " + w.message + "\n";
  }
  return out;
}

std::string reasons(const Loader& loader) {
  std::string out;
  for (const Reject& r : loader.rejects()) {
    out += std::to_string(r.line) + ":" + r.field + ":" + std::string{to_string(r.reason)} + " ";
  }
  return out;
}

InputMapping zone(const char* name) {
  InputMapping m;
  m.input_time_zone = name;
  return m;
}

LoadOptions with(InputMapping m) {
  LoadOptions o;
  o.mapping = std::move(m);
  return o;
}

}  // namespace

TEST_CASE("The separator is detected from the header among , ; TAB and |", "[io][mapping]") {
  for (const char sep : {';', '\t', '|', ','}) {
    std::string text = "id,customer_id,channel,topic,created_at\n"
                       "I-1,c-1,chat,\"a,b;c\td|e\",2027-01-01T10:00:00Z\n"
                       "I-2,c-2,email, spaced ,2027-01-01T11:00:00Z\n";
    for (char& c : text) {
      if (c == ',') c = sep;
    }
    for (const LoadOptions& o : every_way()) {
      INFO("separator " << delimiter_name(sep) << ", chunk " << o.chunk_bytes);
      const auto run = test::load_csv(RecordType::interaction, text, o);
      REQUIRE(run->loader.counts(RecordType::interaction).accepted == 2);
      const Interaction a = run->data.interaction(0);
      std::string topic = "a,b;c\td|e";  // the quoted field keeps the separator
      for (char& c : topic) {
        if (c == ',') c = sep;
      }
      CHECK(a.topic == topic);
      // Unquoted fields are trimmed of spaces (and of tabs, unless TAB separates).
      CHECK(run->data.interaction(1).topic == "spaced");
      CHECK(run->loader.warnings().empty());
    }
  }
}

TEST_CASE("A tie between separators goes to the comma; a forced separator is used as given", "[io][mapping]") {
  const detail::FieldMap& names = detail::identity_map(RecordType::interaction);
  // "id,x;channel": one known name with ',' (id) and one with ';' (channel): a tie.
  CHECK(detail::detect_separator(names, "id,x;channel") == ',');
  CHECK(detail::detect_separator(names, "id;x,channel") == ',');
  CHECK(detail::detect_separator(names, "x|id|channel") == '|');
  CHECK(detail::detect_separator(names, "\"id;x\";channel;created_at") == ';');  // quotes as CSV
  CHECK(detail::detect_separator(names, "nothing known") == ',');
  // A semicolon inside a comma file's values does not matter: the header decides.
  const std::string both = "id,customer_id,channel,created_at,note;x\nI-1,c;1,chat,2027-01-01T10:00:00Z,a;b\n";
  const auto run = test::load_csv(RecordType::interaction, both);
  REQUIRE(run->loader.counts(RecordType::interaction).accepted == 1);
  CHECK(run->data.interaction(0).id == "I-1");

  InputMapping m;
  m.delimiter = '|';
  const auto forced = test::load_csv(RecordType::interaction,
                                     "id|customer_id|channel|created_at\nI-1|c,1|chat|2027-01-01T10:00:00Z\n", with(m));
  CHECK(forced->data.interaction(0).customer_id == "c,1");
}

TEST_CASE("A forced separator that is not the file's refuses the file and names the one that fits", "[io][mapping]") {
  InputMapping m;
  m.delimiter = ',';
  for (const LoadOptions& o : every_way(with(m))) {
    Dataset data;
    Loader loader(data, o);
    std::istringstream in("id;customer_id;channel;created_at\nI-1;c;chat;2027-01-01T10:00:00Z\n");
    try {
      loader.load(RecordType::interaction, in, "semi.csv", FileFormat::csv);
      FAIL("no exception");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::bad_input);
      CHECK_THAT(e.what(), Catch::StartsWith("semi.csv:1: no column id") && Catch::Contains("--delimiter ';'") &&
                               Catch::Contains("the file is refused"));
    }
    CHECK(loader.counts(RecordType::interaction).read() == 0);
  }
}

TEST_CASE("A missing required column refuses the file with the closest header name", "[io][mapping]") {
  for (const LoadOptions& o : every_way()) {
    Dataset data;
    Loader loader(data, o);
    std::istringstream in("id,customer_id,channel,creatd_at\nI-1,c,chat,2027-01-01T10:00:00Z\n");
    CHECK_THROWS_WITH(loader.load(RecordType::interaction, in, "i.csv", FileFormat::csv),
                      "i.csv:1: no column created_at (did you mean creatd_at?): the file is refused");
    CHECK(loader.rejects().empty());
  }
  // Several missing: all named; no close name: none suggested.
  Dataset data;
  Loader loader(data, {});
  std::istringstream in("kind,score\nnps,9\n");
  CHECK_THROWS_WITH(loader.load(RecordType::customer_event, in, "c.csv", FileFormat::csv),
                    "c.csv:1: no column customer_id; no column type; no column at: the file is refused");
}

TEST_CASE("A header that splits at no separator names the fix; a space-aligned one says no separator reads it",
          "[io][mapping]") {
  Dataset data;
  Loader loader(data, {});
  // One name per line, no separator: give it with --delimiter.
  std::istringstream colon("id:channel:created_at\nI-1:chat:2027-01-01T10:00:00Z\n");
  CHECK_THROWS_WITH(loader.load(RecordType::interaction, colon, "colon.csv", FileFormat::csv),
                    Catch::Contains("the header does not split at , ; TAB or |: give the file's separator with "
                                    "--delimiter"));
  // CDNOW's purchase log: columns aligned with runs of spaces (customer_id is a known name).
  std::istringstream aligned(" customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n");
  CHECK_THROWS_WITH(loader.load(RecordType::customer_event, aligned, "cdnow.csv", FileFormat::csv),
                    Catch::Contains("its columns are aligned with spaces, which no separator reads") &&
                        Catch::Contains("save the file as CSV or TSV") && Catch::EndsWith("the file is refused"));
  CHECK(loader.counts(RecordType::customer_event).read() == 0);
}

TEST_CASE("Unknown CSV columns are one warning with the closest known name", "[io][mapping]") {
  for (const LoadOptions& o : every_way()) {
    const auto run = test::load_csv(RecordType::interaction,
                                    "id,customer_id,channel,created_at,first_reponse_at,note\n"
                                    "I-1,c,chat,2027-01-01T10:00:00Z,2027-01-01T10:05:00Z,x\n",
                                    o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
    CHECK(warnings(run->loader) ==
          "input.csv:1: unknown columns ignored: first_reponse_at (did you mean first_response_at?), note\n");
  }
}

TEST_CASE("The unknown-column warning names the header's line, after blank lines too", "[io][mapping]") {
  for (const LoadOptions& o : every_way()) {
    // Two blank lines, then the header on line 3.
    const auto run = test::load_csv(RecordType::interaction,
                                    "\n\nid,channel,created_at,note\nI-1,chat,2027-01-01T10:00:00Z,x\n", o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
    REQUIRE(run->loader.warnings().size() == 1);
    CHECK(run->loader.warnings()[0].line == 3);
    CHECK(warnings(run->loader) == "input.csv:3: unknown columns ignored: note\n");
  }
}

TEST_CASE("Unknown JSON keys are one warning per file with the closest known name", "[io][mapping]") {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "{\"id\":\"I-" + std::to_string(i) +
            "\",\"customer_id\":\"c\",\"channel\":\"chat\",\"created_at\":\"2027-01-01T10:00:00Z\"" +
            (i % 7 == 3 ? ",\"first_reponse_at\":\"2027-01-01T10:05:00Z\"" : "") + (i == 39 ? ",\"zzz\":1" : "") +
            "}\n";
  }
  for (const LoadOptions& o : every_way()) {
    const auto run = test::load_jsonl(RecordType::interaction, text, o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 40);
    CHECK(warnings(run->loader) ==
          "input.jsonl: unknown keys ignored: first_reponse_at (did you mean first_response_at?), zzz\n");
  }
}

TEST_CASE("UTF-16 files with a byte order mark are read as UTF-16, little and big endian", "[io][mapping]") {
  const std::string text = "id;customer_id;channel;topic;created_at\r\n"
                           "I-1;c-1;chat;Réclamation;2027-01-01T10:00:00Z\r\n"
                           "I-2;c-2;email;\"€ 😀; quoted\";2027-01-01T11:00:00Z\r\n";
  for (const bool little : {true, false}) {
    for (const LoadOptions& o : every_way()) {
      INFO((little ? "LE" : "BE") << ", chunk " << o.chunk_bytes);
      const auto run = test::load_csv(RecordType::interaction, utf16(text, little), o);
      REQUIRE(run->loader.counts(RecordType::interaction).accepted == 2);
      CHECK(run->data.interaction(0).topic == "Réclamation");
      CHECK(run->data.interaction(1).topic == "€ 😀; quoted");
      CHECK(run->loader.warnings().empty());
    }
  }
  // JSON Lines too.
  const auto json = test::load_jsonl(RecordType::interaction,
                                     utf16("{\"id\":\"I-1\",\"customer_id\":\"c\",\"channel\":\"chat\",\"topic\":"
                                           "\"Réclamation\",\"created_at\":\"2027-01-01T10:00:00Z\"}\n",
                                           true));
  CHECK(json->data.interaction(0).topic == "Réclamation");
}

TEST_CASE("A UTF-16 lone surrogate rejects its record invalid_utf8; nothing is guessed", "[io][mapping]") {
  std::string bytes = utf16("id,customer_id,channel,topic,created_at\nI-1,c,chat,", true);
  bytes += std::string("\x00\xD8", 2);  // a high surrogate with no low one after it
  bytes += utf16(",2027-01-01T10:00:00Z\nI-2,c,chat,t,2027-01-01T10:00:00Z\n", true, false);
  for (const LoadOptions& o : every_way()) {
    const auto run = test::load_csv(RecordType::interaction, bytes, o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
    CHECK(reasons(run->loader) == "2:topic:invalid_utf8 ");
  }
}

TEST_CASE("UTF-16 without a byte order mark: refused with the fix, or read with --encoding utf-16", "[io][mapping]") {
  const std::string text = utf16("id,customer_id,channel,created_at\nI-1,c,chat,2027-01-01T10:00:00Z\n", true, false);
  Dataset data;
  Loader loader(data, {});
  std::istringstream in(text);
  CHECK_THROWS_WITH(loader.load(RecordType::interaction, in, "u.csv", FileFormat::csv),
                    Catch::Contains("looks like UTF-16 without a byte order mark") &&
                        Catch::Contains("--encoding utf-16"));
  InputMapping m;
  m.encoding = InputEncoding::utf16;
  for (const LoadOptions& o : every_way(with(m))) {
    const auto run = test::load_csv(RecordType::interaction, text, o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
  }
}

TEST_CASE("windows-1252 and latin-1 files are transcoded when told; otherwise one warning names the fix",
          "[io][mapping]") {
  // "Réclamation" and "€" in windows-1252: 0xE9 and 0x80.
  const std::string text = "id,customer_id,channel,topic,created_at\n"
                           "I-1,c,chat,R\xE9" "clamation,2027-01-01T10:00:00Z\n"
                           "I-2,c,chat,\x80 5,2027-01-01T10:00:00Z\n"
                           "I-3,c,chat,plain,2027-01-01T10:00:00Z\n";
  for (const LoadOptions& o : every_way()) {
    const auto run = test::load_csv(RecordType::interaction, text, o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
    // Records are still rejected one by one.
    CHECK(reasons(run->loader) == "2:topic:invalid_utf8 3:topic:invalid_utf8 ");
    CHECK_THAT(run->loader.rejects()[0].detail,
               Catch::Contains("R\\xE9clamation") && Catch::Contains("byte 0xE9 at position 2") &&
                   Catch::Contains("'é' in windows-1252"));
    // One file-level message naming the fix.
    REQUIRE(run->loader.warnings().size() == 1);
    CHECK(run->loader.warnings()[0].line == 2);  // the first offending record
    CHECK_THAT(run->loader.warnings()[0].message,
               Catch::StartsWith("not UTF-8: 'R\\xE9clamation'") && Catch::Contains("give --encoding windows-1252"));
  }
  InputMapping m;
  m.encoding = InputEncoding::windows1252;
  for (const LoadOptions& o : every_way(with(m))) {
    const auto run = test::load_csv(RecordType::interaction, text, o);
    CHECK(run->loader.counts(RecordType::interaction).accepted == 3);
    CHECK(run->data.interaction(0).topic == "Réclamation");
    CHECK(run->data.interaction(1).topic == "€ 5");
    CHECK(run->loader.warnings().empty());
  }
  m.encoding = InputEncoding::latin1;  // 0x80 is a C1 control in latin-1
  const auto latin = test::load_csv(RecordType::interaction, text, with(m));
  CHECK(latin->data.interaction(0).topic == "Réclamation");
  CHECK(latin->data.interaction(1).topic == "\xC2\x80 5");
  // A UTF-8 byte order mark wins over the configured encoding.
  const auto marked = test::load_csv(RecordType::interaction,
                                     "\xEF\xBB\xBFid,customer_id,channel,topic,created_at\n"
                                     "I-1,c,chat,Réclamation,2027-01-01T10:00:00Z\n",
                                     with(m));
  CHECK(marked->data.interaction(0).topic == "Réclamation");
}

TEST_CASE("Input zone Europe/Rome: local times across both DST changes, a gap is bad_instant", "[io][mapping][time]") {
  // 2027-03-28: 02:00 CET → 03:00 CEST (02:00-02:59 do not exist); 2027-10-31: 03:00 CEST → 02:00
  // CET (02:00-02:59 happen twice: the earlier, CEST, is taken).
  const std::string text = "id,customer_id,channel,created_at\n"
                           "A,c,chat,2027-03-28 01:59:59\n"      // CET +01: 00:59:59Z
                           "B,c,chat,2027-03-28 02:30:00\n"      // in the gap: rejected
                           "C,c,chat,2027-03-28T03:00:00\n"      // CEST +02: 01:00Z
                           "D,c,chat,2027-10-31 01:30:00\n"      // CEST: 2027-10-30T23:30Z
                           "E,c,chat,2027-10-31 02:30:00.250\n"  // twice: the earlier, 00:30:00.250Z
                           "F,c,chat,2027-10-31 03:00:00\n"      // CET: 02:00Z
                           "G,c,chat,2027-07-01T12:00:00Z\n"     // an offset wins over the zone
                           "H,c,chat,2027-07-01\n";              // a date alone: created_at needs a time
  for (const LoadOptions& o : every_way(with(zone("Europe/Rome")))) {
    const auto run = test::load_csv(RecordType::interaction, text, o);
    const InteractionColumns& ic = run->data.interactions();
    REQUIRE(ic.size() == 6);
    CHECK(ic.created_ms[0] == ms("2027-03-28T00:59:59Z"));
    CHECK(ic.created_ms[1] == ms("2027-03-28T01:00:00Z"));
    CHECK(ic.created_ms[2] == ms("2027-10-30T23:30:00Z"));
    CHECK(ic.created_ms[3] == ms("2027-10-31T00:30:00.250Z"));
    CHECK(ic.created_ms[4] == ms("2027-10-31T02:00:00Z"));
    CHECK(ic.created_ms[5] == ms("2027-07-01T12:00:00Z"));
    CHECK(reasons(run->loader) == "3:created_at:bad_instant 9:created_at:bad_instant ");
    CHECK(run->loader.rejects()[0].detail ==
          "2027-03-28 02:30:00 does not exist in Europe/Rome (the clocks skip it: a spring-forward gap)");
    CHECK_THAT(run->loader.rejects()[1].detail, Catch::Contains("is a date without a time of day"));
  }
  // Without an input zone, local times are rejected as in SPEC §1.
  const auto plain = test::load_csv(RecordType::interaction, text);
  CHECK(plain->loader.counts(RecordType::interaction).accepted == 1);
  CHECK_THAT(plain->loader.rejects()[0].detail, Catch::Contains("is a local time without an offset"));
}

TEST_CASE("With an input zone, survey and customer/agent event dates are local midnight", "[io][mapping][time]") {
  for (const LoadOptions& o : every_way(with(zone("Europe/Rome")))) {
    const auto s = test::load_csv(RecordType::survey,
                                  "id,kind,score,responded_at\nS-1,nps,9,2027-03-01\nS-2,nps,7,2027-07-01\n", o);
    REQUIRE(s->data.surveys().size() == 2);
    CHECK(s->data.surveys().responded_ms[0] == ms("2027-02-28T23:00:00Z"));
    CHECK(s->data.surveys().responded_ms[1] == ms("2027-06-30T22:00:00Z"));
    const auto c = test::load_jsonl(RecordType::customer_event,
                                    "{\"customer_id\":\"k\",\"type\":\"start\",\"at\":\"2027-01-15\"}\n", o);
    REQUIRE(c->data.customer_events().size() == 1);
    CHECK(c->data.customer_events().at_ms[0] == ms("2027-01-14T23:00:00Z"));
    const auto a = test::load_csv(RecordType::agent_event, "agent_id,type,at\nA,hire,2027-10-31\n", o);
    CHECK(a->data.agent_events().at_ms[0] == ms("2027-10-30T22:00:00Z"));
  }
  // Without a zone a date is no instant.
  const auto s = test::load_csv(RecordType::survey, "id,kind,score,responded_at\nS-1,nps,9,2027-03-01\n");
  CHECK(reasons(s->loader) == "2:responded_at:bad_instant ");
}

TEST_CASE("Config columns map field names to the export's names, or give a constant", "[io][mapping]") {
  InputMapping m;
  m.columns[static_cast<std::size_t>(RecordType::interaction)] = {
      {"id", {"call_id", {}}}, {"created_at", {"start", {}}}, {"channel", {"", std::string{"phone"}}}};
  const std::string csv = "call_id;customer_id;start;id\nC-1;k;2027-01-01T10:00:00Z;ignored\n";
  for (const LoadOptions& o : every_way(with(m))) {
    const auto run = test::load_csv(RecordType::interaction, csv, o);
    REQUIRE(run->loader.counts(RecordType::interaction).accepted == 1);
    const Interaction i = run->data.interaction(0);
    CHECK(i.id == "C-1");
    CHECK(i.channel == "phone");
    CHECK(i.created_at == *parse_instant("2027-01-01T10:00:00Z").value);
    // cskpi's own name of a mapped field is just another unknown column.
    CHECK(warnings(run->loader) == "input.csv:1: unknown columns ignored: id (the config's columns read id from call_id)\n");
  }
  for (const LoadOptions& o : every_way(with(m))) {
    const auto run = test::load_jsonl(RecordType::interaction,
                                      "{\"call_id\":\"C-1\",\"customer_id\":\"k\",\"start\":\"2027-01-01T10:00:00Z\"}\n",
                                      o);
    REQUIRE(run->loader.counts(RecordType::interaction).accepted == 1);
    CHECK(run->data.interaction(0).channel == "phone");
  }
  // A mapped name the file lacks is a file-level error when the field is required.
  Dataset data;
  Loader loader(data, with(m));
  std::istringstream in("call_id,customer_id,starts\nC-1,k,2027-01-01T10:00:00Z\n");
  CHECK_THROWS_WITH(loader.load(RecordType::interaction, in, "m.csv", FileFormat::csv),
                    "m.csv:1: no column start (the column of created_at in the config's columns) (did you mean "
                    "starts?): the file is refused");
}

TEST_CASE("Config columns and constants feed interaction events, every way alike", "[io][mapping]") {
  // Events are read from their columns directly unless a field is a constant: the constant
  // agent must reach every event whichever way the file is read.
  InputMapping m;
  m.columns[static_cast<std::size_t>(RecordType::interaction_event)] = {{"interaction_id", {"ticket", {}}},
                                                                         {"agent_id", {"", std::string{"A9"}}}};
  const std::string interactions = "id,channel,created_at\nT-1,email,2027-01-01T10:00:00Z\n";
  const std::string events =
      "note,ticket,at,type,status\nx,T-1,2027-01-01T10:05:00Z,agent_reply,\ny,T-1,2027-01-01T11:00:00Z,status,solved\n";
  for (const LoadOptions& o : every_way(with(m))) {
    test::Loaded run(o);
    std::istringstream i(interactions);
    run.loader.load(RecordType::interaction, i, "i.csv", FileFormat::csv);
    std::istringstream e(events);
    run.loader.load(RecordType::interaction_event, e, "e.csv", FileFormat::csv);
    run.loader.finish();
    REQUIRE(run.loader.counts(RecordType::interaction_event).accepted == 2);
    const InteractionEventColumns& c = run.data.interaction_events();
    for (std::size_t k = 0; k < 2; ++k) {
      REQUIRE(c.agent[k] != no_code);
      CHECK(run.data.label(Dimension::agent, c.agent[k]) == "A9");
    }
    CHECK(c.at_ms[1] == ms("2027-01-01T11:00:00Z"));
  }
}

TEST_CASE("A constant kind reads a file of NPS answers without a kind column", "[io][mapping]") {
  InputMapping m;
  m.columns[static_cast<std::size_t>(RecordType::survey)] = {
      {"kind", {"", std::string{"nps"}}}, {"score", {"REC", {}}}, {"responded_at", {"date", {}}}};
  m.input_time_zone = "Europe/Rome";
  const std::string csv = "Region,REC,date\nNorth,9,2027-03-01\nSouth,3,2027-03-02\n\nEast,12,2027-03-03\n";
  for (const LoadOptions& o : every_way(with(m))) {
    const auto run = test::load_csv(RecordType::survey, csv, o);
    REQUIRE(run->data.surveys().size() == 2);
    // No id column: the survey's id is FILE:LINE (its first line).
    CHECK(run->data.survey_ids().value(0) == "input.csv:2");
    CHECK(run->data.survey_ids().value(1) == "input.csv:3");
    CHECK(run->data.surveys().score[0] == 9);
    CHECK(reasons(run->loader) == "5:score:out_of_range ");
  }
}

TEST_CASE("Survey ids FILE:LINE differ across files and count as ids", "[io][mapping]") {
  for (const LoadOptions& o : every_way()) {
    test::Loaded run(o);
    std::istringstream a("kind,score,responded_at\nnps,9,2027-03-01T10:00:00Z\n\"nps\",\"8\",\"2027-03-01T10:00:00Z\"\n");
    std::istringstream b("kind,score,responded_at\r\nnps,10,2027-03-01T10:00:00Z\r\n");
    run.loader.load(RecordType::survey, a, "a.csv", FileFormat::csv);
    run.loader.load(RecordType::survey, b, "b.csv", FileFormat::csv);
    run.loader.finish();
    REQUIRE(run.data.surveys().size() == 3);
    CHECK(run.data.survey_ids().value(0) == "a.csv:2");
    CHECK(run.data.survey_ids().value(1) == "a.csv:3");
    CHECK(run.data.survey_ids().value(2) == "b.csv:2");
  }
}

TEST_CASE("An instant format reads the export's spelling before the standard ones", "[io][mapping][time]") {
  InputMapping m;
  m.instant_format = "%Y/%m/%d %H:%M:%S.%f";
  m.input_time_zone = "Europe/Rome";
  const std::string csv = "id,customer_id,channel,created_at\n"
                          "A,c,chat,2027/03/01 09:05:07.123456\n"  // CET: 08:05:07.123Z
                          "B,c,chat,2027-03-01T09:00:00Z\n"        // the standard spelling still reads
                          "C,c,chat,2027/02/30 09:00:00.0\n"       // no such day
                          "D,c,chat,01/03/2027 09:00\n";           // neither
  for (const LoadOptions& o : every_way(with(m))) {
    const auto run = test::load_csv(RecordType::interaction, csv, o);
    const InteractionColumns& ic = run->data.interactions();
    REQUIRE(ic.size() == 2);
    CHECK(ic.created_ms[0] == ms("2027-03-01T08:05:07.123Z"));
    CHECK(ic.created_ms[1] == ms("2027-03-01T09:00:00Z"));
    CHECK(reasons(run->loader) == "4:created_at:bad_instant 5:created_at:bad_instant ");
    CHECK_THAT(run->loader.rejects()[0].detail, Catch::Contains("invalid date"));
    CHECK_THAT(run->loader.rejects()[1].detail, Catch::Contains("matches neither the instant format"));
  }
  // Without %z and without an input zone, a formatted time is rejected.
  m.input_time_zone.reset();
  const auto run = test::load_csv(RecordType::interaction, csv, with(m));
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
}

TEST_CASE("InstantFormat: directives, whole-value match, errors", "[io][mapping][time]") {
  const InstantFormat f("%d %b %Y %H:%M %z");
  CHECK(f.parse("5 Mar 2027 09:30 +01:00").instant == parse_instant("2027-03-05T08:30:00Z").value);
  CHECK(f.parse(" 05 march 2027   09:30 Z ").instant == parse_instant("2027-03-05T09:30:00Z").value);
  CHECK(f.parse("5 Mar 2027 09:30 +0100x").error == InstantError::syntax);
  CHECK(f.parse("31 Apr 2027 09:30 Z").error == InstantError::invalid_date);
  CHECK(f.parse("1 Apr 2027 24:00 Z").error == InstantError::invalid_time);
  const InstantFormat y("%m/%d/%y %H:%M:%S");
  const TimestampParse local = y.parse("3/1/27 9:05:07");
  REQUIRE(local.local);
  CHECK(local.error == InstantError::no_offset);
  CHECK(local.local->ms == ms("2027-03-01T09:05:07Z"));
  CHECK(y.parse("3/1/70 0:00:00").local->ms == ms("1970-03-01T00:00:00Z"));
  CHECK(y.parse("3/1/27 9:05:60").error == InstantError::invalid_time);
  CHECK_THROWS_WITH(InstantFormat("%Y-%m"), Catch::Contains("needs a year"));
  CHECK_THROWS_WITH(InstantFormat("%Y-%m-%d %Q"), Catch::Contains("%Q is not one of"));
  CHECK_THROWS_WITH(InstantFormat("%Y-%m-%d %"), Catch::Contains("lone %"));
  CHECK_THROWS_WITH(InstantFormat("%Y-%m-%d %Y"), Catch::Contains("%Y appears twice"));
  CHECK(InstantFormat("%Y%m%d%%").parse("20270301%").local->ms == ms("2027-03-01T00:00:00Z"));
  // The instant itself is in years 0001-9999 UTC, as parse_instant's.
  CHECK(f.parse("31 Dec 9999 23:30 -01:00").error == InstantError::invalid_date);
  CHECK(f.parse("1 Jan 0001 00:30 +01:00").error == InstantError::invalid_date);
}

TEST_CASE("A local time of the input zone that falls outside years 0001-9999 UTC is bad_instant",
          "[io][mapping][time]") {
  LoadOptions options;
  options.mapping.input_time_zone = "America/New_York";
  const auto run = test::load_csv(RecordType::interaction,
                                  "id,channel,created_at\n"
                                  "a,chat,9999-12-31T18:00:00\n"
                                  "b,chat,9999-12-31T23:00:00\n",
                                  options);
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
  REQUIRE(run->loader.rejects().size() == 1);
  CHECK(run->loader.rejects()[0].line == 3);
  CHECK(run->loader.rejects()[0].reason == RejectReason::bad_instant);
}

TEST_CASE("parse_timestamp gives the local time a text without an offset spells", "[io][mapping][time]") {
  const TimestampParse t = parse_timestamp("2027-03-01 09:30:15.5");
  REQUIRE(t.local);
  CHECK(t.local->ms == ms("2027-03-01T09:30:15.500Z"));
  CHECK_FALSE(t.local->date_only);
  const TimestampParse d = parse_timestamp("2027-03-01");
  REQUIRE(d.local);
  CHECK(d.local->date_only);
  CHECK(parse_timestamp("2027-02-29").error == InstantError::invalid_date);
  CHECK_FALSE(parse_timestamp("2027-02-29").local);
  CHECK(parse_timestamp("2027-03-01T25:00").error == InstantError::invalid_time);
  CHECK(parse_timestamp("2027-03-01T09:00Z").instant);
  // parse_instant keeps SPEC §1: a date alone is no instant.
  CHECK(parse_instant("2027-03-01").error == InstantError::syntax);
}

TEST_CASE("Mapping validation names the key path", "[io][mapping]") {
  InputMapping m;
  m.columns[0] = {{"creatd_at", {"x", {}}}};
  CHECK_THROWS_WITH(validate(m), "columns.interactions.creatd_at: is not a field of interactions (did you mean "
                                 "created_at?)");
  m.columns[0] = {{"topic", {"cat", {}}}, {"product", {"cat", {}}}};
  CHECK_THROWS_WITH(validate(m), Catch::Contains("the column \"cat\" already feeds"));
  m.columns[0].clear();
  m.input_time_zone = "Mars/Olympus";
  CHECK_THROWS_WITH(validate(m), Catch::StartsWith("input_time_zone: "));
  Dataset data;
  CHECK_THROWS_AS(Loader(data, with(m)), Error);
  CHECK(parse_delimiter("tab") == '\t');
  CHECK(parse_delimiter("\\t") == '\t');
  CHECK(parse_delimiter(";") == ';');
  CHECK_FALSE(parse_delimiter("\""));
  CHECK_FALSE(parse_delimiter(";;"));
  CHECK(parse_input_encoding("Windows-1252") == InputEncoding::windows1252);
  CHECK(parse_input_encoding("ISO-8859-1") == InputEncoding::latin1);
  CHECK_FALSE(parse_input_encoding("ebcdic"));
  CHECK(name_distance("first_reponse_at", "first_response_at") == 1);
  CHECK(name_distance("Created_At", "created_at") == 0);
  CHECK(name_distance("abc", "xyz") == 3);
}
