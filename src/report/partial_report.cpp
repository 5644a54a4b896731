#include "cskpi/report/partial_report.hpp"

#include "cskpi/report/engine.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "cskpi/error.hpp"
#include "report/partial_state.hpp"
#include "report/previous_period.hpp"
#include "report/slice_scan.hpp"

namespace cskpi {
namespace {

[[noreturn]] void differ(const std::string& what) {
  throw Error(ErrorCode::invalid_argument, "the partial reports differ in " + what + ": they cannot be merged");
}

bool same_sla(const std::map<Priority, SlaPolicy>& a, const std::map<Priority, SlaPolicy>& b) {
  const auto same = [](const auto& x, const auto& y) {
    return x.first == y.first && x.second.first_response == y.second.first_response &&
           x.second.resolution == y.second.resolution && x.second.calendar == y.second.calendar &&
           x.second.paused == y.second.paused;
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same);
}

bool same_targets(const std::vector<TargetSpec>& a, const std::vector<TargetSpec>& b) {
  const auto same = [](const TargetSpec& x, const TargetSpec& y) {
    return x.metric == y.metric && x.min == y.min && x.max == y.max && x.where == y.where &&
           x.baseline == y.baseline && x.improve == y.improve;
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), same);
}

bool same_staffing(const StaffingConfig& a, const StaffingConfig& b) {
  return a.service_level == b.service_level && a.asa_target == b.asa_target && a.max_occupancy == b.max_occupancy &&
         a.shrinkage == b.shrinkage;
}

/// The first difference of what must be equal for two partials to merge.
void check_same_report(const PartialReport::State& a, const PartialReport::State& b) {
  const auto both = [](TimePoint x, TimePoint y) { return " (" + format_instant(x) + " and " + format_instant(y) + ")"; };
  if (a.period.from != b.period.from) differ("their period start, from" + both(a.period.from, b.period.from));
  if (a.period.to != b.period.to) differ("their period end, to" + both(a.period.to, b.period.to));
  if (a.period.as_of != b.period.as_of) differ("as_of" + both(a.period.as_of, b.period.as_of));
  if (a.period.time_zone != b.period.time_zone) {
    differ("the time zone (" + a.period.time_zone + " and " + b.period.time_zone + ")");
  }
  if (a.period.attribution != b.period.attribution) differ("attribution");
  if (a.groupings != b.groupings) differ("the groupings");
  if (!(a.fcr == b.fcr)) {
    differ("the FCR method or window (without fcr.method in the configuration the method depends on the data: set "
           "it so that every part uses the same)");
  }
  if (!(a.config.csat == b.config.csat)) differ("the csat scale");
  if (!(a.config.ces == b.config.ces)) differ("the ces scale");
  if (!(a.config.queue == b.config.queue)) differ("the queue configuration");
  if (a.config.calendars != b.config.calendars) differ("the calendars");
  if (a.config.business_calendar != b.config.business_calendar || a.business != b.business) {
    differ("the business calendar");
  }
  if (!same_sla(a.config.sla, b.config.sla) || a.sla != b.sla) differ("the SLA policies");
  if (!same_targets(a.config.targets, b.config.targets)) differ("the targets");
  if (!same_staffing(a.config.staffing, b.config.staffing)) differ("the staffing configuration");
  if (a.tables.size() != b.tables.size()) differ("their tables");
}

/// Maps agent codes of `from` into `into`'s labels, adding labels `into` lacks.
std::vector<std::uint32_t> agent_recoding(std::shared_ptr<const std::vector<std::string>>& into,
                                          const std::vector<std::string>& from) {
  std::unordered_map<std::string, std::uint32_t> index;
  auto merged = std::make_shared<std::vector<std::string>>(*into);
  for (std::uint32_t code = 0; code < merged->size(); ++code) index.emplace((*merged)[code], code);
  std::vector<std::uint32_t> recode(from.size());
  for (std::size_t code = 0; code < from.size(); ++code) {
    const auto [it, inserted] = index.emplace(from[code], static_cast<std::uint32_t>(merged->size()));
    if (inserted) merged->push_back(from[code]);
    recode[code] = it->second;
  }
  into = std::move(merged);
  return recode;
}

void recode_agents(detail::GroupAccumulators& acc, const std::vector<std::uint32_t>& recode) {
  std::vector<std::uint64_t> pairs = acc.agent_days().pairs();
  for (std::uint64_t& p : pairs) {
    p = ProductivityAccumulator::pack(recode.at(ProductivityAccumulator::agent_of(p)), ProductivityAccumulator::day_of(p));
  }
  acc.agent_days().assign(std::move(pairs));
}

void merge_table(PartialTable& a, PartialTable&& b, const std::vector<std::uint32_t>* recode) {
  for (auto& [key, acc] : b.groups) {
    if (recode != nullptr) recode_agents(acc, *recode);
    const auto it = a.groups.find(key);
    if (it == a.groups.end()) {
      a.groups.emplace(key, std::move(acc));
    } else {
      it->second.merge(std::move(acc));
    }
  }
  for (const auto& [key, diff] : b.backlog) {
    const auto it = a.backlog.find(key);
    if (it == a.backlog.end()) {
      a.backlog.emplace(key, diff);
    } else {
      it->second.merge(diff);
    }
  }
  for (const auto& [view, windows] : b.customers) {
    auto [it, inserted] = a.customers.emplace(view, windows);
    if (inserted) continue;
    if (it->second.size() != windows.size()) throw Error(ErrorCode::invalid_argument, "customer windows differ");
    for (std::size_t w = 0; w < windows.size(); ++w) it->second[w].merge(windows[w]);
  }
}

void merge_lists(PartialReport::State& a, const PartialReport::State& b) {
  a.roster.insert(a.roster.end(), b.roster.begin(), b.roster.end());
  for (const auto& [key, counts] : b.adoption) {
    AdoptionCounts& into = a.adoption[key];
    into.purchasers += counts.purchasers;
    into.adopters += counts.adopters;
  }
  for (const auto& [month, counts] : b.cohorts) {
    CohortCounts& into = a.cohorts[month];
    if (into.label.empty()) into.label = counts.label;
    into.size += counts.size;
    if (into.active.size() < counts.active.size()) into.active.resize(counts.active.size(), 0);
    for (std::size_t k = 0; k < counts.active.size(); ++k) into.active[k] += counts.active[k];
  }
  a.staffing.merge(b.staffing);
}

/// The previous period's partials merge like the current ones; an absent one is neutral.
void merge_previous(PartialReport::State& a, PartialReport::State&& b) {
  a.previous_covered = a.previous_covered || b.previous_covered;
  if (!b.previous) return;
  if (a.previous) {
    a.previous->merge(std::move(*b.previous));
  } else {
    a.previous = std::move(b.previous);
  }
}

}  // namespace

