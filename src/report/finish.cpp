// Finishing a (merged) partial state into a Report: groups in key order (which is report
// order), backlog from the differences, customer figures per window, attrition from the
// roster, adoption, cohorts, the staffing plan; then trends and guardrails from the previous
// period's state, and targets.
#include <algorithm>
#include <atomic>
#include <map>

#include "cskpi/error.hpp"
#include "detail/run_on_threads.hpp"
#include "report/key_codec.hpp"
#include "report/partial_state.hpp"
#include "report/sample_sources.hpp"
#include "report/slice_scan.hpp"
#include "report/targets.hpp"
#include "report/trends.hpp"

namespace cskpi::detail {
namespace {

/// The slice of the period a group covers.
struct Window {
  TimePoint from{};
  TimePoint to{};
};

/// The roster of the state, with codes of its own dictionaries (labels → codes for filters).
struct RosterIndex {
  Dictionary agents;
  Dictionary teams;
  Dictionary departments;
  Roster roster;

  explicit RosterIndex(const std::vector<RosterEvent>& events) {
    AgentEventColumns c;
    for (const RosterEvent& e : events) {
      c.agent.push_back(agents.intern(e.agent));
      c.type.push_back(e.type);
      c.at_ms.push_back(e.at_ms);
      c.team.push_back(e.team ? teams.intern(*e.team) : no_code);
      c.department.push_back(e.department ? departments.intern(*e.department) : no_code);
    }
    roster = Roster(c);
  }

  /// The code of a group's label for a filter: no_code for the null key, and a code no event
  /// has for a label the roster does not know (it matches nothing).
  static std::uint32_t code_of(const Dictionary& d, const std::optional<std::string>& label) {
    if (!label) return no_code;
    const auto code = d.find(*label);
    return code ? *code : static_cast<std::uint32_t>(d.size());
  }
};

/// The metrics of every group of every table (GroupAccumulators::result: the order statistics
/// are most of a finish), computed on `threads` threads; [t][g] in each table's key order.
std::vector<std::vector<GroupMetrics>> group_metrics(const PartialReport::State& s, const std::vector<TableSpec>& specs,
                                                     std::uint64_t overall_count, unsigned threads) {
  struct Job {
    const GroupAccumulators* acc;
    GroupMetrics* out;
    bool flows;
    const std::vector<const GroupAccumulators*>* sources;  // whose samples stand for its own
  };
  std::vector<std::vector<GroupMetrics>> metrics(s.tables.size());
  std::vector<GroupSources> sources(s.tables.size());
  const std::vector<const GroupAccumulators*> own;
  std::vector<Job> jobs;
  for (std::size_t t = 0; t < s.tables.size(); ++t) {
    metrics[t].resize(s.tables[t].groups.size());
    const bool derived = t < s.sample_source.size() && s.sample_source[t];
    if (derived) sources[t] = group_sources(s, t);
    std::size_t g = 0;
    for (const auto& [key, acc] : s.tables[t].groups) {
      const auto it = derived ? sources[t].find(key) : sources[t].end();
      jobs.push_back({&acc, &metrics[t][g++], specs[t].flows, it == sources[t].end() ? &own : &it->second});
    }
  }
  // The largest groups first, so that no thread is left with a large one at the end.
  std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.acc->count() > b.acc->count(); });
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t j = next++; j < jobs.size(); j = next++) {
      *jobs[j].out = jobs[j].acc->result(overall_count, jobs[j].flows, *jobs[j].sources);
    }
  };
  run_on_threads(std::min<std::size_t>(threads, jobs.size()), work);
  return metrics;
}

class Finisher {
 public:
  Finisher(const PartialReport::State& s, unsigned threads) : s_(s), zone_(s.period.time_zone), threads_(threads) {
    if (!s.roster.empty()) roster_.emplace(s.roster);
  }

