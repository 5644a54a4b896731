#include <string>

#include "cskpi/report/render.hpp"
#include "report/report_json.hpp"

namespace cskpi {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string scalar_text(const detail::Json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

/// One row per leaf: nested objects join their names with '.', intervals become low / high.
void rows(std::ostream& out, const std::string& by, const std::string& key, const std::string& metric,
          const std::string& prefix, const detail::Json& object) {
  for (const auto& [name, value] : object.items()) {
    std::string field = prefix;
    if (!field.empty()) field += '.';
    field += name;
    if (value.is_object()) {
      rows(out, by, key, metric, field, value);
    } else if (value.is_array() && value.size() == 2) {
      out << csv_field(by) << ',' << csv_field(key) << ',' << metric << ',' << field << ".low," << value[0].dump() << '\n';
      out << csv_field(by) << ',' << csv_field(key) << ',' << metric << ',' << field << ".high," << value[1].dump() << '\n';
    } else if (value.is_null() && name == "ci95") {
      out << csv_field(by) << ',' << csv_field(key) << ',' << metric << ',' << field << ".low,\n";
      out << csv_field(by) << ',' << csv_field(key) << ',' << metric << ',' << field << ".high,\n";
    } else {
      out << csv_field(by) << ',' << csv_field(key) << ',' << metric << ',' << field << ','
          << csv_field(scalar_text(value)) << '\n';
    }
  }
}

}  // namespace

void render_csv(std::ostream& out, const Report& report) {
  out << "by,key,metric,field,value\n";
  for (const Group& g : report.groups) {
    const std::string by = to_string(g.by);
    std::string key;
    for (std::size_t p = 0; p < g.key.size(); ++p) {
      if (p > 0) key += ',';
      key += g.key[p].value_or("");  // a label is never empty, so empty is the null key
    }
    const detail::Json metrics = detail::metrics_json(g.metrics, report.has_events);
    for (const auto& [metric, object] : metrics.items()) rows(out, by, key, metric, "", object);
  }
  // The report-wide lists: `by` names the list, `key` the row (product, cohort month, hour).
  const detail::Json whole = detail::report_json(report);
  for (const auto& [list, key_field] : {std::pair<const char*, const char*>{"adoption", "product"},
                                        {"cohorts", "cohort"}, {"staffing", "hour_of_week"}}) {
    for (const auto& row : whole[list]) {
      const std::string key = scalar_text(row[key_field]);
      detail::Json fields = detail::Json::object();
      for (const auto& [name, value] : row.items()) {
        if (name == key_field) continue;
        if (value.is_array()) {
          for (std::size_t k = 0; k < value.size(); ++k) fields[name + "." + std::to_string(k)] = value[k];
        } else {
          fields[name] = value;
        }
      }
      rows(out, list, key, list, "", fields);
    }
  }
  // Targets: `key` is the metric and the group (`csat.score channel=chat`).
  for (const auto& t : whole["targets"]) {
    std::string key = t["metric"].get<std::string>();
    for (const auto& [dimension, value] : t["key"].items()) key.append(" ").append(dimension).append("=").append(scalar_text(value));
    detail::Json fields = detail::Json::object();
    for (const char* name : {"min", "max", "value", "status", "gap"}) fields[name] = t[name];
    rows(out, "targets", key, "targets", "", fields);
  }
}

}  // namespace cskpi
