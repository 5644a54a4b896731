#include "report/trends.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <string_view>
#include <variant>

#include "cskpi/stats.hpp"

namespace cskpi::detail {
namespace {

/// successes / n of a proportion.
struct Proportion {
  std::uint64_t successes = 0;
  std::uint64_t n = 0;
};

using ProportionOf = Proportion (*)(const GroupMetrics&);
using MomentsOf = SampleMoments (*)(const GroupMetrics&);
using NpsOf = const NpsResult& (*)(const GroupMetrics&);

/// A trend key: the field it compares and the test its kind of value calls for
/// (monostate: a count or a median, no test).
struct TrendKey {
  std::string_view metric;
  std::variant<std::monostate, ProportionOf, MomentsOf, NpsOf> test;
};

// In seconds, as the variance (s²): a Duration counts milliseconds.
SampleMoments moments(const DurationSummary& d) {
  const double mean_s = d.mean ? std::chrono::duration<double>(*d.mean).count() : 0.0;
  return SampleMoments{mean_s, d.variance.value_or(0.0), d.variance ? d.count : 0};
}

Proportion sla_proportion(const std::optional<SlaResult>& sla, SlaTargetResult SlaResult::*target) {
  if (!sla) return {};
  const SlaTargetResult& t = (*sla).*target;
  return {t.achieved, t.achieved + t.breached};
}

/// The service level's numerator and denominator in the queue's mode (SPEC §3 queue).
Proportion service_level_proportion(const QueueResult& q) {
  switch (q.mode) {
    case QueueMode::offered: return {q.answered_within, q.offered};
    case QueueMode::answered: return {q.answered_within, q.answered};
    case QueueMode::abandon_within_T_good: return {q.answered_within + q.abandoned_within, q.offered};
  }
  return {};
}

// clang-format off
const std::array<TrendKey, 19> trend_keys{{
    {"volume.count", std::monostate{}},
    {"nps.score", NpsOf{[](const GroupMetrics& m) -> const NpsResult& { return m.nps; }}},
    {"enps.score", NpsOf{[](const GroupMetrics& m) -> const NpsResult& { return m.enps; }}},
    {"csat.score", ProportionOf{[](const GroupMetrics& m) { return Proportion{m.csat.satisfied, m.csat.responses}; }}},
    {"ces.mean", MomentsOf{[](const GroupMetrics& m) {
       return SampleMoments{m.ces.mean.value_or(0.0), m.ces.variance.value_or(0.0), m.ces.variance ? m.ces.responses : 0};
     }}},
    {"first_response.mean_s", MomentsOf{[](const GroupMetrics& m) { return moments(m.first_response); }}},
    {"first_response.median_s", std::monostate{}},
    {"resolution.mean_s", MomentsOf{[](const GroupMetrics& m) { return moments(m.resolution); }}},
    {"resolution.median_s", std::monostate{}},
    {"handle.mean_s", MomentsOf{[](const GroupMetrics& m) { return moments(m.handle); }}},
    {"fcr.rate", ProportionOf{[](const GroupMetrics& m) { return Proportion{m.fcr.first_contact, m.fcr.resolved}; }}},
    {"reopen.rate", ProportionOf{[](const GroupMetrics& m) { return Proportion{m.reopen.reopened, m.reopen.resolved}; }}},
    {"complaint.rate", ProportionOf{[](const GroupMetrics& m) {
       return Proportion{m.complaint.complaints, m.complaint.interactions};
     }}},
    {"self_service.rate", ProportionOf{[](const GroupMetrics& m) {
       return Proportion{m.self_service.self_service, m.self_service.resolved};
     }}},
    {"sla.first_response.compliance", ProportionOf{[](const GroupMetrics& m) {
       return sla_proportion(m.sla, &SlaResult::first_response);
     }}},
    {"sla.resolution.compliance", ProportionOf{[](const GroupMetrics& m) {
       return sla_proportion(m.sla, &SlaResult::resolution);
     }}},
    {"queue.service_level", ProportionOf{[](const GroupMetrics& m) { return service_level_proportion(m.queue); }}},
    {"queue.abandon_rate", ProportionOf{[](const GroupMetrics& m) {
       return Proportion{m.queue.abandoned - m.queue.short_abandoned, m.queue.offered};
     }}},
    {"customers.churn_rate", ProportionOf{[](const GroupMetrics& m) {
       return m.customers ? Proportion{m.customers->lost, m.customers->start} : Proportion{};
     }}},
}};
// clang-format on

/// §3's standard error of an NPS score in points, or nullopt when n < 2 (as its ci95).
std::optional<double> nps_standard_error(const NpsResult& r) {
  const std::uint64_t n = r.responses();
  if (n < 2) return std::nullopt;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(r.promoters) / nn;
  const double d = static_cast<double>(r.detractors) / nn;
  return 100.0 * std::sqrt(std::max(0.0, p + d - (p - d) * (p - d)) / nn);
}

std::optional<double> nps_z(const NpsResult& current, const NpsResult& previous, double change) {
  const auto a = nps_standard_error(current);
  const auto b = nps_standard_error(previous);
  if (!a || !b) return std::nullopt;
  const double se = std::sqrt(*a * *a + *b * *b);
  if (!(se > 0.0)) return std::nullopt;
  return change / se;
}

/// The z statistic of a key's test, or nullopt (no test for the key, or an undefined one).
std::optional<double> z_of(const TrendKey& key, const GroupMetrics& current, const GroupMetrics& previous,
                           double change) {
  if (const auto* proportion = std::get_if<ProportionOf>(&key.test)) {
    const Proportion a = (*proportion)(current);
    const Proportion b = (*proportion)(previous);
    return two_proportion_z(a.successes, a.n, b.successes, b.n);
  }
  if (const auto* mean = std::get_if<MomentsOf>(&key.test)) return welch_z((*mean)(current), (*mean)(previous));
  if (const auto* nps = std::get_if<NpsOf>(&key.test)) return nps_z((*nps)(current), (*nps)(previous), change);
  return std::nullopt;
}

}  // namespace

GroupIndex::GroupIndex(const Report& report) {
  for (const Group& g : report.groups) groups_.emplace(std::make_pair(to_string(g.by), g.key), &g);
}

const Group* GroupIndex::find(const Group& group) const {
  const auto it = groups_.find(std::make_pair(to_string(group.by), group.key));
  return it == groups_.end() ? nullptr : it->second;
}

std::vector<TrendValue> compare_metrics(const GroupMetrics& current, const GroupMetrics& previous,
                                        const FieldContext& context) {
  const std::vector<Field> now = field_table(current, context);
  const std::vector<Field> before = field_table(previous, context);
  std::vector<TrendValue> values;
  for (const TrendKey& key : trend_keys) {
    const Field* a = find_field(now, key.metric);
    const Field* b = find_field(before, key.metric);
    if (a == nullptr || b == nullptr) continue;  // (not folded into the optionals: GCC 12 -O3 warns then)
    const std::optional<double> x = a->number();
    const std::optional<double> y = b->number();
    if (!x || !y) continue;
    TrendValue v{key.metric, *x, *y, *x - *y, std::nullopt, false};
    if (const auto z = z_of(key, current, previous, v.change)) {
      v.p_value = two_sided_p_value(*z);
      v.significant = *v.p_value < 0.05;
    }
    values.push_back(v);
  }
  return values;
}

void add_trends(Report& report, const Report& previous) {
  report.previous = previous.period;
  const GroupIndex index(previous);
  const FieldContext context = FieldContext::of(report);
  for (Group& g : report.groups) {
    const Group* twin = index.find(g);
    if (twin == nullptr) continue;
    g.trend = GroupTrend{previous.period.from, previous.period.to, compare_metrics(g.metrics, twin->metrics, context)};
  }
}

std::vector<Guardrail> find_guardrails(const Report& report) {
  constexpr std::array<std::string_view, 3> speeds{"handle.mean_s", "resolution.mean_s", "first_response.mean_s"};
  constexpr std::array<std::string_view, 2> qualities{"fcr.rate", "csat.score"};
  std::vector<Guardrail> out;
  for (const Group& g : report.groups) {
    if (!g.trend) continue;
    for (const std::string_view speed : speeds) {
      const TrendValue* s = g.trend->find(speed);
      if (s == nullptr || !(s->change < 0.0)) continue;
      for (const std::string_view quality : qualities) {
        const TrendValue* q = g.trend->find(quality);
        if (q == nullptr || !(q->change < 0.0) || !q->significant) continue;
        out.push_back(Guardrail{g.by, g.key, s->metric, s->change, q->metric, q->change, q->p_value});
      }
    }
  }
  return out;
}

}  // namespace cskpi::detail
