// cskpi/model/code_column.hpp: a column of dimension codes as narrow as its codes allow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "cskpi/model/dictionary.hpp"

namespace cskpi {

/// A dimension's codes, one per row (`no_code`: the row has no label). No memory while every
/// row is absent; then 1 byte a row while every code is below 255, 2 while below 65,535, else
/// 4: the column widens (once per width, copying its rows) when a code needs it. Most
/// dimensions have a few labels (channels, topics, priorities, a few hundred agents), so a row
/// takes a byte or two where a 32-bit code took 4.
class CodeColumn {
 public:
  CodeColumn() = default;
  CodeColumn(const CodeColumn& other);
  CodeColumn& operator=(const CodeColumn& other);
  CodeColumn(CodeColumn&& other) noexcept;
  CodeColumn& operator=(CodeColumn&& other) noexcept;
  ~CodeColumn() = default;

  /// Row `row`'s code: one unaligned 4-byte load masked to the width, whatever the width (the
  /// 4 bytes after the last row are always there; a column with nothing stored reads a word of
  /// all ones: absent).
  [[nodiscard]] std::uint32_t operator[](std::size_t row) const noexcept {
    std::uint32_t v = 0;
    std::memcpy(&v, read_ + row * width_, 4);
    v &= mask_;
    return v == mask_ ? no_code : v;  // all ones at the width: absent
  }
  /// True when some row has a code (a column whose every row is absent stores nothing).
  [[nodiscard]] bool stored() const noexcept { return width_ != 0; }
  /// Bytes a row: 0 while nothing is stored, then 1, 2 or 4.
  [[nodiscard]] std::size_t width() const noexcept { return width_; }
  /// The codes, one per row once stored(), empty before (a copy, 4 bytes a row).
  [[nodiscard]] std::vector<std::uint32_t> values() const;

  /// Appends row `row` (the column's rows so far: every column of the table has `row` rows).
  [[gnu::always_inline]] void push_back(std::size_t row, std::uint32_t code) {
    if (width_ == 0 && code == no_code) return;  // nothing is stored while every row is absent
    if (width_ != 0 && (code < mask_ || code == no_code) && end_ + 8 <= room_) {
      std::memcpy(data_.get() + end_, &code, 4);  // the low `width_` bytes count (no_code: all ones)
      end_ += width_;
      return;
    }
    push_other(row, code);
  }
  /// A column of `rows` rows at `width` bytes a row (1, 2 or 4) whose bytes are not written yet:
  /// set() each row before it is read (threads may set rows of their own, faulting their pages in).
  [[nodiscard]] static CodeColumn rows_to_set(unsigned width, std::size_t rows);
  /// Overwrites row `row` (one of the rows) with `code`, which fits the width (or no_code). Only
  /// that row's bytes are written, so threads may set rows of their own at the same time.
  void set(std::size_t row, std::uint32_t code) noexcept {
    std::uint8_t* const at = data_.get() + row * width_;
    switch (width_) {
      case 1: *at = static_cast<std::uint8_t>(code); break;
      case 2: {
        const auto narrow = static_cast<std::uint16_t>(code);
        std::memcpy(at, &narrow, 2);
        break;
      }
      default: std::memcpy(at, &code, 4); break;
    }
  }
  /// The whole column at once: one code per row (or none), stored at the narrowest width.
  void assign(const std::vector<std::uint32_t>& codes);
  /// Room for `rows` rows, used when the first code comes and at each widening.
  void reserve(std::size_t rows);
  /// The reserved room the next `rows` rows will write, when at least min_unwritten bytes.
  void unwritten_reserve(std::size_t rows, std::vector<MemorySpan>& out) const;

 private:
  static constexpr std::uint8_t all_ones[4] = {0xFF, 0xFF, 0xFF, 0xFF};
  // The rare appends: the first code, a code wider than the column, a full buffer.
  [[gnu::noinline]] void push_other(std::size_t row, std::uint32_t code);
  // The width a code needs.
  [[nodiscard]] static unsigned width_for(std::uint32_t code) noexcept;
  // A fresh buffer of `rows` unwritten rows at `width` (room for the capacity), the word after
  // them written all ones.
  void start(unsigned width, std::size_t rows);
  // Stores the `rows` rows so far (all absent while nothing is stored) at a greater `width`.
  void widen(unsigned width, std::size_t rows);
  // Moves the rows to a buffer of `bytes` (at least end_ + 8).
  void reallocate(std::size_t bytes);

  unsigned width_ = 0;
  std::uint32_t mask_ = 0xFFFFFFFFu;  // all ones at the width (4 bytes while nothing is stored)
  std::size_t capacity_ = 0;           // rows reserve() asked for
  std::size_t end_ = 0;                // bytes of rows: rows × width_
  std::size_t room_ = 0;               // bytes of data_: at least end_ + 8 once stored
  std::unique_ptr<std::uint8_t[]> data_;  // rows, then bytes of which the 4 after end_ are written
  const std::uint8_t* read_ = all_ones;   // data_, or all_ones while nothing is stored
};

}  // namespace cskpi
