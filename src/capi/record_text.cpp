#include "capi/record_text.hpp"

#include <array>
#include <utility>

namespace cskpi::capi {
namespace {

void append_json_string(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::optional<RecordType> parse_record_type_name(std::string_view name) noexcept {
  constexpr std::array<std::pair<std::string_view, RecordType>, 8> names = {{
      {"interactions", RecordType::interaction},
      {"interaction_events", RecordType::interaction_event},
      {"events", RecordType::interaction_event},
      {"surveys", RecordType::survey},
      {"customer_events", RecordType::customer_event},
      {"customers", RecordType::customer_event},
      {"agent_events", RecordType::agent_event},
      {"agents", RecordType::agent_event},
  }};
  for (const auto& [spelling, type] : names) {
    if (spelling == name) return type;
  }
  return std::nullopt;
}

std::string json_object_of(const char* const* names, const char* const* values, std::size_t count) {
  std::string out = "{";
  bool first = true;
  for (std::size_t i = 0; i < count; ++i) {
    if (values[i] == nullptr) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, names[i]);
    out += ':';
    append_json_string(out, values[i]);
  }
  out += '}';
  return out;
}

bool one_line(std::string_view text) noexcept { return text.find_first_of("\r\n") == std::string_view::npos; }

}  // namespace cskpi::capi
