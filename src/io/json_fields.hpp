// io/json_fields.hpp: one JSON Lines line → the raw field values of a record type
// (SPEC §1 "Files", §7): null and "" are absent, numbers keep their decimal spelling.
//
// Two parsers give the same values. The fast one reads the common line — one flat object whose
// members are strings, numbers, true, false or null — straight from the line's bytes. Anything
// else (a nested object or array anywhere, a BOM, a lone surrogate, invalid UTF-8, a number out
// of double range, any syntax error) goes to nlohmann::json, which decides every reject.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/field_map.hpp"
#include "io/record_fields.hpp"

namespace cskpi::detail {

class JsonFields {
 public:
  /// `fast`: try the flat-object parser first (false: always nlohmann, the reference).
  explicit JsonFields(bool fast = true) : fast_enabled_(fast) {}

  /// Parses one line; the problem (malformed_json, or invalid_utf8 for a line that is not
  /// UTF-8) when it is not a JSON object.
  [[nodiscard]] std::optional<Problem> parse(std::string_view line);
  /// The raw values of the parsed object's members that feed fields of the map's record type
  /// (strings are valid UTF-8: both parsers refuse a line that is not, so values are marked
  /// `utf8`); other members are ignored, and their keys added to `unknown` when given (but
  /// `skip`, the routing member of mixed files); of repeated members the last counts. Views live
  /// until the next parse() (and point into `line` for the fast parser).
  void fields(const FieldMap& map, RawRecord& out, std::vector<std::string_view>* unknown = nullptr,
              std::string_view skip = {});
  /// The same with cskpi's own names.
  void fields(RecordType type, RawRecord& out) { fields(identity_map(type), out); }
  /// One member of the parsed object, as a raw value.
  [[nodiscard]] RawValue member(std::string_view key, std::size_t scratch_slot = 0);
  /// Whether the last successful parse() took the fast parser (for tests and benchmarks).
  [[nodiscard]] bool fast_path_used() const noexcept { return fast_; }

 private:
  // A piece of text: in the line (arena == false) or in arena_.
  struct Ref {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    bool arena = false;
  };
  struct Member {
    Ref key;
    Ref value;
    ValueKind kind = ValueKind::absent;  // absent = null
  };

  bool parse_fast(std::string_view line);
  bool scan_string(const char*& p, const char* end, Ref& out);
  bool scan_number(const char*& p, const char* end, Ref& out);
  [[nodiscard]] std::string_view text(const Ref& r) const noexcept {
    return {(r.arena ? arena_.data() : line_.data()) + r.offset, r.size};
  }
  [[nodiscard]] RawValue value(const Member& m) const noexcept;
  RawValue raw(const nlohmann::json& value, std::size_t slot);

  bool fast_enabled_ = true;
  bool fast_ = false;  // the last parse took the fast parser: members_ hold it, not doc_
  std::string_view line_;
  std::vector<Member> members_;
  std::string arena_;  // unescaped strings and respelled numbers of the fast parser
  nlohmann::json doc_;
  std::array<std::string, max_fields> scratch_;  // decimal text of numbers, per slot
};

/// Appends the decimal text of a JSON floating-point number (or an integer too large for 64
/// bits, which nlohmann::json stores as a double): its shortest round-trip spelling, with ".0"
/// added when that has no fraction or exponent, so a float epoch stays a float.
void append_float_text(std::string& out, double value);

}  // namespace cskpi::detail
