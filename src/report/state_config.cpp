#include "report/state_config.hpp"

#include <string>

namespace cskpi::detail {
namespace {

constexpr std::int64_t hundred_years_ms = 3'155'695'200'000;  // the longest duration an input may hold

template <class T, class Write>
void write_optional(StateWriter& w, const std::optional<T>& v, Write write) {
  write_flag(w, v.has_value());
  if (v) write(*v);
}

template <class T, class Read>
[[nodiscard]] std::optional<T> read_optional(StateReader& r, Read read) {
  if (!read_flag(r)) return std::nullopt;
  return read();
}

[[nodiscard]] Milliseconds read_duration(StateReader& r) {
  const std::int64_t ms = r.i64();
  if (ms < 0 || ms > hundred_years_ms) r.damaged("a configured duration outside 0 to 100 years");
  return Milliseconds{ms};
}

[[nodiscard]] int read_small_int(StateReader& r) {
  const std::int64_t v = r.i64();
  if (v < -1'000'000 || v > 1'000'000) r.damaged("a survey scale value out of range");
  return static_cast<int>(v);
}

/// A signed value in [lo, hi]; damaged otherwise (a calendar's minutes and dates).
[[nodiscard]] std::int64_t read_in_range(StateReader& r, std::int64_t lo, std::int64_t hi, std::string_view what) {
  const std::int64_t v = r.i64();
  if (v < lo || v > hi) r.damaged(what);
  return v;
}

[[nodiscard]] double read_fraction(StateReader& r, double lo, double hi, bool hi_inclusive) {
  const double v = r.f64();
  if (!(v >= lo && (hi_inclusive ? v <= hi : v < hi))) r.damaged("a configured fraction out of range");
  return v;
}

[[nodiscard]] TimePoint read_instant(StateReader& r) {
  const std::int64_t ms = r.i64();
  if (ms < min_state_instant_ms || ms > max_state_instant_ms) r.damaged("an instant outside the years 0001 to 9999");
  return from_millis(ms);
}

void write_scales(StateWriter& w, const MetricConfig& c) {
  w.i64(c.csat.scale.min);
  w.i64(c.csat.scale.max);
  write_optional(w, c.csat.satisfied_from, [&w](int v) { w.i64(v); });
  w.i64(c.ces.scale.min);
  w.i64(c.ces.scale.max);
  w.i64(c.ces.easy_from);
}

void read_scales(StateReader& r, MetricConfig& c) {
  c.csat.scale.min = read_small_int(r);
  c.csat.scale.max = read_small_int(r);
  c.csat.satisfied_from = read_optional<int>(r, [&r] { return read_small_int(r); });
  c.ces.scale.min = read_small_int(r);
  c.ces.scale.max = read_small_int(r);
  c.ces.easy_from = read_small_int(r);
  if (c.csat.scale.min >= c.csat.scale.max || c.ces.scale.min >= c.ces.scale.max) r.damaged("a survey scale with min ≥ max");
}

void write_calendar(StateWriter& w, const BusinessCalendarSpec& c) {
  w.bytes(c.time_zone);
  for (const auto& day : c.weekly) {
    w.u64(day.size());
    for (const OpeningInterval& i : day) {
      w.i64(i.begin_minute);
      w.i64(i.end_minute);
    }
  }
  w.u64(c.holidays.size());
  for (const CalendarDate& d : c.holidays) {
    w.i64(d.year);
    w.u64(d.month);
    w.u64(d.day);
  }
  for (const auto* ranges : {&c.closed, &c.open}) {
    w.u64(ranges->size());
    for (const InstantRange& range : *ranges) {
      w.i64(to_millis(range.from));
      w.i64(to_millis(range.to));
    }
  }
}

BusinessCalendarSpec read_calendar(StateReader& r) {
  BusinessCalendarSpec c;
  c.time_zone = std::string{r.bytes()};
  for (auto& day : c.weekly) {
    day.resize(r.count());
    for (OpeningInterval& i : day) {
      i.begin_minute = static_cast<int>(read_in_range(r, 0, 1440, "an opening time outside 00:00 to 24:00"));
      i.end_minute = static_cast<int>(read_in_range(r, 0, 1440, "an opening time outside 00:00 to 24:00"));
    }
  }
  c.holidays.resize(r.count());
  for (CalendarDate& d : c.holidays) {
    d.year = static_cast<int>(read_in_range(r, 1, 9999, "a holiday outside the years 0001 to 9999"));
    const std::uint64_t month = r.u64();
    const std::uint64_t day = r.u64();
    if (month < 1 || month > 12 || day < 1 || day > 31) r.damaged("a holiday that is not a date");
    d.month = static_cast<unsigned>(month);
    d.day = static_cast<unsigned>(day);
  }
  for (auto* ranges : {&c.closed, &c.open}) {
    ranges->resize(r.count());
    for (InstantRange& range : *ranges) {
      range.from = read_instant(r);
      range.to = read_instant(r);
    }
  }
  return c;
}

void write_sla(StateWriter& w, const SlaPolicy& p) {
  const auto ms = [&w](Milliseconds d) { w.i64(d.count()); };
  write_optional(w, p.first_response, ms);
  write_optional(w, p.resolution, ms);
  write_optional(w, p.calendar, [&w](const std::string& name) { w.bytes(name); });
  w.u64(p.paused.size());
  for (const TicketStatus s : p.paused) write_enum(w, s);
}

SlaPolicy read_sla(StateReader& r) {
  SlaPolicy p;
  p.first_response = read_optional<Milliseconds>(r, [&r] { return read_duration(r); });
  p.resolution = read_optional<Milliseconds>(r, [&r] { return read_duration(r); });
  p.calendar = read_optional<std::string>(r, [&r] { return std::string{r.bytes()}; });
  p.paused.resize(r.count());
  for (TicketStatus& s : p.paused) s = read_enum<TicketStatus>(r, 6, "an unknown ticket status");
  return p;
}

void write_target(StateWriter& w, const TargetSpec& t) {
  const auto number = [&w](double v) { w.f64(v); };
  w.bytes(t.metric);
  write_optional(w, t.min, number);
  write_optional(w, t.max, number);
  w.u64(t.where.size());
  for (const auto& [dimension, label] : t.where) {
    w.bytes(dimension);
    w.bytes(label);
  }
  write_optional(w, t.baseline, [&w](TargetBaseline b) { write_enum(w, b); });
  w.f64(t.improve);
}

TargetSpec read_target(StateReader& r) {
  TargetSpec t;
  const auto number = [&r] { return r.f64(); };
  t.metric = std::string{r.bytes()};
  t.min = read_optional<double>(r, number);
  t.max = read_optional<double>(r, number);
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string dimension{r.bytes()};
    t.where[std::move(dimension)] = std::string{r.bytes()};
  }
  t.baseline = read_optional<TargetBaseline>(r, [&r] { return read_enum<TargetBaseline>(r, 1, "an unknown target baseline"); });
  t.improve = r.f64();
  return t;
}

void write_staffing(StateWriter& w, const StaffingConfig& s) {
  w.f64(s.service_level);
  write_optional(w, s.asa_target, [&w](Milliseconds d) { w.i64(d.count()); });
  write_optional(w, s.max_occupancy, [&w](double v) { w.f64(v); });
  w.f64(s.shrinkage);
}

StaffingConfig read_staffing(StateReader& r) {
  StaffingConfig s;
  s.service_level = read_fraction(r, 0.0, 1.0, false);
  if (s.service_level <= 0.0) r.damaged("a staffing service level of 0");
  s.asa_target = read_optional<Milliseconds>(r, [&r] { return read_duration(r); });
  s.max_occupancy = read_optional<double>(r, [&r] { return read_fraction(r, 0.0, 1.0, true); });
  if (s.max_occupancy && *s.max_occupancy <= 0.0) r.damaged("a maximum occupancy of 0");
  s.shrinkage = read_fraction(r, 0.0, 1.0, false);
  return s;
}

}  // namespace

