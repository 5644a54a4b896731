// The Loader (SPEC §1 "Files", §5, §7): CSV headers, rejects and counts, duplicate ids,
// deferred interaction events, mixed files, strict mode, files on disk, the rejects file.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/loader.hpp>

#include <sstream>
#include <string>

#include "io_test_support.hpp"

using namespace cskpi;
using test::load_csv;
using test::load_jsonl;

namespace {

const std::string data_dir = std::string{CSKPI_TEST_DATA_DIR} + "/io/";

// Checks read = accepted + rejected and the number of rejects against the counts.
void check_balance(const Loader& loader) {
  std::uint64_t rejected = loader.unrouted();
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = loader.counts(static_cast<RecordType>(t));
    CHECK(c.read() == c.accepted + c.rejected);
    rejected += c.rejected;
  }
  CHECK(loader.rejects().size() == rejected);
}

std::string reasons(const Loader& loader) {
  std::string out;
  for (const Reject& r : loader.rejects()) {
    out += std::to_string(r.line) + ":" + r.field + ":" + std::string{to_string(r.reason)} + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("format_from_path goes by the extension", "[io][loader]") {
  CHECK(format_from_path("a/b/interactions.csv") == FileFormat::csv);
  CHECK(format_from_path("X.CSV") == FileFormat::csv);
  CHECK(format_from_path("calls.tsv") == FileFormat::csv);  // a CSV whose separator (TAB) is detected
  CHECK_FALSE(format_from_path("purchases.txt"));
  CHECK(format_from_path("s.jsonl") == FileFormat::jsonl);
  CHECK(format_from_path("s.ndjson") == FileFormat::jsonl);
  CHECK(format_from_path("s.json") == std::nullopt);
  CHECK(format_from_path("csv") == std::nullopt);
  CHECK(format_from_path("") == std::nullopt);
}

TEST_CASE("CSV columns may come in any order, unknown columns are ignored", "[io][loader]") {
  const auto run = load_csv(RecordType::interaction,
                            "note,created_at,channel,customer_id,id,note\n"
                            "x,2027-01-01T10:00:00Z,chat,c-1,I-1,y\n");
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
  const Interaction i = run->data.interaction(0);
  CHECK(i.id == "I-1");
  CHECK(i.channel == "chat");
  CHECK(i.customer_id == "c-1");
}

TEST_CASE("A CSV header repeating a known column refuses the whole file, nothing counted", "[io][loader]") {
  Dataset data;
  Loader loader(data, {});
  std::istringstream in("id,customer_id,channel,created_at,id\nI-1,c,chat,2027-01-01T10:00:00Z,I-2\n");
  try {
    loader.load(RecordType::interaction, in, "dup.csv", FileFormat::csv);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::bad_input);
    CHECK_THAT(e.what(), Catch::Contains("dup.csv") && Catch::Contains("id"));
  }
  CHECK(loader.counts(RecordType::interaction).read() == 0);
  CHECK(loader.rejects().empty());
  CHECK(data.interactions().size() == 0);
}

TEST_CASE("A CSV without a required column is refused as a whole (SPEC v3 §5: a file-level problem)",
          "[io][loader]") {
  try {
    load_csv(RecordType::interaction, "id,customer_id,created_at\nI-1,c,2027-01-01T10:00:00Z\n");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::bad_input);
    CHECK(std::string{e.what()} == "input.csv:1: no column channel: the file is refused");
  }
}

TEST_CASE("An interaction without customer_id is accepted with no customer (SPEC v3)", "[io][loader]") {
  const auto run = load_csv(RecordType::interaction,
                            "id,customer_id,channel,created_at\nI-1,,chat,2027-01-01T10:00:00Z\n"
                            "I-2,c,chat,2027-01-01T10:00:00Z\n");
  CHECK(run->loader.rejects().empty());
  REQUIRE(run->data.interactions().size() == 2);
  CHECK(run->data.interactions().customer[0] == no_code);
  CHECK_FALSE(run->data.interaction(0).customer_id);
  CHECK(run->data.interaction(1).customer_id == "c");
  const auto without_column = load_csv(RecordType::interaction, "id,channel,created_at\nI-1,chat,2027-01-01T10:00:00Z\n");
  CHECK(without_column->loader.rejects().empty());
  CHECK(without_column->data.interactions().customer[0] == no_code);
}

