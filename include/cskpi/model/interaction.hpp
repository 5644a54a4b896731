// cskpi/model/interaction.hpp: one ticket / conversation / call (SPEC §1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/model/dimension.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

/// A plain value type; readers and the C++ API build it, the data set stores it column-wise.
/// Absent optional fields mean "not recorded" (an absent `resolved_at` means still open).
struct Interaction {
  std::string id;
  std::optional<std::string> customer_id;  // absent: left out of repeat-window FCR only (SPEC v3 §1)
  std::string channel;  // `self_service` and `phone` have meanings in FCR, self-service and staffing
  std::optional<std::string> topic;
  std::optional<std::string> product;
  std::optional<std::string> kind;  // question, incident, request, complaint, ...
  std::optional<Priority> priority;
  std::optional<std::string> agent_id;
  std::optional<std::string> team;
  std::optional<std::string> department;
  TimePoint created_at{};
  std::optional<TimePoint> first_response_at;
  std::optional<TimePoint> resolved_at;
  std::optional<std::uint32_t> contacts;  // >= 1
  std::optional<std::uint32_t> reopened;  // absent = 0 (or derived from events)
  std::optional<double> handle_seconds;   // >= 0
  std::optional<double> wait_seconds;     // >= 0
  bool abandoned = false;
  std::optional<double> cost;  // >= 0
  /// Values of the data set's custom dimensions, by position (Dataset::custom_dimensions());
  /// missing trailing entries are absent.
  std::vector<std::optional<std::string>> custom{};
};

}  // namespace cskpi
