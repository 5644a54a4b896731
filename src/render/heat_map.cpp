#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "render/charts.hpp"
#include "render/human_units.hpp"
#include "render/svg_writer.hpp"

namespace cskpi::detail {
namespace {

constexpr double label_w = 44;
constexpr double cell_w = 36;
constexpr double cell_h = 24;
constexpr double top = 18;
constexpr int shades = 6;
constexpr std::array<const char*, 7> weekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

[[nodiscard]] std::string cell_tooltip(const StaffingRow& row) {
  std::string text = fmt::format("{} {:02}:00: {:.1f} calls/h", weekdays[static_cast<std::size_t>(row.hour_of_week / 24)],
                                 row.hour_of_week % 24, row.calls_per_hour);
  if (row.agents) text += fmt::format(", {} agents", *row.agents);
  if (row.scheduled) text += fmt::format(", {} scheduled", *row.scheduled);
  if (row.service_level) text += ", expected service level " + human_percent(*row.service_level * 100.0);
  return text;
}

void cell(SvgWriter& svg, const StaffingRow& row, const double max) {
  const int day = row.hour_of_week / 24;
  const int hour = row.hour_of_week % 24;
  const double x = label_w + cell_w * hour;
  const double y = top + cell_h * day;
  const int shade = row.calls_per_hour <= 0.0 ? 0
                                              : 1 + std::min(shades - 2, static_cast<int>(std::floor(
                                                                             row.calls_per_hour / max * (shades - 1))));
  svg.rect(x, y, cell_w - 1, cell_h - 1, fmt::format("heat h{}", shade), cell_tooltip(row));
  if (row.agents && *row.agents > 0) {
    svg.text({x + cell_w / 2, y + 16}, fmt::format("{}", *row.agents), TextAnchor::middle,
             shade >= 4 ? "cell dark" : "cell");
  }
}

}  // namespace

std::string staffing_heat_map(const std::vector<StaffingRow>& staffing) {
  double max = 0.0;
  for (const StaffingRow& row : staffing) max = std::max(max, row.calls_per_hour);
  if (staffing.empty() || max <= 0.0) return {};
  SvgWriter svg(label_w + cell_w * 24 + 4, top + cell_h * 7 + 4,
                "Staffing: phone calls per hour and required agents by weekday and local hour");
  for (int hour = 0; hour < 24; hour += 2) {
    svg.text({label_w + cell_w * hour + cell_w / 2, top - 5}, fmt::format("{:02}", hour), TextAnchor::middle, "tick");
  }
  for (std::size_t day = 0; day < weekdays.size(); ++day) {
    svg.text({label_w - 6, top + cell_h * static_cast<double>(day) + 16}, weekdays[day], TextAnchor::end, "tick");
  }
  for (const StaffingRow& row : staffing) {
    if (row.hour_of_week >= 0 && row.hour_of_week < 168) cell(svg, row, max);
  }
  return svg.str();
}

}  // namespace cskpi::detail
