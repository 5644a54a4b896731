#include <fmt/format.h>

#include <algorithm>

#include "render/html_parts.hpp"
#include "render/human_units.hpp"
#include "render/markup.hpp"

namespace cskpi::detail {
namespace {

/// A table column: a plain field, or an interval (`ci95.low` + `ci95.high`) as one column.
struct Column {
  std::string_view metric;
  std::string_view name;  // `ci95` for an interval
  FieldUnit unit = FieldUnit::count;
  bool interval = false;
};

using GroupFields = std::vector<std::vector<Field>>;  // one field table per group of the view

[[nodiscard]] bool ends_with(const std::string_view text, const std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// Fields that echo the configuration (method, mode, thresholds, scale points): the settings
/// note says them once instead of a constant column.
[[nodiscard]] bool is_setting(const Field& f) {
  return f.unit == FieldUnit::label || ends_with(f.name, "_from") || ends_with(f.name, "threshold_s") ||
         ends_with(f.name, "window_s") || ends_with(f.name, "target_s");
}

[[nodiscard]] std::vector<Column> columns_of(const std::vector<Field>& fields) {
  std::vector<Column> columns;
  for (const Field& f : fields) {
    if (f.shape == FieldShape::interval_high || is_setting(f)) continue;
    const bool interval = f.shape == FieldShape::interval_low;
    columns.push_back(Column{f.metric, interval ? f.name.substr(0, f.name.rfind('.')) : f.name, f.unit, interval});
  }
  return columns;
}

[[nodiscard]] std::optional<double> number_at(const std::vector<Field>& fields, const Column& c,
                                              const std::string_view suffix = {}) {
  const std::string path = fmt::format("{}.{}{}", c.metric, c.name, suffix);
  return field_number(fields, path);
}

/// The field whose non-zero value shows that a metric's inputs exist. The share metrics count
/// every resolved or handled interaction, so their part (`reopened`) is the evidence; cost needs
/// a total, the queue offered calls; the rest any non-zero count.
[[nodiscard]] std::string_view evidence_field(const std::string_view metric) {
  if (metric == "reopen") return "reopened";
  if (metric == "complaint") return "complaints";
  if (metric == "self_service") return "self_service";
  if (metric == "cost") return "total";
  if (metric == "queue") return "offered";
  return {};
}

[[nodiscard]] bool metric_has_data(const std::string_view metric, const GroupFields& groups) {
  if (metric == "volume") return true;
  const std::string_view evidence = evidence_field(metric);
  for (const std::vector<Field>& fields : groups) {
    for (const Field& f : fields) {
      if (f.metric != metric) continue;
      const bool counts = evidence.empty() ? f.unit == FieldUnit::count : f.name == evidence;
      if (counts && f.number().value_or(0.0) != 0.0) return true;
    }
  }
  return false;
}

[[nodiscard]] bool column_has_data(const Column& c, const GroupFields& groups) {
  const std::string path = fmt::format("{}.{}{}", c.metric, c.name, c.interval ? ".low" : "");
  return std::any_of(groups.begin(), groups.end(), [&path](const std::vector<Field>& fields) {
    const Field* f = find_field(fields, path);
    return f != nullptr && !std::holds_alternative<std::monostate>(f->value);
  });
}

[[nodiscard]] std::vector<Column> shown_columns(const GroupFields& groups) {
  std::vector<Column> shown;
  for (const Column& c : columns_of(groups.front())) {
    if (metric_has_data(c.metric, groups) && column_has_data(c, groups)) shown.push_back(c);
  }
  return shown;
}

/// `median_s` → `median`, `business.p90_s` → `business p90`, `count` → `n`, `ci95` → `95 % interval`.
[[nodiscard]] std::string column_title(const std::string_view name) {
  if (name == "count" || name == "responses") return "n";
  if (name == "ci95") return "95 % interval";
  if (name == "asa_s") return "ASA";
  std::string out{ends_with(name, "_s") ? name.substr(0, name.size() - 2) : name};
  for (char& c : out) {
    if (c == '_' || c == '.') c = ' ';
  }
  if (ends_with(out, " count")) out = out.substr(0, out.size() - 5) + "n";
  return out;
}

[[nodiscard]] std::string cell(const std::vector<Field>& fields, const Column& c) {
  if (c.interval) {
    const std::optional<double> low = number_at(fields, c, ".low");
    const std::optional<double> high = number_at(fields, c, ".high");
    if (!low || !high) return "<td class=\"na\">—</td>";
    return fmt::format("<td>{} to {}</td>", markup_escape(human_number(low, c.unit)),
                       markup_escape(human_number(high, c.unit)));
  }
  const Field* f = find_field(fields, fmt::format("{}.{}", c.metric, c.name));
  if (f == nullptr || std::holds_alternative<std::monostate>(f->value)) return "<td class=\"na\">—</td>";
  return "<td>" + markup_escape(human_value(f->value, c.unit)) + "</td>";
}

[[nodiscard]] std::string header(const GroupingView& view, const std::vector<Column>& columns) {
  const std::size_t key_parts = std::max<std::size_t>(1, view.by.size());
  std::string top = "<tr>";
  for (std::size_t p = 0; p < key_parts; ++p) {
    const std::string name = view.by.empty() ? "group" : std::string{to_string(view.by[p])};
    top += "<th rowspan=\"2\" class=\"key\">" + markup_escape(metric_title(name)) + "</th>";
  }
  std::string bottom = "<tr>";
  for (std::size_t c = 0; c < columns.size();) {
    std::size_t end = c;
    while (end < columns.size() && columns[end].metric == columns[c].metric) ++end;
    top += fmt::format("<th colspan=\"{}\" class=\"metric\">{}</th>", end - c,
                       markup_escape(metric_title(columns[c].metric)));
    for (std::size_t k = c; k < end; ++k) bottom += "<th>" + markup_escape(column_title(columns[k].name)) + "</th>";
    c = end;
  }
  return "<thead>" + top + "</tr>" + bottom + "</tr></thead>";
}

[[nodiscard]] std::string key_cells(const Group& g) {
  if (g.key.empty()) return "<td class=\"key\">all</td>";
  std::string out;
  for (const std::optional<std::string>& part : g.key) {
    out += "<td class=\"key\">" + markup_escape(part.value_or("(none)")) + "</td>";
  }
  return out;
}

}  // namespace

std::string grouping_table(const GroupingView& view, const FieldContext& context) {
  if (view.groups.empty()) return {};
  GroupFields groups;
  for (const Group* g : view.groups) groups.push_back(field_table(g->metrics, context));
  const std::vector<Column> columns = shown_columns(groups);
  std::string out = "<div class=\"scroll\"><table>" + header(view, columns) + "<tbody>";
  for (std::size_t g = 0; g < view.groups.size(); ++g) {
    out += "<tr>" + key_cells(*view.groups[g]);
    for (const Column& c : columns) out += cell(groups[g], c);
    out += "</tr>";
  }
  return out + "</tbody></table></div>\n";
}

std::string settings_note(const Report& report, const FieldContext& context) {
  std::vector<std::string> parts;
  const GroupFields overall{field_table(report.overall().metrics, context)};
  for (const Field& f : overall.front()) {
    if (!is_setting(f) || std::holds_alternative<std::monostate>(f.value) || !metric_has_data(f.metric, overall)) {
      continue;
    }
    parts.push_back(fmt::format("{} {}: {}", metric_title(f.metric), column_title(f.name),
                                human_value(f.value, f.unit)));
  }
  if (parts.empty()) return {};
  std::string out = "<p class=\"settings\">Settings: ";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? " · " : "") + markup_escape(parts[i]);
  return out + "</p>\n";
}

}  // namespace cskpi::detail
