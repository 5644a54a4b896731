#include "cskpi/report/field_table.hpp"

namespace cskpi {
namespace {

using Unit = FieldUnit;

FieldValue integer(std::uint64_t n) { return static_cast<std::int64_t>(n); }

template <class T>
FieldValue integer(const std::optional<T>& n) {
  if (!n) return {};
  return static_cast<std::int64_t>(*n);
}

FieldValue number(const std::optional<double>& v) {
  if (!v) return {};
  return *v;
}

/// 100 * num / den computed from the counts (so 1 of 3 gives 33.333…336, not 33.333…329), or null.
FieldValue percent(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return {};
  return 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

FieldValue percent_of(const std::optional<double>& fraction) {
  if (!fraction) return {};
  return 100.0 * *fraction;
}

FieldValue seconds(const std::optional<Milliseconds>& d) {
  if (!d) return {};
  return static_cast<double>(d->count()) / 1000.0;
}

/// A median or p90: whole milliseconds, so ms / 1000 is one correctly rounded division.
FieldValue seconds(const std::optional<Duration>& d) {
  if (!d) return {};
  return d->count() / 1000.0;
}

/// The mean as total / (1000·count): one correctly rounded division of exact integers (the
/// fractional mean in milliseconds divided by 1000 would round twice).
FieldValue mean_seconds(const DurationSummary& r) {
  if (r.count == 0) return {};
  return r.total.to_double() / (1000.0 * static_cast<double>(r.count));
}

FieldValue seconds(const std::optional<std::chrono::duration<double>>& d) {
  if (!d) return {};
  return d->count();
}

FieldValue seconds(Milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

/// Emits the fields of one metric object.
class Emitter {
 public:
  Emitter(std::string_view metric, const FieldVisitor& visit) : metric_(metric), visit_(visit) {}

  void operator()(std::string_view name, Unit unit, FieldValue value) const {
    visit_(Field{metric_, name, unit, std::move(value), FieldShape::plain});
  }

  /// `ci95.low` and `ci95.high`, `scale` times the interval (1 for points, 100 for percent).
  void interval(const std::optional<ConfidenceInterval>& ci, double scale, Unit unit) const {
    const FieldValue low = ci ? FieldValue{scale * ci->low} : FieldValue{};
    const FieldValue high = ci ? FieldValue{scale * ci->high} : FieldValue{};
    visit_(Field{metric_, "ci95.low", unit, low, FieldShape::interval_low});
    visit_(Field{metric_, "ci95.high", unit, high, FieldShape::interval_high});
  }

 private:
  std::string_view metric_;
  const FieldVisitor& visit_;
};

void volume_fields(const VolumeResult& r, const Emitter& e) {
  e("count", Unit::count, integer(r.count));
  e("share", Unit::percent, percent_of(r.share));
  e("resolved", Unit::count, integer(r.resolved));
  e("abandoned", Unit::count, integer(r.abandoned));
  e("net_change", Unit::count, integer(r.net_change));
  e("backlog", Unit::count, integer(r.backlog));
}

void nps_fields(const NpsResult& r, const Emitter& e) {
  e("responses", Unit::count, integer(r.responses()));
  e("promoters", Unit::count, integer(r.promoters));
  e("passives", Unit::count, integer(r.passives));
  e("detractors", Unit::count, integer(r.detractors));
  e("score", Unit::points, number(r.score));
  e.interval(r.ci95, 1.0, Unit::points);
}

void csat_fields(const CsatResult& r, const Emitter& e) {
  e("responses", Unit::count, integer(r.responses));
  e("satisfied", Unit::count, integer(r.satisfied));
  e("score", Unit::percent, percent(r.satisfied, r.responses));
  e("mean", Unit::score, number(r.mean));
  e.interval(r.ci95, 100.0, Unit::percent);
  e("satisfied_from", Unit::score, std::int64_t{r.satisfied_from});
}

void ces_fields(const CesResult& r, const Emitter& e) {
  e("responses", Unit::count, integer(r.responses));
  e("mean", Unit::score, number(r.mean));
  e("easy_share", Unit::percent, percent(r.easy, r.responses));
  e("easy_from", Unit::score, std::int64_t{r.easy_from});
}

/// The names of a duration object's fields, at its top level or nested under `business`.
struct DurationNames {
  std::string_view count, mean, median, p90;
};
constexpr DurationNames plain_names{"count", "mean_s", "median_s", "p90_s"};
constexpr DurationNames business_names{"business.count", "business.mean_s", "business.median_s", "business.p90_s"};

void duration_fields(const DurationSummary& r, const Emitter& e, const DurationNames& n = plain_names) {
  e(n.count, Unit::count, integer(r.count));
  e(n.mean, Unit::seconds, mean_seconds(r));
  e(n.median, Unit::seconds, seconds(r.median));
  e(n.p90, Unit::seconds, seconds(r.p90));
}

/// A duration object, with its business-time twin nested when there is a business calendar.
void duration_fields(const DurationSummary& r, const std::optional<BusinessDurations>& business,
                     DurationSummary BusinessDurations::*member, const Emitter& e) {
  duration_fields(r, e);
  if (business) duration_fields((*business).*member, e, business_names);
}

struct SlaNames {
  std::string_view achieved, breached, pending, compliance, target;
};
constexpr SlaNames sla_first_response{"first_response.achieved", "first_response.breached", "first_response.pending",
                                      "first_response.compliance", "first_response.target_s"};
constexpr SlaNames sla_resolution{"resolution.achieved", "resolution.breached", "resolution.pending",
                                  "resolution.compliance", "resolution.target_s"};

void sla_target_fields(const SlaTargetResult& r, const SlaNames& n, const Emitter& e) {
  e(n.achieved, Unit::count, integer(r.achieved));
  e(n.breached, Unit::count, integer(r.breached));
  e(n.pending, Unit::count, integer(r.pending));
  e(n.compliance, Unit::percent, percent(r.achieved, r.achieved + r.breached));
  e(n.target, Unit::seconds, seconds(r.target));
}

void fcr_fields(const FcrResult& r, const Emitter& e) {
  e("resolved", Unit::count, integer(r.resolved));
  e("first_contact", Unit::count, integer(r.first_contact));
  e("rate", Unit::percent, percent(r.first_contact, r.resolved));
  e("method", Unit::label, to_string(r.method));
  e("window_s", Unit::seconds, seconds(r.window));
}

/// reopen, complaint and self_service: a count, the part of it with the property, the rate.
void share_fields(std::string_view whole, std::uint64_t n, std::string_view part, std::uint64_t k, const Emitter& e) {
  e(whole, Unit::count, integer(n));
  e(part, Unit::count, integer(k));
  e("rate", Unit::percent, percent(k, n));
}

void queue_fields(const QueueResult& r, const Emitter& e) {
  e("answered", Unit::count, integer(r.answered));
  e("abandoned", Unit::count, integer(r.abandoned));
  e("short_abandoned", Unit::count, integer(r.short_abandoned));
  e("offered", Unit::count, integer(r.offered));
  e("service_level", Unit::percent, percent_of(r.service_level));
  e("asa_s", Unit::seconds, seconds(r.asa));
  e("abandon_rate", Unit::percent, percent_of(r.abandon_rate));
  e("mode", Unit::label, to_string(r.mode));
  e("threshold_s", Unit::seconds, seconds(r.threshold));
}

void productivity_fields(const ProductivityResult& p, const Emitter& e) {
  e("handled", Unit::count, integer(p.handled));
  e("resolved", Unit::count, integer(p.resolved));
  e("active_days", Unit::count, integer(p.active_days));
  e("resolved_per_day", Unit::ratio, number(p.resolved_per_day));
}

void customer_fields(const CustomerResult& c, const Emitter& e) {
  e("start", Unit::count, integer(c.start));
  e("end", Unit::count, integer(c.end));
  e("new", Unit::count, integer(c.new_customers));
  e("lost", Unit::count, integer(c.lost));
  e("churn_rate", Unit::percent, percent(c.lost, c.start));
  e("retention_rate", Unit::percent, percent_of(c.retention_rate));
  e("renewal_rate", Unit::percent, percent(c.renewals, c.renewals + c.cancels));
  e("renewals", Unit::count, integer(c.renewals));
  e("cancels", Unit::count, integer(c.cancels));
  e("mrr_start", Unit::money, number(c.mrr_start));
  e("mrr_end", Unit::money, number(c.mrr_end));
  e("mrr_churned", Unit::money, number(c.mrr_churned));
  e("mrr_contraction", Unit::money, number(c.mrr_contraction));
  e("mrr_expansion", Unit::money, number(c.mrr_expansion));
  e("gross_revenue_churn", Unit::percent, percent_of(c.gross_revenue_churn));
  e("net_revenue_retention", Unit::percent, percent_of(c.net_revenue_retention));
}

void attrition_fields(const AttritionResult& a, const Emitter& e) {
  e("start", Unit::count, integer(a.start));
  e("end", Unit::count, integer(a.end));
  e("leavers", Unit::count, integer(a.leavers));
  e("rate", Unit::percent, percent_of(a.rate));
}

void cost_fields(const CostResult& c, const Emitter& e) {
  e("interactions", Unit::count, integer(c.interactions));
  e("total", Unit::money, c.total);
  e("per_contact", Unit::money, number(c.per_contact));
}

/// The speed objects: first_response, resolution, the event-based ones, handle.
void speed_fields(const GroupMetrics& m, const FieldContext& context, const FieldVisitor& visit) {
  using B = BusinessDurations;
  duration_fields(m.first_response, m.business, &B::first_response, Emitter("first_response", visit));
  duration_fields(m.resolution, m.business, &B::resolution, Emitter("resolution", visit));
  if (context.has_events) {
    duration_fields(m.next_reply, m.business, &B::next_reply, Emitter("next_reply", visit));
    duration_fields(m.requester_wait, m.business, &B::requester_wait, Emitter("requester_wait", visit));
    duration_fields(m.agent_work, m.business, &B::agent_work, Emitter("agent_work", visit));
    duration_fields(m.on_hold, m.business, &B::on_hold, Emitter("on_hold", visit));
    duration_fields(m.pending, m.business, &B::pending, Emitter("pending", visit));
  }
  duration_fields(m.handle, Emitter("handle", visit));
}

}  // namespace

std::string_view to_string(FieldUnit unit) noexcept {
  switch (unit) {
    case Unit::count: return "count";
    case Unit::percent: return "percent";
    case Unit::points: return "points";
    case Unit::score: return "score";
    case Unit::seconds: return "seconds";
    case Unit::money: return "money";
    case Unit::ratio: return "ratio";
    case Unit::label: return "label";
  }
  return "count";
}

std::optional<double> Field::number() const noexcept {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  return std::nullopt;
}

bool Field::has_path(std::string_view path) const noexcept {
  return path.size() == metric.size() + 1 + name.size() && path.substr(0, metric.size()) == metric &&
         path[metric.size()] == '.' && path.substr(metric.size() + 1) == name;
}

void for_each_field(const GroupMetrics& m, const FieldContext& context, const FieldVisitor& visit) {
  volume_fields(m.volume, Emitter("volume", visit));
  nps_fields(m.nps, Emitter("nps", visit));
  nps_fields(m.enps, Emitter("enps", visit));
  csat_fields(m.csat, Emitter("csat", visit));
  ces_fields(m.ces, Emitter("ces", visit));
  speed_fields(m, context, visit);
  fcr_fields(m.fcr, Emitter("fcr", visit));
  share_fields("resolved", m.reopen.resolved, "reopened", m.reopen.reopened, Emitter("reopen", visit));
  share_fields("interactions", m.complaint.interactions, "complaints", m.complaint.complaints,
               Emitter("complaint", visit));
  share_fields("resolved", m.self_service.resolved, "self_service", m.self_service.self_service,
               Emitter("self_service", visit));
  if (m.sla) {
    const Emitter e("sla", visit);
    sla_target_fields(m.sla->first_response, sla_first_response, e);
    sla_target_fields(m.sla->resolution, sla_resolution, e);
  }
  queue_fields(m.queue, Emitter("queue", visit));
  if (m.productivity) productivity_fields(*m.productivity, Emitter("productivity", visit));
  if (m.customers) customer_fields(*m.customers, Emitter("customers", visit));
  if (m.attrition) attrition_fields(*m.attrition, Emitter("attrition", visit));
  cost_fields(m.cost, Emitter("cost", visit));
}

std::vector<Field> field_table(const GroupMetrics& metrics, const FieldContext& context) {
  std::vector<Field> fields;
  fields.reserve(128);
  for_each_field(metrics, context, [&fields](const Field& f) { fields.push_back(f); });
  return fields;
}

const Field* find_field(const std::vector<Field>& fields, std::string_view path) noexcept {
  for (const Field& f : fields) {
    if (f.has_path(path)) return &f;
  }
  return nullptr;
}

}  // namespace cskpi
