// Conformance case 04_bad_input (/work/shared/conformance-v3/04_bad_input): its two input
// files, embedded verbatim, give the counts and the rejects of expected_rejects.csv. SPEC v3:
// B-101, without a customer_id, is accepted.
#include <catch2/catch.hpp>

#include <cskpi/io/loader.hpp>
#include <cskpi/model/dataset.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace cskpi;

namespace {

const char* const interactions_csv =
    "id,customer_id,channel,priority,created_at,resolved_at,contacts,handle_seconds,note\n"
    "B-100,z-1,forum,low,2027-11-02T09:00:00Z,2027-11-02T10:00:00Z,1,120,fine\n"
    "B-101,,forum,low,2027-11-02T09:05:00Z,,,,no customer\n"
    "B-102,z-2,forum,normal,2027-11-02T09:10:00,,,,local time without offset\n"
    "B-103,z-3,forum,normal,2027-11-02T09:15:00Z,,,12x,handle is not a number\n"
    "B-104,z-4,forum,high,2027-11-02T09:20:00Z,2027-11-02T09:00:00Z,,,resolved before created\n"
    "B-105,z-5,forum,critical,2027-11-02T09:25:00Z,,,,priority outside the enumeration\n"
    "B-106,z-6,forum,low,2027-11-02T09:30:00Z,,0,,contacts must be >= 1\n"
    "B-100,z-7,forum,low,2027-11-02T09:35:00Z,,,,id already taken by line 2\n"
    "B-107,z-8,forum,low,2027-11-02T09:40:00Z,,,,\"a note on\n"
    "two lines, quoted\"\n"
    "B-108,z-9,forum,low,2027-11-02T09:45:00Z,,,,one field,too many\n"
    "B-103,z-10,forum,normal,2027-11-02T09:50:00Z,,,60,id of a rejected record is free\n";

const char* const surveys_jsonl =
    R"({"id": "r-1", "kind": "nps", "score": "9.0", "responded_at": "2027-11-02T11:00:00+01:00", "interaction_id": "B-100"})"
    "\n"
    R"({"id": "r-2", "kind": "nps", "score": 11, "responded_at": "2027-11-02T11:05:00Z"})"
    "\n"
    R"({"id": "r-3", "kind": "nps", "score": 5, "responded_at": "2027-11-02T11:10:00Z")"
    "\n"
    R"({"id": "r-4", "kind": "stars", "score": 4, "responded_at": "2027-11-02T11:15:00Z"})"
    "\n"
    R"({"id": "r-5", "kind": "csat", "score": 4, "responded_at": 1825154100, "channel": null})"
    "\n"
    R"({"id": "r-1", "kind": "csat", "score": 5, "responded_at": "2027-11-02T11:20:00Z"})"
    "\n"
    R"({"id": "r-6", "kind": "ces", "score": 6, "responded_at": "2027-11-02T11:25:00Z", "interaction_id": "B-101"})"
    "\n"
    R"({"id": "r-7", "kind": "nps", "responded_at": "2027-11-02T11:30:00Z"})"
    "\n";

struct Expected {
  std::string file;
  std::uint64_t line;
  std::string type;
  std::string field;
  std::string reason;
};

}  // namespace

