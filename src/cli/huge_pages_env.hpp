// cli/huge_pages_env.hpp: run the command-line tool with glibc's malloc on transparent huge
// pages (docs/performance.md, "Huge pages").
#pragma once

namespace cskpi::cli {

/// When the environment does not choose glibc's `glibc.malloc.hugetlb` tunable, adds
/// `glibc.malloc.hugetlb=1` to GLIBC_TUNABLES and executes this program again with the same
/// arguments (tunables are read only at start-up). Returns (doing nothing) when the variable
/// already chooses, when CSKPI_MALLOC_HUGE_PAGES=0, or when the program cannot be executed
/// again; on success it does not return.
void reexec_with_huge_pages(char** argv) noexcept;

}  // namespace cskpi::cli
