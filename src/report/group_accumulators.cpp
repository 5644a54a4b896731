#include "report/group_accumulators.hpp"

#include <cmath>
#include <type_traits>

namespace cskpi::detail {

GroupAccumulators::GroupAccumulators(const MetricConfig& config, const FcrConfig& fcr, bool business, bool sla,
                                     bool productivity, bool keep_samples)
    : csat_(config.csat), ces_(config.ces), business_(business), fcr_(fcr), queue_(config.queue), sla_(sla),
      productivity_(productivity), keep_samples_(keep_samples) {}

template <class Other, class F>
void GroupAccumulators::for_each_duration(Other& other, F&& f) {
  f(first_response_, other.first_response_);
  f(resolution_, other.resolution_);
  f(next_reply_, other.next_reply_);
  for (std::size_t s = 0; s < state_count; ++s) f(states_[s], other.states_[s]);
  f(handle_, other.handle_);
  f(business_first_response_, other.business_first_response_);
  f(business_resolution_, other.business_resolution_);
  f(business_next_reply_, other.business_next_reply_);
  for (std::size_t s = 0; s < state_count; ++s) f(business_states_[s], other.business_states_[s]);
}

void GroupAccumulators::take_samples_of(const GroupAccumulators& source) {
  for_each_duration(source, [](DurationAccumulator& mine, const DurationAccumulator& theirs) { mine.take_samples_of(theirs); });
}

template <class Other>
void GroupAccumulators::merge_from(Other&& o) {
  volume_.merge(o.volume_);
  nps_.merge(o.nps_);
  enps_.merge(o.enps_);
  csat_.merge(o.csat_);
  ces_.merge(o.ces_);
  // A group that keeps no samples (its finer groups do) counts other's; otherwise they are
  // copied in, or moved when `o` is an rvalue.
  for_each_duration(o, [this](DurationAccumulator& mine, auto& theirs) {
    if (!keep_samples_) {
      mine.merge_counted(theirs);
    } else if constexpr (std::is_const_v<std::remove_reference_t<decltype(theirs)>>) {
      mine.merge(theirs);
    } else {
      mine.merge(std::move(theirs));
    }
  });
  fcr_.merge(o.fcr_);
  reopen_.merge(o.reopen_);
  complaint_.merge(o.complaint_);
  self_service_.merge(o.self_service_);
  queue_.merge(o.queue_);
  cost_.merge(o.cost_);
  sla_first_response_.merge(o.sla_first_response_);
  sla_resolution_.merge(o.sla_resolution_);
  productivity_ = productivity_ || o.productivity_;
  productivity_days_.merge(o.productivity_days_);
  assisted_handled_ += o.assisted_handled_;
  assisted_resolved_ += o.assisted_resolved_;
  keep_samples_ = keep_samples_ && o.keep_samples_;  // a group that only counted stays so
}

template void GroupAccumulators::merge_from<const GroupAccumulators&>(const GroupAccumulators&);
template void GroupAccumulators::merge_from<GroupAccumulators>(GroupAccumulators&&);

void GroupAccumulators::add_created(std::size_t row, const InteractionColumns& c, const InteractionFacts& f) {
  volume_.add_created();
  if (c.dim[index_of(Dimension::agent)][row] != no_code) ++assisted_handled_;
  complaint_.add(f.complaint);
  if (c.handle_ms[row] != no_value) add_duration(handle_, c.handle_ms[row]);
  if (c.wait_ms[row] != no_value) queue_.add(Milliseconds{c.wait_ms[row]}, c.abandoned[row] != 0);
  if (!std::isnan(c.cost[row])) cost_.add(c.cost[row]);
  if (f.sla_first_response) sla_first_response_.add(f.sla_first_response->status, f.sla_first_response->target);
  if (f.sla_resolution) sla_resolution_.add(f.sla_resolution->status, f.sla_resolution->target);
  if (!f.has_history) return;
  for (const std::int64_t d : f.next_reply_ms) add_duration(next_reply_, d);
  for (std::size_t s = 0; s < state_count; ++s) add_duration(states_[s], f.state_ms[s]);
  if (!business_) return;
  for (const std::int64_t d : f.next_reply_business_ms) add_duration(business_next_reply_, d);
  for (std::size_t s = 0; s < state_count; ++s) add_duration(business_states_[s], f.state_business_ms[s]);
}

void GroupAccumulators::add_first_response(const InteractionFacts& f) {
  if (f.first_response_ms == no_value) return;
  add_duration(first_response_, f.first_response_ms);
  if (business_) add_duration(business_first_response_, f.first_response_business_ms);
}

void GroupAccumulators::add_resolution(const InteractionFacts& f) {
  if (f.first_contact) fcr_.add(*f.first_contact);
  if (!f.resolved) return;
  add_duration(resolution_, f.resolution_ms);
  if (business_) add_duration(business_resolution_, f.resolution_business_ms);
  reopen_.add(f.reopened);
  self_service_.add(f.self_service);
}

void GroupAccumulators::add_survey(SurveyKind kind, int score) {
  switch (kind) {
    case SurveyKind::nps: nps_.add(score); break;
    case SurveyKind::enps: enps_.add(score); break;
    case SurveyKind::csat: csat_.add(score); break;
    case SurveyKind::ces: ces_.add(score); break;
  }
}

GroupMetrics GroupAccumulators::result(std::uint64_t overall_count, bool flows,
                                       const std::vector<const GroupAccumulators*>& sources) const {
  // Each duration summary over its own samples, or over the same accumulator of every source.
  const auto summary = [&sources](const DurationAccumulator GroupAccumulators::*member) {
    std::vector<const DurationAccumulator*> of;
    of.reserve(sources.size());
    for (const GroupAccumulators* g : sources) of.push_back(&(g->*member));
    return of;
  };
  const auto state = [&sources](const std::array<DurationAccumulator, state_count> GroupAccumulators::*member,
                                std::size_t s) {
    std::vector<const DurationAccumulator*> of;
    of.reserve(sources.size());
    for (const GroupAccumulators* g : sources) of.push_back(&(g->*member)[s]);
    return of;
  };
  GroupMetrics m;
  m.volume = volume_.result(overall_count, flows);
  m.nps = nps_.result();
  m.enps = enps_.result();
  m.csat = csat_.result();
  m.ces = ces_.result();
  m.first_response = first_response_.result(summary(&GroupAccumulators::first_response_));
  m.resolution = resolution_.result(summary(&GroupAccumulators::resolution_));
  m.next_reply = next_reply_.result(summary(&GroupAccumulators::next_reply_));
  m.requester_wait = states_[0].result(state(&GroupAccumulators::states_, 0));
  m.agent_work = states_[1].result(state(&GroupAccumulators::states_, 1));
  m.on_hold = states_[2].result(state(&GroupAccumulators::states_, 2));
  m.pending = states_[3].result(state(&GroupAccumulators::states_, 3));
  m.handle = handle_.result(summary(&GroupAccumulators::handle_));
  if (business_) {
    BusinessDurations b;
    b.first_response = business_first_response_.result(summary(&GroupAccumulators::business_first_response_));
    b.resolution = business_resolution_.result(summary(&GroupAccumulators::business_resolution_));
    b.next_reply = business_next_reply_.result(summary(&GroupAccumulators::business_next_reply_));
    b.requester_wait = business_states_[0].result(state(&GroupAccumulators::business_states_, 0));
    b.agent_work = business_states_[1].result(state(&GroupAccumulators::business_states_, 1));
    b.on_hold = business_states_[2].result(state(&GroupAccumulators::business_states_, 2));
    b.pending = business_states_[3].result(state(&GroupAccumulators::business_states_, 3));
    m.business = b;
  }
  m.fcr = fcr_.result();
  m.reopen = reopen_.result();
  m.complaint = complaint_.result();
  m.self_service = self_service_.result();
  m.queue = queue_.result();
  m.cost = cost_.result();
  if (sla_) m.sla = SlaResult{sla_first_response_.result(), sla_resolution_.result()};
  if (productivity_) m.productivity = productivity_days_.result(assisted_handled_, assisted_resolved_);
  return m;
}

}  // namespace cskpi::detail
