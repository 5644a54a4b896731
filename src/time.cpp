// Instant parsing and formatting (SPEC §1). Hand-written and allocation-free on the
// parse side: readers call parse_instant once per instant field, tens of millions of times.
#include "cskpi/time.hpp"

#include "detail/civil.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace cskpi {

namespace {

using detail::Civil;
using detail::civil_from_days;
using detail::days_from_civil;
using detail::days_in_month;
using detail::floor_div;

constexpr std::int64_t ms_per_second = 1000;
constexpr std::int64_t seconds_per_day = 86400;
constexpr std::int64_t ms_per_day = seconds_per_day * ms_per_second;
// Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the accepted epoch range.
constexpr std::int64_t min_epoch_seconds = -62135596800;
constexpr std::int64_t max_epoch_seconds = 253402300799;

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr int digit_value(char c) noexcept { return c - '0'; }
constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static_assert(days_from_civil(1, 1, 1) * seconds_per_day == min_epoch_seconds);
static_assert((days_from_civil(9999, 12, 31) + 1) * seconds_per_day - 1 == max_epoch_seconds);

// Reads exactly `count` digits at `pos`; false if any is not a digit or the text ends.
constexpr bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) noexcept {
  if (pos + count > s.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (!is_digit(c)) return false;
    value = value * 10 + digit_value(c);
  }
  out = value;
  return true;
}

InstantParse failure(InstantError error) noexcept { return InstantParse{std::nullopt, error}; }
InstantParse success(std::int64_t ms) noexcept { return InstantParse{from_millis(ms), InstantError::syntax}; }

// `-?digits`, or a number in JSON/float syntax (float_epoch), or anything else (syntax).
InstantParse parse_epoch(std::string_view s) noexcept {
  std::size_t pos = 0;
  const bool negative = s[0] == '-';
  if (negative) pos = 1;
  const std::size_t int_begin = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  const std::size_t int_digits = pos - int_begin;
  if (pos == s.size()) {
    if (int_digits == 0) return failure(InstantError::syntax);
    std::size_t first = int_begin;
    while (first + 1 < pos && s[first] == '0') ++first;  // leading zeros do not count
    if (pos - first > 12) return failure(InstantError::invalid_date);
    std::int64_t value = 0;
    for (std::size_t i = first; i < pos; ++i) value = value * 10 + digit_value(s[i]);
    if (negative) value = -value;
    if (value < min_epoch_seconds || value > max_epoch_seconds) return failure(InstantError::invalid_date);
    return success(value * ms_per_second);
  }
  // Not an integer: a float spelling (1700000000.5, 1.7e9) is float_epoch, the rest syntax.
  std::size_t frac_digits = 0;
  if (s[pos] == '.') {
    ++pos;
    while (pos < s.size() && is_digit(s[pos])) {
      ++pos;
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return failure(InstantError::syntax);
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
    const std::size_t exp_begin = pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    if (pos == exp_begin) return failure(InstantError::syntax);
  }
  return failure(pos == s.size() ? InstantError::float_epoch : InstantError::syntax);
}

// `YYYY-MM-DD` alone, as a local date; the caller checked the size and s[4] == '-'.
InstantParse parse_date_only(std::string_view s, LocalTime* local) noexcept {
  int year = 0, month = 0, day = 0;
  if (local == nullptr || !read_digits(s, 0, 4, year) || !read_digits(s, 5, 2, month) || s[7] != '-' ||
      !read_digits(s, 8, 2, day)) {
    return failure(InstantError::syntax);
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return failure(InstantError::invalid_date);
  }
  *local = LocalTime{days_from_civil(year, month, day) * ms_per_day, true};
  return failure(InstantError::no_offset);
}

// `YYYY-MM-DD(T|t| )hh:mm[:ss[.f{1,9}]](Z|z|±hh[[:]mm])`; the caller checked s[4] == '-'.
// Without an offset: no_offset, and *local (when given) is the valid local time it spells.
InstantParse parse_iso(std::string_view s, LocalTime* local) noexcept {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (s.size() == 10) return parse_date_only(s, local);
  if (!read_digits(s, 0, 4, year) || !read_digits(s, 5, 2, month) || s.size() < 16 || s[7] != '-' ||
      !read_digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !read_digits(s, 11, 2, hour) || s[13] != ':' || !read_digits(s, 14, 2, minute)) {
    return failure(InstantError::syntax);
  }
  std::size_t pos = 16;
  std::int64_t fraction_ms = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_digits(s, pos + 1, 2, second)) return failure(InstantError::syntax);
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      const std::size_t begin = ++pos;
      while (pos < s.size() && is_digit(s[pos])) {
        if (pos - begin < 3) fraction_ms = fraction_ms * 10 + digit_value(s[pos]);
        ++pos;
      }
      const std::size_t digits = pos - begin;
      if (digits == 0 || digits > 9) return failure(InstantError::syntax);
      for (std::size_t i = digits; i < 3; ++i) fraction_ms *= 10;  // ".5" is 500 ms
    }
  }
  if (pos == s.size()) {
    if (local != nullptr) {
      if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return failure(InstantError::invalid_date);
      }
      if (hour > 23 || minute > 59 || second > 59) return failure(InstantError::invalid_time);
      const std::int64_t local_seconds = days_from_civil(year, month, day) * seconds_per_day +
                                         std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second;
      *local = LocalTime{local_seconds * ms_per_second + fraction_ms, false};
    }
    return failure(InstantError::no_offset);
  }
  int offset_sign = 0, offset_hour = 0, offset_minute = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    offset_sign = s[pos] == '-' ? -1 : 1;
    if (!read_digits(s, pos + 1, 2, offset_hour)) return failure(InstantError::syntax);
    pos += 3;
    if (pos < s.size()) {
      if (s[pos] == ':') ++pos;
      if (!read_digits(s, pos, 2, offset_minute)) return failure(InstantError::syntax);
      pos += 2;
    }
  } else {
    return failure(InstantError::syntax);
  }
  if (pos != s.size()) return failure(InstantError::syntax);

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return failure(InstantError::invalid_date);
  }
  if (hour > 23 || minute > 59 || second > 59) return failure(InstantError::invalid_time);
  if (offset_hour > 23 || offset_minute > 59) return failure(InstantError::invalid_offset);

  const std::int64_t local_seconds =
      days_from_civil(year, month, day) * seconds_per_day + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second;
  const std::int64_t offset_seconds = std::int64_t{offset_sign} * (std::int64_t{offset_hour} * 3600 + std::int64_t{offset_minute} * 60);
  // The instant itself must be in years 0001-9999 UTC (9999-12-31T23:00-05:00 is not): every
  // instant cskpi accepts can be written back and read again.
  const std::int64_t ms = (local_seconds - offset_seconds) * ms_per_second + fraction_ms;
  if (!detail::in_instant_range(ms)) return failure(InstantError::invalid_date);
  return success(ms);
}

