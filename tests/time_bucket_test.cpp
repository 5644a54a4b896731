// Time buckets in a reporting zone (SPEC §2): DST-correct keys, labels and UTC bounds.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"

using cskpi::TimeBucket;
using cskpi::TimePoint;
using cskpi::ZoneBuckets;

namespace {

TimePoint at(const char* text) {
  const auto parsed = cskpi::parse_instant(text);
  INFO(text);
  REQUIRE(parsed.value.has_value());
  return *parsed.value;
}

std::string utc(TimePoint t) { return cskpi::format_instant(t); }

std::string label_at(const ZoneBuckets& zone, TimeBucket b, const char* instant) {
  return zone.label(b, zone.key(b, at(instant)));
}

// 2026-01-01 is day 20454 (56 * 365 + 14 leap days 1972..2024); these follow from it.
constexpr std::int64_t day_2026_03_01 = 20454 + 31 + 28;             // 20513
constexpr std::int64_t day_2026_10_25 = 20454 + 273 + 24;            // Jan..Sep = 273 days: 20751
constexpr std::int64_t day_2027_03_28 = 20454 + 365 + 31 + 28 + 27;  // 20905

}  // namespace

TEST_CASE("Time bucket names round-trip", "[buckets]") {
  for (auto b : {TimeBucket::hour, TimeBucket::day, TimeBucket::week, TimeBucket::month, TimeBucket::quarter,
                 TimeBucket::year, TimeBucket::hour_of_week}) {
    CHECK(cskpi::parse_time_bucket(cskpi::to_string(b)) == b);
  }
  CHECK(cskpi::to_string(TimeBucket::hour_of_week) == "hour_of_week");
  CHECK(cskpi::to_string(TimeBucket::quarter) == "quarter");
  CHECK_FALSE(cskpi::parse_time_bucket("Hour").has_value());
  CHECK_FALSE(cskpi::parse_time_bucket("").has_value());
  CHECK_FALSE(cskpi::parse_time_bucket("minute").has_value());
}

TEST_CASE("IANA zone names are accepted, unknown names and fixed offsets are refused", "[buckets]") {
  for (const char* name : {"UTC", "Etc/UTC", "Europe/Rome", "America/New_York", "GMT", "Etc/GMT", "US/Eastern",
                           "EST5EDT", "Asia/Kolkata"}) {
    INFO(name);
    CHECK(ZoneBuckets(name).zone_name() == name);
  }
  for (const char* name : {"+01:00", "-0500", "UTC+1", "utc-3", "GMT+2", "GMT0", "Etc/GMT+2", "Etc/GMT-14", "UT+1",
                           "Mars/Olympus", "europe/rome", "Europe/Rome/", "", "localtime", "Factory", "right/UTC"}) {
    INFO(name);
    try {
      ZoneBuckets zone(name);
      FAIL("accepted");
    } catch (const cskpi::Error& e) {
      CHECK(e.code() == cskpi::ErrorCode::unknown_time_zone);
      CHECK(std::string(e.what()).rfind("unknown time zone '" + std::string(name) + "'", 0) == 0);
    }
  }
}

TEST_CASE("Rome spring forward: local 02:00-03:00 of 2027-03-28 does not exist", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  // 00:59:59Z is 01:59:59 CET (+1); 01:00:00Z is already 03:00:00 CEST (+2).
  const auto before = rome.key(TimeBucket::hour, at("2027-03-28T00:59:59Z"));
  const auto after = rome.key(TimeBucket::hour, at("2027-03-28T01:00:00Z"));
  CHECK(before == day_2027_03_28 * 24 + 1);
  CHECK(after == day_2027_03_28 * 24 + 3);  // local hour 2 is skipped
  CHECK(rome.label(TimeBucket::hour, before) == "2027-03-28T01");
  CHECK(rome.label(TimeBucket::hour, after) == "2027-03-28T03");
  // The nonexistent hour begins and ends where the gap ends: an empty bucket.
  CHECK(utc(rome.begin(TimeBucket::hour, day_2027_03_28 * 24 + 2)) == "2027-03-28T01:00:00Z");
  CHECK(utc(rome.end(TimeBucket::hour, day_2027_03_28 * 24 + 2)) == "2027-03-28T01:00:00Z");
  CHECK(utc(rome.begin(TimeBucket::hour, before)) == "2027-03-28T00:00:00Z");
  CHECK(utc(rome.end(TimeBucket::hour, before)) == "2027-03-28T01:00:00Z");
  // The day has 23 hours: local midnight CET (-1 h) to local midnight CEST (-2 h).
  CHECK(rome.key(TimeBucket::day, at("2027-03-28T01:00:00Z")) == day_2027_03_28);
  CHECK(utc(rome.begin(TimeBucket::day, day_2027_03_28)) == "2027-03-27T23:00:00Z");
  CHECK(utc(rome.end(TimeBucket::day, day_2027_03_28)) == "2027-03-28T22:00:00Z");
  CHECK(rome.utc_offset(at("2027-03-28T00:59:59Z")) == std::chrono::hours{1});
  CHECK(rome.utc_offset(at("2027-03-28T01:00:00Z")) == std::chrono::hours{2});
}

