#include "field_columns.hpp"

#include <string_view>
#include <variant>

#include "cskpi/report/field_table.hpp"
#include "cskpi/report/grouping.hpp"

namespace cskpi::python {
namespace {

GroupLabels labels_of(const Group& g) {
  GroupLabels labels;
  for (const GroupPart& part : g.by) labels.by.emplace_back(to_string(part));
  labels.key = g.key;
  return labels;
}

void add_row(FieldColumns& columns, std::uint32_t group, const Field& f) {
  columns.group.push_back(group);
  columns.metric.emplace_back(f.metric);
  columns.field.emplace_back(f.name);
  columns.unit.emplace_back(to_string(f.unit));
  columns.value.push_back(f.number());
  const auto* text = std::get_if<std::string_view>(&f.value);
  columns.text.push_back(text ? std::optional<std::string>{std::string{*text}} : std::nullopt);
}

}  // namespace

FieldColumns field_columns(const Report& report) {
  FieldColumns columns;
  const FieldContext context = FieldContext::of(report);
  for (const Group& g : report.groups) {
    const auto index = static_cast<std::uint32_t>(columns.groups.size());
    columns.groups.push_back(labels_of(g));
    for_each_field(g.metrics, context, [&](const Field& f) { add_row(columns, index, f); });
  }
  return columns;
}

}  // namespace cskpi::python
