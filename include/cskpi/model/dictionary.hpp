// cskpi/model/dictionary.hpp: interned labels, so columns hold 32-bit codes instead of strings.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cskpi {

/// The code of an absent label (the `null` key of a group).
inline constexpr std::uint32_t no_code = 0xFFFFFFFFu;

/// Assigns dense codes 0, 1, 2, … to distinct strings in first-seen order.
/// Strings live in a deque, so the string_view keys of the index never dangle.
class Dictionary {
 public:
  Dictionary() = default;
  Dictionary(const Dictionary&) = delete;  // the index points into values_
  Dictionary& operator=(const Dictionary&) = delete;
  Dictionary(Dictionary&&) noexcept = default;
  Dictionary& operator=(Dictionary&&) noexcept = default;

  /// The code of `value`, adding it when new.
  std::uint32_t intern(std::string_view value);
  /// The code of `value` when present.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view value) const;
  /// The string of a code (precondition: code < size()).
  [[nodiscard]] const std::string& value(std::uint32_t code) const { return values_[code]; }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }

 private:
  std::deque<std::string> values_;
  std::unordered_map<std::string_view, std::uint32_t> codes_;
};

}  // namespace cskpi
