#include "io/instant_reader.hpp"

#include "detail/civil.hpp"

#include <fmt/format.h>

namespace cskpi::detail {

std::string_view instant_problem(InstantError e) noexcept {
  switch (e) {
    case InstantError::empty:
    case InstantError::syntax:
      return "is not an instant (expected e.g. 2026-03-01T09:30:00Z, 2026-03-01 09:30:00+01:00 or Unix seconds)";
    case InstantError::no_offset:
      return "is a local time without an offset (expected Z or an offset such as +01:00, or an input time zone)";
    case InstantError::invalid_date: return "has an invalid date (expected a day that exists, years 0001-9999)";
    case InstantError::invalid_time: return "has an invalid time of day (expected 00:00:00 to 23:59:59)";
    case InstantError::invalid_offset: return "has an invalid offset (expected hours 00-23 and minutes 00-59)";
    case InstantError::float_epoch: return "is a fractional epoch (Unix seconds must be an integer)";
  }
  return "is not an instant";
}

InstantReader::InstantReader(const InputMapping& mapping) {
  if (mapping.instant_format) format_ = std::make_shared<const InstantFormat>(*mapping.instant_format);
  if (mapping.input_time_zone) zone_.emplace(*mapping.input_time_zone);
}

std::optional<TimePoint> InstantReader::local(const LocalTime& t, bool date_allowed, std::string& problem) const {
  if (t.date_only && !date_allowed) {
    problem = "is a date without a time of day (this field needs a time)";
    return std::nullopt;
  }
  if (!zone_) {
    problem = t.date_only ? "is a date without a time (expected an instant; a date is read only with an input time zone)"
                          : std::string{instant_problem(InstantError::no_offset)};
    return std::nullopt;
  }
  const auto instant = t.date_only ? std::optional<TimePoint>{zone_->from_local(t.ms)}  // where the day begins
                                  : zone_->instant_of_local(t.ms);
  if (!instant) {
    problem = fmt::format("does not exist in {} (the clocks skip it: a spring-forward gap)", zone_->zone_name());
  } else if (!in_instant_range(to_millis(*instant))) {  // 9999-12-31T23:00 in New York is in year 10000 UTC
    problem = instant_problem(InstantError::invalid_date);
    return std::nullopt;
  }
  return instant;
}

std::optional<TimePoint> InstantReader::read(std::string_view text, bool date_allowed, std::string& problem) const {
  InstantError format_error = InstantError::syntax;
  if (format_) {
    const TimestampParse f = format_->parse(text);
    if (f.instant) return f.instant;
    if (f.local) return local(*f.local, false, problem);
    format_error = f.error;
  }
  const TimestampParse s = parse_timestamp(text);
  if (s.instant) return s.instant;
  if (s.local) return local(*s.local, date_allowed, problem);
  if (format_ && (format_error != InstantError::syntax || s.error == InstantError::syntax ||
                  s.error == InstantError::empty)) {
    problem = format_error != InstantError::syntax
                  ? std::string{instant_problem(format_error)}
                  : fmt::format("matches neither the instant format '{}' nor a standard spelling (e.g. "
                                "2026-03-01T09:30:00Z)",
                                format_->pattern());
    return std::nullopt;
  }
  problem = instant_problem(s.error);
  return std::nullopt;
}

}  // namespace cskpi::detail