TEST_CASE("CSV structure rejects: field_count, malformed_quote, line_too_long, an empty field is absent",
          "[io][loader]") {
  LoadOptions small;
  small.record_limit = 80;
  const auto run = load_csv(RecordType::interaction,
                            "id,customer_id,channel,created_at,topic\n"
                            "I-1,c,chat,2027-01-01T10:00:00Z\n"              // 4 fields
                            "I-2,c,chat,2027-01-01T10:00:00Z,a,b\n"          // 6 fields
                            "I-3,c,chat,2027-01-01T10:00:00Z,\"a\"b\n"       // text after a quote
                            "I-4,c,chat,2027-01-01T10:00:00Z,a\"b\n"         // quote inside
                            "I-5,c,chat,2027-01-01T10:00:00Z," + std::string(100, 't') + "\n"
                            "I-6,c,chat,2027-01-01T10:00:00Z,\n"             // topic absent
                            "I-7,  c  ,chat,2027-01-01T10:00:00Z,\"\"\n",    // trimmed; "" absent
                            small);
  CHECK(reasons(run->loader) == "2::field_count 3::field_count 4::malformed_quote 5::malformed_quote 6::line_too_long ");
  REQUIRE(run->data.interactions().size() == 2);
  CHECK(run->data.interaction(0).topic == std::nullopt);
  CHECK(run->data.interaction(1).customer_id == "c");
  CHECK(run->data.interaction(1).topic == std::nullopt);
  check_balance(run->loader);
}

TEST_CASE("A CSV with CRLF, a BOM and a quoted multi-line field reads as LF would", "[io][loader]") {
  const std::string lf =
      "id,customer_id,channel,created_at,topic\nI-1,c,chat,2027-01-01T10:00:00Z,\"two\nlines\"\n"
      "I-2,c,chat,2027-01-01T10:00:00Z,x,extra\n";
  std::string crlf = "\xEF\xBB\xBF";
  for (const char c : lf) crlf += c == '\n' ? std::string{"\r\n"} : std::string{c};
  std::string cr;
  for (const char c : lf) cr += c == '\n' ? '\r' : c;
  for (const std::string& text : {lf, crlf, cr}) {
    const auto run = load_csv(RecordType::interaction, text);
    REQUIRE(run->data.interactions().size() == 1);
    const auto topic = run->data.interaction(0).topic.value_or("");
    CHECK((topic == "two\nlines" || topic == "two\r\nlines" || topic == "two\rlines"));  // verbatim
    CHECK(reasons(run->loader) == "4::field_count ");  // the quoted record took lines 2-3
  }
}

TEST_CASE("A CSV file of 0 bytes, only a BOM or only a header is zero records", "[io][loader]") {
  for (const char* text : {"", "\xEF\xBB\xBF", "id,customer_id,channel,created_at\n", "\n\n"}) {
    const auto run = load_csv(RecordType::interaction, text);
    CHECK(run->loader.counts(RecordType::interaction).read() == 0);
    CHECK(run->loader.rejects().empty());
  }
}

TEST_CASE("A duplicate id is rejected, a rejected record claims no id", "[io][loader]") {
  const auto run = load_csv(RecordType::interaction,
                            "id,customer_id,channel,created_at\n"
                            "I-1,c,,2027-01-01T10:00:00Z\n"      // rejected: I-1 stays free
                            "I-1,c,chat,2027-01-01T10:00:00Z\n"  // accepted
                            "I-1,d,chat,2027-01-01T10:00:00Z\n"  // duplicate
                            "I-2,c,,bad\n");                     // first bad field wins
  CHECK(reasons(run->loader) == "2:channel:missing_field 4:id:duplicate_id 5:channel:missing_field ");
  CHECK(run->loader.rejects()[1].detail == "I-1 was accepted at line 3");
  CHECK(run->data.interaction(0).customer_id == "c");
}

