#include <fmt/format.h>

#include <string>
#include <vector>

#include "cskpi/render/html.hpp"
#include "cskpi/report/field_table.hpp"
#include "render/html_parts.hpp"
#include "render/human_units.hpp"
#include "render/markup.hpp"
#include "render/report_json.hpp"

namespace cskpi {
namespace {

using detail::markup_escape;

constexpr const char* style = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.5em 2em;max-width:1200px;color:#1d1d1d;background:#fff}
h1{margin:.2em 0}h2{margin-top:1.8em;border-bottom:2px solid #ddd;padding-bottom:.2em}
.meta,.settings,.note{color:#4a4a4a;font-size:13px}
.guardrails{border:2px solid #1d1d1d;border-left-width:8px;padding:.5em 1em;margin:1em 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin:1em 0}
.tile{border:1px solid #bbb;border-radius:6px;padding:10px 12px}
.tile h3{font-size:13px;font-weight:600;margin:0;color:#444}
.tile .value{font-size:26px;font-weight:700;margin:.2em 0 0}.tile .ci{font-size:15px;font-weight:400}
.tile .sub,.tile .trend{font-size:12px;color:#555;margin:.1em 0}
.tile-target{font-size:12px;margin:.3em 0 0;padding:1px 6px;border-radius:3px;display:inline-block}
.tile-target.met{border:1px solid #2e6b30}.tile-target.missed{border:2px dashed #a01c1c;font-weight:700}
figure{margin:1.2em 0}figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
svg{max-width:100%;height:auto;font-size:11px}svg text{fill:#1d1d1d}svg .tick,svg .note{fill:#555}
.grid{stroke:#ddd;stroke-width:1}
.series{fill:none;stroke-width:2}.marker{stroke-width:1.5}
.s0{stroke:#1f4e79}.s1{stroke:#b35806;stroke-dasharray:7 3}.s2{stroke:#2d7a2d;stroke-dasharray:2 3}
.s3{stroke:#6a3d9a;stroke-dasharray:9 3 2 3}.s4{stroke:#333;stroke-dasharray:14 4}.s5{stroke:#8c2d04;stroke-dasharray:1 3;stroke-linecap:round}
.marker.s0{fill:#1f4e79}.marker.s1{fill:#fff}.marker.s2{fill:#2d7a2d}.marker.s3{fill:#fff}.marker.s4{fill:#333}.marker.s5{fill:#fff}
.band{stroke:none;fill:#1f4e79;fill-opacity:.13}.band.s1{fill:#b35806}.band.s2{fill:#2d7a2d}.band.s3{fill:#6a3d9a}
.whisker{stroke-width:6;stroke-opacity:.25;stroke-dasharray:none}
.track{fill:#f1f1f1}.bar{fill:#4a6f94}.bar.missed{fill:#9a9a9a;stroke:#a01c1c;stroke-width:1.5;stroke-dasharray:4 2}
svg line.target{stroke:#111;stroke-width:2.5;stroke-dasharray:3 2}
.range{fill:#a9bcd0}.median{stroke:#111;stroke-width:3}.p90{stroke:#111;stroke-width:1.5;stroke-dasharray:3 2}.mean{fill:#fff;stroke:#111;stroke-width:1.5}
.heat{stroke:none}.h0{fill:#fafafa}.h1{fill:#dde6ef}.h2{fill:#b6c8da}.h3{fill:#86a3c0}.h4{fill:#4f769d}.h5{fill:#1f4e79}
svg text.cell{font-size:10px}svg text.cell.dark{fill:#fff}
.scroll{overflow-x:auto;max-width:100%;margin:.5em 0 1.5em;border:1px solid #ddd}
table{border-collapse:collapse;font-size:13px;white-space:nowrap}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f2f2f2;font-weight:600}
th.metric{text-align:center;border-bottom:2px solid #999}
.key{text-align:left;position:sticky;left:0;background:#fff}th.key{background:#f2f2f2}
.na{color:#888}td.list{text-align:left}
@media print{.scroll{overflow:visible}}
)";

/// HOOK(guardrails): the SPEC v3 guardrail warnings, first on the page. When Report carries
/// its guardrails list, render each flagged one here as a `<li>` (escaped) inside
/// `<section class="guardrails" role="alert">`; the stylesheet already has the box.
[[nodiscard]] std::string guardrail_warnings(const Report& /*report*/) { return {}; }

[[nodiscard]] std::string page_header(const Report& report) {
  const ReportPeriod& p = report.period;
  const detail::ReportClock clock(p.time_zone);
  std::string out = "<header><h1>Customer service report</h1>";
  out += fmt::format("<p class=\"meta\">{} to {} · as of {} · zone {} · attributed by {}</p>",
                     markup_escape(clock.format(p.from)), markup_escape(clock.format(p.to)),
                     markup_escape(clock.format(p.as_of)), markup_escape(p.time_zone),
                     markup_escape(to_string(p.attribution)));
  std::string inputs;
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = report.inputs[t];
    if (c.read() == 0) continue;
    inputs += fmt::format("{}{} {} ({} rejected)", inputs.empty() ? "" : " · ",
                          detail::human_count(static_cast<std::int64_t>(c.accepted)),
                          plural(static_cast<RecordType>(t)), detail::human_count(static_cast<std::int64_t>(c.rejected)));
  }
  if (!inputs.empty()) out += "<p class=\"meta\">Inputs: " + markup_escape(inputs) + "</p>";
  return out + "</header>\n";
}

[[nodiscard]] std::string heading_of(const Grouping& by) {
  return by.empty() ? std::string{"Overall"} : "By " + markup_escape(to_string(by));
}

[[nodiscard]] std::string list_value(const detail::Json& v) {
  if (v.is_null()) return detail::undefined_text;
  if (v.is_number_integer()) return detail::human_count(v.get<std::int64_t>());
  if (v.is_number()) return fmt::format("{:.1f}", v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const detail::Json& item : v) out += (out.empty() ? "" : ", ") + list_value(item);
    return out;
  }
  return v.dump();
}

[[nodiscard]] std::string list_cell(const detail::Json& v) {
  if (v.is_null()) return "<td class=\"na\">—</td>";
  if (v.is_array()) return "<td class=\"list\">" + markup_escape(list_value(v)) + "</td>";
  if (v.is_number_integer()) return "<td>" + detail::human_count(v.get<std::int64_t>()) + "</td>";
  if (v.is_number()) return fmt::format("<td>{:.2f}</td>", v.get<double>());
  if (v.is_string()) return "<td>" + markup_escape(v.get<std::string>()) + "</td>";
  return "<td>" + markup_escape(v.dump()) + "</td>";
}

/// The report-wide lists other than staffing (drawn as the heat map): adoption and cohorts.
[[nodiscard]] std::string report_lists(const Report& report) {
  const std::pair<const char*, detail::Json> lists[] = {{"Adoption", detail::adoption_json(report)},
                                                        {"Cohorts", detail::cohorts_json(report)}};
  std::string out;
  for (const auto& [title, rows] : lists) {
    if (rows.empty()) continue;
    out += fmt::format("<h2>{}</h2><div class=\"scroll\"><table><thead><tr>", title);
    for (const auto& [field, value] : rows[0].items()) {
      out += "<th>" + markup_escape(detail::metric_title(field)) + "</th>";
    }
    out += "</tr></thead><tbody>";
    for (const auto& row : rows) {
      out += "<tr>";
      for (const auto& [field, value] : row.items()) out += list_cell(value);
      out += "</tr>";
    }
    out += "</tbody></table></div>\n";
  }
  return out;
}

}  // namespace

void render_html(std::ostream& out, const Report& report) {
  const FieldContext context = FieldContext::of(report);
  const std::vector<detail::GroupingView> views = detail::grouping_views(report);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>cskpi report</title><style>"
      << style << "</style></head><body>\n";
  out << page_header(report) << guardrail_warnings(report) << detail::headline_tiles(report, context)
      << detail::settings_note(report, context) << detail::chart_section(report, views, context);
  for (const detail::GroupingView& view : views) {
    out << "<h2>" << heading_of(view.by) << "</h2>\n" << detail::grouping_table(view, context);
  }
  out << report_lists(report) << "</body></html>\n";
}

}  // namespace cskpi
