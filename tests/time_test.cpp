// Instant parsing and formatting: every spelling SPEC §1 accepts, and every refusal.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "cskpi/time.hpp"

using cskpi::format_instant;
using cskpi::from_millis;
using cskpi::InstantError;
using cskpi::parse_instant;
using cskpi::to_millis;

namespace {

// 2026-03-01T00:00:00Z: 2026-01-01 is 56*365 + 14 leap days (1972..2024) = 20454 days
// after the epoch; + 31 (Jan) + 28 (Feb) = 20513 days; * 86400 = 1'772'323'200 s.
constexpr std::int64_t march_1_2026_ms = 1'772'323'200'000;

std::int64_t ms_of(const char* text) {
  const auto parsed = parse_instant(text);
  INFO(text << " -> " << (parsed.value ? "ok" : cskpi::to_string(parsed.error)));
  REQUIRE(parsed.value.has_value());
  return to_millis(*parsed.value);
}

InstantError error_of(const char* text) {
  const auto parsed = parse_instant(text);
  INFO(text << " was accepted");
  REQUIRE_FALSE(parsed.value.has_value());
  return parsed.error;
}

}  // namespace

TEST_CASE("An instant accepts T, t or a space between date and time, and Z or z", "[time]") {
  CHECK(ms_of("2026-03-01T00:00:00Z") == march_1_2026_ms);
  CHECK(ms_of("2026-03-01t00:00:00z") == march_1_2026_ms);
  CHECK(ms_of("2026-03-01 00:00:00Z") == march_1_2026_ms);
  CHECK(ms_of("2026-03-01T00:00Z") == march_1_2026_ms);  // seconds are optional
  CHECK(ms_of("2026-03-01T09:07:05Z") == march_1_2026_ms + (9 * 3600 + 7 * 60 + 5) * 1000);
}

TEST_CASE("An instant's offset is subtracted to give UTC", "[time]") {
  // 2027-11-02T10:00:00Z = 1'825'149'600 s (GNU date -d).
  constexpr std::int64_t ten_utc = 1'825'149'600'000;
  CHECK(ms_of("2027-11-02T11:00:00+01:00") == ten_utc);
  CHECK(ms_of("2027-11-02T11:00:00+0100") == ten_utc);
  CHECK(ms_of("2027-11-02T11:00:00+01") == ten_utc);
  CHECK(ms_of("2027-11-02T11:00+01:00") == ten_utc);
  CHECK(ms_of("2027-11-02T15:30:00+05:30") == ten_utc);  // 15:30 - 5:30 = 10:00
  CHECK(ms_of("2027-11-02T15:30:00+0530") == ten_utc);
  CHECK(ms_of("2027-11-02T07:00:00-03") == ten_utc);     // 07:00 + 3:00 = 10:00
  CHECK(ms_of("2027-11-02T06:30:00-03:30") == ten_utc);  // 06:30 + 3:30 = 10:00
  CHECK(ms_of("2027-11-02T10:00:00-00:00") == ten_utc);
  CHECK(ms_of("2027-11-02T10:00:00+00") == ten_utc);
  // An offset can move the instant across midnight and a month end.
  CHECK(ms_of("2026-02-28T21:00:00-03:00") == march_1_2026_ms);
  CHECK(ms_of("2026-03-01T01:00:00+01:00") == march_1_2026_ms);
  CHECK(ms_of("2026-03-01T23:59:00+23:59") == march_1_2026_ms);  // the largest offset
}

