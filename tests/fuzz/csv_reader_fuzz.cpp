// Fuzz target: a CSV input file of any record type, read by the sequential reader and the
// chunked loader (which must agree), lenient or strict. The first byte picks the record type
// and the mode; the rest is the file.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  cskpi::fuzz::LoadCase c;
  c.type = static_cast<cskpi::RecordType>(data[0] % cskpi::record_type_count);
  c.format = cskpi::FileFormat::csv;
  c.strict = (data[0] & 0x80) != 0;
  cskpi::fuzz::load_both_ways(c, {reinterpret_cast<const char*>(data) + 1, size - 1});
  return 0;
}
