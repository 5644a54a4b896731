#include "cli/huge_pages_env.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace cskpi::cli {

namespace {

constexpr std::string_view tunable = "glibc.malloc.hugetlb";

// The GLIBC_TUNABLES value with huge pages for malloc, or "" when nothing is to change.
std::string tunables_with_huge_pages() {
  const char* opt_out = std::getenv("CSKPI_MALLOC_HUGE_PAGES");
  if (opt_out != nullptr && std::string_view{opt_out} == "0") return {};
  const char* current = std::getenv("GLIBC_TUNABLES");
  const std::string_view now = current == nullptr ? std::string_view{} : std::string_view{current};
  if (now.find(tunable) != std::string_view::npos) return {};  // chosen by the user (or done)
  std::string value{now};
  if (!value.empty()) value += ':';
  value += tunable;
  value += "=1";
  return value;
}

}  // namespace

void reexec_with_huge_pages(char** argv) noexcept {
#if defined(__linux__) && defined(__GLIBC__)
  try {
    const std::string value = tunables_with_huge_pages();
    if (value.empty()) return;
    if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
    ::execv("/proc/self/exe", argv);  // returns only on failure: then run as we are
  } catch (...) {  // no memory for a string: run as we are
  }
#else
  (void)argv;
#endif
}

}  // namespace cskpi::cli
