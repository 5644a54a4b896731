// Business time: the weekly intervals of each local day map to UTC spans (holidays left out),
// are united with the open periods and cut by the closed periods, and are summed over a range.
// Runs of whole "regular" weeks (one UTC offset, no holiday, no extra period) are multiplied.
#include "cskpi/calendar/business_calendar.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <tuple>
#include <utility>

#include "calendar/zone_detail.hpp"
#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"

namespace cskpi {

using detail::LocalBound;
using detail::LocalClock;
using detail::ms_per_day;
using detail::ms_per_minute;
using detail::ms_per_week;

namespace {

// Supported instants: years 0001 … 9999, as for instant parsing.
constexpr std::int64_t min_ms = detail::days_from_civil(1, 1, 1) * ms_per_day;
constexpr std::int64_t max_ms = detail::days_from_civil(10000, 1, 1) * ms_per_day;
// Offset ranges shorter than this around a week are treated as irregular (see LocalClock).
constexpr std::int64_t range_margin = 2 * ms_per_day;

constexpr const char* weekday_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string two_digits(int v) { return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }

std::string minute_text(int minute) {
  if (minute < 0 || minute > 1440) return std::to_string(minute) + " min";
  return two_digits(minute / 60) + ":" + two_digits(minute % 60);
}

std::string interval_text(std::size_t day, const OpeningInterval& i) {
  return std::string{weekday_names[day]} + " interval " + minute_text(i.begin_minute) + "-" + minute_text(i.end_minute);
}

std::string date_text(const CalendarDate& d) {
  const auto part = [](unsigned v) { return v < 10 ? "0" + std::to_string(v) : std::to_string(v); };
  return std::to_string(d.year) + "-" + part(d.month) + "-" + part(d.day);
}

std::string range_text(const char* kind, const InstantRange& r) {
  return std::string{kind} + " period [" + format_instant(r.from) + ", " + format_instant(r.to) + ")";
}

Error config_error(const std::string& what) { return Error(ErrorCode::invalid_config, "calendar: " + what); }

std::int64_t checked_ms(TimePoint t) {
  const std::int64_t ms = to_millis(t);
  if (ms < min_ms || ms >= max_ms) {
    throw Error(ErrorCode::invalid_argument,
                "instant " + std::to_string(ms) + " ms is outside the years 0001 … 9999 of business calendars");
  }
  return ms;
}

const date::time_zone& locate(const std::string& name) {
  (void)ZoneBuckets(name);  // the zone rules of time buckets: unknown names and fixed offsets throw
  try {
    return *date::locate_zone(name);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::unknown_time_zone, "unknown time zone '" + name + "': " + e.what());
  }
}

std::optional<int> digits(std::string_view text) noexcept {
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

// ---- value types -------------------------------------------------------------------------------

bool operator==(const OpeningInterval& a, const OpeningInterval& b) noexcept {
  return a.begin_minute == b.begin_minute && a.end_minute == b.end_minute;
}
bool operator!=(const OpeningInterval& a, const OpeningInterval& b) noexcept { return !(a == b); }
bool operator==(const CalendarDate& a, const CalendarDate& b) noexcept {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}
bool operator!=(const CalendarDate& a, const CalendarDate& b) noexcept { return !(a == b); }
bool operator==(const InstantRange& a, const InstantRange& b) noexcept { return a.from == b.from && a.to == b.to; }
bool operator!=(const InstantRange& a, const InstantRange& b) noexcept { return !(a == b); }
bool operator==(const BusinessCalendarSpec& a, const BusinessCalendarSpec& b) noexcept {
  return a.time_zone == b.time_zone && a.weekly == b.weekly && a.holidays == b.holidays && a.closed == b.closed &&
         a.open == b.open;
}
bool operator!=(const BusinessCalendarSpec& a, const BusinessCalendarSpec& b) noexcept { return !(a == b); }

std::optional<int> parse_time_of_day(std::string_view text) noexcept {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto hours = digits(text.substr(0, 2));
  const auto minutes = digits(text.substr(3, 2));
  if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0)) return std::nullopt;
  return *hours * 60 + *minutes;
}

