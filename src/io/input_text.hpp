// io/input_text.hpp: an input file's bytes as the readers want them, UTF-8, whatever the
// file's encoding (SPEC §8): a UTF-16 byte order mark is read as such, a configured single-byte
// encoding is transcoded on the way in; and for CSV the header record is read ahead, so that
// its separator can be detected before the readers start. A plain UTF-8 file from a seekable
// stream is handed over untouched (the readers' fast paths see the stream itself).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cskpi/io/input_mapping.hpp"

namespace cskpi::detail {

/// UTF-8 text of an encoded byte stream, decoded block by block. A UTF-16 code unit that is a
/// lone surrogate, or an odd last byte, becomes the byte 0xFF, which is not UTF-8: the record
/// holding it is rejected invalid_utf8 (nothing is guessed).
class DecodingBuf;
/// A stream buffer that first replays bytes read ahead from its source, then reads on.
class ReplayBuf;

class InputText {
 public:
  /// `csv`: read the header record ahead. `configured`: the encoding to read a file without a
  /// byte order mark in (nullopt: UTF-8). `limit`: the longest header read ahead. Throws
  /// Error(io_error) naming the file when the stream fails.
  InputText(std::istream& in, const std::string& name, bool csv, std::optional<InputEncoding> configured,
            std::size_t limit);
  ~InputText();
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;

  /// What the readers read: UTF-8, from the file's first byte (a UTF-8 BOM may remain: the
  /// readers skip it).
  [[nodiscard]] std::istream& stream() noexcept { return *stream_; }
  /// The encoding the file is read in.
  [[nodiscard]] InputEncoding encoding() const noexcept { return encoding_; }
  /// Whether the file began with a byte order mark (UTF-8 or UTF-16).
  [[nodiscard]] bool has_bom() const noexcept { return bom_; }
  /// CSV: the header record's text (the first line that is not blank, quotes balanced), as
  /// UTF-8; nullopt when the file holds no header.
  [[nodiscard]] const std::optional<std::string>& header() const noexcept { return header_; }

 private:
  std::istream* stream_ = nullptr;
  std::unique_ptr<ReplayBuf> raw_;
  std::unique_ptr<DecodingBuf> decoded_;
  std::unique_ptr<ReplayBuf> text_;
  std::unique_ptr<std::istream> own_stream_;
  InputEncoding encoding_ = InputEncoding::utf8;
  bool bom_ = false;
  std::optional<std::string> header_;
};

/// Where the header record ends in `text` (after a UTF-8 BOM and blank lines): [begin, end).
/// nullopt while no line end outside quotes is found (at_eof: the rest is the header).
struct HeaderSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};
[[nodiscard]] std::optional<HeaderSpan> find_header(std::string_view text, bool at_eof) noexcept;

}  // namespace cskpi::detail
