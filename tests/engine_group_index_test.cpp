// The engine finds a record's group by a dense index over its grouping's ranges when they are
// small, by a key map otherwise: both give the same groups.
#include <catch2/catch.hpp>

#include <cskpi/report/engine.hpp>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Dataset two_decades() {
  Dataset data;
  const char* created[] = {"1996-05-01T10:00:00Z", "2026-05-01T10:00:00Z", "2026-05-01T10:30:00Z"};
  const char* channels[] = {"chat", "chat", "email"};
  for (int i = 0; i < 3; ++i) {
    Interaction r;
    r.id = "I" + std::to_string(i);
    r.channel = channels[i];
    r.created_at = at(created[i]);
    r.resolved_at = r.created_at + std::chrono::minutes{10 * (i + 1)};
    REQUIRE(data.add(r));
  }
  data.link();
  return data;
}

}  // namespace

TEST_CASE("Groups of a grouping too large for the dense index are found through the key map", "[engine]") {
  // channel,hour over 1996–2026: 3 channel codes + null × ≈ 263,000 hours passes the dense
  // index's 2^18 places; channel,month (4 × 361) does not. Both must list the same groups.
  const Dataset data = two_decades();
  ReportSpec spec;
  spec.from = at("1996-01-01T00:00:00Z");
  spec.to = at("2026-01-01T00:00:00Z") + std::chrono::hours{24 * 300};
  spec.time_zone = "UTC";
  spec.groupings = {parse_grouping("channel,hour"), parse_grouping("channel,month")};
  const Report r = compute_report(data, spec);
  const Group* old_chat = r.find("channel,hour", {"chat", "1996-05-01T10"});
  const Group* new_chat = r.find("channel,hour", {"chat", "2026-05-01T10"});
  const Group* email = r.find("channel,hour", {"email", "2026-05-01T10"});
  REQUIRE(old_chat != nullptr);
  REQUIRE(new_chat != nullptr);
  REQUIRE(email != nullptr);
  CHECK(old_chat->metrics.volume.count == 1u);
  CHECK(email->metrics.resolution.median == Duration{30 * 60 * 1000.0});  // 30 min
  const Group* may = r.find("channel,month", {"chat", "2026-05"});
  REQUIRE(may != nullptr);
  CHECK(may->metrics.volume.count == 1u);
  CHECK(may->metrics.resolution.median == Duration{20 * 60 * 1000.0});  // I1: 20 min
  CHECK(r.overall().metrics.volume.count == 3u);
  std::size_t hour_groups = 0;
  for (const Group& g : r.groups) hour_groups += g.by == parse_grouping("channel,hour") ? 1U : 0U;
  // I2 (email, 10:30) is resolved at 11:00: its resolution makes a fourth group, with count 0.
  CHECK(hour_groups == 4);
  const Group* resolved = r.find("channel,hour", {"email", "2026-05-01T11"});
  REQUIRE(resolved != nullptr);
  CHECK(resolved->metrics.volume.count == 0u);
  CHECK(resolved->metrics.volume.resolved == 1u);
}
