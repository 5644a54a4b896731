#include "io/json_fields.hpp"
#include "io/utf8_append.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <system_error>

// SSE2 (every x86-64) skips plain string bytes 16 at a time; CSKPI_NO_SIMD tests the portable code.
#if defined(__SSE2__) && !defined(CSKPI_NO_SIMD)
#define CSKPI_JSON_SSE2 1
#include <emmintrin.h>
#endif

namespace cskpi::detail {
namespace {

constexpr bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

void skip_space(const char*& p, const char* end) noexcept {
  while (p != end && is_json_space(*p)) ++p;
}

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits after "\u"; -1 when they are not four hex digits.
long hex4(const char* p, const char* end) noexcept {
  if (end - p < 4) return -1;
  long v = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = hex_digit(p[i]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}


constexpr std::string_view true_text = "true";
constexpr std::string_view false_text = "false";
constexpr std::string_view zero_text = "0";

// Lines longer than this go to nlohmann (offsets are 32-bit).
constexpr std::size_t max_fast_line = std::numeric_limits<std::uint32_t>::max() / 2;

// Why nlohmann refused a line, when the reason is a number outside a double's range (1e400):
// the line is valid JSON (RFC 8259 leaves the range to the reader), so the record is rejected
// out_of_range, not malformed_json. Replays the parse through SAX to learn the member's key.
class NumberRangeProbe : public nlohmann::json_sax<nlohmann::json> {
 public:
  static constexpr int number_overflow = 406;  // nlohmann's out_of_range.406

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return enter(); }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool parse_error(std::size_t, const std::string& token, const nlohmann::detail::exception& e) override {
    if (e.id == number_overflow) {
      overflow_ = true;
      token_ = token;
    }
    return false;
  }

  /// The reject of a line whose only fault is a number out of range; nullopt otherwise.
  [[nodiscard]] std::optional<Problem> problem() const {
    if (!overflow_) return std::nullopt;
    const std::string_view field = depth_ == 1 ? known_field(key_) : std::string_view{};
    std::string detail = token_ + " is outside the range of numbers cskpi reads (about ±1.8e308)";
    if (depth_ == 1 && field.empty()) detail = key_ + ": " + detail;
    return Problem{field, RejectReason::out_of_range, std::move(detail)};
  }

 private:
  bool enter() {
    ++depth_;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }
  // The field name (static storage, as Problem wants) equal to `key`, of any record type.
  static std::string_view known_field(std::string_view key) noexcept {
    for (std::size_t t = 0; t < record_type_count; ++t) {
      for (const std::string_view name : field_names(static_cast<RecordType>(t))) {
        if (name == key) return name;
      }
    }
    return {};
  }

  int depth_ = 0;
  std::string key_;
  std::string token_;
  bool overflow_ = false;
};

std::optional<Problem> number_out_of_range(std::string_view line) {
  NumberRangeProbe probe;
  nlohmann::json::sax_parse(line.begin(), line.end(), &probe);
  return probe.problem();
}

}  // namespace

void append_float_text(std::string& out, double value) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
  out += text;
  if (text.find_first_of(".eEn") == std::string_view::npos) out += ".0";
}

std::optional<Problem> JsonFields::parse(std::string_view line) {
  if (fast_enabled_ && parse_fast(line)) {
    fast_ = true;
    return std::nullopt;
  }
  fast_ = false;
  doc_ = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (doc_.is_discarded()) {
    if (!valid_utf8(line)) return Problem{{}, RejectReason::invalid_utf8, "the line is not valid UTF-8"};
    if (auto range = number_out_of_range(line)) return range;
    return Problem{{}, RejectReason::malformed_json, "not a JSON value (e.g. an object that is not closed)"};
  }
  if (!doc_.is_object()) return Problem{{}, RejectReason::malformed_json, "a JSON value that is not an object"};
  return std::nullopt;
}

// A JSON string at p (on its opening quote), strictly as RFC 8259 and nlohmann read it: no raw
// control characters, valid UTF-8, the escapes \" \\ \/ \b \f \n \r \t \uXXXX with surrogate
// pairs. Text without escapes stays in the line; escaped text is unescaped into arena_. False
// for anything nlohmann would refuse (and so must decide).
bool JsonFields::scan_string(const char*& p, const char* end, Ref& out) {
  ++p;  // the opening quote
  const char* run = p;  // start of the current run of raw bytes
  bool high = false;    // the run has bytes >= 0x80
  // Fast scan: a string with no escapes.
  for (;;) {
#if defined(CSKPI_JSON_SSE2)
    // Skip 16 plain bytes at a time: a signed compare with 0x20 flags control bytes and the
    // bytes >= 0x80 alike, which the scalar code below then sorts out.
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special));
      if (mask != 0) {
        p += std::countr_zero(mask);
        break;
      }
      p += 16;
    }
