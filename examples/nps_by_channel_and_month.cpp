// Loads interaction and survey CSV files and prints NPS by channel and month.
// Usage: nps_by_channel_and_month INTERACTIONS.csv SURVEYS.csv [TIME_ZONE]
#include <cskpi/cskpi.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s INTERACTIONS.csv SURVEYS.csv [TIME_ZONE]\n", argv[0]);
    return 1;
  }
  try {
    cskpi::Dataset data;
    cskpi::Loader loader(data, cskpi::LoadOptions{});
    loader.load(cskpi::RecordType::interaction, argv[1]);
    loader.load(cskpi::RecordType::survey, argv[2]);
    loader.finish();  // surveys inherit the channel of the interaction they link to
    for (const cskpi::Reject& r : loader.rejects()) {
      std::fprintf(stderr, "%s:%llu: %s: %s\n", r.file.c_str(), static_cast<unsigned long long>(r.line),
                   r.field.c_str(), std::string{cskpi::to_string(r.reason)}.c_str());
    }

    cskpi::ReportSpec spec;
    spec.time_zone = argc > 3 ? argv[3] : "UTC";
    spec.groupings = {cskpi::parse_grouping("channel,month")};
    const cskpi::Report report = cskpi::compute_report(data, spec);

    std::printf("%-16s %-8s %9s %8s\n", "channel", "month", "responses", "NPS");
    for (const cskpi::Group& g : report.groups) {
      if (g.by.empty() || g.metrics.nps.responses() == 0) continue;
      const std::string channel = g.key[0].value_or("(none)");
      std::printf("%-16s %-8s %9llu %8.1f\n", channel.c_str(), g.key[1]->c_str(),
                  static_cast<unsigned long long>(g.metrics.nps.responses()), *g.metrics.nps.score);
    }
    return 0;
  } catch (const cskpi::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
}
