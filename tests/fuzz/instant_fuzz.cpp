// Fuzz target: the instant spellings of SPEC §1 (parse_instant, parse_timestamp) and a custom
// instant_format (SPEC §8). Input: a pattern, a newline, a value; without a newline, a value.
// An instant read must format and read back to itself; the plain UTC reader of the loaders
// (io/plain_values.hpp) must read what parse_instant reads, or decline.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <cskpi/error.hpp>
#include <cskpi/io/instant_format.hpp>
#include <cskpi/time.hpp>

#include "fuzz_support.hpp"
#include "io/plain_values.hpp"

namespace {

void round_trips(std::string_view text) {
  const cskpi::InstantParse parsed = cskpi::parse_instant(text);
  const cskpi::TimestampParse timestamp = cskpi::parse_timestamp(text);
  cskpi::fuzz::require(parsed.value.has_value() == timestamp.instant.has_value(),
                       "parse_timestamp reads every instant parse_instant reads");
  // The loaders' fast path for the `…Z` form reads what parse_instant reads, or declines; read
  // twice, the second time from its cache of the last date.
  cskpi::detail::UtcInstantReader plain;
  for (int pass = 0; pass < 2; ++pass) {
    if (std::int64_t ms = 0; plain.read(text, ms)) {
      cskpi::fuzz::require(parsed.value && cskpi::to_millis(*parsed.value) == ms,
                           "the plain UTC instant reader reads what parse_instant reads");
    }
  }
  if (!parsed.value) return;
  cskpi::fuzz::require(parsed.value == timestamp.instant, "both parsers read the same instant");
  const cskpi::InstantParse again = cskpi::parse_instant(cskpi::format_instant(*parsed.value));
  cskpi::fuzz::require(again.value == parsed.value, "a formatted instant reads back to itself");
}

void custom_format(std::string_view pattern, std::string_view value) {
  try {
    const cskpi::InstantFormat format(pattern);
    const cskpi::TimestampParse parsed = format.parse(value);
    if (parsed.instant) {
      const cskpi::InstantParse again = cskpi::parse_instant(cskpi::format_instant(*parsed.instant));
      cskpi::fuzz::require(again.value == parsed.instant, "an instant of a custom format formats and reads back");
    }
  } catch (const cskpi::Error&) {
    // an invalid pattern is refused with a message: fine
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  const std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) {
    round_trips(text);
    return 0;
  }
  round_trips(text.substr(newline + 1));
  custom_format(text.substr(0, newline), text.substr(newline + 1));
  return 0;
}
