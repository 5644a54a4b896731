#include "io/csv_writer.hpp"

namespace cskpi::detail {
namespace {

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

}  // namespace

bool csv_needs_quotes(std::string_view text) noexcept {
  if (text.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !text.empty() && (is_blank(text.front()) || is_blank(text.back()));
}

bool starts_like_formula(std::string_view text) noexcept {
  return !text.empty() && std::string_view{"=+-@\t\r"}.find(text.front()) != std::string_view::npos;
}

std::string spreadsheet_safe(std::string_view text) {
  std::string out;
  if (starts_like_formula(text)) out += '\'';
  out += text;
  return out;
}

void append_csv_field(std::string& line, std::string_view text) {
  if (!csv_needs_quotes(text)) {
    line += text;
    return;
  }
  line += '"';
  for (const char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void append_csv_text(std::string& line, std::string_view text) {
  if (starts_like_formula(text)) {
    append_csv_field(line, spreadsheet_safe(text));
  } else {
    append_csv_field(line, text);
  }
}

void write_csv_text(std::ostream& out, std::string_view text) {
  std::string field;
  append_csv_text(field, text);
  out << field;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    append_csv_field(line, fields[i]);
  }
  line += '\n';
  out << line;
}

}  // namespace cskpi::detail
