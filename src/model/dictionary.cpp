#include "cskpi/model/dictionary.hpp"

#include <functional>

#include "cskpi/error.hpp"

namespace cskpi {
namespace {

std::uint64_t hash_of(std::string_view value) noexcept { return std::hash<std::string_view>{}(value); }

constexpr std::size_t min_slots = 16;

}  // namespace

constexpr std::uint64_t tag_of(std::uint64_t hash) noexcept { return hash & 0xFFFFFFFF00000000ull; }
constexpr std::uint32_t code_in(std::uint64_t slot) noexcept { return static_cast<std::uint32_t>(slot) - 1; }

std::size_t Dictionary::slot_of(std::string_view value, std::uint64_t hash) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = tag_of(hash);
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  while (slots_[i] != 0) {
    if (tag_of(slots_[i]) == tag && values_[code_in(slots_[i])] == value) return i;
    i = (i + 1) & mask;
  }
  return i;
}

void Dictionary::rehash(std::size_t slot_count) {
  std::vector<std::uint64_t> slots(slot_count, 0);
  const std::size_t mask = slot_count - 1;
  for (std::uint32_t code = 0; code < values_.size(); ++code) {
    std::size_t i = static_cast<std::size_t>(hashes_[code]) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = tag_of(hashes_[code]) | (std::uint64_t{code} + 1);
  }
  slots_ = std::move(slots);
}

void Dictionary::reserve(std::size_t n) {
  std::size_t want = min_slots;
  while (want < 2 * n) want *= 2;
  if (want > slots_.size()) rehash(want);
  hashes_.reserve(n);
}

std::uint32_t Dictionary::intern(std::string_view value) {
  if (slots_.empty()) rehash(min_slots);
  const std::uint64_t hash = hash_of(value);
  const std::size_t i = slot_of(value, hash);
  if (slots_[i] != 0) return code_in(slots_[i]);
  if (values_.size() >= no_code - 1) {
    throw Error(ErrorCode::invalid_argument, "Dictionary: more than 4294967294 distinct labels");
  }
  const auto code = static_cast<std::uint32_t>(values_.size());
  values_.emplace_back(value);
  hashes_.push_back(hash);
  if (2 * values_.size() > slots_.size()) {  // load factor at most 1/2
    rehash(2 * slots_.size());                 // places every code, the new one included
  } else {
    slots_[i] = tag_of(hash) | (std::uint64_t{code} + 1);
  }
  return code;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view value) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t i = slot_of(value, hash_of(value));
  if (slots_[i] == 0) return std::nullopt;
  return code_in(slots_[i]);
}

}  // namespace cskpi
