// The one-pass engine over a synthetic in-memory data set: rows per second by grouping.
#include <benchmark/benchmark.h>

#include <cskpi/report/engine.hpp>

#include <cstdint>
#include <random>
#include <string>

namespace {

cskpi::Dataset make_data(std::size_t n) {
  cskpi::Dataset data;
  std::mt19937_64 rng(42);
  const char* channels[] = {"phone", "email", "chat", "web", "social", "self_service"};
  const char* topics[] = {"billing", "login", "shipping", "returns", "technical", "account"};
  const auto start = *cskpi::parse_instant("2026-01-01T00:00:00Z").value;
  for (std::size_t i = 0; i < n; ++i) {
    cskpi::Interaction r;
    r.id = std::to_string(i);
    r.customer_id = std::to_string(rng() % (n / 3 + 1));
    r.channel = channels[rng() % 6];
    r.topic = std::string{topics[rng() % 6]};
    r.agent_id = "agent-" + std::to_string(rng() % 40);
    r.created_at = start + std::chrono::seconds{static_cast<std::int64_t>(rng() % (180 * 86400))};
    r.first_response_at = r.created_at + std::chrono::seconds{static_cast<std::int64_t>(rng() % 7200)};
    if (rng() % 10 != 0) r.resolved_at = r.created_at + std::chrono::seconds{static_cast<std::int64_t>(rng() % 400000)};
    r.handle_seconds = static_cast<double>(rng() % 900);
    data.add(r);
    if (i % 3 == 0) {
      cskpi::SurveyResponse s;
      s.id = r.id;
      s.kind = cskpi::SurveyKind::nps;
      s.score = static_cast<int>(rng() % 11);
      s.responded_at = r.created_at + std::chrono::hours{1};
      s.interaction_id = r.id;
      data.add(s);
    }
  }
  data.link();
  return data;
}

void report(benchmark::State& state, const char* by) {
  static const cskpi::Dataset data = make_data(1'000'000);
  cskpi::ReportSpec spec;
  spec.time_zone = "Europe/Rome";
  if (by[0] != '\0') spec.groupings = {cskpi::parse_grouping(by)};
  for (auto _ : state) benchmark::DoNotOptimize(cskpi::compute_report(data, spec));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.interactions().size()));
}
BENCHMARK_CAPTURE(report, overall, "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(report, by_channel, "channel")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(report, by_channel_month, "channel,month")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(report, by_agent_day, "agent,day")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
