#include "render/report_json.hpp"

#include <string>

namespace cskpi::detail {
namespace {

/// 100 * num / den computed from the counts, as the field table does, or null.
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

Json seconds(const std::optional<std::chrono::duration<double>>& d) {
  if (!d) return nullptr;
  return d->count();
}

/// The object holding the last part of a dotted `path` below `object` (created as needed);
/// `last` receives that part: `business.median_s` → object["business"], "median_s".
Json& parent_of(Json& object, std::string_view path, std::string_view& last) {
  Json* node = &object;
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.')) {
    node = &(*node)[std::string{path.substr(0, dot)}];
    path.remove_prefix(dot + 1);
  }
  last = path;
  return *node;
}

/// Places one field in its metric object: at its dotted path, or as one bound of an interval.
void place(Json& metric, const Field& f) {
  std::string_view last;
  if (f.shape == FieldShape::plain) {
    parent_of(metric, f.name, last)[std::string{last}] = field_json(f.value);
    return;
  }
  const std::string_view interval = f.name.substr(0, f.name.rfind('.'));  // "ci95.low" → "ci95"
  Json& pair = parent_of(metric, interval, last)[std::string{last}];
  const bool defined = !std::holds_alternative<std::monostate>(f.value);
  if (f.shape == FieldShape::interval_low) {
    pair = defined ? Json::array({field_json(f.value)}) : Json(nullptr);
  } else if (pair.is_array()) {
    pair.push_back(field_json(f.value));
  }
}

Json by_json(const Grouping& by) {
  Json names = Json::array();
  for (const GroupPart& part : by) names.push_back(std::string{to_string(part)});
  return names;
}

Json key_json(const Grouping& by, const std::vector<std::optional<std::string>>& key) {
  Json object = Json::object();
  for (std::size_t p = 0; p < by.size(); ++p) {
    object[std::string{to_string(by[p])}] = key[p] ? Json(*key[p]) : Json(nullptr);
  }
  return object;
}

Json period_json(const ReportPeriod& p) {
  return Json{{"from", format_instant(p.from)},
              {"to", format_instant(p.to)},
              {"as_of", format_instant(p.as_of)},
              {"time_zone", p.time_zone},
              {"attribution", to_string(p.attribution)}};
}

Json groups_json(const Report& report) {
  const FieldContext context = FieldContext::of(report);
  Json groups = Json::array();
  for (const Group& g : report.groups) {
    Json group{{"by", by_json(g.by)}, {"key", key_json(g.by, g.key)}, {"metrics", metrics_json(g.metrics, context)}};
    if (g.trend) group["trend"] = trend_json(*g.trend);
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace

Json trend_value_json(const TrendValue& v) {
  return Json{{"current", v.current},
              {"previous", v.previous},
              {"change", v.change},
              {"p_value", value_or_null(v.p_value)},
              {"significant", v.significant}};
}

Json trend_json(const GroupTrend& trend) {
  Json metrics = Json::object();
  for (const TrendValue& v : trend.metrics) metrics[std::string{v.metric}] = trend_value_json(v);
  return Json{{"previous", Json{{"from", format_instant(trend.previous_from)}, {"to", format_instant(trend.previous_to)}}},
              {"metrics", std::move(metrics)}};
}

Json guardrails_json(const Report& report) {
  Json guardrails = Json::array();
  for (const Guardrail& g : report.guardrails) {
    guardrails.push_back(Json{{"by", by_json(g.by)},
                              {"key", key_json(g.by, g.key)},
                              {"speed", std::string{g.speed}},
                              {"speed_change", g.speed_change},
                              {"quality", std::string{g.quality}},
                              {"quality_change", g.quality_change},
                              {"p_value", value_or_null(g.p_value)}});
  }
  return guardrails;
}

Json field_json(const FieldValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* s = std::get_if<std::string_view>(&value)) return std::string{*s};
  return nullptr;
}

Json metrics_json(const GroupMetrics& metrics, const FieldContext& context) {
  Json j = Json::object();
  for_each_field(metrics, context, [&j](const Field& f) { place(j[std::string{f.metric}], f); });
  return j;
}

Json inputs_json(const Report& report) {
  Json inputs = Json::object();
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = report.inputs[t];
    inputs[std::string{plural(static_cast<RecordType>(t))}] =
        Json{{"read", c.read()}, {"accepted", c.accepted}, {"rejected", c.rejected}};
  }
  return inputs;
}

Json adoption_json(const Report& report) {
  Json adoption = Json::array();
  for (const AdoptionRow& a : report.adoption) {
    adoption.push_back(Json{{"product", a.product ? Json(*a.product) : Json(nullptr)},
                            {"purchasers", a.result.purchasers},
                            {"adopters", a.result.adopters},
                            {"rate", percent(a.result.adopters, a.result.purchasers)}});
  }
  return adoption;
}

Json cohorts_json(const Report& report) {
  Json cohorts = Json::array();
  for (const CohortRow& c : report.cohorts) {
    Json share = Json::array();
    for (const std::uint64_t active : c.active) share.push_back(percent(active, c.size));
    cohorts.push_back(Json{{"cohort", c.cohort}, {"size", c.size}, {"active", c.active}, {"share", std::move(share)}});
  }
  return cohorts;
}

Json staffing_json(const Report& report) {
  Json staffing = Json::array();
  for (const StaffingRow& s : report.staffing) {
    staffing.push_back(Json{{"hour_of_week", s.hour_of_week},
                            {"calls_per_hour", s.calls_per_hour},
                            {"aht_s", seconds(s.aht)},
                            {"agents", value_or_null(s.agents)},
                            {"scheduled", value_or_null(s.scheduled)},
                            {"service_level", percent_of(s.service_level)}});
  }
  return staffing;
}

Json targets_json(const Report& report) {
  Json targets = Json::array();
  for (const TargetResult& t : report.targets) {
    Json where = Json::object();
    for (const auto& [dimension, label] : t.target.where) where[dimension] = label;
    Json row{{"metric", t.target.metric}};
    if (t.target.baseline) {
      // A bound from the baseline: what it was, the improvement asked for, then the bound in force.
      row["baseline"] = value_or_null(t.baseline);
      row["improve"] = t.target.improve;
    }
    row["min"] = value_or_null(t.min);
    row["max"] = value_or_null(t.max);
    row["where"] = std::move(where);
    row["by"] = by_json(t.by);
    row["key"] = key_json(t.by, t.key);
    row["value"] = value_or_null(t.value);
    row["status"] = to_string(t.status);
    row["gap"] = value_or_null(t.gap);
    targets.push_back(std::move(row));
  }
  return targets;
}

Json report_json(const Report& report) {
  Json j;
  j["schema"] = "cskpi.report/1";
  j["period"] = period_json(report.period);
  j["inputs"] = inputs_json(report);
  j["groups"] = groups_json(report);
  j["adoption"] = adoption_json(report);
  j["cohorts"] = cohorts_json(report);
  j["staffing"] = staffing_json(report);
  j["targets"] = targets_json(report);
  j["guardrails"] = guardrails_json(report);
  return j;
}

}  // namespace cskpi::detail
