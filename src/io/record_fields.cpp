#include "io/record_fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "cskpi/time.hpp"
#include "io/plain_values.hpp"

namespace cskpi::detail {
namespace {

constexpr std::array<std::string_view, interaction_field::count> interaction_names = {
    "id", "customer_id", "channel", "topic", "product", "kind", "priority", "agent_id", "team", "department",
    "created_at", "first_response_at", "resolved_at", "contacts", "reopened", "handle_seconds",
    "wait_seconds", "abandoned", "cost"};
constexpr std::array<std::string_view, survey_field::count> survey_names = {
    "id", "kind", "score", "responded_at", "customer_id", "interaction_id", "channel", "topic", "product",
    "priority", "agent_id", "team", "department"};
constexpr std::array<std::string_view, event_field::count> event_names = {
    "interaction_id", "at", "type", "status", "agent_id"};
constexpr std::array<std::string_view, customer_event_field::count> customer_event_names = {
    "customer_id", "type", "at", "product", "mrr"};
constexpr std::array<std::string_view, agent_event_field::count> agent_event_names = {
    "agent_id", "type", "at", "team", "department"};


template <class E>
struct Choice {
  std::string_view name;
  E value;
};

constexpr std::array<Choice<Priority>, 4> priorities = {
    {{"low", Priority::low}, {"normal", Priority::normal}, {"high", Priority::high}, {"urgent", Priority::urgent}}};
constexpr std::array<Choice<SurveyKind>, 4> survey_kinds = {
    {{"nps", SurveyKind::nps}, {"csat", SurveyKind::csat}, {"ces", SurveyKind::ces}, {"enps", SurveyKind::enps}}};
constexpr std::array<Choice<InteractionEventType>, 3> event_types = {
    {{"agent_reply", InteractionEventType::agent_reply},
     {"customer_message", InteractionEventType::customer_message},
     {"status", InteractionEventType::status}}};
constexpr std::array<Choice<TicketStatus>, 6> statuses = {
    {{"new", TicketStatus::new_}, {"open", TicketStatus::open}, {"pending", TicketStatus::pending},
     {"on_hold", TicketStatus::on_hold}, {"solved", TicketStatus::solved}, {"closed", TicketStatus::closed}}};
constexpr std::array<Choice<CustomerEventType>, 5> customer_event_types = {
    {{"start", CustomerEventType::start}, {"cancel", CustomerEventType::cancel}, {"renew", CustomerEventType::renew},
     {"purchase", CustomerEventType::purchase}, {"adopt", CustomerEventType::adopt}}};
constexpr std::array<Choice<AgentEventType>, 2> agent_event_types = {
    {{"hire", AgentEventType::hire}, {"leave", AgentEventType::leave}}};
constexpr std::array<Choice<bool>, 6> booleans = {
    {{"true", true}, {"false", false}, {"1", true}, {"0", false}, {"yes", true}, {"no", false}}};
constexpr std::array<Choice<RecordType>, 5> record_types = {
    {{"interaction", RecordType::interaction}, {"interaction_event", RecordType::interaction_event},
     {"survey", RecordType::survey}, {"customer_event", RecordType::customer_event},
     {"agent_event", RecordType::agent_event}}};

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}


template <class E, std::size_t N>
std::optional<E> lookup(const std::array<Choice<E>, N>& choices, std::string_view text) noexcept {
  const std::string_view t = trim(text);
  for (const auto& c : choices) {
    if (iequals(c.name, t)) return c.value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string spelled(const std::array<Choice<E>, N>& choices) {
  std::string out;
  for (const auto& c : choices) {
    if (!out.empty()) out += '/';
    out += c.name;
  }
  return out;
}

// A decimal number; nullopt with `range` set when it overflows a double.
struct Decimal {
  std::optional<double> value;
  bool range = false;
};

// For a decimal that from_chars finds out of range: whether it is too large (1e400), not too
// close to zero (1e-400). Its order of magnitude is the position of its first non-zero digit
// plus its exponent (an exponent too long to read is taken as ±10^6: far beyond either bound).
bool too_large(std::string_view t) noexcept {
  std::size_t i = t.empty() || t[0] != '-' ? 0 : 1;
  long magnitude = 0;  // of the first non-zero digit: 0 for units, 1 for tens, -1 for tenths
  bool seen = false;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
    if (seen) ++magnitude;
    seen = seen || t[i] != '0';
  }
  if (i < t.size() && t[i] == '.') {
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9' && !seen; ++i) {
      --magnitude;
      seen = t[i] != '0';
    }
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  }
  long exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    const bool negative = i + 1 < t.size() && t[i + 1] == '-';
    const char* first = t.data() + i + 1 + (i + 1 < t.size() && (t[i + 1] == '-' || t[i + 1] == '+') ? 1 : 0);
    if (std::from_chars(first, t.data() + t.size(), exponent).ec != std::errc{}) exponent = 1'000'000;
    if (negative) exponent = -exponent;
  }
  return magnitude + exponent > 0;
}

