#include "cskpi/model/dictionary.hpp"

namespace cskpi {

std::uint32_t Dictionary::intern(std::string_view value) {
  if (const auto it = codes_.find(value); it != codes_.end()) return it->second;
  const auto code = static_cast<std::uint32_t>(values_.size());
  const std::string& stored = values_.emplace_back(value);
  codes_.emplace(std::string_view{stored}, code);
  return code;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view value) const {
  if (const auto it = codes_.find(value); it != codes_.end()) return it->second;
  return std::nullopt;
}

}  // namespace cskpi
