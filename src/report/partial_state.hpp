// Private: what a PartialReport holds. Every group key is an encoded label/bucket key
// (report/key_codec.hpp), so states of different slices merge by key, in report order.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/metrics/customers.hpp"
#include "cskpi/model/agent_event.hpp"
#include "cskpi/report/partial_report.hpp"
#include "report/backlog.hpp"
#include "report/group_accumulators.hpp"
#include "report/sample_sources.hpp"
#include "report/staffing_plan.hpp"

namespace cskpi {

/// A roster event with its labels (the roster is kept whole: it is small, SPEC §9).
struct RosterEvent {
  std::string agent;
  AgentEventType type = AgentEventType::hire;
  std::int64_t at_ms = 0;
  std::optional<std::string> team;
  std::optional<std::string> department;
};

/// Purchasers and adopters of one product (additive over customers).
struct AdoptionCounts {
  std::uint64_t purchasers = 0;
  std::uint64_t adopters = 0;
};

/// One cohort's members and how many were active at the end of each later month.
struct CohortCounts {
  std::string label;
  std::uint64_t size = 0;
  std::vector<std::uint64_t> active;
};

/// The groups of one grouping.
struct PartialTable {
  std::map<std::string, detail::GroupAccumulators> groups;  // encoded group key → accumulators
  std::map<std::string, detail::BacklogDiff> backlog;       // encoded label-only key → differences
  /// Customer figures per window of the grouping (see customer_windows in the engine), per
  /// view: the encoded label parts of the grouping (product, custom dimensions), "" for none.
  std::map<std::string, std::vector<CustomerCounts>> customers;
};

/// The groups that keep the duration samples of every table's groups when the engine rolled its
/// tables up from cells (report/slice_scan.hpp, CellPlan): the grouping by every part of every
/// table, each sample kept once whatever the report's groupings.
struct SampleCells {
  Grouping by;
  PartialTable table;  // its groups only; their agent-days are dropped (the tables have them)
};

struct PartialReport::State {
  ReportPeriod period;
  std::vector<Grouping> groupings;  // [0] is the overall group's empty grouping
  MetricConfig config;
  FcrConfig fcr{};  // the method in force (its default depends on the data) and window
  bool has_events = false;
  bool reopen_data = false;  // some interaction carries `reopened` or a status history (ORed by merge)
  bool productivity = false;  // some interaction carries an agent
  bool business = false;
  bool sla = false;
  std::array<InputCounts, record_type_count> inputs{};
  /// Agent labels by the codes the agent-days of the groups use.
  std::shared_ptr<const std::vector<std::string>> agents = std::make_shared<std::vector<std::string>>();
  std::vector<PartialTable> tables;  // one per grouping
  /// Per grouping, the grouping whose groups keep its duration samples (report/sample_sources.hpp),
  /// or detail::cells_source: the cells'; empty when every group keeps its own (as every state
  /// read from a file does).
  detail::SampleSources sample_source;
  std::optional<SampleCells> cells;  // with sample sources that name the cells
  bool has_customer_events = false;  // figures exist only with customer events
  std::vector<RosterEvent> roster;
  std::map<std::string, AdoptionCounts> adoption;  // encoded product key
  std::map<std::int64_t, CohortCounts> cohorts;    // by month key
  detail::StaffingCounts staffing;
  /// The previous period's partial (SPEC §9: a state holds the previous period's accumulators
  /// when the run had them), computed by the same engine over detail::previous_period; absent
  /// when the data held nothing before `from`. Merged alongside the current one.
  std::optional<PartialReport> previous;
  bool previous_covered = false;  // some record is attributed in the previous period (ORed by merge)
};

}  // namespace cskpi
