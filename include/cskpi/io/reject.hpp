// cskpi/io/reject.hpp: why an input record was refused, and the read/accepted/rejected
// counts that must always balance (SPEC §5).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cskpi {

enum class RecordType : unsigned char { interaction, interaction_event, survey, customer_event, agent_event };

inline constexpr std::size_t record_type_count = 5;

/// Singular name, as in the rejects file (`interaction`, `survey`, …).
[[nodiscard]] constexpr std::string_view to_string(RecordType t) noexcept {
  constexpr std::array<std::string_view, record_type_count> names = {
      "interaction", "interaction_event", "survey", "customer_event", "agent_event"};
  return names[static_cast<std::size_t>(t)];
}

/// Plural name, as the key under "inputs" in the report.
[[nodiscard]] constexpr std::string_view plural(RecordType t) noexcept {
  constexpr std::array<std::string_view, record_type_count> names = {
      "interactions", "interaction_events", "surveys", "customer_events", "agent_events"};
  return names[static_cast<std::size_t>(t)];
}

enum class RejectReason : unsigned char {
  missing_field,
  bad_instant,
  bad_number,
  out_of_range,
  inconsistent,
  duplicate_id,
  unknown_value,
  field_count,
  malformed_quote,
  invalid_utf8,
  malformed_json,
  unknown_interaction,
  line_too_long,
};

[[nodiscard]] constexpr std::string_view to_string(RejectReason r) noexcept {
  constexpr std::array<std::string_view, 13> names = {
      "missing_field", "bad_instant",   "bad_number",     "out_of_range",       "inconsistent",
      "duplicate_id",  "unknown_value", "field_count",    "malformed_quote",    "invalid_utf8",
      "malformed_json", "unknown_interaction", "line_too_long"};
  return names[static_cast<std::size_t>(r)];
}

/// One refused record: where it is (line = the record's first line, 1-based) and why.
struct Reject {
  std::string file;
  std::uint64_t line = 0;
  RecordType type = RecordType::interaction;
  std::string field;  // empty when no single field is to blame
  RejectReason reason = RejectReason::missing_field;
  std::string detail;  // human-readable, e.g. "12x is not a number"
};

/// read = accepted + rejected, always.
struct InputCounts {
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  [[nodiscard]] std::uint64_t read() const noexcept { return accepted + rejected; }
};

}  // namespace cskpi
