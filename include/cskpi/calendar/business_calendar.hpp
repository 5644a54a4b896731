// cskpi/calendar/business_calendar.hpp: business time (SPEC §3 "Business time") — the time a
// calendar of weekly opening hours in an IANA zone is open, DST-exact. The zone database stays private.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/time.hpp"

namespace cskpi {

/// Local opening hours of one weekday: [begin_minute, end_minute) in minutes since local
/// midnight, 0 <= begin < end <= 1440 ("24:00" = 1440). An interval never crosses midnight.
struct OpeningInterval {
  int begin_minute = 0;
  int end_minute = 0;
};

/// A civil date of the calendar's zone (proleptic Gregorian).
struct CalendarDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

/// The instants [from, to).
struct InstantRange {
  TimePoint from;
  TimePoint to;
};

/// What a calendar is made of (SPEC §6 "calendars"). Open time =
/// (weekly intervals − holidays) ∪ open periods − closed periods.
struct BusinessCalendarSpec {
  std::string time_zone;                               // IANA name, e.g. "Europe/Rome"
  std::array<std::vector<OpeningInterval>, 7> weekly;  // index 0 = Monday … 6 = Sunday
  std::vector<CalendarDate> holidays;                  // whole local days closed
  std::vector<InstantRange> closed;                    // extra closed periods
  std::vector<InstantRange> open;                      // extra open periods
};

[[nodiscard]] bool operator==(const OpeningInterval& a, const OpeningInterval& b) noexcept;
[[nodiscard]] bool operator!=(const OpeningInterval& a, const OpeningInterval& b) noexcept;
[[nodiscard]] bool operator==(const CalendarDate& a, const CalendarDate& b) noexcept;
[[nodiscard]] bool operator!=(const CalendarDate& a, const CalendarDate& b) noexcept;
[[nodiscard]] bool operator==(const InstantRange& a, const InstantRange& b) noexcept;
[[nodiscard]] bool operator!=(const InstantRange& a, const InstantRange& b) noexcept;
[[nodiscard]] bool operator==(const BusinessCalendarSpec& a, const BusinessCalendarSpec& b) noexcept;
[[nodiscard]] bool operator!=(const BusinessCalendarSpec& a, const BusinessCalendarSpec& b) noexcept;

/// "HH:MM", exactly two digits each, 00:00 … 23:59 or 24:00 → minutes since midnight (0 … 1440);
/// nullopt for anything else.
[[nodiscard]] std::optional<int> parse_time_of_day(std::string_view text) noexcept;
/// "YYYY-MM-DD" (year 0001 … 9999, a real date) → the date; nullopt for anything else.
[[nodiscard]] std::optional<CalendarDate> parse_calendar_date(std::string_view text) noexcept;

/// Opening hours in one IANA zone, with holidays and extra open / closed periods.
/// Copies are cheap and share the immutable, validated calendar; every member is const and
/// thread-safe. Instants must lie in years 0001 … 9999 (Error{invalid_argument} otherwise).
class BusinessCalendar {
 public:
  /// Validates and normalises the spec (intervals and holidays sorted, periods sorted).
  /// Throws Error{unknown_time_zone} for a zone the tz database does not know (fixed offsets
  /// such as "+01:00" are refused, as for time buckets); Error{invalid_config}, naming the
  /// weekday and interval or the period, for minutes outside 0 … 1440, 24:00 as a begin,
  /// begin >= end, overlapping intervals of one day, an impossible holiday date, a period with
  /// from >= to; and "calendar has no open time" when no instant is ever open.
  explicit BusinessCalendar(BusinessCalendarSpec spec);

  /// Open time inside [a, b), in real milliseconds; 0 when b <= a. An interval covers its
  /// whole local span in real time: a begin maps to the first instant whose local time is at or
  /// after it, an end to the last instant before which local time is before it. So a skipped
  /// (spring-forward) time maps to the end of the gap, a repeated (fall-back) one to its first
  /// occurrence as a begin and its last as an end (but an end exactly at the time the clock is
  /// set back to, such as 02:00 in Rome, to its first); a day open 00:00–24:00 lasts 23 h or
  /// 25 h on the change days, 02:00–03:00 lasts 0 h or 2 h. Cost: O(days) for the days of DST
  /// changes, holidays and extra periods; runs of other whole weeks are multiplied.
  [[nodiscard]] Milliseconds business_time(TimePoint a, TimePoint b) const;

  /// The least t >= start with business_time(start, t) >= budget (an SLA due time); start
  /// for a zero budget; TimePoint::max() ("never") when the budget is not reached before the
  /// year 10000 (say, a calendar of extra open periods only, all used up). Throws
  /// Error{invalid_argument} for a negative budget.
  [[nodiscard]] TimePoint add_business_time(TimePoint start, Milliseconds budget) const;

  /// Whether the instant t is inside open time.
  [[nodiscard]] bool is_open(TimePoint t) const;

  [[nodiscard]] const std::string& time_zone() const noexcept;
  /// The normalised spec the calendar was built from (for comparing configurations).
  [[nodiscard]] const BusinessCalendarSpec& spec() const noexcept;

 private:
  struct Impl;  // the date::time_zone, the normalised spec, day numbers and millisecond spans
  std::shared_ptr<const Impl> impl_;
};

/// Calendars are equal when their normalised specs are.
[[nodiscard]] bool operator==(const BusinessCalendar& a, const BusinessCalendar& b) noexcept;
[[nodiscard]] bool operator!=(const BusinessCalendar& a, const BusinessCalendar& b) noexcept;

}  // namespace cskpi
