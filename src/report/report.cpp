#include "cskpi/report/report.hpp"

#include "cskpi/error.hpp"

namespace cskpi {

const Group& Report::overall() const {
  if (groups.empty() || !groups.front().by.empty()) {
    throw Error(ErrorCode::invalid_argument, "Report::overall: the report has no overall group");
  }
  return groups.front();
}

const Group* Report::find(const Grouping& by, const std::vector<std::optional<std::string>>& key) const {
  for (const Group& g : groups) {
    if (g.by == by && g.key == key) return &g;
  }
  return nullptr;
}

const Group* Report::find(std::string_view by, const std::vector<std::optional<std::string>>& key) const {
  std::vector<std::string> custom;  // the custom dimensions the report groups by
  for (const Group& g : groups) {
    for (const GroupPart& part : g.by) {
      if (const auto* c = std::get_if<CustomDimension>(&part)) custom.push_back(c->name);
    }
  }
  return find(by.empty() ? Grouping{} : parse_grouping(by, custom), key);
}

const TrendValue* GroupTrend::find(std::string_view metric) const noexcept {
  for (const TrendValue& v : metrics) {
    if (v.metric == metric) return &v;
  }
  return nullptr;
}

}  // namespace cskpi
