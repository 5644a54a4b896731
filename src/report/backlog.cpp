#include "report/backlog.hpp"

#include <algorithm>

namespace cskpi::detail {
namespace {

constexpr std::size_t dense_limit = 4096;  // snapshots: 32 KiB of differences per label key

}  // namespace

std::vector<std::int64_t> bucket_ends(TimeBucket bucket, const ZoneBuckets& zone, std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> ends;
  for (std::int64_t t = from; t < to;) {
    const std::int64_t end = to_millis(zone.end(bucket, zone.key(bucket, from_millis(t))));
    ends.push_back(end);
    t = std::max(end, t + 1);
  }
  return ends;
}

std::vector<std::int64_t> backlog_snapshots(const Grouping& by, const ZoneBuckets& zone, std::int64_t from,
                                            std::int64_t to, std::int64_t as_of) {
  std::vector<std::int64_t> out{as_of};
  for (const GroupPart& part : by) {
    const auto* b = std::get_if<TimeBucket>(&part);
    if (b == nullptr) continue;
    if (*b == TimeBucket::hour_of_week) return {};
    for (const std::int64_t end : bucket_ends(*b, zone, from, to)) out.push_back(std::min(end, as_of));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::int64_t group_snapshot(const Grouping& by, const std::vector<std::int64_t>& bucket_keys, const ZoneBuckets& zone,
                            std::int64_t as_of) {
  std::int64_t s = as_of;
  for (std::size_t p = 0; p < by.size(); ++p) {
    if (const auto* b = std::get_if<TimeBucket>(&by[p])) s = std::min(s, to_millis(zone.end(*b, bucket_keys[p])));
  }
  return s;
}

BacklogDiff::BacklogDiff(std::size_t snapshots) : snapshots_(snapshots) {
  if (snapshots_ <= dense_limit) dense_.assign(snapshots_ + 1, 0);
}

void BacklogDiff::add(std::uint32_t lo, std::uint32_t hi) {
  if (!dense_.empty()) {
    ++dense_[lo];
    --dense_[hi];
    return;
  }
  runs_.emplace_back(lo, 1);
  runs_.emplace_back(hi, -1);
  if (runs_.size() >= 2 * compacted_ + 4096) compact();
}

void BacklogDiff::add_difference(std::uint32_t index, std::int64_t delta) {
  if (!dense_.empty()) {
    dense_[index] += delta;
    return;
  }
  runs_.emplace_back(index, delta);
  if (runs_.size() >= 2 * compacted_ + 4096) compact();
}

void BacklogDiff::compact() {
  std::sort(runs_.begin(), runs_.end());
  std::vector<std::pair<std::uint32_t, std::int64_t>> out;
  out.reserve(runs_.size());
  for (const auto& [index, delta] : runs_) {
    if (!out.empty() && out.back().first == index) {
      out.back().second += delta;
    } else {
      out.emplace_back(index, delta);
    }
    if (out.back().second == 0) out.pop_back();
  }
  runs_ = std::move(out);
  compacted_ = runs_.size();
}

void BacklogDiff::merge(const BacklogDiff& other) {
  if (!dense_.empty() && dense_.size() == other.dense_.size()) {
    for (std::size_t i = 0; i < dense_.size(); ++i) dense_[i] += other.dense_[i];
    return;
  }
  for (const auto& [index, delta] : other.differences()) {
    if (!dense_.empty()) {
      dense_[index] += delta;
    } else {
      runs_.emplace_back(index, delta);
    }
  }
  if (dense_.empty()) compact();
}

std::vector<std::pair<std::uint32_t, std::int64_t>> BacklogDiff::differences() const {
  if (dense_.empty()) {
    BacklogDiff copy = *this;
    copy.compact();
    return copy.runs_;
  }
  std::vector<std::pair<std::uint32_t, std::int64_t>> out;
  for (std::size_t i = 0; i < dense_.size(); ++i) {
    if (dense_[i] != 0) out.emplace_back(static_cast<std::uint32_t>(i), dense_[i]);
  }
  return out;
}

std::vector<std::uint64_t> BacklogDiff::counts() const {
  std::vector<std::uint64_t> out(snapshots_, 0);
  std::int64_t running = 0;
  std::size_t next = 0;
  const auto diffs = differences();
  for (std::size_t i = 0; i < snapshots_; ++i) {
    while (next < diffs.size() && diffs[next].first == i) running += diffs[next++].second;
    out[i] = static_cast<std::uint64_t>(running);
  }
  return out;
}

}  // namespace cskpi::detail
