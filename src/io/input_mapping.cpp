#include "cskpi/io/input_mapping.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"
#include "cskpi/io/instant_format.hpp"
#include "io/record_fields.hpp"

namespace cskpi {
namespace {


// SPEC v3 §1: the fields without which a record of the type is refused.
constexpr std::array<std::array<std::string_view, 4>, record_type_count> required_fields = {{
    {"id", "channel", "created_at", ""},           // interaction (customer_id optional in v3)
    {"interaction_id", "at", "type", ""},          // interaction_event
    {"id", "kind", "score", "responded_at"},       // survey
    {"customer_id", "type", "at", ""},             // customer_event
    {"agent_id", "type", "at", ""},                // agent_event
}};

}  // namespace

std::string_view to_string(InputEncoding e) noexcept {
  switch (e) {
    case InputEncoding::utf8: return "utf-8";
    case InputEncoding::utf16: return "utf-16";
    case InputEncoding::latin1: return "latin-1";
    case InputEncoding::windows1252: return "windows-1252";
  }
  return "utf-8";
}

std::optional<InputEncoding> parse_input_encoding(std::string_view name) noexcept {
  struct Alias {
    std::string_view name;
    InputEncoding encoding;
  };
  constexpr std::array<Alias, 10> aliases = {{{"utf-8", InputEncoding::utf8},
                                              {"utf8", InputEncoding::utf8},
                                              {"utf-16", InputEncoding::utf16},
                                              {"utf16", InputEncoding::utf16},
                                              {"latin-1", InputEncoding::latin1},
                                              {"latin1", InputEncoding::latin1},
                                              {"iso-8859-1", InputEncoding::latin1},
                                              {"windows-1252", InputEncoding::windows1252},
                                              {"cp1252", InputEncoding::windows1252},
                                              {"win-1252", InputEncoding::windows1252}}};
  for (const Alias& a : aliases) {
    if (detail::iequals(a.name, name)) return a.encoding;
  }
  return std::nullopt;
}

std::optional<char> parse_delimiter(std::string_view text) noexcept {
  if (text == "\\t" || detail::iequals(text, "tab")) return '\t';
  if (text.size() != 1) return std::nullopt;
  const char c = text[0];
  if (c == '"' || c == ' ' || c == '\r' || c == '\n' || static_cast<unsigned char>(c) >= 0x80 ||
      (static_cast<unsigned char>(c) < 0x20 && c != '\t')) {
    return std::nullopt;
  }
  return c;
}

std::string delimiter_name(char c) { return c == '\t' ? std::string{"TAB"} : std::string(1, c); }

std::vector<std::string_view> input_field_names(RecordType type) {
  const auto names = detail::field_names(type);
  return {names.begin(), names.end()};
}

bool is_input_field(RecordType type, std::string_view name) noexcept {
  return detail::field_slot(type, name).has_value();
}

bool is_required_field(RecordType type, std::string_view name) noexcept {
  if (name.empty()) return false;
  const auto& required = required_fields[static_cast<std::size_t>(type)];
  return std::find(required.begin(), required.end(), name) != required.end();
}

void validate(const InputMapping& mapping, const std::vector<std::string>& custom) {
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const auto type = static_cast<RecordType>(t);
    std::map<std::string_view, std::string_view> field_of_column;
    for (const auto& [field, source] : mapping.columns[t]) {
      const std::string path = fmt::format("columns.{}.{}", plural(type), field);
      const bool is_custom = detail::carries_custom(type) &&
                             std::find(custom.begin(), custom.end(), field) != custom.end();
      if (!is_input_field(type, field) && !is_custom) {
        std::vector<std::string> names;
        for (const std::string_view n : input_field_names(type)) names.emplace_back(n);
        const auto near = closest_name(field, names);
        throw Error(ErrorCode::invalid_argument,
                    fmt::format("{}: is not a field of {}{}", path, plural(type),
                                near ? fmt::format(" (did you mean {}?)", *near) : std::string{}));
      }
      if (source.constant) continue;
      if (source.column.empty()) throw Error(ErrorCode::invalid_argument, path + ": the column name is empty");
      const auto [it, fresh] = field_of_column.emplace(source.column, field);
      if (!fresh) {
        throw Error(ErrorCode::invalid_argument,
                    fmt::format("{}: the column \"{}\" already feeds {}", path, source.column, it->second));
      }
    }
  }
  if (mapping.delimiter && !parse_delimiter(std::string_view(&*mapping.delimiter, 1))) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("csv.delimiter: '{}' cannot separate CSV fields", delimiter_name(*mapping.delimiter)));
  }
  if (mapping.input_time_zone) {
    try {
      (void)ZoneBuckets{*mapping.input_time_zone};
    } catch (const Error& e) {
      throw Error(ErrorCode::invalid_argument, std::string{"input_time_zone: "} + e.what());
    }
  }
  if (mapping.instant_format) {
    try {
      (void)InstantFormat{*mapping.instant_format};
    } catch (const Error& e) {
      throw Error(ErrorCode::invalid_argument, std::string{"csv.instant_format: "} + e.what());
    }
  }
}

std::size_t name_distance(std::string_view a, std::string_view b, std::size_t limit) noexcept {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit || a.size() > 256 || b.size() > 256) return limit + 1;
  std::array<std::size_t, 257> row{};
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const std::size_t cost = detail::ascii_lower(a[i - 1]) == detail::ascii_lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = up;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return std::min(row[b.size()], limit + 1);
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  for (const std::string& c : candidates) {
    if (c.empty()) continue;
    const std::size_t d = name_distance(name, c, 2);
    // Two short names are always a few edits apart: an edit must leave most of the name.
    if (d * 3 > std::max(name.size(), c.size())) continue;
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace cskpi
