// cskpi/metrics/productivity.hpp: agent productivity of a group (SPEC §3 People): resolved
// interactions per active agent-day.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace cskpi {

/// Assisted work only (SPEC v3): handled = interactions with an agent attributed to the group,
/// resolved = resolutions in the period of interactions with an agent, active_days = distinct
/// (agent, local date) pairs with a created or resolved interaction of the agent (for one
/// agent: its active days; for a team: agent-days, so the levels add up), resolved_per_day =
/// resolved / active_days (nullopt when active_days is 0).
struct ProductivityResult {
  std::uint64_t handled = 0;
  std::uint64_t resolved = 0;
  std::uint64_t active_days = 0;
  std::optional<double> resolved_per_day;
};

/// The distinct (agent, day) pairs of a group, as a sorted vector of packed pairs: appends are
/// cheap, duplicates are dropped when the vector doubles and at the end, and merge is a sorted
/// union (exact, in any order). Agents are codes of one dictionary shared by what is merged.
class ProductivityAccumulator {
 public:
  /// An agent (a code) active on a local day (days since 1970-01-01 in the reporting zone).
  void add(std::uint32_t agent, std::int64_t day);
  void merge(const ProductivityAccumulator& other);
  /// Sorts and drops duplicates (add and merge do it as needed; call before reading pairs()).
  void compact();
  /// Distinct packed pairs, sorted (after compact()).
  [[nodiscard]] const std::vector<std::uint64_t>& pairs() const noexcept { return pairs_; }
  /// Rebuilds from packed pairs (any order, duplicates allowed).
  void assign(std::vector<std::uint64_t> pairs);
  [[nodiscard]] ProductivityResult result(std::uint64_t handled, std::uint64_t resolved) const;

  [[nodiscard]] static std::uint64_t pack(std::uint32_t agent, std::int64_t day) noexcept;
  [[nodiscard]] static std::uint32_t agent_of(std::uint64_t pair) noexcept {
    return static_cast<std::uint32_t>(pair >> 32);
  }
  [[nodiscard]] static std::int64_t day_of(std::uint64_t pair) noexcept;

 private:
  std::vector<std::uint64_t> pairs_;
  std::size_t compacted_ = 0;  // pairs_[0, compacted_) are sorted and distinct
  // The pairs added last, by a hash of the pair (stored + 1; 0 is empty): an agent's day
  // repeats for every contact of that day, and this drops most repeats before they cost a
  // place and a sort. 16 places to start; compact() quadruples them (up to 1,024) while more
  // than half of what was appended since the last compaction were repeats, so a group with
  // many agents a day gets a filter as wide as its day.
  std::vector<std::uint64_t> recent_ = std::vector<std::uint64_t>(16);
  unsigned recent_shift_ = 60;  // 64 − log2(recent_.size())
};

}  // namespace cskpi
