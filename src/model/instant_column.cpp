#include "cskpi/model/instant_column.hpp"

#include <algorithm>

#include "detail/column_room.hpp"

namespace cskpi {
using detail::reserve_column;
using detail::spare_of;

void InstantColumn::append_millis(std::vector<std::int64_t>& out) const {
  for (std::size_t row = 0; row < size(); ++row) out.push_back((*this)[row]);
}

std::vector<std::int64_t> InstantColumn::millis() const {
  if (wide_mode_) return millis_;
  std::vector<std::int64_t> out;
  out.reserve(seconds_.size());
  append_millis(out);
  return out;
}

void InstantColumn::push_other(std::int64_t ms) {
  if (!wide_mode_ && !based_) {  // the first instant
    based_ = true;
    base_ms_ = ms;
    seconds_.push_back(0);
    return;
  }
  if (!wide_mode_) {  // not whole seconds from the first, or too far: 8 bytes a row
    std::vector<std::int64_t> wide;
    reserve_column(wide, std::max(seconds_.capacity(), seconds_.size() + 1));
    append_millis(wide);
    millis_.swap(wide);
    std::vector<std::int32_t>().swap(seconds_);
    wide_mode_ = true;
  }
  millis_.push_back(ms);
}

void InstantColumn::reserve(std::size_t rows) {
  if (wide_mode_) {
    reserve_column(millis_, rows);
  } else {
    reserve_column(seconds_, rows);
  }
}

void InstantColumn::unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const {
  if (wide_mode_) {
    spare_of(millis_, rows, out);
  } else {
    spare_of(seconds_, rows, out);
  }
}

}  // namespace cskpi
