// Private: the backlog of SPEC §3 as mergeable differences. backlog(s) = interactions created
// before s and neither resolved nor abandoned at s; each interaction is in the backlog of every
// snapshot s with created < s < over (its resolution, else its abandonment). The snapshots a
// grouping can ask for are known from the period alone (bucket ends and as_of), so every slice
// counts its interactions against all of them, as +1 at the first snapshot after creation and
// −1 at the first at or after it is over.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/report/grouping.hpp"

namespace cskpi::detail {

/// The end instants (ms) of the buckets of `bucket` that overlap [from, to), in order (the last
/// may lie at or after to). Precondition: bucket is not hour_of_week.
[[nodiscard]] std::vector<std::int64_t> bucket_ends(TimeBucket bucket, const ZoneBuckets& zone, std::int64_t from,
                                                    std::int64_t to);

/// Every snapshot instant a group of `by` can have, sorted and distinct (ms): as_of, and
/// min(as_of, end) of each bucket of each time part that overlaps [from, to). Empty for
/// groupings with hour_of_week (no backlog).
[[nodiscard]] std::vector<std::int64_t> backlog_snapshots(const Grouping& by, const ZoneBuckets& zone,
                                                          std::int64_t from, std::int64_t to, std::int64_t as_of);

/// The snapshot of a group: as_of, or for time buckets min(bucket end, as_of).
[[nodiscard]] std::int64_t group_snapshot(const Grouping& by, const std::vector<std::int64_t>& bucket_keys,
                                          const ZoneBuckets& zone, std::int64_t as_of);

/// +1/−1 differences over snapshot indexes: dense for few snapshots, else sorted sparse
/// runs compacted as they grow. Merge adds; exact in any order.
class BacklogDiff {
 public:
  explicit BacklogDiff(std::size_t snapshots = 0);
  /// One interaction in the backlog of snapshots [lo, hi) (indexes; lo < hi ≤ snapshots).
  void add(std::uint32_t lo, std::uint32_t hi);
  void merge(const BacklogDiff& other);
  /// The backlog at each snapshot index.
  [[nodiscard]] std::vector<std::uint64_t> counts() const;
  /// The non-zero differences, sorted by index (for states on disk).
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::int64_t>> differences() const;
  /// Adds `delta` at snapshot index `index` (≤ snapshots(): the −1 past the last snapshot).
  void add_difference(std::uint32_t index, std::int64_t delta);
  [[nodiscard]] std::size_t snapshots() const noexcept { return snapshots_; }

 private:
  void compact();

  std::size_t snapshots_ = 0;
  std::vector<std::int64_t> dense_;                           // size snapshots_ + 1 when dense
  std::vector<std::pair<std::uint32_t, std::int64_t>> runs_;  // sparse: sorted prefix, then pending
  std::size_t compacted_ = 0;
};

}  // namespace cskpi::detail