PartialReport::PartialReport() : state_(std::make_unique<State>()) {}
PartialReport::~PartialReport() = default;
PartialReport::PartialReport(std::unique_ptr<State> state) : state_(std::move(state)) {}
PartialReport::PartialReport(const PartialReport& other) : state_(std::make_unique<State>(*other.state_)) {}
PartialReport& PartialReport::operator=(const PartialReport& other) {
  if (this != &other) state_ = std::make_unique<State>(*other.state_);
  return *this;
}
PartialReport::PartialReport(PartialReport&& other) noexcept = default;
PartialReport& PartialReport::operator=(PartialReport&& other) noexcept = default;

const ReportPeriod& PartialReport::period() const noexcept { return state_->period; }
std::array<InputCounts, record_type_count>& PartialReport::inputs() noexcept { return state_->inputs; }
const std::array<InputCounts, record_type_count>& PartialReport::inputs() const noexcept { return state_->inputs; }

void PartialReport::merge(const PartialReport& other) { merge(PartialReport(other)); }

void PartialReport::merge(PartialReport&& other) {
  if (&other == this) {
    merge(static_cast<const PartialReport&>(other));
    return;
  }
  State& a = *state_;
  State& b = *other.state_;
  if (a.tables.empty()) {  // a default-constructed partial: the neutral element
    a = std::move(b);
    return;
  }
  if (b.tables.empty()) return;
  check_same_report(a, b);
  const bool same_cells = a.cells.has_value() == b.cells.has_value() && (!a.cells || a.cells->by == b.cells->by);
  // Groups that count samples kept elsewhere merge only with their kind.
  if (a.sample_source != b.sample_source || !same_cells) {
    detail::keep_all_samples(a);
    detail::keep_all_samples(b);
  }
  std::vector<std::uint32_t> recode;
  const bool same_agents = a.agents == b.agents || *a.agents == *b.agents;
  if (!same_agents) recode = agent_recoding(a.agents, *b.agents);
  for (std::size_t t = 0; t < a.tables.size(); ++t) {
    merge_table(a.tables[t], std::move(b.tables[t]), same_agents ? nullptr : &recode);
  }
  if (a.cells) merge_table(a.cells->table, std::move(b.cells->table), same_agents ? nullptr : &recode);
  for (std::size_t r = 0; r < record_type_count; ++r) {
    a.inputs[r].accepted += b.inputs[r].accepted;
    a.inputs[r].rejected += b.inputs[r].rejected;
  }
  a.has_events = a.has_events || b.has_events;
  a.reopen_data = a.reopen_data || b.reopen_data;
  a.productivity = a.productivity || b.productivity;
  a.has_customer_events = a.has_customer_events || b.has_customer_events;
  merge_lists(a, b);
  merge_previous(a, std::move(b));
}

std::vector<DataSlice> split_data(const Dataset& data, std::size_t parts) {
  parts = std::max<std::size_t>(parts, 1);
  const std::size_t n_i = data.interactions().size();
  const std::size_t n_s = data.surveys().size();
  std::vector<DataSlice> slices(parts);
  for (std::size_t k = 0; k < parts; ++k) {
    slices[k].interactions = RowSpan{n_i * k / parts, n_i * (k + 1) / parts};
    slices[k].surveys = RowSpan{n_s * k / parts, n_s * (k + 1) / parts};
    slices[k].customer_events = k == 0;
    slices[k].agent_events = k == 0;
  }
  return slices;
}

PartialReport compute_partial(const Dataset& data, const ReportSpec& spec, const ReportPeriod& period,
                              const DataSlice& slice) {
  const detail::EngineContext context(data, spec, period);
  PartialReport partial(detail::scan_slice(context, slice));
  partial.state().reopen_data = detail::has_reopen_data(data);
  if (detail::has_records_before(data, period.from)) {
    const detail::EngineContext previous(data, spec, detail::previous_period(period));
    partial.state().previous.emplace(detail::scan_slice(previous, slice));
    partial.state().previous_covered = detail::covers(data, previous.period);
  }
  return partial;
}

Report finish_report(const PartialReport& partial, unsigned threads) {
  return detail::finish_state(partial.state(), resolve_threads(threads));
}

}  // namespace cskpi
