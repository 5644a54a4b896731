// detail/column_room.hpp: the room of a column written once, front to back (reserving it on
// huge pages, and listing what is reserved and not yet written for a populating thread).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "cskpi/model/dictionary.hpp"
#include "detail/huge_pages.hpp"

namespace cskpi::detail {

/// Reserves `column` for `n` values on huge pages.
template <class T>
void reserve_column(std::vector<T>& column, std::size_t n) {
  if (n <= column.capacity()) return;
  column.reserve(n);
  advise_huge_pages(column.data(), column.capacity() * sizeof(T));
}

/// Appends the room for up to `rows` more values past the column's last one, when reserved
/// and at least min_unwritten bytes.
template <class T>
void spare_of(const std::vector<T>& column, std::size_t rows, std::vector<MemorySpan>& out) {
  const std::size_t n = std::min(column.capacity() - column.size(), rows);
  if (n * sizeof(T) >= min_unwritten) out.push_back({column.data() + column.size(), n * sizeof(T)});
}

}  // namespace cskpi::detail