TEST_CASE("Rome fall back: the repeated hour of 2026-10-25 is one bucket spanning 2 real hours", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  // 00:30Z is 02:30 CEST (+2); 01:30Z is 02:30 CET (+1): both local hour 2.
  const auto first = rome.key(TimeBucket::hour, at("2026-10-25T00:30:00Z"));
  const auto second = rome.key(TimeBucket::hour, at("2026-10-25T01:30:00Z"));
  CHECK(first == day_2026_10_25 * 24 + 2);  // 20751 * 24 + 2 = 498026
  CHECK(second == first);
  CHECK(rome.label(TimeBucket::hour, first) == "2026-10-25T02");
  // Begins at the first 02:00 (CEST, 00:00Z), ends at 03:00 CET (02:00Z).
  CHECK(utc(rome.begin(TimeBucket::hour, first)) == "2026-10-25T00:00:00Z");
  CHECK(utc(rome.end(TimeBucket::hour, first)) == "2026-10-25T02:00:00Z");
  CHECK(rome.key(TimeBucket::hour, at("2026-10-25T02:00:00Z")) == first + 1);
  CHECK(rome.key(TimeBucket::hour, at("2026-10-24T23:59:59Z")) == first - 1);  // 01:59:59 CEST
  // The day has 25 hours: 2026-10-24T22:00Z (midnight CEST) to 2026-10-25T23:00Z (midnight CET).
  CHECK(utc(rome.begin(TimeBucket::day, day_2026_10_25)) == "2026-10-24T22:00:00Z");
  CHECK(utc(rome.end(TimeBucket::day, day_2026_10_25)) == "2026-10-25T23:00:00Z");
}

TEST_CASE("New York DST changes of 2026-03-08 and 2026-11-01", "[buckets]") {
  const ZoneBuckets ny("America/New_York");
  // Spring forward at 07:00Z: 01:59:59 EST (-5) -> 03:00 EDT (-4).
  CHECK(label_at(ny, TimeBucket::hour, "2026-03-08T06:59:59Z") == "2026-03-08T01");
  CHECK(label_at(ny, TimeBucket::hour, "2026-03-08T07:00:00Z") == "2026-03-08T03");
  const auto march_8 = ny.key(TimeBucket::day, at("2026-03-08T12:00:00Z"));
  CHECK(march_8 == day_2026_03_01 + 7);
  CHECK(utc(ny.begin(TimeBucket::day, march_8)) == "2026-03-08T05:00:00Z");  // midnight EST
  CHECK(utc(ny.end(TimeBucket::day, march_8)) == "2026-03-09T04:00:00Z");    // midnight EDT: 23 h
  // Fall back at 06:00Z: 01:59:59 EDT -> 01:00 EST; local 01:xx is 05:00Z-07:00Z.
  const auto one_am = ny.key(TimeBucket::hour, at("2026-11-01T05:30:00Z"));
  CHECK(ny.key(TimeBucket::hour, at("2026-11-01T06:30:00Z")) == one_am);
  CHECK(ny.label(TimeBucket::hour, one_am) == "2026-11-01T01");
  CHECK(utc(ny.begin(TimeBucket::hour, one_am)) == "2026-11-01T05:00:00Z");
  CHECK(utc(ny.end(TimeBucket::hour, one_am)) == "2026-11-01T07:00:00Z");
  const auto november_1 = ny.key(TimeBucket::day, at("2026-11-01T12:00:00Z"));
  CHECK(ny.label(TimeBucket::day, november_1) == "2026-11-01");
  CHECK(utc(ny.begin(TimeBucket::day, november_1)) == "2026-11-01T04:00:00Z");  // midnight EDT
  CHECK(utc(ny.end(TimeBucket::day, november_1)) == "2026-11-02T05:00:00Z");    // midnight EST: 25 h
  // The day is the local one: 2026-11-01T03:59Z is still October 31 in New York.
  CHECK(label_at(ny, TimeBucket::day, "2026-11-01T03:59:59Z") == "2026-10-31");
}

