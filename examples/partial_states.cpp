// The report from partial states (SPEC §9): the data set is cut into slices, each slice gives
// a PartialReport, the partials merge in any order, and the merge finishes to the report of one
// pass — byte for byte. Usage: partial_states INTERACTIONS.csv SURVEYS.csv [SLICES]
#include <cskpi/cskpi.hpp>
#include <cskpi/render/render.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

std::string json_of(const cskpi::Report& report) {
  std::ostringstream out;
  cskpi::render(out, report, cskpi::ReportFormat::json);
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s INTERACTIONS.csv SURVEYS.csv [SLICES]\n", argv[0]);
    return 1;
  }
  try {
    cskpi::Dataset data;
    cskpi::Loader loader(data, cskpi::LoadOptions{});
    loader.load(cskpi::RecordType::interaction, argv[1]);
    loader.load(cskpi::RecordType::survey, argv[2]);
    loader.finish();
    cskpi::ReportSpec spec;
    spec.groupings.push_back(cskpi::parse_grouping("channel,month"));
    const cskpi::ReportPeriod period = cskpi::resolve_period(data, spec);  // decided on all the data

    const std::size_t parts = argc > 3 ? static_cast<std::size_t>(std::atoi(argv[3])) : 3;
    const std::vector<cskpi::DataSlice> slices = cskpi::split_data(data, parts);
    cskpi::PartialReport merged;  // empty: the neutral element of merge
    for (auto slice = slices.rbegin(); slice != slices.rend(); ++slice) {  // any order will do
      merged.merge(cskpi::compute_partial(data, spec, period, *slice));
    }
    const cskpi::Report from_partials = cskpi::finish_report(merged);
    const cskpi::Report one_pass = cskpi::compute_report(data, spec);
    const bool same = json_of(from_partials) == json_of(one_pass);
    std::printf("%zu slices merged in reverse order: %zu groups, %llu interactions; same report as one pass: %s\n",
                slices.size(), from_partials.groups.size(),
                static_cast<unsigned long long>(from_partials.groups.front().metrics.volume.count), same ? "yes" : "NO");
    return same ? 0 : 1;
  } catch (const cskpi::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
