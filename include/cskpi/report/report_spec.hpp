// cskpi/report/report_spec.hpp: what to compute: period, reporting zone, groupings and
// the configuration that changes what the metrics mean (SPEC §2, §6).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/calendar/business_calendar.hpp"
#include "cskpi/metrics/ces.hpp"
#include "cskpi/metrics/csat.hpp"
#include "cskpi/metrics/fcr.hpp"
#include "cskpi/metrics/queue.hpp"
#include "cskpi/metrics/sla.hpp"
#include "cskpi/model/survey.hpp"
#include "cskpi/report/grouping.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

/// Which instant puts a record into the period and its time bucket (SPEC §2).
enum class Attribution : unsigned char { created, event };

[[nodiscard]] constexpr std::string_view to_string(Attribution a) noexcept {
  return a == Attribution::created ? "created" : "event";
}

/// Where a target's bound comes from when it is not a fixed number (SPEC v3 §3 Targets).
enum class TargetBaseline : unsigned char {
  previous,  // the same group's value in the previous period of equal length
};

[[nodiscard]] constexpr std::string_view to_string(TargetBaseline) noexcept { return "previous"; }

/// A target of the configuration: `metric` (`csat.score`) must stay within [min, max] in the
/// groups matching `where` (dimension → label). With a `baseline` instead of min/max, the
/// bound is the baseline value improved by `improve` (report units): at least baseline +
/// improve, or at most baseline − improve for a metric where lower is better.
struct TargetSpec {
  std::string metric;
  std::optional<double> min;
  std::optional<double> max;
  std::map<std::string, std::string> where;
  std::optional<TargetBaseline> baseline{};
  double improve = 0.0;
};

/// How the report's staffing plan is computed (config `staffing`, a cskpi extension).
/// The answer threshold is the queue's threshold_s.
struct StaffingConfig {
  double service_level = 0.8;
  std::optional<Milliseconds> asa_target;
  std::optional<double> max_occupancy;
  double shrinkage = 0.0;
};

/// Metric configuration (the `--config` file's metric keys).
struct MetricConfig {
  CsatConfig csat{};
  CesConfig ces{};
  /// nullopt = the SPEC default: `contacts` when any accepted interaction has `contacts`,
  /// else `repeat_window`.
  std::optional<FcrMethod> fcr_method;
  Milliseconds fcr_window = std::chrono::hours{24 * 7};
  QueueConfig queue{};
  Attribution attribution = Attribution::created;
  /// Named business calendars, the one business durations are measured in, and SLA policies.
  std::map<std::string, BusinessCalendarSpec> calendars;
  std::optional<std::string> business_calendar;
  std::map<Priority, SlaPolicy> sla;
  std::vector<TargetSpec> targets;
  StaffingConfig staffing{};

  /// The survey score ranges these configs imply (for the readers).
  [[nodiscard]] SurveyScales scales() const noexcept { return SurveyScales{csat.scale, ces.scale}; }
};

struct ReportSpec {
  std::optional<TimePoint> from;   // default: earliest attribution instant in the data
  std::optional<TimePoint> to;     // default: latest attribution instant + 1 s
  /// default: `to` when `to` is given, else the latest instant of anything recorded + 1 s,
  /// never before `to` (SPEC v3 §2)
  std::optional<TimePoint> as_of;
  std::string time_zone = "UTC";   // IANA name
  std::vector<Grouping> groupings;  // the overall group is always computed first
  MetricConfig config{};
};

}  // namespace cskpi
