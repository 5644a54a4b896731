#include "io/plain_record.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "cskpi/time.hpp"
#include "detail/same_text.hpp"

namespace cskpi::detail {
namespace {

// The enumerated value a text spells, as cskpi writes it (lower case, no blanks); nullopt for
// any other text.
template <class E, std::size_t N>
std::optional<E> name_of(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (same_text(names[i], text)) return static_cast<E>(i);
  }
  return std::nullopt;
}

// Reads the fields of one record; `ok` turns false at the first value it declines.
class PlainFields {
 public:
  PlainFields(const RawRecord& v, UtcInstantReader& instants) : v_(v), instants_(instants) {}

  bool ok = true;

  // A label: verbatim text; absent (empty) when missing or "".
  LabelView label(std::size_t slot) {
    const RawValue& r = v_[slot];
    if (r.kind == ValueKind::absent) return {};
    if (r.kind != ValueKind::text || !r.utf8) return decline(), LabelView{};
    return r.text;
  }

  std::string_view required_label(std::size_t slot) {
    const LabelView l = label(slot);
    if (l.empty()) decline();
    return l;
  }

  std::int64_t instant(std::size_t slot) {
    const RawValue& r = v_[slot];
    if (r.kind == ValueKind::absent || (r.kind == ValueKind::text && r.text.empty())) return no_instant;
    if (r.kind != ValueKind::text) return decline(), no_instant;
    if (std::int64_t ms = 0; instants_.read(r.text, ms)) return ms;
    const InstantParse parsed = parse_instant(r.text);  // what the general rules read without a format
    if (!parsed.value) return decline(), no_instant;
    return to_millis(*parsed.value);
  }

  std::int64_t required_instant(std::size_t slot) {
    const std::int64_t ms = instant(slot);
    if (ms == no_instant) decline();
    return ms;
  }

  // The text of a number field; empty when absent (or declined). The number readers below give
  // their results as values with a sentinel, not std::optional, which GCC returns through memory.
  std::string_view numeric_text(std::size_t slot) {
    const RawValue& r = v_[slot];
    if (r.kind == ValueKind::absent) return {};
    if (r.kind != ValueKind::text && r.kind != ValueKind::number) return decline(), std::string_view{};
    return r.text;
  }

  // A plain decimal into `out`; false when it is not one (declined).
  bool number(std::string_view text, double& out) {
    if (read_simple_decimal(text, out)) return true;
    decline();
    return false;
  }

  // A whole number in [min, max], or no_value (-1) when absent (or declined): a caller whose min
  // is below 0 takes -1 as declined, and the general rules read the record. Digits alone (the usual
  // spelling) are read as an integer: below 10^15 it is the double simple_decimal gives.
  std::int64_t whole(std::size_t slot, std::int64_t min, std::int64_t max) {
    const std::string_view text = numeric_text(slot);
    if (text.empty()) return no_value;
    if (std::uint64_t digits = 0; read_plain_digits(text, digits)) {
      const auto value = static_cast<std::int64_t>(digits);
      if (value < min || value > max) return decline(), no_value;
      return value;
    }
    double value = 0;
    if (!number(text, value)) return no_value;
    if (std::floor(value) != value || value < static_cast<double>(min) || value > static_cast<double>(max)) {
      return decline(), no_value;
    }
    return static_cast<std::int64_t>(value);
  }

  // A count (≥ min, in 32 bits), or no_value.
  std::int64_t count(std::size_t slot, std::int64_t min) {
    return whole(slot, min, std::numeric_limits<std::uint32_t>::max());
  }

  // A number in [0, max] of seconds → milliseconds, or no_value.
  std::int64_t seconds(std::size_t slot) {
    const std::string_view text = numeric_text(slot);
    if (text.empty()) return no_value;
    if (std::uint64_t digits = 0; read_plain_digits(text, digits)) {  // d · 1000 < 2^53: llround(d · 1000.0) exactly
      if (static_cast<double>(digits) > max_duration_seconds) return decline(), no_value;
      return static_cast<std::int64_t>(digits) * 1000;
    }
    double value = 0;
    if (!number(text, value)) return no_value;
    if (value < 0 || value > max_duration_seconds) return decline(), no_value;
    return std::llround(value * 1000.0);
  }

  // A sum of money in [0, 9e12), or NaN.
  double money(std::size_t slot) {
    const std::string_view text = numeric_text(slot);
    if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
    double value = 0;
    if (!number(text, value)) return std::numeric_limits<double>::quiet_NaN();
    if (value < 0 || value >= 9e12) return decline(), 0.0;
    return value;
  }

  // An enumerated value spelled as cskpi writes it (lower case, no blanks); nullopt when absent.
  template <class E, std::size_t N>
  std::optional<E> choice(std::size_t slot, const std::array<std::string_view, N>& names) {
    const RawValue& r = v_[slot];
    if (r.kind == ValueKind::absent) return std::nullopt;
    if (r.kind != ValueKind::text) return decline();
    if (r.text.empty()) return std::nullopt;
    if (const auto value = name_of<E>(r.text, names)) return value;
    return decline();
  }

  bool flag(std::size_t slot) {
    const RawValue& r = v_[slot];
    if (r.kind == ValueKind::absent || (r.kind == ValueKind::text && r.text.empty())) return false;
    if (r.kind != ValueKind::text) return decline(), false;
    for (const std::string_view yes : {"true", "1", "yes"}) {
      if (same_text(yes, r.text)) return true;
    }
    for (const std::string_view no : {"false", "0", "no"}) {
      if (same_text(no, r.text)) return false;
    }
    decline();
    return false;
  }

