// cskpi/metrics/erlang_c.hpp: Erlang C queue model and the least staffing that meets a
// service-level target (SPEC §3 Staffing, docs/metrics.md "Staffing (Erlang C)").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "cskpi/time.hpp"

namespace cskpi {

/// The workload of one interval: `calls` arrivals (a forecast, may be fractional) in
/// `interval`, each holding an agent for `aht` on average.
struct ErlangCInput {
  double calls = 0;                                  // ≥ 0, finite
  Milliseconds interval = std::chrono::minutes{30};  // > 0
  Milliseconds aht{};                                // average handle time, > 0
};

/// Erlang C figures for a given number of agents.
struct ErlangCResult {
  std::uint64_t agents = 0;                               // N
  double traffic = 0;                                     // A = calls·aht/interval, Erlangs
  std::optional<double> probability_wait;                 // P(a call queues), 0-1; nullopt when N = A = 0
  std::optional<double> service_level;                    // P(answered within answer_target), 0-1
  std::optional<std::chrono::duration<double>> asa;       // mean wait of all calls; nullopt when unstable
  std::optional<double> occupancy;                        // A/N (1 when unstable); nullopt when N = 0
  bool stable = false;                                    // N > A, or no traffic at all
  Milliseconds answer_target = std::chrono::seconds{20};  // echo: T of the service level
};

/// A = calls·aht/interval in Erlangs. Throws Error(invalid_argument) when calls is negative or
/// not finite, interval ≤ 0, aht ≤ 0, or A exceeds max_erlang_traffic.
[[nodiscard]] double offered_traffic(const ErlangCInput& in);

/// The largest traffic accepted (Erlangs): far beyond any real operation; keeps agent counts
/// exact in a double and one evaluation under ~10^8 steps.
inline constexpr double max_erlang_traffic = 1e12;

/// Erlang C with `agents` agents: P_wait = C(N, A) through the Erlang B recurrence
/// (B(0) = 1, B(k) = A·B(k−1)/(k + A·B(k−1)); C = N·B/(N − A(1 − B)); never factorials),
/// SL = 1 − P_wait·e^{−(N−A)·T/AHT}, ASA = P_wait·AHT/(N − A), occupancy = A/N.
/// N ≤ A with A > 0 is unstable: probability_wait 1, service_level 0, asa nullopt, occupancy 1
/// (nullopt for N = 0). No traffic (A = 0): N = 0 has every rate nullopt; N ≥ 1 gives P_wait 0,
/// SL 1, ASA 0, occupancy 0.
/// The recurrence starts at ⌊A⌋ − ⌈√(80A)⌉ − 1 (from B = 1): the error of that start decays
/// below e^{−40} by k = A, so the result equals the walk from k = 0 to double precision.
/// Time O(√A + min(N − A, 54·√A + 1030)) steps (then B underflows to 0), memory O(1).
/// Throws as offered_traffic, and Error(invalid_argument) for a negative answer_target.
[[nodiscard]] ErlangCResult erlang_c(const ErlangCInput& in, std::uint64_t agents, Milliseconds answer_target);

/// What `required_agents` must meet. Every share is a fraction.
struct StaffingTarget {
  double service_level = 0.8;                             // in (0, 1)
  Milliseconds answer_within = std::chrono::seconds{20};  // T, ≥ 0
  std::optional<Milliseconds> asa_target;                 // ASA ≤ this, > 0
  std::optional<double> max_occupancy;                    // A/N ≤ this, in (0, 1]
  double shrinkage = 0.0;                                 // share of paid time off the phones, [0, 1)
};

struct StaffingResult {
  ErlangCResult at_required;           // the figures with required_agents agents
  std::uint64_t required_agents = 0;   // N: agents on the phones
  std::uint64_t scheduled_agents = 0;  // ⌈N/(1 − shrinkage)⌉: agents to put on the schedule
  StaffingTarget target;               // echo of the target
};

/// The least N meeting the service-level target, and the ASA target and occupancy cap when
/// given (each is monotone in N, so the first N from the lower bound that meets all is the
/// least). calls = 0 → 0 agents. A/cap and N/(1 − shrinkage) within 1e−6 of an integer count as
/// that integer, so decimal inputs divide as in decimals (21/(1 − 0.3) schedules 30, not 31).
/// Throws Error(invalid_argument) for invalid inputs (those of offered_traffic; a target outside
/// its documented range). Time O(√A + (N − A)) steps, at most 54·√A + 1030 beyond the occupancy
/// bound; memory O(1).
[[nodiscard]] StaffingResult required_agents(const ErlangCInput& in, const StaffingTarget& target);

}  // namespace cskpi
