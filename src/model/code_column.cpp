#include "cskpi/model/code_column.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "detail/huge_pages.hpp"

namespace cskpi {

static_assert(std::endian::native == std::endian::little, "rows are read as the low bytes of a word");

CodeColumn::CodeColumn(const CodeColumn& other)
    : width_(other.width_), mask_(other.mask_), capacity_(other.capacity_), end_(other.end_) {
  if (width_ == 0) return;
  room_ = end_ + 8;
  data_ = std::make_unique_for_overwrite<std::uint8_t[]>(room_);
  std::memcpy(data_.get(), other.data_.get(), end_ + 4);
  read_ = data_.get();
}

CodeColumn& CodeColumn::operator=(const CodeColumn& other) {
  if (this != &other) *this = CodeColumn(other);
  return *this;
}

CodeColumn::CodeColumn(CodeColumn&& other) noexcept
    : width_(std::exchange(other.width_, 0)),
      mask_(std::exchange(other.mask_, 0xFFFFFFFFu)),
      capacity_(std::exchange(other.capacity_, 0)),
      end_(std::exchange(other.end_, 0)),
      room_(std::exchange(other.room_, 0)),
      data_(std::move(other.data_)),
      read_(std::exchange(other.read_, all_ones)) {}

CodeColumn& CodeColumn::operator=(CodeColumn&& other) noexcept {
  if (this == &other) return *this;
  width_ = std::exchange(other.width_, 0);
  mask_ = std::exchange(other.mask_, 0xFFFFFFFFu);
  capacity_ = std::exchange(other.capacity_, 0);
  end_ = std::exchange(other.end_, 0);
  room_ = std::exchange(other.room_, 0);
  data_ = std::move(other.data_);
  read_ = std::exchange(other.read_, all_ones);
  return *this;
}

std::vector<std::uint32_t> CodeColumn::values() const {
  std::vector<std::uint32_t> out;
  const std::size_t rows = width_ == 0 ? 0 : end_ / width_;
  out.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row) out.push_back((*this)[row]);
  return out;
}

unsigned CodeColumn::width_for(std::uint32_t code) noexcept {
  if (code < 0xFFu) return 1;
  if (code < 0xFFFFu) return 2;
  return 4;
}

void CodeColumn::reallocate(std::size_t bytes) {
  auto data = std::make_unique_for_overwrite<std::uint8_t[]>(bytes);
  detail::advise_huge_pages(data.get(), bytes);
  std::memcpy(data.get(), read_, width_ == 0 ? 4 : end_ + 4);  // the rows and the word after them
  data_ = std::move(data);
  read_ = data_.get();
  room_ = bytes;
}

void CodeColumn::start(unsigned width, std::size_t rows) {
  capacity_ = std::max(capacity_, rows);
  width_ = width;
  mask_ = width == 4 ? 0xFFFFFFFFu : (std::uint32_t{1} << (8 * width)) - 1;
  end_ = rows * width;
  room_ = (capacity_ + 1) * width + 8;
  data_ = std::make_unique_for_overwrite<std::uint8_t[]>(room_);
  detail::advise_huge_pages(data_.get(), room_);
  std::memset(data_.get() + end_, 0xFF, 4);  // the word after the rows
  read_ = data_.get();
}

void CodeColumn::widen(unsigned width, std::size_t rows) {
  const CodeColumn old = std::move(*this);
  capacity_ = old.capacity_;
  start(width, rows);
  if (!old.stored()) {
    std::memset(data_.get(), 0xFF, end_);  // every row absent
    return;
  }
  for (std::size_t row = 0; row < rows; ++row) set(row, old[row]);
}

CodeColumn CodeColumn::rows_to_set(unsigned width, std::size_t rows) {
  CodeColumn column;
  column.start(width, rows);
  return column;
}

void CodeColumn::push_other(std::size_t row, std::uint32_t code) {
  if (width_ == 0 && code == no_code) return;  // nothing is stored while every row is absent
  if (width_ == 0 || (code != no_code && code >= mask_)) {  // the first code, or a wider one
    widen(std::max(width_, width_for(code)), row);
  }
  if (end_ + 8 > room_) reallocate(std::max(2 * room_, end_ + 8));
  push_back(row, code);
}

void CodeColumn::assign(const std::vector<std::uint32_t>& codes) {
  unsigned width = 0;
  for (const std::uint32_t c : codes) {
    if (c != no_code) width = std::max(width, width_for(c));
  }
  const std::size_t capacity = capacity_;
  *this = CodeColumn{};
  capacity_ = capacity;
  if (width == 0) return;  // every row absent: nothing stored
  start(width, codes.size());
  for (std::size_t row = 0; row < codes.size(); ++row) set(row, codes[row]);
}

void CodeColumn::reserve(std::size_t rows) {
  capacity_ = rows;
  const std::size_t bytes = rows * width_ + 8;
  if (width_ != 0 && bytes > room_) reallocate(bytes);
}

void CodeColumn::unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const {
  if (width_ == 0 || room_ < end_ + 8) return;
  const std::size_t n = std::min(room_ - end_ - 8, rows * width_);
  if (n >= min_unwritten) out.push_back({data_.get() + end_ + 8, n});
}

}  // namespace cskpi
