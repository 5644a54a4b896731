#include "cskpi/metrics/duration_stats.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "cskpi/error.hpp"
#include "cskpi/stats.hpp"

namespace cskpi {

namespace {

std::int64_t checked_sum(std::int64_t a, std::int64_t b) {
  using limits = std::numeric_limits<std::int64_t>;
  if ((b > 0 && a > limits::max() - b) || (b < 0 && a < limits::min() - b)) {
    throw Error(ErrorCode::invalid_argument, "DurationAccumulator: the sum of durations overflows (adding " +
                                                 std::to_string(b) + " ms to " + std::to_string(a) + " ms)");
  }
  return a + b;
}

}  // namespace

// The state changes only once nothing can throw any more (strong guarantee).
void DurationAccumulator::add(Milliseconds d) {
  const std::int64_t sum = checked_sum(sum_ms_, d.count());
  samples_.push_back(d.count());
  sum_ms_ = sum;
}

void DurationAccumulator::merge(const DurationAccumulator& other) {
  const std::int64_t sum = checked_sum(sum_ms_, other.sum_ms_);
  if (this == &other) {
    const std::vector<std::int64_t> copy = other.samples_;  // inserting a range of itself is undefined
    samples_.insert(samples_.end(), copy.begin(), copy.end());
  } else {
    samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  }
  sum_ms_ = sum;
}

DurationSummary DurationAccumulator::result() const {
  DurationSummary r;
  r.count = samples_.size();
  if (samples_.empty()) return r;
  // One correctly rounded division of exact integers: ms / (1000·n) seconds.
  r.mean = std::chrono::duration<double>{static_cast<double>(sum_ms_) / (1000.0 * static_cast<double>(r.count))};
  // Two selections instead of a sort: O(n). The median's rank is at most p90's, so the
  // second selection only looks below the p90 position.
  std::vector<std::int64_t> values = samples_;
  const auto k90 = static_cast<std::ptrdiff_t>(nearest_rank_index(values.size(), 0.9)) - 1;
  const auto k50 = static_cast<std::ptrdiff_t>(nearest_rank_index(values.size(), 0.5)) - 1;
  std::nth_element(values.begin(), values.begin() + k90, values.end());
  r.p90 = Milliseconds{values[static_cast<std::size_t>(k90)]};
  std::nth_element(values.begin(), values.begin() + k50, values.begin() + k90);
  r.median = Milliseconds{values[static_cast<std::size_t>(k50)]};
  return r;
}

}  // namespace cskpi
