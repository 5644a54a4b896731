// Time buckets in an IANA zone's local calendar: UTC instant -> local time through the
// zone's offset (cached per offset range), then plain civil-calendar arithmetic.
#include "cskpi/calendar/time_bucket.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>
#include <utility>

#include "detail/civil.hpp"

#include "cskpi/error.hpp"

namespace cskpi {

struct ZoneBuckets::Impl {
  const date::time_zone* zone = nullptr;
  std::string name;
};

namespace {

using detail::Civil;
using detail::civil_from_days;
using detail::days_from_civil;
using detail::floor_div;
using detail::weekday;

constexpr std::int64_t ms_per_hour = 3'600'000;
constexpr std::int64_t ms_per_day = 24 * ms_per_hour;
// Supported instants and local times: |ms| <= limit (about 31'700 years around 1970),
// so that no bucket arithmetic can overflow and the tz database stays in its range.
constexpr std::int64_t limit_ms = 1'000'000'000'000'000;
constexpr std::int64_t limit_year = 30'000;  // |year| for month, quarter and year keys

constexpr std::array<std::string_view, time_bucket_count> bucket_names = {
    "hour", "day", "week", "month", "quarter", "year", "hour_of_week"};


Error out_of_range(TimeBucket bucket, std::int64_t key) {
  return Error(ErrorCode::invalid_argument,
               std::string{"time bucket key "} + std::to_string(key) + " is out of range for '" +
                   std::string{to_string(bucket)} + "'");
}

// Local time (ms since 1970-01-01T00:00 local) where the bucket `key` begins.
std::int64_t local_start_ms(TimeBucket bucket, std::int64_t key) {
  const auto check = [&](std::int64_t lo, std::int64_t hi) {
    if (key < lo || key > hi) throw out_of_range(bucket, key);
  };
  switch (bucket) {
    case TimeBucket::hour:
      check(-limit_ms / ms_per_hour, limit_ms / ms_per_hour);
      return key * ms_per_hour;
    case TimeBucket::day:
      check(-limit_ms / ms_per_day, limit_ms / ms_per_day);
      return key * ms_per_day;
    case TimeBucket::week:
      check(-limit_ms / ms_per_day, limit_ms / ms_per_day);
      return (key - weekday(key)) * ms_per_day;
    case TimeBucket::month: {
      check(-limit_year * 12, limit_year * 12);
      const std::int64_t year = floor_div(key, 12);
      return days_from_civil(year, key - year * 12 + 1, 1) * ms_per_day;
    }
    case TimeBucket::quarter: {
      check(-limit_year * 4, limit_year * 4);
      const std::int64_t year = floor_div(key, 4);
      return days_from_civil(year, (key - year * 4) * 3 + 1, 1) * ms_per_day;
    }
    case TimeBucket::year:
      check(-limit_year, limit_year);
      return days_from_civil(key, 1, 1) * ms_per_day;
    case TimeBucket::hour_of_week:
      throw Error(ErrorCode::invalid_argument,
                  "hour_of_week buckets recur every week: they have no begin or end");
  }
  throw Error(ErrorCode::invalid_argument, "unknown time bucket");
}

// The local times [first, end) whose key is `key` (the bucket of `local`): for hour_of_week, the
// local hour of `local`. Next to the supported range's ends, just `local` (nothing is cached).
std::pair<std::int64_t, std::int64_t> local_bounds(TimeBucket bucket, std::int64_t key, std::int64_t local) {
  const auto calendar = [&](std::int64_t last_key) -> std::pair<std::int64_t, std::int64_t> {
    if (key <= -last_key || key >= last_key) return {local, local + 1};
    return {local_start_ms(bucket, key), local_start_ms(bucket, key + 1)};
  };
  switch (bucket) {
    case TimeBucket::hour: return {key * ms_per_hour, (key + 1) * ms_per_hour};
    case TimeBucket::day: return {key * ms_per_day, (key + 1) * ms_per_day};
    case TimeBucket::week: return {key * ms_per_day, (key + 7) * ms_per_day};  // key: the Monday
    case TimeBucket::month: return calendar(limit_year * 12);
    case TimeBucket::quarter: return calendar(limit_year * 4);
    case TimeBucket::year: return calendar(limit_year);
    case TimeBucket::hour_of_week: {
      const std::int64_t hour = floor_div(local, ms_per_hour);
      return {hour * ms_per_hour, (hour + 1) * ms_per_hour};
    }
  }
  return {local, local + 1};
}

void append_digits(std::string& out, std::int64_t value, int width) {
  std::array<char, 24> buffer{};
  char* const last = buffer.data() + buffer.size();
  char* p = last;
  const bool negative = value < 0;
  std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  int written = 0;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
    ++written;
  } while (v != 0 || written < width);
  if (negative) *--p = '-';
  out.append(p, last);
}

// Year as 4 digits (0001 … 9999), with a sign or more digits outside that range.
void append_year(std::string& out, std::int64_t year) { append_digits(out, year, 4); }

void append_date(std::string& out, std::int64_t day) {
  const Civil c = civil_from_days(day);
  append_year(out, c.year);
  out += '-';
  append_digits(out, c.month, 2);
  out += '-';
  append_digits(out, c.day, 2);
}

// An offset spelled as a zone name: "+01:00", "UTC+1", "GMT-2", "Etc/GMT+3", "GMT0".
bool is_offset_spelling(std::string_view name) noexcept {
  const auto strip_prefix = [&name](std::string_view prefix) {
    if (name.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const char c = name[i];
      const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      if (lower != prefix[i]) return false;
    }
    name.remove_prefix(prefix.size());
    return true;
  };
  strip_prefix("etc/");
  if (!strip_prefix("utc") && !strip_prefix("gmt")) strip_prefix("ut");
  if (name.empty()) return false;
  const char c = name.front();
  return c == '+' || c == '-' || (c >= '0' && c <= '9');
}

const date::time_zone* locate(std::string_view name) {
  const std::string quoted = "unknown time zone '" + std::string{name} + "'";
  if (is_offset_spelling(name)) {
    throw Error(ErrorCode::unknown_time_zone,
                quoted + ": fixed offsets are not accepted, use an IANA name such as 'Europe/Rome'");
  }
  if (name == "localtime") {  // the host's /etc/localtime: not a reproducible zone
    throw Error(ErrorCode::unknown_time_zone, quoted + ": use an IANA name such as 'Europe/Rome'");
  }
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
  }
  try {
    (void)date::locate_zone("Etc/UTC");
  } catch (const std::exception& e) {
    throw Error(ErrorCode::io_error, std::string{"cannot read the time zone database (tzdata): "} + e.what());
  }
  throw Error(ErrorCode::unknown_time_zone, quoted);
}

