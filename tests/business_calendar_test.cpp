// Business time (SPEC §3): weekly opening hours in an IANA zone, holidays, extra open and
// closed periods, measured in real time across DST changes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cskpi/calendar/business_calendar.hpp"
#include "cskpi/error.hpp"

using cskpi::BusinessCalendar;
using cskpi::BusinessCalendarSpec;
using cskpi::CalendarDate;
using cskpi::InstantRange;
using cskpi::Milliseconds;
using cskpi::OpeningInterval;
using cskpi::TimePoint;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

constexpr std::size_t mon = 0, tue = 1, wed = 2, thu = 3, fri = 4, sat = 5, sun = 6;

TimePoint at(const char* text) {
  const auto parsed = cskpi::parse_instant(text);
  INFO(text);
  REQUIRE(parsed.value.has_value());
  return *parsed.value;
}

std::string utc(TimePoint t) { return cskpi::format_instant(t); }

OpeningInterval hours_of(const char* begin, const char* end) {
  return OpeningInterval{*cskpi::parse_time_of_day(begin), *cskpi::parse_time_of_day(end)};
}

BusinessCalendarSpec weekdays(const char* zone, const char* begin, const char* end) {
  BusinessCalendarSpec spec;
  spec.time_zone = zone;
  for (std::size_t day = mon; day <= fri; ++day) spec.weekly[day] = {hours_of(begin, end)};
  return spec;
}

InstantRange range(const char* from, const char* to) { return InstantRange{at(from), at(to)}; }

std::pair<cskpi::ErrorCode, std::string> error_of(const BusinessCalendarSpec& spec) {
  try {
    BusinessCalendar calendar(spec);
  } catch (const cskpi::Error& e) {
    return {e.code(), e.what()};
  }
  FAIL("the calendar was accepted");
  return {};
}

}  // namespace

TEST_CASE("Times of day and calendar dates parse strictly", "[business_calendar]") {
  CHECK(cskpi::parse_time_of_day("09:00") == 540);
  CHECK(cskpi::parse_time_of_day("00:00") == 0);
  CHECK(cskpi::parse_time_of_day("23:59") == 1439);
  CHECK(cskpi::parse_time_of_day("24:00") == 1440);
  for (const char* bad : {"24:01", "25:00", "23:60", "9:00", "09:0", "0900", "09-00", " 09:00", "ab:cd", ""}) {
    INFO(bad);
    CHECK_FALSE(cskpi::parse_time_of_day(bad).has_value());
  }
  CHECK(cskpi::parse_calendar_date("2026-04-06") == CalendarDate{2026, 4, 6});
  CHECK(cskpi::parse_calendar_date("2028-02-29") == CalendarDate{2028, 2, 29});  // leap year
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-04-31", "0000-01-01", "2026-4-6", "2026/04/06", "x"}) {
    INFO(bad);
    CHECK_FALSE(cskpi::parse_calendar_date(bad).has_value());
  }
}

