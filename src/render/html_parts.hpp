// Private: the parts of the HTML report (render/html.cpp assembles them): headline tiles
// (html_tiles.cpp), charts from the groups (html_charts.cpp), one table per grouping
// (html_tables.cpp). Each returns HTML with every label escaped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/report/field_table.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::detail {

/// The groups of one grouping, in report order (the overall group is a grouping of its own).
struct GroupingView {
  Grouping by;
  std::vector<const Group*> groups;
};

[[nodiscard]] std::vector<GroupingView> grouping_views(const Report& report);

/// `chat / 2026-03`; `all` for the overall group; `(none)` for a null key part.
[[nodiscard]] std::string key_label(const std::vector<std::optional<std::string>>& key);

/// A number of a group by field path (`csat.score`), nullopt when absent or null.
[[nodiscard]] std::optional<double> field_number(const std::vector<Field>& fields, std::string_view path);

/// The configured target results of one group for one metric field (`csat.score`).
[[nodiscard]] const TargetResult* target_of(const Report& report, const Group& group, std::string_view path);

/// The headline tiles of the overall group, with target status (and the trend hook).
[[nodiscard]] std::string headline_tiles(const Report& report, const FieldContext& context);

/// The configuration echoes that change how numbers read (FCR method, SL threshold and mode…).
[[nodiscard]] std::string settings_note(const Report& report, const FieldContext& context);

/// The charts: volume, NPS and CSAT over time, resolution times, SLA and service level by group,
/// the staffing heat map; each only when the report has its data.
[[nodiscard]] std::string chart_section(const Report& report, const std::vector<GroupingView>& views,
                                        const FieldContext& context);

/// One table of a grouping: key columns, then each metric with data as a column group.
[[nodiscard]] std::string grouping_table(const GroupingView& view, const FieldContext& context);

/// The human name of a grouping part or metric (`first_response` → `First response`).
[[nodiscard]] std::string metric_title(std::string_view metric);

}  // namespace cskpi::detail