std::int64_t to_ms(date::sys_seconds s) noexcept {
  constexpr std::int64_t limit_s = limit_ms / 1000;
  return std::clamp<std::int64_t>(s.time_since_epoch().count(), -limit_s, limit_s) * 1000;
}

}  // namespace

std::string_view to_string(TimeBucket bucket) noexcept {
  const auto i = static_cast<std::size_t>(bucket);
  return i < bucket_names.size() ? bucket_names[i] : std::string_view{"unknown"};
}

std::optional<TimeBucket> parse_time_bucket(std::string_view name) noexcept {
  for (std::size_t i = 0; i < bucket_names.size(); ++i) {
    if (bucket_names[i] == name) return static_cast<TimeBucket>(i);
  }
  return std::nullopt;
}

ZoneBuckets::ZoneBuckets(std::string_view zone_name)
    : impl_(std::make_shared<const Impl>(Impl{locate(zone_name), std::string{zone_name}})) {}

const std::string& ZoneBuckets::zone_name() const noexcept { return impl_->name; }

std::int64_t ZoneBuckets::offset_at(std::int64_t utc_ms) const {
  if (utc_ms >= cache_.begin_ms && utc_ms < cache_.end_ms) return cache_.offset_ms;
  if (utc_ms < -limit_ms || utc_ms > limit_ms) {
    throw Error(ErrorCode::invalid_argument,
                "instant " + std::to_string(utc_ms) + " ms is outside the range of time buckets");
  }
  const date::sys_info info =
      impl_->zone->get_info(date::sys_seconds{std::chrono::seconds{floor_div(utc_ms, 1000)}});
  cache_.begin_ms = to_ms(info.begin);
  cache_.end_ms = to_ms(info.end);
  cache_.offset_ms = static_cast<std::int64_t>(info.offset.count()) * 1000;
  return cache_.offset_ms;
}

