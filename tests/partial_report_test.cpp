// Partial states (SPEC §9): the report of any split of a data set into slices, merged in any
// order, is byte for byte the report of one pass; so is the report of any thread count.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/report/engine.hpp>
#include <cskpi/report/partial_report.hpp>
#include <cskpi/render/render.hpp>

#include <algorithm>
#include <random>
#include <sstream>

#include "partial_fixture.hpp"

using namespace cskpi;

using namespace partial_fixture;


TEST_CASE("Slices merged in any order finish to the one-pass report, byte for byte", "[partial][property]") {
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      const Dataset data = random_dataset(seed);
      const ReportSpec spec = rich_spec(attribution);
      const std::string whole = json_of(compute_report(data, spec));
      const ReportPeriod period = resolve_period(data, spec);
      std::mt19937_64 rng(seed * 977);
      for (std::size_t k = 1; k <= 6; ++k) {
        std::vector<PartialReport> parts;
        for (const DataSlice& slice : random_slices(data, k, rng)) parts.push_back(compute_partial(data, spec, period, slice));
        std::shuffle(parts.begin(), parts.end(), rng);
        PartialReport merged;  // the neutral element
        for (const PartialReport& p : parts) merged.merge(p);
        INFO("seed " << seed << ", " << k << " slices");
        CHECK(json_of(finish_report(merged)) == whole);
      }
    }
  }
}

TEST_CASE("Merging is associative: (a+b)+c equals a+(b+c)", "[partial]") {
  const Dataset data = random_dataset(7);
  const ReportSpec spec = rich_spec(Attribution::created);
  const ReportPeriod period = resolve_period(data, spec);
  std::mt19937_64 rng(7);
  const auto slices = random_slices(data, 3, rng);
  const PartialReport a = compute_partial(data, spec, period, slices[0]);
  const PartialReport b = compute_partial(data, spec, period, slices[1]);
  const PartialReport c = compute_partial(data, spec, period, slices[2]);
  PartialReport left = a;
  left.merge(b);
  left.merge(c);
  PartialReport bc = b;
  bc.merge(c);
  PartialReport right = a;
  right.merge(bc);
  CHECK(json_of(finish_report(left)) == json_of(finish_report(right)));
}

TEST_CASE("The report is byte-identical for 1, 2, 3 and 8 threads", "[partial][threads]") {
  const Dataset data = random_dataset(11);
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    const ReportSpec spec = rich_spec(attribution);
    const std::string one = json_of(compute_report(data, spec, ComputeOptions{1}));
    for (const unsigned threads : {2u, 3u, 8u}) {
      INFO(threads << " threads");
      CHECK(json_of(compute_report(data, spec, ComputeOptions{threads})) == one);
    }
  }
}

TEST_CASE("More threads than rows still gives the report", "[partial][threads]") {
  Dataset data;
  Interaction r;
  r.id = "only";
  r.customer_id = "c";
  r.channel = "chat";
  r.created_at = at("2026-03-02T10:00:00Z");
  data.add(r);
  data.link();
  ReportSpec spec;
  spec.groupings.push_back(parse_grouping("channel"));
  const Report report = compute_report(data, spec, ComputeOptions{8});
  REQUIRE(report.groups.size() == 2);
  CHECK(report.groups[0].metrics.volume.count == 1);
  CHECK(json_of(report) == json_of(compute_report(data, spec)));
}

TEST_CASE("Partials of different reports are not merged", "[partial]") {
  const Dataset data = random_dataset(3);
  ReportSpec spec = rich_spec(Attribution::created);
  const PartialReport a = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
  spec.time_zone = "UTC";
  PartialReport b = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
  CHECK_THROWS_WITH(b.merge(a), Catch::Contains("time zone"));
  spec = rich_spec(Attribution::created);
  spec.groupings.pop_back();
  PartialReport c = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
  CHECK_THROWS_WITH(c.merge(a), Catch::Contains("groupings"));
}

TEST_CASE("Merged input counts add up", "[partial]") {
  const Dataset data = random_dataset(5);
  const ReportSpec spec = rich_spec(Attribution::created);
  const ReportPeriod period = resolve_period(data, spec);
  PartialReport a = compute_partial(data, spec, period, DataSlice{});
  PartialReport b = compute_partial(data, spec, period, DataSlice{RowSpan{0, 0}, RowSpan{0, 0}, false, false});
  a.inputs()[0] = InputCounts{10, 2};
  b.inputs()[0] = InputCounts{5, 1};
  a.merge(b);
  CHECK(finish_report(a).inputs[0].accepted == 15);
  CHECK(finish_report(a).inputs[0].rejected == 3);
}

TEST_CASE("A split data set with trends merges to the one-pass JSON, trends and baseline targets included",
          "[partial][trend]") {
  // rich_spec's period [2026-03-01, 2026-05-01) has L = 61 days; the data start 2026-02-20 and the
  // customer events 2026-01-01, so the previous period [2025-12-31, 2026-03-01) is covered.
  const Dataset data = random_dataset(21);
  ReportSpec spec = rich_spec(Attribution::created);
  spec.config.targets.push_back(TargetSpec{"fcr.rate", std::nullopt, std::nullopt, {}, TargetBaseline::previous, 5.0});
  spec.config.targets.push_back(
      TargetSpec{"handle.mean_s", std::nullopt, std::nullopt, {}, TargetBaseline::previous, 10.0});
  const Report one = compute_report(data, spec);
  REQUIRE(one.previous);
  REQUIRE(one.overall().trend);
  CHECK(one.overall().trend->find("volume.count") != nullptr);
  const std::string whole = json_of(one);
  CHECK(whole.find("\"trend\"") != std::string::npos);
  const ReportPeriod period = resolve_period(data, spec);
  std::mt19937_64 rng(21);
  for (std::size_t k = 2; k <= 5; ++k) {
    std::vector<PartialReport> parts;
    for (const DataSlice& slice : random_slices(data, k, rng)) parts.push_back(compute_partial(data, spec, period, slice));
    std::shuffle(parts.begin(), parts.end(), rng);
    PartialReport merged;
    for (const PartialReport& p : parts) merged.merge(p);
    INFO(k << " slices");
    CHECK(json_of(finish_report(merged)) == whole);
  }
}
