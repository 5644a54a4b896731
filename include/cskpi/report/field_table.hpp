// cskpi/report/field_table.hpp: every metric field of a group's results as a flat list of
// (metric, field, unit, value), in the order of the report JSON (SPEC §4). The renderers and
// the targets read results only through it, so a new KPI needs one entry here, not one per format.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "cskpi/report/report.hpp"

namespace cskpi {

/// What a field measures, in report units (rates and shares in percent, durations in seconds).
enum class FieldUnit : unsigned char {
  count,    // a number of records, events or people
  percent,  // 0-100 (a rate or share; retention and revenue ratios can leave [0, 100])
  points,   // NPS points, -100..100
  score,    // a survey scale value: a mean score or a configured threshold on the scale
  seconds,  // a duration
  money,    // the unit of the data's costs or mrr
  ratio,    // a plain quotient, e.g. resolved per agent-day
  label,    // a text echo of the configuration (`fcr.method`, `queue.mode`)
};

[[nodiscard]] std::string_view to_string(FieldUnit unit) noexcept;

/// null (undefined or absent input), an integer, a floating-point number, or static text.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string_view>;

/// How a field sits in the JSON: most are plain values at their dotted path (`business.median_s`
/// is `{"business": {"median_s": …}}`); the two bounds of an interval (`ci95.low`, `ci95.high`)
/// are the array `"ci95": [low, high]`, or `"ci95": null` when both are null.
enum class FieldShape : unsigned char { plain, interval_low, interval_high };

struct Field {
  std::string_view metric;  // "csat"; a static string
  std::string_view name;    // "score", "business.median_s", "ci95.low"; a static string
  FieldUnit unit = FieldUnit::count;
  FieldValue value;
  FieldShape shape = FieldShape::plain;

  /// The value as a number, or nullopt when it is null or text.
  [[nodiscard]] std::optional<double> number() const noexcept;
  /// True when `path` is `metric.name` (`first_response.business.median_s`).
  [[nodiscard]] bool has_path(std::string_view path) const noexcept;
};

/// What, beyond the results, decides which fields a group has.
struct FieldContext {
  bool has_events = false;  // next_reply and the state durations appear only with interaction events

  [[nodiscard]] static FieldContext of(const Report& report) noexcept { return FieldContext{report.has_events}; }
};

using FieldVisitor = std::function<void(const Field&)>;

/// Visits every metric field of `metrics` in JSON order: volume, nps, enps, csat, ces, the
/// durations (with `business.*` when there is a business calendar), handle, fcr, reopen,
/// complaint, self_service, sla (with policies), queue, productivity, customers, attrition,
/// cost. Optional objects absent from the results are skipped.
void for_each_field(const GroupMetrics& metrics, const FieldContext& context, const FieldVisitor& visit);

/// The fields of `metrics`, in the order for_each_field visits them.
[[nodiscard]] std::vector<Field> field_table(const GroupMetrics& metrics, const FieldContext& context);

/// The field at `path` (`csat.score`), or nullptr when `fields` has none.
[[nodiscard]] const Field* find_field(const std::vector<Field>& fields, std::string_view path) noexcept;

}  // namespace cskpi
