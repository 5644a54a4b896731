#include "report/targets.hpp"

#include <algorithm>
#include <string>

#include "cskpi/error.hpp"
#include "cskpi/report/field_table.hpp"

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
  if (!r.value) return;  // undefined: no value, no gap
  const double v = *r.value;
  const auto& t = r.target;
  const bool below = t.min && v < *t.min;
  const bool above = t.max && v > *t.max;
  r.status = below || above ? TargetStatus::missed : TargetStatus::met;
  if (below) {
    r.gap = v - *t.min;
  } else if (above) {
    r.gap = *t.max - v;
  } else {
    double gap = t.min ? v - *t.min : *t.max - v;
    if (t.min && t.max) gap = std::min(v - *t.min, *t.max - v);
    r.gap = gap;
  }
}

}  // namespace

std::vector<TargetResult> evaluate_targets(const Report& report, const std::vector<TargetSpec>& targets) {
  std::vector<TargetResult> results;
  if (targets.empty()) return results;
  // Looked up through the field table: a target names a field as `metric.field`.
  const FieldContext context = FieldContext::of(report);
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
