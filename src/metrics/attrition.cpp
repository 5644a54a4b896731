#include "cskpi/metrics/attrition.hpp"

#include <algorithm>
#include <numeric>

#include "cskpi/error.hpp"

namespace cskpi {
namespace {

bool matches(const std::optional<std::uint32_t>& want, std::uint32_t value) { return !want || *want == value; }

}  // namespace

Roster::Roster(const AgentEventColumns& c) {
  std::vector<std::size_t> order(c.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return c.agent[a] != c.agent[b] ? c.agent[a] < c.agent[b] : c.at_ms[a] < c.at_ms[b];
  });
  events_.reserve(c.size());
  for (const std::size_t i : order) events_.push_back(Event{c.agent[i], c.at_ms[i], c.type[i], c.team[i], c.department[i]});
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (i == 0 || events_[i].agent != events_[i - 1].agent) begin_.push_back(i);
  }
}

AttritionResult Roster::attrition(TimePoint from, TimePoint to, TimePoint as_of, const RosterFilter& filter) const {
  if (to < from) throw Error(ErrorCode::invalid_argument, "Roster::attrition: to is before from");
  const std::int64_t f = to_millis(from);
  const std::int64_t t = std::min(to_millis(to), to_millis(as_of) + 1);  // events after as_of have not happened
  AttritionResult r;
  for (std::size_t a = 0; a < begin_.size(); ++a) {
    const std::size_t first = begin_[a];
    const std::size_t last = a + 1 < begin_.size() ? begin_[a + 1] : events_.size();
    if (!matches(filter.agent, events_[first].agent)) continue;
    bool active = false;  // the state just before the cursor
    std::uint32_t team = no_code;
    std::uint32_t department = no_code;
    bool counted_start = false;
    bool left = false;
    std::uint32_t leave_team = no_code;
    std::uint32_t leave_department = no_code;
    const auto member = [&](std::uint32_t tm, std::uint32_t dp) {
      return matches(filter.team, tm) && matches(filter.department, dp);
    };
    std::size_t i = first;
    for (; i < last && events_[i].at_ms < f; ++i) {
      active = events_[i].type == AgentEventType::hire;
      if (events_[i].team != no_code) team = events_[i].team;
      if (events_[i].department != no_code) department = events_[i].department;
    }
    counted_start = active && member(team, department);
    for (; i < last && events_[i].at_ms < t; ++i) {
      active = events_[i].type == AgentEventType::hire;
      if (events_[i].team != no_code) team = events_[i].team;
      if (events_[i].department != no_code) department = events_[i].department;
      if (events_[i].type == AgentEventType::leave) {
        left = true;
        leave_team = team;
        leave_department = department;
      }
    }
    if (counted_start) ++r.start;
    if (active && member(team, department)) ++r.end;
    if (left && member(leave_team, leave_department)) ++r.leavers;
  }
  if (r.start + r.end > 0) {
    r.rate = static_cast<double>(r.leavers) / (static_cast<double>(r.start + r.end) / 2.0);
  }
  return r;
}

}  // namespace cskpi
