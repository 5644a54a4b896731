#include "cskpi/model/dictionary.hpp"

#include <cstring>

#include "cskpi/error.hpp"
#include "detail/huge_pages.hpp"

namespace cskpi {
namespace {

std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return v;
}

std::uint64_t load32(const char* p) noexcept {
  std::uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v;
}

// 128-bit multiply, folded.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ using Wide = unsigned __int128;
  const Wide r = static_cast<Wide>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
#else  // the same product from 32-bit halves
  const std::uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
  const std::uint64_t high = (hi_lo >> 32) + (cross >> 32) + hi_hi;
  const std::uint64_t low = (cross << 32) | (lo_lo & 0xFFFFFFFFu);
  return low ^ high;
#endif
}

constexpr std::uint64_t k0 = 0xa0761d6478bd642full;
constexpr std::uint64_t k1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t k2 = 0x8ebc6af09c88c6e3ull;

// A wyhash-style hash: one or two multiplies for the short labels and ids that dominate loading
// (std::hash's murmur loop is slower on them); every bit of the result depends on every input
// bit, so both the table index (low bits) and the tag (high bits) are well spread.
std::uint64_t hash_of(std::string_view value) noexcept {
  const char* p = value.data();
  const std::size_t n = value.size();
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::uint64_t seed = k0;
  if (n <= 16) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
          (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) | static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    std::size_t i = n;
    while (i > 16) {
      seed = mix(load64(p) ^ k1, load64(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    a = load64(p + i - 16);
    b = load64(p + i - 8);
  }
  return mix(k1 ^ n, mix(a ^ k1, b ^ seed ^ k2));
}

// Labels are mostly short: compare them without a call to memcmp.
bool same(std::string_view stored, std::string_view value) noexcept {
  const std::size_t n = value.size();
  if (stored.size() != n) return false;
  const char* a = stored.data();
  const char* b = value.data();
  if (n >= 8 && n <= 16) return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
  if (n >= 4 && n < 8) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  return n == 0 || std::memcmp(a, b, n) == 0;
}

constexpr std::size_t min_slots = 16;

// A vector of `n` zeros whose pages are advised huge before the zeros touch them.
std::vector<std::uint64_t> zeroed(std::size_t n) {
  std::vector<std::uint64_t> v;
  v.reserve(n);
  detail::advise_huge_pages(v.data(), n * sizeof(std::uint64_t));
  v.resize(n, 0);
  return v;
}

}  // namespace

constexpr std::uint64_t tag_of(std::uint64_t hash) noexcept { return hash & 0xFFFFFFFF00000000ull; }
constexpr std::uint32_t code_in(std::uint64_t slot) noexcept { return static_cast<std::uint32_t>(slot) - 1; }

std::size_t Dictionary::slot_of(std::string_view value, std::uint64_t value_hash) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = tag_of(value_hash);
  std::size_t i = static_cast<std::size_t>(value_hash) & mask;
  while (slots_[i] != 0) {
    if (tag_of(slots_[i]) == tag && same(this->value(code_in(slots_[i])), value)) return i;
    i = (i + 1) & mask;
  }
  return i;
}

// The hashes are not kept (8 bytes a value): a rehash computes them again from the arena, at most
// twice per value over the table's growth, and never after reserve().
void Dictionary::rehash(std::size_t slot_count) {
  std::vector<std::uint64_t> slots = zeroed(slot_count);
  const std::size_t mask = slot_count - 1;
  const auto n = static_cast<std::uint32_t>(size());
  for (std::uint32_t code = 0; code < n; ++code) {
    const std::uint64_t h = hash_of(value(code));
    std::size_t i = static_cast<std::size_t>(h) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = tag_of(h) | (std::uint64_t{code} + 1);
  }
  slots_ = std::move(slots);
}

void Dictionary::reserve(std::size_t n) {
  std::size_t want = min_slots;
  while (want < 2 * n) want *= 2;
  if (want > slots_.size()) rehash(want);
  if (n + 1 > ends_.capacity()) {
    ends_.reserve(n + 1);
    detail::advise_huge_pages(ends_.data(), ends_.capacity() * sizeof(std::uint64_t));
  }
  // The bytes at the mean length so far (16 for a new dictionary: ids are mostly shorter).
  const std::size_t mean = size() == 0 ? 16 : bytes_.size() / size() + 1;
  if (n * mean > bytes_.capacity()) {
    bytes_.reserve(n * mean);
    detail::advise_huge_pages(bytes_.data(), bytes_.capacity());
  }
}

// Out of line on purpose: inlined into callers, g++ 12 drops the prefetch as dead code.
void Dictionary::prefetch(std::uint64_t value_hash) const noexcept {
  if (slots_.empty()) return;
  __builtin_prefetch(&slots_[value_hash & (slots_.size() - 1)]);
}

std::uint64_t Dictionary::hash(std::string_view value) noexcept { return hash_of(value); }

std::uint32_t Dictionary::intern(std::string_view value, std::uint64_t value_hash) {
  if (slots_.empty()) rehash(min_slots);
  const std::size_t i = slot_of(value, value_hash);
  if (slots_[i] != 0) return code_in(slots_[i]);
  if (size() >= no_code - 1) {
    throw Error(ErrorCode::invalid_argument, "Dictionary: more than 4294967294 distinct labels");
  }
  const auto code = static_cast<std::uint32_t>(size());
  bytes_.append(value);
  ends_.push_back(bytes_.size());
  if (2 * size() > slots_.size()) {  // load factor at most 1/2
    rehash(2 * slots_.size());        // places every code, the new one included
  } else {
    slots_[i] = tag_of(value_hash) | (std::uint64_t{code} + 1);
  }
  return code;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view value, std::uint64_t value_hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t i = slot_of(value, value_hash);
  if (slots_[i] == 0) return std::nullopt;
  return code_in(slots_[i]);
}

}  // namespace cskpi
