#include "report/report_json.hpp"

namespace cskpi::detail {
namespace {

/// 100 * num / den computed from the counts (so 1 of 3 prints 33.333…336, not 33.333…329), or null.
Json percent(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return nullptr;
  return 100.0 * static_cast<double>(num) / static_cast<double>(den);
}

Json percent_of(const std::optional<double>& fraction) {
  if (!fraction) return nullptr;
  return 100.0 * *fraction;
}

template <class T>
Json value_or_null(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}

Json seconds(const std::optional<Milliseconds>& d) {
  if (!d) return nullptr;
  return static_cast<double>(d->count()) / 1000.0;
}

Json seconds(const std::optional<std::chrono::duration<double>>& d) {
  if (!d) return nullptr;
  return d->count();
}

Json interval(const std::optional<ConfidenceInterval>& ci, double scale) {
  if (!ci) return nullptr;
  return Json::array({scale * ci->low, scale * ci->high});
}

Json nps_json(const NpsResult& r) {
  return Json{{"responses", r.responses()}, {"promoters", r.promoters},  {"passives", r.passives},
              {"detractors", r.detractors}, {"score", value_or_null(r.score)}, {"ci95", interval(r.ci95, 1.0)}};
}

Json duration_json(const DurationSummary& r) {
  return Json{{"count", r.count}, {"mean_s", seconds(r.mean)}, {"median_s", seconds(r.median)}, {"p90_s", seconds(r.p90)}};
}

/// A duration object, with its business-time twin nested when there is a business calendar.
Json duration_json(const DurationSummary& r, const std::optional<BusinessDurations>& business,
                   DurationSummary BusinessDurations::*member) {
  Json j = duration_json(r);
  if (business) j["business"] = duration_json((*business).*member);
  return j;
}

Json sla_target_json(const SlaTargetResult& r) {
  return Json{{"achieved", r.achieved},
              {"breached", r.breached},
              {"pending", r.pending},
              {"compliance", percent(r.achieved, r.achieved + r.breached)},
              {"target_s", seconds(r.target)}};
}

Json volume_json(const VolumeResult& r) {
  return Json{{"count", r.count},
              {"share", percent_of(r.share)},
              {"resolved", value_or_null(r.resolved)},
              {"net_change", value_or_null(r.net_change)},
              {"backlog", value_or_null(r.backlog)}};
}

}  // namespace

Json metrics_json(const GroupMetrics& m, bool has_events) {
  Json j;
  j["volume"] = volume_json(m.volume);
  j["nps"] = nps_json(m.nps);
  j["enps"] = nps_json(m.enps);
  j["csat"] = Json{{"responses", m.csat.responses},
                   {"satisfied", m.csat.satisfied},
                   {"score", percent(m.csat.satisfied, m.csat.responses)},
                   {"mean", value_or_null(m.csat.mean)},
                   {"ci95", interval(m.csat.ci95, 100.0)},
                   {"satisfied_from", m.csat.satisfied_from}};
  j["ces"] = Json{{"responses", m.ces.responses},
                  {"mean", value_or_null(m.ces.mean)},
                  {"easy_share", percent(m.ces.easy, m.ces.responses)},
                  {"easy_from", m.ces.easy_from}};
  j["first_response"] = duration_json(m.first_response, m.business, &BusinessDurations::first_response);
  j["resolution"] = duration_json(m.resolution, m.business, &BusinessDurations::resolution);
  if (has_events) {
    j["next_reply"] = duration_json(m.next_reply, m.business, &BusinessDurations::next_reply);
    j["requester_wait"] = duration_json(m.requester_wait, m.business, &BusinessDurations::requester_wait);
    j["agent_work"] = duration_json(m.agent_work, m.business, &BusinessDurations::agent_work);
    j["on_hold"] = duration_json(m.on_hold, m.business, &BusinessDurations::on_hold);
    j["pending"] = duration_json(m.pending, m.business, &BusinessDurations::pending);
  }
  j["handle"] = duration_json(m.handle);
  j["fcr"] = Json{{"resolved", m.fcr.resolved},
                  {"first_contact", m.fcr.first_contact},
                  {"rate", percent(m.fcr.first_contact, m.fcr.resolved)},
                  {"method", to_string(m.fcr.method)},
                  {"window_s", static_cast<double>(m.fcr.window.count()) / 1000.0}};
  j["reopen"] = Json{{"resolved", m.reopen.resolved},
                     {"reopened", m.reopen.reopened},
                     {"rate", percent(m.reopen.reopened, m.reopen.resolved)}};
  j["complaint"] = Json{{"interactions", m.complaint.interactions},
                        {"complaints", m.complaint.complaints},
                        {"rate", percent(m.complaint.complaints, m.complaint.interactions)}};
  j["self_service"] = Json{{"resolved", m.self_service.resolved},
                           {"self_service", m.self_service.self_service},
                           {"rate", percent(m.self_service.self_service, m.self_service.resolved)}};
  if (m.sla) {
    j["sla"] = Json{{"first_response", sla_target_json(m.sla->first_response)},
                    {"resolution", sla_target_json(m.sla->resolution)}};
  }
  j["queue"] = Json{{"answered", m.queue.answered},
                    {"abandoned", m.queue.abandoned},
                    {"short_abandoned", m.queue.short_abandoned},
                    {"offered", m.queue.offered},
                    {"service_level", percent_of(m.queue.service_level)},
                    {"asa_s", seconds(m.queue.asa)},
                    {"abandon_rate", percent_of(m.queue.abandon_rate)},
                    {"mode", to_string(m.queue.mode)},
                    {"threshold_s", static_cast<double>(m.queue.threshold.count()) / 1000.0}};
  if (m.productivity) {
    const ProductivityResult& p = *m.productivity;
    j["productivity"] = Json{{"handled", p.handled},
                             {"resolved", p.resolved},
                             {"active_days", p.active_days},
                             {"resolved_per_day", value_or_null(p.resolved_per_day)}};
  }
  if (m.customers) {
    const CustomerResult& c = *m.customers;
    j["customers"] = Json{{"start", c.start},
                          {"end", c.end},
                          {"new", c.new_customers},
                          {"lost", c.lost},
                          {"churn_rate", percent(c.lost, c.start)},
                          {"retention_rate", percent_of(c.retention_rate)},
                          {"renewal_rate", percent(c.renewals, c.renewals + c.cancels)},
                          {"renewals", c.renewals},
                          {"cancels", c.cancels},
                          {"mrr_start", value_or_null(c.mrr_start)},
                          {"mrr_end", value_or_null(c.mrr_end)},
                          {"mrr_churned", value_or_null(c.mrr_churned)},
                          {"mrr_contraction", value_or_null(c.mrr_contraction)},
                          {"mrr_expansion", value_or_null(c.mrr_expansion)},
                          {"gross_revenue_churn", percent_of(c.gross_revenue_churn)},
                          {"net_revenue_retention", percent_of(c.net_revenue_retention)}};
  }
  if (m.attrition) {
    const AttritionResult& a = *m.attrition;
    j["attrition"] = Json{{"start", a.start}, {"end", a.end}, {"leavers", a.leavers}, {"rate", percent_of(a.rate)}};
  }
  j["cost"] = Json{{"interactions", m.cost.interactions},
                   {"total", m.cost.total},
                   {"per_contact", value_or_null(m.cost.per_contact)}};
  return j;
}

Json report_json(const Report& report) {
  Json j;
  j["schema"] = "cskpi.report/1";
  j["period"] = Json{{"from", format_instant(report.period.from)},
                     {"to", format_instant(report.period.to)},
                     {"as_of", format_instant(report.period.as_of)},
                     {"time_zone", report.period.time_zone},
                     {"attribution", to_string(report.period.attribution)}};
  Json inputs = Json::object();
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = report.inputs[t];
    inputs[std::string{plural(static_cast<RecordType>(t))}] =
        Json{{"read", c.read()}, {"accepted", c.accepted}, {"rejected", c.rejected}};
  }
  j["inputs"] = std::move(inputs);
  Json groups = Json::array();
  for (const Group& g : report.groups) {
    Json by = Json::array();
    Json key = Json::object();
    for (std::size_t p = 0; p < g.by.size(); ++p) {
      const std::string name{to_string(g.by[p])};
      by.push_back(name);
      key[name] = g.key[p] ? Json(*g.key[p]) : Json(nullptr);
    }
    groups.push_back(Json{{"by", std::move(by)}, {"key", std::move(key)}, {"metrics", metrics_json(g.metrics, report.has_events)}});
  }
  j["groups"] = std::move(groups);
  Json adoption = Json::array();
  for (const AdoptionRow& a : report.adoption) {
    adoption.push_back(Json{{"product", a.product ? Json(*a.product) : Json(nullptr)},
                            {"purchasers", a.result.purchasers},
                            {"adopters", a.result.adopters},
                            {"rate", percent(a.result.adopters, a.result.purchasers)}});
  }
  j["adoption"] = std::move(adoption);
  Json cohorts = Json::array();
  for (const CohortRow& c : report.cohorts) {
    Json share = Json::array();
    for (const std::uint64_t active : c.active) share.push_back(percent(active, c.size));
    cohorts.push_back(Json{{"cohort", c.cohort}, {"size", c.size}, {"active", c.active}, {"share", std::move(share)}});
  }
  j["cohorts"] = std::move(cohorts);
  Json staffing = Json::array();
  for (const StaffingRow& s : report.staffing) {
    staffing.push_back(Json{{"hour_of_week", s.hour_of_week},
                            {"calls_per_hour", s.calls_per_hour},
                            {"aht_s", seconds(s.aht)},
                            {"agents", value_or_null(s.agents)},
                            {"scheduled", value_or_null(s.scheduled)},
                            {"service_level", percent_of(s.service_level)}});
  }
  j["staffing"] = std::move(staffing);
  Json targets = Json::array();
  for (const TargetResult& t : report.targets) {
    Json key = Json::object();
    Json by = Json::array();
    for (std::size_t p = 0; p < t.by.size(); ++p) {
      const std::string name{to_string(t.by[p])};
      by.push_back(name);
      key[name] = t.key[p] ? Json(*t.key[p]) : Json(nullptr);
    }
    Json where = Json::object();
    for (const auto& [dimension, label] : t.target.where) where[dimension] = label;
    targets.push_back(Json{{"metric", t.target.metric},
                           {"min", value_or_null(t.target.min)},
                           {"max", value_or_null(t.target.max)},
                           {"where", std::move(where)},
                           {"by", std::move(by)},
                           {"key", std::move(key)},
                           {"value", value_or_null(t.value)},
                           {"status", to_string(t.status)},
                           {"gap", value_or_null(t.gap)}});
  }
  j["targets"] = std::move(targets);
  return j;
}

}  // namespace cskpi::detail
