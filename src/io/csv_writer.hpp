// Private: writing CSV fields by one rule, shared by the rejects file, the trace CSV and the
// CSV report.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi::detail {

/// RFC 4180: a field is quoted, its quotes doubled, when it holds a comma, a quote, CR or LF,
/// and also when it starts or ends with a space or tab, because cskpi's reader (like many)
/// trims unquoted fields: so every field reads back verbatim.
[[nodiscard]] bool csv_needs_quotes(std::string_view text) noexcept;

/// Appends `text` to `line` as one CSV field.
void append_csv_field(std::string& line, std::string_view text);

/// Writes `text` to `out` as one CSV field.
void write_csv_field(std::ostream& out, std::string_view text);

/// Writes the fields as one CSV record, comma-separated, ending with LF.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace cskpi::detail