std::int64_t ZoneBuckets::key(TimeBucket bucket, TimePoint t) const {
  const std::int64_t utc = to_millis(t);
  const auto b = static_cast<std::size_t>(bucket);
  if (b < keys_.size() && utc >= keys_[b].begin_ms && utc < keys_[b].end_ms) return keys_[b].key;
  const std::int64_t offset = offset_at(utc);  // cache_ now holds the offset range of utc
  const std::int64_t local = utc + offset;
  const std::int64_t key = local_key(bucket, local);
  const auto [low, high] = local_bounds(bucket, key, local);
  keys_[b] = KeyCache{std::max(cache_.begin_ms, low - offset), std::min(cache_.end_ms, high - offset), key};
  return key;
}

std::int64_t ZoneBuckets::local_key(TimeBucket bucket, std::int64_t local) const {
  const std::int64_t day = floor_div(local, ms_per_day);
  switch (bucket) {
    case TimeBucket::hour: return floor_div(local, ms_per_hour);
    case TimeBucket::day: return day;
    case TimeBucket::week: return day - weekday(day);
    case TimeBucket::month: return month_key(day);
    case TimeBucket::quarter: return floor_div(month_key(day), 3);  // year * 4 + (month - 1) / 3
    case TimeBucket::year: return floor_div(month_key(day), 12);
    case TimeBucket::hour_of_week: return weekday(day) * 24 + (local - day * ms_per_day) / ms_per_hour;
  }
  throw Error(ErrorCode::invalid_argument, "unknown time bucket");
}

std::int64_t ZoneBuckets::month_key(std::int64_t day) const noexcept {
  if (day != date_.day) {
    const Civil c = civil_from_days(day);
    date_ = DateCache{day, c.year, c.month};
  }
  return date_.year * 12 + date_.month - 1;
}

std::string ZoneBuckets::label(TimeBucket bucket, std::int64_t key) const {
  if (bucket == TimeBucket::hour_of_week) {
    if (key < 0 || key > 167) throw out_of_range(bucket, key);
    return std::to_string(key);
  }
  (void)local_start_ms(bucket, key);  // validates the key
  std::string out;
  switch (bucket) {
    case TimeBucket::hour: {
      const std::int64_t day = floor_div(key, 24);
      append_date(out, day);
      out += 'T';
      append_digits(out, key - day * 24, 2);
      break;
    }
    case TimeBucket::day: append_date(out, key); break;
    case TimeBucket::week: {
      // The ISO week-year is the year of the week's Thursday; week 1 holds its first Thursday.
      const std::int64_t thursday = key - weekday(key) + 3;
      const std::int64_t year = civil_from_days(thursday).year;
      append_year(out, year);
      out += "-W";
      append_digits(out, (thursday - days_from_civil(year, 1, 1)) / 7 + 1, 2);
      break;
    }
    case TimeBucket::month: {
      const std::int64_t year = floor_div(key, 12);
      append_year(out, year);
      out += '-';
      append_digits(out, key - year * 12 + 1, 2);
      break;
    }
    case TimeBucket::quarter: {
      const std::int64_t year = floor_div(key, 4);
      append_year(out, year);
      out += "-Q";
      append_digits(out, key - year * 4 + 1, 1);
      break;
    }
    case TimeBucket::year: append_year(out, key); break;
    case TimeBucket::hour_of_week: break;  // handled above
  }
  return out;
}

