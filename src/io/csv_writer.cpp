#include "io/csv_writer.hpp"

namespace cskpi::detail {
namespace {

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

}  // namespace

bool csv_needs_quotes(std::string_view text) noexcept {
  if (text.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !text.empty() && (is_blank(text.front()) || is_blank(text.back()));
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

void write_csv_field(std::ostream& out, std::string_view text) {
  if (!csv_needs_quotes(text)) {
    out << text;
    return;
  }
  std::string quoted;
  append_csv_field(quoted, text);
  out << quoted;
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
