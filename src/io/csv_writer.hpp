// Private: writing CSV fields by one rule, shared by the rejects file, the trace CSV (--detail)
// and the CSV report.
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

/// OWASP's CSV-injection rule: a spreadsheet reads a cell starting with =, +, -, @, TAB or CR
/// as a formula. Text cskpi did not spell itself (labels, ids, names from the configuration,
/// file names, reject details) is neutralised with a leading ' (docs/reliability.md).
[[nodiscard]] bool starts_like_formula(std::string_view text) noexcept;

/// `text` with a leading ' when it starts like a formula, otherwise unchanged.
[[nodiscard]] std::string spreadsheet_safe(std::string_view text);

/// Appends `text` to `line` as one CSV field, verbatim: numbers, instants and names cskpi spells.
void append_csv_field(std::string& line, std::string_view text);

/// Appends `text` to `line` as one CSV text field: spreadsheet-safe, then quoted as needed.
void append_csv_text(std::string& line, std::string_view text);

/// Writes `text` to `out` as one CSV text field (spreadsheet-safe).
void write_csv_text(std::ostream& out, std::string_view text);

/// Writes the fields as one CSV record, comma-separated, ending with LF. The fields are written
/// verbatim: a caller passes text fields through spreadsheet_safe() first.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace cskpi::detail
