#include "cskpi/metrics/productivity.hpp"

#include <algorithm>
#include <iterator>

namespace cskpi {
namespace {

// The day as an offset from 2^31 days before 1970 fits 32 bits for any TimePoint in range.
constexpr std::int64_t day_bias = 0x7FFFFFFF;

}  // namespace

std::uint64_t ProductivityAccumulator::pack(std::uint32_t agent, std::int64_t day) noexcept {
  const auto day_bits = static_cast<std::uint64_t>(day + day_bias) & 0xFFFFFFFFull;
  return (std::uint64_t{agent} << 32) | day_bits;
}

std::int64_t ProductivityAccumulator::day_of(std::uint64_t pair) noexcept {
  return static_cast<std::int64_t>(pair & 0xFFFFFFFFull) - day_bias;
}

void ProductivityAccumulator::add(std::uint32_t agent, std::int64_t day) {
  const std::uint64_t p = pack(agent, day);
  std::uint64_t& recent = recent_[(p * 0x9E3779B97F4A7C15ull) >> recent_shift_];
  if (recent == p + 1) return;  // seen (stored + 1, so that 0 means empty)
  recent = p + 1;
  pairs_.push_back(p);
  if (pairs_.size() >= 2 * compacted_ + 1024) compact();
}

void ProductivityAccumulator::compact() {
  if (compacted_ == pairs_.size()) return;
  const auto middle = pairs_.begin() + static_cast<std::ptrdiff_t>(compacted_);
  const std::size_t appended = pairs_.size() - compacted_;
  std::sort(middle, pairs_.end());
  std::inplace_merge(pairs_.begin(), middle, pairs_.end());
  const auto distinct = std::unique(pairs_.begin(), pairs_.end());
  const auto repeats = static_cast<std::size_t>(std::distance(distinct, pairs_.end()));
  pairs_.erase(distinct, pairs_.end());
  compacted_ = pairs_.size();
  constexpr std::size_t widest = 1024;
  if (2 * repeats > appended && recent_.size() < widest) {
    recent_.assign(recent_.size() * 4, 0);
    recent_shift_ -= 2;
  }
}

void ProductivityAccumulator::merge(const ProductivityAccumulator& other) {
  if (this == &other) return;  // a set united with itself
  pairs_.insert(pairs_.end(), other.pairs_.begin(), other.pairs_.end());
  compact();
}

void ProductivityAccumulator::assign(std::vector<std::uint64_t> pairs) {
  pairs_ = std::move(pairs);
  compacted_ = 0;
  std::fill(recent_.begin(), recent_.end(), 0);  // the codes may have changed
  compact();
}

ProductivityResult ProductivityAccumulator::result(std::uint64_t handled, std::uint64_t resolved) const {
  ProductivityResult r;
  r.handled = handled;
  r.resolved = resolved;
  if (compacted_ == pairs_.size()) {
    r.active_days = pairs_.size();
  } else {
    std::vector<std::uint64_t> copy = pairs_;
    std::sort(copy.begin(), copy.end());
    r.active_days = static_cast<std::uint64_t>(std::distance(copy.begin(), std::unique(copy.begin(), copy.end())));
  }
  if (r.active_days > 0) r.resolved_per_day = static_cast<double>(r.resolved) / static_cast<double>(r.active_days);
  return r;
}

}  // namespace cskpi
