// Private: proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01),
// after H. Hinnant's civil-date algorithms. Shared by instant parsing, time buckets and
// business calendars.
#pragma once

#include <cstdint>

namespace cskpi::detail {

/// a / b rounded toward negative infinity (b > 0).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr bool is_leap_year(std::int64_t y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/// Days in month m (1..12) of year y.
constexpr std::int64_t days_in_month(std::int64_t y, std::int64_t m) noexcept {
  constexpr std::int64_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
constexpr std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                                     // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year;
  std::int64_t month;  // 1..12
  std::int64_t day;    // 1..31
};

/// The date of a day number.
constexpr Civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - (153 * mp + 2) / 5 + 1};
}

/// 0 = Monday … 6 = Sunday; 1970-01-01 (day 0) was a Thursday.
constexpr std::int64_t weekday(std::int64_t day) noexcept { return day + 3 - floor_div(day + 3, 7) * 7; }

/// Milliseconds since the epoch of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants
/// cskpi accepts (SPEC §1 years 0001-9999, of the instant in UTC), so each can be written back.
constexpr std::int64_t min_instant_ms = days_from_civil(1, 1, 1) * 86'400'000;
constexpr std::int64_t max_instant_ms = (days_from_civil(9999, 12, 31) + 1) * 86'400'000 - 1;
constexpr bool in_instant_range(std::int64_t ms) noexcept { return ms >= min_instant_ms && ms <= max_instant_ms; }

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).year == 2000 && civil_from_days(11017).month == 3);
static_assert(civil_from_days(days_from_civil(2026, 3, 1)).day == 1);
static_assert(weekday(0) == 3);
static_assert(weekday(-3) == 0);                           // 1969-12-29, a Monday
static_assert(weekday(days_from_civil(2026, 4, 6)) == 0);  // a Monday

}  // namespace cskpi::detail
