#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cskpi/report/render.hpp"
#include "report/report_json.hpp"

namespace cskpi {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string cell(const detail::Json& v) {
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

/// Nested objects of a metric (`business`, `sla.first_response`) become fields `business.mean_s`.
detail::Json flatten(const detail::Json& metrics) {
  detail::Json out = detail::Json::object();
  for (const auto& [metric, object] : metrics.items()) {
    detail::Json fields = detail::Json::object();
    for (const auto& [name, value] : object.items()) {
      if (value.is_object()) {
        for (const auto& [inner, v] : value.items()) {
          std::string path = name;
          path.append(".").append(inner);
          if (v.is_object()) {
            for (const auto& [leaf, w] : v.items()) fields[std::string{path}.append(".").append(leaf)] = w;
          } else {
            fields[path] = v;
          }
        }
      } else {
        fields[name] = value;
      }
    }
    out[metric] = std::move(fields);
  }
  return out;
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
  const detail::Json whole = detail::report_json(report);
  const ReportPeriod& p = report.period;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cskpi report</title><style>" << style
      << "</style></head><body>\n";
  out << fmt::format("<h1>cskpi report</h1><p class=\"meta\">{} to {} (as of {}), zone {}, attribution {}</p>\n",
                     format_instant(p.from), format_instant(p.to), format_instant(p.as_of), escape(p.time_zone),
                     to_string(p.attribution));
  out << "<table><tr><th>input</th><th>read</th><th>accepted</th><th>rejected</th></tr>";
  for (const auto& [type, counts] : whole["inputs"].items()) {
    out << "<tr><td>" << type << "</td>" << cell(counts["read"]) << cell(counts["accepted"]) << cell(counts["rejected"])
        << "</tr>";
  }
  out << "</table>\n";
  std::size_t i = 0;
  while (i < report.groups.size()) {
    const Grouping& by = report.groups[i].by;
    std::vector<std::size_t> same;
    while (i < report.groups.size() && report.groups[i].by == by) same.push_back(i++);
    out << "<h2>" << (by.empty() ? std::string{"Overall"} : "By " + escape(to_string(by))) << "</h2>\n";
    if (!by.empty()) {
      std::vector<std::pair<std::string, std::optional<double>>> volume, nps, csat;
      for (const std::size_t g : same) {
        const GroupMetrics& m = report.groups[g].metrics;
        const std::string label = key_text(report.groups[g]);
        volume.emplace_back(label, static_cast<double>(m.volume.count));
        nps.emplace_back(label, m.nps.score);
        csat.emplace_back(label, m.csat.satisfied_share ? std::optional<double>{100.0 * *m.csat.satisfied_share} : std::nullopt);
      }
      out << bar_chart("Volume (interactions)", volume, "") << bar_chart("NPS (points)", nps, "")
          << bar_chart("CSAT (% satisfied)", csat, "%") << '\n';
    }
    // One table per metric object: rows = groups, columns = its fields.
    const detail::Json first = flatten(whole["groups"][same.front()]["metrics"]);
    out << "<div class=\"tables\">";
    for (const auto& [metric, fields] : first.items()) {
      out << "<table><tr><th>" << escape(metric) << "</th>";
      for (const auto& [field, value] : fields.items()) out << "<th>" << escape(field) << "</th>";
      out << "</tr>";
      for (const std::size_t g : same) {
        const detail::Json m = flatten(whole["groups"][g]["metrics"])[metric];
        out << "<tr><td>" << escape(key_text(report.groups[g])) << "</td>";
        for (const auto& [field, value] : fields.items()) {
          (void)value;
          out << (m.contains(field) ? cell(m[field]) : std::string{"<td class=\"na\">–</td>"});
        }
        out << "</tr>";
      }
      out << "</table>";
    }
    out << "</div>\n";
  }
  for (const char* list : {"adoption", "cohorts", "staffing"}) {
    const detail::Json& rows = whole[list];
    if (rows.empty()) continue;
    out << "<h2>" << list << "</h2><table><tr>";
    for (const auto& [field, value] : rows[0].items()) out << "<th>" << escape(field) << "</th>";
    out << "</tr>";
    for (const auto& row : rows) {
      out << "<tr>";
      for (const auto& [field, value] : row.items()) out << cell(value);
      out << "</tr>";
    }
    out << "</table>\n";
  }
  out << "</body></html>\n";
}

}  // namespace cskpi
