// Groupings whose groups are unions of a finer grouping's groups keep no duration samples of
// their own (report/sample_sources.hpp): their medians and p90s are selected over the finer
// groups' samples. Each such group must give exactly what it gives when it keeps its own
// samples, which is what a report of that grouping alone computes.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/duration_stats.hpp>
#include <cskpi/report/config_file.hpp>
#include <cskpi/report/state_file.hpp>

#include "partial_fixture.hpp"
#include "report/partial_state.hpp"
#include "report/sample_sources.hpp"

using namespace partial_fixture;
using cskpi::detail::SampleSources;

namespace {

Grouping by(const char* text) { return parse_grouping(text, {"region", "segment"}); }

/// Every duration summary of a group's metrics, business time included.
std::vector<DurationSummary> durations(const GroupMetrics& m) {
  std::vector<DurationSummary> d{m.first_response, m.resolution, m.next_reply, m.requester_wait,
                                 m.agent_work,     m.on_hold,    m.pending,    m.handle};
  if (m.business) {
    const BusinessDurations& b = *m.business;
    d.insert(d.end(), {b.first_response, b.resolution, b.next_reply, b.requester_wait, b.agent_work, b.on_hold,
                       b.pending});
  }
  return d;
}

/// rich_spec with a business calendar, so that business durations are sampled too.
ReportSpec spec_with_calendar(Attribution attribution) {
  ReportSpec spec = rich_spec(attribution);
  const Attribution kept = spec.config.attribution;
  const std::optional<FcrMethod> method = spec.config.fcr_method;
  spec.config = parse_config(R"({
    "calendars": {"office": {"time_zone": "Europe/Rome", "weekly": {"mon": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]]}}},
    "business_calendar": "office"})").metrics;
  spec.config.attribution = kept;
  spec.config.fcr_method = method;
  return spec;
}

}  // namespace

TEST_CASE("Sample sources: the groupings with most parts keep samples, the others take a finer one", "[partial][samples]") {
  // overall, channel, topic, month, channel×month: channel×month keeps (most parts), channel and
  // month take it, topic keeps its own (nothing finer has topic), overall takes the first kept.
  const std::vector<Grouping> standard{{}, by("channel"), by("topic"), by("month"), by("channel,month")};
  const SampleSources standard_sources = detail::choose_sample_sources(standard);
  CHECK(standard_sources == SampleSources{4, 4, std::nullopt, 4, std::nullopt});
  // The parts may come in any order: month,channel stands for channel; equal sets take the first.
  const SampleSources sources =
      detail::choose_sample_sources({{}, by("channel"), by("month,channel"), by("channel,month"), by("hour_of_week")});
  CHECK(sources == SampleSources{2, 2, std::nullopt, 2, std::nullopt});
  // Alone, a grouping keeps its own; the overall group takes it.
  CHECK(detail::choose_sample_sources({{}}) == SampleSources{std::nullopt});
  CHECK(detail::choose_sample_sources({{}, by("region")}) == SampleSources{1, std::nullopt});
}

TEST_CASE("Sample sources: where each part of a grouping lies in a finer one", "[partial][samples]") {
  CHECK(detail::part_positions(by("month"), by("channel,month")) == std::vector<std::size_t>{1});
  CHECK(detail::part_positions(by("month,channel"), by("channel,region,month")) == std::vector<std::size_t>{2, 0});
  CHECK(detail::part_positions({}, by("channel")) == std::vector<std::size_t>{});
  CHECK_FALSE(detail::part_positions(by("week"), by("channel,month")).has_value());
  CHECK_FALSE(detail::part_positions(by("segment"), by("region")).has_value());
}

