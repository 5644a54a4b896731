// cskpi/model/dictionary.hpp: interned labels, so columns hold 32-bit codes instead of strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi {

/// The code of an absent label (the `null` key of a group).
inline constexpr std::uint32_t no_code = 0xFFFFFFFFu;

/// Assigns dense codes 0, 1, 2, … to distinct strings in first-seen order.
/// The strings live back to back in one byte arena (no allocation per label); an
/// open-addressing table (linear probing) whose slots hold the code and 32 bits of the hash
/// finds them, so a probe touches one cache line and strings are compared only on a tag match.
/// Interning ids and customers is the hot path of loading: the large tables are placed on
/// transparent huge pages where the system allows, which saves a TLB miss per probe.
class Dictionary {
 public:
  /// The code of `value`, adding it when new.
  std::uint32_t intern(std::string_view value) { return intern(value, hash(value)); }
  /// The same with `hash(value)` computed beforehand (the loader hashes ids on its worker threads).
  std::uint32_t intern(std::string_view value, std::uint64_t value_hash);
  /// The code of `value` when present.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view value) const { return find(value, hash(value)); }
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view value, std::uint64_t value_hash) const;
  /// The hash the table uses (stable within a build; not for persisting).
  [[nodiscard]] static std::uint64_t hash(std::string_view value) noexcept;
  /// The string of a code (precondition: code < size()); valid until the next intern().
  [[nodiscard]] std::string_view value(std::uint32_t code) const noexcept {
    return {bytes_.data() + ends_[code], static_cast<std::size_t>(ends_[code + 1] - ends_[code])};
  }
  [[nodiscard]] std::size_t size() const noexcept { return ends_.size() - 1; }
  /// Starts loading the table slot where `value_hash` is probed first, so that an intern() or
  /// find() of it a few rows later does not wait for memory (a hint: no effect on results).
  void prefetch(std::uint64_t value_hash) const noexcept;
  /// Prepares for `n` values without rehashing.
  void reserve(std::size_t n);

 private:
  [[nodiscard]] std::size_t slot_of(std::string_view value, std::uint64_t value_hash) const noexcept;
  void rehash(std::size_t slot_count);

  std::string bytes_;                    // the values back to back
  std::vector<std::uint64_t> ends_{0};   // value c is bytes_[ends_[c], ends_[c + 1])
  std::vector<std::uint64_t> slots_;     // (hash >> 32) << 32 | (code + 1); 0 = empty; size a power of two
};

}  // namespace cskpi
