// cskpi/model/instant_column.hpp: a column of optional instants, 4 bytes a row while they are
// whole seconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "cskpi/model/dictionary.hpp"

namespace cskpi {

/// Column sentinel for an absent instant (milliseconds since the epoch otherwise).
inline constexpr std::int64_t no_instant = std::numeric_limits<std::int64_t>::min();

/// Row i is column[i]: milliseconds since the epoch, or no_instant. Exports give instants to
/// the second, so while every instant is a whole number of seconds from the column's first one,
/// within ±68 years of it, a row takes 4 bytes (those seconds); the column widens once to 8 bytes
/// a row (milliseconds), copying its rows, at the first instant that is not.
class InstantColumn {
 public:
  [[nodiscard]] std::int64_t operator[](std::size_t row) const noexcept {
    if (!wide_mode_) {
      const std::int32_t s = seconds_[row];
      return s == absent_seconds ? no_instant : base_ms_ + std::int64_t{s} * ms_per_second;
    }
    return millis_[row];
  }
  [[nodiscard]] std::size_t size() const noexcept { return wide_mode_ ? millis_.size() : seconds_.size(); }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  /// Bytes a row: 4 or 8.
  [[nodiscard]] std::size_t width() const noexcept { return wide_mode_ ? 8 : 4; }
  /// The rows reserved.
  [[nodiscard]] std::size_t capacity() const noexcept {
    return wide_mode_ ? millis_.capacity() : seconds_.capacity();
  }
  /// Every row, in milliseconds (no_instant for an absent one).
  [[nodiscard]] std::vector<std::int64_t> millis() const;

  [[gnu::always_inline]] void push_back(std::int64_t ms) {
    if (!wide_mode_) {
      if (ms == no_instant) {
        seconds_.push_back(absent_seconds);
        return;
      }
      std::int64_t from_base = 0;
      if (based_ && !__builtin_sub_overflow(ms, base_ms_, &from_base) && from_base % ms_per_second == 0 &&
          from_base >= least_ms && from_base <= most_ms) {
        seconds_.push_back(static_cast<std::int32_t>(from_base / ms_per_second));
        return;
      }
    }
    push_other(ms);
  }
  /// Room for `rows` rows, on huge pages.
  void reserve(std::size_t rows);
  /// The reserved room the next `rows` rows will write, when at least min_unwritten bytes.
  void unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const;

 private:
  static constexpr std::int64_t ms_per_second = 1000;
  static constexpr std::int32_t absent_seconds = std::numeric_limits<std::int32_t>::min();
  static constexpr std::int64_t least_ms = (std::int64_t{absent_seconds} + 1) * ms_per_second;
  static constexpr std::int64_t most_ms = std::int64_t{std::numeric_limits<std::int32_t>::max()} * ms_per_second;

  // The rare appends: the first instant, one that does not fit in seconds, an 8-byte column.
  [[gnu::noinline]] void push_other(std::int64_t ms);
  // Appends every row, in milliseconds, to `out`.
  void append_millis(std::vector<std::int64_t>& out) const;

  bool wide_mode_ = false;
  bool based_ = false;  // base_ms_ is set: the first instant
  std::int64_t base_ms_ = 0;
  std::vector<std::int32_t> seconds_;  // every row while narrow: seconds from base_ms_, or absent_seconds
  std::vector<std::int64_t> millis_;   // every row once wide
};

}  // namespace cskpi