TEST_CASE("Conformance 04_bad_input: counts, accepted records and every reject", "[io][conformance]") {
  test::Loaded run;
  std::istringstream interactions(interactions_csv);
  std::istringstream surveys(surveys_jsonl);
  run.loader.load(RecordType::interaction, interactions, "interactions.csv", FileFormat::csv);
  run.loader.load(RecordType::survey, surveys, "surveys.jsonl", FileFormat::jsonl);
  run.loader.finish();
  const Loader& l = run.loader;

  // interactions: 11 records (lines 10-11 are one), B-100, B-101, B-107 and B-103 accepted.
  CHECK(l.counts(RecordType::interaction).read() == 11);
  CHECK(l.counts(RecordType::interaction).accepted == 4);
  CHECK(l.counts(RecordType::interaction).rejected == 7);
  CHECK(l.counts(RecordType::survey).read() == 8);
  CHECK(l.counts(RecordType::survey).accepted == 3);
  CHECK(l.counts(RecordType::survey).rejected == 5);
  for (const auto t : {RecordType::interaction_event, RecordType::customer_event, RecordType::agent_event}) {
    CHECK(l.counts(t).read() == 0);
  }
  CHECK(l.unrouted() == 0);

  const std::vector<Expected> expected = {
      {"interactions.csv", 4, "interaction", "created_at", "bad_instant"},
      {"interactions.csv", 5, "interaction", "handle_seconds", "bad_number"},
      {"interactions.csv", 6, "interaction", "", "inconsistent"},
      {"interactions.csv", 7, "interaction", "priority", "unknown_value"},
      {"interactions.csv", 8, "interaction", "contacts", "out_of_range"},
      {"interactions.csv", 9, "interaction", "id", "duplicate_id"},
      {"interactions.csv", 12, "interaction", "", "field_count"},
      {"surveys.jsonl", 2, "survey", "score", "out_of_range"},
      {"surveys.jsonl", 3, "survey", "", "malformed_json"},
      {"surveys.jsonl", 4, "survey", "kind", "unknown_value"},
      {"surveys.jsonl", 6, "survey", "id", "duplicate_id"},
      {"surveys.jsonl", 8, "survey", "score", "missing_field"},
  };
  const auto& rejects = l.rejects();
  REQUIRE(rejects.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("reject " << i << ": " << rejects[i].file << ':' << rejects[i].line << ' ' << rejects[i].detail);
    CHECK(rejects[i].file == expected[i].file);
    CHECK(rejects[i].line == expected[i].line);
    CHECK(to_string(rejects[i].type) == expected[i].type);
    CHECK(rejects[i].field == expected[i].field);
    CHECK(to_string(rejects[i].reason) == expected[i].reason);
  }
  CHECK(rejects[5].detail == "B-100 was accepted at line 2");
  CHECK(rejects[10].detail == "r-1 was accepted at line 1");

  const Dataset& d = run.data;
  REQUIRE(d.interactions().size() == 4);
  CHECK(d.interaction_ids().value(0) == "B-100");
  CHECK(d.interaction_ids().value(1) == "B-101");
  CHECK(d.interactions().customer[1] == no_code);  // no customer_id: absent
  CHECK_FALSE(d.interaction(1).customer_id);
  CHECK(d.interaction_ids().value(2) == "B-107");
  CHECK(d.interaction_ids().value(3) == "B-103");
  CHECK(d.interactions().handle_ms[0] == 120000);
  CHECK(d.interactions().handle_ms[3] == 60000);
  CHECK(d.interactions().contacts[0] == 1);
  REQUIRE(d.surveys().size() == 3);
  CHECK(d.survey_ids().value(0) == "r-1");
  CHECK(d.surveys().score[0] == 9);  // "9.0" is 9
  CHECK(d.surveys().kind[1] == SurveyKind::csat);
  CHECK(d.surveys().responded_ms[1] == 1825154100000);  // Unix seconds: 2027-11-02T11:15:00Z
  CHECK(d.surveys().dim[index_of(Dimension::channel)][1] == no_code);  // "channel": null is absent
  // link(): r-1 inherits forum from B-100; r-6 links to B-101 and inherits forum too.
  CHECK(d.label(Dimension::channel, d.surveys().effective_dim[index_of(Dimension::channel)][0]) == "forum");
  CHECK(d.surveys().interaction[2] == 1);
  CHECK(d.label(Dimension::channel, d.surveys().effective_dim[index_of(Dimension::channel)][2]) == "forum");
}

TEST_CASE("Conformance 04_bad_input: the rejects file has the expected rows", "[io][conformance]") {
  test::Loaded run;
  std::istringstream interactions(interactions_csv);
  std::istringstream surveys(surveys_jsonl);
  run.loader.load(RecordType::interaction, interactions, "interactions.csv", FileFormat::csv);
  run.loader.load(RecordType::survey, surveys, "surveys.jsonl", FileFormat::jsonl);
  run.loader.finish();
  std::ostringstream out;
  write_rejects_csv(out, run.loader.rejects());
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  REQUIRE(rows.size() == 13);  // header + 12
  CHECK(rows[0] == "file,line,record_type,field,reason,detail");
  CHECK(rows[1].rfind("interactions.csv,4,interaction,created_at,bad_instant,", 0) == 0);
  CHECK(rows[3] == "interactions.csv,6,interaction,,inconsistent,resolved_at before created_at");
  CHECK(rows[6] == "interactions.csv,9,interaction,id,duplicate_id,B-100 was accepted at line 2");
  CHECK(rows[12].rfind("surveys.jsonl,8,survey,score,missing_field,", 0) == 0);
}
