// cskpi/metrics/csat.hpp: Customer Satisfaction, top-box share and mean (SPEC §3 Surveys).
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>

#include "cskpi/model/survey.hpp"
#include "cskpi/stats.hpp"

namespace cskpi {

struct CsatConfig {
  ScoreScale scale{1, 5};             // valid scores, min < max
  std::optional<int> satisfied_from;  // satisfied = score ≥ this; default scale.max − 1

  [[nodiscard]] int satisfied_threshold() const noexcept { return satisfied_from.value_or(scale.max - 1); }

  friend bool operator==(const CsatConfig& a, const CsatConfig& b) noexcept {
    return a.scale == b.scale && a.satisfied_from == b.satisfied_from;
  }
  friend bool operator!=(const CsatConfig& a, const CsatConfig& b) noexcept { return !(a == b); }
};

struct CsatResult {
  std::uint64_t responses = 0;
  std::uint64_t satisfied = 0;
  std::optional<double> satisfied_share;    // fraction 0-1 (the report's "score" in percent)
  std::optional<double> mean;               // mean score on the scale
  std::optional<ConfidenceInterval> ci95;   // Wilson (z = 1.96) of satisfied/responses, fraction
  int satisfied_from = 4;                   // echo of the effective threshold
  ScoreScale scale{1, 5};                   // echo of the scale

  friend bool operator==(const CsatResult& a, const CsatResult& b) noexcept {
    return a.responses == b.responses && a.satisfied == b.satisfied && a.satisfied_share == b.satisfied_share &&
           a.mean == b.mean && a.ci95 == b.ci95 && a.satisfied_from == b.satisfied_from && a.scale == b.scale;
  }
  friend bool operator!=(const CsatResult& a, const CsatResult& b) noexcept { return !(a == b); }
};

/// Integer state (responses, satisfied, sum of scores): merges exactly.
class CsatAccumulator {
 public:
  CsatAccumulator() = default;
  /// Throws Error(invalid_config) unless scale.min < scale.max and the threshold is on the scale.
  explicit CsatAccumulator(CsatConfig config);

  /// Throws Error(invalid_argument) for a score outside the scale.
  void add(int score);
  /// A score is an integer: a floating-point one (`add(9.7)`) does not compile, instead of being
  /// truncated to 9 without a word.
  template <typename T, typename = std::enable_if_t<std::is_floating_point_v<T>>>
  void add(T score) = delete;
  /// Throws Error(incompatible_merge) unless both have the same scale and effective threshold.
  void merge(const CsatAccumulator& other);
  [[nodiscard]] CsatResult result() const;
  [[nodiscard]] const CsatConfig& config() const noexcept { return config_; }

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.responses_);
    io(s.satisfied_);
    io(s.sum_);
  }

 private:
  CsatConfig config_;
  std::uint64_t responses_ = 0;
  std::uint64_t satisfied_ = 0;
  std::int64_t sum_ = 0;
};

/// CSAT of a range of integer scores in one call (default scale 1–5, satisfied from 4).
template <typename Range>
[[nodiscard]] CsatResult csat(const Range& scores, const CsatConfig& config = {}) {
  CsatAccumulator a(config);
  for (const auto& score : scores) a.add(score);
  return a.result();
}

}  // namespace cskpi
