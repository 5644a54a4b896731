#include <fmt/format.h>

#include <algorithm>

#include "render/html_parts.hpp"
#include "render/human_units.hpp"
#include "render/markup.hpp"

namespace cskpi::detail {
namespace {

/// A headline tile: a field of the overall group, its sample-size field, and whether it has a
/// 95 % interval (`<metric>.ci95`).
struct TileSpec {
  const char* title;
  const char* path;
  const char* n_path;  // nullptr: no sample size shown
  const char* interval_metric;  // nullptr: no interval
};

constexpr TileSpec tile_specs[] = {
    {"Volume", "volume.count", nullptr, nullptr},
    {"NPS", "nps.score", "nps.responses", "nps"},
    {"CSAT", "csat.score", "csat.responses", "csat"},
    {"First-contact resolution", "fcr.rate", "fcr.resolved", nullptr},
    {"First response, median", "first_response.median_s", "first_response.count", nullptr},
    {"SLA compliance, first response", "sla.first_response.compliance", nullptr, nullptr},
    {"Service level", "queue.service_level", "queue.offered", nullptr},
    {"Abandon rate", "queue.abandon_rate", "queue.offered", nullptr},
};

[[nodiscard]] const Field* field_at(const std::vector<Field>& fields, const char* path) {
  return path == nullptr ? nullptr : find_field(fields, path);
}

/// HOOK(trends): the trend arrow of a tile. When Report carries the SPEC v3 §4 `trend` of a
/// group's field, return here `▲ +2.1 *` / `▼ -3.0` (the change in the field's unit, `*` when
/// significant, with the p-value as a title) for `path` of the overall group; the tile prints
/// whatever this returns in its trend slot. Until then a tile has no trend.
[[nodiscard]] std::string trend_badge(const Report& /*report*/, std::string_view /*path*/) { return {}; }

[[nodiscard]] std::string target_line(const TargetResult* target, const FieldUnit unit) {
  if (target == nullptr) return {};
  std::string bounds;
  if (target->target.min) bounds += "≥ " + human_number(target->target.min, unit);
  if (target->target.max) bounds += (bounds.empty() ? "≤ " : ", ≤ ") + human_number(target->target.max, unit);
  const char* status = target->status == TargetStatus::met      ? "✓ met"
                       : target->status == TargetStatus::missed ? "✗ missed"
                                                                : "undefined";
  return fmt::format("<p class=\"tile-target {}\">target {}: {}</p>", to_string(target->status), markup_escape(bounds),
                     status);
}

/// `± 6.6 (95 %)`: the larger distance from the value to a bound of its 95 % interval.
[[nodiscard]] std::string interval_text(const std::vector<Field>& fields, const TileSpec& spec, const double value) {
  if (spec.interval_metric == nullptr) return {};
  const std::string metric{spec.interval_metric};
  const std::optional<double> low = field_number(fields, metric + ".ci95.low");
  const std::optional<double> high = field_number(fields, metric + ".ci95.high");
  if (!low || !high) return {};
  return fmt::format("± {:.1f} (95 %)", std::max(value - *low, *high - value));
}

[[nodiscard]] std::string tile(const Report& report, const std::vector<Field>& fields, const TileSpec& spec) {
  const Field* field = field_at(fields, spec.path);
  const std::optional<double> value = field ? field->number() : std::nullopt;
  if (!value) return {};  // inputs absent: no tile (docs/html-report.md)
  std::string sub = interval_text(fields, spec, *value);
  if (const Field* n = field_at(fields, spec.n_path); n && n->number()) {
    sub += (sub.empty() ? "" : " · ") + sample_size(static_cast<std::int64_t>(*n->number()));
  }
  const std::string trend = trend_badge(report, spec.path);
  return fmt::format(
      "<div class=\"tile\"><h3>{}</h3><p class=\"value\">{}</p><p class=\"sub\">{}</p>{}{}</div>",
      markup_escape(spec.title), markup_escape(human_value(field->value, field->unit)),
      markup_escape(sub),
      trend.empty() ? std::string{} : "<p class=\"trend\">" + markup_escape(trend) + "</p>",
      target_line(target_of(report, report.overall(), spec.path), field->unit));
}

}  // namespace

std::string headline_tiles(const Report& report, const FieldContext& context) {
  const std::vector<Field> fields = field_table(report.overall().metrics, context);
  std::string out = "<section class=\"tiles\" aria-label=\"Headline figures\">";
  for (const TileSpec& spec : tile_specs) out += tile(report, fields, spec);
  return out + "</section>\n";
}

}  // namespace cskpi::detail
