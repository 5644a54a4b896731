// The field rules of SPEC §1 for every record type, through the JSON Lines and CSV readers:
// required fields, instants, numbers, enumerations, labels, booleans, consistency.
#include <catch2/catch.hpp>

#include <cskpi/io/loader.hpp>

#include <string>

#include "io/record_fields.hpp"
#include "io_test_support.hpp"

using namespace cskpi;
using test::load_csv;
using test::load_jsonl;

namespace {

// A valid interaction line with `extra` members appended (later members win in JSON).
std::string interaction(const std::string& extra = "") {
  return R"({"id": "I-1", "customer_id": "c-1", "channel": "chat", "created_at": "2027-01-01T10:00:00Z")" +
         (extra.empty() ? std::string{} : ", " + extra) + "}\n";
}

std::string survey(const std::string& extra) {
  return R"({"id": "S-1", "responded_at": "2027-01-01T10:00:00Z", )" + extra + "}\n";
}

// The single reject of loading one line, as "field:reason" ("" when accepted).
std::string verdict(RecordType type, const std::string& line, LoadOptions options = {}) {
  const auto run = load_jsonl(type, line, options);
  const auto& rejects = run->loader.rejects();
  if (rejects.empty()) return "";
  return rejects.front().field + ":" + std::string{to_string(rejects.front().reason)};
}

std::string interaction_verdict(const std::string& extra) { return verdict(RecordType::interaction, interaction(extra)); }
std::string survey_verdict(const std::string& extra) { return verdict(RecordType::survey, survey(extra)); }

}  // namespace

TEST_CASE("A missing required field rejects the record as missing_field of that field", "[io][fields]") {
  CHECK(interaction_verdict("") == "");
  CHECK(interaction_verdict(R"("id": null)") == "id:missing_field");
  CHECK(interaction_verdict(R"("customer_id": "")") == "");  // optional since SPEC v3
  CHECK(verdict(RecordType::interaction, R"({"id": "I-1", "customer_id": "c", "created_at": "2027-01-01T10:00:00Z"})")
        == "channel:missing_field");
  CHECK(interaction_verdict(R"("created_at": "  ")") == "created_at:missing_field");
  CHECK(survey_verdict(R"("score": 9)") == "kind:missing_field");
  CHECK(survey_verdict(R"("kind": "nps")") == "score:missing_field");
  CHECK(verdict(RecordType::survey, R"({"id": "S", "kind": "nps", "score": 9})") == "responded_at:missing_field");
  CHECK(verdict(RecordType::interaction_event, R"({"at": "2027-01-01T10:00:00Z", "type": "agent_reply"})") ==
        "interaction_id:missing_field");
  CHECK(verdict(RecordType::customer_event, R"({"customer_id": "c", "at": "2027-01-01T10:00:00Z"})") ==
        "type:missing_field");
  CHECK(verdict(RecordType::agent_event, R"({"agent_id": "a", "type": "hire"})") == "at:missing_field");
}

TEST_CASE("The first bad field in field order decides the reject", "[io][fields]") {
  // channel (3rd field) is checked before priority and created_at.
  CHECK(interaction_verdict(R"("channel": null, "priority": "x", "created_at": "bad")") ==
        "channel:missing_field");
  CHECK(interaction_verdict(R"("priority": "x", "created_at": "bad")") == "priority:unknown_value");
  // Field errors come before consistency.
  CHECK(interaction_verdict(R"("resolved_at": "2026-01-01T00:00:00Z", "cost": -1)") == "cost:out_of_range");
}

