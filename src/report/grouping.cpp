#include "cskpi/report/grouping.hpp"

#include <algorithm>

#include "cskpi/error.hpp"

namespace cskpi {

std::string_view to_string(const GroupPart& part) noexcept {
  if (const auto* d = std::get_if<Dimension>(&part)) return to_string(*d);
  if (const auto* c = std::get_if<CustomDimension>(&part)) return c->name;
  return to_string(std::get<TimeBucket>(part));
}

namespace {

std::string known_names(const std::vector<std::string>& custom) {
  std::string out = "dimensions: channel, topic, product, kind, priority, agent, team, department";
  for (const std::string& name : custom) out += ", " + name;
  if (custom.empty()) out += " (custom dimensions: none configured)";
  return out + "; time buckets: hour, day, week, month, quarter, year, hour_of_week";
}

}  // namespace

Grouping parse_grouping(std::string_view text, const std::vector<std::string>& custom) {
  Grouping grouping;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string_view name = text.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    GroupPart part;
    if (const auto d = parse_dimension(name)) {
      part = *d;
    } else if (const auto b = parse_time_bucket(name)) {
      part = *b;
    } else if (!name.empty() && std::find(custom.begin(), custom.end(), name) != custom.end()) {
      part = CustomDimension{std::string{name}};
    } else {
      throw Error(ErrorCode::invalid_argument,
                  "unknown grouping '" + std::string{name} + "' (" + known_names(custom) + ")");
    }
    if (std::find(grouping.begin(), grouping.end(), part) != grouping.end()) {
      throw Error(ErrorCode::invalid_argument, "grouping '" + std::string{text} + "' repeats '" +
                                                   std::string{name} + "'");
    }
    grouping.push_back(std::move(part));
    start = comma + 1;
  }
  return grouping;
}

std::string to_string(const Grouping& grouping) {
  std::string out;
  for (const auto& part : grouping) {
    if (!out.empty()) out += ',';
    out += to_string(part);
  }
  return out;
}

}  // namespace cskpi