Decimal parse_decimal(std::string_view text) noexcept {
  std::string_view t = trim(text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-') t.remove_prefix(1);
  if (const auto simple = simple_decimal(t)) return Decimal{*simple, false};
  double value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec == std::errc::result_out_of_range && ptr == t.data() + t.size()) {
    // Too close to zero reads as zero, as JSON Lines numbers do (strtod's result).
    if (!too_large(t)) return Decimal{t[0] == '-' ? -0.0 : 0.0, false};
    return Decimal{std::nullopt, true};
  }
  if (ec != std::errc{} || ptr != t.data() + t.size() || !std::isfinite(value)) return Decimal{};
  return Decimal{value, false};
}

std::string_view kind_name(ValueKind k) noexcept {
  switch (k) {
    case ValueKind::boolean: return "a boolean";
    case ValueKind::compound: return "an object or array";
    case ValueKind::number: return "a number";
    case ValueKind::text:
    case ValueKind::absent: break;
  }
  return "text";
}

// Checks the fields of one record in order; each check returns false after recording the problem.
class Fields {
 public:
  Fields(const RawRecord& values, std::span<const std::string_view> names, const InstantReader& instants,
         const CustomNames* custom = nullptr)
      : v_(values), names_(names), instants_(instants), custom_(custom) {}

