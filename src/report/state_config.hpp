// Private: the metric configuration inside a partial state (docs/state-format.md, "Header"):
// every field of MetricConfig in a fixed order, maps in key order, so equal configurations
// are equal bytes. Reading checks every enumeration and the ranges the configuration file
// enforces, so a state cannot carry a configuration the file could not.
#pragma once

#include <cstdint>
#include <string_view>

#include "cskpi/report/report_spec.hpp"
#include "report/state_codec.hpp"

namespace cskpi::detail {

/// The instants a state may hold: the years 0001 to 9999 (what the inputs may hold).
inline constexpr std::int64_t min_state_instant_ms = -62'135'596'800'000;  // 0001-01-01T00:00:00Z
inline constexpr std::int64_t max_state_instant_ms = 253'402'300'800'000;  // 10000-01-01T00:00:00Z

void write_config(StateWriter& w, const MetricConfig& config);
[[nodiscard]] MetricConfig read_config(StateReader& r);

/// Reads an enumeration stored as its index; damaged when it is not below `count`.
template <class Enum>
[[nodiscard]] Enum read_enum(StateReader& r, std::size_t count, std::string_view what) {
  const std::uint64_t v = r.u64();
  if (v >= count) r.damaged(what);
  return static_cast<Enum>(v);
}

template <class Enum>
void write_enum(StateWriter& w, Enum e) {
  w.u64(static_cast<std::uint64_t>(e));
}

[[nodiscard]] inline bool read_flag(StateReader& r) { return read_enum<unsigned char>(r, 2, "a flag that is not 0 or 1") != 0; }
inline void write_flag(StateWriter& w, bool b) { w.u64(b ? 1 : 0); }

}  // namespace cskpi::detail
