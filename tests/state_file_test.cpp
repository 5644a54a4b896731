// Partial states as bytes (SPEC §9, docs/state-format.md): a state read back writes the same
// bytes and finishes to the same report; states of any split merge to the one-pass report;
// equal content is equal bytes; damaged, truncated or foreign bytes are refused, never misread.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/partition.hpp>
#include <cskpi/report/config_file.hpp>
#include <cskpi/report/state_file.hpp>

#include "partial_fixture.hpp"
#include "report/partial_state.hpp"
#include "report/state_codec.hpp"

using namespace partial_fixture;

namespace {

/// rich_spec with a business calendar, SLA policies, targets and staffing: every part of the
/// configuration is in the state's header.
ReportSpec configured_spec(Attribution attribution) {
  ReportSpec spec = rich_spec(attribution);
  const MetricConfig config = parse_config(R"({
    "calendars": {"office": {"time_zone": "Europe/Rome",
                             "weekly": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]], "tue": [["09:00", "18:00"]]},
                             "holidays": ["2026-04-06"],
                             "closed": [{"from": "2026-03-11T10:00:00Z", "to": "2026-03-11T11:00:00Z"}]}},
    "business_calendar": "office",
    "sla": {"high": {"first_response_s": 3600, "resolution_s": 14400, "calendar": "office"},
            "normal": {"first_response_s": 28800, "paused": ["pending", "on_hold"]}},
    "queue": {"threshold_s": 30, "short_abandon_s": 5, "mode": "answered"},
    "scales": {"csat": {"min": 1, "max": 5, "satisfied_from": 4}},
    "targets": [{"metric": "csat.score", "min": 80, "where": {"channel": "chat"}},
                {"metric": "fcr.rate", "baseline": "previous", "improve": 5}],
    "staffing": {"service_level": 0.8, "asa_target_s": 30, "max_occupancy": 0.85, "shrinkage": 0.3}
  })").metrics;
  spec.config = config;
  spec.config.attribution = attribution;
  if (attribution == Attribution::event) spec.config.fcr_method = FcrMethod::repeat_window;
  return spec;
}

PartialReport merge_all(const std::vector<PartialReport>& parts) {
  PartialReport merged;
  for (const PartialReport& p : parts) merged.merge(p);
  return merged;
}

}  // namespace

TEST_CASE("A state read back writes the same bytes and finishes to the same report", "[state][partial]") {
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    const Dataset data = random_dataset(31);
    const ReportSpec spec = configured_spec(attribution);
    const PartialReport whole = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
    REQUIRE(whole.state().previous);  // the data start before the period: trends are in the state
    const std::string bytes = write_state(whole);
    const PartialReport back = read_state(bytes, "whole.state");
    CHECK(write_state(back) == bytes);
    CHECK(state_fingerprint(back) == state_fingerprint(whole));
    CHECK(json_of(finish_report(back)) == json_of(finish_report(whole)));
    CHECK(json_of(finish_report(back)) == json_of(compute_report(data, spec)));
  }
}

TEST_CASE("States of any split, written and read, merge in any order to the one-pass report", "[state][property]") {
  for (const Attribution attribution : {Attribution::created, Attribution::event}) {
    for (std::uint64_t seed = 1; seed <= 2; ++seed) {
      const Dataset data = random_dataset(seed);
      const ReportSpec spec = configured_spec(attribution);
      const std::string one = json_of(compute_report(data, spec));
      const ReportPeriod period = resolve_period(data, spec);
      const std::string whole_bytes = write_state(compute_partial(data, spec, period, DataSlice{}));
      std::mt19937_64 rng(seed * 131);
      for (std::size_t k = 1; k <= 8; ++k) {
        std::vector<PartialReport> parts;
        for (const DataSlice& slice : random_slices(data, k, rng)) {
          parts.push_back(read_state(write_state(compute_partial(data, spec, period, slice)), "part.state"));
        }
        std::shuffle(parts.begin(), parts.end(), rng);
        const PartialReport merged = merge_all(parts);
        INFO("seed " << seed << ", " << k << " parts");
        CHECK(json_of(finish_report(merged)) == one);
        // Canonical: the merge of the parts is the state of one pass, byte for byte.
        CHECK(write_state(merged) == whole_bytes);
        std::reverse(parts.begin(), parts.end());
        CHECK(write_state(merge_all(parts)) == whole_bytes);
        // The merge that takes each part's state (its samples move) gives the same bytes.
        PartialReport moved;
        for (PartialReport& p : parts) moved.merge(std::move(p));
        CHECK(write_state(moved) == whole_bytes);
      }
    }
  }
}

