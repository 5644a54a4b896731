#include "report/targets.hpp"

#include <algorithm>
#include <string>

#include "cskpi/error.hpp"
#include "report/report_json.hpp"

namespace cskpi::detail {
namespace {

/// The JSON value at a dotted path (`sla.first_response.compliance`), or nullptr when absent.
const Json* at_path(const Json& metrics, const std::string& path) {
  const Json* node = &metrics;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const std::string part = path.substr(start, dot - start);
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &(*node)[part];
    start = dot + 1;
  }
  return node;
}

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
  std::vector<Json> metrics;
  metrics.reserve(report.groups.size());
  for (const Group& g : report.groups) metrics.push_back(metrics_json(g.metrics, report.has_events));
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const TargetSpec& target = targets[t];
    bool known = false;
    for (std::size_t g = 0; g < report.groups.size(); ++g) {
      const Json* value = at_path(metrics[g], target.metric);
      if (value && (value->is_number() || value->is_null())) known = true;
      if (!matches(report.groups[g], target)) continue;
      TargetResult r;
      r.target = target;
      r.by = report.groups[g].by;
      r.key = report.groups[g].key;
      if (value && value->is_number()) r.value = value->get<double>();
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
