// io/csv_reader.hpp: a streaming RFC-4180 tokenizer (SPEC §1 "Files"): quoted fields
// with "" escapes and line ends inside, LF / CRLF / CR line ends, a UTF-8 BOM skipped,
// unquoted fields trimmed, blank lines skipped, records over a byte limit skipped unheld.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi::detail {

enum class CsvStatus : unsigned char {
  ok,
  malformed_quote,  // text after a closing quote, a quote inside an unquoted field, an unclosed quote
  too_long,         // longer than the limit: fields are empty, the record was skipped
};

/// One record; the views point into the reader's buffer and live until the next read.
struct CsvRecord {
  std::uint64_t line = 0;  // 1-based number of the record's first line
  CsvStatus status = CsvStatus::ok;
  std::vector<std::string_view> fields;  // unquoted: trimmed; quoted: verbatim, unescaped
  bool ascii = false;  // every byte is ASCII (so every field is valid UTF-8); false when unknown
};

class CsvReader {
 public:
  static constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

  /// `name` only labels I/O errors. `limit`: the longest record held, in bytes. `simple`: read
  /// whole quote-free lines without the state machine (false: always the state machine; the
  /// records are the same, tests compare them).
  /// `separator`: the field separator (SPEC §8; with TAB, only spaces are trimmed as blanks).
  CsvReader(std::istream& in, std::string name, std::size_t limit, bool simple = true, char separator = ',');

  /// The next non-blank record; false at the end of the input. Throws Error(io_error)
  /// when the stream fails.
  bool next(CsvRecord& out);

 private:
  enum class State : unsigned char { field_start, unquoted, quoted, quote_in_quoted, after_quote };

  enum class Simple : unsigned char { no, record, blank };
  Simple simple_record(CsvRecord& out);  // the common case, or no (then the state machine reads it)
  bool fill();  // reads more bytes after end_, keeping the record from rec_; false at EOF
  void end_field(std::size_t end);
  void finish_record(CsvRecord& out);
  [[nodiscard]] bool blank(char c) const noexcept { return c == ' ' || (c == '\t' && tab_blank_); }
  [[nodiscard]] bool unquoted_special(char c) const noexcept {
    return c == separator_ || c == '\n' || c == '\r' || c == '"';
  }

  std::istream& in_;
  std::string name_;
  std::size_t limit_;
  bool simple_ = true;
  char separator_ = ',';
  bool tab_blank_ = true;  // TAB is a blank, not the separator
  std::vector<char> buf_;
  std::size_t end_ = 0;  // bytes of buf_ holding input
  std::size_t pos_ = 0;  // next byte to scan
  std::size_t rec_ = 0;  // first byte of the current record
  bool eof_ = false;
  bool started_ = false;     // BOM checked
  bool pending_lf_ = false;  // the last record ended with CR: an LF right after belongs to it
  std::uint64_t line_ = 1;
  // The record being scanned.
  State state_ = State::field_start;
  bool malformed_ = false;
  bool skipping_ = false;  // over the limit: bytes are dropped, not kept
  bool any_quoted_ = false;
  std::size_t field_begin_ = 0;  // where the current field's text starts
  std::size_t write_ = 0;        // where the next unescaped byte of a quoted field goes
  std::vector<std::size_t> bounds_;  // begin, end pairs of finished fields
};

}  // namespace cskpi::detail