TEST_CASE("A duplicate id in a later file names the file that holds the accepted one", "[io][loader]") {
  test::Loaded run;
  std::istringstream a("id,kind,score,responded_at\nS-1,nps,9,2027-01-01T10:00:00Z\n");
  std::istringstream b(R"({"id": "S-1", "kind": "nps", "score": 7, "responded_at": "2027-01-01T10:00:00Z"})");
  run.loader.load(RecordType::survey, a, "a.csv", FileFormat::csv);
  run.loader.load(RecordType::survey, b, "b.jsonl", FileFormat::jsonl);
  run.loader.finish();
  REQUIRE(run.loader.rejects().size() == 1);
  CHECK(run.loader.rejects()[0].file == "b.jsonl");
  CHECK(run.loader.rejects()[0].detail == "S-1 was accepted at a.csv:2");
}

TEST_CASE("Interaction events are added at finish(): later interactions count, unknown ones and early events are "
          "rejected",
          "[io][loader]") {
  test::Loaded run;
  std::istringstream events(
      R"({"interaction_id": "I-1", "at": "2027-01-01T10:05:00Z", "type": "agent_reply"})"
      "\n"
      R"({"interaction_id": "I-9", "at": "2027-01-01T10:05:00Z", "type": "agent_reply"})"
      "\n"
      R"({"interaction_id": "I-1", "at": "2027-01-01T09:59:59Z", "type": "customer_message"})"
      "\n"
      R"({"interaction_id": "I-1", "at": "bad", "type": "agent_reply"})"
      "\n"
      R"({"interaction_id": "I-1", "at": "2027-01-01T10:00:00Z", "type": "status", "status": "solved"})"
      "\n");
  std::istringstream interactions("id,customer_id,channel,created_at\nI-1,c,chat,2027-01-01T10:00:00Z\nI-2,,chat,x\n");
  run.loader.load(RecordType::interaction_event, events, "events.jsonl", FileFormat::jsonl);
  CHECK(run.loader.counts(RecordType::interaction_event).read() == 1);  // only the bad instant so far
  run.loader.load(RecordType::interaction, interactions, "interactions.csv", FileFormat::csv);
  run.loader.finish();
  const InputCounts& c = run.loader.counts(RecordType::interaction_event);
  CHECK(c.read() == 5);
  CHECK(c.accepted == 2);
  CHECK(c.rejected == 3);
  CHECK(run.data.interaction_events().size() == 2);
  // In input order: the events file (by line) before the interactions file.
  const auto& r = run.loader.rejects();
  REQUIRE(r.size() == 4);
  CHECK(r[0].file == "events.jsonl");
  CHECK(r[0].line == 2);
  CHECK(r[0].field == "interaction_id");
  CHECK(r[0].reason == RejectReason::unknown_interaction);
  CHECK(r[1].line == 3);
  CHECK(r[1].field == "at");
  CHECK(r[1].reason == RejectReason::inconsistent);
  CHECK(r[2].line == 4);
  CHECK(r[2].reason == RejectReason::bad_instant);
  CHECK(r[3].file == "interactions.csv");
  check_balance(run.loader);
}

TEST_CASE("Events of a rejected interaction are unknown_interaction", "[io][loader]") {
  test::Loaded run;
  std::istringstream interactions("id,customer_id,channel,created_at\nI-1,c,,2027-01-01T10:00:00Z\n");
  std::istringstream events("interaction_id,at,type\nI-1,2027-01-01T10:05:00Z,agent_reply\n");
  run.loader.load(RecordType::interaction, interactions, "i.csv", FileFormat::csv);
  run.loader.load(RecordType::interaction_event, events, "e.csv", FileFormat::csv);
  run.loader.finish();
  CHECK(reasons(run.loader) == "2:channel:missing_field 2:interaction_id:unknown_interaction ");
}

