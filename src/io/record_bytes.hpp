// io/record_bytes.hpp: an input file's records as their original bytes, found with the readers'
// rules (quotes, LF / CRLF / CR line ends, a BOM, blank lines, the file's encoding), each with the
// ids that route it to a part (SPEC §9). What `cskpi split` copies.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/input_mapping.hpp"
#include "io/field_map.hpp"
#include "io/record_scan.hpp"

namespace cskpi::detail {

class JsonFields;

/// Where a record is in a text: [begin, end) its bytes without the line end, [begin, next) with it.
struct RecordSpan {
  std::uint64_t line = 0;  // its first line, 1-based, as the readers number it
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;
};

/// The records of ASCII-compatible text (after a UTF-8 BOM), as CsvReader / LineReader and the
/// chunked loader see them: blank lines left out, a record longer than `limit` kept (it is rejected).
[[nodiscard]] std::vector<RecordSpan> scan_records(std::string_view text, TextFormat format, char separator,
                                                   std::size_t limit);

/// One record of a file: its original bytes and what routes it. The views live during the visit.
struct FileRecord {
  std::uint64_t line = 0;
  std::string_view bytes;          // line end included
  std::optional<RecordType> type;  // nullopt: a mixed-file line no record type claims
  std::string_view id;             // interactions, surveys (FILE:LINE without an id column)
  std::string_view customer_id;    // interactions, surveys, customer events; empty = absent
  std::string_view interaction_id; // surveys, interaction events; empty = absent
};

/// One input file held in memory, read as the Loader reads it (the same field map, separator and
/// encoding), so that a record's line is the line of its reject.
class RecordFile {
 public:
  /// `type` nullopt: a mixed JSON Lines file. `name` is the file's name in rejects (its path).
  /// Throws Error(io_error) when the file cannot be read, Error(bad_input) when its header is refused.
  RecordFile(const std::string& path, std::optional<RecordType> type, const InputMapping& mapping,
             const CustomNames& custom, std::size_t limit);
  RecordFile(const RecordFile&) = delete;  // the column plan points into fields_
  RecordFile& operator=(const RecordFile&) = delete;

  /// The bytes every part's file begins with: a BOM and, for CSV, everything up to the end of the
  /// header row (so the separator is detected alike).
  [[nodiscard]] std::string_view prefix() const noexcept { return std::string_view(raw_).substr(0, prefix_end_); }
  /// Every record after the header, in file order.
  void visit(const std::function<void(const FileRecord&)>& visitor);

 private:
  // raw_spans_ from text_spans_: the same records in the file's bytes (UTF-16: code units).
  void locate_in_raw(bool transcoded, std::optional<bool> utf16_little_endian, std::size_t bom);
  void read_header(std::string_view text);  // CSV: the prefix and the column plan
  void keys_of_csv(std::string_view text, FileRecord& out);
  void keys_of(const RawRecord& values, FileRecord& out) const;
  void keys_of_json(JsonFields& json, std::string_view text, FileRecord& out);

  std::string path_;
  std::optional<RecordType> type_;
  bool csv_ = false;
  char separator_ = ',';
  std::size_t limit_ = 0;
  std::string raw_;      // the file's bytes
  std::string decoded_;  // its UTF-8 text when it is not UTF-8 (else empty: raw_ is the text)
  std::vector<RecordSpan> text_spans_;  // in the text
  std::vector<RecordSpan> raw_spans_;   // the same records in raw_
  std::size_t prefix_end_ = 0;
  std::size_t first_record_ = 0;  // of the spans: 1 after a CSV header
  std::array<FieldMap, record_type_count> fields_;
  ColumnPlan plan_;
  std::string synthesized_id_;
  std::string scratch_;  // unescaped quoted fields of the record being read
};

}  // namespace cskpi::detail