TEST_CASE("Instants: ISO-8601 with an offset or Unix seconds, local times and float epochs are bad_instant",
          "[io][fields]") {
  const auto run = load_jsonl(RecordType::interaction,
                              interaction(R"("id": "a", "created_at": "2027-01-01T11:00:00+01:00")") +
                                  interaction(R"("id": "b", "created_at": 1798797600)") +
                                  interaction(R"("id": "c", "created_at": "1798797600")"));
  REQUIRE(run->data.interactions().size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(run->data.interactions().created_ms[i] == 1798797600000);  // 2027-01-01T10:00Z
  CHECK(interaction_verdict(R"("created_at": "2027-01-01T10:00:00")") == "created_at:bad_instant");
  CHECK(interaction_verdict(R"("created_at": 1798797600.0)") == "created_at:bad_instant");
  CHECK(interaction_verdict(R"("created_at": "1798797600.5")") == "created_at:bad_instant");
  CHECK(interaction_verdict(R"("created_at": "2027-02-30T10:00:00Z")") == "created_at:bad_instant");
  CHECK(interaction_verdict(R"("first_response_at": "soon")") == "first_response_at:bad_instant");
  CHECK(interaction_verdict(R"("created_at": true)") == "created_at:bad_instant");
  CHECK(interaction_verdict(R"("created_at": {"s": 1})") == "created_at:bad_instant");
}

TEST_CASE("Survey scores: \"9.0\" is 9, 9.5 is bad_number, outside the kind's scale is out_of_range",
          "[io][fields]") {
  CHECK(survey_verdict(R"("kind": "nps", "score": "9.0")") == "");
  CHECK(survey_verdict(R"("kind": "nps", "score": 9.0)") == "");
  CHECK(survey_verdict(R"("kind": "nps", "score": "9.5")") == "score:bad_number");
  CHECK(survey_verdict(R"("kind": "nps", "score": 9.5)") == "score:bad_number");
  CHECK(survey_verdict(R"("kind": "nps", "score": "nine")") == "score:bad_number");
  CHECK(survey_verdict(R"("kind": "nps", "score": 11)") == "score:out_of_range");
  CHECK(survey_verdict(R"("kind": "enps", "score": -1)") == "score:out_of_range");
  CHECK(survey_verdict(R"("kind": "enps", "score": 0)") == "");
  CHECK(survey_verdict(R"("kind": "csat", "score": 0)") == "score:out_of_range");  // 1-5
  CHECK(survey_verdict(R"("kind": "csat", "score": 5)") == "");
  CHECK(survey_verdict(R"("kind": "ces", "score": 7)") == "");  // 1-7
  CHECK(survey_verdict(R"("kind": "ces", "score": 8)") == "score:out_of_range");
  CHECK(survey_verdict(R"("kind": "nps", "score": "1e400")") == "score:out_of_range");
  LoadOptions wide;
  wide.scales.csat = ScoreScale{0, 10};
  CHECK(verdict(RecordType::survey, survey(R"("kind": "csat", "score": 0)"), wide) == "");
  const auto run = load_jsonl(RecordType::survey, survey(R"("kind": "nps", "score": 11)"));
  CHECK(run->loader.rejects().front().detail == "nps score 11 is outside 0-10");
}

TEST_CASE("Numbers: non-numeric is bad_number, negatives and contacts < 1 are out_of_range", "[io][fields]") {
  CHECK(interaction_verdict(R"("handle_seconds": "12x")") == "handle_seconds:bad_number");
  CHECK(interaction_verdict(R"("handle_seconds": "inf")") == "handle_seconds:bad_number");
  CHECK(interaction_verdict(R"("handle_seconds": -1)") == "handle_seconds:out_of_range");
  CHECK(interaction_verdict(R"("wait_seconds": "-0.5")") == "wait_seconds:out_of_range");
  CHECK(interaction_verdict(R"("cost": -0.01)") == "cost:out_of_range");
  CHECK(interaction_verdict(R"("contacts": 0)") == "contacts:out_of_range");
  CHECK(interaction_verdict(R"("contacts": "1.5")") == "contacts:bad_number");
  CHECK(interaction_verdict(R"("contacts": "2.0")") == "");
  CHECK(interaction_verdict(R"("reopened": -1)") == "reopened:out_of_range");
  CHECK(interaction_verdict(R"("reopened": 0)") == "");
  CHECK(interaction_verdict(R"("contacts": 5000000000)") == "contacts:out_of_range");
  CHECK(interaction_verdict(R"("handle_seconds": 1e300)") == "handle_seconds:out_of_range");
  CHECK(verdict(RecordType::customer_event,
                R"({"customer_id": "c", "type": "start", "at": "2027-01-01T00:00:00Z", "mrr": -5})") ==
        "mrr:out_of_range");
  // A numeric string for a number field; booleans and objects are not numbers.
  const auto run = load_jsonl(RecordType::interaction,
                              interaction(R"("handle_seconds": " 120.5 ", "wait_seconds": "+3", "cost": "1e2")"));
  REQUIRE(run->data.interactions().size() == 1);
  CHECK(run->data.interactions().handle_ms[0] == 120500);
  CHECK(run->data.interactions().wait_ms[0] == 3000);
  CHECK(run->data.interactions().cost[0] == 100.0);
  CHECK(interaction_verdict(R"("cost": true)") == "cost:bad_number");
  CHECK(interaction_verdict(R"("cost": [1])") == "cost:bad_number");
}

TEST_CASE("Enumerations are trimmed and case-insensitive, other values are unknown_value", "[io][fields]") {
  const auto run = load_jsonl(RecordType::interaction, interaction(R"("priority": " HIGH ")"));
  REQUIRE(run->data.interactions().size() == 1);
  CHECK(run->data.interaction(0).priority == Priority::high);
  CHECK(survey_verdict(R"("kind": " CSAT ", "score": 4)") == "");
  CHECK(interaction_verdict(R"("priority": "critical")") == "priority:unknown_value");
  CHECK(survey_verdict(R"("kind": "stars", "score": 4)") == "kind:unknown_value");
  CHECK(interaction_verdict(R"("priority": {"p": 1})") == "priority:unknown_value");
  CHECK(verdict(RecordType::customer_event, R"({"customer_id": "c", "type": "pause", "at": "2027-01-01T00:00:00Z"})") ==
        "type:unknown_value");
  CHECK(verdict(RecordType::agent_event, R"({"agent_id": "a", "type": "fire", "at": "2027-01-01T00:00:00Z"})") ==
        "type:unknown_value");
}

TEST_CASE("Labels are verbatim and case-sensitive, a JSON number is its decimal text", "[io][fields]") {
  const auto run = load_jsonl(RecordType::interaction,
                              interaction(R"("id": 17, "channel": " Chat ", "topic": "billing")") +
                                  interaction(R"("id": "18", "channel": "chat")"));
  REQUIRE(run->data.interactions().size() == 2);
  const auto first = run->data.interaction(0);
  CHECK(first.id == "17");
  CHECK(first.channel == " Chat ");
  CHECK(first.topic == "billing");
  CHECK(run->data.interaction(1).channel == "chat");  // a different label from " Chat "
  CHECK(interaction_verdict(R"("channel": true)") == "channel:unknown_value");
  CHECK(interaction_verdict(R"("topic": ["a"])") == "topic:unknown_value");
}

TEST_CASE("Labels must be valid UTF-8", "[io][fields]") {
  const auto run = load_csv(RecordType::interaction,
                            "id,customer_id,channel,created_at,topic\n"
                            "I-1,c,chat,2027-01-01T10:00:00Z,caf\xC3\xA9\n"
                            "I-2,c,chat,2027-01-01T10:00:00Z,caf\xE9\n"
                            "I-3,c\xC0\xAF,chat,2027-01-01T10:00:00Z,\n");
  CHECK(run->loader.counts(RecordType::interaction).accepted == 1);
  REQUIRE(run->loader.rejects().size() == 2);
  CHECK(run->loader.rejects()[0].field == "topic");
  CHECK(run->loader.rejects()[0].reason == RejectReason::invalid_utf8);
  CHECK(run->loader.rejects()[1].field == "customer_id");  // an overlong form
  CHECK(detail::valid_utf8("\xF0\x9F\x98\x80"));            // U+1F600
  CHECK_FALSE(detail::valid_utf8("\xED\xA0\x80"));          // a surrogate
  CHECK_FALSE(detail::valid_utf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  CHECK_FALSE(detail::valid_utf8("\xE2\x82"));              // cut short
}

TEST_CASE("Booleans accept only true/false/1/0/yes/no, trimmed and case-insensitive", "[io][fields]") {
  for (const char* yes : {R"("true")", R"(" YES ")", R"("1")", "true", "1", R"("True")"}) {
    const auto run = load_jsonl(RecordType::interaction, interaction(std::string{R"("abandoned": )"} + yes));
    INFO(yes);
    REQUIRE(run->data.interactions().size() == 1);
    CHECK(run->data.interactions().abandoned[0] == 1);
  }
  for (const char* no : {R"("false")", R"("No")", R"("0")", "false", "0", "null"}) {
    const auto run = load_jsonl(RecordType::interaction, interaction(std::string{R"("abandoned": )"} + no));
    INFO(no);
    REQUIRE(run->data.interactions().size() == 1);
    CHECK(run->data.interactions().abandoned[0] == 0);
  }
  for (const char* bad : {R"("maybe")", R"("t")", "2", R"("on")", "{}"}) {
    INFO(bad);
    CHECK(interaction_verdict(std::string{R"("abandoned": )"} + bad) == "abandoned:unknown_value");
  }
}

TEST_CASE("Interaction inconsistencies are rejected with no field", "[io][fields]") {
  CHECK(interaction_verdict(R"("first_response_at": "2027-01-01T09:59:59Z")") == ":inconsistent");
  CHECK(interaction_verdict(R"("resolved_at": "2027-01-01T09:00:00Z")") == ":inconsistent");
  CHECK(interaction_verdict(R"("abandoned": true, "first_response_at": "2027-01-01T10:01:00Z")") == ":inconsistent");
  // A reply after closure is fine; so is an abandoned call without a response.
  CHECK(interaction_verdict(R"("resolved_at": "2027-01-01T10:05:00Z", "first_response_at": "2027-01-01T10:09:00Z")") ==
        "");
  CHECK(interaction_verdict(R"("abandoned": "yes", "wait_seconds": 30)") == "");
  CHECK(interaction_verdict(R"("first_response_at": "2027-01-01T10:00:00Z")") == "");  // equal instants
}

TEST_CASE("Interaction events: a status event needs a known status, types are an enumeration", "[io][fields]") {
  const std::string head = R"({"interaction_id": "I-1", "at": "2027-01-01T10:00:00Z", )";
  CHECK(verdict(RecordType::interaction_event, head + R"("type": "status"})") == "status:missing_field");
  CHECK(verdict(RecordType::interaction_event, head + R"("type": "status", "status": "frozen"})") ==
        "status:unknown_value");
  CHECK(verdict(RecordType::interaction_event, head + R"("type": "call"})") == "type:unknown_value");
  // Without the interaction the record passes the field rules and fails at finish().
  CHECK(verdict(RecordType::interaction_event, head + R"("type": " Status ", "status": "ON_HOLD"})") ==
        "interaction_id:unknown_interaction");
}

TEST_CASE("Customer and agent events: fields, enumerations and optional values", "[io][fields]") {
  const auto customers = load_csv(RecordType::customer_event,
                                  "customer_id,type,at,product,mrr\n"
                                  "c-1,Start,2027-01-01T00:00:00Z,pro,49.5\n"
                                  "c-1,cancel,2027-02-01T00:00:00Z,,\n");
  CHECK(customers->loader.counts(RecordType::customer_event).accepted == 2);
  const auto& ce = customers->data.customer_events();
  REQUIRE(ce.size() == 2);
  CHECK(ce.type[0] == CustomerEventType::start);
  CHECK(ce.mrr[0] == 49.5);
  CHECK(ce.product[1] == no_code);
  const auto agents = load_csv(RecordType::agent_event,
                               "agent_id,type,at,team,department\n"
                               "a-1,hire,2027-01-01T00:00:00Z,blue,support\n"
                               "a-1,LEAVE,2027-03-01T00:00:00Z,,\n");
  CHECK(agents->loader.counts(RecordType::agent_event).accepted == 2);
  CHECK(agents->data.agent_events().type[1] == AgentEventType::leave);
}
