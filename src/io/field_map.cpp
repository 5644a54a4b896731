#include "io/field_map.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "io/record_scan.hpp"

namespace cskpi::detail {

FieldMap::FieldMap(RecordType type, const FieldMapping& mapping, const CustomNames& custom)
    : type_(type), count_(field_names(type).size()),
      custom_count_(carries_custom(type) ? std::min(custom.size(), max_custom_dimensions) : 0),
      identity_(mapping.empty() && custom_count_ == 0) {
  const auto own = field_names(type);
  for (std::size_t i = 0; i < count_; ++i) names_[i] = std::string{own[i]};
  for (std::size_t k = 0; k < custom_count_; ++k) names_[first_custom_slot + k] = custom[k];
  for (const auto& [field, source] : mapping) {
    const auto slot = field_slot(type, field, &custom);
    if (!slot) continue;  // validate() refuses it
    mapped_[*slot] = true;
    if (source.constant) {
      names_[*slot].clear();
      constants_.push_back(Constant{*slot, *source.constant});
    } else {
      names_[*slot] = source.column;
    }
  }
}

const FieldMap& identity_map(RecordType type) noexcept {
  static const std::array<FieldMap, record_type_count> maps = {
      FieldMap(RecordType::interaction, {}), FieldMap(RecordType::interaction_event, {}),
      FieldMap(RecordType::survey, {}), FieldMap(RecordType::customer_event, {}),
      FieldMap(RecordType::agent_event, {})};
  return maps[static_cast<std::size_t>(type)];
}

std::vector<std::string> FieldMap::names() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count_; ++i) {
    if (!names_[i].empty()) out.push_back(names_[i]);
  }
  for (std::size_t i = first_custom_slot; i < first_custom_slot + custom_count_; ++i) {
    if (!names_[i].empty()) out.push_back(names_[i]);
  }
  return out;
}

HeaderCheck check_header(const FieldMap& fields, const std::vector<std::string_view>& columns) {
  HeaderCheck out;
  out.plan.fields = &fields;
  out.plan.slots.assign(columns.size(), max_fields);
  std::array<bool, max_fields> seen{};
  std::vector<std::string> unknown_columns;
  for (std::size_t col = 0; col < columns.size(); ++col) {
    const auto slot = fields.slot(columns[col]);
    if (!slot) {
      if (!columns[col].empty()) unknown_columns.emplace_back(columns[col]);
      continue;
    }
    if (seen[*slot]) {
      out.problem = fmt::format("the header repeats the column {}", columns[col]);
      return out;
    }
    seen[*slot] = true;
    out.plan.slots[col] = *slot;
    ++out.known;
  }
  const auto own = field_names(fields.type());
  std::vector<std::string> missing;
  for (std::size_t s = 0; s < fields.field_count(); ++s) {
    if (seen[s] || !is_required_field(fields.type(), own[s]) || fields.name(s).empty()) continue;
    if (fields.type() == RecordType::survey && own[s] == "id" && !fields.mapped(s)) {
      out.plan.synthesize_id = true;  // SPEC §8: FILE:LINE
      continue;
    }
    std::string m = fmt::format("no column {}", fields.name(s));
    if (fields.mapped(s)) m += fmt::format(" (the column of {} in the config's columns)", own[s]);
    if (const auto near = closest_name(fields.name(s), unknown_columns)) m += fmt::format(" (did you mean {}?)", *near);
    missing.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < missing.size(); ++i) out.problem += (i == 0 ? "" : "; ") + missing[i];
  std::vector<std::string> absent;  // names no column of the header has: what a misspelling meant
  for (std::size_t s = 0; s < fields.field_count(); ++s) {
    if (!seen[s] && !fields.name(s).empty()) absent.emplace_back(fields.name(s));
  }
  for (const std::string& c : unknown_columns) {
    const auto own_slot = field_slot(fields.type(), c);
    if (own_slot && fields.mapped(*own_slot)) {  // cskpi's name of a field the config maps elsewhere
      out.unknown.push_back(fields.name(*own_slot).empty()
                                ? fmt::format("{} (the config's columns give {} a constant)", c, c)
                                : fmt::format("{} (the config's columns read {} from {})", c, c, fields.name(*own_slot)));
      continue;
    }
    const auto near = closest_name(c, absent);
    out.unknown.push_back(near ? fmt::format("{} (did you mean {}?)", c, *near) : c);
  }
  return out;
}

std::vector<std::string> split_header(std::string_view header, char separator) {
  CsvRecord record;
  std::string scratch;
  split_csv_record(header, record, scratch, separator);
  std::vector<std::string> out;
  out.reserve(record.fields.size());
  for (const std::string_view f : record.fields) out.emplace_back(f);
  return out;
}

char detect_separator(const FieldMap& fields, std::string_view header) {
  constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
  char best = ',';
  std::size_t best_known = 0;
  for (const char sep : candidates) {
    const std::vector<std::string> columns = split_header(header, sep);
    std::array<bool, max_fields> seen{};
    std::size_t known = 0;
    for (const std::string& c : columns) {
      const auto slot = fields.slot(c);
      if (slot && !seen[*slot]) {
        seen[*slot] = true;
        ++known;
      }
    }
    if (known > best_known) {
      best_known = known;
      best = sep;
    }
  }
  return best;
}

bool aligned_with_spaces(const FieldMap& fields, std::string_view header) {
  std::size_t names = 0;
  bool known = false;
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && header[i] == ' ') ++i;
    const std::size_t begin = i;
    while (i < header.size() && header[i] != ' ') ++i;
    if (i == begin) break;
    ++names;
    known = known || fields.slot(header.substr(begin, i - begin)).has_value();
  }
  return names >= 2 && known;
}

}  // namespace cskpi::detail
