#include <fmt/format.h>

#include <algorithm>

#include "render/charts.hpp"
#include "render/human_units.hpp"
#include "render/svg_writer.hpp"

namespace cskpi::detail {
namespace {

constexpr double label_w = 170;
constexpr double plot_w = 330;
constexpr double text_w = 310;
constexpr double row_h = 26;
constexpr double top = 18;

void range(SvgWriter& svg, const DurationRange& r, const double y, const double max) {
  const auto x_of = [max](const double v) { return label_w + plot_w * std::clamp(v / max, 0.0, 1.0); };
  svg.text({label_w - 6, y + 17}, clip_label(r.label, 26), TextAnchor::end);
  if (r.p90_s) {
    svg.rect(label_w, y + 6, x_of(*r.p90_s) - label_w, row_h - 12, "range",
             fmt::format("{}: 90 % within {}", r.label, human_duration(*r.p90_s)));
    svg.line({x_of(*r.p90_s), y + 2}, {x_of(*r.p90_s), y + row_h - 2}, "p90");
  }
  if (r.median_s) svg.line({x_of(*r.median_s), y + 2}, {x_of(*r.median_s), y + row_h - 2}, "median");
  if (r.mean_s) svg.circle({x_of(*r.mean_s), y + row_h / 2}, 3.5, "mean", "mean " + human_duration(*r.mean_s));
  const std::string note =
      r.median_s ? fmt::format("median {} · p90 {}  ({})", human_duration(*r.median_s),
                               r.p90_s ? human_duration(*r.p90_s) : undefined_text, sample_size(r.n))
                 : std::string{undefined_text};
  svg.text({label_w + plot_w + 8, y + 17}, note, TextAnchor::start, "value");
}

void legend(SvgWriter& svg, const double y) {
  svg.rect(label_w, y + 4, 24, 10, "range");
  svg.text({label_w + 30, y + 13}, "0 to p90", TextAnchor::start, "note");
  svg.line({label_w + 100, y + 2}, {label_w + 100, y + 16}, "median");
  svg.text({label_w + 106, y + 13}, "median", TextAnchor::start, "note");
  svg.circle({label_w + 170, y + 9}, 3.5, "mean");
  svg.text({label_w + 178, y + 13}, "mean", TextAnchor::start, "note");
}

}  // namespace

std::string duration_chart(const std::string& title, const std::vector<DurationRange>& ranges) {
  double max = 0.0;
  for (const DurationRange& r : ranges) max = std::max({max, r.p90_s.value_or(0.0), r.mean_s.value_or(0.0)});
  if (ranges.empty() || max <= 0.0) return {};
  max *= 1.05;
  SvgWriter svg(label_w + plot_w + text_w, top + row_h * static_cast<double>(ranges.size()) + 26, title);
  for (const double fraction : {0.0, 0.5, 1.0}) {
    svg.text({label_w + plot_w * fraction, top - 6}, human_duration(max * fraction), TextAnchor::middle, "tick");
  }
  double y = top;
  for (const DurationRange& r : ranges) {
    range(svg, r, y, max);
    y += row_h;
  }
  legend(svg, y + 4);
  return svg.str();
}

}  // namespace cskpi::detail
