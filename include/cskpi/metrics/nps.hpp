// cskpi/metrics/nps.hpp: Net Promoter Score (SPEC §3 Surveys), also used for eNPS.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "cskpi/stats.hpp"

namespace cskpi {

struct NpsResult {
  std::uint64_t promoters = 0;   // 9-10
  std::uint64_t passives = 0;    // 7-8
  std::uint64_t detractors = 0;  // 0-6
  std::optional<double> score;   // points, -100..100: 100·(P − D)/n; nullopt when n == 0
  /// Points: score ± 1.96·se with se = 100·sqrt((p + d − (p − d)²)/n), clipped to
  /// [-100, 100]; nullopt when n < 2.
  std::optional<ConfidenceInterval> ci95;

  [[nodiscard]] std::uint64_t responses() const noexcept { return promoters + passives + detractors; }

  friend bool operator==(const NpsResult& a, const NpsResult& b) noexcept {
    return a.promoters == b.promoters && a.passives == b.passives && a.detractors == b.detractors &&
           a.score == b.score && a.ci95 == b.ci95;
  }
  friend bool operator!=(const NpsResult& a, const NpsResult& b) noexcept { return !(a == b); }
};

/// Counts of each score 0..10. Mergeable exactly; no configuration (the scale is fixed).
class NpsAccumulator {
 public:
  /// Throws Error(invalid_argument) for a score outside 0..10 (readers reject those first).
  void add(int score);
  /// A score is an integer: a floating-point one (`add(9.7)`) does not compile, instead of being
  /// truncated to 9 without a word.
  template <typename T, typename = std::enable_if_t<std::is_floating_point_v<T>>>
  void add(T score) = delete;
  void merge(const NpsAccumulator& other) noexcept;
  [[nodiscard]] NpsResult result() const;

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.counts_);
  }

 private:
  std::array<std::uint64_t, 11> counts_{};
};

/// NPS of a range of integer scores in one call: `cskpi::nps(std::vector<int>{10, 9, 3})`.
/// Throws like NpsAccumulator::add for a score outside 0..10.
template <typename Range>
[[nodiscard]] NpsResult nps(const Range& scores) {
  NpsAccumulator a;
  for (const auto& score : scores) a.add(score);
  return a.result();
}

}  // namespace cskpi