TEST_CASE("A truncated, cut or flipped state is refused with a message naming the file", "[state]") {
  const Dataset data = random_dataset(4);
  const ReportSpec spec = rich_spec(Attribution::created);
  const std::string bytes = write_state(compute_partial(data, spec, resolve_period(data, spec), DataSlice{}));
  for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 16) {
    INFO("cut at " << n);
    CHECK_THROWS_WITH(read_state(bytes.substr(0, n), "cut.state"), Catch::StartsWith("cut.state: "));
  }
  for (std::size_t at = 0; at < bytes.size(); at += 1 + at / 32) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
    INFO("byte " << at);
    CHECK_THROWS_AS(read_state(flipped, "flipped.state"), Error);
  }
  CHECK_THROWS_WITH(read_state("{\"schema\": \"cskpi.report/1\"}", "report.json"),
                    Catch::Contains("report.json: not a cskpi state"));
}

TEST_CASE("A state of another format version is refused, naming both versions", "[state]") {
  const Dataset data = random_dataset(4);
  const ReportSpec spec = rich_spec(Attribution::created);
  const std::string bytes = write_state(compute_partial(data, spec, resolve_period(data, spec), DataSlice{}));
  const detail::OpenedState opened = detail::open_state(bytes, "v1");
  std::string v2 = detail::seal_state(opened.fingerprint, opened.content);
  REQUIRE(v2 == bytes);
  v2[detail::state_magic.size()] = 2;  // the version varint
  const std::uint64_t check = stable_hash(std::string_view{v2}.substr(0, v2.size() - 8));
  for (int i = 0; i < 8; ++i) v2[v2.size() - 8 + static_cast<std::size_t>(i)] = static_cast<char>((check >> (8 * i)) & 0xFF);
  CHECK_THROWS_WITH(read_state(v2, "new.state"), Catch::Contains("new.state: state format version 2") &&
                                                     Catch::Contains("written by a newer cskpi"));
}

TEST_CASE("Content damaged behind a valid checksum is refused or read, never a crash", "[state][robustness]") {
  // A mutation fuzzer in miniature (tests/fuzz has the real one): damage the content, seal it
  // again with a good checksum, and read it. Every outcome must be a state or an Error; a state
  // read must finish to a report or an Error.
  const Dataset data = random_dataset(9);
  const ReportSpec spec = configured_spec(Attribution::created);
  const std::string bytes = write_state(compute_partial(data, spec, resolve_period(data, spec), DataSlice{}));
  const detail::OpenedState opened = detail::open_state(bytes, "seed");
  std::mt19937_64 rng(99);
  std::size_t refused = 0;
  for (int round = 0; round < 300; ++round) {
    std::string content{opened.content};
    for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) {
      const std::size_t at = rng() % content.size();
      switch (rng() % 3) {
        case 0: content[at] = static_cast<char>(rng()); break;
        case 1: content.erase(at, 1 + rng() % 8); break;
        default: content.insert(at, 1 + rng() % 4, static_cast<char>(rng())); break;
      }
    }
    try {
      const PartialReport p = read_state(detail::seal_state(opened.fingerprint, content), "mutated.state");
      (void)finish_report(p);
    } catch (const Error&) {
      ++refused;
    }
  }
  CHECK(refused > 150);  // most damage is detected on reading (the rest reads as other counts)
}

TEST_CASE("States of different reports are refused on merge, naming the first difference", "[state]") {
  const Dataset data = random_dataset(3);
  ReportSpec spec = configured_spec(Attribution::created);
  const PartialReport a = read_state(write_state(compute_partial(data, spec, resolve_period(data, spec), DataSlice{})), "a");
  spec.config.queue.threshold = std::chrono::seconds{20};
  PartialReport b = read_state(write_state(compute_partial(data, spec, resolve_period(data, spec), DataSlice{})), "b");
  CHECK(state_fingerprint(a) != state_fingerprint(b));
  CHECK_THROWS_WITH(b.merge(a), Catch::Contains("queue"));
  spec = configured_spec(Attribution::created);
  spec.config.targets.pop_back();
  PartialReport c = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
  CHECK_THROWS_WITH(c.merge(a), Catch::Contains("targets"));
  spec = configured_spec(Attribution::created);
  spec.config.staffing.shrinkage = 0.1;
  PartialReport d = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
  CHECK_THROWS_WITH(d.merge(a), Catch::Contains("staffing"));
  spec = configured_spec(Attribution::created);
  spec.config.calendars["office"].holidays.clear();
  PartialReport e = compute_partial(data, spec, resolve_period(data, spec), DataSlice{});
  CHECK_THROWS_WITH(e.merge(a), Catch::Contains("calendars"));
}