  // The values of the custom dimensions (labels), in slots first_custom_slot + k.
  bool custom(std::vector<std::optional<std::string>>& out) {
    const std::size_t n = custom_ ? custom_->size() : 0;
    out.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      if (!label(first_custom_slot + k, out[k])) return false;
    }
    return true;
  }

  std::optional<Problem> problem;

  bool label(std::size_t slot, std::string& out) {
    std::optional<std::string_view> text;
    if (!label_text(slot, text)) return false;
    if (!text) return missing(slot);
    out.assign(*text);
    return true;
  }

  bool label(std::size_t slot, std::optional<std::string>& out) {
    std::optional<std::string_view> text;
    if (!label_text(slot, text)) return false;
    if (!text) {
      out.reset();
    } else if (out) {
      out->assign(*text);
    } else {
      out.emplace(*text);
    }
    return true;
  }

  template <class E, std::size_t N>
  bool choice(std::size_t slot, std::optional<E>& out, const std::array<Choice<E>, N>& choices) {
    out.reset();
    const RawValue& r = v_[slot];
    if (absent(r)) return true;
    if (r.kind == ValueKind::compound) {
      return fail(slot, RejectReason::unknown_value, fmt::format("{} is not one of {}", kind_name(r.kind), spelled(choices)));
    }
    out = lookup(choices, r.text);
    if (!out) return fail(slot, RejectReason::unknown_value, fmt::format("{} is not {}", trim(r.text), spelled(choices)));
    return true;
  }

  template <class E, std::size_t N>
  bool choice(std::size_t slot, E& out, const std::array<Choice<E>, N>& choices) {
    std::optional<E> value;
    if (!choice(slot, value, choices)) return false;
    if (!value) return missing(slot);
    out = *value;
    return true;
  }

  bool flag(std::size_t slot, bool& out) {
    std::optional<bool> value;
    if (!choice(slot, value, booleans)) return false;
    out = value.value_or(false);
    return true;
  }

  // `date_allowed`: a date alone is local midnight of the input zone (SPEC §8).
  bool instant(std::size_t slot, std::optional<TimePoint>& out, bool date_allowed = false) {
    out.reset();
    const RawValue& r = v_[slot];
    if (absent(r)) return true;
    if (r.kind == ValueKind::boolean || r.kind == ValueKind::compound) {
      return fail(slot, RejectReason::bad_instant, fmt::format("{} is not an instant", kind_name(r.kind)));
    }
    if (instants_.plain()) {
      const InstantParse parsed = parse_instant(r.text);
      if (!parsed.value) {
        return fail(slot, RejectReason::bad_instant, fmt::format("{} {}", trim(r.text), instant_problem(parsed.error)));
      }
      out = parsed.value;
      return true;
    }
    std::string why;
    out = instants_.read(r.text, date_allowed, why);
    if (!out) return fail(slot, RejectReason::bad_instant, fmt::format("{} {}", trim(r.text), why));
    return true;
  }

  bool instant(std::size_t slot, TimePoint& out, bool date_allowed = false) {
    std::optional<TimePoint> value;
    if (!instant(slot, value, date_allowed)) return false;
    if (!value) return missing(slot);
    out = *value;
    return true;
  }

  // A number >= 0 and <= `max`.
  bool amount(std::size_t slot, std::optional<double>& out, double max = std::numeric_limits<double>::max()) {
    out.reset();
    std::optional<double> value;
    if (!number(slot, value)) return false;
    if (!value) return true;
    if (*value < 0) {
      return fail(slot, RejectReason::out_of_range, fmt::format("{}: {} must be >= 0", trim(v_[slot].text), name(slot)));
    }
    if (*value > max) {
      return fail(slot, RejectReason::out_of_range,
                  fmt::format("{}: {} must be <= {}", trim(v_[slot].text), name(slot), max));
    }
    out = *value;
    return true;
  }

  // A sum of money (cost, mrr): ≥ 0 and below 9e12, since money is summed exactly in integer
  // micro-units (docs/metrics.md), which 64 bits hold up to 9.2e18.
  bool money(std::size_t slot, std::optional<double>& out) {
    if (!amount(slot, out)) return false;
    if (out && *out >= 9e12) {
      out.reset();
      return fail(slot, RejectReason::out_of_range,
                  fmt::format("{}: {} must be below 9e12", trim(v_[slot].text), name(slot)));
    }
    return true;
  }

  // A whole number in [min, max].
  bool whole(std::size_t slot, std::optional<std::int64_t>& out, std::int64_t min, std::int64_t max) {
    out.reset();
    std::optional<double> value;
    if (!number(slot, value)) return false;
    if (!value) return true;
    if (std::floor(*value) != *value) {
      return fail(slot, RejectReason::bad_number, fmt::format("{} is not a whole number", trim(v_[slot].text)));
    }
    if (*value < static_cast<double>(min)) {
      return fail(slot, RejectReason::out_of_range,
                  fmt::format("{}: {} must be >= {}", trim(v_[slot].text), name(slot), min));
    }
    if (*value > static_cast<double>(max)) {
      return fail(slot, RejectReason::out_of_range,
                  fmt::format("{}: {} must be <= {}", trim(v_[slot].text), name(slot), max));
    }
    out = static_cast<std::int64_t>(*value);
    return true;
  }

  bool count(std::size_t slot, std::optional<std::uint32_t>& out, std::uint32_t min) {
    std::optional<std::int64_t> value;
    if (!whole(slot, value, min, std::numeric_limits<std::uint32_t>::max())) return false;
    if (value) {
      out = static_cast<std::uint32_t>(*value);
    } else {
      out.reset();
    }
    return true;
  }

  bool missing(std::size_t slot) {
    return fail(slot, RejectReason::missing_field, fmt::format("no {} (a value is required)", name(slot)));
  }

  bool fail(std::size_t slot, RejectReason reason, std::string detail) {
    problem = Problem{name(slot), reason, std::move(detail)};
    return false;
  }

  [[nodiscard]] std::string_view name(std::size_t slot) const noexcept {
    if (slot >= first_custom_slot && custom_ != nullptr) return (*custom_)[slot - first_custom_slot];
    return names_[slot];
  }
  [[nodiscard]] const RawValue& raw(std::size_t slot) const noexcept { return v_[slot]; }

 private:
  // Absent: no value, or (for everything but labels) nothing but spaces.
  static bool absent(const RawValue& r) noexcept {
    return r.kind == ValueKind::absent || ((r.kind == ValueKind::text) && trim(r.text).empty());
  }

  bool number(std::size_t slot, std::optional<double>& out) {
    const RawValue& r = v_[slot];
    if (absent(r)) return true;
    if (r.kind == ValueKind::boolean || r.kind == ValueKind::compound) {
      return fail(slot, RejectReason::bad_number, fmt::format("{} is not a number", kind_name(r.kind)));
    }
    const Decimal d = parse_decimal(r.text);
    if (d.range) {
      return fail(slot, RejectReason::out_of_range,
                  fmt::format("{} is outside the range of numbers cskpi reads (about ±1.8e308)", trim(r.text)));
    }
    if (!d.value) {
      return fail(slot, RejectReason::bad_number, fmt::format("{} is not a number (expected e.g. 12 or 3.5)", trim(r.text)));
    }
    out = d.value;
    return true;
  }

  // A label is verbatim: only a missing value or "" is absent.
  bool label_text(std::size_t slot, std::optional<std::string_view>& out) {
    const RawValue& r = v_[slot];
    if (r.kind == ValueKind::boolean || r.kind == ValueKind::compound) {
      return fail(slot, RejectReason::unknown_value, fmt::format("{} where a label is expected", kind_name(r.kind)));
    }
    if (r.kind == ValueKind::absent || r.text.empty()) return true;
    if (!r.utf8 && !valid_utf8(r.text)) return fail(slot, RejectReason::invalid_utf8, invalid_utf8_detail(r.text));
    out = r.text;
    return true;
  }

  const RawRecord& v_;
  std::span<const std::string_view> names_;
  const InstantReader& instants_;
  const CustomNames* custom_ = nullptr;
};

