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

/// Has the kernel fault in (allocate and zero) the whole pages inside [data, data + bytes) now,
/// without changing their contents (madvise MADV_POPULATE_WRITE), so that a later first write
/// does not stop for it: a loader calls it on a spare thread for the memory it is about to fill.
/// A no-op where the call does not exist (Linux before 5.14); pages already there cost a walk.
void populate_pages(const void* data, std::size_t bytes) noexcept;

/// Unmaps the whole pages inside [data, data + bytes) of a read-only file mapping that is read
/// no more (madvise MADV_DONTNEED): the file stays in the page cache, but the pages no longer
/// count as the process's memory. Reading them again would map them again. A no-op elsewhere.
void drop_mapped_pages(const void* data, std::size_t bytes) noexcept;

}  // namespace cskpi::detail