TEST_CASE("A local month's UTC bounds follow the DST offset at each end", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  // March 2027: key 2027 * 12 + 2 = 24326; starts at midnight CET (-1 h), ends at midnight CEST (-2 h).
  constexpr std::int64_t march_2027 = 2027 * 12 + 2;
  CHECK(rome.key(TimeBucket::month, at("2027-02-28T23:00:00Z")) == march_2027);
  CHECK(rome.key(TimeBucket::month, at("2027-02-28T22:59:59.999Z")) == march_2027 - 1);
  CHECK(rome.key(TimeBucket::month, at("2027-03-31T21:59:59.999Z")) == march_2027);
  CHECK(rome.key(TimeBucket::month, at("2027-03-31T22:00:00Z")) == march_2027 + 1);
  CHECK(utc(rome.begin(TimeBucket::month, march_2027)) == "2027-02-28T23:00:00Z");
  CHECK(utc(rome.end(TimeBucket::month, march_2027)) == "2027-03-31T22:00:00Z");
  CHECK(rome.label(TimeBucket::month, march_2027) == "2027-03");
  CHECK(rome.label(TimeBucket::month, 2026 * 12 + 11) == "2026-12");
  CHECK(utc(rome.end(TimeBucket::month, 2026 * 12 + 11)) == "2026-12-31T23:00:00Z");  // into January
}

TEST_CASE("Quarters and years are local too", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  // 2026-03-31T22:00Z is 2026-04-01T00:00 CEST: Q2, key 2026 * 4 + 1 = 8105.
  CHECK(rome.key(TimeBucket::quarter, at("2026-03-31T21:59:59Z")) == 2026 * 4);
  CHECK(rome.key(TimeBucket::quarter, at("2026-03-31T22:00:00Z")) == 2026 * 4 + 1);
  CHECK(rome.label(TimeBucket::quarter, 2026 * 4 + 1) == "2026-Q2");
  CHECK(rome.label(TimeBucket::quarter, 2026 * 4 + 3) == "2026-Q4");
  CHECK(utc(rome.begin(TimeBucket::quarter, 2026 * 4 + 1)) == "2026-03-31T22:00:00Z");
  CHECK(utc(rome.end(TimeBucket::quarter, 2026 * 4 + 1)) == "2026-06-30T22:00:00Z");
  CHECK(utc(rome.begin(TimeBucket::quarter, 2026 * 4 + 3)) == "2026-09-30T22:00:00Z");  // CEST
  CHECK(utc(rome.end(TimeBucket::quarter, 2026 * 4 + 3)) == "2026-12-31T23:00:00Z");    // CET
  // New Year's Eve 23:30Z is already 2027 in Rome, still 2026 in UTC.
  CHECK(rome.key(TimeBucket::year, at("2026-12-31T23:30:00Z")) == 2027);
  CHECK(ZoneBuckets("UTC").key(TimeBucket::year, at("2026-12-31T23:30:00Z")) == 2026);
  CHECK(rome.label(TimeBucket::year, 2027) == "2027");
  CHECK(utc(rome.begin(TimeBucket::year, 2026)) == "2025-12-31T23:00:00Z");
  CHECK(utc(rome.end(TimeBucket::year, 2026)) == "2026-12-31T23:00:00Z");
}