TEST_CASE("Fraction digits are truncated to milliseconds, up to 9 digits", "[time]") {
  CHECK(ms_of("2026-03-01T00:00:00.5Z") == march_1_2026_ms + 500);
  CHECK(ms_of("2026-03-01T00:00:00.12Z") == march_1_2026_ms + 120);
  CHECK(ms_of("2026-03-01T00:00:00.123Z") == march_1_2026_ms + 123);
  CHECK(ms_of("2026-03-01T00:00:00.9999Z") == march_1_2026_ms + 999);  // truncated, not rounded
  CHECK(ms_of("2026-03-01T00:00:00.000999Z") == march_1_2026_ms);
  CHECK(ms_of("2026-03-01T00:00:00.123456789Z") == march_1_2026_ms + 123);
  CHECK(ms_of("2026-03-01T01:00:00.999999999+01:00") == march_1_2026_ms + 999);
  CHECK(error_of("2026-03-01T00:00:00.1234567890Z") == InstantError::syntax);  // 10 digits
  CHECK(error_of("2026-03-01T00:00:00.Z") == InstantError::syntax);
  CHECK(error_of("2026-03-01T00:00:00,5Z") == InstantError::syntax);
  CHECK(error_of("2026-03-01T00:00.5Z") == InstantError::syntax);  // a fraction needs seconds
}

