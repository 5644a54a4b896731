// cskpi/model/agent_event.hpp: a roster event (SPEC §1, AgentEvent).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cskpi/time.hpp"

namespace cskpi {

enum class AgentEventType : unsigned char { hire, leave };

[[nodiscard]] constexpr std::string_view to_string(AgentEventType t) noexcept {
  return t == AgentEventType::hire ? "hire" : "leave";
}

struct AgentEvent {
  std::string agent_id;
  AgentEventType type = AgentEventType::hire;
  TimePoint at{};
  std::optional<std::string> team;
  std::optional<std::string> department;
};

}  // namespace cskpi
