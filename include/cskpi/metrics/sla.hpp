// cskpi/metrics/sla.hpp: SLA compliance per target (SPEC §3 Service level, SLA).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/model/interaction_event.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

enum class SlaStatus : unsigned char { achieved, breached, pending };

[[nodiscard]] constexpr std::string_view to_string(SlaStatus s) noexcept {
  switch (s) {
    case SlaStatus::achieved: return "achieved";
    case SlaStatus::breached: return "breached";
    case SlaStatus::pending: return "pending";
  }
  return "pending";
}

/// The targets of one priority. Without a calendar the clocks run in calendar time; with
/// one they count business time of that calendar. `paused` statuses stop the resolution
/// clock (they need interaction events to be known).
struct SlaPolicy {
  std::optional<Milliseconds> first_response;
  std::optional<Milliseconds> resolution;
  std::optional<std::string> calendar;  // a calendar name of the configuration
  std::vector<TicketStatus> paused{TicketStatus::pending};
};

/// achieved when done with elapsed(done) ≤ target; breached when done with elapsed(done) >
/// target, or not done with elapsed(as_of) > target; else pending. `elapsed_at_done` is
/// nullopt when the target is not done by as_of.
[[nodiscard]] constexpr SlaStatus sla_status(std::optional<Milliseconds> elapsed_at_done, Milliseconds elapsed_at_as_of,
                                             Milliseconds target) noexcept {
  if (elapsed_at_done) return *elapsed_at_done <= target ? SlaStatus::achieved : SlaStatus::breached;
  return elapsed_at_as_of > target ? SlaStatus::breached : SlaStatus::pending;
}

struct SlaTargetResult {
  std::uint64_t achieved = 0;
  std::uint64_t breached = 0;
  std::uint64_t pending = 0;
  std::optional<double> compliance;  // achieved / (achieved + breached), fraction
  std::optional<Milliseconds> target;  // nullopt when the group's interactions have different targets
  [[nodiscard]] std::uint64_t counted() const noexcept { return achieved + breached + pending; }
};

/// Counts one SLA target (first response or resolution) over a group's interactions.
class SlaAccumulator {
 public:
  void add(SlaStatus status, Milliseconds target) noexcept;
  void merge(const SlaAccumulator& other) noexcept;
  [[nodiscard]] SlaTargetResult result() const;

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.counts_[0]);
    io(s.counts_[1]);
    io(s.counts_[2]);
    io(s.min_target_);
    io(s.max_target_);
  }

 private:
  std::uint64_t counts_[3] = {0, 0, 0};
  std::optional<Milliseconds> min_target_;
  std::optional<Milliseconds> max_target_;
};

}  // namespace cskpi
