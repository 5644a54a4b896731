// Times the phases of a whole run on real files: loading (readers → data set) and computing
// (partials on threads → merge → finish), each with its own thread count, so that a profile
// can be read per phase. Usage: whole_run_phases LOAD_THREADS COMPUTE_THREADS INTERACTIONS [SURVEYS]
#include <cskpi/io/loader.hpp>
#include <cskpi/report/engine.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: whole_run_phases LOAD_THREADS COMPUTE_THREADS INTERACTIONS.csv [SURVEYS]\n");
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const auto t0 = Clock::now();
  cskpi::Dataset data;
  cskpi::LoadOptions options;
  options.threads = static_cast<unsigned>(std::atoi(argv[1]));
  cskpi::Loader loader(data, options);
  loader.load(cskpi::RecordType::interaction, argv[3]);
  if (argc > 4) loader.load(cskpi::RecordType::survey, argv[4]);
  loader.finish();
  const auto t1 = Clock::now();
  cskpi::ReportSpec spec;
  for (const char* by : {"channel", "topic", "month", "channel,month"}) spec.groupings.push_back(cskpi::parse_grouping(by));
  const cskpi::Report report = cskpi::compute_report(data, spec, cskpi::ComputeOptions{static_cast<unsigned>(std::atoi(argv[2]))});
  const auto t2 = Clock::now();
  std::printf("load %.3f s, compute %.3f s, %zu groups\n", seconds(t0, t1), seconds(t1, t2), report.groups.size());
  return 0;
}
