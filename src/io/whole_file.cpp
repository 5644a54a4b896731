#include "io/whole_file.hpp"

#include <cstddef>
#include <fstream>
#include <ios>
#include <vector>

namespace cskpi::detail {

WholeFile read_whole_file(const std::string& path) {
  WholeFile out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.failure = WholeFile::Failure::cannot_open;
    return out;
  }
  // istream::read turns a failed read (a directory, an I/O error) into badbit, where reading the
  // buffer directly would let the buffer's exception out.
  std::vector<char> block(std::size_t{1} << 16);
  do {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    out.bytes.append(block.data(), static_cast<std::size_t>(in.gcount()));
  } while (in);
  if (in.bad()) {
    out.bytes.clear();
    out.failure = WholeFile::Failure::cannot_read;
  }
  return out;
}

}  // namespace cskpi::detail