  Report run() {
    Report report;
    report.period = s_.period;
    report.has_events = s_.has_events;
    report.has_reopen_data = s_.reopen_data;
    report.inputs = s_.inputs;
    const auto& overall = s_.tables.front().groups;
    const std::uint64_t overall_count = overall.empty() ? 0 : overall.begin()->second.count();
    for (const Grouping& by : s_.groupings) specs_.push_back(make_table_spec(by, zone_, s_.period));
    metrics_ = group_metrics(s_, specs_, overall_count, threads_);
    for (std::size_t t = 0; t < s_.tables.size(); ++t) add_table(report, t);
    add_customer_lists(report);
    report.staffing = staffing_plan(s_.staffing, s_.config, zone_, s_.period);
    return report;
  }

 private:
  void add_table(Report& report, std::size_t t) {
    const PartialTable& table = s_.tables[t];
    const TableSpec& spec = specs_[t];
    std::map<std::string, std::vector<std::uint64_t>> backlog;  // label key → backlog per snapshot
    std::size_t g = 0;
    for (const auto& [key, acc] : table.groups) {
      const std::vector<KeyPart> parts = decode_key(key);
      if (parts.size() != spec.by.size()) throw Error(ErrorCode::invalid_argument, "a partial state's group key is damaged");
      Group group;
      group.by = spec.by;
      std::vector<std::int64_t> buckets(parts.size(), 0);
      std::vector<KeyPart> labels;
      for (std::size_t p = 0; p < parts.size(); ++p) {
        if (const auto* b = std::get_if<TimeBucket>(&spec.by[p])) {
          buckets[p] = parts[p].bucket;
          group.key.emplace_back(zone_.label(*b, parts[p].bucket));
        } else {
          group.key.emplace_back(parts[p].label);
          labels.push_back(parts[p]);
        }
      }
      group.metrics = metrics_[t][g++];
      if (spec.flows) group.metrics.volume.backlog = backlog_of(table, spec, labels, buckets, backlog);
      const Window window = window_of(spec.by, parts);
      if (s_.has_customer_events && spec.customer_keys) group.metrics.customers = customers_of(table, spec, parts, window);
      if (roster_ && spec.agent_keys) group.metrics.attrition = attrition_of(window, spec.by, parts);
      report.groups.push_back(std::move(group));
    }
  }

  std::uint64_t backlog_of(const PartialTable& table, const TableSpec& spec, const std::vector<KeyPart>& labels,
                           const std::vector<std::int64_t>& buckets,
                           std::map<std::string, std::vector<std::uint64_t>>& cache) const {
    const std::string label_key = encode_key(labels);
    auto it = cache.find(label_key);
    if (it == cache.end()) {
      const auto diff = table.backlog.find(label_key);
      std::vector<std::uint64_t> counts =
          diff == table.backlog.end() ? std::vector<std::uint64_t>(spec.snapshots.size(), 0) : diff->second.counts();
      it = cache.emplace(label_key, std::move(counts)).first;
    }
    const std::int64_t snapshot = group_snapshot(spec.by, buckets, zone_, to_millis(s_.period.as_of));
    const auto at = std::lower_bound(spec.snapshots.begin(), spec.snapshots.end(), snapshot);
    if (at == spec.snapshots.end() || *at != snapshot) {
      throw Error(ErrorCode::invalid_argument, "a group's backlog snapshot is not one of its grouping's");
    }
    return it->second[static_cast<std::size_t>(at - spec.snapshots.begin())];
  }

  /// The slice of the period a group covers: the period cut by its time buckets. Only groups
  /// without hour_of_week (not a contiguous slice) ask for it.
  Window window_of(const Grouping& by, const std::vector<KeyPart>& parts) const {
    Window w{s_.period.from, s_.period.to};
    for (std::size_t p = 0; p < by.size(); ++p) {
      if (const auto* b = std::get_if<TimeBucket>(&by[p])) {
        if (*b == TimeBucket::hour_of_week) continue;
        w.from = std::max(w.from, zone_.begin(*b, parts[p].bucket));
        w.to = std::min(w.to, zone_.end(*b, parts[p].bucket));
      }
    }
    return w;
  }