std::optional<Problem> inconsistent(std::string detail) {
  return Problem{std::string_view{}, RejectReason::inconsistent, std::move(detail)};
}

}  // namespace

std::span<const std::string_view> field_names(RecordType type) noexcept {
  switch (type) {
    case RecordType::interaction: return interaction_names;
    case RecordType::survey: return survey_names;
    case RecordType::interaction_event: return event_names;
    case RecordType::customer_event: return customer_event_names;
    case RecordType::agent_event: return agent_event_names;
  }
  return {};
}

std::optional<std::size_t> field_slot(RecordType type, std::string_view name, const CustomNames* custom) noexcept {
  if (name.empty()) return std::nullopt;
  const auto names = field_names(type);
  for (std::size_t i = 0; i < names.size(); ++i) {  // size and first byte first: most names differ there
    if (names[i].size() == name.size() && names[i][0] == name[0] && names[i] == name) return i;
  }
  if (custom != nullptr && carries_custom(type)) {
    for (std::size_t k = 0; k < custom->size() && k < max_custom_dimensions; ++k) {
      if ((*custom)[k] == name) return first_custom_slot + k;
    }
  }
  return std::nullopt;
}

std::optional<std::string> custom_dimension_problem(std::string_view name) {
  if (name.empty()) return std::string{"a custom dimension needs a name"};
  if (parse_dimension(name)) return fmt::format("{} is a built-in dimension", name);
  for (const std::string_view bucket : {"hour", "day", "week", "month", "quarter", "year", "hour_of_week"}) {
    if (bucket == name) return fmt::format("{} is a time bucket", name);
  }
  for (const RecordType type : {RecordType::interaction, RecordType::interaction_event, RecordType::survey,
                                RecordType::customer_event, RecordType::agent_event}) {
    if (field_slot(type, name)) return fmt::format("{} is a field of {}", name, plural(type));
  }
  if (name == "record") return std::string{"record is the member that routes the lines of a mixed file"};
  if (!valid_utf8(name)) return std::string{"a custom dimension's name must be valid UTF-8"};
  return std::nullopt;
}

