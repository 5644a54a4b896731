// The compiled instant format of SPEC §8: the pattern becomes a list of steps once; parse()
// walks the value's bytes once, allocation-free (it runs per instant field, on the hot path).
#include "cskpi/io/instant_format.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

#include "cskpi/error.hpp"
#include "detail/civil.hpp"

namespace cskpi {
namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }
constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::array<std::string_view, 12> month_names = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};

// Reads between `min` and `max` digits at p; false when fewer than `min`.
bool digits(const char*& p, const char* end, int min, int max, int& out) noexcept {
  int value = 0;
  int n = 0;
  while (n < max && p != end && is_digit(*p)) {
    value = value * 10 + (*p - '0');
    ++p;
    ++n;
  }
  out = value;
  return n >= min;
}

// An English month name at p, full or its first three letters, any case: 1..12, or 0.
int month_name(const char*& p, const char* end) noexcept {
  for (std::size_t m = 0; m < month_names.size(); ++m) {
    const std::string_view name = month_names[m];
    std::size_t n = 0;
    while (n < name.size() && p + n != end && lower(p[n]) == name[n]) ++n;
    if (n == name.size() || n == 3) {
      p += n;
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

TimestampParse failure(InstantError e) noexcept { return TimestampParse{std::nullopt, std::nullopt, e}; }

}  // namespace

InstantFormat::InstantFormat(std::string_view pattern) : pattern_(pattern) {
  const auto fail = [&](const std::string& what) {
    throw Error(ErrorCode::invalid_argument, "instant format '" + pattern_ + "': " + what);
  };
  unsigned seen = 0;  // one bit per Op
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == ' ') {
      if (steps_.empty() || steps_.back().op != Op::spaces) steps_.push_back(Step{Op::spaces, ' '});
      continue;
    }
    if (c != '%') {
      steps_.push_back(Step{Op::literal, c});
      continue;
    }
    if (++i == pattern.size()) fail("ends with a lone %");
    Op op = Op::literal;
    switch (pattern[i]) {
      case '%': steps_.push_back(Step{Op::literal, '%'}); continue;
      case 'Y': op = Op::year4; break;
      case 'y': op = Op::year2; break;
      case 'm': op = Op::month; break;
      case 'b': op = Op::month_name; break;
      case 'd': op = Op::day; break;
      case 'H': op = Op::hour; break;
      case 'M': op = Op::minute; break;
      case 'S': op = Op::second; break;
      case 'f': op = Op::fraction; break;
      case 'z': op = Op::offset; break;
      default:
        fail(std::string{"%"} + pattern[i] + " is not one of %Y %y %m %b %d %H %M %S %f %z %%");
    }
    const unsigned bit = 1u << static_cast<unsigned>(op);
    if ((seen & bit) != 0) fail(std::string{"%"} + pattern[i] + " appears twice");
    seen |= bit;
    steps_.push_back(Step{op, 0});
  }
  const auto has = [&](Op op) { return (seen & (1u << static_cast<unsigned>(op))) != 0; };
  if (has(Op::year4) && has(Op::year2)) fail("has both %Y and %y");
  if (has(Op::month) && has(Op::month_name)) fail("has both %m and %b");
  if (!(has(Op::year4) || has(Op::year2)) || !(has(Op::month) || has(Op::month_name)) || !has(Op::day)) {
    fail("needs a year (%Y or %y), a month (%m or %b) and a day (%d)");
  }
  has_offset_ = has(Op::offset);
}

TimestampParse InstantFormat::parse(std::string_view text) const noexcept {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p != end && is_space(*p)) ++p;
  while (end != p && is_space(end[-1])) --end;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::int64_t fraction_ms = 0;
  int offset_sign = 0, offset_hour = 0, offset_minute = 0;
  bool utc = false;
  for (const Step& s : steps_) {
    switch (s.op) {
      case Op::literal:
        if (p == end || *p != s.c) return failure(InstantError::syntax);
        ++p;
        break;
      case Op::spaces:
        while (p != end && is_space(*p)) ++p;
        break;
      case Op::year4:
        if (!digits(p, end, 4, 4, year)) return failure(InstantError::syntax);
        break;
      case Op::year2:
        if (!digits(p, end, 2, 2, year)) return failure(InstantError::syntax);
        year += year < 69 ? 2000 : 1900;
        break;
      case Op::month:
        if (!digits(p, end, 1, 2, month)) return failure(InstantError::syntax);
        break;
      case Op::month_name:
        month = month_name(p, end);
        if (month == 0) return failure(InstantError::syntax);
        break;
      case Op::day:
        if (!digits(p, end, 1, 2, day)) return failure(InstantError::syntax);
        break;
      case Op::hour:
        if (!digits(p, end, 1, 2, hour)) return failure(InstantError::syntax);
        break;
      case Op::minute:
        if (!digits(p, end, 1, 2, minute)) return failure(InstantError::syntax);
        break;
      case Op::second:
        if (!digits(p, end, 1, 2, second)) return failure(InstantError::syntax);
        break;
      case Op::fraction: {
        int n = 0;
        fraction_ms = 0;
        while (p != end && is_digit(*p)) {
          if (n < 3) fraction_ms = fraction_ms * 10 + (*p - '0');
          ++p;
          ++n;
        }
        if (n == 0 || n > 9) return failure(InstantError::syntax);
        for (int i = n; i < 3; ++i) fraction_ms *= 10;
        break;
      }
      case Op::offset:
        if (p != end && (*p == 'Z' || *p == 'z')) {
          utc = true;
          ++p;
          break;
        }
        if (p == end || (*p != '+' && *p != '-')) return failure(InstantError::syntax);
        offset_sign = *p == '-' ? -1 : 1;
        ++p;
        if (!digits(p, end, 2, 2, offset_hour)) return failure(InstantError::syntax);
        if (p != end && *p == ':') ++p;
        if (p != end && is_digit(*p) && !digits(p, end, 2, 2, offset_minute)) return failure(InstantError::syntax);
        break;
    }
  }
  if (p != end) return failure(InstantError::syntax);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > detail::days_in_month(year, month)) {
    return failure(InstantError::invalid_date);
  }
  if (hour > 23 || minute > 59 || second > 59) return failure(InstantError::invalid_time);
  if (offset_hour > 23 || offset_minute > 59) return failure(InstantError::invalid_offset);
  const std::int64_t local_ms =
      (detail::days_from_civil(year, month, day) * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 +
       second) * 1000 + fraction_ms;
  if (!has_offset_) return TimestampParse{std::nullopt, LocalTime{local_ms, false}, InstantError::no_offset};
  const std::int64_t offset_ms =
      utc ? 0 : std::int64_t{offset_sign} * (std::int64_t{offset_hour} * 3600 + std::int64_t{offset_minute} * 60) * 1000;
  // The instant itself must be in years 0001-9999 UTC, as parse_instant's.
  if (!detail::in_instant_range(local_ms - offset_ms)) return failure(InstantError::invalid_date);
  return TimestampParse{from_millis(local_ms - offset_ms), std::nullopt, InstantError::syntax};
}

}  // namespace cskpi
