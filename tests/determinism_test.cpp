// Determinism (SPEC §9, docs/reliability.md): the JSON report is byte-identical across runs,
// thread counts (loading and computing) and the order of the input files, wherever order does
// not decide a duplicate. (tools/threads_identical.cmake checks the CLI's --threads on the
// sample data too.)
#include <catch2/catch.hpp>

#include <cskpi/io/loader.hpp>
#include <cskpi/render/json.hpp>
#include <cskpi/report/engine.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

using namespace cskpi;

namespace {

struct File {
  std::string name;
  std::string text;
};

/// Input files of every record type, several per type, in CSV and JSON Lines. Ids are unique,
/// and all events of one interaction (of one customer, of one agent) are in one file, so that
/// no result depends on the order of the files.
std::map<RecordType, std::vector<File>> make_inputs() {
  std::mt19937 random(20261204);
  const auto pick = [&random](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const char* channels[] = {"chat", "phone", "email", "self_service"};
  const char* topics[] = {"billing", "login", "", "=hostile"};
  std::map<RecordType, std::vector<File>> in;
  auto& interactions = in[RecordType::interaction];
  interactions = {{"i0.csv", "id,customer_id,channel,topic,priority,agent_id,created_at,first_response_at,resolved_at,"
                             "contacts,handle_seconds,wait_seconds,abandoned\n"},
                  {"i1.jsonl", ""},
                  {"i2.csv", "id,customer_id,channel,topic,priority,agent_id,created_at,first_response_at,resolved_at,"
                             "contacts,handle_seconds,wait_seconds,abandoned\n"}};
  auto& events = in[RecordType::interaction_event];
  events = {{"e0.csv", "interaction_id,at,type,status,agent_id\n"}, {"e1.csv", "interaction_id,at,type,status,agent_id\n"}};
  auto& surveys = in[RecordType::survey];
  surveys = {{"s0.jsonl", ""}, {"s1.csv", "id,kind,score,responded_at,interaction_id\n"}};
  const std::int64_t start = 1772323200;  // 2026-03-01T00:00:00Z
  for (int i = 0; i < 3000; ++i) {
    const std::int64_t created = start + pick(60 * 86400);
    const std::int64_t first = created + pick(7200);
    const std::int64_t resolved = first + pick(3 * 86400);
    const bool answered = pick(4) != 0;
    const bool is_resolved = pick(3) != 0;
    const std::string id = fmt::format("t{}", i);
    const std::string customer = fmt::format("c{}", pick(800));
    const char* channel = channels[pick(4)];
    const char* topic = topics[pick(4)];
    const std::string agent = fmt::format("a{}", pick(12));
    const int wait = pick(120);
    const std::string abandoned = answered ? "false" : "true";
    const std::string first_text = answered ? std::to_string(first) : "";
    const std::string resolved_text = is_resolved ? std::to_string(resolved) : "";
    const std::string contacts = std::to_string(1 + pick(3));
    const std::string handle = fmt::format("{}.{}", pick(900), pick(1000));
    File& file = interactions[static_cast<std::size_t>(i % 3)];
    if (i % 3 == 1) {
      file.text += fmt::format(
          R"({{"id": "{}", "customer_id": "{}", "channel": "{}", "topic": "{}", "agent_id": "{}", "created_at": {},)"
          R"( "first_response_at": "{}", "resolved_at": "{}", "contacts": {}, "handle_seconds": {}, "wait_seconds": {},)"
          R"( "abandoned": {}, "priority": "normal"}})"
          "\n",
          id, customer, channel, topic, agent, created, first_text, resolved_text, contacts, handle, wait, abandoned);
    } else {
      file.text += fmt::format("{},{},{},{},high,{},{},{},{},{},{},{},{}\n", id, customer, channel, topic, agent, created,
                               first_text, resolved_text, contacts, handle, wait, abandoned);
    }
    if (pick(3) == 0) {  // a history, all in one file
      File& e = events[static_cast<std::size_t>(i % 2)];
      e.text += fmt::format("{},{},customer_message,,\n", id, created + 60);
      e.text += fmt::format("{},{},agent_reply,,{}\n", id, created + 600, agent);
      e.text += fmt::format("{},{},status,pending,\n", id, created + 700);
      e.text += fmt::format("{},{},status,solved,{}\n", id, created + 7000, agent);
    }
    if (pick(2) == 0) {
      if (pick(2) == 0) {
        surveys[0].text += fmt::format(
            R"({{"id": "r{}", "kind": "nps", "score": {}, "responded_at": {}, "interaction_id": "{}"}})"
            "\n",
            i, pick(11), created + 9000, id);
      } else {
        surveys[1].text += fmt::format("r{},csat,{},{},{}\n", i, 1 + pick(5), created + 9000, id);
      }
    }
  }
  auto& customers = in[RecordType::customer_event];
  customers = {{"c0.csv", "customer_id,type,at,product,mrr\n"}, {"c1.csv", "customer_id,type,at,product,mrr\n"}};
  for (int c = 0; c < 800; ++c) {
    File& f = customers[static_cast<std::size_t>(c % 2)];
    const std::int64_t at = start - 86400 * 40 + pick(90 * 86400);
    f.text += fmt::format("c{},start,{},{},{}\n", c, at, c % 3 == 0 ? "pro" : "basic", 10 + pick(100));
    if (pick(4) == 0) f.text += fmt::format("c{},cancel,{},,\n", c, at + 86400 * (1 + pick(40)));
  }
  auto& agents = in[RecordType::agent_event];
  agents = {{"a0.csv", "agent_id,type,at,team\n"}, {"a1.csv", "agent_id,type,at,team\n"}};
  for (int a = 0; a < 12; ++a) {
    File& f = agents[static_cast<std::size_t>(a % 2)];
    f.text += fmt::format("a{},hire,{},team{}\n", a, start - 86400 * 100, a % 3);
    if (a % 5 == 0) f.text += fmt::format("a{},leave,{},team{}\n", a, start + 86400 * (10 + a), a % 3);
  }
  return in;
}

struct Run {
  unsigned load_threads = 1;
  std::size_t chunk_bytes = LoadOptions::default_chunk_bytes;
  unsigned compute_threads = 1;
  bool reverse_files = false;
};

std::string report_json(const std::map<RecordType, std::vector<File>>& inputs, const Run& run) {
  LoadOptions options;
  options.threads = run.load_threads;
  options.chunk_bytes = run.chunk_bytes;
  Dataset data;
  Loader loader(data, options);
  // Record types in the CLI's order; the files of a type in the given or the reverse order.
  for (const auto& [type, files] : inputs) {
    std::vector<File> ordered = files;
    if (run.reverse_files) std::reverse(ordered.begin(), ordered.end());
    for (const File& f : ordered) {
      std::istringstream in(f.text);
      loader.load(type, in, f.name, *format_from_path(f.name));
    }
  }
  loader.finish();
  ReportSpec spec;
  spec.time_zone = "Europe/Rome";
  for (const char* by : {"channel", "month", "channel,week", "agent", "team,day", "topic", "hour_of_week"}) {
    spec.groupings.push_back(parse_grouping(by));
  }
  Report report = compute_report(data, spec, ComputeOptions{run.compute_threads});
  for (std::size_t t = 0; t < record_type_count; ++t) report.inputs[t] = loader.counts(static_cast<RecordType>(t));
  std::ostringstream out;
  render_json(out, report);
  return out.str();
}

}  // namespace

TEST_CASE("The JSON report is byte-identical across runs, thread counts and input file orders",
          "[determinism][threads]") {
  const auto inputs = make_inputs();
  const std::string reference = report_json(inputs, Run{});
  REQUIRE(reference.find("3000") != std::string::npos);  // every interaction read
  CHECK(report_json(inputs, Run{}) == reference);  // a second run
  for (const unsigned threads : {2u, 3u, 8u}) {
    INFO(threads << " threads");
    CHECK(report_json(inputs, Run{threads, 4096, threads, false}) == reference);
  }
  CHECK(report_json(inputs, Run{1, 0, 1, true}) == reference);     // files of each type in reverse order
  CHECK(report_json(inputs, Run{3, 4096, 2, true}) == reference);  // reversed, chunked, threads
}
