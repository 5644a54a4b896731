// Times the phases of a whole run on real files: loading (readers → data set) and computing
// (partials on threads → merge → finish), each with its own thread count, so that a profile
// can be read per phase. Usage: whole_run_phases LOAD_THREADS COMPUTE_THREADS INTERACTIONS [SURVEYS [EVENTS]]
// (CSKPI_COMPUTE_REPEAT=K: K more computes, each timed with its scans and its finish, for A/B runs
// of the engine).
#include <cskpi/io/loader.hpp>
#include <cskpi/report/engine.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

// A line of /proc/self/status in MiB (VmRSS: resident now, VmHWM: the peak so far); 0 elsewhere.
double status_mib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;
  }
  return 0;
}

// The process's CPU time so far (user and system, all threads), in seconds.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

}  // namespace

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
  const double c0 = cpu_seconds();
  loader.load(cskpi::RecordType::interaction, argv[3]);
  const auto t_interactions = Clock::now();
  const double c_interactions = cpu_seconds();
  if (argc > 4) loader.load(cskpi::RecordType::survey, argv[4]);
  const auto t_surveys = Clock::now();
  const double c_surveys = cpu_seconds();
  if (argc > 5) loader.load(cskpi::RecordType::interaction_event, argv[5]);
  const auto t_events = Clock::now();
  const double c_events = cpu_seconds();
  loader.finish();
  data.release_lookup_tables();  // as the command-line tool does
  const auto t1 = Clock::now();
  const double c1 = cpu_seconds();
  std::printf("load: interactions %.3f s (CPU %.2f s), surveys %.3f s (%.2f), events %.3f s (%.2f), finish %.3f s (%.2f)\n",
              seconds(t0, t_interactions), c_interactions - c0, seconds(t_interactions, t_surveys),
              c_surveys - c_interactions, seconds(t_surveys, t_events), c_events - c_surveys, seconds(t_events, t1),
              c1 - c_events);
  const double loaded_rss = status_mib("VmRSS");
  const double load_peak = status_mib("VmHWM");
  cskpi::ReportSpec spec;
  for (const char* by : {"channel", "topic", "month", "channel,month"}) spec.groupings.push_back(cskpi::parse_grouping(by));
  const cskpi::ComputeOptions compute{static_cast<unsigned>(std::atoi(argv[2]))};
  const cskpi::Report report = cskpi::compute_report(data, spec, compute);
  const auto t2 = Clock::now();
  std::printf("compute CPU %.2f s\n", cpu_seconds() - c1);
  // CSKPI_COMPUTE_REPEAT=K computes K more times on the loaded data and prints each time.
  const char* repeat = std::getenv("CSKPI_COMPUTE_REPEAT");
  for (int k = 0; repeat != nullptr && k < std::atoi(repeat); ++k) {
    const auto a = Clock::now();
    const cskpi::PartialReport partial = cskpi::compute_partial_report(data, spec, compute);
    const auto b = Clock::now();
    const cskpi::Report again = cskpi::finish_report(partial, compute.threads);
    std::printf("compute again %.3f s (scans and merge %.3f s, finish %.3f s), %zu groups\n", seconds(a, Clock::now()),
                seconds(a, b), seconds(b, Clock::now()), again.groups.size());
  }
  std::printf("load %.3f s, compute %.3f s, %zu groups\n", seconds(t0, t1), seconds(t1, t2), report.groups.size());
  std::printf("resident after load %.0f MiB (load peak %.0f MiB), whole-run peak %.0f MiB\n", loaded_rss, load_peak,
              status_mib("VmHWM"));
  return 0;
}
