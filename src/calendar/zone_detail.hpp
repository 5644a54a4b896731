// Private to src/calendar/: civil-date arithmetic and local-time resolution in one
// date::time_zone (the only headers that see <date/tz.h> are here and in calendar sources).
#pragma once

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "detail/civil.hpp"

namespace cskpi::detail {

inline constexpr std::int64_t ms_per_minute = 60'000;
inline constexpr std::int64_t ms_per_day = 86'400'000;
inline constexpr std::int64_t ms_per_week = 7 * ms_per_day;

/// Which side of a local span a local time bounds, so that the UTC span covers the whole local
/// span: a begin maps to the first instant whose local time is >= it, an end to the last instant
/// before which local time is < it. So a skipped (spring-forward) time maps to the end of the
/// gap; a repeated (fall-back) one to its first occurrence as a begin and its last as an end,
/// except an end exactly where the clock is set back to, which takes the first occurrence.
enum class LocalBound { begin, end };

/// Maps between UTC and local milliseconds of one zone, caching the last offset range.
/// Cheap to make; one per call or per thread (the cache is not shared).
class LocalClock {
 public:
  /// One offset range of the zone: [begin_ms, end_ms) has local = UTC + offset_ms.
  struct Range {
    std::int64_t begin_ms = 0;
    std::int64_t end_ms = 0;  // empty until the first look-up
    std::int64_t offset_ms = 0;
  };

  explicit LocalClock(const date::time_zone& zone) noexcept : zone_(&zone) {}

  const Range& range_at(std::int64_t utc_ms) {
    if (utc_ms < cache_.begin_ms || utc_ms >= cache_.end_ms) {
      cache_ = make(zone_->get_info(date::sys_seconds{std::chrono::seconds{floor_div(utc_ms, 1000)}}));
    }
    return cache_;
  }

  std::int64_t local_day(std::int64_t utc_ms) { return floor_div(utc_ms + range_at(utc_ms).offset_ms, ms_per_day); }

  std::int64_t to_utc(std::int64_t local_ms, LocalBound bound) {
    // Two days from both ends of a range no other range can map the same local time (offsets
    // of one zone differ by less than a day), so the cached offset settles it.
    constexpr std::int64_t margin = 2 * ms_per_day;
    const std::int64_t guess = local_ms - cache_.offset_ms;
    if (guess >= cache_.begin_ms + margin && guess < cache_.end_ms - margin) return guess;
    const date::local_info info = zone_->get_info(date::local_seconds{std::chrono::seconds{floor_div(local_ms, 1000)}});
    switch (info.result) {
      case date::local_info::nonexistent: cache_ = make(info.second); return cache_.begin_ms;
      case date::local_info::ambiguous: {
        // info.first is the range before the transition, with the larger offset: the earlier
        // occurrence. info.second begins at the transition, where local time steps back to
        // its earliest repeated value.
        const Range before = make(info.first);
        const Range after = make(info.second);
        const bool set_back_to_here = local_ms - after.offset_ms == after.begin_ms;
        cache_ = bound == LocalBound::begin || set_back_to_here ? before : after;
        return local_ms - cache_.offset_ms;
      }
      case date::local_info::unique: break;
    }
    cache_ = make(info.first);
    return local_ms - cache_.offset_ms;
  }

 private:
  static std::int64_t to_ms(date::sys_seconds s) noexcept {
    constexpr std::int64_t limit_s = 1'000'000'000'000'000 / 1000;  // far outside any instant in use
    return std::clamp<std::int64_t>(s.time_since_epoch().count(), -limit_s, limit_s) * 1000;
  }
  static Range make(const date::sys_info& info) noexcept {
    return Range{to_ms(info.begin), to_ms(info.end), static_cast<std::int64_t>(info.offset.count()) * 1000};
  }

  const date::time_zone* zone_;
  Range cache_;
};

}  // namespace cskpi::detail
