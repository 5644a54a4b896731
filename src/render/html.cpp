#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cskpi/render/html.hpp"
#include "cskpi/report/field_table.hpp"
#include "render/report_json.hpp"

namespace cskpi {
namespace {

/// Text from the input or the configuration as HTML/SVG text or attribute value: the five
/// characters that could end an element or an attribute are escaped (docs/reliability.md).
std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

/// A cell of the report-wide lists (adoption, cohorts, staffing).
std::string json_cell(const detail::Json& v) {
  if (v.is_null()) return "<td class=\"na\">–</td>";
  if (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number()) {
    return fmt::format("<td>[{:.2f}, {:.2f}]</td>", v[0].get<double>(), v[1].get<double>());
  }
  if (v.is_number_float()) return fmt::format("<td>{:.2f}</td>", v.get<double>());
  if (v.is_number()) return fmt::format("<td>{}</td>", v.dump());
  if (v.is_string()) return "<td>" + escape(v.get<std::string>()) + "</td>";
  return "<td>" + escape(v.dump()) + "</td>";
}

std::string key_text(const Group& g) {
  if (g.key.empty()) return "all";
  std::string k;
  for (std::size_t p = 0; p < g.key.size(); ++p) {
    if (p > 0) k += " / ";
    k += g.key[p].value_or("(none)");
  }
  return k;
}

/// A horizontal bar chart (inline SVG) of one value per group; null values are left out.
std::string bar_chart(const std::string& title, const std::vector<std::pair<std::string, std::optional<double>>>& bars,
                      const char* unit) {
  double max = 0.0;
  double min = 0.0;
  for (const auto& [label, value] : bars) {
    if (value) {
      max = std::max(max, *value);
      min = std::min(min, *value);
    }
  }
  if (max == min) return {};
  constexpr int row = 20;
  constexpr int label_w = 160;
  constexpr int chart_w = 360;
  const double span = max - min;
  const double zero_x = label_w + chart_w * (-min / span);
  std::string svg = fmt::format("<figure><figcaption>{}</figcaption><svg width=\"{}\" height=\"{}\" role=\"img\">",
                                escape(title), label_w + chart_w + 90, row * static_cast<int>(bars.size()) + 4);
  int y = 2;
  for (const auto& [label, value] : bars) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", label_w - 6, y + 14, escape(label));
    if (value) {
      const double x0 = std::min(zero_x, label_w + chart_w * ((*value - min) / span));
      const double w = std::abs(chart_w * (*value / span));
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"{}\"/>", x0, y + 3, w,
                         row - 6, *value < 0 ? "neg" : "pos");
      const int decimals = *value == std::floor(*value) ? 0 : 1;
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{:.{}f}{}</text>", std::max(x0 + w, zero_x) + 4, y + 14, *value,
                         decimals, unit);
    }
    y += row;
  }
  return svg + "</svg></figure>";
}

constexpr const char* na_cell = "<td class=\"na\">–</td>";

