// cskpi/metrics/volume.hpp: contact volume of a group (SPEC §3 Volume).
#pragma once

#include <cstdint>
#include <optional>

namespace cskpi {

/// count: interactions attributed to the group; share = count / overall count (fraction);
/// resolved: the group's interactions resolved in the period (or bucket); abandoned: the
/// group's abandoned interactions without a resolution whose abandonment instant falls in the
/// period (or bucket); net_change = count - resolved - abandoned; backlog: created before the
/// snapshot instant and neither resolved nor abandoned at it.
/// resolved, abandoned, net_change and backlog are nullopt for hour_of_week groups.
struct VolumeResult {
  std::uint64_t count = 0;
  std::optional<double> share;
  std::optional<std::uint64_t> resolved;
  std::optional<std::uint64_t> abandoned;
  std::optional<std::int64_t> net_change;
  std::optional<std::uint64_t> backlog;
};

/// Counts of one group; exact merge.
class VolumeAccumulator {
 public:
  void add_created() noexcept { ++count_; }
  void add_resolved() noexcept { ++resolved_; }
  void add_abandoned() noexcept { ++abandoned_; }
  void add_backlog(std::uint64_t n = 1) noexcept { backlog_ += n; }
  void merge(const VolumeAccumulator& other) noexcept {
    count_ += other.count_;
    resolved_ += other.resolved_;
    abandoned_ += other.abandoned_;
    backlog_ += other.backlog_;
  }
  /// `overall_count` is the overall group's count (share's denominator); `flows` = false
  /// for groups where resolved / abandoned / net change / backlog are not defined (hour_of_week).
  [[nodiscard]] VolumeResult result(std::uint64_t overall_count, bool flows = true) const noexcept {
    VolumeResult r;
    r.count = count_;
    if (overall_count > 0) r.share = static_cast<double>(count_) / static_cast<double>(overall_count);
    if (flows) {
      r.resolved = resolved_;
      r.abandoned = abandoned_;
      r.net_change = static_cast<std::int64_t>(count_) - static_cast<std::int64_t>(resolved_) -
                     static_cast<std::int64_t>(abandoned_);
      r.backlog = backlog_;
    }
    return r;
  }
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] std::uint64_t resolved() const noexcept { return resolved_; }
  [[nodiscard]] std::uint64_t abandoned() const noexcept { return abandoned_; }

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.count_);
    io(s.resolved_);
    io(s.abandoned_);
    io(s.backlog_);
  }

 private:
  std::uint64_t count_ = 0;
  std::uint64_t resolved_ = 0;
  std::uint64_t abandoned_ = 0;
  std::uint64_t backlog_ = 0;
};

}  // namespace cskpi
