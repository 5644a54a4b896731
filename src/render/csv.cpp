#include "cskpi/render/csv.hpp"

#include <string>

#include "cskpi/report/field_table.hpp"
#include "io/csv_writer.hpp"
#include "render/report_json.hpp"

namespace cskpi {
namespace {

/// A value as CSV text: null as empty, text as is, numbers as the JSON prints them.
std::string value_text(const detail::Json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

/// The value column: a number verbatim (-4.1 is a number, not a formula), a string as text.
struct Value {
  std::string text;
  bool is_text = false;
};

Value value_of(const detail::Json& v) { return Value{value_text(v), v.is_string()}; }

/// One row; `by` and `key` are text (labels, configured dimension names), spreadsheet-safe.
void row(std::ostream& out, std::string_view by, std::string_view key, std::string_view metric, std::string_view field,
         const Value& value) {
  std::string line;
  detail::append_csv_text(line, by);
  line += ',';
  detail::append_csv_text(line, key);
  line.append(",").append(metric).append(",").append(field).append(",");
  if (value.is_text) {
    detail::append_csv_text(line, value.text);
  } else {
    detail::append_csv_field(line, value.text);
  }
  line += '\n';
  out << line;
}

/// The group's key as one field: its labels joined with ',' (a label is never empty, so empty is the null key).
std::string key_text(const Group& g) {
  std::string key;
  for (std::size_t p = 0; p < g.key.size(); ++p) {
    if (p > 0) key += ',';
    key += g.key[p].value_or("");
  }
  return key;
}

/// One row per field of the field table; then, with a trend, metric `trend` rows: field
/// `previous.from` and `previous.to`, and `<key>.<part>` per trend value (`csat.score.p_value`).
void group_rows(std::ostream& out, const Group& g, const FieldContext& context) {
  const std::string by = to_string(g.by);
  const std::string key = key_text(g);
  for_each_field(g.metrics, context, [&](const Field& f) {
    row(out, by, key, f.metric, f.name, value_of(detail::field_json(f.value)));
  });
  if (!g.trend) return;
  const detail::Json trend = detail::trend_json(*g.trend);
  for (const char* bound : {"from", "to"}) row(out, by, key, "trend", std::string{"previous."} + bound, value_of(trend["previous"][bound]));
  for (const auto& [metric, parts] : trend["metrics"].items()) {
    for (const auto& [part, value] : parts.items()) row(out, by, key, "trend", metric + "." + part, value_of(value));
  }
}

/// A report-wide list: `by` and `metric` name the list, `key` the row; arrays become `name.0`, `name.1`, ….
void list_rows(std::ostream& out, const std::string& list, const detail::Json& rows, const std::string& key_field) {
  for (const auto& r : rows) {
    const std::string key = value_text(r[key_field]);
    for (const auto& [name, value] : r.items()) {
      if (name == key_field) continue;
      if (!value.is_array()) {
        row(out, list, key, list, name, value_of(value));
        continue;
      }
      for (std::size_t k = 0; k < value.size(); ++k) {
        row(out, list, key, list, name + "." + std::to_string(k), value_of(value[k]));
      }
    }
  }
}

/// Targets: `key` is the metric and the group (`csat.score channel=chat`).
void target_rows(std::ostream& out, const detail::Json& targets) {
  for (const auto& t : targets) {
    std::string key = t["metric"].get<std::string>();
    for (const auto& [dimension, value] : t["key"].items()) key.append(" ").append(dimension).append("=").append(value_text(value));
    for (const char* name : {"baseline", "improve", "min", "max", "value", "status", "gap"}) {
      if (t.contains(name)) row(out, "targets", key, "targets", name, value_of(t[name]));
    }
  }
}

/// Guardrails: `key` is the speed and quality metric and the group (`handle.mean_s fcr.rate channel=chat`).
void guardrail_rows(std::ostream& out, const detail::Json& guardrails) {
  for (const auto& g : guardrails) {
    std::string key = g["speed"].get<std::string>() + " " + g["quality"].get<std::string>();
    for (const auto& [dimension, value] : g["key"].items()) key.append(" ").append(dimension).append("=").append(value_text(value));
    for (const char* name : {"speed_change", "quality_change", "p_value"}) {
      row(out, "guardrails", key, "guardrails", name, value_of(g[name]));
    }
  }
}

}  // namespace

void render_csv(std::ostream& out, const Report& report) {
  out << "by,key,metric,field,value\n";
  const FieldContext context = FieldContext::of(report);
  for (const Group& g : report.groups) group_rows(out, g, context);
  list_rows(out, "adoption", detail::adoption_json(report), "product");
  list_rows(out, "cohorts", detail::cohorts_json(report), "cohort");
  list_rows(out, "staffing", detail::staffing_json(report), "hour_of_week");
  target_rows(out, detail::targets_json(report));
  guardrail_rows(out, detail::guardrails_json(report));
}

}  // namespace cskpi
