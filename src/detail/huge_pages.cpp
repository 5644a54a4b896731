#include "detail/huge_pages.hpp"

#include <cstdint>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace cskpi::detail {

namespace {

#if defined(__linux__)
// The whole `align`-aligned blocks inside [data, data + bytes): their start and length (0: none).
std::pair<void*, std::size_t> whole_blocks(const void* data, std::size_t bytes, std::uintptr_t align) noexcept {
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + align - 1) & ~(align - 1);
  const std::uintptr_t last = (begin + bytes) & ~(align - 1);
  if (data == nullptr || last <= first) return {nullptr, 0};
  return {const_cast<char*>(static_cast<const char*>(data)) + (first - begin), last - first};
}

constexpr std::uintptr_t page = 4096;
#endif

}  // namespace

void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  if (bytes < 2 * huge) return;
  const auto [first, length] = whole_blocks(data, bytes, huge);
  // The result is ignored on purpose: without huge pages the buffer works the same, slower.
  if (length > 0) (void)::madvise(first, length, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

void populate_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  const auto [first, length] = whole_blocks(data, bytes, page);
  // Ignored on purpose: memory freed meanwhile (ENOMEM) or an old kernel (EINVAL) only means
  // the first write faults the page itself.
  if (length > 0) (void)::madvise(first, length, MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

void drop_mapped_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_DONTNEED)
  const auto [first, length] = whole_blocks(data, bytes, page);
  if (length > 0) (void)::madvise(first, length, MADV_DONTNEED);  // advice: ignored on failure
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace cskpi::detail
