// cskpi/io/instant_format.hpp: an export's own instant spelling (SPEC §8 `instant_format`),
// compiled once into steps so that reading a value is one pass over its bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/time.hpp"

namespace cskpi {

/// A strftime-style pattern: `%Y` (4-digit year), `%y` (2 digits: 69-99 → 19xx, else 20xx),
/// `%m` (month, 1-2 digits), `%b` (English month name, abbreviated or full, any case), `%d`
/// (day, 1-2 digits), `%H` `%M` (1-2 digits), `%S` (whole seconds, 1-2 digits), `%f` (a
/// fraction of a second, 1-9 digits, truncated to milliseconds), `%z` (`Z`, `±hh:mm`, `±hhmm`
/// or `±hh`), `%%` (a percent sign). A space matches any run of spaces (none included); every
/// other character matches itself. The whole value (trimmed) must match. A date needs a
/// year, a month and a day; missing time fields are 0.
class InstantFormat {
 public:
  /// Throws Error(invalid_argument) naming the problem: an unknown or repeated directive, a
  /// trailing `%`, no year, month or day.
  explicit InstantFormat(std::string_view pattern);

  [[nodiscard]] const std::string& pattern() const noexcept { return pattern_; }
  [[nodiscard]] bool has_offset() const noexcept { return has_offset_; }

  /// With `%z`: the instant; without: the local time it spells (error no_offset, `local`
  /// set). A value that does not match: error syntax; a date or time that does not exist
  /// (02-30, 24:00, a second of 60): invalid_date / invalid_time / invalid_offset.
  [[nodiscard]] TimestampParse parse(std::string_view text) const noexcept;

 private:
  enum class Op : unsigned char { literal, spaces, year4, year2, month, month_name, day, hour, minute, second, fraction, offset };
  struct Step {
    Op op = Op::literal;
    char c = 0;  // the literal
  };

  std::string pattern_;
  std::vector<Step> steps_;
  bool has_offset_ = false;
};

}  // namespace cskpi
