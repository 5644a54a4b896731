// cskpi/render/render.hpp: a computed report in one of the formats of SPEC §4, chosen by name.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "cskpi/render/csv.hpp"
#include "cskpi/render/html.hpp"
#include "cskpi/render/json.hpp"
#include "cskpi/render/text.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi {

enum class ReportFormat : unsigned char { text, json, csv, html };

[[nodiscard]] std::optional<ReportFormat> parse_report_format(std::string_view name) noexcept;

void render(std::ostream& out, const Report& report, ReportFormat format);

}  // namespace cskpi
