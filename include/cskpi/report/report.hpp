// cskpi/report/report.hpp: a computed report: period, input counts and one set of
// metric results per group (SPEC §4), before rendering.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/io/reject.hpp"
#include "cskpi/metrics/ces.hpp"
#include "cskpi/metrics/cost.hpp"
#include "cskpi/metrics/csat.hpp"
#include "cskpi/metrics/duration_stats.hpp"
#include "cskpi/metrics/fcr.hpp"
#include "cskpi/metrics/nps.hpp"
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
};

struct Report {
  ReportPeriod period;
  bool has_events = false;  // next_reply and state durations are reported only with events
  std::array<InputCounts, record_type_count> inputs{};
  std::vector<Group> groups;  // overall first, then each grouping's groups sorted by key
};

}  // namespace cskpi
