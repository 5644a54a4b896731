// io/record_scan.hpp: record boundaries and fields of CSV and JSON Lines text held in memory, with
// exactly the rules of CsvReader and LineReader (SPEC §1 "Files"), for the chunked parallel loader.
// A record is found in two steps: RecordEnd finds where it ends (resumable across buffers, so a
// record may span chunks), then split_csv_record() splits the complete record into fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_reader.hpp"

namespace cskpi::detail {

enum class TextFormat : unsigned char { csv, lines };

/// Finds the line end that ends a record: for CSV the first LF or CR outside quotes (a quote
/// opens a quoted field only at a field's start, as in CsvReader); for lines the first LF or CR.
class RecordEnd {
 public:
  /// `separator`: the CSV field separator (a quote opens a quoted field only after one).
  explicit RecordEnd(TextFormat format, char separator = ',') noexcept
      : csv_(format == TextFormat::csv), separator_(separator), tab_blank_(separator != '\t') {}

  /// Forgets the record scanned so far: the next byte is a record's first.
  void reset() noexcept {
    state_ = State::field_start;
    quoted_cr_ = false;
    inner_lines_ = 0;
  }
  /// The first record-ending LF or CR in [first, last), or last when the record goes on (call
  /// again with the bytes that follow: the state is kept).
  const char* find(const char* first, const char* last) noexcept;
  /// Line ends inside quoted fields so far (a CR LF pair is one).
  [[nodiscard]] std::uint64_t inner_lines() const noexcept { return inner_lines_; }

 private:
  enum class State : unsigned char { field_start, unquoted, quoted, quote_in_quoted, after_quote };
  const char* step(const char* p, const char* last) noexcept;  // the state machine, byte by byte
  const char* skip_quoted(const char* p, const char* last) noexcept;  // to the next quote, counting lines

  [[nodiscard]] bool blank(char c) const noexcept { return c == ' ' || (c == '\t' && tab_blank_); }

  bool csv_;
  char separator_;
  bool tab_blank_;  // TAB is a blank, not the separator
  State state_ = State::field_start;
  bool quoted_cr_ = false;
  std::uint64_t inner_lines_ = 0;
};

/// Splits one complete CSV record (its bytes without the line end) into fields as CsvReader does:
/// unquoted fields trimmed of blanks, quoted ones verbatim and unescaped. Views point into
/// `record` or, for fields with "" escapes, into `scratch` (cleared first; its capacity is kept).
/// Sets out.status (ok or malformed_quote), out.fields and out.ascii; not out.line. Fields are
/// separated by `separator`; blanks are spaces and tabs (spaces only when TAB separates).
void split_csv_record(std::string_view record, CsvRecord& out, std::string& scratch, char separator = ',');

/// The common record's split: when `record` holds no quote and no byte past ASCII, sets out as
/// split_csv_record() would (fields trimmed, ascii, status ok) in one pass and returns true;
/// otherwise returns false with `out` unspecified (split_csv_record() reads such a record).
/// `readable`: the bytes from record.data() on that may be read (at least record.size()): the
/// scan reads whole 64-byte blocks within them, and copies the record's last block otherwise.
bool split_plain_csv_record(std::string_view record, CsvRecord& out, char separator, std::size_t readable);
inline bool split_plain_csv_record(std::string_view record, CsvRecord& out, char separator = ',') {
  return split_plain_csv_record(record, out, separator, record.size());
}

/// The common CSV record found and split in one pass: where RecordEnd::find, all_blank() and
/// split_plain_csv_record() read a record's bytes three times, 64-byte blocks from the record's
/// start are classified once (separators, line ends, what a plain record cannot hold, blanks).
/// Records it declines are the general scan's.
class PlainCsvScanner {
 public:
  /// The bytes of a chunk up to `last` are readable; `separator` as for split_csv_record().
  PlainCsvScanner(const char* last, char separator) noexcept : last_(last), separator_(separator) {}

  /// Reads the record whose first byte is at p (p < last). When it ends at an LF or CR before
  /// `last` and holds no quote and no byte past ASCII, sets `out` as split_plain_csv_record()
  /// would (fields, ascii, status), `blank` as all_blank() would, and returns its line end (as
  /// RecordEnd::find would); otherwise returns nullptr with `out` unspecified.
  const char* next(const char* p, CsvRecord& out, bool& blank) const noexcept;

  /// The masks of one 64-byte block: bit k for byte k.
  struct Masks {
    std::uint64_t separators = 0;
    std::uint64_t ends = 0;    // LF or CR
    std::uint64_t stop = 0;    // a quote, or a byte past ASCII
    std::uint64_t blanks = 0;  // a space, or a TAB unless it separates
  };

 private:
  const char* last_;
  char separator_;
};

/// Whether every byte is a space or a tab (true for the empty record); with a TAB separator,
/// whether every byte is a space.
[[nodiscard]] bool all_blank(std::string_view record, char separator = ',') noexcept;

}  // namespace cskpi::detail