TEST_CASE("A mixed file routes lines by \"record\", lines without a known record are unrouted", "[io][loader]") {
  test::Loaded run;
  run.loader.load_mixed(data_dir + "mixed.ndjson");
  run.loader.finish();
  const Loader& l = run.loader;
  CHECK(l.counts(RecordType::interaction).accepted == 1);
  CHECK(l.counts(RecordType::interaction).rejected == 1);  // M-5: no created_at
  CHECK(l.counts(RecordType::interaction_event).accepted == 1);  // before its interaction in the file
  CHECK(l.counts(RecordType::survey).accepted == 2);             // " Survey " is trimmed, case-insensitive
  CHECK(l.counts(RecordType::customer_event).accepted == 1);
  CHECK(l.counts(RecordType::agent_event).accepted == 1);
  CHECK(l.unrouted() == 3);  // "ticket", no record, malformed JSON
  CHECK(reasons(l) == "6:record:unknown_value 7:record:unknown_value 8:record:malformed_json "
                      "10:created_at:missing_field ");
  CHECK(is_unrouted(l.rejects()[0]));
  CHECK_FALSE(is_unrouted(l.rejects()[3]));
  CHECK(l.rejects()[0].file == data_dir + "mixed.ndjson");
  CHECK(run.data.surveys().interaction[0] == 0);  // linked to M-1
  check_balance(l);
  std::ostringstream out;
  write_rejects_csv(out, l.rejects());
  CHECK_THAT(out.str(), Catch::Contains("mixed.ndjson,6,,record,unknown_value,"));
  CHECK_THAT(out.str(), Catch::Contains("mixed.ndjson,10,interaction,created_at,missing_field,"));
}

TEST_CASE("Strict mode throws bad_input at the first bad record as file:line: field: reason: detail", "[io][loader]") {
  LoadOptions strict;
  strict.strict = true;
  Dataset data;
  Loader loader(data, strict);
  std::istringstream in("id,customer_id,channel,created_at\nI-1,c,chat,2027-01-01T10:00:00Z\n"
                        "I-2,c,chat,2027-01-01 10:00:00\nI-3,c,chat,2027-01-01T10:00:00Z\n");
  try {
    loader.load(RecordType::interaction, in, "interactions.csv", FileFormat::csv);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::bad_input);
    // SPEC §5 v3: the message carries the value and what was expected.
    CHECK(std::string{e.what()} ==
          "interactions.csv:3: created_at: bad_instant: 2027-01-01 10:00:00 is a local time without an offset "
          "(expected Z or an offset such as +01:00, or an input time zone)");
  }
  CHECK(loader.counts(RecordType::interaction).accepted == 1);
  CHECK(loader.counts(RecordType::interaction).rejected == 1);

  // A reject with no field to blame omits the field part.
  Dataset data2;
  Loader loader2(data2, strict);
  std::istringstream json("{\"id\": 1\n");
  CHECK_THROWS_WITH(loader2.load(RecordType::survey, json, "s.jsonl", FileFormat::jsonl),
                    Catch::StartsWith("s.jsonl:1: malformed_json: not a JSON value"));
}

TEST_CASE("Strict mode throws at finish() for an event of an unknown interaction", "[io][loader]") {
  LoadOptions strict;
  strict.strict = true;
  Dataset data;
  Loader loader(data, strict);
  std::istringstream in("interaction_id,at,type\nI-9,2027-01-01T10:05:00Z,agent_reply\n");
  loader.load(RecordType::interaction_event, in, "e.csv", FileFormat::csv);
  CHECK_THROWS_WITH(loader.finish(), Catch::StartsWith("e.csv:2: interaction_id: unknown_interaction: "));
}

