#include "render/html_parts.hpp"

namespace cskpi::detail {

std::vector<GroupingView> grouping_views(const Report& report) {
  std::vector<GroupingView> views;
  for (const Group& g : report.groups) {
    if (views.empty() || views.back().by != g.by) views.push_back(GroupingView{g.by, {}});
    views.back().groups.push_back(&g);
  }
  return views;
}

std::string key_label(const std::vector<std::optional<std::string>>& key) {
  if (key.empty()) return "all";
  std::string out;
  for (const std::optional<std::string>& part : key) {
    if (!out.empty()) out += " / ";
    out += part.value_or("(none)");
  }
  return out;
}

std::optional<double> field_number(const std::vector<Field>& fields, const std::string_view path) {
  const Field* f = find_field(fields, path);
  return f ? f->number() : std::nullopt;
}

const TargetResult* target_of(const Report& report, const Group& group, const std::string_view path) {
  for (const TargetResult& t : report.targets) {
    if (t.target.metric == path && t.by == group.by && t.key == group.key) return &t;
  }
  return nullptr;
}

std::string metric_title(const std::string_view metric) {
  struct Title {
    std::string_view name;
    std::string_view title;
  };
  static constexpr Title titles[] = {
      {"volume", "Volume"}, {"nps", "NPS"}, {"enps", "eNPS"}, {"csat", "CSAT"}, {"ces", "CES"},
      {"first_response", "First response"}, {"resolution", "Resolution time"}, {"next_reply", "Next reply"},
      {"requester_wait", "Requester wait"}, {"agent_work", "Agent work"}, {"on_hold", "On hold"},
      {"pending", "Pending"}, {"handle", "Handle time"}, {"fcr", "First-contact resolution"},
      {"reopen", "Reopens"}, {"complaint", "Complaints"}, {"self_service", "Self-service"}, {"sla", "SLA"},
      {"queue", "Phone queue"}, {"productivity", "Productivity"}, {"customers", "Customers"},
      {"attrition", "Agent attrition"}, {"cost", "Cost"}};
  for (const Title& t : titles) {
    if (t.name == metric) return std::string{t.title};
  }
  std::string out{metric};
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

}  // namespace cskpi::detail
