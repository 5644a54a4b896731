#include "io/record_pack.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "detail/same_text.hpp"

namespace cskpi::detail {
namespace {

LabelView view(const std::optional<std::string>& s) { return s ? LabelView{*s} : LabelView{}; }

std::int64_t millis_or(const std::optional<TimePoint>& t) { return t ? to_millis(*t) : no_instant; }

std::int64_t seconds_to_millis(const std::optional<double>& seconds) {
  return seconds ? std::llround(*seconds * 1000.0) : no_value;
}

template <class Record>
SharedLabels shared_labels(const Record& r) {
  SharedLabels l;
  l.topic = view(r.topic);
  l.product = view(r.product);
  l.priority = r.priority;
  l.agent = view(r.agent_id);
  l.team = view(r.team);
  l.department = view(r.department);
  l.custom_count = std::min(r.custom.size(), l.custom.size());
  for (std::size_t k = 0; k < l.custom_count; ++k) l.custom[k] = view(r.custom[k]);
  return l;
}

ArenaRef put_label(std::string& arena, LabelView text) { return text.empty() ? ArenaRef{} : put(arena, text); }

// The hash of an id, or 0 (computed where needed) when absent or when the dictionary it goes to
// finds ids without one now.
std::uint64_t id_hash(std::string_view id, const IdHashWants* wants, std::atomic<bool> IdHashWants::*which) {
  if (id.empty() || (wants != nullptr && !(wants->*which).load(std::memory_order_relaxed))) return 0;
  return Dictionary::hash(id);
}

std::uint32_t label(Batch& out, Dimension d, LabelView value) {
  return value.empty() ? no_code : out.label(d, value);
}

// The labels → batch codes (a priority as its name: the dimension's labels are the enum names),
// the custom values → the batch; the index of the first custom value.
std::uint32_t put_labels(Batch& out, const SharedLabels& l, std::array<std::uint32_t, dimension_count>& dim) {
  dim[index_of(Dimension::channel)] = label(out, Dimension::channel, l.channel);
  dim[index_of(Dimension::topic)] = label(out, Dimension::topic, l.topic);
  dim[index_of(Dimension::product)] = label(out, Dimension::product, l.product);
  dim[index_of(Dimension::agent)] = label(out, Dimension::agent, l.agent);
  dim[index_of(Dimension::team)] = label(out, Dimension::team, l.team);
  dim[index_of(Dimension::department)] = label(out, Dimension::department, l.department);
  dim[index_of(Dimension::priority)] = l.priority ? out.label(Dimension::priority, to_string(*l.priority)) : no_code;
  const auto first = static_cast<std::uint32_t>(out.custom.size());
  for (std::size_t k = 0; k < l.custom_count; ++k) out.custom.push_back(put_label(out.arena, l.custom[k]));
  return first;
}

}  // namespace

ArenaRef put(std::string& arena, std::string_view text) {
  const ArenaRef r{static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(text.size())};
  arena.append(text);
  return r;
}

InteractionValues values_of(const Interaction& r) {
  InteractionValues v;
  v.id = r.id;
  v.customer = view(r.customer_id);
  v.kind = view(r.kind);
  v.labels = shared_labels(r);
  v.labels.channel = std::string_view{r.channel};
  InteractionMeasures& m = v.measures;
  m.created_ms = to_millis(r.created_at);
  m.first_response_ms = millis_or(r.first_response_at);
  m.resolved_ms = millis_or(r.resolved_at);
  m.contacts = r.contacts ? static_cast<std::int64_t>(*r.contacts) : no_value;
  m.reopened = r.reopened ? static_cast<std::int64_t>(*r.reopened) : no_value;
  m.handle_ms = seconds_to_millis(r.handle_seconds);
  m.wait_ms = seconds_to_millis(r.wait_seconds);
  m.cost = r.cost ? *r.cost : std::numeric_limits<double>::quiet_NaN();
  m.abandoned = r.abandoned;
  return v;
}

SurveyValues values_of(const SurveyResponse& r) {
  SurveyValues v;
  v.id = r.id;
  v.customer = view(r.customer_id);
  v.link = view(r.interaction_id);
  v.labels = shared_labels(r);
  v.labels.channel = view(r.channel);
  v.responded_ms = to_millis(r.responded_at);
  v.score = r.score;
  v.kind = r.kind;
  return v;
}

EventValues values_of(const InteractionEvent& r) {
  EventValues v;
  v.interaction = r.interaction_id;
  v.agent = view(r.agent_id);
  v.at_ms = to_millis(r.at);
  v.type = r.type;
  v.status = r.status;
  return v;
}

void pack(Batch& out, const EventValues& r, std::uint64_t start, std::uint64_t line, const IdHashWants* wants) {
  PackedEvent row;
  // An interaction's events usually come together, often with one agent: what they share with
  // the event before (the agent: the last event with one) is taken from it.
  const PackedEvent* before = out.events.empty() ? nullptr : &out.events.back();
  if (before != nullptr && same_text(out.text(before->interaction), r.interaction)) {
    row.interaction = before->interaction;
    row.interaction_hash = before->interaction_hash;
  } else {
    row.interaction = put(out.arena, r.interaction);
    row.interaction_hash = id_hash(r.interaction, wants, &IdHashWants::id);
  }
  const BatchLabels& agents = out.labels[index_of(Dimension::agent)];
  if (r.agent.empty()) {
    row.agent = no_code;
  } else if (out.last_event_agent != no_code && same_text(out.text(agents.text[out.last_event_agent]), r.agent)) {
    row.agent = out.last_event_agent;
  } else {
    row.agent = out.label(Dimension::agent, r.agent);
    out.last_event_agent = row.agent;
  }
  row.at_ms = r.at_ms;
  row.type = r.type;
  row.status = r.status ? static_cast<std::uint8_t>(*r.status) : PackedEvent::no_status;
  out.entries.push_back({start, line, static_cast<std::uint32_t>(out.events.size()), Batch::Kind::event});
  out.events.push_back(row);
}

void pack(Batch& out, const InteractionValues& r, std::uint64_t start, std::uint64_t line,
          const IdHashWants* wants) {
  PackedInteraction row;
  row.id = put(out.arena, r.id);
  row.customer = put_label(out.arena, r.customer);
  row.id_hash = id_hash(r.id, wants, &IdHashWants::id);
  row.customer_hash = id_hash(r.customer, wants, &IdHashWants::customer);
  row.custom = put_labels(out, r.labels, row.dim);
  row.dim[index_of(Dimension::kind)] = label(out, Dimension::kind, r.kind);
  row.measures = r.measures;
  out.entries.push_back({start, line, static_cast<std::uint32_t>(out.interactions.size()), Batch::Kind::interaction});
  out.interactions.push_back(row);
}

void pack(Batch& out, const SurveyValues& r, std::uint64_t start, std::uint64_t line, const IdHashWants* wants) {
  PackedSurvey row;
  row.id = put(out.arena, r.id);
  row.id_hash = id_hash(r.id, wants, &IdHashWants::id);
  row.customer = put_label(out.arena, r.customer);
  row.customer_hash = id_hash(r.customer, wants, &IdHashWants::customer);
  row.link = put_label(out.arena, r.link);
  row.link_hash = id_hash(r.link, wants, &IdHashWants::link);
  row.dim.fill(no_code);  // the kind dimension is never explicit on a survey
  row.custom = put_labels(out, r.labels, row.dim);
  row.kind = r.kind;
  row.score = static_cast<std::int16_t>(r.score);
  row.responded_ms = r.responded_ms;
  out.entries.push_back({start, line, static_cast<std::uint32_t>(out.surveys.size()), Batch::Kind::survey});
  out.surveys.push_back(row);
}

}  // namespace cskpi::detail
