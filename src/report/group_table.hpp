// Private: the groups of one grouping while a slice is scanned (report/slice_scan.cpp): keys of
// data-set codes and bucket keys, each group's accumulators, and the way from a record to its
// group (a dense index over the parts' ranges, a cache of recent groups, then a key map).
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "report/backlog.hpp"
#include "report/group_accumulators.hpp"
#include "report/group_key.hpp"
#include "report/slice_scan.hpp"

namespace cskpi::detail {

/// A label part's key value when the record has no label (no_code).
inline constexpr std::int64_t null_label = -1;

/// Bucket keys of one instant, computed once per record for the buckets in use.
using BucketKeys = std::array<std::int64_t, time_bucket_count>;

[[nodiscard]] constexpr std::size_t bucket_index(TimeBucket b) noexcept { return static_cast<std::size_t>(b); }

class GroupTable {
 public:
  /// The groups of `spec`'s grouping; each new group starts as a copy of `empty` (its
  /// configuration, and whether it keeps its duration samples).
  GroupTable(const TableSpec& spec, GroupAccumulators empty);

  [[nodiscard]] const TableSpec& spec() const noexcept { return *spec_; }
  [[nodiscard]] std::size_t size() const noexcept { return keys_.size(); }
  [[nodiscard]] const GroupKey& key(std::size_t group) const noexcept { return keys_[group]; }
  [[nodiscard]] GroupAccumulators& accumulators(std::size_t group) noexcept { return accs_[group]; }
  /// The key being built by its user, reused (a key is 200 bytes).
  [[nodiscard]] GroupKey& scratch() noexcept { return scratch_; }
  /// Backlog differences by label-only key (SPEC §3 backlog).
  [[nodiscard]] std::unordered_map<GroupKey, BacklogDiff, GroupKeyHash>& backlog() noexcept { return backlog_; }

  /// The group of a key, made when new.
  GroupAccumulators& slot(const GroupKey& key) { return accs_[group_of(key)]; }

  /// The group of a record: label codes from `dim_of` and `custom_of` (custom dimension k →
  /// code), time parts from `buckets`; by the dense index when the table has one and the key is
  /// within its ranges. A new group is made through the key map either way, so groups are
  /// numbered alike.
  template <class DimOf, class CustomOf>
  GroupAccumulators& slot_of(const DimOf& dim_of, const CustomOf& custom_of, const BucketKeys& buckets) {
    if (dense_.empty()) return slot(key_of(dim_of, custom_of, buckets));
    std::uint64_t index = 0;
    const Grouping& by = spec_->by;
    for (const DensePart& part : spec_->dense_parts) {
      std::int64_t v = 0;
      if (const auto* b = std::get_if<TimeBucket>(&by[part.part])) {
        v = buckets[bucket_index(*b)];
      } else {
        v = label_value(part.part, dim_of, custom_of);
      }
      const auto offset = static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(part.low);
      if (offset >= part.count) return slot(key_of(dim_of, custom_of, buckets));
      index += offset * part.stride;
    }
    std::uint32_t& group = dense_[index];
    if (group == no_group) group = group_of(key_of(dim_of, custom_of, buckets));
    return accs_[group];
  }

 private:
  static constexpr std::uint32_t no_group = 0xFFFFFFFF;
  static constexpr std::size_t recent_size = 64;

  /// The number of a key's group, the group made when new.
  std::uint32_t group_of(const GroupKey& key);

  /// The key value of label part `p`: its code, or null_label.
  template <class DimOf, class CustomOf>
  std::int64_t label_value(std::size_t p, const DimOf& dim_of, const CustomOf& custom_of) const {
    const auto* d = std::get_if<Dimension>(&spec_->by[p]);
    const std::uint32_t code = d ? dim_of(*d) : custom_of(spec_->custom_index[p]);
    return code == no_code ? null_label : static_cast<std::int64_t>(code);
  }

  /// The key of a record, built in scratch().
  template <class DimOf, class CustomOf>
  const GroupKey& key_of(const DimOf& dim_of, const CustomOf& custom_of, const BucketKeys& buckets) {
    scratch_.clear();
    const Grouping& by = spec_->by;
    for (std::size_t p = 0; p < by.size(); ++p) {
      const auto* b = std::get_if<TimeBucket>(&by[p]);
      scratch_.push(b ? buckets[bucket_index(*b)] : label_value(p, dim_of, custom_of));
    }
    return scratch_;
  }

  const TableSpec* spec_;
  GroupAccumulators empty_;
  /// By dense index (TableSpec::dense_parts): the group, or no_group before its first record;
  /// empty when the grouping has no dense index.
  std::vector<std::uint32_t> dense_;
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> index_;
  /// Groups found last, by a hash of their key: a report's groups are few and recur, so most
  /// lookups end here with one key comparison instead of a map probe.
  std::array<std::uint32_t, recent_size> recent_;
  GroupKey scratch_;
  std::vector<GroupKey> keys_;
  std::vector<GroupAccumulators> accs_;
  std::unordered_map<GroupKey, BacklogDiff, GroupKeyHash> backlog_;
};

}  // namespace cskpi::detail
