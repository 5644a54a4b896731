// cskpi/report/render.hpp: a computed report as JSON (SPEC §4, `cskpi.report/1`), as a
// terminal dashboard, as CSV (one row per group x metric field) or as an HTML page.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "cskpi/report/report.hpp"

namespace cskpi {

enum class ReportFormat : unsigned char { text, json, csv, html };

[[nodiscard]] std::optional<ReportFormat> parse_report_format(std::string_view name) noexcept;

/// The JSON document of SPEC §4, pretty-printed with a trailing newline. Rates and shares
/// in percent, durations in seconds, undefined values as null.
void render_json(std::ostream& out, const Report& report);

/// CSV `by,key,metric,field,value`: one row per group and metric field, in the order of the
/// JSON (nested objects as `business.mean_s`, intervals as `ci95.low` / `ci95.high`; null as empty).
void render_csv(std::ostream& out, const Report& report);

/// A readable terminal dashboard: the period and inputs, then one aligned table per grouping.
void render_text(std::ostream& out, const Report& report);

/// A self-contained HTML page: the period and inputs, bar charts (inline SVG) of volume, NPS
/// and CSAT per group, and one table per metric object; no scripts, no external resources.
void render_html(std::ostream& out, const Report& report);

void render(std::ostream& out, const Report& report, ReportFormat format);

}  // namespace cskpi
