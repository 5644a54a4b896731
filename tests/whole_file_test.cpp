// io/whole_file.hpp: a whole file as bytes, or why not, for the callers that parse text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "io/whole_file.hpp"

using cskpi::detail::read_whole_file;
using cskpi::detail::WholeFile;
using namespace std::string_view_literals;

TEST_CASE("read_whole_file gives a file's bytes as they are on disk", "[io]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "cskpi-whole-file-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // A BOM, CRLF and CR line ends and a NUL byte: nothing is translated or cut.
  const std::string bytes{"\xEF\xBB\xBF{\r\n\"a\": 1\r}\n\0tail"sv};
  const std::string path = (dir / "bytes.bin").string();
  std::ofstream(path, std::ios::binary) << bytes;
  const WholeFile file = read_whole_file(path);
  CHECK(file.failure == WholeFile::Failure::none);
  CHECK(file.bytes == bytes);

  const std::string empty = (dir / "empty.json").string();
  std::ofstream(empty, std::ios::binary).flush();
  CHECK(read_whole_file(empty).failure == WholeFile::Failure::none);
  CHECK(read_whole_file(empty).bytes.empty());

  // A folder opens as a stream on Linux and fails when read: an error, not an exception and not
  // an empty text.
  const WholeFile folder = read_whole_file(dir.string());
  CHECK(folder.failure != WholeFile::Failure::none);
  CHECK(folder.bytes.empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("read_whole_file says when a file cannot be opened, and throws nothing", "[io]") {
  const WholeFile file = read_whole_file(CSKPI_TEST_DATA_DIR "/no-such-file.json");
  CHECK(file.failure == WholeFile::Failure::cannot_open);
  CHECK(file.bytes.empty());
}
