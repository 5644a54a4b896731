#include "report/targets.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "cskpi/error.hpp"
#include "cskpi/report/field_table.hpp"
#include "report/trends.hpp"

namespace cskpi::detail {
namespace {

bool matches(const Group& group, const TargetSpec& target) {
  for (const auto& [dimension, label] : target.where) {
    bool found = false;
    for (std::size_t p = 0; p < group.by.size(); ++p) {
      if (to_string(group.by[p]) == dimension && group.key[p] == label) found = true;
    }
    if (!found) return false;
  }
  return true;
}

void judge(TargetResult& r) {
  if (!r.value || (!r.min && !r.max)) return;  // undefined: no value (or no bound), no gap
  const double v = *r.value;
  const bool below = r.min && v < *r.min;
  const bool above = r.max && v > *r.max;
  r.status = below || above ? TargetStatus::missed : TargetStatus::met;
  if (below) {
    r.gap = v - *r.min;
  } else if (above) {
    r.gap = *r.max - v;
  } else {
    double gap = r.min ? v - *r.min : *r.max - v;
    if (r.min && r.max) gap = std::min(v - *r.min, *r.max - v);
    r.gap = gap;
  }
}

/// A baseline target's bound from the same group's previous value (SPEC v3 §3 Targets).
void set_baseline_bound(TargetResult& r, const Field& field, const Group* previous, const FieldContext& context) {
  if (previous == nullptr) return;
  const std::vector<Field> fields = field_table(previous->metrics, context);
  const Field* before = find_field(fields, r.target.metric);
  r.baseline = before ? before->number() : std::nullopt;
  if (!r.baseline) return;
  if (lower_is_better(field)) {
    r.max = *r.baseline - r.target.improve;
  } else {
    r.min = *r.baseline + r.target.improve;
  }
}

}  // namespace

bool lower_is_better(const Field& f) noexcept {
  if (f.unit == FieldUnit::seconds) return true;
  constexpr std::array<std::string_view, 22> lower{
      "volume.abandoned",        "volume.net_change",          "volume.backlog",
      "nps.detractors",          "enps.detractors",            "reopen.reopened",
      "reopen.rate",             "complaint.complaints",       "complaint.rate",
      "sla.first_response.breached", "sla.resolution.breached", "queue.abandoned",
      "queue.abandon_rate",      "customers.lost",             "customers.churn_rate",
      "customers.mrr_churned",   "customers.mrr_contraction",  "customers.gross_revenue_churn",
      "attrition.leavers",       "attrition.rate",             "cost.total",
      "cost.per_contact"};
  return std::any_of(lower.begin(), lower.end(), [&f](std::string_view path) { return f.has_path(path); });
}

std::vector<TargetResult> evaluate_targets(const Report& report, const std::vector<TargetSpec>& targets,
                                           const Report* previous) {
  std::vector<TargetResult> results;
  if (targets.empty()) return results;
  // Looked up through the field table: a target names a field as `metric.field`.
  const FieldContext context = FieldContext::of(report);
  const std::optional<GroupIndex> before = previous ? std::optional<GroupIndex>(std::in_place, *previous) : std::nullopt;
  std::vector<std::vector<Field>> fields;
  fields.reserve(report.groups.size());
  for (const Group& g : report.groups) fields.push_back(field_table(g.metrics, context));
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const TargetSpec& target = targets[t];
    bool known = false;
    for (std::size_t g = 0; g < report.groups.size(); ++g) {
      const Field* field = find_field(fields[g], target.metric);
      if (field && field->unit != FieldUnit::label) known = true;
      if (!matches(report.groups[g], target)) continue;
      TargetResult r;
      r.target = target;
      r.by = report.groups[g].by;
      r.key = report.groups[g].key;
      if (field) r.value = field->number();
      r.min = target.min;
      r.max = target.max;
      if (target.baseline && field) set_baseline_bound(r, *field, before ? before->find(report.groups[g]) : nullptr, context);
      judge(r);
      results.push_back(std::move(r));
    }
    if (!known) {
      throw Error(ErrorCode::invalid_config, "targets[" + std::to_string(t) + "].metric: '" + target.metric +
                                                 "' is not a number field of the report (e.g. csat.score, "
                                                 "fcr.rate, first_response.median_s)");
    }
  }
  return results;
}

}  // namespace cskpi::detail
