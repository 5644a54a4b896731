// Test fixture of the partial-state tests: a random data set with every record type and
// custom dimensions, a spec with many groupings, and random slices of the data set.
#pragma once

#include <cskpi/render/render.hpp>
#include <cskpi/report/engine.hpp>
#include <cskpi/report/partial_report.hpp>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace partial_fixture {

using namespace cskpi;


inline TimePoint at(const char* text) { return *parse_instant(text).value; }

inline void add_interactions(Dataset& data, std::mt19937_64& rng) {
  const auto pick = [&](std::uint64_t n) { return rng() % n; };
  const char* channels[] = {"phone", "chat", "email", "self_service"};
  const char* topics[] = {"billing", "login", "shipping"};
  const Priority priorities[] = {Priority::low, Priority::normal, Priority::high};
  const TimePoint start = at("2026-02-20T00:00:00Z");
  for (int i = 0; i < 600; ++i) {
    Interaction r;
    r.id = "i" + std::to_string(i);
    r.customer_id = "c" + std::to_string(pick(80));
    if (pick(8) == 0) r.customer_id.reset();  // anonymous: left out of repeat-window FCR (SPEC v3)
    r.channel = channels[pick(4)];
    if (pick(4) != 0) r.topic = std::string{topics[pick(3)]};
    if (pick(3) != 0) r.product = pick(2) == 0 ? "basic" : "pro";
    if (pick(2) != 0) r.priority = priorities[pick(3)];
    if (pick(3) != 0) r.agent_id = "a" + std::to_string(pick(7));
    if (pick(2) != 0) r.team = pick(2) == 0 ? "red" : "blue";
    r.created_at = start + std::chrono::minutes{static_cast<std::int64_t>(pick(60 * 24 * 75))};
    if (pick(3) != 0) r.first_response_at = r.created_at + std::chrono::minutes{static_cast<std::int64_t>(pick(600))};
    if (pick(5) != 0) r.resolved_at = r.created_at + std::chrono::minutes{static_cast<std::int64_t>(pick(9000))};
    if (pick(3) == 0) r.contacts = 1 + static_cast<std::uint32_t>(pick(3));
    if (r.channel == std::string{"phone"}) {
      r.wait_seconds = static_cast<double>(pick(90));
      r.abandoned = pick(6) == 0;
      if (r.abandoned) r.first_response_at.reset();
    }
    if (pick(2) != 0) r.handle_seconds = static_cast<double>(pick(900)) + 0.25;
    if (pick(4) == 0) r.cost = static_cast<double>(pick(1000)) / 100.0;
    // Custom dimensions: region (absent on some), segment.
    const char* regions[] = {"north", "south", "east"};
    r.custom = {pick(4) == 0 ? std::nullopt : std::optional<std::string>{regions[pick(3)]},
                std::optional<std::string>{pick(2) == 0 ? "smb" : "enterprise"}};
    data.add(r);
    if (pick(3) == 0) {
      SurveyResponse s;
      s.id = "s" + std::to_string(i);
      s.kind = static_cast<SurveyKind>(pick(4));
      s.score = s.kind == SurveyKind::csat ? 1 + static_cast<int>(pick(5))
                : s.kind == SurveyKind::ces ? 1 + static_cast<int>(pick(7))
                                            : static_cast<int>(pick(11));
      s.responded_at = r.created_at + std::chrono::hours{2};
      s.interaction_id = r.id;
      if (pick(4) == 0) s.custom = {std::optional<std::string>{"west"}};  // explicit: wins over the inherited region
      data.add(s);
    }
  }
}

inline void add_events(Dataset& data, std::mt19937_64& rng) {
  const auto& c = data.interactions();
  for (std::size_t r = 0; r < c.size(); r += 3) {
    InteractionEvent e;
    e.interaction_id = data.interaction_ids().value(static_cast<std::uint32_t>(r));
    e.at = from_millis(c.created_ms[r]) + std::chrono::minutes{static_cast<std::int64_t>(rng() % 90)};
    e.type = InteractionEventType::status;
    e.status = TicketStatus::open;
    data.add(e);
    e.type = InteractionEventType::agent_reply;
    e.status.reset();
    e.at += std::chrono::minutes{5};
    data.add(e);
  }
}

inline void add_customer_and_agent_events(Dataset& data, std::mt19937_64& rng) {
  const auto pick = [&](std::uint64_t n) { return rng() % n; };
  const TimePoint start = at("2026-01-01T00:00:00Z");
  for (int i = 0; i < 200; ++i) {
    CustomerEvent e;
    e.customer_id = "c" + std::to_string(pick(80));
    e.type = static_cast<CustomerEventType>(pick(5));
    e.at = start + std::chrono::hours{static_cast<std::int64_t>(pick(24 * 130))};
    if (pick(2) == 0) e.product = pick(2) == 0 ? "basic" : "pro";
    if (pick(3) == 0) e.mrr = static_cast<double>(pick(10000)) / 100.0;
    if (pick(3) != 0) e.custom = {std::nullopt, std::optional<std::string>{pick(2) == 0 ? "smb" : "enterprise"}};
    data.add(e);
  }
  for (int i = 0; i < 30; ++i) {
    AgentEvent e;
    e.agent_id = "a" + std::to_string(pick(7));
    e.type = pick(3) == 0 ? AgentEventType::leave : AgentEventType::hire;
    e.at = start + std::chrono::hours{static_cast<std::int64_t>(pick(24 * 130))};
    if (pick(2) == 0) e.team = pick(2) == 0 ? "red" : "blue";
    data.add(e);
  }
}

inline Dataset random_dataset(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Dataset data({"region", "segment"});
  add_interactions(data, rng);
  add_events(data, rng);
  add_customer_and_agent_events(data, rng);
  data.link();
  return data;
}

inline ReportSpec rich_spec(Attribution attribution) {
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-05-01T00:00:00Z");
  spec.as_of = at("2026-04-20T00:00:00Z");
  spec.time_zone = "Europe/Rome";
  spec.config.attribution = attribution;
  // Both FCR methods: repeat-window FCR looks across records (and leaves anonymous contacts out).
  if (attribution == Attribution::event) spec.config.fcr_method = FcrMethod::repeat_window;
  for (const char* by : {"channel", "topic", "month", "channel,month", "week", "agent", "team,day", "product,month",
                         "hour_of_week", "priority,topic", "region", "region,month", "segment,week", "product,segment"}) {
    spec.groupings.push_back(parse_grouping(by, {"region", "segment"}));
  }
  return spec;
}

inline std::string json_of(const Report& report) {
  std::ostringstream out;
  render_json(out, report);
  return out.str();
}

/// k slices at random cut points; customer and agent events each in a random slice.
inline std::vector<DataSlice> random_slices(const Dataset& data, std::size_t k, std::mt19937_64& rng) {
  const auto cuts = [&](std::size_t n) {
    std::vector<std::size_t> c{0, n};
    for (std::size_t i = 1; i < k; ++i) c.push_back(rng() % (n + 1));
    std::sort(c.begin(), c.end());
    return c;
  };
  const auto ic = cuts(data.interactions().size());
  const auto sc = cuts(data.surveys().size());
  const std::size_t customers = rng() % k;
  const std::size_t agents = rng() % k;
  std::vector<DataSlice> slices(k);
  for (std::size_t i = 0; i < k; ++i) {
    slices[i].interactions = RowSpan{ic[i], ic[i + 1]};
    slices[i].surveys = RowSpan{sc[i], sc[i + 1]};
    slices[i].customer_events = i == customers;
    slices[i].agent_events = i == agents;
  }
  return slices;
}


}  // namespace partial_fixture
