// cskpi/exact_sum.hpp: an exact sum of 64-bit integers that cannot overflow, for the
// accumulators' millisecond and micro-unit totals (docs/reliability.md, "Arithmetic").
#pragma once

#include <cstdint>

namespace cskpi {

/// A 128-bit two's-complement integer kept as two words (portable C++17, no __int128): 2^63
/// additions of the largest int64 still fit, so no sum of a data set's values can overflow, and
/// the sum is the same in any order of add and merge.
class ExactSum {
 public:
  constexpr void add(std::int64_t value) noexcept {
    const auto v = static_cast<std::uint64_t>(value);
    low_ += v;
    high_ += (low_ < v ? 1u : 0u) + (value < 0 ? ~std::uint64_t{0} : 0u);  // carry, sign extension
  }
  constexpr void add(ExactSum other) noexcept {  // by value: a sum may add itself
    low_ += other.low_;
    high_ += other.high_ + (low_ < other.low_ ? 1u : 0u);
  }
  /// The sum as a double: exact while it fits 53 bits, else the nearest double of its int64
  /// value, else high·2^64 + low rounded (a sum beyond 2^63 is far from any real total).
  [[nodiscard]] constexpr double to_double() const noexcept {
    if (fits_int64()) return static_cast<double>(static_cast<std::int64_t>(low_));
    return static_cast<double>(static_cast<std::int64_t>(high_)) * 18446744073709551616.0 + static_cast<double>(low_);
  }
  /// Whether the sum is within int64 (the common case: then to_double() is one rounding).
  [[nodiscard]] constexpr bool fits_int64() const noexcept {
    return (high_ == 0 && low_ >> 63 == 0) || (high_ == ~std::uint64_t{0} && low_ >> 63 == 1);
  }
  [[nodiscard]] constexpr std::uint64_t high_word() const noexcept { return high_; }
  /// The sum whose words are these (the partial-state format stores the two words).
  [[nodiscard]] static constexpr ExactSum of_words(std::uint64_t high, std::uint64_t low) noexcept {
    ExactSum s;
    s.high_ = high;
    s.low_ = low;
    return s;
  }
  [[nodiscard]] constexpr std::uint64_t low_word() const noexcept { return low_; }
  friend constexpr bool operator==(const ExactSum& a, const ExactSum& b) noexcept {
    return a.low_ == b.low_ && a.high_ == b.high_;
  }
  friend constexpr bool operator!=(const ExactSum& a, const ExactSum& b) noexcept { return !(a == b); }

 private:
  std::uint64_t low_ = 0;
  std::uint64_t high_ = 0;  // the value is (int64)high_·2^64 + low_
};

}  // namespace cskpi
