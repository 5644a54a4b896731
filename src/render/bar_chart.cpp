#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "render/charts.hpp"
#include "render/human_units.hpp"
#include "render/svg_writer.hpp"

namespace cskpi::detail {
namespace {

constexpr double label_w = 170;
constexpr double plot_w = 330;
constexpr double text_w = 270;  // value, n and target status
constexpr double row_h = 24;
constexpr double top = 18;

[[nodiscard]] double axis_max(const BarChart& chart) {
  if (chart.unit == FieldUnit::percent) return 100.0;
  double max = 0.0;
  for (const Bar& b : chart.bars) max = std::max({max, b.value.value_or(0.0), b.target.value_or(0.0)});
  return max > 0.0 ? max * 1.05 : 1.0;
}

[[nodiscard]] std::string status_text(const TargetStatus status) {
  switch (status) {
    case TargetStatus::met: return "✓ target met";
    case TargetStatus::missed: return "✗ target missed";
    case TargetStatus::undefined: return {};
  }
  return {};
}

void bar(SvgWriter& svg, const BarChart& chart, const Bar& b, const double y, const double max) {
  const auto x_of = [max](const double v) { return label_w + plot_w * std::clamp(v / max, 0.0, 1.0); };
  svg.text({label_w - 6, y + 16}, clip_label(b.label, 26), TextAnchor::end);
  svg.rect(label_w, y + 4, plot_w, row_h - 8, "track");
  std::string value_text = human_number(b.value, chart.unit);
  if (b.value) {
    svg.rect(label_w, y + 4, x_of(*b.value) - label_w, row_h - 8,
             b.status == TargetStatus::missed ? "bar missed" : "bar",
             fmt::format("{}: {}", b.label, value_text));
  }
  if (b.target) {
    const double x = x_of(*b.target);
    svg.line({x, y + 1}, {x, y + row_h - 1}, "target");
  }
  std::string note = value_text;
  if (b.n) note += "  (" + sample_size(*b.n) + ")";
  const std::string status = status_text(b.status);
  if (!status.empty()) note += "  " + status;
  svg.text({label_w + plot_w + 8, y + 16}, note, TextAnchor::start, "value");
}

}  // namespace

std::string bar_chart(const BarChart& chart) {
  if (chart.bars.empty()) return {};
  const double max = axis_max(chart);
  const double height = top + row_h * static_cast<double>(chart.bars.size()) + 22;
  SvgWriter svg(label_w + plot_w + text_w, height, chart.title);
  for (const double fraction : {0.0, 0.5, 1.0}) {
    const double x = label_w + plot_w * fraction;
    const double v = max * fraction;
    const std::string label = chart.unit == FieldUnit::count ? human_count(std::llround(v)) : human_number(v, chart.unit);
    svg.text({x, top - 6}, label, TextAnchor::middle, "tick");
  }
  double y = top;
  for (const Bar& b : chart.bars) {
    bar(svg, chart, b, y, max);
    y += row_h;
  }
  const bool has_target = std::any_of(chart.bars.begin(), chart.bars.end(), [](const Bar& b) { return b.target; });
  if (has_target) {
    svg.line({label_w, y + 10}, {label_w + 14, y + 10}, "target");
    svg.text({label_w + 20, y + 14}, "target (configured)", TextAnchor::start, "note");
  }
  return svg.str();
}

}  // namespace cskpi::detail
