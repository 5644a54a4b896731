// cskpi/model/integer_column.hpp: a column of optional integers as narrow as its values allow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "cskpi/model/dictionary.hpp"

namespace cskpi {

/// Row i is column[i], `absent` for a record without the field (counts and durations in
/// milliseconds). No memory while no record carries the field; then 1 byte a row while every
/// value is 0 … 254 (contacts and reopens: small counts; when `absent` is not one), 4 while
/// every value fits in 32 bits (handle and wait times under 24 days), else 8: the column widens,
/// copying its rows, when a value needs it.
class IntegerColumn {
 public:
  explicit IntegerColumn(std::int64_t absent) : absent_(absent) {}

  [[nodiscard]] std::int64_t operator[](std::size_t row) const noexcept {
    if (!small_.empty()) return small_[row] == small_absent ? absent_ : std::int64_t{small_[row]};
    if (!narrow_.empty()) return narrow_[row];
    return wide_.empty() ? absent_ : wide_[row];
  }
  /// The value of records without the field.
  [[nodiscard]] std::int64_t absent() const noexcept { return absent_; }
  /// True when some record carries the field.
  [[nodiscard]] bool stored() const noexcept { return !small_.empty() || !narrow_.empty() || !wide_.empty(); }
  /// Bytes a row: 0 while nothing is stored, then 1, 4 or 8.
  [[nodiscard]] std::size_t width() const noexcept {
    return !small_.empty() ? 1 : !narrow_.empty() ? 4 : wide_.empty() ? 0 : 8;
  }

  /// Appends row `row` (the column's rows so far: every column of the table has `row` rows).
  [[gnu::always_inline]] void push_back(std::size_t row, std::int64_t value) {
    if (!small_.empty() && (fits_small(value) || value == absent_)) {
      small_.push_back(value == absent_ ? small_absent : static_cast<std::uint8_t>(value));
      return;
    }
    if (!narrow_.empty() && fits(value)) {
      narrow_.push_back(static_cast<std::int32_t>(value));
      return;
    }
    if (value == absent_ && !stored()) return;  // nothing is stored while every row is absent
    push_other(row, value);
  }
  /// Room for `rows` rows, used when the first value comes (nothing is allocated before).
  void reserve(std::size_t rows);
  /// The reserved room the next `rows` rows will write, when at least min_unwritten bytes.
  void unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const;

 private:
  static constexpr std::uint8_t small_absent = 255;
  [[nodiscard]] static bool fits_small(std::int64_t v) noexcept { return v >= 0 && v < small_absent; }
  [[nodiscard]] static bool fits(std::int64_t v) noexcept {
    return v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max();
  }
  // The rare appends: the first present value, a value past 1 byte or 32 bits, an 8-byte column.
  [[gnu::noinline]] void push_other(std::size_t row, std::int64_t value);
  // Every row moves to `to` (narrow_ or wide_, empty), decoded from the narrower column.
  template <class T>
  void widen_into(std::vector<T>& to, std::size_t row);

  std::int64_t absent_;
  std::size_t capacity_ = 0;
  std::vector<std::uint8_t> small_;   // every row while all are 0 … 254 (small_absent: absent)
  std::vector<std::int32_t> narrow_;  // every row while all fit 32 bits (absent_ must fit too)
  std::vector<std::int64_t> wide_;    // every row once one does not
};

}  // namespace cskpi
