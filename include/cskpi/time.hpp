// cskpi/time.hpp: UTC instants with millisecond precision, and the instant
// spellings of SPEC §1 (ISO-8601 with Z or an offset, or integer Unix seconds).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cskpi {

using Milliseconds = std::chrono::milliseconds;
/// A duration in milliseconds that may be fractional (a mean). Whole milliseconds are exact up to
/// ±2^53 ms, so a sample (a median, a p90) compares equal to its Milliseconds.
using Duration = std::chrono::duration<double, std::milli>;
/// A UTC instant, milliseconds since the Unix epoch.
using TimePoint = std::chrono::time_point<std::chrono::system_clock, Milliseconds>;

/// Why an instant's text was refused (for reject details).
enum class InstantError {
  empty,           // nothing but spaces
  syntax,          // not an ISO-8601 instant nor an integer
  no_offset,       // a local time without Z or an offset
  invalid_date,    // e.g. 2026-02-30, or a year outside 0001-9999
  invalid_time,    // hour > 23, minute > 59, a second of 60
  invalid_offset,  // offset hour > 23 or minute > 59
  float_epoch,     // 1700000000.5
};

[[nodiscard]] const char* to_string(InstantError error) noexcept;

/// The result of parsing an instant: a value or the reason it was refused.
struct InstantParse {
  std::optional<TimePoint> value;
  InstantError error = InstantError::syntax;  // meaningful only when !value
};

/// Parses `YYYY-MM-DDThh:mm[:ss[.f…]]` + `Z|z|±hh:mm|±hhmm|±hh` (T may be a space or t,
/// up to 9 fraction digits truncated to milliseconds) or an integer of Unix seconds.
/// Leading and trailing spaces are ignored.
[[nodiscard]] InstantParse parse_instant(std::string_view text) noexcept;

/// A wall-clock reading without a zone (SPEC §8 input time zone, §2 local `--from`): milliseconds
/// since 1970-01-01T00:00 of the local calendar. Not an instant: a zone makes it one.
struct LocalTime {
  std::int64_t ms = 0;
  bool date_only = false;  // written as a date `YYYY-MM-DD` (00:00 of that day)
};

/// An instant, or the local time a text spells when it has no offset.
struct TimestampParse {
  std::optional<TimePoint> instant;
  std::optional<LocalTime> local;  // set when error == no_offset: the text is a valid local time
  InstantError error = InstantError::syntax;  // meaningful only when !instant
};

/// parse_instant, plus a local date-time without an offset (`YYYY-MM-DDThh:mm[:ss[.f…]]`) or a
/// date `YYYY-MM-DD`, returned as a local time with error no_offset. A date alone is
/// `syntax` for parse_instant and a local time here.
[[nodiscard]] TimestampParse parse_timestamp(std::string_view text) noexcept;

/// Formats as `YYYY-MM-DDThh:mm:ssZ`, with `.fff` when the milliseconds are not zero.
[[nodiscard]] std::string format_instant(TimePoint instant);

/// Milliseconds since the epoch (the column representation used by the data set).
[[nodiscard]] constexpr std::int64_t to_millis(TimePoint t) noexcept { return t.time_since_epoch().count(); }
[[nodiscard]] constexpr TimePoint from_millis(std::int64_t ms) noexcept { return TimePoint{Milliseconds{ms}}; }

}  // namespace cskpi
