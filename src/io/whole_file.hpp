// io/whole_file.hpp: the bytes of a whole file, for the callers of the parsers that read text
// (a configuration, a state): the library parses text, and whoever names a file reads it here.
#pragma once

#include <string>

namespace cskpi::detail {

/// What reading a whole file gave: its bytes, or why there are none (the caller words the error).
struct WholeFile {
  enum class Failure { none, cannot_open, cannot_read };
  std::string bytes;
  Failure failure = Failure::none;
};

/// The file at `path` (a regular file, or a pipe such as /dev/stdin), read as bytes: no newline
/// or encoding translation. cannot_open when it cannot be opened, cannot_read when reading it
/// fails (a directory, an I/O error). Throws nothing but std::bad_alloc.
[[nodiscard]] WholeFile read_whole_file(const std::string& path);

}  // namespace cskpi::detail