TEST_CASE("Weeks are ISO weeks: Monday start, labelled with the ISO week-year", "[buckets]") {
  const ZoneBuckets utc_zone("UTC");
  // The week-year is the year of the week's Thursday:
  // 2025-12-29 (Mon) -> Thu 2026-01-01 -> 2026-W01.
  CHECK(label_at(utc_zone, TimeBucket::week, "2025-12-29T12:00:00Z") == "2026-W01");
  // 2021-01-03 (Sun) -> Mon 2020-12-28, Thu 2020-12-31 = day 365 of 2020 (leap): 365 / 7 + 1 = 53.
  CHECK(label_at(utc_zone, TimeBucket::week, "2021-01-03T12:00:00Z") == "2020-W53");
  // 2024-12-30 (Mon) -> Thu 2025-01-02 -> 2025-W01.
  CHECK(label_at(utc_zone, TimeBucket::week, "2024-12-30T00:00:00Z") == "2025-W01");
  // 2027-01-01 (Fri) -> Mon 2026-12-28, Thu 2026-12-31 = day 364 of 2026: 364 / 7 + 1 = 53.
  CHECK(label_at(utc_zone, TimeBucket::week, "2027-01-01T12:00:00Z") == "2026-W53");
  // 2026-03-01 (Sun) -> Mon 2026-02-23, Thu 2026-02-26 = day 31 + 25 = 56: 56 / 7 + 1 = 9.
  CHECK(label_at(utc_zone, TimeBucket::week, "2026-03-01T09:00:00Z") == "2026-W09");
  // The key is the Monday's day number: 2026-03-01 is day 20513, its Monday 6 days earlier.
  CHECK(utc_zone.key(TimeBucket::week, at("2026-03-01T09:00:00Z")) == day_2026_03_01 - 6);
  // Local: Sunday 2025-12-28T23:30Z is Monday 00:30 in Rome.
  const ZoneBuckets rome("Europe/Rome");
  CHECK(label_at(utc_zone, TimeBucket::week, "2025-12-28T23:30:00Z") == "2025-W52");
  CHECK(label_at(rome, TimeBucket::week, "2025-12-28T23:30:00Z") == "2026-W01");
  const auto week = rome.key(TimeBucket::week, at("2025-12-28T23:30:00Z"));
  CHECK(utc(rome.begin(TimeBucket::week, week)) == "2025-12-28T23:00:00Z");
  CHECK(utc(rome.end(TimeBucket::week, week)) == "2026-01-04T23:00:00Z");
  // A key that is not a Monday means the week holding that day.
  CHECK(rome.label(TimeBucket::week, week + 3) == "2026-W01");
  CHECK(rome.begin(TimeBucket::week, week + 6) == rome.begin(TimeBucket::week, week));
  CHECK(rome.end(TimeBucket::week, week + 6) == rome.end(TimeBucket::week, week));
}

TEST_CASE("hour_of_week counts local hours from Monday 00:00", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  // Monday 2026-03-02T00:00 CET = 2026-03-01T23:00Z -> 0; Sunday 23:59 CET = 22:59Z -> 6 * 24 + 23 = 167.
  CHECK(rome.key(TimeBucket::hour_of_week, at("2026-03-01T23:00:00Z")) == 0);
  CHECK(rome.key(TimeBucket::hour_of_week, at("2026-03-01T22:59:59Z")) == 167);
  // Wednesday 2026-03-04T13:15 CET = 12:15Z -> 2 * 24 + 13 = 61.
  CHECK(rome.key(TimeBucket::hour_of_week, at("2026-03-04T12:15:00Z")) == 61);
  // New York, Sunday 2026-03-08T03:30 EDT = 07:30Z (just after the gap) -> 6 * 24 + 3 = 147.
  CHECK(ZoneBuckets("America/New_York").key(TimeBucket::hour_of_week, at("2026-03-08T07:30:00Z")) == 147);
  CHECK(rome.label(TimeBucket::hour_of_week, 0) == "0");
  CHECK(rome.label(TimeBucket::hour_of_week, 167) == "167");
  CHECK_THROWS_AS(rome.label(TimeBucket::hour_of_week, 168), cskpi::Error);
  CHECK_THROWS_AS(rome.begin(TimeBucket::hour_of_week, 0), cskpi::Error);
  CHECK_THROWS_AS(rome.end(TimeBucket::hour_of_week, 0), cskpi::Error);
}

TEST_CASE("Santiago: a day whose midnight does not exist begins where the gap ends", "[buckets]") {
  const ZoneBuckets santiago("America/Santiago");
  // 2026-09-06T04:00Z: local 00:00 (-4) jumps to 01:00 (-3).
  const auto sep_6 = santiago.key(TimeBucket::day, at("2026-09-06T04:00:00Z"));
  CHECK(santiago.label(TimeBucket::day, sep_6) == "2026-09-06");
  CHECK(utc(santiago.begin(TimeBucket::day, sep_6)) == "2026-09-06T04:00:00Z");  // local 01:00
  CHECK(utc(santiago.end(TimeBucket::day, sep_6)) == "2026-09-07T03:00:00Z");    // 23 h
  CHECK(utc(santiago.end(TimeBucket::day, sep_6 - 1)) == "2026-09-06T04:00:00Z");
  // 2026-04-05T03:00Z: local 00:00 (-3) falls back to 23:00 (-4) of April 4: a 25 h day.
  const auto apr_4 = santiago.key(TimeBucket::day, at("2026-04-05T03:30:00Z"));
  CHECK(santiago.label(TimeBucket::day, apr_4) == "2026-04-04");
  CHECK(utc(santiago.begin(TimeBucket::day, apr_4)) == "2026-04-04T03:00:00Z");
  CHECK(utc(santiago.end(TimeBucket::day, apr_4)) == "2026-04-05T04:00:00Z");
}

