// Private: the fixed-size key of a group (label codes and bucket keys), cheap to hash.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "cskpi/error.hpp"

namespace cskpi::detail {

class GroupKey {
 public:
  /// 8 label dimensions + 8 custom dimensions + 7 time buckets is the longest grouping.
  static constexpr std::size_t capacity = 24;

  void push(std::int64_t v) {
    if (size_ == capacity) throw Error(ErrorCode::invalid_argument, "a grouping has at most 24 parts");
    values_[size_++] = v;
  }
  /// Empties the key for reuse (the parts are overwritten by the next pushes).
  void clear() noexcept { size_ = 0; }
  [[nodiscard]] std::int64_t operator[](std::size_t i) const noexcept { return values_[i]; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  // A loop, not std::equal: that becomes a call to memcmp, costly for the one to three parts
  // of most keys (a comparison per record and grouping).
  friend bool operator==(const GroupKey& a, const GroupKey& b) noexcept {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (a.values_[i] != b.values_[i]) return false;
    }
    return true;
  }
  friend bool operator<(const GroupKey& a, const GroupKey& b) noexcept {
    return std::lexicographical_compare(a.values_.begin(), a.values_.begin() + a.size_, b.values_.begin(),
                                        b.values_.begin() + b.size_);
  }

 private:
  std::array<std::int64_t, capacity> values_{};
  std::size_t size_ = 0;
};

struct GroupKeyHash {
  std::size_t operator()(const GroupKey& key) const noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ key.size();
    for (std::size_t i = 0; i < key.size(); ++i) {
      std::uint64_t x = static_cast<std::uint64_t>(key[i]) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
      x ^= x >> 33;
      x *= 0xFF51AFD7ED558CCDull;
      x ^= x >> 33;
      h ^= x;
    }
    return static_cast<std::size_t>(h);
  }
};

}  // namespace cskpi::detail
