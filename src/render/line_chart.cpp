#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/charts.hpp"
#include "render/human_units.hpp"
#include "render/svg_writer.hpp"

namespace cskpi::detail {
namespace {

constexpr double width = 660;
constexpr double left = 64;
constexpr double right = 120;  // room for the series names
constexpr double top = 12;
constexpr double plot_h = 190;
constexpr std::size_t dash_styles = 6;
constexpr double inf = std::numeric_limits<double>::infinity();

struct YScale {
  double low = 0.0;
  double high = 1.0;
  [[nodiscard]] double y(const double v) const { return top + plot_h * (1.0 - (v - low) / (high - low)); }
};

[[nodiscard]] YScale fit(const LineChart& chart) {
  double low = chart.from_zero ? 0.0 : inf;
  double high = -inf;
  for (const ChartSeries& s : chart.series) {
    for (const ChartPoint& p : s.points) {
      for (const std::optional<double>& v : {p.value, p.low, p.high}) {
        if (v) {
          low = std::min(low, *v);
          high = std::max(high, *v);
        }
      }
    }
  }
  if (!std::isfinite(low) || !std::isfinite(high)) return {};
  const double pad = high > low ? (high - low) * 0.08 : std::max(1.0, std::abs(high) * 0.1);
  YScale scale{chart.from_zero ? low : low - pad, high + pad};
  if (chart.unit == FieldUnit::percent) {  // an interval never leaves the scale's range
    scale = YScale{std::max(scale.low, 0.0), std::min(scale.high, 100.0)};
  } else if (chart.unit == FieldUnit::points) {
    scale = YScale{std::max(scale.low, -100.0), std::min(scale.high, 100.0)};
  }
  return scale;
}

[[nodiscard]] double x_of(const std::size_t i, const std::size_t count) {
  return left + (width - left - right) * (static_cast<double>(i) + 0.5) / static_cast<double>(count);
}

void axes(SvgWriter& svg, const LineChart& chart, const YScale& scale) {
  constexpr int ticks = 4;
  for (int t = 0; t <= ticks; ++t) {
    const double v = scale.low + (scale.high - scale.low) * t / ticks;
    const double y = scale.y(v);
    svg.line({left, y}, {width - right, y}, "grid");
    const std::string label = chart.unit == FieldUnit::count ? human_count(std::llround(v)) : human_number(v, chart.unit);
    svg.text({left - 6, y + 4}, label, TextAnchor::end, "tick");
  }
  const std::size_t count = chart.x_labels.size();
  // Every label, or every k-th one when they would overlap (about 6.5 px a character).
  std::size_t widest = 6;  // `n = 95`
  for (const std::string& label : chart.x_labels) widest = std::max(widest, label.size());
  const double spacing = (width - left - right) / static_cast<double>(count);
  const auto every = static_cast<std::size_t>(std::ceil((static_cast<double>(widest) * 6.5 + 8.0) / spacing));
  const bool show_n = chart.series.size() == 1;
  for (std::size_t i = 0; i < count; i += std::max<std::size_t>(1, every)) {
    const double x = x_of(i, count);
    svg.text({x, top + plot_h + 16}, chart.x_labels[i], TextAnchor::middle, "tick");
    if (show_n && chart.series[0].points[i].n) {
      svg.text({x, top + plot_h + 30}, sample_size(*chart.series[0].points[i].n), TextAnchor::middle, "note");
    }
  }
}

/// The runs of consecutive points where `has` holds (a gap breaks a line and a band).
template <class Has>
std::vector<std::vector<std::size_t>> runs(const std::vector<ChartPoint>& points, Has has) {
  std::vector<std::vector<std::size_t>> out(1);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (has(points[i])) {
      out.back().push_back(i);
    } else if (!out.back().empty()) {
      out.emplace_back();
    }
  }
  return out;
}

void band(SvgWriter& svg, const ChartSeries& s, const std::size_t style, const YScale& scale) {
  const std::size_t count = s.points.size();
  for (const auto& run : runs(s.points, [](const ChartPoint& p) { return p.low && p.high; })) {
    if (run.empty()) continue;
    std::vector<SvgPoint> outline;
    for (const std::size_t i : run) outline.push_back({x_of(i, count), scale.y(*s.points[i].low)});
    for (auto i = run.rbegin(); i != run.rend(); ++i) outline.push_back({x_of(*i, count), scale.y(*s.points[*i].high)});
    if (run.size() == 1) {  // a lone point: an interval bar
      svg.line(outline[0], outline[1], fmt::format("whisker s{}", style));
    } else {
      svg.polygon(outline, fmt::format("band s{}", style));
    }
  }
}

[[nodiscard]] std::string tooltip(const std::string& x_label, const ChartPoint& p, const FieldUnit unit) {
  std::string text = x_label + ": " + human_number(p.value, unit);
  if (p.low && p.high) text += fmt::format(" (95 % interval {} to {})", human_number(p.low, unit), human_number(p.high, unit));
  if (p.n) text += ", " + sample_size(*p.n);
  return text;
}

/// Draws a series and returns the y of its last point (for its name), if it has one.
std::optional<double> series(SvgWriter& svg, const LineChart& chart, const ChartSeries& s, const std::size_t style,
                             const YScale& scale) {
  const std::size_t count = s.points.size();
  std::optional<double> last;
  for (const auto& run : runs(s.points, [](const ChartPoint& p) { return p.value.has_value(); })) {
    std::vector<SvgPoint> line;
    for (const std::size_t i : run) line.push_back({x_of(i, count), scale.y(*s.points[i].value)});
    svg.polyline(line, fmt::format("series s{}", style));
    for (const std::size_t i : run) {
      svg.circle({x_of(i, count), scale.y(*s.points[i].value)}, 3, fmt::format("marker s{}", style),
                 tooltip(s.name + ", " + chart.x_labels[i], s.points[i], chart.unit));
    }
    if (!line.empty()) last = line.back().y;
  }
  return last;
}

/// Series names at the right, pushed apart so they do not overlap.
void names(SvgWriter& svg, std::vector<std::pair<double, std::string>> labels) {
  std::sort(labels.begin(), labels.end());
  double previous = -inf;
  for (auto& [y, name] : labels) {
    y = std::max(y + 4, previous + 13);
    previous = y;
    svg.text({width - right + 8, y}, clip_label(name, 18), TextAnchor::start, "series-name");
  }
}

}  // namespace

std::string line_chart(const LineChart& chart) {
  const double height = top + plot_h + 40;
  SvgWriter svg(width, height, chart.title);
  if (chart.x_labels.empty() || chart.series.empty()) return {};
  const YScale scale = fit(chart);
  axes(svg, chart, scale);
  for (std::size_t s = 0; s < chart.series.size(); ++s) band(svg, chart.series[s], s % dash_styles, scale);
  std::vector<std::pair<double, std::string>> labels;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const std::optional<double> last = series(svg, chart, chart.series[s], s % dash_styles, scale);
    if (last) labels.emplace_back(*last, chart.series[s].name);
  }
  if (chart.series.size() > 1 || chart.series[0].name != "all") names(svg, std::move(labels));
  return svg.str();
}

}  // namespace cskpi::detail
