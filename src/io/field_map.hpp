// io/field_map.hpp: which column (CSV) or key (JSON Lines) feeds which field of a record type —
// cskpi's own names, or those the config's `columns` gives, or a constant (SPEC §8) — and the
// plan of one CSV file's header.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/input_mapping.hpp"
#include "io/record_fields.hpp"

namespace cskpi::detail {

class FieldMap {
 public:
  struct Constant {
    std::size_t slot = 0;
    std::string text;
  };

  FieldMap() = default;
  /// The mapping must be valid (validate()). Custom dimensions (for the types that carry
  /// them) feed slots first_custom_slot + k from the column of their name, or the one or the
  /// constant the mapping gives under that name.
  FieldMap(RecordType type, const FieldMapping& mapping, const CustomNames& custom = {});

  [[nodiscard]] RecordType type() const noexcept { return type_; }
  /// The slot a column or key name feeds; nullopt for a name that feeds none.
  [[nodiscard]] std::optional<std::size_t> slot(std::string_view name) const noexcept {
    if (identity_) return field_slot(type_, name);
    if (name.empty()) return std::nullopt;
    for (std::size_t i = 0; i < count_; ++i) {
      const std::string& n = names_[i];
      if (n.size() == name.size() && n[0] == name[0] && n == name) return i;
    }
    for (std::size_t i = first_custom_slot; i < first_custom_slot + custom_count_; ++i) {
      if (names_[i] == name) return i;
    }
    return std::nullopt;
  }
  /// The column or key name read for a slot; empty for a constant.
  [[nodiscard]] std::string_view name(std::size_t slot) const noexcept { return names_[slot]; }
  /// Whether the config names the field (a column of its own or a constant).
  [[nodiscard]] bool mapped(std::size_t slot) const noexcept { return mapped_[slot]; }
  [[nodiscard]] const std::vector<Constant>& constants() const noexcept { return constants_; }
  /// Gives every constant field its value.
  void apply_constants(RawRecord& values) const noexcept {
    for (const Constant& c : constants_) values[c.slot] = RawValue{ValueKind::text, c.text, true};
  }
  /// The names read (not constants), for "did you mean".
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] std::size_t field_count() const noexcept { return count_; }

 private:
  RecordType type_ = RecordType::interaction;
  std::size_t count_ = 0;
  std::size_t custom_count_ = 0;  // custom dimensions read by this type
  bool identity_ = true;
  std::array<std::string, max_fields> names_{};
  std::array<bool, max_fields> mapped_{};
  std::vector<Constant> constants_;
};

/// The map of a type without a mapping: cskpi's own names.
[[nodiscard]] const FieldMap& identity_map(RecordType type) noexcept;

/// How the columns of one CSV file feed a record: the slot of each column (max_fields: none),
/// the constants, and whether surveys take FILE:LINE as their id (no id column, SPEC §8).
struct ColumnPlan {
  std::vector<std::size_t> slots;
  const FieldMap* fields = nullptr;
  bool synthesize_id = false;
};

/// What a header says about a file: its plan, or the file-level problem that refuses it, and
/// the columns no field reads.
struct HeaderCheck {
  ColumnPlan plan;
  std::string problem;               // empty: the file can be read
  std::vector<std::string> unknown;  // columns feeding no field ("name (did you mean x?)")
  std::size_t known = 0;             // distinct columns feeding a field
};

/// Checks a header split into `columns` against the field map: a repeated known column or a
/// missing required one is a problem (with the closest header name within two edits).
[[nodiscard]] HeaderCheck check_header(const FieldMap& fields, const std::vector<std::string_view>& columns);

/// Splits a header record's text with `separator` (quotes as CSV), for detection and checks.
[[nodiscard]] std::vector<std::string> split_header(std::string_view header, char separator);

/// The separator among , ; TAB | that splits the header into the most columns the field map
/// knows (ties: the first of that order, so , wins).
[[nodiscard]] char detect_separator(const FieldMap& fields, std::string_view header);

/// True when runs of spaces split the header into several names, one at least a known column:
/// a file aligned with spaces (`customer_id  date  dollar_value`), which no separator reads.
[[nodiscard]] bool aligned_with_spaces(const FieldMap& fields, std::string_view header);

}  // namespace cskpi::detail
