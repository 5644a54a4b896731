// cskpi/report/report.hpp: a computed report: period, input counts and one set of
// metric results per group (SPEC §4), before rendering.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/reject.hpp"
#include "cskpi/metrics/attrition.hpp"
#include "cskpi/metrics/ces.hpp"
#include "cskpi/metrics/cost.hpp"
#include "cskpi/metrics/csat.hpp"
#include "cskpi/metrics/customers.hpp"
#include "cskpi/metrics/duration_stats.hpp"
#include "cskpi/metrics/fcr.hpp"
#include "cskpi/metrics/nps.hpp"
#include "cskpi/metrics/productivity.hpp"
#include "cskpi/metrics/quality.hpp"
#include "cskpi/metrics/queue.hpp"
#include "cskpi/metrics/sla.hpp"
#include "cskpi/metrics/volume.hpp"
#include "cskpi/report/grouping.hpp"
#include "cskpi/report/report_spec.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

struct ReportPeriod {
  TimePoint from{};
  TimePoint to{};
  TimePoint as_of{};
  std::string time_zone;
  Attribution attribution = Attribution::created;
};

/// The speed summaries measured in business time (with a business calendar).
struct BusinessDurations {
  DurationSummary first_response;
  DurationSummary resolution;
  DurationSummary next_reply;
  DurationSummary requester_wait;
  DurationSummary agent_work;
  DurationSummary on_hold;
  DurationSummary pending;
};

/// SLA compliance per target (with SLA policies).
struct SlaResult {
  SlaTargetResult first_response;
  SlaTargetResult resolution;
};

/// Adoption of one product (top-level `adoption` list).
struct AdoptionRow {
  std::optional<std::string> product;  // nullopt = purchases without a product
  AdoptionResult result;
};

/// The staffing plan of one hour of the week from observed phone volume (top-level `staffing`).
struct StaffingRow {
  int hour_of_week = 0;
  double calls_per_hour = 0.0;  // phone interactions created in that local hour / its occurrences in the period
  std::optional<std::chrono::duration<double>> aht;  // mean handle time of those calls
  std::optional<std::uint64_t> agents;     // Erlang C required agents (nullopt without AHT)
  std::optional<std::uint64_t> scheduled;  // agents / (1 − shrinkage), rounded up
  std::optional<double> service_level;     // expected at `agents`, fraction
};

enum class TargetStatus : unsigned char { met, missed, undefined };

[[nodiscard]] constexpr std::string_view to_string(TargetStatus s) noexcept {
  return s == TargetStatus::met ? "met" : s == TargetStatus::missed ? "missed" : "undefined";
}

/// A configured target evaluated on one matching group (SPEC §3 Targets): the value of the
/// metric field in report units (percent, points, seconds), met when inside [min, max], and
/// the gap to the nearest bound (positive inside, negative when missed).
struct TargetResult {
  TargetSpec target;
  Grouping by;
  std::vector<std::optional<std::string>> key;
  std::optional<double> value;
  TargetStatus status = TargetStatus::undefined;
  std::optional<double> gap;
  /// The bounds in force: the configured ones, or for a baseline target the one computed from
  /// the baseline (nullopt when the previous period is not covered or its value is undefined).
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> baseline;  // a baseline target's previous-period value
};

/// One metric of a group compared with the same group in the previous period (SPEC v3 §3
/// Trends, §4 `trend`), in report units (percent, points, seconds, counts).
struct TrendValue {
  std::string_view metric;  // "csat.score"; a static string
  double current = 0.0;
  double previous = 0.0;
  double change = 0.0;            // current − previous
  std::optional<double> p_value;  // two-sided; nullopt for counts and medians, or when the test is undefined
  bool significant = false;       // p_value < 0.05
};

/// A group's trend: the previous period and the metrics defined in both periods, in the
/// order of SPEC §4's key list.
struct GroupTrend {
  TimePoint previous_from{};
  TimePoint previous_to{};
  std::vector<TrendValue> metrics;

  /// The value of `metric` ("fcr.rate"), or nullptr when the trend does not hold it.
  [[nodiscard]] const TrendValue* find(std::string_view metric) const noexcept;
};

/// A speed metric that improved (its mean fell) while a quality metric fell significantly in
/// the same group (SPEC v3 §3 Guardrails, §4 `guardrails`).
struct Guardrail {
  Grouping by;
  std::vector<std::optional<std::string>> key;
  std::string_view speed;    // "handle.mean_s"; a static string
  double speed_change = 0.0;  // seconds, negative
  std::string_view quality;  // "fcr.rate" or "csat.score"; a static string
  double quality_change = 0.0;  // percent points, negative
  std::optional<double> p_value;  // the quality change's
};

/// Every metric of one group. Objects whose inputs are absent keep zero counts.
struct GroupMetrics {
  VolumeResult volume;
  NpsResult nps;
  NpsResult enps;
  CsatResult csat;
  CesResult ces;
  DurationSummary first_response;
  DurationSummary resolution;
  DurationSummary next_reply;      // from interaction events
  DurationSummary requester_wait;  // state durations, one sample per interaction with events
  DurationSummary agent_work;
  DurationSummary on_hold;
  DurationSummary pending;
  DurationSummary handle;
  std::optional<BusinessDurations> business;  // with a business calendar
  std::optional<SlaResult> sla;               // with SLA policies
  std::optional<ProductivityResult> productivity;  // when interactions carry agents
  std::optional<CustomerResult> customers;  // with customer events: overall, product, custom and time-bucket groups
  std::optional<AttritionResult> attrition;  // with agent events: overall, agent/team/department and time-bucket groups
  FcrResult fcr;
  ReopenResult reopen;
  ComplaintResult complaint;
  SelfServiceResult self_service;
  QueueResult queue;
  CostResult cost;
};

struct Group {
  Grouping by;                             // empty for the overall group
  std::vector<std::optional<std::string>> key;  // one value per part of `by`; nullopt = the null key
  GroupMetrics metrics;
  std::optional<GroupTrend> trend;  // when the data covers the previous period and it has this group
};

struct Report {
  /// The overall group (every report has it, first).
  [[nodiscard]] const Group& overall() const;
  /// The group of grouping `by` with key `key` (labels verbatim, nullopt for the null key, time
  /// buckets as the report writes them: "2026-03", "2026-03-02", "2026-W09"), or nullptr.
  [[nodiscard]] const Group* find(const Grouping& by, const std::vector<std::optional<std::string>>& key) const;
  /// The same with the grouping as text: `report.find("channel,month", {"chat", "2026-03"})`.
  [[nodiscard]] const Group* find(std::string_view by, const std::vector<std::optional<std::string>>& key) const;

  ReportPeriod period;
  bool has_events = false;  // next_reply and state durations are reported only with events
  bool has_reopen_data = false;  // some interaction carries `reopened` or a status history
  std::array<InputCounts, record_type_count> inputs{};
  std::vector<Group> groups;  // overall first, then each grouping's groups sorted by key
  std::vector<AdoptionRow> adoption;  // with purchases in the period
  std::vector<CohortRow> cohorts;     // with customer starts in the period
  std::vector<StaffingRow> staffing;  // with phone interactions in the period: 168 rows
  std::vector<TargetResult> targets;  // per configured target and matching group
  std::vector<Guardrail> guardrails;  // per group, speed metric and quality metric flagged
  /// The previous period of equal length [from − L, from), L = to − from, when the data
  /// covers it (some accepted record attributed in it): groups then carry trends.
  std::optional<ReportPeriod> previous;
};

}  // namespace cskpi