void write_config(StateWriter& w, const MetricConfig& c) {
  write_scales(w, c);
  write_optional(w, c.fcr_method, [&w](FcrMethod m) { write_enum(w, m); });
  w.i64(c.fcr_window.count());
  w.i64(c.queue.threshold.count());
  w.i64(c.queue.short_abandon.count());
  write_enum(w, c.queue.mode);
  write_enum(w, c.attribution);
  w.u64(c.calendars.size());
  for (const auto& [name, calendar] : c.calendars) {
    w.bytes(name);
    write_calendar(w, calendar);
  }
  write_optional(w, c.business_calendar, [&w](const std::string& name) { w.bytes(name); });
  w.u64(c.sla.size());
  for (const auto& [priority, policy] : c.sla) {
    write_enum(w, priority);
    write_sla(w, policy);
  }
  w.u64(c.targets.size());
  for (const TargetSpec& t : c.targets) write_target(w, t);
  write_staffing(w, c.staffing);
}

MetricConfig read_config(StateReader& r) {
  MetricConfig c;
  read_scales(r, c);
  c.fcr_method = read_optional<FcrMethod>(r, [&r] { return read_enum<FcrMethod>(r, 2, "an unknown FCR method"); });
  c.fcr_window = read_duration(r);
  c.queue.threshold = read_duration(r);
  c.queue.short_abandon = read_duration(r);
  c.queue.mode = read_enum<QueueMode>(r, 3, "an unknown queue mode");
  c.attribution = read_enum<Attribution>(r, 2, "an unknown attribution");
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string name{r.bytes()};
    c.calendars[std::move(name)] = read_calendar(r);
  }
  c.business_calendar = read_optional<std::string>(r, [&r] { return std::string{r.bytes()}; });
  for (std::size_t n = r.count(); n > 0; --n) {
    const auto priority = read_enum<Priority>(r, 4, "an unknown priority");
    c.sla[priority] = read_sla(r);
  }
  c.targets.resize(r.count());
  for (TargetSpec& t : c.targets) t = read_target(r);
  c.staffing = read_staffing(r);
  return c;
}

}  // namespace cskpi::detail
