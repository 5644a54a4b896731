// Private: the scans of the engine. An EngineContext is prepared once per data set and spec
// (what every slice must agree on: the period, the FCR method and repeat flags, effective
// resolution instants, the customer lifecycle, backlog snapshots); scan_slice then turns one
// slice into a partial state, and any number of slices may be scanned at once on threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "cskpi/metrics/customers.hpp"
#include "cskpi/report/partial_report.hpp"
#include "report/interaction_facts.hpp"
#include "report/sample_sources.hpp"

namespace cskpi::detail {

/// One part of a grouping in its dense group index: a label code (no_code first) or a bucket key.
struct DensePart {
  std::size_t part = 0;      // position in the grouping
  std::int64_t low = 0;      // the smallest value (−1 for a label: no_code; a bucket's first key)
  std::uint64_t count = 0;   // how many values from `low` on
  std::uint64_t stride = 0;  // the index step of one value
};

/// What the engine knows of one grouping before scanning.
struct TableSpec {
  Grouping by;
  bool flows = true;           // false with hour_of_week: resolved / net change / backlog undefined
  bool customer_keys = false;  // labels ⊆ {product, custom}, no hour_of_week: customer events make groups
  bool agent_keys = false;     // labels ⊆ {agent, team, department}, no hour_of_week: agent events make groups
  std::vector<std::size_t> label_parts;    // positions of the label parts (built-in and custom) in `by`
  std::vector<std::size_t> custom_index;   // per part: the data set's custom dimension (EngineContext fills it)
  std::vector<std::int64_t> snapshots;     // backlog snapshot instants (ms), sorted
  std::vector<TimePoint> windows;          // customer-figure window boundaries, when customer_keys
  /// The dense group index (EngineContext fills it): when the parts' ranges (label codes and
  /// no_code × the period's bucket keys) multiply to at most 2^18 places, a group's number is
  /// Σ (value − low) × stride; dense_places 0: groups are found through the key map only.
  std::vector<DensePart> dense_parts;
  std::uint64_t dense_places = 0;
};

[[nodiscard]] TableSpec make_table_spec(const Grouping& by, const ZoneBuckets& zone, const ReportPeriod& period);

/// Customer-figure window boundaries of a grouping: from, to and every bucket boundary of its
/// time parts strictly inside; every group's window lies between two consecutive ones.
[[nodiscard]] std::vector<TimePoint> customer_windows(const Grouping& by, const ZoneBuckets& zone,
                                                      const ReportPeriod& period);

/// Cells: a record feeds one group of the grouping by all the report's parts, and each table's
/// groups are then merged from the cells they are the union of ("roll-up"), instead of every
/// record feeding a group in every table. Used when the cells are few (a dense index, and at
/// most a quarter as many places as records, or at most 4,096) and every table has flows
/// (hour_of_week groups have no resolved figures, which cells of other tables would carry).
/// The cells then keep the duration samples of every table, once (PartialReport::State::cells).
struct CellPlan {
  TableSpec spec;  // the cells' grouping, with its dense index
  /// By table, by part of the table's grouping: the part's position in spec.by.
  std::vector<std::vector<std::size_t>> positions;
};

struct EngineContext {
  EngineContext(const Dataset& data, const ReportSpec& spec, ReportPeriod period);

  const Dataset& data;
  const ReportSpec& spec;
  ReportPeriod period;
  ZoneBuckets zone;  // copied per thread (its cache is not thread-safe)
  std::int64_t from;
  std::int64_t to;
  std::int64_t as_of;
  FactsBuilder facts;  // copied per thread; copies share the data-set-wide part
  FcrConfig fcr{};
  bool productivity = false;
  std::vector<TableSpec> tables;  // [0] is the overall group
  /// The report's cells, when the scan feeds them instead of every table: the grouping by
  /// every part of every table (see CellPlan). Empty when the tables are fed directly.
  std::optional<CellPlan> cells;
  /// By table: whose groups keep its duration samples (the cells', when there are cells).
  SampleSources sample_source;
  std::array<bool, time_bucket_count> used_buckets{};
  std::optional<CustomerLifecycle> customers;  // with customer events
  std::shared_ptr<const std::vector<std::string>> agents;  // agent labels by code
  std::uint32_t phone = no_code;  // channel code of "phone"
  /// [k][customer event row]: the customer's value of custom dimension k at the event
  /// (CustomerLifecycle::carried), with customer events.
  std::vector<std::vector<std::uint32_t>> customer_custom;
};

/// The partial state of one slice. Thread-safe for distinct slices of one context.
[[nodiscard]] std::unique_ptr<PartialReport::State> scan_slice(const EngineContext& context, const DataSlice& slice);

/// The report of a (merged) state.
/// `threads` ≥ 1 compute the groups' metrics (the order statistics) in parallel.
[[nodiscard]] Report finish_state(const PartialReport::State& state, unsigned threads = 1);

}  // namespace cskpi::detail
