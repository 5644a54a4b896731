// Private: all accumulators of one group, fed per interaction part and per survey, and
// turned into GroupMetrics at the end.
#pragma once

#include <array>
#include <utility>
#include <vector>

#include "cskpi/report/report.hpp"
#include "report/interaction_facts.hpp"

namespace cskpi::detail {

class GroupAccumulators {
 public:
  /// `keep_samples` false: the duration samples are counted, not kept, because a finer
  /// grouping's groups keep them (see PartialReport::State::sample_source); result() is then
  /// taken with those groups as its sources, or take_samples_of() brings them in.
  GroupAccumulators(const MetricConfig& config, const FcrConfig& fcr, bool business, bool sla, bool productivity,
                    bool keep_samples = true);

  /// The parts of an interaction, each attributed by its own instant under
  /// `"attribution": "event"` (SPEC §2, §7), all by created_at otherwise.
  void add_created(std::size_t row, const InteractionColumns& c, const InteractionFacts& f);
  void add_first_response(const InteractionFacts& f);
  void add_resolution(const InteractionFacts& f);
  /// A resolution in the period; `assisted`: the interaction has an agent (productivity
  /// counts assisted work only, SPEC v3 §3).
  void add_resolved_count(bool assisted) noexcept {
    volume_.add_resolved();
    if (assisted) ++assisted_resolved_;
  }
  void add_abandoned_count() noexcept { volume_.add_abandoned(); }
  void add_survey(SurveyKind kind, int score);
  /// An agent active on a local day (days since 1970-01-01 in the reporting zone).
  void add_agent_day(std::uint32_t agent, std::int64_t day) {
    if (productivity_) productivity_days_.add(agent, day);
  }
  /// Adds another group's state (same configuration; agent codes of the same dictionary). A
  /// group that keeps no samples counts other's duration samples without keeping them.
  void merge(const GroupAccumulators& other) { merge_from(other); }
  /// The same, taking other's duration samples instead of copying them.
  void merge(GroupAccumulators&& other) { merge_from(std::move(other)); }
  /// The agent-days, for re-coding agents between dictionaries.
  [[nodiscard]] ProductivityAccumulator& agent_days() noexcept { return productivity_days_; }

  [[nodiscard]] std::uint64_t count() const noexcept { return volume_.count(); }
  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  /// The configuration and the business/sla flags are not state: they come from the report.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.volume_);
    io(s.nps_);
    io(s.enps_);
    io(s.csat_);
    io(s.ces_);
    for (auto* d : {&s.first_response_, &s.resolution_, &s.next_reply_, &s.handle_, &s.business_first_response_,
                    &s.business_resolution_, &s.business_next_reply_}) {
      io(*d);
    }
    for (auto& d : s.states_) io(d);
    for (auto& d : s.business_states_) io(d);
    io(s.fcr_);
    io(s.reopen_);
    io(s.complaint_);
    io(s.self_service_);
    io(s.queue_);
    io(s.cost_);
    io(s.sla_first_response_);
    io(s.sla_resolution_);
    io(s.productivity_);
    io(s.productivity_days_);
    io(s.assisted_handled_);
    io(s.assisted_resolved_);
  }
  [[nodiscard]] GroupMetrics result(std::uint64_t overall_count, bool flows) const { return result(overall_count, flows, {}); }
  /// The same with the duration samples of `sources` (groups that keep them, and whose samples
  /// are exactly this group's: the finer groups it is the union of) standing for its own.
  [[nodiscard]] GroupMetrics result(std::uint64_t overall_count, bool flows,
                                    const std::vector<const GroupAccumulators*>& sources) const;
  /// Copies the duration samples of `source` (a finer group, see above) in; once every source
  /// is taken, the group keeps its samples like any other.
  void take_samples_of(const GroupAccumulators& source);
  void keep_samples() noexcept { keep_samples_ = true; }

 private:
  /// Both merges: Other is const GroupAccumulators& or GroupAccumulators; each member of `o`
  /// is forwarded once, so the duration samples move when `o` is an rvalue.
  template <class Other>
  void merge_from(Other&& o);
  /// add() or add_counted() as the group keeps its samples or not.
  void add_duration(DurationAccumulator& d, std::int64_t ms) {
    if (keep_samples_) {
      d.add(Milliseconds{ms});
    } else {
      d.add_counted(Milliseconds{ms});
    }
  }
  /// Each duration accumulator with its counterpart in `other` (same order): f(mine, theirs).
  template <class Other, class F>
  void for_each_duration(Other& other, F&& f);

  VolumeAccumulator volume_;
  NpsAccumulator nps_;
  NpsAccumulator enps_;
  CsatAccumulator csat_;
  CesAccumulator ces_;
  DurationAccumulator first_response_;
  DurationAccumulator resolution_;
  DurationAccumulator next_reply_;
  std::array<DurationAccumulator, state_count> states_;
  DurationAccumulator handle_;
  bool business_;
  DurationAccumulator business_first_response_;
  DurationAccumulator business_resolution_;
  DurationAccumulator business_next_reply_;
  std::array<DurationAccumulator, state_count> business_states_;
  FcrAccumulator fcr_;
  ReopenAccumulator reopen_;
  ComplaintAccumulator complaint_;
  SelfServiceAccumulator self_service_;
  QueueAccumulator queue_;
  CostAccumulator cost_;
  bool sla_;
  SlaAccumulator sla_first_response_;
  SlaAccumulator sla_resolution_;
  bool productivity_;
  ProductivityAccumulator productivity_days_;
  std::uint64_t assisted_handled_ = 0;   // attributed interactions with an agent
  std::uint64_t assisted_resolved_ = 0;  // resolutions in the period of interactions with an agent
  bool keep_samples_ = true;
};

}  // namespace cskpi::detail
