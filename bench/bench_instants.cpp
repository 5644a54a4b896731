// Micro-benchmarks of the per-record hot paths: instant parsing and bucket keys.
#include <benchmark/benchmark.h>

#include <cskpi/calendar/time_bucket.hpp>
#include <cskpi/time.hpp>

#include <string>
#include <vector>

namespace {

void parse_iso_instant(benchmark::State& state) {
  const std::vector<std::string> texts = {"2026-03-01T09:15:27Z", "2026-03-01T09:15:27.123+01:00",
                                          "2026-10-25 02:30:00-04", "1825154100"};
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cskpi::parse_instant(texts[i++ & 3]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(parse_iso_instant);

void bucket_key(benchmark::State& state) {
  const cskpi::ZoneBuckets zone("Europe/Rome");
  const auto bucket = static_cast<cskpi::TimeBucket>(state.range(0));
  auto t = *cskpi::parse_instant("2026-01-01T00:00:00Z").value;
  for (auto _ : state) {
    benchmark::DoNotOptimize(zone.key(bucket, t));
    t += std::chrono::seconds{97};  // walks through the year, across both DST changes
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bucket_key)->DenseRange(0, 6);

}  // namespace

BENCHMARK_MAIN();
