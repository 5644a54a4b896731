// cskpi/model/event_history.hpp: what one interaction's event history says (SPEC §1
// InteractionEvent, §3 Speed and SLA, §7 Event histories): first response, resolution,
// reopens, state durations, next-reply samples and the status timeline, as of an instant.
//
// Decisions (docs/metrics.md "Event histories"):
// - as_of is "now": events with `at > as_of` have not happened and are ignored; an event
//   exactly at as_of has happened.
// - The status is `new` from created_at until the first status event. A status event that
//   repeats the current status changes nothing.
// - solved and closed form one resolved run: `resolved_at` is the instant of the move from
//   new/open/pending/on_hold into solved or closed that starts the final run (solved →
//   closed keeps the solved instant; a `solved` while `closed` is a new span of the same
//   run, not a new resolution). A move from solved/closed back to new/open/pending/on_hold
//   is a reopen; the history is resolved when its last status (up to as_of) is solved/closed.
// - The state-duration window is [created_at, end): end = the interaction's resolution when
//   resolved by as_of, else as_of. The resolution is the record's own `resolved_at` when the
//   record has one, whatever the events say after it (SPEC v3 §1), else the history's.
//   Time after the resolution counts nowhere; time in solved/closed before a reopen counts in
//   none of the four durations. A window that ends at or before created_at is empty (all
//   durations 0, no spans).
// - next_reply: each customer_message is answered by the first agent_reply that comes
//   after it in the history's order (at, then input order), so a reply at the message's
//   instant is a 0 s sample when it is listed after the message; a reply listed before it
//   at the same instant answered earlier messages, not this one. Several messages before
//   one reply give one sample each; further replies to an answered message give none; a
//   message unanswered by as_of gives none. Samples are not cut at the resolution (a reply
//   after closure still answers), and are in message order.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cskpi/model/interaction_event.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

/// One event of a history, already ordered by (at, input order).
struct HistoryEvent {
  TimePoint at{};
  InteractionEventType type = InteractionEventType::status;
  TicketStatus status = TicketStatus::new_;  // meaningful for type == status
};

/// One answered customer message: [message, reply), for measuring the wait on another clock.
struct ReplySpan {
  TimePoint message{};
  TimePoint reply{};
};

/// A stretch of time in one status: [from, to).
struct StatusSpan {
  TimePoint from{};
  TimePoint to{};
  TicketStatus status = TicketStatus::new_;
};

struct HistoryFacts {
  std::optional<TimePoint> first_response_at;  // first agent_reply at or before as_of
  std::optional<TimePoint> resolved_at;        // start of the final solved/closed run; nullopt = open at as_of
  std::uint32_t reopened = 0;                  // moves from solved/closed back to new/open/pending/on_hold
  Milliseconds requester_wait{0};              // time in new, open, on_hold within the window
  Milliseconds agent_work{0};                  // time in new, open within the window
  Milliseconds on_hold{0};                     // time in on_hold within the window
  Milliseconds pending{0};                     // time in pending within the window
  std::vector<Milliseconds> next_reply;        // one sample per answered customer_message, in message order
  std::vector<ReplySpan> next_reply_spans;     // the same samples as instants: next_reply[i] = reply - message
  /// The window [created_at, end) as consecutive spans of positive length whose neighbours
  /// differ in status; zero-length stops (two moves at one instant) leave no span.
  std::vector<StatusSpan> statuses;
};

/// Derives the facts of one interaction. Events after as_of are ignored. O(events); allocates
/// only the result's vectors. Precondition: events sorted by (at, input order), none before
/// created_at (the loader rejects those). `record_resolved_at` is the interaction record's
/// own resolution, when it has one: it ends the state-duration window (and the timeline)
/// instead of the history's, or as_of when it is after as_of; `resolved_at` of the result
/// stays what the events say.
[[nodiscard]] HistoryFacts derive_history(TimePoint created_at, const std::vector<HistoryEvent>& events,
                                          TimePoint as_of,
                                          std::optional<TimePoint> record_resolved_at = std::nullopt);
/// The same into `facts`, whose vectors keep their capacity: no allocation once they are large
/// enough (for deriving many histories in turn).
void derive_history(TimePoint created_at, const std::vector<HistoryEvent>& events, TimePoint as_of,
                    std::optional<TimePoint> record_resolved_at, HistoryFacts& facts);

/// Time in the given statuses within [from, to) of a timeline, e.g. the paused statuses of
/// an SLA resolution clock. Time outside the timeline's spans counts nowhere; 0 when to ≤ from.
/// O(spans · which).
[[nodiscard]] Milliseconds time_in(const std::vector<StatusSpan>& statuses, const std::vector<TicketStatus>& which,
                                   TimePoint from, TimePoint to) noexcept;

}  // namespace cskpi
