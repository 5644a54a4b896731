// Private: equality of short texts (labels, ids, enumerated values) without a call to memcmp:
// most are 1-16 bytes, compared in at most two overlapping loads of each.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace cskpi::detail {

inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (b.size() != n) return false;
  const char* p = a.data();
  const char* q = b.data();
  const auto load64 = [](const char* s) {
    std::uint64_t v = 0;
    std::memcpy(&v, s, 8);
    return v;
  };
  const auto load32 = [](const char* s) {
    std::uint32_t v = 0;
    std::memcpy(&v, s, 4);
    return v;
  };
  if (n >= 8 && n <= 16) return load64(p) == load64(q) && load64(p + n - 8) == load64(q + n - 8);
  if (n >= 4 && n < 8) return load32(p) == load32(q) && load32(p + n - 4) == load32(q + n - 4);
  if (n < 4) {
    for (std::size_t i = 0; i < n; ++i) {
      if (p[i] != q[i]) return false;
    }
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

}  // namespace cskpi::detail
