#include "report/group_scope.hpp"

#include <algorithm>

#include "cskpi/error.hpp"

namespace cskpi::detail {

std::optional<CustomerResult> customer_figures(const CustomerLifecycle& customers, const GroupScope& scope,
                                               TimePoint as_of) {
  if (scope.whole_week_hours || scope.other_labels || scope.agent || scope.team || scope.department) return std::nullopt;
  return customers.figures(scope.from, std::max(scope.from, scope.to), as_of, scope.product);
}

std::optional<AttritionResult> attrition_figures(const Roster& roster, const GroupScope& scope, TimePoint as_of) {
  if (scope.whole_week_hours || scope.other_labels || scope.product) return std::nullopt;
  return roster.attrition(scope.from, std::max(scope.from, scope.to), as_of,
                          RosterFilter{scope.agent, scope.team, scope.department});
}

}  // namespace cskpi::detail
