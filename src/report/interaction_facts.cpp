#include "report/interaction_facts.hpp"

#include <algorithm>
#include <cmath>

#include "cskpi/error.hpp"

namespace cskpi::detail {
namespace {

FcrMethod default_fcr_method(const Dataset& data) {
  // Stored once some record has a contact count.
  return data.interactions().contacts.stored() ? FcrMethod::contacts : FcrMethod::repeat_window;
}

/// Whether a repeat contact follows each interaction, looking at contacts created up to as_of.
/// Contacts without a customer are neither cases nor repeats (SPEC v3 §1).
std::vector<std::uint8_t> repeat_flags(const Dataset& data, Milliseconds window, std::int64_t as_of) {
  const auto& c = data.interactions();
  std::vector<std::uint32_t> rows;
  std::vector<std::uint32_t> customer;
  std::vector<std::uint32_t> topic;
  std::vector<std::int64_t> created;
  for (std::size_t r = 0; r < c.size(); ++r) {
    if (c.created_ms[r] > as_of || c.customer[r] == no_code) continue;  // not happened yet, or anonymous
    rows.push_back(static_cast<std::uint32_t>(r));
    customer.push_back(c.customer[r]);
    topic.push_back(c.dim[index_of(Dimension::topic)][r]);
    created.push_back(c.created_ms[r]);
  }
  const auto subset = repeat_contacts(customer, topic, created, window);
  std::vector<std::uint8_t> flags(c.size(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) flags[rows[i]] = subset[i];
  return flags;
}

bool in_state(std::size_t state, TicketStatus s) {
  switch (state) {
    case 0: return s == TicketStatus::new_ || s == TicketStatus::open || s == TicketStatus::on_hold;  // requester_wait
    case 1: return s == TicketStatus::new_ || s == TicketStatus::open;                                // agent_work
    case 2: return s == TicketStatus::on_hold;
    default: return s == TicketStatus::pending;
  }
}

std::uint32_t code_of(const Dataset& data, Dimension d, std::string_view label) {
  const auto code = data.dictionary(d).find(label);
  return code ? *code : no_code;
}

}  // namespace

FactsBuilder::FactsBuilder(const Dataset& data, const MetricConfig& config, std::int64_t as_of) {
  auto shared = std::make_shared<Shared>();
  shared->data = &data;
  shared->as_of = as_of;
  shared_ = shared;  // init() reads it through this builder's derive_history
  init(*shared, *this, data, config);
}

void FactsBuilder::init(Shared& s, FactsBuilder& scratch, const Dataset& data, const MetricConfig& config) {
  s.policies = config.sla;
  s.fcr_method = config.fcr_method.value_or(default_fcr_method(data));
  if (s.fcr_method == FcrMethod::repeat_window) s.repeats = repeat_flags(data, config.fcr_window, s.as_of);
  for (const auto& [name, spec] : config.calendars) s.calendars.emplace(name, BusinessCalendar{spec});
  if (config.business_calendar) {
    const auto it = s.calendars.find(*config.business_calendar);
    if (it == s.calendars.end()) {
      throw Error(ErrorCode::invalid_config, "business_calendar '" + *config.business_calendar + "' is not a calendar");
    }
    s.business = &it->second;
  }
  for (const auto& [priority, policy] : s.policies) {
    if (policy.calendar && s.calendars.count(*policy.calendar) == 0) {
      throw Error(ErrorCode::invalid_config, "the SLA policy of priority " + std::string{to_string(priority)} +
                                                 " names no calendar '" + *policy.calendar + "'");
    }
  }
  const Dictionary& priorities = data.dictionary(Dimension::priority);
  s.policy_of_code.assign(priorities.size(), nullptr);
  for (std::uint32_t code = 0; code < priorities.size(); ++code) {
    for (const auto& [priority, policy] : s.policies) {
      if (priorities.value(code) == to_string(priority)) s.policy_of_code[code] = &policy;
    }
  }
  s.self_service_code = code_of(data, Dimension::channel, "self_service");
  s.complaint_code = code_of(data, Dimension::kind, "complaint");

  // Resolutions derived from histories: a column of its own only when some record has one
  // (otherwise the record's resolved_at column serves, and nothing is copied).
  const auto& c = data.interactions();
  if (data.has_events()) {
    for (std::size_t r = 0; r < c.size(); ++r) {
      if (c.resolved_ms[r] != no_instant || data.events_of(r).empty()) continue;
      scratch.derive_history(r);
      if (!scratch.history_.resolved_at) continue;
      if (s.resolved_at.empty()) s.resolved_at = c.resolved_ms.millis();
      s.resolved_at[r] = to_millis(*scratch.history_.resolved_at);
    }
  }
}

std::int64_t FactsBuilder::business_ms(const BusinessCalendar& calendar, std::int64_t a, std::int64_t b) {
  if (b <= a) return 0;
  return calendar.business_time(from_millis(a), from_millis(b)).count();
}

void FactsBuilder::derive_history(std::size_t row) {
  const auto& e = shared_->data->interaction_events();
  events_.clear();
  for (const std::uint32_t i : shared_->data->events_of(row)) events_.push_back(HistoryEvent{from_millis(e.at_ms[i]), e.type[i], e.status[i]});
  const auto& c = shared_->data->interactions();
  const std::int64_t record_resolved = c.resolved_ms[row];
  cskpi::derive_history(from_millis(c.created_ms[row]), events_, from_millis(shared_->as_of),
                        record_resolved != no_instant ? std::optional{from_millis(record_resolved)} : std::nullopt,
                        history_);
}

std::int64_t FactsBuilder::paused_ms(const SlaPolicy& policy, const BusinessCalendar* calendar, std::int64_t from,
                                     std::int64_t to) const {
  std::int64_t paused = 0;
  for (const StatusSpan& span : history_.statuses) {
    if (std::find(policy.paused.begin(), policy.paused.end(), span.status) == policy.paused.end()) continue;
    const std::int64_t a = std::max(from, to_millis(span.from));
    const std::int64_t b = std::min(to, to_millis(span.to));
    if (b <= a) continue;
    paused += calendar ? business_ms(*calendar, a, b) : b - a;
  }
  return paused;
}

void FactsBuilder::sla(std::size_t row, InteractionFacts& f) const {
  const std::uint32_t code = shared_->data->interactions().dim[index_of(Dimension::priority)][row];
  if (code == no_code || code >= shared_->policy_of_code.size() || shared_->policy_of_code[code] == nullptr) return;
  const SlaPolicy& policy = *shared_->policy_of_code[code];
  const BusinessCalendar* calendar = policy.calendar ? &shared_->calendars.at(*policy.calendar) : nullptr;
  const std::int64_t created = shared_->data->interactions().created_ms[row];
  const auto elapsed = [&](std::int64_t t) {
    return Milliseconds{calendar ? business_ms(*calendar, created, t) : std::max<std::int64_t>(0, t - created)};
  };
  if (policy.first_response) {
    // No first response: the resolution counts as the response.
    const std::int64_t done = f.first_response_at != no_instant ? f.first_response_at : f.resolved_at;
    const auto at_done = done != no_instant ? std::optional<Milliseconds>{elapsed(done)} : std::nullopt;
    f.sla_first_response = SlaOutcome{sla_status(at_done, elapsed(shared_->as_of), *policy.first_response), *policy.first_response};
  }
  if (policy.resolution) {
    const bool pauses = f.has_history && !policy.paused.empty();
    const auto clock = [&](std::int64_t t) {
      return pauses ? elapsed(t) - Milliseconds{paused_ms(policy, calendar, created, t)} : elapsed(t);
    };
    const auto at_done = f.resolved_at != no_instant ? std::optional<Milliseconds>{clock(f.resolved_at)} : std::nullopt;
    f.sla_resolution = SlaOutcome{sla_status(at_done, clock(shared_->as_of), *policy.resolution), *policy.resolution};
  }
}

void FactsBuilder::build(std::size_t row, InteractionFacts& f) {
  const auto& c = shared_->data->interactions();
  const std::int64_t created = c.created_ms[row];
  f.has_history = shared_->data->has_events() && !shared_->data->events_of(row).empty();
  if (f.has_history) derive_history(row);

  f.first_response_at = c.first_response_ms[row];
  if (f.first_response_at == no_instant && f.has_history && history_.first_response_at) {
    f.first_response_at = to_millis(*history_.first_response_at);
  }
  if (f.first_response_at > shared_->as_of) f.first_response_at = no_instant;
  const std::int64_t resolved = resolved_at(row);
  f.resolved_at = resolved <= shared_->as_of ? resolved : no_instant;
  f.resolved = f.resolved_at != no_instant;
  f.first_response_ms = f.first_response_at != no_instant ? f.first_response_at - created : no_value;
  f.resolution_ms = f.resolved ? f.resolved_at - created : no_value;
  f.first_response_business_ms = no_value;
  f.resolution_business_ms = no_value;
  if (shared_->business != nullptr) {
    if (f.first_response_at != no_instant) f.first_response_business_ms = business_ms(*shared_->business, created, f.first_response_at);
    if (f.resolved) f.resolution_business_ms = business_ms(*shared_->business, created, f.resolved_at);
  }

  const std::int64_t reopened = c.reopened[row] != no_value ? c.reopened[row]
                                : f.has_history           ? static_cast<std::int64_t>(history_.reopened)
                                                          : 0;
  f.reopened = reopened >= 1;
  const std::uint32_t channel = c.dim[index_of(Dimension::channel)][row];
  f.self_service = shared_->self_service_code != no_code && channel == shared_->self_service_code;
  f.complaint = shared_->complaint_code != no_code && c.dim[index_of(Dimension::kind)][row] == shared_->complaint_code;
  f.first_contact.reset();
  if (f.resolved && !f.self_service) {
    if (shared_->fcr_method == FcrMethod::contacts) {
      if (c.contacts[row] != no_value) f.first_contact = c.contacts[row] == 1 && !f.reopened;
    } else if (c.customer[row] != no_code) {  // without a customer: no repeat-window case
      f.first_contact = !f.reopened && shared_->repeats[row] == 0;
    }
  }

  f.next_reply_ms.clear();
  f.next_reply_business_ms.clear();
  if (f.has_history) {
    f.state_ms = {history_.requester_wait.count(), history_.agent_work.count(), history_.on_hold.count(),
                  history_.pending.count()};
    for (const Milliseconds d : history_.next_reply) f.next_reply_ms.push_back(d.count());
    f.state_business_ms = {0, 0, 0, 0};
    if (shared_->business != nullptr) {
      for (const StatusSpan& span : history_.statuses) {
        const std::int64_t b = business_ms(*shared_->business, to_millis(span.from), to_millis(span.to));
        for (std::size_t s = 0; s < state_count; ++s) {
          if (in_state(s, span.status)) f.state_business_ms[s] += b;
        }
      }
      for (const auto& [message, reply] : history_.next_reply_spans) {
        f.next_reply_business_ms.push_back(business_ms(*shared_->business, to_millis(message), to_millis(reply)));
      }
    }
  }
  f.sla_first_response.reset();
  f.sla_resolution.reset();
  sla(row, f);
}

}  // namespace cskpi::detail
