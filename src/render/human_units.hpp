// Private: numbers as a service manager reads them (the HTML report): durations `1h 12m`,
// rates `81.2 %`, counts `12,480`, sample sizes `n = 95`, instants in the reporting zone.
#pragma once

#include <optional>
#include <string>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/report/field_table.hpp"
#include "cskpi/time.hpp"

namespace cskpi::detail {

/// The text for an undefined value.
inline constexpr const char* undefined_text = "—";

/// 42 s → `42 s`, 4320 s → `1h 12m`, 200000 s → `2d 7h`; two units at most, rounded.
[[nodiscard]] std::string human_duration(double seconds);
/// `81.2 %` (one decimal).
[[nodiscard]] std::string human_percent(double percent);
/// `12,480` (thousands separated by commas).
[[nodiscard]] std::string human_count(std::int64_t count);
/// `n = 95`.
[[nodiscard]] std::string sample_size(std::int64_t n);
/// A field's value in its unit (seconds as durations, percent with `%`, points signed, money
/// and ratios with two decimals, labels verbatim and unescaped), or undefined_text.
[[nodiscard]] std::string human_value(const FieldValue& value, FieldUnit unit);
/// A number in a unit, or undefined_text.
[[nodiscard]] std::string human_number(std::optional<double> value, FieldUnit unit);

/// Instants as local times of the reporting zone: `2026-03-01 09:00 (UTC+01:00)`. A zone the
/// time-zone database does not know as a region is read as UTC (the engine refused it earlier).
class ReportClock {
 public:
  explicit ReportClock(const std::string& zone_name);
  [[nodiscard]] std::string format(TimePoint t) const;

 private:
  std::optional<ZoneBuckets> zone_;
};

}  // namespace cskpi::detail