TimePoint ZoneBuckets::from_local(std::int64_t local_ms) const {
  if (local_ms < -limit_ms || local_ms > limit_ms) {
    throw Error(ErrorCode::invalid_argument,
                "local time " + std::to_string(local_ms) + " ms is outside the range of time buckets");
  }
  const std::int64_t seconds = floor_div(local_ms, 1000);
  const date::local_info info = impl_->zone->get_info(date::local_seconds{std::chrono::seconds{seconds}});
  const auto offset_ms = [](const date::sys_info& i) { return static_cast<std::int64_t>(i.offset.count()) * 1000; };
  switch (info.result) {
    case date::local_info::nonexistent: return from_millis(to_ms(info.second.begin));  // where the gap ends
    case date::local_info::ambiguous:
      return from_millis(local_ms - std::max(offset_ms(info.first), offset_ms(info.second)));  // earliest
    case date::local_info::unique: break;
  }
  return from_millis(local_ms - offset_ms(info.first));
}

TimePoint ZoneBuckets::begin(TimeBucket bucket, std::int64_t key) const {
  return from_local(local_start_ms(bucket, key));
}

TimePoint ZoneBuckets::end(TimeBucket bucket, std::int64_t key) const {
  (void)local_start_ms(bucket, key);  // validates the key, so the next one cannot overflow
  const std::int64_t next = bucket == TimeBucket::week ? key - weekday(key) + 7 : key + 1;
  return from_local(local_start_ms(bucket, next));
}

std::optional<TimePoint> ZoneBuckets::instant_of_local(std::int64_t local_ms) const {
  // Two days inside either end of the cached offset range no other range can map the same
  // local time (the offsets of one zone differ by less than a day): the cached offset settles it.
  constexpr std::int64_t margin = 2 * ms_per_day;
  const std::int64_t guess = local_ms - cache_.offset_ms;
  if (guess >= cache_.begin_ms + margin && guess < cache_.end_ms - margin) return from_millis(guess);
  if (local_ms < -limit_ms || local_ms > limit_ms) {
    throw Error(ErrorCode::invalid_argument,
                "local time " + std::to_string(local_ms) + " ms is outside the range of time buckets");
  }
  const date::local_info info =
      impl_->zone->get_info(date::local_seconds{std::chrono::seconds{floor_div(local_ms, 1000)}});
  const auto offset_ms = [](const date::sys_info& i) { return static_cast<std::int64_t>(i.offset.count()) * 1000; };
  switch (info.result) {
    case date::local_info::nonexistent: return std::nullopt;
    case date::local_info::ambiguous:
      return from_millis(local_ms - std::max(offset_ms(info.first), offset_ms(info.second)));  // the earlier
    case date::local_info::unique: break;
  }
  cache_.begin_ms = to_ms(info.first.begin);
  cache_.end_ms = to_ms(info.first.end);
  cache_.offset_ms = offset_ms(info.first);
  return from_millis(local_ms - cache_.offset_ms);
}

std::int64_t ZoneBuckets::local_day(TimePoint t) const { return key(TimeBucket::day, t); }

Milliseconds ZoneBuckets::utc_offset(TimePoint t) const { return Milliseconds{offset_at(to_millis(t))}; }

TimePoint ZoneBuckets::offset_end(TimePoint t) const {
  (void)offset_at(to_millis(t));  // fills the cache with the range holding t
  return from_millis(std::min(cache_.end_ms, limit_ms));
}

}  // namespace cskpi
