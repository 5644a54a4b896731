// Private: trends and guardrails (SPEC v3 §3, §4): each group compared with the same group of
// the previous period, and the speed gains bought with a significant loss of quality.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cskpi/report/field_table.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// The groups of a report by (grouping, key): how a group finds its twin in another period.
class GroupIndex {
 public:
  explicit GroupIndex(const Report& report);
  /// The group of `report` with the same grouping and key as `group`, or nullptr.
  [[nodiscard]] const Group* find(const Group& group) const;

 private:
  std::map<std::pair<std::string, std::vector<std::optional<std::string>>>, const Group*> groups_;
};

/// The trend values of `current` against `previous`, in SPEC §4 key order, each present when
/// both values are defined: the values as the field table gives them, change = current −
/// previous, and the test the key calls for (two-proportion z for rates, shares and CSAT; NPS
/// z = change / sqrt(se₁² + se₂²); Welch z for means, n ≥ 2 on both sides; none for counts
/// and medians). p is two-sided, significant = p < 0.05.
[[nodiscard]] std::vector<TrendValue> compare_metrics(const GroupMetrics& current, const GroupMetrics& previous,
                                                      const FieldContext& context);

/// Sets the trend of every group of `report` that `previous` (the report of the previous
/// period) has, and report.previous.
void add_trends(Report& report, const Report& previous);

/// One guardrail per group, speed metric (handle, resolution, first response mean, in that
/// order) whose change is negative and quality metric (fcr.rate, csat.score) whose change is
/// negative and significant, in report order.
[[nodiscard]] std::vector<Guardrail> find_guardrails(const Report& report);

}  // namespace cskpi::detail
