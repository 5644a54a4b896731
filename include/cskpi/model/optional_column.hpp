// cskpi/model/optional_column.hpp: a column of an optional field that takes no memory while no
// record carries the field (many exports have no cost, wait or abandon columns at all).
#pragma once

#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace cskpi {

/// Row i is column[i], `absent` for a record without the field. Its values are stored only from
/// the first record that has one (the rows before it are then filled with `absent`), so a field
/// no record carries costs nothing. `absent` is a NaN for floating-point columns.
template <class T>
class OptionalColumn {
 public:
  explicit OptionalColumn(T absent) : absent_(absent) {}

  [[nodiscard]] T operator[](std::size_t row) const noexcept { return values_.empty() ? absent_ : values_[row]; }
  /// The value of records without the field.
  [[nodiscard]] T absent() const noexcept { return absent_; }
  /// True when some record carries the field; values() then holds one value per row.
  [[nodiscard]] bool stored() const noexcept { return !values_.empty(); }
  /// One value per row once stored(), empty before.
  [[nodiscard]] const std::vector<T>& values() const noexcept { return values_; }

  /// Appends row `row` (the column's rows so far: every column of the table has `row` rows).
  /// Inline where the rows are appended (a call per field of each record was 3 % of a load).
  [[gnu::always_inline]] void push_back(std::size_t row, T value) {
    if (values_.empty()) {  // nothing stored while every row is absent; the first value out of the way
      if (!is_absent(value)) push_first(row, value);
      return;
    }
    values_.push_back(value);
  }
  /// The whole column at once: one value per row, or none when every row is absent.
  void assign(std::vector<T> values) { values_ = std::move(values); }
  /// Room for `rows` rows, used when the first value comes (nothing is allocated before).
  void reserve(std::size_t rows) {
    capacity_ = rows;
    if (!values_.empty()) values_.reserve(rows);
  }

 private:
  // The rows so far absent, then `value` (not absent).
  [[gnu::noinline]] void push_first(std::size_t row, T value) {
    values_.reserve(capacity_ > row ? capacity_ : row + 1);
    values_.assign(row, absent_);
    values_.push_back(value);
  }

  [[nodiscard]] bool is_absent(T value) const noexcept {
    if constexpr (std::is_floating_point_v<T>) {
      return std::isnan(value);
    } else {
      return value == absent_;
    }
  }

  T absent_;
  std::size_t capacity_ = 0;
  std::vector<T> values_;
};

}  // namespace cskpi
