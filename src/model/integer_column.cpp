#include "cskpi/model/integer_column.hpp"

#include <algorithm>
#include <type_traits>

#include "detail/column_room.hpp"

namespace cskpi {
using detail::reserve_column;
using detail::spare_of;

template <class T>
void IntegerColumn::widen_into(std::vector<T>& to, std::size_t row) {
  reserve_column(to, std::max(capacity_, row + 1));
  for (std::size_t r = 0; r < row; ++r) to.push_back(static_cast<T>((*this)[r]));
  std::vector<std::uint8_t>().swap(small_);
  if constexpr (std::is_same_v<T, std::int64_t>) std::vector<std::int32_t>().swap(narrow_);  // to is wide_
}

void IntegerColumn::push_other(std::size_t row, std::int64_t value) {
  if (!wide_.empty()) {
    wide_.push_back(value);
    return;
  }
  if (!stored()) {  // nothing stored yet: `value` is the first present one, rows before absent
    if (fits_small(value) && !fits_small(absent_)) {
      reserve_column(small_, std::max(capacity_, row + 1));
      small_.assign(row, small_absent);
      small_.push_back(static_cast<std::uint8_t>(value));
    } else if (fits(value) && fits(absent_)) {
      reserve_column(narrow_, std::max(capacity_, row + 1));
      narrow_.assign(row, static_cast<std::int32_t>(absent_));
      narrow_.push_back(static_cast<std::int32_t>(value));
    } else {
      reserve_column(wide_, std::max(capacity_, row + 1));
      wide_.assign(row, absent_);
      wide_.push_back(value);
    }
    return;
  }
  // A value past what the rows take now: every row moves to 4 bytes, or to 8.
  if (narrow_.empty() && fits(value) && fits(absent_)) {
    widen_into(narrow_, row);
    narrow_.push_back(static_cast<std::int32_t>(value));
    return;
  }
  widen_into(wide_, row);
  wide_.push_back(value);
}

void IntegerColumn::reserve(std::size_t rows) {
  capacity_ = rows;
  if (!small_.empty()) reserve_column(small_, rows);
  if (!narrow_.empty()) reserve_column(narrow_, rows);
  if (!wide_.empty()) reserve_column(wide_, rows);
}

void IntegerColumn::unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const {
  if (!small_.empty()) spare_of(small_, rows, out);
  if (!narrow_.empty()) spare_of(narrow_, rows, out);
  if (!wide_.empty()) spare_of(wide_, rows, out);
}

}  // namespace cskpi
