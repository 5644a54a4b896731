// The records of a file as its own bytes (io/record_bytes.hpp, for `cskpi split`): the same records
// and lines as the readers, whatever the quoting, line ends, BOM and encoding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "io/record_bytes.hpp"

using cskpi::detail::RecordSpan;
using cskpi::detail::TextFormat;

namespace {

std::vector<std::uint64_t> reader_lines(const std::string& text) {
  std::istringstream in(text);
  cskpi::detail::CsvReader reader(in, "t.csv", 1024, false);
  cskpi::detail::CsvRecord record;
  std::vector<std::uint64_t> lines;
  while (reader.next(record)) lines.push_back(record.line);
  return lines;
}

std::vector<std::string> bytes_of(const std::string& text, const std::vector<RecordSpan>& spans) {
  std::vector<std::string> out;
  for (const RecordSpan& s : spans) out.push_back(text.substr(s.begin, s.next - s.begin));
  return out;
}

std::string temp_file(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

}  // namespace

TEST_CASE("CSV records are found as CsvReader finds them, quoted line ends and all") {
  const std::string text =
      "\xEF\xBB\xBFid,topic\r\n"
      "a,\"two\r\nlines\"\r\n"
      "\r\n"
      "b,\"x\"\"\ny\"\n"
      "c,te\"st\r"
      "d,\"unclosed\n"
      "e,f";
  const auto spans = cskpi::detail::scan_records(text, TextFormat::csv, ',', 1024);
  std::vector<std::uint64_t> lines;
  for (const RecordSpan& s : spans) lines.push_back(s.line);
  CHECK(lines == reader_lines(text));  // header 1, a 2, b 5, c 7, d 8 (its quote runs to the end)
  CHECK(lines == std::vector<std::uint64_t>{1, 2, 5, 7, 8});
  CHECK(bytes_of(text, spans) == std::vector<std::string>{"id,topic\r\n", "a,\"two\r\nlines\"\r\n",
                                                          "b,\"x\"\"\ny\"\n", "c,te\"st\r", "d,\"unclosed\ne,f"});
}

TEST_CASE("JSON Lines records are lines, blank ones left out, the last without a line end kept") {
  const std::string text = "{\"a\":1}\r\n  \n{\"b\":\"x\\\"\"}\r{\"c\":3}";
  const auto spans = cskpi::detail::scan_records(text, TextFormat::lines, ',', 1024);
  CHECK(bytes_of(text, spans) == std::vector<std::string>{"{\"a\":1}\r\n", "{\"b\":\"x\\\"\"}\r", "{\"c\":3}"});
  REQUIRE(spans.size() == 3);
  CHECK(spans[2].line == 4);
}

TEST_CASE("A UTF-16 file's records are its own bytes, its ids read as UTF-8") {
  // id,customer_id,channel,created_at / i1,"Mü\nller",chat,... in UTF-16 LE with a BOM.
  const std::u16string text = u"\xFEFFid,customer_id,channel,created_at\r\ni1,\"M\u00FC\nller\",chat,2026-03-01T00:00:00Z\r\n";
  std::string bytes;
  for (const char16_t u : text) {
    bytes += static_cast<char>(u & 0xFF);
    bytes += static_cast<char>(u >> 8);
  }
  const std::string path = temp_file("cskpi_record_bytes_utf16.csv", bytes);
  cskpi::detail::RecordFile file(path, cskpi::RecordType::interaction, {}, {}, 1024);
  CHECK(file.prefix() == std::string_view(bytes).substr(0, 2 + 2 * 35));  // BOM and header row
  std::vector<std::string> ids, customers, records;
  file.visit([&](const cskpi::detail::FileRecord& r) {
    ids.emplace_back(r.id);
    customers.emplace_back(r.customer_id);
    records.emplace_back(r.bytes);
  });
  CHECK(ids == std::vector<std::string>{"i1"});
  CHECK(customers == std::vector<std::string>{"M\xC3\xBC\nller"});
  CHECK(records == std::vector<std::string>{bytes.substr(2 + 2 * 35)});
  std::filesystem::remove(path);
}
