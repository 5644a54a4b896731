// When a report's groupings are few and coarse, the engine feeds one group per record, of the
// grouping by all their parts (a cell), and merges the cells into each grouping's groups after
// the scan (report/slice_scan.hpp, CellPlan). That must give exactly what feeding every
// grouping directly gives: the same report, the same partial state bytes.
#include <catch2/catch.hpp>

#include <cskpi/report/config_file.hpp>
#include <cskpi/report/state_file.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <type_traits>

#include "partial_fixture.hpp"
#include "report/partial_state.hpp"
#include "report/sample_sources.hpp"
#include "report/slice_scan.hpp"

using namespace partial_fixture;

namespace {

Grouping by(const char* text) { return parse_grouping(text, {"region", "segment"}); }

/// channel (4 + null) × topic (3 + null) × month (3) × region (4 + null) × priority (3 + null)
/// × segment (2 + null) = 3,600 cells: few enough for the plan.
ReportSpec coarse_spec(Attribution attribution, bool calendar) {
  ReportSpec spec = rich_spec(attribution);
  if (calendar) {
    const std::optional<FcrMethod> method = spec.config.fcr_method;
    spec.config = parse_config(R"({
      "calendars": {"office": {"time_zone": "Europe/Rome", "weekly": {"mon": [["09:00", "18:00"]], "fri": [["08:00", "12:00"]]}}},
      "business_calendar": "office"})").metrics;
    spec.config.attribution = attribution;
    spec.config.fcr_method = method;
  }
  spec.groupings.clear();
  for (const char* g : {"channel", "topic", "month", "channel,month", "region", "priority,topic", "month,segment",
                        "segment"}) {
    spec.groupings.push_back(by(g));
  }
  return spec;
}

/// The partial state of one slice, through the cells or (`direct`) every table fed directly.
PartialReport scan(const Dataset& data, const ReportSpec& spec, const DataSlice& slice, bool direct) {
  detail::EngineContext context(data, spec, resolve_period(data, spec));
  REQUIRE(context.cells.has_value());  // else this test compares the direct path with itself
  if (direct) {  // and the samples kept as without cells
    context.cells.reset();
    std::vector<Grouping> groupings;
    for (const detail::TableSpec& table : context.tables) groupings.push_back(table.by);
    context.sample_source = detail::choose_sample_sources(groupings);
  }
  return PartialReport(detail::scan_slice(context, slice));
}

}  // namespace

TEST_CASE("Cells: a grouping's groups merged from cells equal the groups fed directly", "[engine][cells]") {
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    for (const bool calendar : {false, true}) {
      INFO("attribution " << (attribution == Attribution::event ? "event" : "created") << ", calendar " << calendar);
      const Dataset data = random_dataset(calendar ? 21 : 22);
      const ReportSpec spec = coarse_spec(attribution, calendar);
      const PartialReport cells = scan(data, spec, DataSlice{}, false);
      const PartialReport direct = scan(data, spec, DataSlice{}, true);
      CHECK(json_of(finish_report(cells)) == json_of(finish_report(direct)));
      CHECK(write_state(cells) == write_state(direct));
    }
  }
}

TEST_CASE("Cells: partial states of slices fed through cells merge to the whole", "[engine][cells]") {
  const Dataset data = random_dataset(23);
  const ReportSpec spec = coarse_spec(Attribution::event, true);
  const std::string whole = json_of(finish_report(scan(data, spec, DataSlice{}, true)));
  std::mt19937_64 rng(23);
  for (const std::size_t k : {std::size_t{2}, std::size_t{3}}) {
    PartialReport merged;
    for (const DataSlice& slice : random_slices(data, k, rng)) merged.merge(scan(data, spec, slice, false));
    CHECK(json_of(finish_report(merged)) == whole);
  }
}

TEST_CASE("Cells: planned only for few places and groupings that all have flows", "[engine][cells]") {
  const Dataset data = random_dataset(24);
  const auto planned = [&](const std::vector<const char*>& groupings) {
    ReportSpec spec = rich_spec(Attribution::created);
    spec.groupings.clear();
    for (const char* g : groupings) spec.groupings.push_back(by(g));
    const detail::EngineContext context(data, spec, resolve_period(data, spec));
    return context.cells;
  };
  const auto standard = planned({"channel", "topic", "month", "channel,month"});
  REQUIRE(standard.has_value());
  // The cells' parts: each new part in the order met; where each table's parts lie in them.
  CHECK(standard->spec.by == Grouping{Dimension::channel, Dimension::topic, TimeBucket::month});
  CHECK(standard->positions ==
        std::vector<std::vector<std::size_t>>{{}, {0}, {1}, {2}, {0, 2}});
  CHECK(standard->spec.dense_places == std::uint64_t{5} * 4 * 3);  // channel 4 + null, topic 3 + null, Mar–May in Rome
  CHECK_FALSE(planned({}).has_value());                              // the overall group alone
  CHECK_FALSE(planned({"channel", "hour_of_week"}).has_value());     // hour_of_week has no flows
  // agent (7 + null) × day (62 in Rome) × topic (3 + null) = 1,984 places ≤ 4,096: planned;
  // with region (4 + null) 9,920 places, more than a quarter of 600 + ≈ 200 records: not.
  CHECK(planned({"agent", "day", "topic"}).has_value());
  CHECK_FALSE(planned({"agent", "day", "topic", "region"}).has_value());
}

namespace {

/// Σ count() and Σ kept() over the duration accumulators of some groups.
struct SampleTally {
  std::uint64_t counted = 0;
  std::uint64_t kept = 0;
};

SampleTally tally(const std::map<std::string, detail::GroupAccumulators>& groups) {
  SampleTally t;
  const auto visit = [&t](const auto& field) {
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, DurationAccumulator>) {
      t.counted += field.count();
      t.kept += field.kept();
    }
  };
  for (const auto& entry : groups) detail::GroupAccumulators::state_fields(entry.second, visit);
  return t;
}

}  // namespace

TEST_CASE("Cells: every duration sample is kept once, by the cells, whatever the groupings", "[engine][cells]") {
  const Dataset data = random_dataset(25);
  const ReportSpec spec = coarse_spec(Attribution::event, true);
  const PartialReport partial = scan(data, spec, DataSlice{}, false);
  const PartialReport::State& s = partial.state();
  REQUIRE(s.cells.has_value());
  CHECK(s.sample_source == detail::SampleSources(s.tables.size(), detail::cells_source));
  const SampleTally overall = tally(s.tables.front().groups);
  REQUIRE(overall.counted > 0);
  for (const PartialTable& table : s.tables) {
    const SampleTally t = tally(table.groups);
    CHECK(t.kept == 0);                   // every table only counts its samples ...
    CHECK(t.counted == overall.counted);  // ... and each table's groups count every one once
  }
  const SampleTally cells = tally(s.cells->table.groups);
  CHECK(cells.kept == overall.counted);  // the cells keep each sample once
  CHECK(cells.counted == overall.counted);
  // Written out, every group keeps its own again, and the cells are gone.
  const PartialReport read = read_state(write_state(partial), "cells.state");
  CHECK_FALSE(read.state().cells.has_value());
  for (const PartialTable& table : read.state().tables) CHECK(tally(table.groups).kept == overall.counted);
}