TEST_CASE("Mon-Fri 09:00-17:00 UTC counts five 8 h days from a Sunday to the next Sunday", "[business_calendar]") {
  const BusinessCalendar calendar(weekdays("UTC", "09:00", "17:00"));
  // Sunday 2026-04-05 12:00 to Sunday 2026-04-12 12:00: Mon..Fri, 5 × 8 h = 40 h = 144 000 s.
  CHECK(calendar.business_time(at("2026-04-05T12:00:00Z"), at("2026-04-12T12:00:00Z")) == seconds{144'000});
  // Reversed or empty ranges hold no business time.
  CHECK(calendar.business_time(at("2026-04-12T12:00:00Z"), at("2026-04-05T12:00:00Z")) == Milliseconds{0});
  CHECK(calendar.business_time(at("2026-04-06T10:00:00Z"), at("2026-04-06T10:00:00Z")) == Milliseconds{0});
  CHECK(calendar.time_zone() == "UTC");
}

TEST_CASE("Business time skips the night and the weekend", "[business_calendar]") {
  const BusinessCalendar calendar(weekdays("UTC", "09:00", "17:00"));
  // Friday 2026-04-10 16:00 to Monday 2026-04-13 10:00: Fri 16-17 (1 h) + Mon 09-10 (1 h).
  CHECK(calendar.business_time(at("2026-04-10T16:00:00Z"), at("2026-04-13T10:00:00Z")) == hours{2});
  CHECK(calendar.business_time(at("2026-04-06T08:00:00Z"), at("2026-04-06T09:30:00Z")) == minutes{30});
  CHECK(calendar.business_time(at("2026-04-06T16:30:00Z"), at("2026-04-07T09:00:00Z")) == minutes{30});
  CHECK(calendar.business_time(at("2026-04-11T00:00:00Z"), at("2026-04-13T00:00:00Z")) == Milliseconds{0});
  CHECK(calendar.business_time(at("2026-04-06T09:00:00.250Z"), at("2026-04-06T09:00:01Z")) == Milliseconds{750});
  CHECK(calendar.is_open(at("2026-04-06T09:00:00Z")));
  CHECK(calendar.is_open(at("2026-04-06T16:59:59.999Z")));
  CHECK_FALSE(calendar.is_open(at("2026-04-06T17:00:00Z")));  // [begin, end)
  CHECK_FALSE(calendar.is_open(at("2026-04-06T08:59:59.999Z")));
  CHECK_FALSE(calendar.is_open(at("2026-04-11T12:00:00Z")));  // Saturday
}

TEST_CASE("A holiday closes its whole local day", "[business_calendar]") {
  auto spec = weekdays("UTC", "09:00", "17:00");
  spec.holidays = {CalendarDate{2026, 4, 6}};
  const BusinessCalendar calendar(spec);
  // Sunday 04-05 to Sunday 04-12 without Monday 04-06: 4 × 8 h = 32 h = 115 200 s.
  CHECK(calendar.business_time(at("2026-04-05T12:00:00Z"), at("2026-04-12T12:00:00Z")) == seconds{115'200});
  CHECK_FALSE(calendar.is_open(at("2026-04-06T12:00:00Z")));
  CHECK(calendar.is_open(at("2026-04-07T12:00:00Z")));
}

TEST_CASE("A split shift with a holiday, in Europe/Rome (conformance case 02)", "[business_calendar]") {
  BusinessCalendarSpec spec;
  spec.time_zone = "Europe/Rome";
  for (std::size_t day = mon; day <= fri; ++day)
    spec.weekly[day] = {hours_of("08:30", "12:30"), hours_of("14:00", "18:00")};
  spec.holidays = {*cskpi::parse_calendar_date("2027-06-02")};  // Wednesday
  const BusinessCalendar calendar(spec);
  // June: local = UTC + 2 h. H-1: Mon 08:00 -> 09:15 local = 08:30-09:15 = 2 700 s.
  CHECK(calendar.business_time(at("2027-05-31T06:00:00Z"), at("2027-05-31T07:15:00Z")) == seconds{2'700});
  // H-1 resolution: Mon 08:00 -> 15:00 = 08:30-12:30 (14 400) + 14:00-15:00 (3 600) = 18 000 s.
  CHECK(calendar.business_time(at("2027-05-31T06:00:00Z"), at("2027-05-31T13:00:00Z")) == seconds{18'000});
  // H-2: Tue 12:00 -> Thu 10:00 = Tue 1 800 + 14 400, Wed 0 (holiday), Thu 08:30-10:00 5 400 = 21 600 s.
  CHECK(calendar.business_time(at("2027-06-01T10:00:00Z"), at("2027-06-03T08:00:00Z")) == seconds{21'600});
  // H-4: Fri 13:00 -> 16:00 = lunch break, then 14:00-16:00 = 7 200 s.
  CHECK(calendar.business_time(at("2027-06-04T11:00:00Z"), at("2027-06-04T14:00:00Z")) == seconds{7'200});
  // A whole week: 4 working days × (4 h + 4 h) = 32 h.
  CHECK(calendar.business_time(at("2027-05-30T00:00:00Z"), at("2027-06-06T00:00:00Z")) == hours{32});
}

TEST_CASE("An interval may end at 24:00 and run on into the next day's 00:00", "[business_calendar]") {
  BusinessCalendarSpec spec;
  spec.time_zone = "UTC";
  spec.weekly[sat] = {hours_of("20:00", "24:00")};
  spec.weekly[sun] = {hours_of("00:00", "02:00")};
  const BusinessCalendar calendar(spec);
  // Saturday 2026-04-11 22:00 to Sunday 01:00: 22-24 (2 h) + 00-01 (1 h) = 3 h.
  CHECK(calendar.business_time(at("2026-04-11T22:00:00Z"), at("2026-04-12T01:00:00Z")) == hours{3});
  // The whole weekend: 4 h + 2 h.
  CHECK(calendar.business_time(at("2026-04-11T00:00:00Z"), at("2026-04-13T00:00:00Z")) == hours{6});
  CHECK(calendar.is_open(at("2026-04-11T23:59:59.999Z")));
  CHECK(calendar.is_open(at("2026-04-12T00:00:00Z")));
  CHECK_FALSE(calendar.is_open(at("2026-04-12T02:00:00Z")));
  // add_business_time runs through the midnight seam: 2 h from Sat 23:00 = Sun 01:00.
  CHECK(utc(calendar.add_business_time(at("2026-04-11T23:00:00Z"), hours{2})) == "2026-04-12T01:00:00Z");
}

TEST_CASE("Europe/Rome: the spring-forward day lasts 23 h and the fall-back day 25 h", "[business_calendar]") {
  BusinessCalendarSpec spec;
  spec.time_zone = "Europe/Rome";
  spec.weekly[sun] = {hours_of("00:00", "24:00")};  // 2027-03-28 and 2026-10-25 are Sundays
  const BusinessCalendar calendar(spec);
  // 2027-03-28: 00:00 CET (2027-03-27T23:00Z) to 24:00 CEST (2027-03-28T22:00Z) = 23 h.
  CHECK(calendar.business_time(at("2027-03-22T00:00:00Z"), at("2027-03-29T12:00:00Z")) == hours{23});
  // 2026-10-25: 00:00 CEST (2026-10-24T22:00Z) to 24:00 CET (2026-10-25T23:00Z) = 25 h.
  CHECK(calendar.business_time(at("2026-10-19T00:00:00Z"), at("2026-10-27T00:00:00Z")) == hours{25});
  // An ordinary Sunday (2026-10-18, CEST) lasts 24 h.
  CHECK(calendar.business_time(at("2026-10-12T00:00:00Z"), at("2026-10-19T00:00:00Z")) == hours{24});
  CHECK(calendar.is_open(at("2026-10-24T22:00:00Z")));
  CHECK_FALSE(calendar.is_open(at("2026-10-24T21:59:59.999Z")));
  CHECK(calendar.is_open(at("2026-10-25T22:59:59.999Z")));
  CHECK_FALSE(calendar.is_open(at("2026-10-25T23:00:00Z")));
}

TEST_CASE("Europe/Rome: night intervals around the DST changes are measured in real time", "[business_calendar]") {
  const auto sunday_calendar = [](const char* begin, const char* end) {
    BusinessCalendarSpec spec;
    spec.time_zone = "Europe/Rome";
    spec.weekly[sun] = {hours_of(begin, end)};
    return BusinessCalendar(spec);
  };
  const auto night = [](const BusinessCalendar& c, const char* day_before, const char* day_after) {
    return c.business_time(at(day_before), at(day_after));
  };
  const auto two_to_three = sunday_calendar("02:00", "03:00");
  // Spring forward 2027-03-28: 02:00-03:00 does not exist, both ends map to 01:00Z: empty.
  CHECK(night(two_to_three, "2027-03-27T12:00:00Z", "2027-03-28T12:00:00Z") == Milliseconds{0});
  // Fall back 2026-10-25: 02:00-03:00 happens twice, 00:00Z (first 02:00) to 02:00Z (03:00 CET) = 2 h.
  CHECK(night(two_to_three, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z") == hours{2});
  CHECK(night(two_to_three, "2026-10-17T12:00:00Z", "2026-10-18T12:00:00Z") == hours{1});  // ordinary
  const auto one_to_three = sunday_calendar("01:00", "03:00");
  // Fall back: 01:00 CEST (2026-10-24T23:00Z) to 03:00 CET (02:00Z) = 3 real hours.
  CHECK(night(one_to_three, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z") == hours{3});
  // Spring forward: 01:00 CET (00:00Z) to 03:00 CEST (01:00Z) = 1 h.
  CHECK(night(one_to_three, "2027-03-27T12:00:00Z", "2027-03-28T12:00:00Z") == hours{1});
  // An end exactly where the clock is set back to (02:00 on a fall-back night) is its first
  // occurrence: 01:00-02:00 lasts 1 h (23:00Z-00:00Z), not 2 h.
  CHECK(night(sunday_calendar("01:00", "02:00"), "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z") == hours{1});
  CHECK(night(sunday_calendar("00:00", "02:00"), "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z") == hours{2});
  const auto to_half_past_two = sunday_calendar("00:00", "02:30");
  // Fall back: an end inside the repeated hour takes its last occurrence, 02:30 CET = 01:30Z;
  // from 00:00 CEST = 2026-10-24T22:00Z that is 3 h 30 min.
  CHECK(night(to_half_past_two, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z") == minutes{210});
  // Spring forward: 02:30 does not exist and maps to the end of the gap, 01:00Z; from 23:00Z = 2 h.
  CHECK(night(to_half_past_two, "2027-03-27T12:00:00Z", "2027-03-28T12:00:00Z") == hours{2});
}

TEST_CASE("A calendar open around the clock counts real time in every zone", "[business_calendar]") {
  // Zones with DST changes at midnight (Tehran 2021-03-22, a Monday), at 00:01 (St John's until
  // 2011), of 30 minutes (Lord Howe), and a skipped day (Apia, 2011-12-30).
  const char* zone = GENERATE("UTC", "Europe/Rome", "America/New_York", "Asia/Tehran", "America/St_Johns",
                              "Australia/Lord_Howe", "Pacific/Apia", "America/Santiago", "America/Havana");
  INFO(zone);
  BusinessCalendarSpec spec;
  spec.time_zone = zone;
  for (auto& day : spec.weekly) day = {hours_of("00:00", "24:00")};
  const BusinessCalendar calendar(spec);
  const TimePoint first = at("2010-01-01T00:00:00Z");
  const TimePoint last = at("2022-01-01T00:00:00Z");
  CHECK(calendar.business_time(first, last) == last - first);
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> offset(0, (last - first).count());
  for (int i = 0; i < 50; ++i) {
    const TimePoint a = first + Milliseconds{offset(random)};
    const Milliseconds length{offset(random) / 8};
    CHECK(calendar.business_time(a, a + length) == length);
    CHECK(calendar.add_business_time(a, length) == a + length);
  }
}

TEST_CASE("An end inside a repeated period that spans midnight runs on into the next local day",
          "[business_calendar]") {
  // St John's, 2010-11-07 00:01 NDT (-2:30, 02:31Z) fell back to 2010-11-06 23:01 NST (-3:30):
  // local 23:01-00:01 happened twice. Saturday 00:00-24:00 ends at the last Sunday 00:00 (NST,
  // 03:30Z), so it began at 00:00 NDT 2010-11-06 (02:30Z) and lasted 25 h.
  BusinessCalendarSpec spec;
  spec.time_zone = "America/St_Johns";
  spec.weekly[sat] = {hours_of("00:00", "24:00")};
  const BusinessCalendar calendar(spec);
  CHECK(calendar.business_time(at("2010-11-01T00:00:00Z"), at("2010-11-10T00:00:00Z")) == hours{25});
  // From 00:00:30 NDT on Sunday (the first pass, 02:30:30Z) Saturday is still to come back:
  // 02:30:30Z to 03:30Z = 59 min 30 s.
  CHECK(calendar.business_time(at("2010-11-07T02:30:30Z"), at("2010-11-07T05:00:00Z")) == seconds{3'570});
  CHECK(calendar.is_open(at("2010-11-07T03:29:59Z")));
  CHECK_FALSE(calendar.is_open(at("2010-11-07T03:30:00Z")));
}

TEST_CASE("Three years of Mon-Fri 09:00-17:00 count every weekday", "[business_calendar]") {
  // 2026 starts on a Thursday (365 days: 52 weeks + Thu) = 261 weekdays; 2027 on a Friday
  // (52 weeks + Fri) = 261; 2028 on a Saturday (366 days: 52 weeks + Sat, Sun) = 260.
  // 782 weekdays × 8 h = 6 256 h = 22 521 600 s.
  const BusinessCalendar utc_calendar(weekdays("UTC", "09:00", "17:00"));
  CHECK(utc_calendar.business_time(at("2026-01-01T00:00:00Z"), at("2029-01-01T00:00:00Z")) == seconds{22'521'600});
  // The same local hours in Rome, between local midnights, across six DST changes.
  const BusinessCalendar rome_calendar(weekdays("Europe/Rome", "09:00", "17:00"));
  CHECK(rome_calendar.business_time(at("2026-01-01T00:00:00+01:00"), at("2029-01-01T00:00:00+01:00")) ==
        seconds{22'521'600});
  // A long span equals the sum of its years.
  const auto y2026 = rome_calendar.business_time(at("2026-01-01T00:00:00+01:00"), at("2027-01-01T00:00:00+01:00"));
  CHECK(y2026 == hours{261 * 8});
}

namespace {

// An independent model of a Europe/Rome calendar for 2025-2029 whose bounds all fall on whole
// hours: the EU rule (+1 h; +2 h from 01:00Z on the last Sunday of March to 01:00Z on the last
// Sunday of October), then the SPEC's definition read literally, hour by hour.
constexpr std::int64_t ms_per_hour = 3'600'000;
constexpr std::int64_t ms_per_day = 24 * ms_per_hour;

std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = y / 400;  // years > 0 here
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

std::int64_t weekday(std::int64_t day) { return (day + 3) % 7; }  // 0 = Monday, day >= 0

std::int64_t last_sunday(std::int64_t year, std::int64_t month, std::int64_t days) {
  const std::int64_t last = days_from_civil(year, month, days);
  return last - (weekday(last) + 1) % 7;
}

struct RomeModel {
  std::vector<std::pair<int, int>> weekly[7];                       // local minutes, hour-aligned
  std::vector<std::int64_t> holidays;                               // local day numbers
  std::vector<std::pair<std::int64_t, std::int64_t>> open, closed;  // UTC ms

  static std::int64_t offset_ms(std::int64_t utc_ms) {
    for (std::int64_t year = 2025; year <= 2029; ++year) {
      const std::int64_t summer = last_sunday(year, 3, 31) * ms_per_day + ms_per_hour;
      const std::int64_t winter = last_sunday(year, 10, 31) * ms_per_day + ms_per_hour;
      if (utc_ms >= summer && utc_ms < winter) return 2 * ms_per_hour;
    }
    return ms_per_hour;
  }

  [[nodiscard]] bool open_at(std::int64_t utc_ms) const {
    const auto inside = [utc_ms](const auto& spans) {
      for (const auto& [from, to] : spans) {
        if (utc_ms >= from && utc_ms < to) return true;
      }
      return false;
    };
    const std::int64_t local = utc_ms + offset_ms(utc_ms);
    const std::int64_t day = local / ms_per_day;
    const auto minute = static_cast<int>((local - day * ms_per_day) / 60'000);
    bool weekly_open = false;
    for (const auto& [begin, end] : weekly[weekday(day)])
      weekly_open = weekly_open || (minute >= begin && minute < end);
    for (const std::int64_t h : holidays) weekly_open = weekly_open && h != day;
    return (weekly_open || inside(open)) && !inside(closed);
  }
};

std::int64_t ms(const char* text) { return cskpi::to_millis(at(text)); }

struct RomeFixture {
  BusinessCalendarSpec spec;
  RomeModel model;

  // sunday: the intervals of Sundays, where the DST changes happen.
  explicit RomeFixture(std::vector<OpeningInterval> sunday = {hours_of("02:00", "03:00")}) {
    spec.time_zone = "Europe/Rome";
    for (std::size_t day = mon; day <= fri; ++day)
      spec.weekly[day] = {hours_of("09:00", "13:00"), hours_of("14:00", "18:00")};
    spec.weekly[thu].push_back(hours_of("22:00", "24:00"));  // runs on into Friday 00:00-01:00
    spec.weekly[fri].insert(spec.weekly[fri].begin(), hours_of("00:00", "01:00"));
    spec.weekly[sat] = {hours_of("10:00", "12:00")};
    spec.weekly[sun] = std::move(sunday);
    spec.holidays = {CalendarDate{2026, 4, 6}, CalendarDate{2026, 12, 25}, CalendarDate{2027, 1, 1},
                     CalendarDate{2027, 3, 28}, CalendarDate{2026, 10, 23}};
    spec.open = {range("2026-05-16T12:00:00Z", "2026-05-16T16:00:00Z"),    // a Saturday afternoon
                 range("2026-12-25T09:00:00Z", "2026-12-25T11:00:00Z"),    // on a holiday
                 range("2026-06-11T06:00:00Z", "2026-06-11T09:00:00Z"),    // inside a closed period
                 range("2027-07-04T08:00:00Z", "2027-07-06T08:00:00Z")};   // a weekend into Tuesday
    spec.closed = {range("2026-06-10T07:00:00Z", "2026-06-12T10:00:00Z"),  // overlaps three days
                   range("2027-10-31T00:00:00Z", "2027-10-31T01:00:00Z"),  // the first 02:00 of a fall-back
                   range("2027-02-15T10:00:00Z", "2027-02-15T11:00:00Z")};
    for (std::size_t day = 0; day < 7; ++day) {
      for (const auto& i : spec.weekly[day]) model.weekly[day].emplace_back(i.begin_minute, i.end_minute);
    }
    for (const auto& d : spec.holidays) model.holidays.push_back(days_from_civil(d.year, d.month, d.day));
    for (const auto& r : spec.open) model.open.emplace_back(cskpi::to_millis(r.from), cskpi::to_millis(r.to));
    for (const auto& r : spec.closed) model.closed.emplace_back(cskpi::to_millis(r.from), cskpi::to_millis(r.to));
  }
};

}  // namespace

TEST_CASE("Two years in Europe/Rome with holidays and periods match an hour-by-hour model", "[business_calendar]") {
  // Sundays 02:00-03:00 (the DST hour: 0 h, 1 h or 2 h), or 00:00-02:00 and 03:00-04:00 (an
  // end where the clock is set back to, a begin right after the repeated hour).
  const auto sunday = GENERATE(std::vector<OpeningInterval>{hours_of("02:00", "03:00")},
                               std::vector<OpeningInterval>{hours_of("00:00", "02:00"), hours_of("03:00", "04:00")});
  const RomeFixture fixture(sunday);
  const BusinessCalendar calendar(fixture.spec);
  const std::int64_t first = ms("2026-01-01T00:00:00Z");
  const std::int64_t last = ms("2028-01-01T00:00:00Z");
  std::vector<std::int64_t> prefix{0};  // prefix[h] = open ms in the first h hours
  for (std::int64_t t = first; t < last; t += ms_per_hour) {
    prefix.push_back(prefix.back() + (fixture.model.open_at(t) ? ms_per_hour : 0));
  }
  CHECK(calendar.business_time(cskpi::from_millis(first), cskpi::from_millis(last)) == Milliseconds{prefix.back()});
  std::mt19937_64 random(20260406);
  std::uniform_int_distribution<std::size_t> hour(0, prefix.size() - 1);
  for (int i = 0; i < 300; ++i) {
    std::size_t a = hour(random);
    std::size_t b = hour(random);
    if (a > b) std::swap(a, b);
    const auto from = cskpi::from_millis(first + static_cast<std::int64_t>(a) * ms_per_hour);
    const auto to = cskpi::from_millis(first + static_cast<std::int64_t>(b) * ms_per_hour);
    INFO(utc(from) << " .. " << utc(to));
    CHECK(calendar.business_time(from, to) == Milliseconds{prefix[b] - prefix[a]});
  }
  // Spot checks of the model itself, on the fall-back Sunday 2026-10-25.
  const bool dst_hour = sunday.size() == 1;
  CHECK(fixture.model.open_at(ms("2026-10-24T23:00:00Z")) == !dst_hour);  // 01:00 CEST
  CHECK(fixture.model.open_at(ms("2026-10-25T00:00:00Z")) == dst_hour);   // 02:00 CEST
  CHECK(fixture.model.open_at(ms("2026-10-25T01:00:00Z")) == dst_hour);   // 02:00 CET
  CHECK(fixture.model.open_at(ms("2026-10-25T02:00:00Z")) == !dst_hour);  // 03:00 CET
  CHECK_FALSE(fixture.model.open_at(ms("2026-10-23T08:00:00Z")));         // holiday Friday
}

TEST_CASE("Business time is additive and add_business_time is its inverse", "[business_calendar]") {
  const RomeFixture fixture;
  const BusinessCalendar calendar(fixture.spec);
  const std::int64_t first = ms("2026-01-01T00:00:00Z");
  const std::int64_t span = ms("2028-01-01T00:00:00Z") - first;
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> offset(0, span);
  std::uniform_int_distribution<std::int64_t> budget(0, 300 * ms_per_hour);
  for (int i = 0; i < 300; ++i) {
    std::int64_t x[3] = {offset(random), offset(random), offset(random)};
    std::sort(std::begin(x), std::end(x));
    const TimePoint a = cskpi::from_millis(first + x[0]);
    const TimePoint b = cskpi::from_millis(first + x[1]);
    const TimePoint c = cskpi::from_millis(first + x[2]);
    INFO(utc(a) << " " << utc(b) << " " << utc(c));
    CHECK(calendar.business_time(a, c) == calendar.business_time(a, b) + calendar.business_time(b, c));
    // The due time is the least instant at which the budget is reached.
    const Milliseconds wanted{budget(random)};
    const TimePoint due = calendar.add_business_time(a, wanted);
    CHECK(calendar.business_time(a, due) == wanted);
    if (wanted.count() > 0) CHECK(calendar.business_time(a, due - Milliseconds{1}) < wanted);
    // Spending exactly what [a, c) holds is due no later than c.
    const Milliseconds held = calendar.business_time(a, c);
    const TimePoint back = calendar.add_business_time(a, held);
    CHECK(back <= c);
    CHECK(calendar.business_time(a, back) == held);
  }
}

TEST_CASE("Extra open periods add time and closed periods remove it", "[business_calendar]") {
  auto spec = weekdays("UTC", "09:00", "17:00");
  const auto week = [](const BusinessCalendar& c) {
    return c.business_time(at("2026-04-05T00:00:00Z"), at("2026-04-12T00:00:00Z"));  // Sun..Sun
  };
  CHECK(week(BusinessCalendar(spec)) == hours{40});
  SECTION("an open period on a Saturday") {
    spec.open = {range("2026-04-11T10:00:00Z", "2026-04-11T12:00:00Z")};
    const BusinessCalendar calendar(spec);
    CHECK(week(calendar) == hours{42});  // 40 h + Sat 10-12
    CHECK(calendar.is_open(at("2026-04-11T11:00:00Z")));
  }
  SECTION("an open period overlapping opening hours counts once") {
    spec.open = {range("2026-04-06T08:00:00Z", "2026-04-06T10:00:00Z")};
    CHECK(week(BusinessCalendar(spec)) == hours{41});  // only 08-09 is new
  }
  SECTION("a closed period overlapping two opening intervals") {
    spec.closed = {range("2026-04-06T16:00:00Z", "2026-04-07T10:00:00Z")};
    const BusinessCalendar calendar(spec);
    CHECK(week(calendar) == hours{38});  // Mon 16-17 and Tue 09-10 closed
    CHECK_FALSE(calendar.is_open(at("2026-04-07T09:30:00Z")));
  }
  SECTION("closed wins over open") {
    spec.open = {range("2026-04-11T10:00:00Z", "2026-04-11T14:00:00Z")};
    spec.closed = {range("2026-04-11T12:00:00Z", "2026-04-11T18:00:00Z"),
                   range("2026-04-08T00:00:00Z", "2026-04-09T00:00:00Z")};
    CHECK(week(BusinessCalendar(spec)) == hours{40 + 2 - 8});  // Sat 10-12 open, Wednesday closed
  }
  SECTION("overlapping periods of one kind merge") {
    spec.closed = {range("2026-04-06T10:00:00Z", "2026-04-06T12:00:00Z"),
                   range("2026-04-06T11:00:00Z", "2026-04-06T13:00:00Z")};
    CHECK(week(BusinessCalendar(spec)) == hours{37});  // Mon 10-13 closed
  }
}

TEST_CASE("A calendar of open periods only", "[business_calendar]") {
  BusinessCalendarSpec spec;
  spec.time_zone = "Europe/Rome";
  spec.open = {range("2026-03-15T09:00:00Z", "2026-03-15T11:00:00Z")};
  const BusinessCalendar calendar(spec);
  CHECK(calendar.business_time(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")) == hours{2});
  CHECK(utc(calendar.add_business_time(at("2026-01-01T00:00:00Z"), hours{1})) == "2026-03-15T10:00:00Z");
  // More than the calendar ever holds: never due.
  CHECK(calendar.add_business_time(at("2026-01-01T00:00:00Z"), hours{3}) == TimePoint::max());
}

TEST_CASE("SLA due times in Europe/Rome skip the night, the weekend and a holiday", "[business_calendar]") {
  auto spec = weekdays("Europe/Rome", "10:00", "18:00");
  spec.holidays = {*cskpi::parse_calendar_date("2026-04-06")};  // Easter Monday
  const BusinessCalendar calendar(spec);
  // Friday 2026-04-03 17:00 CEST (15:00Z) + 2 h: Fri 17-18 (1 h), Mon holiday, Tue 10-11 (1 h)
  // = Tuesday 2026-04-07 11:00 CEST = 09:00Z.
  CHECK(utc(calendar.add_business_time(at("2026-04-03T17:00:00+02:00"), hours{2})) == "2026-04-07T09:00:00Z");
  // Exactly at the edge: 1 h is due at Friday 18:00, not at the next opening.
  CHECK(utc(calendar.add_business_time(at("2026-04-03T17:00:00+02:00"), hours{1})) == "2026-04-03T16:00:00Z");
  // One millisecond from a closed instant is due just after the next opening.
  CHECK(utc(calendar.add_business_time(at("2026-04-04T12:00:00Z"), Milliseconds{1})) == "2026-04-07T08:00:00.001Z");
  CHECK(calendar.add_business_time(at("2026-04-04T12:00:00Z"), Milliseconds{0}) == at("2026-04-04T12:00:00Z"));
  // 20 weeks × 40 h = 800 h from Monday 2026-01-05 00:00 CET: 20 weeks end on Friday 2026-05-22,
  // short of the Easter Monday's 8 h, which Monday 2026-05-25 10:00-18:00 makes up.
  // Due at 18:00 CEST = 16:00Z (across the spring-forward change of 2026-03-29).
  CHECK(utc(calendar.add_business_time(at("2026-01-05T00:00:00+01:00"), hours{800})) == "2026-05-25T16:00:00Z");
  // Exactly 10 weeks (no holiday, no DST change): due Friday 2026-03-13 18:00 CET, not Monday.
  CHECK(utc(calendar.add_business_time(at("2026-01-05T00:00:00+01:00"), hours{400})) == "2026-03-13T17:00:00Z");
  CHECK_THROWS_AS(calendar.add_business_time(at("2026-04-04T12:00:00Z"), Milliseconds{-1}), cskpi::Error);
}

TEST_CASE("Calendars share their state when copied and compare by normalised spec", "[business_calendar]") {
  auto spec = weekdays("UTC", "09:00", "17:00");
  spec.weekly[mon] = {hours_of("14:00", "17:00"), hours_of("09:00", "12:00")};
  const BusinessCalendar calendar(spec);
  const BusinessCalendar copy = calendar;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy.business_time(at("2026-04-06T00:00:00Z"), at("2026-04-07T00:00:00Z")) == hours{6});
  CHECK(calendar.spec().weekly[mon].front() == hours_of("09:00", "12:00"));  // sorted
  spec.weekly[mon] = {hours_of("09:00", "12:00"), hours_of("14:00", "17:00")};
  CHECK(BusinessCalendar(spec) == calendar);
  CHECK(BusinessCalendar(weekdays("UTC", "09:00", "18:00")) != calendar);
}

TEST_CASE("Invalid calendars are refused with a message naming the problem", "[business_calendar]") {
  using cskpi::ErrorCode;
  SECTION("no open time") {
    BusinessCalendarSpec spec;
    spec.time_zone = "Europe/Rome";
    CHECK(error_of(spec) == std::pair{ErrorCode::invalid_config, std::string{"calendar has no open time"}});
    spec.open = {range("2026-03-15T09:00:00Z", "2026-03-15T11:00:00Z")};
    spec.closed = {range("2026-03-15T08:00:00Z", "2026-03-15T12:00:00Z")};  // everything closed
    CHECK(error_of(spec) == std::pair{ErrorCode::invalid_config, std::string{"calendar has no open time"}});
  }
  SECTION("overlapping intervals of a day") {
    auto spec = weekdays("UTC", "09:00", "17:00");
    spec.weekly[tue] = {hours_of("12:00", "18:00"), hours_of("09:00", "13:00")};
    const auto [code, message] = error_of(spec);
    CHECK(code == ErrorCode::invalid_config);
    CHECK_THAT(message, Catch::Contains("tue") && Catch::Contains("09:00-13:00") && Catch::Contains("12:00-18:00") &&
                            Catch::Contains("overlap"));
  }
  SECTION("begin at or after end") {
    auto spec = weekdays("UTC", "09:00", "17:00");
    spec.weekly[wed] = {hours_of("10:00", "09:00")};
    auto [code, message] = error_of(spec);
    CHECK(code == ErrorCode::invalid_config);
    CHECK_THAT(message, Catch::Contains("wed interval 10:00-09:00"));
    spec.weekly[wed] = {hours_of("10:00", "10:00")};
    CHECK(error_of(spec).first == ErrorCode::invalid_config);
  }
  SECTION("24:00 as a begin and minutes out of range") {
    auto spec = weekdays("UTC", "09:00", "17:00");
    spec.weekly[sat] = {hours_of("24:00", "24:00")};
    const auto [code, message] = error_of(spec);
    CHECK(code == ErrorCode::invalid_config);
    CHECK_THAT(message, Catch::Contains("sat interval 24:00-24:00"));
    spec.weekly[sat] = {OpeningInterval{600, 1441}};
    CHECK(error_of(spec).first == ErrorCode::invalid_config);
    spec.weekly[sat] = {OpeningInterval{-60, 600}};
    CHECK(error_of(spec).first == ErrorCode::invalid_config);
  }
  SECTION("an empty period and an impossible holiday") {
    auto spec = weekdays("UTC", "09:00", "17:00");
    spec.closed = {range("2026-03-11T11:00:00Z", "2026-03-11T10:00:00Z")};
    auto [code, message] = error_of(spec);
    CHECK(code == ErrorCode::invalid_config);
    CHECK_THAT(message, Catch::Contains("closed period [2026-03-11T11:00:00Z, 2026-03-11T10:00:00Z)"));
    spec.closed.clear();
    spec.open = {range("2026-03-11T10:00:00Z", "2026-03-11T10:00:00Z")};
    CHECK(error_of(spec).first == ErrorCode::invalid_config);
    spec.open.clear();
    spec.holidays = {CalendarDate{2026, 2, 30}};
    std::tie(code, message) = error_of(spec);
    CHECK(code == ErrorCode::invalid_config);
    CHECK_THAT(message, Catch::Contains("holiday 2026-02-30"));
  }
  SECTION("an unknown zone or a fixed offset") {
    for (const char* zone : {"Mars/Olympus", "+01:00", ""}) {
      INFO(zone);
      CHECK(error_of(weekdays(zone, "09:00", "17:00")).first == ErrorCode::unknown_time_zone);
    }
  }
}

TEST_CASE("Instants outside the years 0001-9999 are refused", "[business_calendar]") {
  const BusinessCalendar calendar(weekdays("UTC", "09:00", "17:00"));
  CHECK_THROWS_AS(calendar.business_time(at("2026-01-01T00:00:00Z"), TimePoint::max()), cskpi::Error);
  CHECK_THROWS_AS(calendar.is_open(TimePoint::min()), cskpi::Error);
}