std::optional<CalendarDate> parse_calendar_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits(text.substr(0, 4));
  const auto month = digits(text.substr(5, 2));
  const auto day = digits(text.substr(8, 2));
  if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
      *day > detail::days_in_month(*year, *month)) {
    return std::nullopt;
  }
  return CalendarDate{*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
}

// ---- the calendar --------------------------------------------------------------------------------

struct BusinessCalendar::Impl {
  struct Span {  // UTC milliseconds [begin, end), or milliseconds since local midnight
    std::int64_t begin;
    std::int64_t end;
  };

  const date::time_zone* zone = nullptr;
  BusinessCalendarSpec spec;                // normalised
  std::array<std::vector<Span>, 7> weekly;  // per weekday, ms since local midnight, sorted
  bool has_weekly = false;
  std::int64_t week_ms = 0;            // open time of a regular week
  std::vector<std::int64_t> holidays;  // local day numbers, sorted, unique
  std::vector<Span> open;              // UTC, sorted, disjoint (touching spans merged)
  std::vector<Span> closed;            // likewise
  std::vector<Span> touched;           // open ∪ closed: where weeks are irregular

  explicit Impl(BusinessCalendarSpec s);
  void build_weekly();    // validates and sorts spec.weekly; fills weekly, has_weekly, week_ms
  void build_holidays();  // validates, sorts and dedupes spec.holidays; fills holidays
  void build_periods();   // validates and sorts spec.closed and spec.open; fills the spans

  static std::vector<Span> merged(const std::vector<InstantRange>& ranges);
  static std::vector<Span>::const_iterator first_ending_after(const std::vector<Span>& spans, std::int64_t t);

  /// Calls sink(begin, end) for each maximal open span inside [t0, t1), in increasing order,
  /// until sink returns false.
  template <class Sink>
  void for_each_open(LocalClock& clock, std::int64_t t0, std::int64_t t1, Sink&& sink) const;

  /// How many whole regular weeks start at local Monday `monday`, whose UTC start is `start`,
  /// and end by `limit`: each holds exactly week_ms of open time.
  std::int64_t regular_weeks(LocalClock& clock, std::int64_t monday, std::int64_t start, std::int64_t limit) const;
};

BusinessCalendar::Impl::Impl(BusinessCalendarSpec s) : spec(std::move(s)) {
  zone = &locate(spec.time_zone);
  build_weekly();
  build_holidays();
  build_periods();
  // Weekly hours recur forever, while holidays and closed periods are finite: only a calendar
  // without weekly hours can lack open time.
  if (!has_weekly) {
    std::int64_t total = 0;
    LocalClock clock(*zone);
    for_each_open(clock, min_ms, max_ms, [&total](std::int64_t b, std::int64_t e) {
      total += e - b;
      return true;
    });
    if (total == 0) throw Error(ErrorCode::invalid_config, "calendar has no open time");
  }
}