std::optional<RecordType> parse_record_type(std::string_view text) noexcept { return lookup(record_types, text); }

std::optional<Problem> RecordBuilder::build(const RawRecord& v, Interaction& out) const {
  namespace f = interaction_field;
  Fields c(v, interaction_names, instants_, custom_);
  const bool ok = c.label(f::id, out.id) && c.label(f::customer_id, out.customer_id) &&
                  c.label(f::channel, out.channel) && c.label(f::topic, out.topic) &&
                  c.label(f::product, out.product) && c.label(f::kind, out.kind) &&
                  c.choice(f::priority, out.priority, priorities) && c.label(f::agent_id, out.agent_id) &&
                  c.label(f::team, out.team) && c.label(f::department, out.department) &&
                  c.instant(f::created_at, out.created_at) && c.instant(f::first_response_at, out.first_response_at) &&
                  c.instant(f::resolved_at, out.resolved_at) && c.count(f::contacts, out.contacts, 1) &&
                  c.count(f::reopened, out.reopened, 0) &&
                  c.amount(f::handle_seconds, out.handle_seconds, max_duration_seconds) &&
                  c.amount(f::wait_seconds, out.wait_seconds, max_duration_seconds) &&
                  c.flag(f::abandoned, out.abandoned) && c.money(f::cost, out.cost) && c.custom(out.custom);
  if (!ok) return std::move(c.problem);
  if (out.first_response_at && *out.first_response_at < out.created_at) {
    return inconsistent("first_response_at before created_at");
  }
  if (out.resolved_at && *out.resolved_at < out.created_at) return inconsistent("resolved_at before created_at");
  if (out.abandoned && out.first_response_at) return inconsistent("abandoned with a first_response_at");
  return std::nullopt;
}

std::optional<Problem> RecordBuilder::build(const RawRecord& v, SurveyResponse& out) const {
  namespace f = survey_field;
  Fields c(v, survey_names, instants_, custom_);
  if (!(c.label(f::id, out.id) && c.choice(f::kind, out.kind, survey_kinds))) return std::move(c.problem);
  const ScoreScale scale = scales_.of(out.kind);
  std::optional<std::int64_t> score;
  if (!c.whole(f::score, score, scale.min, scale.max)) {
    if (c.problem->reason == RejectReason::out_of_range) {
      c.problem->detail = fmt::format("{} score {} is outside {}-{}", to_string(out.kind), trim(c.raw(f::score).text),
                                      scale.min, scale.max);
    }
    return std::move(c.problem);
  }
  if (!score) {
    c.missing(f::score);
    return std::move(c.problem);
  }
  out.score = static_cast<int>(*score);
  const bool ok = c.instant(f::responded_at, out.responded_at, true) && c.label(f::customer_id, out.customer_id) &&
                  c.label(f::interaction_id, out.interaction_id) && c.label(f::channel, out.channel) &&
                  c.label(f::topic, out.topic) && c.label(f::product, out.product) &&
                  c.choice(f::priority, out.priority, priorities) && c.label(f::agent_id, out.agent_id) &&
                  c.label(f::team, out.team) && c.label(f::department, out.department) && c.custom(out.custom);
  if (!ok) return std::move(c.problem);
  return std::nullopt;
}