TEST_CASE("from_local maps gaps to their end and ambiguous times to the earliest instant", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  constexpr std::int64_t hour = 3'600'000;
  CHECK(utc(rome.from_local(day_2027_03_28 * 86'400'000 + 2 * hour + hour / 2)) == "2027-03-28T01:00:00Z");
  CHECK(utc(rome.from_local(day_2026_10_25 * 86'400'000 + 2 * hour + hour / 2)) == "2026-10-25T00:30:00Z");
  CHECK(utc(rome.from_local(day_2026_10_25 * 86'400'000 + 12 * hour + 5)) == "2026-10-25T11:00:00.005Z");
  CHECK(rome.local_day(at("2026-10-24T22:00:00Z")) == day_2026_10_25);
  CHECK(rome.local_day(at("2026-10-24T21:59:59.999Z")) == day_2026_10_25 - 1);
}

TEST_CASE("Instants before 1970 use floor division", "[buckets]") {
  const ZoneBuckets utc_zone("UTC");
  const ZoneBuckets rome("Europe/Rome");
  CHECK(utc_zone.key(TimeBucket::day, at("1969-12-31T23:30:00Z")) == -1);
  CHECK(utc_zone.key(TimeBucket::hour, at("1969-12-31T23:30:00Z")) == -1);
  CHECK(rome.key(TimeBucket::day, at("1969-12-31T23:30:00Z")) == 0);  // 00:30 CET on 1970-01-01
  CHECK(utc_zone.label(TimeBucket::hour, -1) == "1969-12-31T23");
  CHECK(utc_zone.label(TimeBucket::week, -3) == "1970-W01");  // Mon 1969-12-29, Thu 1970-01-01
  CHECK(utc_zone.label(TimeBucket::month, 1969 * 12 + 11) == "1969-12");
  CHECK(utc_zone.label(TimeBucket::day, utc_zone.key(TimeBucket::day, at("0001-01-01T00:00:00Z"))) == "0001-01-01");
}

TEST_CASE("Out-of-range keys and instants are refused", "[buckets]") {
  const ZoneBuckets utc_zone("UTC");
  CHECK_THROWS_AS(utc_zone.label(TimeBucket::year, 1'000'000), cskpi::Error);
  CHECK_THROWS_AS(utc_zone.begin(TimeBucket::day, INT64_MAX), cskpi::Error);
  CHECK_THROWS_AS(utc_zone.end(TimeBucket::month, INT64_MIN), cskpi::Error);
  CHECK_THROWS_AS(utc_zone.key(TimeBucket::day, cskpi::from_millis(INT64_MAX)), cskpi::Error);
}

TEST_CASE("Every instant lies in (begin, end) of its bucket and keys sort like labels", "[buckets]") {
  // A property check over a year in zones with hour, half-hour and midnight transitions.
  for (const char* name : {"UTC", "Europe/Rome", "America/New_York", "America/Santiago", "Australia/Lord_Howe",
                           "Asia/Kolkata"}) {
    const ZoneBuckets zone(name);
    for (auto b : {TimeBucket::hour, TimeBucket::day, TimeBucket::week, TimeBucket::month, TimeBucket::quarter,
                   TimeBucket::year}) {
      INFO(name << " " << cskpi::to_string(b));
      std::int64_t previous_key = INT64_MIN;
      std::string previous_label;
      int misplaced = 0;
      int misordered = 0;
      std::string first_problem;
      // Every 37 minutes from 2025-12-25 to 2027-01-05 (crosses both year ends).
      const std::int64_t last = cskpi::to_millis(at("2027-01-05T00:00:00Z"));
      for (std::int64_t ms = cskpi::to_millis(at("2025-12-25T00:00:00Z")); ms < last; ms += 37 * 60'000) {
        const TimePoint t = cskpi::from_millis(ms);
        const std::int64_t k = zone.key(b, t);
        if (!(zone.begin(b, k) <= t && t < zone.end(b, k))) {
          if (misplaced++ == 0) first_problem = utc(t);
        }
        if (k < previous_key) ++misordered;
        if (k > previous_key) {
          const std::string l = zone.label(b, k);
          if (!(previous_label < l)) ++misordered;
          previous_label = l;
        }
        previous_key = k;
      }
      INFO("first misplaced instant: " << first_problem);
      CHECK(misplaced == 0);
      CHECK(misordered == 0);
    }
  }
}

