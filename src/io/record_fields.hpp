// io/record_fields.hpp: the field rules of SPEC §1 shared by the CSV and JSON Lines readers:
// raw field values in, a record or the reason it is refused out.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <utility>

#include "cskpi/io/reject.hpp"
#include "cskpi/model/agent_event.hpp"
#include "cskpi/model/customer_event.hpp"
#include "cskpi/model/interaction.hpp"
#include "cskpi/model/interaction_event.hpp"
#include "cskpi/model/survey.hpp"
#include "io/instant_reader.hpp"

namespace cskpi::detail {

/// ASCII lower case (enumerated values and option words are ASCII; labels are never folded).
constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// ASCII case-insensitive equality.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

/// What a reader found for a field. `text` is a CSV field or JSON string, `number` the
/// decimal spelling of a JSON number, `boolean` a JSON true/false ("true"/"false"),
/// `compound` a JSON object or array.
enum class ValueKind : unsigned char { absent, text, number, boolean, compound };

struct RawValue {
  ValueKind kind = ValueKind::absent;
  std::string_view text;
  bool utf8 = false;  // known to be valid UTF-8 (a JSON string, an ASCII CSV record): not checked again
};

/// Field slots of each record type, in the order the fields are checked.
namespace interaction_field {
enum : std::size_t {
  id, customer_id, channel, topic, product, kind, priority, agent_id, team, department,
  created_at, first_response_at, resolved_at, contacts, reopened, handle_seconds,
  wait_seconds, abandoned, cost, count
};
}  // namespace interaction_field
namespace survey_field {
enum : std::size_t {
  id, kind, score, responded_at, customer_id, interaction_id, channel, topic, product,
  priority, agent_id, team, department, count
};
}  // namespace survey_field
namespace event_field {
enum : std::size_t { interaction_id, at, type, status, agent_id, count };
}  // namespace event_field
namespace customer_event_field {
enum : std::size_t { customer_id, type, at, product, mrr, count };
}  // namespace customer_event_field
namespace agent_event_field {
enum : std::size_t { agent_id, type, at, team, department, count };
}  // namespace agent_event_field

/// The longest duration field (handle_seconds, wait_seconds) accepted: 100 Gregorian years
/// (100 · 365.2425 · 86,400 s); longer is out_of_range (docs/metrics.md, a SPEC-silent decision).
/// Its milliseconds fit int64 with room to spare, and sums are exact 128-bit (cskpi/exact_sum.hpp).
inline constexpr double max_duration_seconds = 3'155'695'200.0;

/// Custom dimension k (config `dimensions`) of any record type that carries them is slot
/// first_custom_slot + k, after every record type's own fields.
inline constexpr std::size_t first_custom_slot = interaction_field::count;
inline constexpr std::size_t max_fields = first_custom_slot + max_custom_dimensions;
using RawRecord = std::array<RawValue, max_fields>;

/// The custom dimensions' names, by position (LoadOptions::dimensions); empty = none.
using CustomNames = std::vector<std::string>;

/// The input names of a record type's fields, indexed by slot.
[[nodiscard]] std::span<const std::string_view> field_names(RecordType type) noexcept;
/// Whether a record type keeps custom dimension values: interactions, surveys and customer
/// events (interaction and agent events ignore such columns).
[[nodiscard]] constexpr bool carries_custom(RecordType type) noexcept {
  return type == RecordType::interaction || type == RecordType::survey || type == RecordType::customer_event;
}
/// The slot of an input name (exact, case-sensitive): a field of the type, else a custom
/// dimension of `custom` (when the type carries them); nullopt for an unknown name.
/// Hook for input mapping: a file's own column names are translated to these field names
/// before the lookup (a custom dimension's field name is its configured name).
[[nodiscard]] std::optional<std::size_t> field_slot(RecordType type, std::string_view name,
                                                    const CustomNames* custom = nullptr) noexcept;
/// Why `name` cannot be a custom dimension (it is a field of some record type, a built-in
/// dimension, a time bucket, the mixed files' `record` member, empty), or nullopt when it can.
[[nodiscard]] std::optional<std::string> custom_dimension_problem(std::string_view name);

/// Why a record is refused: the field to blame (empty for none) and a reason.
struct Problem {
  std::string_view field;  // a field name (static storage) or empty
  RejectReason reason = RejectReason::missing_field;
  std::string detail;
};

/// Builds records from raw values. Every build() fills `out` and returns nullopt, or returns
/// the first problem in field order (then `out` is unspecified).
class RecordBuilder {
 public:
  /// `custom` (may be null: none) must outlive the builder and every Problem it returns (a
  /// problem names a custom dimension's field by a view of its name).
  explicit RecordBuilder(const SurveyScales& scales, InstantReader instants = {}, const CustomNames* custom = nullptr)
      : scales_(scales), instants_(std::move(instants)), custom_(custom) {}
  [[nodiscard]] std::optional<Problem> build(const RawRecord& v, Interaction& out) const;
  [[nodiscard]] std::optional<Problem> build(const RawRecord& v, SurveyResponse& out) const;
  [[nodiscard]] std::optional<Problem> build(const RawRecord& v, InteractionEvent& out) const;
  [[nodiscard]] std::optional<Problem> build(const RawRecord& v, CustomerEvent& out) const;
  [[nodiscard]] std::optional<Problem> build(const RawRecord& v, AgentEvent& out) const;

 private:
  SurveyScales scales_;
  InstantReader instants_;
  const CustomNames* custom_ = nullptr;
};

/// A `record` member of a mixed file: the record type it names (trimmed, case-insensitive).
[[nodiscard]] std::optional<RecordType> parse_record_type(std::string_view text) noexcept;

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
[[nodiscard]] bool valid_utf8(std::string_view text) noexcept;
/// The offset of the first byte of `text` that is not well-formed UTF-8 (text.size() if none).
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text) noexcept;
/// A reject detail for text that is not UTF-8: the value with its bad bytes as \xHH, where the
/// first one is, and what it would be in windows-1252 (the usual culprit).
[[nodiscard]] std::string invalid_utf8_detail(std::string_view text);

}  // namespace cskpi::detail