  void custom(SharedLabels& l, std::size_t count) {
    l.custom_count = count;
    for (std::size_t k = 0; k < count; ++k) l.custom[k] = label(first_custom_slot + k);
  }

 private:
  std::nullopt_t decline() noexcept {
    ok = false;
    return std::nullopt;
  }

  const RawRecord& v_;
  UtcInstantReader& instants_;
};

// The enumerations in the order of their values (the spelling to_string() gives).
constexpr std::array<std::string_view, 4> priority_names = {"low", "normal", "high", "urgent"};
constexpr std::array<std::string_view, 4> survey_kind_names = {"nps", "csat", "ces", "enps"};
constexpr std::array<std::string_view, 3> event_type_names = {"agent_reply", "customer_message", "status"};
constexpr std::array<std::string_view, 6> status_names = {"new", "open", "pending", "on_hold", "solved", "closed"};

}  // namespace

bool PlainRecordReader::read(const RawRecord& v, InteractionValues& out) {
  namespace f = interaction_field;
  PlainFields c(v, instants_);
  out.id = c.required_label(f::id);
  out.customer = c.label(f::customer_id);
  out.labels.channel = c.required_label(f::channel);
  out.labels.topic = c.label(f::topic);
  out.labels.product = c.label(f::product);
  out.kind = c.label(f::kind);
  out.labels.priority = c.choice<Priority>(f::priority, priority_names);
  out.labels.agent = c.label(f::agent_id);
  out.labels.team = c.label(f::team);
  out.labels.department = c.label(f::department);
  InteractionMeasures& m = out.measures;
  m.created_ms = c.required_instant(f::created_at);
  m.first_response_ms = c.instant(f::first_response_at);
  m.resolved_ms = c.instant(f::resolved_at);
  m.contacts = c.count(f::contacts, 1);
  m.reopened = c.count(f::reopened, 0);
  m.handle_ms = c.seconds(f::handle_seconds);
  m.wait_ms = c.seconds(f::wait_seconds);
  m.abandoned = c.flag(f::abandoned);
  m.cost = c.money(f::cost);
  c.custom(out.labels, custom_count_);
  if (!c.ok) return false;
  // The consistency rules (RecordBuilder::build): a record that breaks one is the general rules'.
  if (m.first_response_ms != no_instant && m.first_response_ms < m.created_ms) return false;
  if (m.resolved_ms != no_instant && m.resolved_ms < m.created_ms) return false;
  return !(m.abandoned && m.first_response_ms != no_instant);
}

bool PlainRecordReader::read(const RawRecord& v, SurveyValues& out) {
  namespace f = survey_field;
  PlainFields c(v, instants_);
  out.id = c.required_label(f::id);
  const auto kind = c.choice<SurveyKind>(f::kind, survey_kind_names);
  if (!kind || !c.ok) return false;
  out.kind = *kind;
  const ScoreScale scale = scales_.of(out.kind);
  const std::int64_t score = c.whole(f::score, scale.min, scale.max);
  if (score == no_value) return false;  // absent, or declined
  out.score = static_cast<int>(score);
  out.responded_ms = c.required_instant(f::responded_at);
  out.customer = c.label(f::customer_id);
  out.link = c.label(f::interaction_id);
  out.labels.channel = c.label(f::channel);
  out.labels.topic = c.label(f::topic);
  out.labels.product = c.label(f::product);
  out.labels.priority = c.choice<Priority>(f::priority, priority_names);
  out.labels.agent = c.label(f::agent_id);
  out.labels.team = c.label(f::team);
  out.labels.department = c.label(f::department);
  c.custom(out.labels, custom_count_);
  return c.ok;
}

bool PlainRecordReader::read(const RawRecord& v, EventValues& out) {
  namespace f = event_field;
  // A value that is not text, or not known to be UTF-8, is declined whatever its field: as a
  // label it is not one, and no instant or enumerated value is spelled with a byte past ASCII.
  std::array<std::string_view, f::count> texts{};
  for (std::size_t slot = 0; slot < f::count; ++slot) {
    const RawValue& r = v[slot];
    if (r.kind == ValueKind::absent) continue;
    if (r.kind != ValueKind::text || !r.utf8) return false;
    texts[slot] = r.text;
  }
  return read(EventTexts{texts[f::interaction_id], texts[f::at], texts[f::type], texts[f::status], texts[f::agent_id]},
              out);
}

bool PlainRecordReader::read(const EventTexts& t, EventValues& out) {
  if (t.interaction.empty() || t.at.empty()) return false;
  out.interaction = t.interaction;
  if (!instants_.read(t.at, out.at_ms)) {
    const InstantParse parsed = parse_instant(t.at);  // what the general rules read without a format
    if (!parsed.value) return false;
    out.at_ms = to_millis(*parsed.value);
  }
  const auto type = name_of<InteractionEventType>(t.type, event_type_names);
  if (!type) return false;  // absent, or not a type
  out.type = *type;
  out.status.reset();
  if (!t.status.empty()) {  // checked for every type
    out.status = name_of<TicketStatus>(t.status, status_names);
    if (!out.status) return false;
  }
  out.agent = t.agent;
  if (out.type != InteractionEventType::status) {
    out.status.reset();  // only status events carry one
  } else if (!out.status) {
    return false;  // a status event needs a status: the general rules say so
  }
  return true;
}

}  // namespace cskpi::detail
