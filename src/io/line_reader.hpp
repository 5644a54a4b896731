// io/line_reader.hpp: streaming lines for JSON Lines input: LF / CRLF / CR line ends, a
// UTF-8 BOM skipped, blank lines skipped, lines over a byte limit skipped unheld.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi::detail {

struct Line {
  std::uint64_t number = 0;  // 1-based
  bool too_long = false;     // longer than the limit: text is empty, the line was skipped
  std::string_view text;     // without the line end; lives until the next read
};

class LineReader {
 public:
  static constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

  /// `name` only labels I/O errors. `limit`: the longest line held, in bytes.
  LineReader(std::istream& in, std::string name, std::size_t limit);

  /// The next non-blank line; false at the end of the input. Throws Error(io_error)
  /// when the stream fails.
  bool next(Line& out);

 private:
  bool fill();  // reads more bytes, keeping the line from begin_; false at EOF

  std::istream& in_;
  std::string name_;
  std::size_t limit_;
  std::vector<char> buf_;
  std::size_t end_ = 0;
  std::size_t pos_ = 0;
  std::size_t begin_ = 0;  // first byte of the current line
  bool eof_ = false;
  bool started_ = false;
  bool skipping_ = false;
  bool pending_lf_ = false;
  std::uint64_t line_ = 0;
};

}  // namespace cskpi::detail
