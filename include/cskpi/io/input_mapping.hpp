// cskpi/io/input_mapping.hpp: how an export that does not use cskpi's spelling is read
// (SPEC §8): its CSV separator, its encoding, the zone of its local times, its instant
// spelling and its column names. Everything is optional; without it the v2 rules hold.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/reject.hpp"

namespace cskpi {

/// The text encoding of an input file.
enum class InputEncoding : unsigned char { utf8, utf16, latin1, windows1252 };

/// "utf-8", "utf-16", "latin-1", "windows-1252".
[[nodiscard]] std::string_view to_string(InputEncoding e) noexcept;
/// Case-insensitive; also "utf8", "utf16", "latin1", "iso-8859-1", "cp1252". nullopt otherwise.
[[nodiscard]] std::optional<InputEncoding> parse_input_encoding(std::string_view name) noexcept;

/// A CSV separator as written on a command line or in a config: one ASCII character other
/// than a quote, a space, CR or LF, or `\t` / `tab` for TAB. nullopt otherwise.
[[nodiscard]] std::optional<char> parse_delimiter(std::string_view text) noexcept;
/// `,` `;` `|` as themselves, TAB as `TAB` (for messages).
[[nodiscard]] std::string delimiter_name(char c);

/// Where a field's value comes from: the file's column (JSON key) of that name, or a constant
/// given to every record of the type.
struct FieldSource {
  std::string column;                   // used when !constant
  std::optional<std::string> constant;  // the value's text, as a CSV field would hold it
};

/// The mapping of one record type: cskpi field name → source. Fields not named keep their own
/// name. Custom dimensions (SPEC §8) are fields of interactions, surveys and customer events
/// under their configured names.
using FieldMapping = std::map<std::string, FieldSource, std::less<>>;

/// Everything SPEC §8 lets a configuration say about the input files.
struct InputMapping {
  std::array<FieldMapping, record_type_count> columns{};  // by RecordType
  /// CSV separator; nullopt: detected from each file's header among , ; TAB | (ties: ,).
  std::optional<char> delimiter;
  /// Encoding of CSV files; nullopt: UTF-8 (a BOM skipped). A UTF-16 byte order mark always
  /// wins, in CSV and JSON Lines alike; so does a UTF-8 one.
  std::optional<InputEncoding> encoding;
  /// IANA zone in which instants without an offset are local times; nullopt: rejected.
  std::optional<std::string> input_time_zone;
  /// strftime-style instant spelling tried before the standard ones (see InstantFormat).
  std::optional<std::string> instant_format;

  [[nodiscard]] bool empty() const noexcept {
    for (const auto& c : columns) {
      if (!c.empty()) return false;
    }
    return !delimiter && !encoding && !input_time_zone && !instant_format;
  }
};

/// cskpi's field names of a record type (SPEC §1), in check order.
[[nodiscard]] std::vector<std::string_view> input_field_names(RecordType type);
/// Whether `name` is a field of the type (exact, case-sensitive).
[[nodiscard]] bool is_input_field(RecordType type, std::string_view name) noexcept;
/// The fields a record of the type cannot do without (SPEC v3 §1: `customer_id` of an
/// interaction is optional).
[[nodiscard]] bool is_required_field(RecordType type, std::string_view name) noexcept;

/// Checks a mapping: known field names (`custom`: the custom dimensions, fields of the types
/// that carry them); no column feeding two fields; a valid zone, format and separator. Throws
/// Error(invalid_argument) naming the first problem as a key path (`columns.interactions.created_at: …`).
void validate(const InputMapping& mapping, const std::vector<std::string>& custom = {});

/// The edit distance (Levenshtein, ASCII case-insensitive) between two names, stopping early
/// past `limit` (then it returns limit + 1).
[[nodiscard]] std::size_t name_distance(std::string_view a, std::string_view b, std::size_t limit = 2) noexcept;
/// The candidate closest to `name` within two edits (the first of equals), an edit per three
/// letters at most (so "BU" suggests nothing); nullopt for none.
[[nodiscard]] std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace cskpi
