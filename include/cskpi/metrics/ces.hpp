// cskpi/metrics/ces.hpp: Customer Effort Score, higher = easier (SPEC §3 Surveys).
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>

#include "cskpi/model/survey.hpp"

namespace cskpi {

struct CesConfig {
  ScoreScale scale{1, 7};  // valid scores, min < max
  int easy_from = 5;       // easy = score ≥ this

  friend bool operator==(const CesConfig& a, const CesConfig& b) noexcept {
    return a.scale == b.scale && a.easy_from == b.easy_from;
  }
  friend bool operator!=(const CesConfig& a, const CesConfig& b) noexcept { return !(a == b); }
};

struct CesResult {
  std::uint64_t responses = 0;
  std::uint64_t easy = 0;
  std::optional<double> mean;        // mean score on the scale
  std::optional<double> easy_share;  // fraction 0-1
  std::optional<double> variance;    // sample variance (n − 1) of the scores, for trend tests; nullopt when n < 2
  int easy_from = 5;                 // echo of the config
  ScoreScale scale{1, 7};            // echo of the config

  friend bool operator==(const CesResult& a, const CesResult& b) noexcept {
    return a.responses == b.responses && a.easy == b.easy && a.mean == b.mean && a.easy_share == b.easy_share &&
           a.variance == b.variance && a.easy_from == b.easy_from && a.scale == b.scale;
  }
  friend bool operator!=(const CesResult& a, const CesResult& b) noexcept { return !(a == b); }
};

/// Integer state (responses, easy, sum of scores and of their squares): merges exactly.
class CesAccumulator {
 public:
  CesAccumulator() = default;
  /// Throws Error(invalid_config) unless scale.min < scale.max and easy_from is on the scale.
  explicit CesAccumulator(CesConfig config);

  /// Throws Error(invalid_argument) for a score outside the scale.
  void add(int score);
  /// A score is an integer: a floating-point one (`add(9.7)`) does not compile, instead of being
  /// truncated to 9 without a word.
  template <typename T, typename = std::enable_if_t<std::is_floating_point_v<T>>>
  void add(T score) = delete;
  /// Throws Error(incompatible_merge) when the configs differ.
  void merge(const CesAccumulator& other);
  [[nodiscard]] CesResult result() const;
  [[nodiscard]] const CesConfig& config() const noexcept { return config_; }

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.responses_);
    io(s.easy_);
    io(s.sum_);
    io(s.sum_squares_);
  }

 private:
  CesConfig config_;
  std::uint64_t responses_ = 0;
  std::uint64_t easy_ = 0;
  std::int64_t sum_ = 0;
  std::int64_t sum_squares_ = 0;
};

/// CES of a range of integer scores in one call (default scale 1–7, easy from 5).
template <typename Range>
[[nodiscard]] CesResult ces(const Range& scores, const CesConfig& config = {}) {
  CesAccumulator a(config);
  for (const auto& score : scores) a.add(score);
  return a.result();
}

}  // namespace cskpi