TEST_CASE("Copies share the zone and keep their own cache", "[buckets]") {
  const ZoneBuckets rome("Europe/Rome");
  (void)rome.key(TimeBucket::day, at("2026-07-01T00:00:00Z"));  // caches the CEST range
  ZoneBuckets copy = rome;
  CHECK(copy.zone_name() == "Europe/Rome");
  CHECK(copy.key(TimeBucket::hour, at("2026-12-01T12:00:00Z")) ==
        rome.key(TimeBucket::hour, at("2026-12-01T12:00:00Z")));
  copy = ZoneBuckets("America/New_York");
  CHECK(copy.label(TimeBucket::day, copy.key(TimeBucket::day, at("2026-07-01T02:00:00Z"))) == "2026-06-30");
  CHECK(rome.label(TimeBucket::day, rome.key(TimeBucket::day, at("2026-07-01T02:00:00Z"))) == "2026-07-01");
}

TEST_CASE("Bucket keys from the cache of the last range equal the keys computed afresh", "[buckets]") {
  // ZoneBuckets remembers, per bucket, the UTC range that has the last key (within one offset
  // range). Walks of instants (in order with steps from 1 s to 5 h, and back and forth) through
  // years of transitions must give, from one reused object, the keys a fresh object computes:
  // Sao Paulo's DST ended at midnight (local 00:00 back to 23:00: a local day repeats an hour
  // of the day before), Lord Howe moves by 30 minutes, Apia skipped 2011-12-30, St John's is
  // −3:30, and Rome is the plain case.
  for (const char* zone : {"America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Apia", "America/St_Johns",
                           "Europe/Rome", "UTC"}) {
    ZoneBuckets reused(zone);
    std::uint64_t state = 88172645463325252ull;  // xorshift: a fixed walk
    const auto next = [&state] {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      return state;
    };
    // 2011-01-01T00:00Z = 1,293,840,000 s; the walk covers about two years.
    std::int64_t t = 1'293'840'000'000;
    for (int i = 0; i < 20'000; ++i) {
      const auto step = static_cast<std::int64_t>(next() % 18'000) * 1000 + static_cast<std::int64_t>(next() % 1000);
      t += i % 7 == 6 ? -step : step;  // mostly forward, sometimes back
      const TimePoint at = cskpi::from_millis(t);
      for (std::size_t b = 0; b < cskpi::time_bucket_count; ++b) {
        const auto bucket = static_cast<TimeBucket>(b);
        const ZoneBuckets fresh(zone);
        INFO(zone << " at " << t << " ms, bucket " << cskpi::to_string(bucket));
        REQUIRE(reused.key(bucket, at) == fresh.key(bucket, at));
      }
      REQUIRE(reused.local_day(at) == ZoneBuckets(zone).local_day(at));
    }
    // Across each of the zone's first eight transitions from 2011 on (offset_end finds them):
    // ±26 h in 7-minute steps, forward then back, every bucket at every step.
    std::int64_t from = 1'293'840'000'000;
    for (int transition = 0; transition < 8; ++transition) {
      const std::int64_t at = cskpi::to_millis(reused.offset_end(cskpi::from_millis(from)));
      if (at > 1'000'000'000'000'000) break;  // a zone without more transitions
      constexpr std::int64_t span = 26 * 3'600'000;
      constexpr std::int64_t step = 7 * 60'000;
      for (int direction : {1, -1}) {
        for (std::int64_t d = -span; d <= span; d += step) {
          const std::int64_t u = at + direction * d;
          for (std::size_t b = 0; b < cskpi::time_bucket_count; ++b) {
            const auto bucket = static_cast<TimeBucket>(b);
            INFO(zone << " near the transition at " << at << " ms: " << u << " ms, " << cskpi::to_string(bucket));
            REQUIRE(reused.key(bucket, cskpi::from_millis(u)) == ZoneBuckets(zone).key(bucket, cskpi::from_millis(u)));
          }
        }
      }
      from = at;
    }
  }
}
