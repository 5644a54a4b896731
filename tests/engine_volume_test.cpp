// Abandoned contacts in the volume figures through the engine (SPEC v3 §3 Volume, §4): an
// abandoned interaction without a resolution is over at created_at + wait_seconds: it counts
// in `abandoned` by that instant, lowers `net_change`, and leaves the backlog. Every format
// carries the field. Period 2026-03-02 .. 2026-03-05 UTC, as_of = to.
#include <catch2/catch.hpp>

#include <cskpi/render/render.hpp>
#include <cskpi/report/engine.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Interaction call(const char* id, const char* created, std::optional<double> wait, bool abandoned,
                 const char* resolved = nullptr) {
  Interaction r;
  r.id = id;
  r.customer_id = std::string{"c-"} + id;
  r.channel = "phone";
  r.created_at = at(created);
  r.wait_seconds = wait;
  r.abandoned = abandoned;
  if (resolved) r.resolved_at = at(resolved);
  return r;
}

Dataset calls() {
  Dataset data;
  data.add(call("P1", "2026-03-02T10:00:00Z", 30, true));     // abandoned 03-02T10:00:30
  data.add(call("P2", "2026-03-02T23:59:50Z", 20, true));     // abandoned 03-03T00:00:10: the next day
  data.add(call("P3", "2026-03-03T09:00:00Z", 10, false, "2026-03-03T09:20:00Z"));
  data.add(call("P4", "2026-03-03T11:00:00Z", std::nullopt, true));  // no wait: abandoned at its creation
  // P5 abandoned, but a callback resolved it: the resolution ends it, not the abandonment.
  data.add(call("P5", "2026-03-03T12:00:00Z", 40, true, "2026-03-04T08:00:00Z"));
  data.add(call("P6", "2026-03-04T15:00:00Z", 60, false));    // answered, open
  data.add(call("P7", "2026-03-01T22:00:00Z", 15, true));     // before the period, abandoned before it too
  data.add(call("P8", "2026-03-04T23:59:00Z", 120, true));    // abandoned 03-05T00:01: after to and as_of
  data.link();
  return data;
}

ReportSpec spec_by(const char* by) {
  ReportSpec spec;
  spec.from = at("2026-03-02T00:00:00Z");
  spec.to = at("2026-03-05T00:00:00Z");  // as_of = to
  spec.groupings = {parse_grouping(by)};
  return spec;
}

const VolumeResult& volume_of(const Report& r, const std::string& by, const std::vector<std::optional<std::string>>& key) {
  for (const auto& g : r.groups) {
    if (to_string(g.by) == by && g.key == key) return g.metrics.volume;
  }
  FAIL("no group " << by);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Abandoned contacts count by their abandonment instant and leave net change and backlog",
          "[engine][volume][v3]") {
  const Dataset data = calls();
  const Report r = compute_report(data, spec_by("day"));
  const VolumeResult& all = r.groups[0].metrics.volume;
  CHECK(all.count == 7);          // P1-P6, P8 (P7 is before the period)
  CHECK(all.resolved == 2u);      // P3 (03-03), P5 (03-04)
  CHECK(all.abandoned == 3u);     // P1 (03-02), P2, P4 (03-03); P5 resolved, P7 before, P8 after as_of
  CHECK(all.net_change == 2);     // 7 - 2 - 3
  CHECK(all.backlog == 2u);       // at as_of 03-05T00:00: P6 open, P8 abandons 1 min later (v2: + P1 P2 P4 P7 = 6)

  // 03-02: created P1, P2; abandoned P1; backlog at 03-03T00:00: P2 (abandons 10 s later).
  const VolumeResult& d2 = volume_of(r, "day", {"2026-03-02"});
  CHECK(d2.count == 2);
  CHECK(d2.resolved == 0u);
  CHECK(d2.abandoned == 1u);
  CHECK(d2.net_change == 1);      // 2 - 0 - 1
  CHECK(d2.backlog == 1u);
  // 03-03: created P3, P4, P5; resolved P3; abandoned P2 (00:00:10) and P4; backlog at 03-04T00:00: P5.
  const VolumeResult& d3 = volume_of(r, "day", {"2026-03-03"});
  CHECK(d3.count == 3);
  CHECK(d3.resolved == 1u);
  CHECK(d3.abandoned == 2u);
  CHECK(d3.net_change == 0);      // 3 - 1 - 2
  CHECK(d3.backlog == 1u);
  // 03-04: created P6, P8; resolved P5; nothing abandoned; backlog at 03-05T00:00: P6, P8.
  const VolumeResult& d4 = volume_of(r, "day", {"2026-03-04"});
  CHECK(d4.count == 2);
  CHECK(d4.resolved == 1u);
  CHECK(d4.abandoned == 0u);
  CHECK(d4.net_change == 1);      // 2 - 1 - 0
  CHECK(d4.backlog == 2u);
  CHECK(*d2.net_change + *d3.net_change + *d4.net_change == *all.net_change);  // days add up to the period

  // Threads (partial states merged) give the same figures.
  const Report threaded = compute_report(data, spec_by("day"), ComputeOptions{3});
  CHECK(volume_of(threaded, "day", {"2026-03-03"}).abandoned == 2u);
  CHECK(threaded.groups[0].metrics.volume.backlog == 2u);
}

TEST_CASE("Abandoned is null where the flows are (hour_of_week) and in every format", "[engine][volume][v3]") {
  const Dataset data = calls();
  const Report r = compute_report(data, spec_by("hour_of_week"));
  CHECK(r.groups[0].metrics.volume.abandoned == 3u);
  CHECK_FALSE(r.groups.at(1).metrics.volume.abandoned);  // hour_of_week: no flows
  CHECK_FALSE(r.groups.at(1).metrics.volume.net_change);

  const auto rendered = [&](ReportFormat format) {
    std::ostringstream out;
    render(out, r, format);
    return out.str();
  };
  const auto json = nlohmann::json::parse(rendered(ReportFormat::json));
  const auto& volume = json["groups"][0]["metrics"]["volume"];
  CHECK(volume["abandoned"] == 3);
  CHECK(volume["net_change"] == 2);  // 7 - 2 - 3
  CHECK(json["groups"][1]["metrics"]["volume"]["abandoned"].is_null());
  CHECK_THAT(rendered(ReportFormat::csv), Catch::Contains(",,volume,abandoned,3"));
  CHECK_THAT(rendered(ReportFormat::text), Catch::Contains("abandoned"));
  CHECK_THAT(rendered(ReportFormat::html), Catch::Contains("abandoned"));
}