// Writes `value` as exactly `width` digits ending before `end`; returns the new start.
char* put_digits(char* end, std::int64_t value, int width) noexcept {
  for (int i = 0; i < width; ++i) {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return end;
}

}  // namespace

const char* to_string(InstantError error) noexcept {
  switch (error) {
    case InstantError::empty: return "empty";
    case InstantError::syntax: return "syntax";
    case InstantError::no_offset: return "no_offset";
    case InstantError::invalid_date: return "invalid_date";
    case InstantError::invalid_time: return "invalid_time";
    case InstantError::invalid_offset: return "invalid_offset";
    case InstantError::float_epoch: return "float_epoch";
  }
  return "unknown";
}

namespace {

InstantParse parse_any(std::string_view text, LocalTime* local) noexcept {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  const std::string_view s = text.substr(begin, end - begin);
  if (s.empty()) return failure(InstantError::empty);
  if (s.size() > 4 && s[4] == '-' && is_digit(s[0])) return parse_iso(s, local);
  return parse_epoch(s);
}

}  // namespace

InstantParse parse_instant(std::string_view text) noexcept { return parse_any(text, nullptr); }

TimestampParse parse_timestamp(std::string_view text) noexcept {
  LocalTime local;
  local.ms = std::numeric_limits<std::int64_t>::min();
  const InstantParse p = parse_any(text, &local);
  TimestampParse out{p.value, std::nullopt, p.error};
  if (!p.value && p.error == InstantError::no_offset && local.ms != std::numeric_limits<std::int64_t>::min()) {
    out.local = local;
  }
  return out;
}

std::string format_instant(TimePoint instant) {
  const std::int64_t ms = to_millis(instant);
  const std::int64_t days = floor_div(ms, ms_per_day);
  const std::int64_t ms_of_day = ms - days * ms_per_day;  // [0, 86'399'999]
  const Civil date = civil_from_days(days);
  const std::int64_t second_of_day = ms_of_day / ms_per_second;
  const std::int64_t millis = ms_of_day % ms_per_second;

  // Longest: "-292277026-12-31T23:59:59.999Z" (30 chars); years 0-9999 get 4 digits.
  std::array<char, 40> buffer{};
  char* const last = buffer.data() + buffer.size();
  char* p = last;
  *--p = 'Z';
  if (millis != 0) {
    p = put_digits(p, millis, 3);
    *--p = '.';
  }
  p = put_digits(p, second_of_day % 60, 2);
  *--p = ':';
  p = put_digits(p, second_of_day / 60 % 60, 2);
  *--p = ':';
  p = put_digits(p, second_of_day / 3600, 2);
  *--p = 'T';
  p = put_digits(p, date.day, 2);
  *--p = '-';
  p = put_digits(p, date.month, 2);
  *--p = '-';
  const std::int64_t year = date.year < 0 ? -date.year : date.year;
  int year_width = 4;
  for (std::int64_t y = year / 10000; y != 0; y /= 10) ++year_width;
  p = put_digits(p, year, year_width);
  if (date.year < 0) *--p = '-';
  return std::string(p, static_cast<std::size_t>(last - p));
}

}  // namespace cskpi