#endif
    if (p == end) return false;
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      if (high && !valid_utf8(std::string_view(run, static_cast<std::size_t>(p - run)))) return false;
      out = Ref{static_cast<std::uint32_t>(run - line_.data()), static_cast<std::uint32_t>(p - run), false};
      ++p;
      return true;
    }
    if (c == '\\') break;
    if (c < 0x20) return false;
    high |= c >= 0x80;
    ++p;
  }
  // Escapes: unescape into the arena, run by run.
  const std::size_t start = arena_.size();
  for (;;) {
    if (p == end) return false;
    const auto c = static_cast<unsigned char>(*p);
    if (c != '"' && c != '\\') {
      if (c < 0x20) return false;
      high |= c >= 0x80;
      ++p;
      continue;
    }
    const std::string_view raw(run, static_cast<std::size_t>(p - run));
    if (high && !valid_utf8(raw)) return false;
    arena_ += raw;
    high = false;
    if (c == '"') {
      ++p;
      out = Ref{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(arena_.size() - start), true};
      return true;
    }
    ++p;  // the backslash
    if (p == end) return false;
    switch (*p) {
      case '"': arena_ += '"'; break;
      case '\\': arena_ += '\\'; break;
      case '/': arena_ += '/'; break;
      case 'b': arena_ += '\b'; break;
      case 'f': arena_ += '\f'; break;
      case 'n': arena_ += '\n'; break;
      case 'r': arena_ += '\r'; break;
      case 't': arena_ += '\t'; break;
      case 'u': {
        const long first = hex4(p + 1, end);
        if (first < 0) return false;
        p += 4;
        unsigned long cp = static_cast<unsigned long>(first);
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
        if (cp >= 0xD800 && cp <= 0xDBFF) {                // a high surrogate: a low one must follow
          if (end - p < 7 || p[1] != '\\' || p[2] != 'u') return false;
          const long second = hex4(p + 3, end);
          if (second < 0xDC00 || second > 0xDFFF) return false;
          p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<unsigned long>(second) - 0xDC00);
        }
        append_utf8(arena_, static_cast<char32_t>(cp));
        break;
      }
      default: return false;
    }
    ++p;  // the last character of the escape
    run = p;
  }
}

// A JSON number at p, by RFC 8259's grammar. An integer that fits 64 bits is its own text (-0 is
// 0, as nlohmann stores it); others are respelled from their double into arena_.
bool JsonFields::scan_number(const char*& p, const char* end, Ref& out) {
  const char* const first = p;
  const bool negative = *p == '-';
  if (negative) ++p;
  if (p == end) return false;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    while (p != end && is_digit(*p)) ++p;
  } else {
    return false;
  }
  bool integer = true;
  if (p != end && *p == '.') {
    integer = false;
    ++p;
    if (p == end || !is_digit(*p)) return false;
    while (p != end && is_digit(*p)) ++p;
  }
  if (p != end && (*p == 'e' || *p == 'E')) {
    integer = false;
    ++p;
    if (p != end && (*p == '+' || *p == '-')) ++p;
    if (p == end || !is_digit(*p)) return false;
    while (p != end && is_digit(*p)) ++p;
  }
  const auto size = static_cast<std::size_t>(p - first);
  if (integer) {
    std::errc ec{};
    bool zero = false;
    if (negative) {
      std::int64_t v = 0;
      ec = std::from_chars(first, p, v).ec;
      zero = v == 0;
    } else {
      std::uint64_t v = 0;
      ec = std::from_chars(first, p, v).ec;
    }
    if (ec == std::errc{}) {
      if (zero) {  // -0 is the integer 0
        out = Ref{static_cast<std::uint32_t>(arena_.size()), 1, true};
        arena_ += zero_text;
      } else {
        out = Ref{static_cast<std::uint32_t>(first - line_.data()), static_cast<std::uint32_t>(size), false};
      }
      return true;
    }
    if (ec != std::errc::result_out_of_range) return false;
    // Past 64 bits: nlohmann keeps it as a double, as below.
  }
  double value = 0;
  const auto r = std::from_chars(first, p, value);
  if (r.ec != std::errc{} || r.ptr != p || !std::isfinite(value)) return false;  // nlohmann decides
  const std::size_t start = arena_.size();
  append_float_text(arena_, value);
  out = Ref{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(arena_.size() - start), true};
  return true;
}

