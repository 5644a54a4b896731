#include "cskpi/render/render.hpp"

namespace cskpi {

std::optional<ReportFormat> parse_report_format(std::string_view name) noexcept {
  if (name == "text") return ReportFormat::text;
  if (name == "json") return ReportFormat::json;
  if (name == "csv") return ReportFormat::csv;
  if (name == "html") return ReportFormat::html;
  return std::nullopt;
}

void render(std::ostream& out, const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::text: render_text(out, report); return;
    case ReportFormat::json: render_json(out, report); return;
    case ReportFormat::csv: render_csv(out, report); return;
    case ReportFormat::html: render_html(out, report); return;
  }
}

}  // namespace cskpi
