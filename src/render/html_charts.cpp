#include <fmt/format.h>

#include <algorithm>

#include "render/charts.hpp"
#include "render/html_parts.hpp"
#include "render/human_units.hpp"
#include "render/markup.hpp"

namespace cskpi::detail {
namespace {

[[nodiscard]] bool is_hour_of_week(const GroupPart& part) {
  const auto* bucket = std::get_if<TimeBucket>(&part);
  return bucket != nullptr && *bucket == TimeBucket::hour_of_week;
}

/// The one calendar time part of a grouping (hour … year), if it has exactly one; hour_of_week
/// is a weekly profile, not a time line, and a grouping holding it is charted by none of these.
[[nodiscard]] std::optional<std::size_t> time_part(const Grouping& by) {
  if (std::any_of(by.begin(), by.end(), is_hour_of_week)) return std::nullopt;
  std::optional<std::size_t> found;
  for (std::size_t p = 0; p < by.size(); ++p) {
    if (is_time(by[p])) {
      if (found) return std::nullopt;  // two time parts: not a time series
      found = p;
    }
  }
  return found;
}

/// The first grouping with one time part and `others` other parts (one of them channel when
/// `channel` is set).
[[nodiscard]] const GroupingView* time_view(const std::vector<GroupingView>& views, const std::size_t others,
                                            const bool channel = false) {
  for (const GroupingView& v : views) {
    if (!time_part(v.by) || v.by.size() != others + 1) continue;
    const bool has_channel = std::find(v.by.begin(), v.by.end(), GroupPart{Dimension::channel}) != v.by.end();
    if (!channel || has_channel) return &v;
  }
  return nullptr;
}

/// The first grouping without a time part (the groups compared in bar charts).
[[nodiscard]] const GroupingView* label_view(const std::vector<GroupingView>& views) {
  for (const GroupingView& v : views) {
    const bool any_time = std::any_of(v.by.begin(), v.by.end(), [](const GroupPart& p) { return is_time(p); });
    if (!v.by.empty() && !any_time) return &v;
  }
  return nullptr;
}

/// What a line of a time chart shows: a field, its sample size and its interval.
struct SeriesField {
  std::string_view path;
  std::string_view n_path;        // empty: none
  std::string_view interval;      // `nps` for nps.ci95.*; empty: none
};

[[nodiscard]] ChartPoint point_of(const std::vector<Field>& fields, const SeriesField& what) {
  ChartPoint p;
  p.value = field_number(fields, what.path);
  if (!what.interval.empty()) {
    p.low = field_number(fields, fmt::format("{}.ci95.low", what.interval));
    p.high = field_number(fields, fmt::format("{}.ci95.high", what.interval));
  }
  if (!what.n_path.empty()) {
    if (const std::optional<double> n = field_number(fields, what.n_path)) p.n = static_cast<std::int64_t>(*n);
  }
  return p;
}

/// One series per value of the non-time parts, one point per time label (sorted: the labels of
/// time buckets sort chronologically).
[[nodiscard]] LineChart over_time(const GroupingView& view, const SeriesField& what, const FieldContext& context) {
  const std::size_t t = *time_part(view.by);
  LineChart chart;
  for (const Group* g : view.groups) {
    if (g->key[t]) chart.x_labels.push_back(*g->key[t]);
  }
  std::sort(chart.x_labels.begin(), chart.x_labels.end());
  chart.x_labels.erase(std::unique(chart.x_labels.begin(), chart.x_labels.end()), chart.x_labels.end());
  for (const Group* g : view.groups) {
    if (!g->key[t]) continue;
    std::vector<std::optional<std::string>> rest = g->key;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(t));
    const std::string name = key_label(rest);
    auto s = std::find_if(chart.series.begin(), chart.series.end(), [&name](const ChartSeries& c) { return c.name == name; });
    if (s == chart.series.end()) {
      chart.series.push_back(ChartSeries{name, std::vector<ChartPoint>(chart.x_labels.size())});
      s = chart.series.end() - 1;
    }
    const auto x = std::lower_bound(chart.x_labels.begin(), chart.x_labels.end(), *g->key[t]) - chart.x_labels.begin();
    s->points[static_cast<std::size_t>(x)] = point_of(field_table(g->metrics, context), what);
  }
  return chart;
}

/// Leaves out the series without a non-zero value (a null channel that only surveys have).
void drop_empty_series(LineChart& chart) {
  const auto empty = [](const ChartSeries& s) {
    return std::none_of(s.points.begin(), s.points.end(), [](const ChartPoint& p) { return p.value.value_or(0.0) != 0.0; });
  };
  chart.series.erase(std::remove_if(chart.series.begin(), chart.series.end(), empty), chart.series.end());
}

[[nodiscard]] bool any_value(const LineChart& chart) {
  return std::any_of(chart.series.begin(), chart.series.end(), [](const ChartSeries& s) {
    return std::any_of(s.points.begin(), s.points.end(), [](const ChartPoint& p) { return p.value.has_value(); });
  });
}

[[nodiscard]] std::string figure(const std::string& caption, const std::string& svg, const std::string& note = {}) {
  if (svg.empty()) return {};
  return "<figure><figcaption>" + markup_escape(caption) + "</figcaption>" + svg +
         (note.empty() ? std::string{} : "<p class=\"note\">" + markup_escape(note) + "</p>") + "</figure>\n";
}

[[nodiscard]] std::string time_charts(const std::vector<GroupingView>& views, const FieldContext& context) {
  std::string out;
  const GroupingView* volume_view = time_view(views, 1, true);
  if (volume_view == nullptr) volume_view = time_view(views, 0);
  if (volume_view == nullptr) volume_view = time_view(views, 1);
  if (volume_view != nullptr) {
    LineChart chart = over_time(*volume_view, {"volume.count", "", ""}, context);
    chart.title = "Volume over time";
    drop_empty_series(chart);
    out += figure(fmt::format("Volume over time (by {})", to_string(volume_view->by)), line_chart(chart));
  }
  const GroupingView* survey_view = time_view(views, 0);
  if (survey_view == nullptr) survey_view = time_view(views, 1);
  if (survey_view == nullptr) return out;
  const std::pair<SeriesField, const char*> surveys[] = {
      {{"nps.score", "nps.responses", "nps"}, "NPS over time (points, shaded: 95 % interval)"},
      {{"csat.score", "csat.responses", "csat"}, "CSAT over time (% satisfied, shaded: 95 % interval)"}};
  for (const auto& [what, caption] : surveys) {
    LineChart chart = over_time(*survey_view, what, context);
    chart.title = caption;
    chart.unit = what.path == "nps.score" ? FieldUnit::points : FieldUnit::percent;
    chart.from_zero = false;
    if (any_value(chart)) out += figure(caption, line_chart(chart));
  }
  return out;
}

/// The overall group, then the groups of the first label grouping.
[[nodiscard]] std::vector<const Group*> compared_groups(const Report& report, const std::vector<GroupingView>& views) {
  std::vector<const Group*> groups{&report.overall()};
  if (const GroupingView* v = label_view(views)) groups.insert(groups.end(), v->groups.begin(), v->groups.end());
  return groups;
}

[[nodiscard]] std::string resolution_chart(const std::vector<const Group*>& groups, const FieldContext& context) {
  std::vector<DurationRange> ranges;
  for (const Group* g : groups) {
    const std::vector<Field> fields = field_table(g->metrics, context);
    const std::int64_t n = static_cast<std::int64_t>(field_number(fields, "resolution.count").value_or(0.0));
    if (n == 0) continue;
    ranges.push_back(DurationRange{key_label(g->key), field_number(fields, "resolution.median_s"),
                                   field_number(fields, "resolution.p90_s"), field_number(fields, "resolution.mean_s"),
                                   n});
  }
  if (ranges.empty()) return {};
  return figure("Resolution time: median and p90 by group",
                duration_chart("Resolution time: median and p90 by group", ranges),
                "The report keeps count, mean, median and p90 per group; the bar spans 0 to p90.");
}

/// A percent field by group as bars, with the group's configured target.
struct BarField {
  std::string_view path;
  std::string_view n_path;   // the sample size
  std::string_view n_path2;  // added to it (SLA: achieved + breached); empty: none
  std::string caption;
};

[[nodiscard]] std::string bars_of(const Report& report, const std::vector<const Group*>& groups, const BarField& what,
                                  const FieldContext& context) {
  BarChart chart{what.caption, FieldUnit::percent, {}};
  for (const Group* g : groups) {
    const std::vector<Field> fields = field_table(g->metrics, context);
    double n = field_number(fields, what.n_path).value_or(0.0);
    if (!what.n_path2.empty()) n += field_number(fields, what.n_path2).value_or(0.0);
    if (n <= 0.0) continue;
    Bar bar{key_label(g->key), field_number(fields, what.path), static_cast<std::int64_t>(n), std::nullopt,
            TargetStatus::undefined};
    if (const TargetResult* t = target_of(report, *g, what.path)) {
      bar.target = t->target.min ? t->target.min : t->target.max;
      bar.status = t->status;
    }
    chart.bars.push_back(std::move(bar));
  }
  return figure(what.caption, bar_chart(chart));
}

[[nodiscard]] std::string service_level_caption(const Report& report, const FieldContext& context) {
  const std::vector<Field> fields = field_table(report.overall().metrics, context);
  const std::optional<double> threshold = field_number(fields, "queue.threshold_s");
  const Field* mode = find_field(fields, "queue.mode");
  std::string caption = "Service level by group";
  if (threshold) caption += ": answered within " + human_duration(*threshold);
  if (mode != nullptr) caption += " (" + human_value(mode->value, mode->unit) + ")";
  return caption;
}

[[nodiscard]] std::string group_charts(const Report& report, const std::vector<GroupingView>& views,
                                       const FieldContext& context) {
  const std::vector<const Group*> groups = compared_groups(report, views);
  std::string out = resolution_chart(groups, context);
  out += bars_of(report, groups,
                 {"sla.first_response.compliance", "sla.first_response.achieved", "sla.first_response.breached",
                  "SLA compliance, first response, by group"},
                 context);
  out += bars_of(report, groups,
                 {"sla.resolution.compliance", "sla.resolution.achieved", "sla.resolution.breached",
                  "SLA compliance, resolution, by group"},
                 context);
  out += bars_of(report, groups, {"queue.service_level", "queue.offered", "", service_level_caption(report, context)},
                 context);
  return out;
}

}  // namespace

std::string chart_section(const Report& report, const std::vector<GroupingView>& views, const FieldContext& context) {
  std::string out = time_charts(views, context) + group_charts(report, views, context);
  const std::string heat = staffing_heat_map(report.staffing);
  if (!heat.empty()) {
    out += figure("Staffing plan: phone calls per local hour (shade) and agents required (number)", heat,
                  "Weekday × hour in the reporting zone; hover a cell for calls per hour, scheduled agents and the "
                  "expected service level.");
  }
  if (out.empty()) return {};
  return "<section class=\"charts\"><h2>Charts</h2>\n" + out + "</section>\n";
}

}  // namespace cskpi::detail
