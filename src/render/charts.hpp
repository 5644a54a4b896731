// Private: the charts of the HTML report, each drawn with SvgWriter from plain values (the
// page extracts them from the report). One chart per source file: line_chart.cpp,
// bar_chart.cpp, duration_chart.cpp, heat_map.cpp. Every chart labels its values in text, and
// its series differ by dash pattern and label, so nothing depends on colour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/report/field_table.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// One value of a series, with its 95 % interval and sample size when it has them.
struct ChartPoint {
  std::optional<double> value;
  std::optional<double> low;
  std::optional<double> high;
  std::optional<std::int64_t> n;
};

struct ChartSeries {
  std::string name;
  std::vector<ChartPoint> points;  // one per x label
};

/// Values over time: one line per series (dash patterns s0…s5), the intervals as bands, the
/// series named at their last point; `n` under the axis when there is a single series.
struct LineChart {
  std::string title;
  FieldUnit unit = FieldUnit::count;
  std::vector<std::string> x_labels;
  std::vector<ChartSeries> series;
  bool from_zero = true;  // the y axis starts at 0 (volumes); else it fits the data (NPS, CSAT)
};

[[nodiscard]] std::string line_chart(const LineChart& chart);

/// A horizontal bar per group with its value and n printed, and the group's target (a bound
/// of Report::targets) as a tick across the bar.
struct Bar {
  std::string label;
  std::optional<double> value;
  std::optional<std::int64_t> n;
  std::optional<double> target;
  TargetStatus status = TargetStatus::undefined;
};

struct BarChart {
  std::string title;
  FieldUnit unit = FieldUnit::percent;
  std::vector<Bar> bars;
};

[[nodiscard]] std::string bar_chart(const BarChart& chart);

/// A duration distribution per group as the report summarises it: a bar to the p90, the
/// median marked on it, the mean as a dot (SPEC §4 keeps count, mean, median and p90 only).
struct DurationRange {
  std::string label;
  std::optional<double> median_s;
  std::optional<double> p90_s;
  std::optional<double> mean_s;
  std::int64_t n = 0;
};

[[nodiscard]] std::string duration_chart(const std::string& title, const std::vector<DurationRange>& ranges);

/// The staffing plan as weekday × local hour cells: the shade is the calls per hour, the text
/// the required agents (Erlang C), so the grid reads without colour.
[[nodiscard]] std::string staffing_heat_map(const std::vector<StaffingRow>& staffing);

}  // namespace cskpi::detail