void BusinessCalendar::Impl::build_weekly() {
  for (std::size_t day = 0; day < 7; ++day) {
    auto& intervals = spec.weekly[day];
    for (const auto& i : intervals) {
      if (i.begin_minute < 0 || i.begin_minute >= 1440) {
        throw config_error(interval_text(day, i) + ": begin must be 00:00 … 23:59");
      }
      if (i.end_minute < 0 || i.end_minute > 1440)
        throw config_error(interval_text(day, i) + ": end must be 00:00 … 24:00");
      if (i.begin_minute >= i.end_minute) throw config_error(interval_text(day, i) + ": begin must be before end");
    }
    std::sort(intervals.begin(), intervals.end(), [](const OpeningInterval& a, const OpeningInterval& b) {
      return std::tie(a.begin_minute, a.end_minute) < std::tie(b.begin_minute, b.end_minute);
    });
    for (std::size_t k = 1; k < intervals.size(); ++k) {
      if (intervals[k].begin_minute < intervals[k - 1].end_minute) {
        throw config_error(interval_text(day, intervals[k - 1]) + " and " + minute_text(intervals[k].begin_minute) +
                           "-" + minute_text(intervals[k].end_minute) + " overlap");
      }
    }
    for (const auto& i : intervals) {
      weekly[day].push_back(Span{i.begin_minute * ms_per_minute, i.end_minute * ms_per_minute});
      week_ms += (i.end_minute - i.begin_minute) * ms_per_minute;
    }
    has_weekly = has_weekly || !intervals.empty();
  }
}

void BusinessCalendar::Impl::build_holidays() {
  for (const auto& d : spec.holidays) {
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > detail::days_in_month(d.year, d.month)) {
      throw config_error("holiday " + date_text(d) + " is not a date of the years 0001 … 9999");
    }
  }
  std::sort(spec.holidays.begin(), spec.holidays.end(), [](const CalendarDate& a, const CalendarDate& b) {
    return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
  });
  spec.holidays.erase(std::unique(spec.holidays.begin(), spec.holidays.end()), spec.holidays.end());
  for (const auto& d : spec.holidays) holidays.push_back(detail::days_from_civil(d.year, d.month, d.day));
}

void BusinessCalendar::Impl::build_periods() {
  for (const auto* list : {&spec.closed, &spec.open}) {
    const char* kind = list == &spec.closed ? "closed" : "open";
    for (const auto& r : *list) {
      const std::int64_t from = to_millis(r.from);
      const std::int64_t to = to_millis(r.to);
      if (from < min_ms || to > max_ms) throw config_error(range_text(kind, r) + " is outside the years 0001 … 9999");
      if (from >= to) throw config_error(range_text(kind, r) + " is empty: from must be before to");
    }
  }
  const auto range_less = [](const InstantRange& a, const InstantRange& b) {
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  };
  std::sort(spec.closed.begin(), spec.closed.end(), range_less);
  std::sort(spec.open.begin(), spec.open.end(), range_less);
  closed = merged(spec.closed);
  open = merged(spec.open);
  std::vector<InstantRange> all = spec.closed;
  all.insert(all.end(), spec.open.begin(), spec.open.end());
  std::sort(all.begin(), all.end(), range_less);
  touched = merged(all);
}

