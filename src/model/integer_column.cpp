#include "cskpi/model/integer_column.hpp"

#include <algorithm>

#include "detail/column_room.hpp"

namespace cskpi {
using detail::reserve_column;
using detail::spare_of;

void IntegerColumn::push_other(std::size_t row, std::int64_t value) {
  if (!wide_.empty()) {
    wide_.push_back(value);
    return;
  }
  if (narrow_.empty()) {  // nothing stored yet: `value` is the first present one
    if (fits(value) && fits(absent_)) {
      reserve_column(narrow_, std::max(capacity_, row + 1));
      narrow_.assign(row, static_cast<std::int32_t>(absent_));
      narrow_.push_back(static_cast<std::int32_t>(value));
      return;
    }
    reserve_column(wide_, std::max(capacity_, row + 1));
    wide_.assign(row, absent_);
    wide_.push_back(value);
    return;
  }
  // A value past 32 bits: every row moves to 8 bytes.
  reserve_column(wide_, std::max(capacity_, row + 1));
  wide_.assign(narrow_.begin(), narrow_.end());
  std::vector<std::int32_t>().swap(narrow_);
  wide_.push_back(value);
}

void IntegerColumn::reserve(std::size_t rows) {
  capacity_ = rows;
  if (!narrow_.empty()) reserve_column(narrow_, rows);
  if (!wide_.empty()) reserve_column(wide_, rows);
}

void IntegerColumn::unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const {
  if (!narrow_.empty()) spare_of(narrow_, rows, out);
  if (!wide_.empty()) spare_of(wide_, rows, out);
}

}  // namespace cskpi