  CustomerResult customers_of(const PartialTable& table, const TableSpec& spec, const std::vector<KeyPart>& parts,
                              const Window& window) const {
    std::vector<KeyPart> labels;  // the view: product and custom labels in grouping order ("" = none)
    for (std::size_t p = 0; p < spec.by.size(); ++p) {
      if (!is_time(spec.by[p])) labels.push_back(parts[p]);
    }
    const std::string view = encode_key(labels);
    const auto it = table.customers.find(view);
    if (it == table.customers.end()) return CustomerResult{};  // a product without customer events
    const auto w = std::lower_bound(spec.windows.begin(), spec.windows.end(), window.from);
    if (w == spec.windows.end() || *w != window.from || w + 1 == spec.windows.end() || *(w + 1) != window.to) {
      throw Error(ErrorCode::invalid_argument, "a group's window is not one of its grouping's");
    }
    const auto index = static_cast<std::size_t>(w - spec.windows.begin());
    if (index >= it->second.size()) throw Error(ErrorCode::invalid_argument, "a partial state's customer windows are damaged");
    return it->second[index].result();
  }

  AttritionResult attrition_of(const Window& window, const Grouping& by, const std::vector<KeyPart>& parts) const {
    RosterFilter filter;
    for (std::size_t p = 0; p < by.size(); ++p) {
      const auto* d = std::get_if<Dimension>(&by[p]);
      if (d == nullptr) continue;
      if (*d == Dimension::agent) filter.agent = RosterIndex::code_of(roster_->agents, parts[p].label);
      if (*d == Dimension::team) filter.team = RosterIndex::code_of(roster_->teams, parts[p].label);
      if (*d == Dimension::department) filter.department = RosterIndex::code_of(roster_->departments, parts[p].label);
    }
    return roster_->roster.attrition(window.from, std::max(window.from, window.to), s_.period.as_of, filter);
  }

  void add_customer_lists(Report& report) const {
    for (const auto& [key, counts] : s_.adoption) {
      AdoptionRow row;
      row.product = decode_key(key).at(0).label;
      row.result.purchasers = counts.purchasers;
      row.result.adopters = counts.adopters;
      if (counts.purchasers > 0) {
        row.result.rate = static_cast<double>(counts.adopters) / static_cast<double>(counts.purchasers);
      }
      report.adoption.push_back(std::move(row));
    }
    for (const auto& [month, counts] : s_.cohorts) {
      CohortRow row;
      row.month = month;
      row.cohort = counts.label;
      row.size = counts.size;
      row.active = counts.active;
      for (const std::uint64_t a : counts.active) {
        row.share.push_back(static_cast<double>(a) / static_cast<double>(row.size));
      }
      report.cohorts.push_back(std::move(row));
    }
  }

  const PartialReport::State& s_;
  ZoneBuckets zone_;
  unsigned threads_;
  std::vector<TableSpec> specs_;                    // [table]
  std::vector<std::vector<GroupMetrics>> metrics_;  // [table][group], computed first
  std::optional<RosterIndex> roster_;
};

void check_groupings(const PartialReport::State& state) {
  if (state.tables.empty() || state.tables.size() != state.groupings.size()) {
    throw Error(ErrorCode::invalid_argument, "a partial state without its groupings");
  }
}

}  // namespace

Report finish_state(const PartialReport::State& state, unsigned threads) {
  check_groupings(state);
  threads = std::max(1u, threads);
  Report report = Finisher(state, threads).run();
  std::optional<Report> previous;  // the previous period's report, when the data covers it
  if (state.previous_covered && state.previous) {
    check_groupings(state.previous->state());
    previous = Finisher(state.previous->state(), threads).run();
    add_trends(report, *previous);
    report.guardrails = find_guardrails(report);
  }
  report.targets = evaluate_targets(report, state.config.targets, previous ? &*previous : nullptr);
  return report;
}

}  // namespace cskpi::detail