std::vector<BusinessCalendar::Impl::Span> BusinessCalendar::Impl::merged(const std::vector<InstantRange>& ranges) {
  std::vector<Span> out;  // ranges are sorted by from
  for (const auto& r : ranges) {
    const Span s{to_millis(r.from), to_millis(r.to)};
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::vector<BusinessCalendar::Impl::Span>::const_iterator BusinessCalendar::Impl::first_ending_after(
    const std::vector<Span>& spans, std::int64_t t) {
  return std::upper_bound(spans.begin(), spans.end(), t, [](std::int64_t v, const Span& s) { return v < s.end; });
}

template <class Sink>
void BusinessCalendar::Impl::for_each_open(LocalClock& clock, std::int64_t t0, std::int64_t t1, Sink&& sink) const {
  // Weekly spans come day by day in order of begin (the earliest-occurrence mapping of local
  // times is monotonic); a span of a day may still overlap the next day's around a fall-back
  // midnight, which the union below absorbs. Two extra days on each side catch such spills.
  std::int64_t day = has_weekly ? clock.local_day(t0) - 2 : 1;
  const std::int64_t last_day = has_weekly ? clock.local_day(t1) + 2 : 0;
  std::size_t index = 0;
  auto holiday = std::lower_bound(holidays.begin(), holidays.end(), day);
  const auto next_weekly = [&]() -> std::optional<Span> {
    for (; day <= last_day; ++day, index = 0) {
      while (holiday != holidays.end() && *holiday < day) ++holiday;
      if (holiday != holidays.end() && *holiday == day) continue;
      const auto& spans = weekly[static_cast<std::size_t>(detail::weekday(day))];
      while (index < spans.size()) {
        const Span local = spans[index++];
        const std::int64_t midnight = day * ms_per_day;
        const std::int64_t b = std::max(t0, clock.to_utc(midnight + local.begin, LocalBound::begin));
        const std::int64_t e = std::min(t1, clock.to_utc(midnight + local.end, LocalBound::end));
        if (b < e) return Span{b, e};
      }
    }
    return std::nullopt;
  };
  auto open_it = first_ending_after(open, t0);
  const auto next_open = [&]() -> std::optional<Span> {
    if (open_it == open.end() || open_it->begin >= t1) return std::nullopt;
    const Span s{std::max(t0, open_it->begin), std::min(t1, open_it->end)};
    ++open_it;
    return s;
  };

  std::optional<Span> w = next_weekly();
  std::optional<Span> o = next_open();
  const auto pop = [&]() -> std::optional<Span> {  // the next span of either stream, by begin
    std::optional<Span> s;
    if (w && (!o || w->begin <= o->begin)) {
      s = std::exchange(w, next_weekly());
    } else if (o) {
      s = std::exchange(o, next_open());
    }
    return s;
  };

  auto closed_it = first_ending_after(closed, t0);
  for (std::optional<Span> current = pop(); current;) {
    std::optional<Span> next = pop();
    while (next && next->begin <= current->end) {
      current->end = std::max(current->end, next->end);
      next = pop();
    }
    std::int64_t b = current->begin;
    const std::int64_t e = current->end;
    for (; closed_it != closed.end() && closed_it->begin < e; ++closed_it) {
      if (closed_it->begin > b && !sink(b, closed_it->begin)) return;
      b = std::max(b, closed_it->end);
      if (closed_it->end >= e) break;  // it may cut the next span too
    }
    if (b < e && !sink(b, e)) return;
    current = next;
  }
}

std::int64_t BusinessCalendar::Impl::regular_weeks(LocalClock& clock, std::int64_t monday, std::int64_t start,
                                                   std::int64_t limit) const {
  const LocalClock::Range range = clock.range_at(start);
  if (start - range.begin_ms < range_margin) return 0;
  const std::int64_t end = std::min(range.end_ms - range_margin, limit);
  if (end < start) return 0;
  std::int64_t weeks = (end - start) / ms_per_week;
  const auto holiday = std::lower_bound(holidays.begin(), holidays.end(), monday);
  if (holiday != holidays.end()) weeks = std::min(weeks, (*holiday - monday) / 7);
  const auto period = first_ending_after(touched, start);
  if (period != touched.end()) {
    if (period->begin <= start) return 0;
    weeks = std::min(weeks, (period->begin - start) / ms_per_week);
  }
  return weeks;
}

BusinessCalendar::BusinessCalendar(BusinessCalendarSpec spec) : impl_(std::make_shared<const Impl>(std::move(spec))) {}

Milliseconds BusinessCalendar::business_time(TimePoint a, TimePoint b) const {
  const std::int64_t t0 = checked_ms(a);
  const std::int64_t t1 = checked_ms(b);
  if (t1 <= t0) return Milliseconds{0};
  const Impl& cal = *impl_;
  LocalClock clock(*cal.zone);
  std::int64_t total = 0;
  const auto measure = [&](std::int64_t from, std::int64_t to) {
    cal.for_each_open(clock, from, to, [&total](std::int64_t begin, std::int64_t end) {
      total += end - begin;
      return true;
    });
  };
  std::int64_t t = t0;  // [t0, t) is counted
  if (cal.has_weekly) {
    const std::int64_t day = clock.local_day(t0);
    for (std::int64_t monday = day - detail::weekday(day) + 7;;) {
      const std::int64_t start = clock.to_utc(monday * ms_per_day, LocalBound::begin);
      if (start + ms_per_week > t1) break;
      const std::int64_t weeks = start >= t ? cal.regular_weeks(clock, monday, start, t1) : 0;
      if (weeks == 0) {
        monday += 7;  // irregular: measured with what follows
        continue;
      }
      measure(t, start);
      total += weeks * cal.week_ms;
      t = start + weeks * ms_per_week;
      monday += 7 * weeks;
    }
  }
  measure(t, t1);
  return Milliseconds{total};
}

TimePoint BusinessCalendar::add_business_time(TimePoint start, Milliseconds budget) const {
  const std::int64_t t0 = checked_ms(start);
  if (budget.count() < 0) {
    throw Error(ErrorCode::invalid_argument,
                "business time budget " + std::to_string(budget.count()) + " ms is negative");
  }
  if (budget.count() == 0) return start;
  const Impl& cal = *impl_;
  LocalClock clock(*cal.zone);
  std::int64_t remaining = budget.count();
  std::optional<std::int64_t> due;
  const auto consume = [&](std::int64_t from, std::int64_t to) {  // true once the budget is spent
    cal.for_each_open(clock, from, to, [&](std::int64_t begin, std::int64_t end) {
      if (end - begin >= remaining) {
        due = begin + remaining;
        return false;
      }
      remaining -= end - begin;
      return true;
    });
    return due.has_value();
  };
  std::int64_t t = t0;  // [t0, t) is spent
  if (cal.has_weekly) {
    const std::int64_t day = clock.local_day(t0);
    for (std::int64_t monday = day - detail::weekday(day) + 7;;) {
      const std::int64_t week_start = clock.to_utc(monday * ms_per_day, LocalBound::begin);
      if (week_start + 2 * ms_per_week > max_ms) break;
      const std::int64_t weeks = week_start >= t ? cal.regular_weeks(clock, monday, week_start, max_ms) : 0;
      if (weeks == 0) {  // walk an irregular week at once: the due time may be in it
        const std::int64_t week_end = std::max(t, clock.to_utc((monday + 7) * ms_per_day, LocalBound::begin));
        if (consume(t, week_end)) return from_millis(*due);
        t = week_end;
        monday += 7;
        continue;
      }
      if (consume(t, week_start)) return from_millis(*due);
      // Skip whole weeks while budget is left after them; the due time is then in the next one.
      const std::int64_t skipped = std::min(weeks, (remaining - 1) / cal.week_ms);
      remaining -= skipped * cal.week_ms;
      t = week_start + skipped * ms_per_week;
      monday += 7 * skipped;
      if (skipped < weeks) {  // remaining <= week_ms: due in this regular week
        if (consume(t, t + ms_per_week)) return from_millis(*due);
        t += ms_per_week;
        monday += 7;
      }
    }
  }
  if (consume(t, max_ms)) return from_millis(*due);
  return TimePoint::max();
}

bool BusinessCalendar::is_open(TimePoint t) const {
  const std::int64_t ms = checked_ms(t);
  bool open = false;
  LocalClock clock(*impl_->zone);
  impl_->for_each_open(clock, ms, ms + 1, [&open](std::int64_t, std::int64_t) {
    open = true;
    return false;
  });
  return open;
}

const std::string& BusinessCalendar::time_zone() const noexcept { return impl_->spec.time_zone; }

const BusinessCalendarSpec& BusinessCalendar::spec() const noexcept { return impl_->spec; }

bool operator==(const BusinessCalendar& a, const BusinessCalendar& b) noexcept { return a.spec() == b.spec(); }
bool operator!=(const BusinessCalendar& a, const BusinessCalendar& b) noexcept { return !(a == b); }

}  // namespace cskpi
