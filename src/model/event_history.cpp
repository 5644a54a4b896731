#include "cskpi/model/event_history.hpp"

#include <algorithm>
#include <cstddef>

namespace cskpi {
namespace {

[[nodiscard]] constexpr bool is_resolved(TicketStatus s) noexcept {
  return s == TicketStatus::solved || s == TicketStatus::closed;
}

/// Adds one closed stretch of time to the state durations of its status.
void add_duration(HistoryFacts& facts, TicketStatus status, Milliseconds length) noexcept {
  switch (status) {
    case TicketStatus::new_:
    case TicketStatus::open:
      facts.requester_wait += length;
      facts.agent_work += length;
      break;
    case TicketStatus::on_hold:
      facts.requester_wait += length;
      facts.on_hold += length;
      break;
    case TicketStatus::pending: facts.pending += length; break;
    case TicketStatus::solved:
    case TicketStatus::closed: break;
  }
}

/// Builds the timeline of [created_at, end) from the status events, keeping spans of
/// positive length with differing neighbours, and sums the state durations.
void build_timeline(HistoryFacts& facts, TimePoint created_at, const std::vector<HistoryEvent>& events,
                    TimePoint end) {
  // The open span, [from, the next move), in status; kept in scalars (a span copied whole
  // through memory per move stalled on its store).
  TimePoint from = created_at;
  TicketStatus status = TicketStatus::new_;
  for (const HistoryEvent& e : events) {
    if (e.at >= end) break;  // moves at the end instant leave no time before it
    if (e.type != InteractionEventType::status || e.status == status) continue;
    if (e.at > from) {
      facts.statuses.push_back(StatusSpan{from, e.at, status});
      from = e.at;
    } else if (!facts.statuses.empty() && facts.statuses.back().status == e.status) {
      // A second move at the span's first instant: the first one lasted no time.
      from = facts.statuses.back().from;
      facts.statuses.pop_back();
    }
    status = e.status;
  }
  if (end > from) facts.statuses.push_back(StatusSpan{from, end, status});
  for (const StatusSpan& s : facts.statuses) add_duration(facts, s.status, s.to - s.from);
}

}  // namespace

HistoryFacts derive_history(TimePoint created_at, const std::vector<HistoryEvent>& events, TimePoint as_of,
                            std::optional<TimePoint> record_resolved_at) {
  HistoryFacts facts;
  derive_history(created_at, events, as_of, record_resolved_at, facts);
  return facts;
}

void derive_history(TimePoint created_at, const std::vector<HistoryEvent>& events, TimePoint as_of,
                    std::optional<TimePoint> record_resolved_at, HistoryFacts& facts) {
  facts.first_response_at.reset();
  facts.resolved_at.reset();
  facts.reopened = 0;
  facts.requester_wait = facts.agent_work = facts.on_hold = facts.pending = Milliseconds{0};
  facts.next_reply.clear();
  facts.next_reply_spans.clear();
  facts.statuses.clear();
  // Events up to as_of: the resolved run and reopens, and what to reserve.
  TicketStatus current = TicketStatus::new_;
  TimePoint run_start{};
  std::size_t status_changes = 0;
  std::size_t messages = 0;
  std::size_t happened = 0;
  for (; happened < events.size() && events[happened].at <= as_of; ++happened) {
    const HistoryEvent& e = events[happened];
    if (e.type == InteractionEventType::status && e.status != current) {
      if (is_resolved(e.status) && !is_resolved(current)) run_start = e.at;
      if (!is_resolved(e.status) && is_resolved(current)) ++facts.reopened;
      current = e.status;
      ++status_changes;
    } else if (e.type == InteractionEventType::customer_message) {
      ++messages;
    }
  }
  if (is_resolved(current)) facts.resolved_at = run_start;

  facts.next_reply.reserve(messages);
  facts.next_reply_spans.reserve(messages);
  // First response and next replies. Unanswered messages are exactly those after the last
  // reply, so a reply scans back only to the previous reply: each event is visited at most twice.
  std::size_t unanswered_from = 0;
  for (std::size_t i = 0; i < happened; ++i) {
    const HistoryEvent& reply = events[i];
    if (reply.type != InteractionEventType::agent_reply) continue;
    if (!facts.first_response_at) facts.first_response_at = reply.at;
    for (std::size_t m = unanswered_from; m < i; ++m) {
      if (events[m].type != InteractionEventType::customer_message) continue;
      facts.next_reply.push_back(reply.at - events[m].at);
      facts.next_reply_spans.push_back(ReplySpan{events[m].at, reply.at});
    }
    unanswered_from = i + 1;
  }

  // Pass 2: the timeline up to the resolution (the record's own wins), or as_of when open.
  std::optional<TimePoint> resolution = facts.resolved_at;
  if (record_resolved_at) {
    resolution = *record_resolved_at <= as_of ? record_resolved_at : std::nullopt;
  }
  const TimePoint end = std::max(created_at, resolution.value_or(as_of));
  facts.statuses.reserve(status_changes + 1);
  build_timeline(facts, created_at, events, end);
}

Milliseconds time_in(const std::vector<StatusSpan>& statuses, const std::vector<TicketStatus>& which,
                     TimePoint from, TimePoint to) noexcept {
  Milliseconds total{0};
  for (const StatusSpan& s : statuses) {
    if (s.from >= to) break;  // spans are in time order
    if (s.to <= from || std::find(which.begin(), which.end(), s.status) == which.end()) continue;
    total += std::min(s.to, to) - std::max(s.from, from);
  }
  return total;
}

}  // namespace cskpi
