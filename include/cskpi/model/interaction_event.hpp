// cskpi/model/interaction_event.hpp: one entry of an interaction's status history (SPEC §1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cskpi/time.hpp"

namespace cskpi {

enum class InteractionEventType : unsigned char { agent_reply, customer_message, status };
/// `new_` spells "new", a keyword (to_string gives the input text).
enum class TicketStatus : unsigned char { new_, open, pending, on_hold, solved, closed };  // NOLINT(readability-identifier-naming)

[[nodiscard]] constexpr std::string_view to_string(InteractionEventType t) noexcept {
  switch (t) {
    case InteractionEventType::agent_reply: return "agent_reply";
    case InteractionEventType::customer_message: return "customer_message";
    case InteractionEventType::status: return "status";
  }
  return "status";
}

[[nodiscard]] constexpr std::string_view to_string(TicketStatus s) noexcept {
  switch (s) {
    case TicketStatus::new_: return "new";
    case TicketStatus::open: return "open";
    case TicketStatus::pending: return "pending";
    case TicketStatus::on_hold: return "on_hold";
    case TicketStatus::solved: return "solved";
    case TicketStatus::closed: return "closed";
  }
  return "new";
}

struct InteractionEvent {
  std::string interaction_id;
  TimePoint at{};
  InteractionEventType type = InteractionEventType::status;
  std::optional<TicketStatus> status;  // present exactly when type == status
  std::optional<std::string> agent_id;
};

}  // namespace cskpi
