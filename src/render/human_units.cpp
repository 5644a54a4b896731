#include "render/human_units.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

#include "cskpi/error.hpp"

namespace cskpi::detail {
namespace {

[[nodiscard]] std::string two_units(const long long a, const char* a_unit, const long long b, const char* b_unit) {
  return b == 0 ? fmt::format("{}{}", a, a_unit) : fmt::format("{}{} {}{}", a, a_unit, b, b_unit);
}

[[nodiscard]] std::string offset_text(const Milliseconds offset) {
  const long long minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
  const long long magnitude = std::llabs(minutes);
  return fmt::format("UTC{}{:02}:{:02}", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

}  // namespace

std::string human_duration(const double seconds) {
  const long long s = std::llround(seconds);
  if (s < 0) return "-" + human_duration(-seconds);
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return two_units(s / 60, "m", s % 60, "s");
  const long long minutes = std::llround(seconds / 60.0);
  if (minutes < 24 * 60) return two_units(minutes / 60, "h", minutes % 60, "m");
  const long long hours = std::llround(seconds / 3600.0);
  return two_units(hours / 24, "d", hours % 24, "h");
}

std::string human_percent(const double percent) { return fmt::format("{:.1f} %", percent); }

std::string human_count(const std::int64_t count) {
  const std::string digits = std::to_string(count < 0 ? -count : count);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return count < 0 ? "-" + out : out;
}

std::string sample_size(const std::int64_t n) { return "n = " + human_count(n); }

std::string human_number(const std::optional<double> value, const FieldUnit unit) {
  if (!value) return undefined_text;
  switch (unit) {
    case FieldUnit::seconds: return human_duration(*value);
    case FieldUnit::percent: return human_percent(*value);
    case FieldUnit::points: return fmt::format("{:+.1f}", *value);
    case FieldUnit::score: return fmt::format("{:.2f}", *value);
    case FieldUnit::count:
      return *value == std::floor(*value) ? human_count(static_cast<std::int64_t>(*value))
                                          : fmt::format("{:.1f}", *value);
    case FieldUnit::money:
    case FieldUnit::ratio:
    case FieldUnit::label: return fmt::format("{:.2f}", *value);
  }
  return fmt::format("{}", *value);
}

std::string human_value(const FieldValue& value, const FieldUnit unit) {
  if (const auto* text = std::get_if<std::string_view>(&value)) return std::string{*text};
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return unit == FieldUnit::count || unit == FieldUnit::score ? human_count(*i) : human_number(static_cast<double>(*i), unit);
  }
  if (const auto* d = std::get_if<double>(&value)) return human_number(*d, unit);
  return undefined_text;
}

ReportClock::ReportClock(const std::string& zone_name) {
  try {
    zone_.emplace(zone_name);
  } catch (const Error&) {
    zone_.reset();  // read as UTC
  }
}

std::string ReportClock::format(const TimePoint t) const {
  const Milliseconds offset = zone_ ? zone_->utc_offset(t) : Milliseconds{0};
  const auto local = std::chrono::sys_time<Milliseconds>{t.time_since_epoch() + offset};
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss clock{std::chrono::duration_cast<std::chrono::minutes>(local - day)};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} ({})", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), clock.hours().count(),
                     clock.minutes().count(), offset_text(offset));
}

}  // namespace cskpi::detail