TEST_CASE("Leap days exist only in leap years", "[time]") {
  CHECK(ms_of("2024-02-29T12:00:00Z") == 1'709'208'000'000);  // GNU date -d
  CHECK(ms_of("2000-02-29T00:00:00Z") == 951'782'400'000);    // divisible by 400: leap
  CHECK(error_of("2100-02-29T00:00:00Z") == InstantError::invalid_date);  // by 100, not 400
  CHECK(error_of("2026-02-29T00:00:00Z") == InstantError::invalid_date);
  CHECK(error_of("2024-02-30T00:00:00Z") == InstantError::invalid_date);
  CHECK(error_of("2026-04-31T00:00:00Z") == InstantError::invalid_date);
  CHECK(error_of("2026-13-01T00:00:00Z") == InstantError::invalid_date);
  CHECK(error_of("2026-00-10T00:00:00Z") == InstantError::invalid_date);
  CHECK(error_of("2026-01-00T00:00:00Z") == InstantError::invalid_date);
}

TEST_CASE("Years run from 0001 to 9999", "[time]") {
  CHECK(error_of("0000-01-01T00:00:00Z") == InstantError::invalid_date);
  CHECK(ms_of("0001-01-01T00:00:00Z") == -62'135'596'800'000);
  CHECK(ms_of("9999-12-31T23:59:59.999Z") == 253'402'300'799'999);
  CHECK(error_of("12026-03-01T00:00:00Z") == InstantError::syntax);
}

TEST_CASE("The instant itself must be in years 0001-9999 UTC, whatever its offset", "[time]") {
  // Found by the instant fuzz target: these were accepted, and printed as years 10000 and 0000,
  // which no reader takes back.
  CHECK(error_of("9999-12-31T23:59:59.999-23:59") == InstantError::invalid_date);
  CHECK(error_of("0001-01-01T00:00:00+00:01") == InstantError::invalid_date);
  CHECK(ms_of("9999-12-31T23:59:59.999+00:00") == 253'402'300'799'999);
  CHECK(ms_of("0001-01-01T00:59:00+00:59") == -62'135'596'800'000);
  CHECK(cskpi::parse_timestamp("9999-12-31T23:00:00-05:00").error == InstantError::invalid_date);
}

TEST_CASE("Hour 24, minute 60 and second 60 are refused", "[time]") {
  CHECK(error_of("2026-03-01T24:00:00Z") == InstantError::invalid_time);
  CHECK(error_of("2026-03-01T10:60:00Z") == InstantError::invalid_time);
  CHECK(error_of("2016-12-31T23:59:60Z") == InstantError::invalid_time);  // even a real leap second
  CHECK(ms_of("2026-03-01T23:59:59Z") == march_1_2026_ms + 86'399'000);
}

TEST_CASE("Offsets beyond 23:59 are refused", "[time]") {
  CHECK(error_of("2026-03-01T10:00:00+24:00") == InstantError::invalid_offset);
  CHECK(error_of("2026-03-01T10:00:00+01:60") == InstantError::invalid_offset);
  CHECK(error_of("2026-03-01T10:00:00+1") == InstantError::syntax);
  CHECK(error_of("2026-03-01T10:00:00+01:0") == InstantError::syntax);
  CHECK(error_of("2026-03-01T10:00:00+010") == InstantError::syntax);
  CHECK(error_of("2026-03-01T10:00:00+01:00:00") == InstantError::syntax);
  CHECK(error_of("2026-03-01T10:00:00+01:00Z") == InstantError::syntax);
}

TEST_CASE("A local time without an offset is refused as no_offset", "[time]") {
  CHECK(error_of("2026-03-01T10:00:00") == InstantError::no_offset);
  CHECK(error_of("2026-03-01 10:00") == InstantError::no_offset);
  CHECK(error_of("2026-03-01T10:00:00.123") == InstantError::no_offset);
}

TEST_CASE("Text that is neither an ISO instant nor an integer is a syntax error", "[time]") {
  for (const char* text :
       {"2026-03-01", "2026/03/01T10:00Z", "2026-3-01T10:00Z", "2026-03-1T10:00Z", "2026-03-01X10:00Z",
        "2026-03-01T10:00:00 Z", "2026-03-01T10:00:00ZZ", "2026-03-01T10:0Z", "2026-03-01T1000Z",
        "2026-03-01TT10:00Z", "20260301T100000Z", "hello", "+1700000000", "-", "1700000000s", "0x10",
        "1e", "2026-03-01T10:00:00EST", "-2026-03-01T10:00:00Z"}) {
    INFO(text);
    CHECK(error_of(text) == InstantError::syntax);
  }
}

TEST_CASE("Empty text and spaces only are refused as empty", "[time]") {
  CHECK(error_of("") == InstantError::empty);
  CHECK(error_of("   ") == InstantError::empty);
  CHECK(error_of("\t \r\n") == InstantError::empty);
}

TEST_CASE("Leading and trailing spaces are ignored", "[time]") {
  CHECK(ms_of("  2026-03-01T00:00:00Z  ") == march_1_2026_ms);
  CHECK(ms_of("\t1772323200\r\n") == march_1_2026_ms);
  CHECK(error_of(" 2026-03-01 T00:00:00Z") == InstantError::syntax);  // inner spaces are not
}

TEST_CASE("An integer is Unix seconds", "[time]") {
  // 1'825'154'100 = 1'825'149'600 (2027-11-02T10:00Z) + 4500 s (1 h 15 min).
  CHECK(ms_of("1825154100") == ms_of("2027-11-02T11:15:00Z"));
  CHECK(ms_of("1772323200") == march_1_2026_ms);
  CHECK(ms_of("0") == 0);
  CHECK(ms_of("-0") == 0);
  CHECK(ms_of("-1") == -1000);
  CHECK(ms_of("-86400") == -86'400'000);
  CHECK(ms_of("0001772323200") == march_1_2026_ms);  // leading zeros
  // The epoch range is the ISO range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
  CHECK(ms_of("-62135596800") == ms_of("0001-01-01T00:00:00Z"));
  CHECK(ms_of("253402300799") == ms_of("9999-12-31T23:59:59Z"));
  CHECK(error_of("-62135596801") == InstantError::invalid_date);
  CHECK(error_of("253402300800") == InstantError::invalid_date);
  CHECK(error_of("99999999999999999999999") == InstantError::invalid_date);
}

TEST_CASE("A float epoch is refused as float_epoch", "[time]") {
  CHECK(error_of("1700000000.5") == InstantError::float_epoch);
  CHECK(error_of("1700000000.0") == InstantError::float_epoch);
  CHECK(error_of("1700000000.") == InstantError::float_epoch);
  CHECK(error_of("-1.5") == InstantError::float_epoch);
  CHECK(error_of("1.7e9") == InstantError::float_epoch);
  CHECK(error_of("17E8") == InstantError::float_epoch);
  CHECK(error_of("1.7e+9") == InstantError::float_epoch);
  CHECK(error_of("1.7.1") == InstantError::syntax);
}

TEST_CASE("format_instant writes UTC with milliseconds only when not zero", "[time]") {
  // 2027-02-28T23:00:00Z = 1'803'855'600 s (GNU date -d).
  CHECK(format_instant(from_millis(1'803'855'600'000)) == "2027-02-28T23:00:00Z");
  CHECK(format_instant(from_millis(1'803'855'600'123)) == "2027-02-28T23:00:00.123Z");
  CHECK(format_instant(from_millis(1'803'855'600'005)) == "2027-02-28T23:00:00.005Z");
  CHECK(format_instant(from_millis(0)) == "1970-01-01T00:00:00Z");
  CHECK(format_instant(from_millis(march_1_2026_ms - 1)) == "2026-02-28T23:59:59.999Z");
  CHECK(format_instant(from_millis(-62'135'596'800'000)) == "0001-01-01T00:00:00Z");
  CHECK(format_instant(from_millis(253'402'300'799'999)) == "9999-12-31T23:59:59.999Z");
}

TEST_CASE("format_instant floors negative epochs", "[time]") {
  CHECK(format_instant(from_millis(-1)) == "1969-12-31T23:59:59.999Z");
  CHECK(format_instant(from_millis(-1000)) == "1969-12-31T23:59:59Z");
  CHECK(format_instant(from_millis(-86'400'000)) == "1969-12-31T00:00:00Z");
  CHECK(format_instant(from_millis(-86'400'001)) == "1969-12-30T23:59:59.999Z");
  // 1900-03-01: 1900 is not a leap year; -25'508 days = -70 * 365 - 17 leap days (1904..1968) + 59.
  CHECK(format_instant(from_millis(-25'508LL * 86'400'000)) == "1900-03-01T00:00:00Z");
}

TEST_CASE("format_instant writes years outside 0001-9999 with a sign or more digits", "[time]") {
  CHECK(format_instant(from_millis(-62'135'596'800'001)) == "0000-12-31T23:59:59.999Z");
  CHECK(format_instant(from_millis(253'402'300'800'000)) == "10000-01-01T00:00:00Z");
  // 0000 is a leap year; -0001-12-31 is 366 days before 0001-01-01.
  CHECK(format_instant(from_millis(-62'135'596'800'000 - 367LL * 86'400'000)) == "-0001-12-31T00:00:00Z");
}

TEST_CASE("format_instant and parse_instant round-trip", "[time]") {
  for (const char* text : {"2027-02-28T23:00:00Z", "2024-02-29T12:34:56.789Z", "1969-12-31T23:59:59.001Z",
                           "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2000-02-29T00:00:00.100Z"}) {
    CHECK(format_instant(*parse_instant(text).value) == text);
  }
  // Pseudo-random instants over the whole 0001..9999 range.
  constexpr std::int64_t lo = -62'135'596'800'000;
  constexpr std::int64_t span = 253'402'300'800'000 - lo;
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::int64_t ms = lo + static_cast<std::int64_t>(state >> 11) % span;
    const std::string text = format_instant(from_millis(ms));
    const auto back = parse_instant(text);
    INFO(text);
    REQUIRE(back.value.has_value());
    REQUIRE(to_millis(*back.value) == ms);
  }
}

TEST_CASE("Every InstantError has a snake_case name", "[time]") {
  CHECK(std::string(cskpi::to_string(InstantError::empty)) == "empty");
  CHECK(std::string(cskpi::to_string(InstantError::syntax)) == "syntax");
  CHECK(std::string(cskpi::to_string(InstantError::no_offset)) == "no_offset");
  CHECK(std::string(cskpi::to_string(InstantError::invalid_date)) == "invalid_date");
  CHECK(std::string(cskpi::to_string(InstantError::invalid_time)) == "invalid_time");
  CHECK(std::string(cskpi::to_string(InstantError::invalid_offset)) == "invalid_offset");
  CHECK(std::string(cskpi::to_string(InstantError::float_epoch)) == "float_epoch");
}