TEST_CASE("A group summarised over its finer groups' samples equals the group keeping its own", "[partial][samples]") {
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    const Dataset data = random_dataset(attribution == Attribution::created ? 5 : 6);
    const ReportSpec spec = spec_with_calendar(attribution);
    const Report full = compute_report(data, spec);
    const SampleSources sources = compute_partial(data, spec, resolve_period(data, spec), DataSlice{}).state().sample_source;
    REQUIRE(std::count(sources.begin(), sources.end(), std::nullopt) < static_cast<std::ptrdiff_t>(sources.size()));
    // Each grouping alone: its groups keep their own samples (the overall group takes them,
    // so the overall group is checked against a report without groupings).
    std::vector<Grouping> groupings = spec.groupings;
    groupings.emplace_back();
    std::size_t checked = 0;
    for (const Grouping& grouping : groupings) {
      ReportSpec alone = spec;
      alone.groupings.clear();
      if (!grouping.empty()) alone.groupings.push_back(grouping);
      const Report single = compute_report(data, alone);
      for (const Group& g : full.groups) {
        if (g.by != grouping) continue;
        const Group* same = single.find(grouping, g.key);
        INFO(to_string(grouping) << " group " << checked);
        REQUIRE(same != nullptr);
        CHECK(durations(g.metrics) == durations(same->metrics));
        ++checked;
      }
    }
    CHECK(checked == full.groups.size());
  }
}

TEST_CASE("A state whose groups take finer groups' samples merges with one read from a file", "[partial][samples]") {
  const Dataset data = random_dataset(9);
  const ReportSpec spec = spec_with_calendar(Attribution::event);
  const ReportPeriod period = resolve_period(data, spec);
  const std::string one = json_of(compute_report(data, spec));
  const std::size_t half = data.interactions().size() / 2;
  const std::size_t surveys = data.surveys().size() / 2;
  const DataSlice first{RowSpan{0, half}, RowSpan{0, surveys}, true, false};
  const DataSlice second{RowSpan{half, data.interactions().size()}, RowSpan{surveys, data.surveys().size()}, false, true};
  PartialReport engine = compute_partial(data, spec, period, first);
  REQUIRE_FALSE(engine.state().sample_source.empty());
  const PartialReport file = read_state(write_state(compute_partial(data, spec, period, second)), "second.state");
  REQUIRE(file.state().sample_source.empty());  // a state read back keeps every group's samples
  PartialReport copy = engine;
  engine.merge(file);
  CHECK(engine.state().sample_source.empty());
  CHECK(json_of(finish_report(engine)) == one);
  PartialReport reverse = file;
  reverse.merge(std::move(copy));
  CHECK(json_of(finish_report(reverse)) == one);
}

TEST_CASE("Duration samples counted but kept elsewhere: summarised over their sources, or taken in", "[metrics][duration]") {
  // Sources {5, 1, 9} and {3, 7}: the union 1 3 5 7 9, median the 3rd = 5, p90 the 5th = 9,
  // mean 25 / 5 = 5 ms.
  DurationAccumulator a;
  DurationAccumulator b;
  DurationAccumulator counted;
  for (const std::int64_t ms : {5, 1, 9}) a.add(Milliseconds{ms});
  for (const std::int64_t ms : {3, 7}) b.add(Milliseconds{ms});
  for (const std::int64_t ms : {5, 1, 9, 3, 7}) counted.add_counted(Milliseconds{ms});
  CHECK(counted.count() == 5);
  CHECK(counted.kept() == 0);
  CHECK_THROWS_AS(counted.result(), Error);
  CHECK_THROWS_AS(counted.sorted_samples(), Error);
  CHECK_THROWS_AS(counted.result({&a}), Error);  // 3 samples cannot stand for 5
  const DurationSummary s = counted.result({&a, &b});
  CHECK(s.count == 5);
  CHECK(s.median == Duration{5});
  CHECK(s.p90 == Duration{9});
  CHECK(s.mean == Duration{5});
  DurationAccumulator all;
  for (const std::int64_t ms : {1, 3, 5, 7, 9}) all.add(Milliseconds{ms});
  CHECK(s == all.result());
  counted.take_samples_of(a);
  counted.take_samples_of(b);
  CHECK(counted.kept() == 5);
  CHECK(counted.result() == all.result());
  CHECK(counted.sorted_samples() == std::vector<std::int64_t>{1, 3, 5, 7, 9});
}
