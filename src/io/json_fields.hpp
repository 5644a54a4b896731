// io/json_fields.hpp: one JSON Lines line → the raw field values of a record type
// (SPEC §1 "Files", §7): null and "" are absent, numbers keep their decimal spelling.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/record_fields.hpp"

namespace cskpi::detail {

class JsonFields {
 public:
  /// Parses one line; the problem (malformed_json, or invalid_utf8 for a line that is not
  /// UTF-8) when it is not a JSON object.
  [[nodiscard]] std::optional<Problem> parse(std::string_view line);
  /// The raw values of the parsed object's members that are fields of `type`; other
  /// members are ignored. Views live until the next parse().
  void fields(RecordType type, RawRecord& out);
  /// One member of the parsed object, as a raw value.
  [[nodiscard]] RawValue member(std::string_view key, std::size_t scratch_slot = 0);

 private:
  RawValue raw(const nlohmann::json& value, std::size_t slot);

  nlohmann::json doc_;
  std::array<std::string, max_fields> scratch_;  // decimal text of numbers, per slot
};

}  // namespace cskpi::detail
