// cskpi/calendar/time_bucket.hpp: the time buckets of SPEC §2 (hour … year, hour_of_week)
// in the local calendar of one IANA zone, DST-correct. The zone database stays private.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cskpi/time.hpp"

namespace cskpi {

enum class TimeBucket : unsigned char { hour, day, week, month, quarter, year, hour_of_week };

inline constexpr std::size_t time_bucket_count = 7;

/// "hour", "day", "week", "month", "quarter", "year", "hour_of_week".
[[nodiscard]] std::string_view to_string(TimeBucket bucket) noexcept;
/// The inverse of to_string (exact spelling); nullopt for anything else.
[[nodiscard]] std::optional<TimeBucket> parse_time_bucket(std::string_view name) noexcept;

/// Maps UTC instants to local-calendar buckets of one IANA zone, DST-correct.
/// Not thread-safe (key() updates a one-entry offset cache): use one ZoneBuckets per
/// thread. Copies are cheap and share the immutable zone.
class ZoneBuckets {
 public:
  /// Throws Error{unknown_time_zone} for a name the tz database does not know, and for
  /// fixed-offset spellings ("+01:00", "UTC+1", "GMT+2", "Etc/GMT-1") and "localtime".
  explicit ZoneBuckets(std::string_view zone_name);

  [[nodiscard]] const std::string& zone_name() const noexcept;

  /// Chronologically ordered integer key of the bucket holding t:
  /// hour: local hours since 1970-01-01T00 local (a fall-back night's repeated hour is one bucket);
  /// day: local days since 1970-01-01; week: local day number of the ISO week's Monday;
  /// month: year*12 + month-1; quarter: year*4 + quarter-1; year: year;
  /// hour_of_week: 0..167 (0 = Monday 00:00 local).
  /// Throws Error{invalid_argument} for instants more than ~31'000 years from 1970.
  [[nodiscard]] std::int64_t key(TimeBucket bucket, TimePoint t) const;

  /// Label of a key: hour "2026-03-01T09", day "2026-03-01", week "2026-W09" (ISO
  /// week-year), month "2026-03", quarter "2026-Q1", year "2026", hour_of_week "0".."167".
  /// Throws Error{invalid_argument} for a key outside the supported range.
  [[nodiscard]] std::string label(TimeBucket bucket, std::int64_t key) const;

  /// UTC instants where the bucket begins and ends (end = begin of the next bucket). A local
  /// start that does not exist (spring-forward gap) maps to the instant the gap ends; an
  /// ambiguous one (fall-back) to the earliest. A week key that is not a Monday means the
  /// week holding that day. Throws Error{invalid_argument} for hour_of_week.
  [[nodiscard]] TimePoint begin(TimeBucket bucket, std::int64_t key) const;
  [[nodiscard]] TimePoint end(TimeBucket bucket, std::int64_t key) const;

  /// Local calendar day of t (days since 1970-01-01); the same as key(TimeBucket::day, t).
  [[nodiscard]] std::int64_t local_day(TimePoint t) const;
  /// Offset of local time from UTC at t (local = UTC + offset).
  [[nodiscard]] Milliseconds utc_offset(TimePoint t) const;
  /// The instant where the offset in force at t stops applying (the next transition; far in
  /// the future for a zone without more changes).
  [[nodiscard]] TimePoint offset_end(TimePoint t) const;
  /// The UTC instant of a local time given as milliseconds since 1970-01-01T00:00 local,
  /// with the gap and ambiguity rules of begin().
  [[nodiscard]] TimePoint from_local(std::int64_t local_ms) const;
  /// The instant of a wall-clock reading of input data (SPEC §8): nullopt for a local time
  /// the clocks skip (spring-forward gap); the earlier instant of a repeated one (fall-back).
  /// Fast for runs of times in one offset range (cached). Throws like from_local.
  [[nodiscard]] std::optional<TimePoint> instant_of_local(std::int64_t local_ms) const;

 private:
  struct Impl;  // the date::time_zone and the name
  /// The offset range holding the last instant looked up: [begin_ms, end_ms) has offset_ms.
  struct OffsetCache {
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;  // empty until the first look-up
    std::int64_t offset_ms = 0;
  };

  /// The year and month of the last local day key() turned into a date: records come in runs
  /// of one day (an export sorted by time), and the date costs divisions.
  struct DateCache {
    std::int64_t day = std::numeric_limits<std::int64_t>::min();  // none yet
    std::int64_t year = 0;
    std::int64_t month = 0;
  };

  /// The key of one bucket for the last instant looked up, and the UTC range [begin_ms, end_ms)
  /// of instants that have it: within one offset range (local time is UTC plus a constant
  /// there), the instants whose local time lies in the key's local bounds. Records come in
  /// runs of one bucket, so most look-ups end with two comparisons.
  struct KeyCache {
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;  // empty until the first look-up
    std::int64_t key = 0;
  };

  [[nodiscard]] std::int64_t offset_at(std::int64_t utc_ms) const;
  /// The key of a local time (ms since 1970-01-01T00:00 local).
  [[nodiscard]] std::int64_t local_key(TimeBucket bucket, std::int64_t local) const;
  /// year * 12 + month - 1 of a local day (days since 1970-01-01).
  [[nodiscard]] std::int64_t month_key(std::int64_t day) const noexcept;

  std::shared_ptr<const Impl> impl_;
  mutable OffsetCache cache_;
  mutable DateCache date_;
  mutable std::array<KeyCache, time_bucket_count> keys_{};
};

}  // namespace cskpi
