#include "cskpi/model/integer_column.hpp"

#include <algorithm>

#include "detail/huge_pages.hpp"

namespace cskpi {
namespace {

template <class T>
void reserve_rows(std::vector<T>& v, std::size_t n) {
  if (n <= v.capacity()) return;
  v.reserve(n);
  detail::advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

template <class T>
void spare_of(const std::vector<T>& v, std::size_t rows, std::vector<MemorySpan>& out) {
  const std::size_t n = std::min(v.capacity() - v.size(), rows);
  if (n * sizeof(T) >= min_unwritten) out.push_back({v.data() + v.size(), n * sizeof(T)});
}

}  // namespace

void IntegerColumn::push_other(std::size_t row, std::int64_t value) {
  if (!wide_.empty()) {
    wide_.push_back(value);
    return;
  }
  if (narrow_.empty()) {  // nothing stored yet
    if (value == absent_) return;
    if (fits(value) && fits(absent_)) {
      reserve_rows(narrow_, std::max(capacity_, row + 1));
      narrow_.assign(row, static_cast<std::int32_t>(absent_));
      narrow_.push_back(static_cast<std::int32_t>(value));
      return;
    }
    reserve_rows(wide_, std::max(capacity_, row + 1));
    wide_.assign(row, absent_);
    wide_.push_back(value);
    return;
  }
  // A value past 32 bits: every row moves to 8 bytes.
  reserve_rows(wide_, std::max(capacity_, row + 1));
  wide_.assign(narrow_.begin(), narrow_.end());
  std::vector<std::int32_t>().swap(narrow_);
  wide_.push_back(value);
}

void IntegerColumn::reserve(std::size_t rows) {
  capacity_ = rows;
  if (!narrow_.empty()) reserve_rows(narrow_, rows);
  if (!wide_.empty()) reserve_rows(wide_, rows);
}

void IntegerColumn::unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const {
  if (!narrow_.empty()) spare_of(narrow_, rows, out);
  if (!wide_.empty()) spare_of(wide_, rows, out);
}

}  // namespace cskpi