bool JsonFields::parse_fast(std::string_view line) {
  members_.clear();
  arena_.clear();
  line_ = line;
  if (line.size() > max_fast_line) return false;
  const char* p = line.data();
  const char* const end = p + line.size();
  skip_space(p, end);
  if (p == end || *p != '{') return false;  // not an object, or a BOM: nlohmann decides
  ++p;
  skip_space(p, end);
  if (p != end && *p == '}') {
    ++p;
    skip_space(p, end);
    return p == end;
  }
  for (;;) {
    if (p == end || *p != '"') return false;
    Member m;
    if (!scan_string(p, end, m.key)) return false;
    skip_space(p, end);
    if (p == end || *p != ':') return false;
    ++p;
    skip_space(p, end);
    if (p == end) return false;
    switch (*p) {
      case '"':
        if (!scan_string(p, end, m.value)) return false;
        m.kind = ValueKind::text;
        break;
      case 't':
        if (std::string_view(p, static_cast<std::size_t>(end - p)).substr(0, 4) != true_text) return false;
        p += 4;
        m.kind = ValueKind::boolean;
        m.value.size = 1;  // true
        break;
      case 'f':
        if (std::string_view(p, static_cast<std::size_t>(end - p)).substr(0, 5) != false_text) return false;
        p += 5;
        m.kind = ValueKind::boolean;
        m.value.size = 0;  // false
        break;
      case 'n':
        if (std::string_view(p, static_cast<std::size_t>(end - p)).substr(0, 4) != "null") return false;
        p += 4;
        m.kind = ValueKind::absent;
        break;
      default:
        if (*p != '-' && !is_digit(*p)) return false;  // an object, an array or not JSON
        if (!scan_number(p, end, m.value)) return false;
        m.kind = ValueKind::number;
        break;
    }
    members_.push_back(m);
    skip_space(p, end);
    if (p == end) return false;
    if (*p == ',') {
      ++p;
      skip_space(p, end);
      continue;
    }
    if (*p != '}') return false;
    ++p;
    skip_space(p, end);
    return p == end;
  }
}

RawValue JsonFields::value(const Member& m) const noexcept {
  switch (m.kind) {
    case ValueKind::text:
      if (m.value.size == 0) return RawValue{};
      return RawValue{ValueKind::text, text(m.value), true};
    case ValueKind::boolean: return RawValue{ValueKind::boolean, m.value.size != 0 ? true_text : false_text};
    case ValueKind::number: return RawValue{ValueKind::number, text(m.value), true};
    case ValueKind::absent:
    case ValueKind::compound: break;
  }
  return RawValue{};
}

RawValue JsonFields::raw(const nlohmann::json& value, std::size_t slot) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded: return RawValue{};
    case Type::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.empty()) return RawValue{};
      return RawValue{ValueKind::text, s, true};
    }
    case Type::boolean: return RawValue{ValueKind::boolean, value.get<bool>() ? true_text : false_text};
    case Type::number_integer:
    case Type::number_unsigned:
    case Type::number_float: {
      // The decimal text of the number; a float keeps a fraction part (1.0 stays "1.0"),
      // so a float epoch stays a float.
      std::string& text = scratch_[slot];
      if (value.is_number_float()) {
        text.clear();
        append_float_text(text, value.get<double>());
        return RawValue{ValueKind::number, text, true};
      }
      text.resize(32);
      std::to_chars_result r{};
      if (value.is_number_unsigned()) {
        r = std::to_chars(text.data(), text.data() + text.size(), value.get<std::uint64_t>());
      } else {
        r = std::to_chars(text.data(), text.data() + text.size(), value.get<std::int64_t>());
      }
      text.resize(static_cast<std::size_t>(r.ptr - text.data()));
      return RawValue{ValueKind::number, text, true};
    }
    case Type::object:
    case Type::array:
    case Type::binary: return RawValue{ValueKind::compound, {}};
  }
  return RawValue{};
}

void JsonFields::fields(const FieldMap& map, RawRecord& out, std::vector<std::string_view>* unknown,
                        std::string_view skip) {
  out.fill(RawValue{});
  if (fast_) {
    for (const Member& m : members_) {  // in line order: of repeated members the last wins, as in nlohmann
      const std::string_view key = text(m.key);
      if (const auto slot = map.slot(key)) {
        out[*slot] = value(m);
      } else if (unknown != nullptr && key != skip) {
        unknown->push_back(key);
      }
    }
    return;
  }
  for (auto it = doc_.cbegin(); it != doc_.cend(); ++it) {
    if (const auto slot = map.slot(it.key())) {
      out[*slot] = raw(it.value(), *slot);
    } else if (unknown != nullptr && it.key() != skip) {
      unknown->push_back(it.key());
    }
  }
}

RawValue JsonFields::member(std::string_view key, std::size_t scratch_slot) {
  if (fast_) {
    for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
      if (text(it->key) == key) return value(*it);
    }
    return RawValue{};
  }
  const auto it = doc_.find(key);
  if (it == doc_.end()) return RawValue{};
  return raw(*it, scratch_slot);
}

}  // namespace cskpi::detail
