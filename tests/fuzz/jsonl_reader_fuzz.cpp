// Fuzz target: a JSON Lines input file — one record type or a mixed file — read by the
// sequential reader and the chunked loader (which must agree), lenient or strict; and each line
// through both JSON parsers (the flat-object fast one and nlohmann), which must give the same
// verdict and the same values. The first byte picks the record type (or mixed) and the mode.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "io/json_fields.hpp"

namespace {

using cskpi::detail::JsonFields;
using cskpi::detail::RawRecord;

std::string verdict(JsonFields& parser, std::string_view line, cskpi::RecordType type) {
  const auto problem = parser.parse(line);
  if (problem) return std::string{"problem "} + std::string{to_string(problem->reason)} + ' ' + std::string{problem->field};
  RawRecord values{};
  parser.fields(type, values);
  std::string out = "ok";
  for (const auto& v : values) {
    out += ' ' + std::to_string(static_cast<int>(v.kind)) + ':' + std::string{v.text};
  }
  return out;
}

void parsers_agree(std::string_view text, cskpi::RecordType type) {
  JsonFields fast(true);
  JsonFields reference(false);
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    cskpi::fuzz::require(verdict(fast, line, type) == verdict(reference, line, type),
                         "the fast JSON parser reads a line as nlohmann does");
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned pick = data[0] % (cskpi::record_type_count + 1);
  const std::string_view text{reinterpret_cast<const char*>(data) + 1, size - 1};
  cskpi::fuzz::LoadCase c;
  if (pick < cskpi::record_type_count) c.type = static_cast<cskpi::RecordType>(pick);
  c.format = cskpi::FileFormat::jsonl;
  c.strict = (data[0] & 0x80) != 0;
  cskpi::fuzz::load_both_ways(c, text);
  parsers_agree(text, c.type.value_or(cskpi::RecordType::interaction));
  return 0;
}
