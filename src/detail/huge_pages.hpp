// detail/huge_pages.hpp: asking the kernel for transparent huge pages under a large buffer.
#pragma once

#include <cstddef>

namespace cskpi::detail {

/// Advises the kernel that the whole 2 MiB pages inside [data, data + bytes) should be backed by
/// huge pages (madvise MADV_HUGEPAGE) — for buffers that are probed at random (hash tables) or
/// written once front to back (columns): one TLB entry and one page fault per 2 MiB instead of
/// per 4 KiB. Call it before the pages are first touched. A no-op for buffers under 4 MiB, on
/// systems without the call, and when the kernel refuses (THP "never"): it only changes speed.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

}  // namespace cskpi::detail
