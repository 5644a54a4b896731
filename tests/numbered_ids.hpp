// Test helper of the dictionary tests: ids made of a prefix and a fixed count of digits.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

namespace cskpi::test {

/// `prefix` and `n` in `width` digits, zero-padded ("C0012345": the benchmark's customers).
inline std::string numbered(std::uint64_t n, std::size_t width, const std::string& prefix = "C") {
  std::string digits = std::to_string(n);
  return prefix + std::string(width - std::min(width, digits.size()), '0') + digits;
}

}  // namespace cskpi::test
