// cskpi/report/partial_report.hpp: the report as mergeable partial states (SPEC §9): each
// slice of a data set gives a PartialReport, partials merge exactly (associative and
// commutative), and finishing the merge gives the Report of one run over all of it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "cskpi/io/reject.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/report/report.hpp"
#include "cskpi/report/report_spec.hpp"

namespace cskpi {

/// Rows [begin, end) of one record type (end is clamped to the data set's size).
struct RowSpan {
  std::size_t begin = 0;
  std::size_t end = std::numeric_limits<std::size_t>::max();
};

/// The records a partial covers: interactions (with their events) and surveys by rows; the
/// customer and agent events whole or not at all, because a customer's lifecycle and the
/// roster cannot be cut (a partition keeps all records of a customer together, SPEC §9).
struct DataSlice {
  RowSpan interactions;
  RowSpan surveys;
  bool customer_events = true;
  bool agent_events = true;
};

/// `parts` slices of about equal size that cover the data set once; the customer and agent
/// events go to the first. parts = 0 is taken as 1.
[[nodiscard]] std::vector<DataSlice> split_data(const Dataset& data, std::size_t parts);

/// The mergeable state of a report over a slice of the data: per grouping and group key
/// (labels as strings, never per-run codes) the accumulators of SPEC §3, and what finishing
/// needs to be exact (duration samples for medians, backlog differences per snapshot,
/// customer counts per window, the roster, staffing counts). Value type: copies are deep.
class PartialReport {
 public:
  PartialReport();
  ~PartialReport();
  PartialReport(const PartialReport& other);
  PartialReport& operator=(const PartialReport& other);
  PartialReport(PartialReport&& other) noexcept;
  PartialReport& operator=(PartialReport&& other) noexcept;

  /// Adds another partial of the same report: the same period, zone, groupings and metric
  /// configuration (Error(invalid_argument) naming the first difference otherwise). Exact:
  /// merge is associative and commutative, so any order of merges finishes to the same bytes.
  void merge(const PartialReport& other);
  /// The same, taking other's state instead of copying it (its duration samples move; other is
  /// left valid but unspecified).
  void merge(PartialReport&& other);
  /// The period the partial was computed for.
  [[nodiscard]] const ReportPeriod& period() const noexcept;
  /// Input counts: a computed partial counts its slice's records as accepted (the data set
  /// holds only accepted records); whoever read the files may set the loader's counts instead.
  /// merge adds them.
  [[nodiscard]] std::array<InputCounts, record_type_count>& inputs() noexcept;
  [[nodiscard]] const std::array<InputCounts, record_type_count>& inputs() const noexcept;

  struct State;  // implementation detail (src/report/partial_state.hpp)
  explicit PartialReport(std::unique_ptr<State> state);
  [[nodiscard]] const State& state() const noexcept { return *state_; }
  [[nodiscard]] State& state() noexcept { return *state_; }

 private:
  std::unique_ptr<State> state_;
};

/// The partial of one slice. `period` must be the one resolve_period gives on the whole data
/// set (so that every slice agrees on it). The data set must be linked. When the data set holds
/// records before `period.from`, the partial also holds the previous period's partial (for
/// trends and baseline targets, SPEC v3 §3).
[[nodiscard]] PartialReport compute_partial(const Dataset& data, const ReportSpec& spec, const ReportPeriod& period,
                                            const DataSlice& slice);

/// The report of a (merged) partial: groups sorted as SPEC §4 says, trends and guardrails when
/// the data covers the previous period, targets evaluated.
/// Report::inputs come from the partial's inputs().
/// `threads` (0: all cores) compute the groups' order statistics in parallel; the report is
/// the same for every count.
[[nodiscard]] Report finish_report(const PartialReport& partial, unsigned threads = 1);

}  // namespace cskpi
