// cskpi/metrics/attrition.hpp: agent attrition from roster events (SPEC §3 People).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cskpi/model/dataset.hpp"
#include "cskpi/model/dimension.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

/// start / end: agents active just before `from` / `to` (events strictly earlier; hire =
/// active, leave = inactive, in order); leavers: distinct agents with a `leave` in the period;
/// rate = leavers / ((start + end) / 2), a fraction (nullopt when start + end is 0).
struct AttritionResult {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t leavers = 0;
  std::optional<double> rate;
};

/// Which agents a figure covers: all, or those whose team / department / agent code matches.
/// An agent's team and department at an instant are the values of its latest event at or
/// before it that carries one; a leaver counts under the values of its leave event (else its
/// latest known ones).
struct RosterFilter {
  std::optional<std::uint32_t> agent;       // agent dimension code (no_code: matches nothing)
  std::optional<std::uint32_t> team;        // team code, no_code = agents without a team
  std::optional<std::uint32_t> department;  // department code, no_code = without a department
};

/// The roster: agent events indexed per agent, sorted by (at, input order). O(n log n).
class Roster {
 public:
  Roster() = default;
  explicit Roster(const AgentEventColumns& c);

  /// Attrition over [from, to) with as_of as "now" (events after it have not happened).
  /// O(events). Throws Error(invalid_argument) when to < from.
  [[nodiscard]] AttritionResult attrition(TimePoint from, TimePoint to, TimePoint as_of,
                                          const RosterFilter& filter = {}) const;
  [[nodiscard]] bool empty() const noexcept { return events_.empty(); }

 private:
  struct Event {
    std::uint32_t agent;
    std::int64_t at_ms;
    AgentEventType type;
    std::uint32_t team;
    std::uint32_t department;
  };
  std::vector<Event> events_;       // sorted by (agent, at, input order)
  std::vector<std::size_t> begin_;  // per distinct agent: index of its first event
};

}  // namespace cskpi
