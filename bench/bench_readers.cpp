// The readers from in-memory text: CSV interactions, JSON Lines surveys and CSV interaction
// events through the Loader into a Dataset (tokenising, field rules, interning), and the JSON
// Lines line parser alone, fast path against nlohmann. Items are records (lines).
#include <benchmark/benchmark.h>

#include <cskpi/io/loader.hpp>
#include <cskpi/model/dataset.hpp>
#include <cskpi/model/dictionary.hpp>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "io/field_map.hpp"
#include "io/json_fields.hpp"
#include "io/parallel_load.hpp"

namespace {

constexpr std::size_t rows = 200'000;

const char* const channels[] = {"phone", "email", "chat", "web", "social", "self_service"};
const char* const topics[] = {"billing", "login", "shipping", "returns", "technical", "cancellation"};
const char* const kinds[] = {"question", "incident", "request", "complaint"};
const char* const priorities[] = {"low", "normal", "high", "urgent"};

std::string instant(std::int64_t seconds) {
  // 2026-01-01 plus `seconds`, within six months (no month arithmetic needed: days 1-28 only).
  const std::int64_t day = seconds / 86400 % 168;
  const std::int64_t s = seconds % 86400;
  return fmt::format("2026-{:02}-{:02}T{:02}:{:02}:{:02}Z", 1 + day / 28, 1 + day % 28, s / 3600, s / 60 % 60, s % 60);
}

// Like tools/cskpi-sample's interactions.csv: ids in order, random customers and labels.
const std::string& interactions_csv() {
  static const std::string text = [] {
    std::mt19937_64 rng(1);
    std::string out =
        "id,customer_id,channel,topic,product,kind,priority,agent_id,team,department,created_at,first_response_at,"
        "resolved_at,contacts,reopened,handle_seconds,wait_seconds,abandoned,cost\n";
    for (std::size_t i = 1; i <= rows; ++i) {
      const auto created = static_cast<std::int64_t>(i * 70 + rng() % 60);
      fmt::format_to(std::back_inserter(out), "I{:07},C{:06},{},{},basic,{},{},A{:03},care,customer_care,{},{},{},1,0,{},,,{}.{:02}\n",
                     i, rng() % (rows / 4), channels[rng() % 6], topics[rng() % 6], kinds[rng() % 4],
                     priorities[rng() % 4], 1 + rng() % 40, instant(created), instant(created + 600),
                     instant(created + 3600), rng() % 900, rng() % 10, rng() % 100);
    }
    return out;
  }();
  return text;
}

const std::string& surveys_jsonl() {
  static const std::string text = [] {
    std::mt19937_64 rng(2);
    std::string out;
    const char* const survey_kinds[] = {"nps", "csat", "ces"};
    const int top[] = {10, 5, 7};
    for (std::size_t i = 1; i <= rows; ++i) {
      const std::size_t k = rng() % 3;
      fmt::format_to(std::back_inserter(out),
                     R"({{"id":"S{:08}","kind":"{}","score":{},"responded_at":"{}","customer_id":"C{:06}","interaction_id":"I{:07}"}})"
                     "\n",
                     i, survey_kinds[k], 1 + static_cast<int>(rng() % static_cast<std::uint64_t>(top[k])),
                     instant(static_cast<std::int64_t>(i * 70)), rng() % (rows / 4), 1 + rng() % rows);
    }
    return out;
  }();
  return text;
}

const std::string& events_csv() {
  static const std::string text = [] {
    std::mt19937_64 rng(3);
    std::string out = "interaction_id,at,type,status,agent_id\n";
    for (std::size_t i = 1; i <= rows; ++i) {
      const auto at = static_cast<std::int64_t>(i * 70 + 3600);
      fmt::format_to(std::back_inserter(out), "I{:07},{},status,open,A{:03}\nI{:07},{},agent_reply,,A{:03}\n", i,
                     instant(at), 1 + rng() % 40, i, instant(at + 60), 1 + rng() % 40);
    }
    return out;
  }();
  return text;
}

std::int64_t lines_of(const std::string& text) {
  std::int64_t n = 0;
  for (const char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

void load(cskpi::Loader& loader, cskpi::RecordType type, const std::string& text, cskpi::FileFormat format) {
  std::istringstream in(text);
  loader.load(type, in, "bench", format);
}

void csv_interactions(benchmark::State& state) {
  const std::string& text = interactions_csv();
  for (auto _ : state) {
    cskpi::Dataset data;
    cskpi::Loader loader(data, {});
    load(loader, cskpi::RecordType::interaction, text, cskpi::FileFormat::csv);
    benchmark::DoNotOptimize(data.interactions().size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(csv_interactions)->Unit(benchmark::kMillisecond);

// The worker threads' part alone: CSV interaction records → packed rows of a batch (splitting,
// field rules, packing), without the loading thread's interning and appends.
void csv_interactions_parse(benchmark::State& state) {
  using namespace cskpi::detail;
  const std::string& text = interactions_csv();
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    lines.emplace_back(text.data() + at, end - at);
    at = end + 1;
  }
  CsvRecord header;
  std::string scratch;
  split_csv_record(lines.front(), header, scratch);
  const FieldMap& fields = identity_map(cskpi::RecordType::interaction);
  const HeaderCheck check = check_header(fields, header.fields);
  ParseSetup setup;
  setup.columns = &check.plan;
  setup.limit = std::size_t{1} << 20;
  RecordParser parser(setup);
  Batch batch;
  for (auto _ : state) {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (i % 65536 == 0) batch.clear();
      parser.parse(lines[i], lines[i].size(), false, false, 0, i, batch);
    }
    benchmark::DoNotOptimize(batch.interactions.size());
    batch.clear();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(csv_interactions_parse)->Unit(benchmark::kMillisecond);

void jsonl_surveys(benchmark::State& state) {
  const std::string& text = surveys_jsonl();
  for (auto _ : state) {
    cskpi::Dataset data;
    cskpi::Loader loader(data, {});
    load(loader, cskpi::RecordType::survey, text, cskpi::FileFormat::jsonl);
    benchmark::DoNotOptimize(data.surveys().size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(jsonl_surveys)->Unit(benchmark::kMillisecond);

// Interaction events: read and deferred, then added at finish() against loaded interactions
// (the interactions' load is not timed).
void csv_interaction_events(benchmark::State& state) {
  const std::string& interactions = interactions_csv();
  const std::string& text = events_csv();
  for (auto _ : state) {
    state.PauseTiming();
    {
      cskpi::Dataset data;
      cskpi::Loader loader(data, {});
      load(loader, cskpi::RecordType::interaction, interactions, cskpi::FileFormat::csv);
      state.ResumeTiming();
      load(loader, cskpi::RecordType::interaction_event, text, cskpi::FileFormat::csv);
      loader.finish();
      benchmark::DoNotOptimize(data.interaction_events().size());
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * lines_of(text) - state.iterations());
}
BENCHMARK(csv_interaction_events)->Unit(benchmark::kMillisecond);

// Dictionary::intern as loading uses it: a million new ids in file order, then a million
// customer ids drawn from 250 000 (mostly found), then every id found again.
void dictionary(benchmark::State& state) {
  constexpr std::size_t n = 1'000'000;
  std::vector<std::string> ids;
  std::vector<std::string> customers;
  std::mt19937_64 rng(5);
  for (std::size_t i = 0; i < n; ++i) {
    ids.push_back(fmt::format("I{:07}", i + 1));
    customers.push_back(fmt::format("C{:06}", rng() % (n / 4)));
  }
  for (auto _ : state) {
    cskpi::Dictionary id_codes;
    cskpi::Dictionary customer_codes;
    for (std::size_t i = 0; i < n; ++i) {
      benchmark::DoNotOptimize(id_codes.intern(ids[i]));
      benchmark::DoNotOptimize(customer_codes.intern(customers[i]));
    }
    for (std::size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(id_codes.find(ids[i]));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(3 * n));
}
BENCHMARK(dictionary)->Unit(benchmark::kMillisecond);

// One JSON Lines line parsed and its survey fields extracted, fast path or nlohmann.
void jsonl_line(benchmark::State& state, bool fast) {
  const std::string& text = surveys_jsonl();
  std::vector<std::string_view> lines;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = text.find('\n', begin);
    lines.emplace_back(text.data() + begin, end - begin);
    begin = end + 1;
  }
  cskpi::detail::JsonFields json(fast);
  cskpi::detail::RawRecord values;
  std::size_t i = 0;
  for (auto _ : state) {
    if (json.parse(lines[i])) state.SkipWithError("a line did not parse");
    json.fields(cskpi::RecordType::survey, values);
    benchmark::DoNotOptimize(values);
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(jsonl_line, fast, true);
BENCHMARK_CAPTURE(jsonl_line, nlohmann, false);

}  // namespace

BENCHMARK_MAIN();
