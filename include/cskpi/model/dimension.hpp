// cskpi/model/dimension.hpp: the label dimensions records are grouped by (SPEC §2).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace cskpi {

/// A label dimension. `kind` is the contact kind of an interaction (surveys inherit it).
enum class Dimension : unsigned char { channel, topic, product, kind, priority, agent, team, department };

inline constexpr std::size_t dimension_count = 8;

inline constexpr std::array<Dimension, dimension_count> all_dimensions = {
    Dimension::channel, Dimension::topic, Dimension::product, Dimension::kind,
    Dimension::priority, Dimension::agent, Dimension::team, Dimension::department};

/// The name used on the command line and in report keys (`agent`, not `agent_id`).
[[nodiscard]] constexpr std::string_view to_string(Dimension d) noexcept {
  constexpr std::array<std::string_view, dimension_count> names = {
      "channel", "topic", "product", "kind", "priority", "agent", "team", "department"};
  return names[static_cast<std::size_t>(d)];
}

[[nodiscard]] constexpr std::optional<Dimension> parse_dimension(std::string_view name) noexcept {
  for (const Dimension d : all_dimensions) {
    if (to_string(d) == name) return d;
  }
  return std::nullopt;
}

[[nodiscard]] constexpr std::size_t index_of(Dimension d) noexcept { return static_cast<std::size_t>(d); }

/// The most custom dimensions (config `dimensions`, SPEC §8) a data set carries: extra label
/// columns named by the configuration, kept by position (Dataset::custom_dimensions()).
inline constexpr std::size_t max_custom_dimensions = 8;

/// Interaction priority, the SLA policy key. Enumerators spell their input text.
enum class Priority : unsigned char { low, normal, high, urgent };

[[nodiscard]] constexpr std::string_view to_string(Priority p) noexcept {
  constexpr std::array<std::string_view, 4> names = {"low", "normal", "high", "urgent"};
  return names[static_cast<std::size_t>(p)];
}

}  // namespace cskpi