std::string cell(const FieldValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return fmt::format("<td>{}</td>", *i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("<td>{:.2f}</td>", *d);
  if (const auto* text = std::get_if<std::string_view>(&v)) return "<td>" + escape(*text) + "</td>";
  return na_cell;
}

/// One table column of a metric: a field of the field table, or an interval's two bounds as one
/// `[low, high]` cell named by their prefix (`ci95`).
struct Column {
  std::string_view metric;
  std::string_view name;
  std::string cell;
};

std::vector<Column> columns_of(const GroupMetrics& metrics, const FieldContext& context) {
  std::vector<Column> columns;
  std::optional<double> low;
  for_each_field(metrics, context, [&](const Field& f) {
    if (f.shape == FieldShape::plain) {
      columns.push_back(Column{f.metric, f.name, cell(f.value)});
    } else if (f.shape == FieldShape::interval_low) {
      low = f.number();
    } else {
      const std::optional<double> high = f.number();
      columns.push_back(Column{f.metric, f.name.substr(0, f.name.rfind('.')),
                               low && high ? fmt::format("<td>[{:.2f}, {:.2f}]</td>", *low, *high) : na_cell});
    }
  });
  return columns;
}

std::string cell_of(const std::vector<Column>& columns, std::string_view metric, std::string_view name) {
  for (const Column& c : columns) {
    if (c.metric == metric && c.name == name) return c.cell;
  }
  return na_cell;
}

/// One table per metric object: rows = groups, columns = the fields the first group has.
void metric_tables(std::ostream& out, const std::vector<const Group*>& groups, const FieldContext& context) {
  std::vector<std::vector<Column>> rows;
  for (const Group* g : groups) rows.push_back(columns_of(g->metrics, context));
  const std::vector<Column>& first = rows.front();
  out << "<div class=\"tables\">";
  for (std::size_t c = 0; c < first.size();) {
    const std::string_view metric = first[c].metric;
    std::size_t end = c;
    while (end < first.size() && first[end].metric == metric) ++end;
    out << "<table><tr><th>" << escape(metric) << "</th>";
    for (std::size_t k = c; k < end; ++k) out << "<th>" << escape(first[k].name) << "</th>";
    out << "</tr>";
    for (std::size_t g = 0; g < groups.size(); ++g) {
      out << "<tr><td>" << escape(key_text(*groups[g])) << "</td>";
      for (std::size_t k = c; k < end; ++k) out << cell_of(rows[g], metric, first[k].name);
      out << "</tr>";
    }
    out << "</table>";
    c = end;
  }
  out << "</div>\n";
}

/// Bar charts of volume, NPS and CSAT, one bar per group, from the field table.
void charts(std::ostream& out, const std::vector<const Group*>& groups, const FieldContext& context) {
  std::vector<std::pair<std::string, std::optional<double>>> volume, nps, csat;
  for (const Group* g : groups) {
    const std::vector<Field> fields = field_table(g->metrics, context);
    const auto value = [&fields](std::string_view path) {
      const Field* f = find_field(fields, path);
      return f ? f->number() : std::nullopt;
    };
    const std::string label = key_text(*g);
    volume.emplace_back(label, value("volume.count"));
    nps.emplace_back(label, value("nps.score"));
    csat.emplace_back(label, value("csat.score"));
  }
  out << bar_chart("Volume (interactions)", volume, "") << bar_chart("NPS (points)", nps, "")
      << bar_chart("CSAT (% satisfied)", csat, "%") << '\n';
}

constexpr const char* style = R"(body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#f2f2f2}
td:first-child,th:first-child{text-align:left}.na{color:#aaa}
figure{display:inline-block;margin:0 2em 1em 0;vertical-align:top}figcaption{font-weight:600;font-size:13px}
svg text{font-size:11px}rect.pos{fill:#4878a8}rect.neg{fill:#c0504d}
h2{margin-top:2em;border-bottom:1px solid #ddd}.meta{color:#555}
.tables{display:flex;flex-wrap:wrap;gap:0 1.5em;align-items:flex-start})";

}  // namespace

void render_html(std::ostream& out, const Report& report) {
  const ReportPeriod& p = report.period;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cskpi report</title><style>" << style
      << "</style></head><body>\n";
  out << fmt::format("<h1>cskpi report</h1><p class=\"meta\">{} to {} (as of {}), zone {}, attribution {}</p>\n",
                     format_instant(p.from), format_instant(p.to), format_instant(p.as_of), escape(p.time_zone),
                     to_string(p.attribution));
  out << "<table><tr><th>input</th><th>read</th><th>accepted</th><th>rejected</th></tr>";
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = report.inputs[t];
    out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", plural(static_cast<RecordType>(t)),
                       c.read(), c.accepted, c.rejected);
  }
  out << "</table>\n";
  const FieldContext context = FieldContext::of(report);
  std::size_t i = 0;
  while (i < report.groups.size()) {
    const Grouping& by = report.groups[i].by;
    std::vector<const Group*> same;
    while (i < report.groups.size() && report.groups[i].by == by) same.push_back(&report.groups[i++]);
    out << "<h2>" << (by.empty() ? std::string{"Overall"} : "By " + escape(to_string(by))) << "</h2>\n";
    if (!by.empty()) charts(out, same, context);
    metric_tables(out, same, context);
  }
  const std::pair<const char*, detail::Json> lists[] = {
      {"adoption", detail::adoption_json(report)}, {"cohorts", detail::cohorts_json(report)},
      {"staffing", detail::staffing_json(report)}};
  for (const auto& [list, rows] : lists) {
    if (rows.empty()) continue;
    out << "<h2>" << list << "</h2><table><tr>";
    for (const auto& [field, value] : rows[0].items()) out << "<th>" << escape(field) << "</th>";
    out << "</tr>";
    for (const auto& row : rows) {
      out << "<tr>";
      for (const auto& [field, value] : row.items()) out << json_cell(value);
      out << "</tr>";
    }
    out << "</table>\n";
  }
  out << "</body></html>\n";
}

}  // namespace cskpi
