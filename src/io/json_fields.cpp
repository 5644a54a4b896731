#include "io/json_fields.hpp"

#include <charconv>
#include <cstddef>

namespace cskpi::detail {

std::optional<Problem> JsonFields::parse(std::string_view line) {
  doc_ = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (doc_.is_discarded()) {
    if (!valid_utf8(line)) return Problem{{}, RejectReason::invalid_utf8, "the line is not valid UTF-8"};
    return Problem{{}, RejectReason::malformed_json, "not a JSON value (e.g. an object that is not closed)"};
  }
  if (!doc_.is_object()) return Problem{{}, RejectReason::malformed_json, "a JSON value that is not an object"};
  return std::nullopt;
}

RawValue JsonFields::raw(const nlohmann::json& value, std::size_t slot) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded: return RawValue{};
    case Type::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.empty()) return RawValue{};
      return RawValue{ValueKind::text, s};
    }
    case Type::boolean: return RawValue{ValueKind::boolean, value.get<bool>() ? "true" : "false"};
    case Type::number_integer:
    case Type::number_unsigned:
    case Type::number_float: {
      // The decimal text of the number; a float keeps a fraction part (1.0 stays "1.0"),
      // so a float epoch stays a float.
      std::string& text = scratch_[slot];
      text.resize(32);
      std::to_chars_result r{};
      if (value.is_number_unsigned()) {
        r = std::to_chars(text.data(), text.data() + text.size(), value.get<std::uint64_t>());
      } else if (value.is_number_integer()) {
        r = std::to_chars(text.data(), text.data() + text.size(), value.get<std::int64_t>());
      } else {
        r = std::to_chars(text.data(), text.data() + text.size(), value.get<double>());
      }
      text.resize(static_cast<std::size_t>(r.ptr - text.data()));
      if (value.is_number_float() && text.find_first_of(".eEn") == std::string::npos) text += ".0";
      return RawValue{ValueKind::number, text};
    }
    case Type::object:
    case Type::array:
    case Type::binary: return RawValue{ValueKind::compound, {}};
  }
  return RawValue{};
}

void JsonFields::fields(RecordType type, RawRecord& out) {
  out.fill(RawValue{});
  for (auto it = doc_.cbegin(); it != doc_.cend(); ++it) {
    if (const auto slot = field_slot(type, it.key())) out[*slot] = raw(it.value(), *slot);
  }
}

RawValue JsonFields::member(std::string_view key, std::size_t scratch_slot) {
  const auto it = doc_.find(key);
  if (it == doc_.end()) return RawValue{};
  return raw(*it, scratch_slot);
}

}  // namespace cskpi::detail