TEST_CASE("Loading files from disk: format by extension, BOM and CRLF, I/O errors name the file", "[io][loader]") {
  test::Loaded run;
  run.loader.load(RecordType::interaction, data_dir + "interactions_bom_crlf.csv");
  run.loader.load(RecordType::interaction_event, data_dir + "events.jsonl");
  run.loader.finish();
  CHECK(run.loader.counts(RecordType::interaction).accepted == 2);
  CHECK(run.data.interaction(1).channel == "email");
  CHECK(run.loader.counts(RecordType::interaction_event).accepted == 1);
  CHECK(reasons(run.loader) == "2:at:inconsistent 3:interaction_id:unknown_interaction ");
  check_balance(run.loader);

  Dataset data;
  Loader loader(data, {});
  try {
    loader.load(RecordType::interaction, data_dir + "no_such_file.csv");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::io_error);
    CHECK_THAT(e.what(), Catch::Contains("no_such_file.csv"));
  }
  try {
    loader.load(RecordType::interaction, data_dir + "events.txt");
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_argument);
  }
  CHECK_THROWS_AS(loader.load_mixed(data_dir + "missing.jsonl"), Error);
}

TEST_CASE("JSON Lines records: BOM, blank lines, too-long lines and malformed lines", "[io][loader]") {
  LoadOptions small;
  small.record_limit = 200;
  const auto run = load_jsonl(
      RecordType::customer_event,
      "\xEF\xBB\xBF{\"customer_id\": \"c\", \"type\": \"start\", \"at\": \"2027-01-01T00:00:00Z\"}\r\n"
      "\r\n"
      "{\"customer_id\": \"" + std::string(300, 'c') + "\", \"type\": \"start\", \"at\": \"2027-01-01T00:00:00Z\"}\r\n"
      "[1]\r\n"
      "{\"customer_id\": \"c\", \"type\": \"renew\", \"at\": \"2027-02-01T00:00:00Z\", \"mrr\": \"12.5\"}\r\n",
      small);
  CHECK(reasons(run->loader) == "3::line_too_long 4::malformed_json ");
  CHECK(run->loader.counts(RecordType::customer_event).accepted == 2);
  CHECK(run->data.customer_events().mrr[1] == 12.5);
}

TEST_CASE("write_rejects_csv quotes fields with commas, quotes and line ends", "[io][loader]") {
  std::vector<Reject> rejects;
  rejects.push_back(Reject{"a,b.csv", 7, RecordType::survey, "score", RejectReason::bad_number, "say \"hi\"\nthere"});
  std::ostringstream out;
  write_rejects_csv(out, rejects);
  CHECK(out.str() ==
        "file,line,record_type,field,reason,detail\n"
        "\"a,b.csv\",7,survey,score,bad_number,\"say \"\"hi\"\"\nthere\"\n");
}

TEST_CASE("A cost or an mrr of 9e12 or more is out_of_range so exact money sums cannot overflow", "[io][loader]") {
  // Money is summed in integer micro-units: 9e12 units = 9e18 micro-units, near 2^63 ≈ 9.22e18.
  const auto costs = load_csv(RecordType::interaction,
                              "id,customer_id,channel,created_at,cost\n"
                              "I-1,c,chat,2027-01-01T10:00:00Z,8999999999999\n"
                              "I-2,c,chat,2027-01-01T10:00:00Z,9000000000000\n"
                              "I-3,c,chat,2027-01-01T10:00:00Z,1e400\n");
  check_balance(costs->loader);
  CHECK(costs->loader.counts(RecordType::interaction).accepted == 1);
  CHECK_THAT(reasons(costs->loader), Catch::StartsWith("3:cost:out_of_range "));
  const auto mrr = load_csv(RecordType::customer_event,
                            "customer_id,type,at,mrr\n"
                            "c,start,2027-01-01T10:00:00Z,12.5\n"
                            "c,renew,2027-02-01T10:00:00Z,9e12\n");
  check_balance(mrr->loader);
  CHECK(mrr->loader.counts(RecordType::customer_event).accepted == 1);
  CHECK(reasons(mrr->loader) == "3:mrr:out_of_range ");
}