std::optional<Problem> RecordBuilder::build(const RawRecord& v, InteractionEvent& out) const {
  namespace f = event_field;
  Fields c(v, event_names, instants_);
  const bool ok = c.label(f::interaction_id, out.interaction_id) && c.instant(f::at, out.at) &&
                  c.choice(f::type, out.type, event_types) && c.choice(f::status, out.status, statuses) &&
                  c.label(f::agent_id, out.agent_id);
  if (!ok) return std::move(c.problem);
  if (out.type == InteractionEventType::status) {
    if (!out.status) {
      c.fail(f::status, RejectReason::missing_field, "a status event needs a status");
      return std::move(c.problem);
    }
  } else {
    out.status.reset();  // checked, then ignored: only status events carry one
  }
  return std::nullopt;
}

std::optional<Problem> RecordBuilder::build(const RawRecord& v, CustomerEvent& out) const {
  namespace f = customer_event_field;
  Fields c(v, customer_event_names, instants_, custom_);
  const bool ok = c.label(f::customer_id, out.customer_id) && c.choice(f::type, out.type, customer_event_types) &&
                  c.instant(f::at, out.at, true) && c.label(f::product, out.product) && c.money(f::mrr, out.mrr) &&
                  c.custom(out.custom);
  if (!ok) return std::move(c.problem);
  return std::nullopt;
}

std::optional<Problem> RecordBuilder::build(const RawRecord& v, AgentEvent& out) const {
  namespace f = agent_event_field;
  Fields c(v, agent_event_names, instants_);
  const bool ok = c.label(f::agent_id, out.agent_id) && c.choice(f::type, out.type, agent_event_types) &&
                  c.instant(f::at, out.at, true) && c.label(f::team, out.team) && c.label(f::department, out.department);
  if (!ok) return std::move(c.problem);
  return std::nullopt;
}

bool valid_utf8(std::string_view text) noexcept { return first_invalid_utf8(text) == text.size(); }

std::string invalid_utf8_detail(std::string_view text) {
  // windows-1252 0x80-0x9F (0 = undefined there); 0xA0-0xFF are U+00A0-U+00FF as in latin-1.
  constexpr char32_t cp1252[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                   0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                   0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
  const std::size_t bad = first_invalid_utf8(text);
  std::string shown;
  const std::string_view value = text.substr(0, 200);
  for (std::size_t i = 0; i < value.size();) {
    const std::size_t next = i + std::min(value.size() - i, first_invalid_utf8(value.substr(i)));
    shown.append(value.substr(i, next - i));
    if (next == value.size()) break;
    shown += fmt::format("\\x{:02X}", static_cast<unsigned char>(value[next]));
    i = next + 1;
  }
  if (text.size() > value.size()) shown += "…";
  if (bad >= text.size()) return fmt::format("'{}' is not valid UTF-8", shown);
  const auto byte = static_cast<unsigned char>(text[bad]);
  const char32_t as1252 = byte >= 0xA0 ? byte : byte >= 0x80 ? cp1252[byte - 0x80] : 0;
  std::string meaning;
  if (as1252 != 0) {
    std::string utf8;
    if (as1252 < 0x800) {
      utf8 += static_cast<char>(0xC0 | (as1252 >> 6));
      utf8 += static_cast<char>(0x80 | (as1252 & 0x3F));
    } else {
      utf8 += static_cast<char>(0xE0 | (as1252 >> 12));
      utf8 += static_cast<char>(0x80 | ((as1252 >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (as1252 & 0x3F));
    }
    meaning = fmt::format(", '{}' in windows-1252", utf8);
  }
  return fmt::format("'{}' is not valid UTF-8 (byte 0x{:02X} at position {}{}; expected UTF-8 text)", shown, byte,
                     bad + 1, meaning);
}

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (n - i >= 8) {  // eight ASCII bytes at a time
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // no overlong forms
      if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return n;
}

}  // namespace cskpi::detail
