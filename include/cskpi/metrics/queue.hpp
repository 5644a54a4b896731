// cskpi/metrics/queue.hpp: queue service level, ASA and abandonment (SPEC §3 Service level).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "cskpi/exact_sum.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

/// Service-level formula; enumerators spell the config/JSON `mode`.
enum class QueueMode : unsigned char {
  offered,                // answered within T / offered
  answered,               // answered within T / answered
  abandon_within_T_good,  // (answered within T + abandoned in [short_abandon, T]) / offered
};

[[nodiscard]] constexpr std::string_view to_string(QueueMode m) noexcept {
  switch (m) {
    case QueueMode::offered: return "offered";
    case QueueMode::answered: return "answered";
    case QueueMode::abandon_within_T_good: return "abandon_within_T_good";
  }
  return "offered";
}

[[nodiscard]] constexpr std::optional<QueueMode> parse_queue_mode(std::string_view name) noexcept {
  if (name == "offered") return QueueMode::offered;
  if (name == "answered") return QueueMode::answered;
  if (name == "abandon_within_T_good") return QueueMode::abandon_within_T_good;
  return std::nullopt;
}

struct QueueConfig {
  Milliseconds threshold = std::chrono::seconds{20};  // T, ≥ 0; a wait of exactly T is within
  Milliseconds short_abandon = Milliseconds{0};       // ≥ 0; abandoned with wait < this are short
  QueueMode mode = QueueMode::offered;

  friend bool operator==(const QueueConfig& a, const QueueConfig& b) noexcept {
    return a.threshold == b.threshold && a.short_abandon == b.short_abandon && a.mode == b.mode;
  }
  friend bool operator!=(const QueueConfig& a, const QueueConfig& b) noexcept { return !(a == b); }
};

struct QueueResult {
  std::uint64_t answered = 0;
  std::uint64_t abandoned = 0;         // short ones included
  std::uint64_t short_abandoned = 0;   // abandoned with wait < short_abandon
  std::uint64_t offered = 0;           // answered + abandoned − short_abandoned
  std::uint64_t answered_within = 0;   // answered with wait ≤ T
  std::uint64_t abandoned_within = 0;  // abandoned with short_abandon ≤ wait ≤ T
  std::optional<double> service_level;                // fraction 0-1 by mode; nullopt on a 0 denominator
  std::optional<std::chrono::duration<double>> asa;   // mean wait of answered; nullopt when answered == 0
  std::optional<double> abandon_rate;                 // (abandoned − short)/offered, fraction 0-1
  QueueMode mode = QueueMode::offered;                // echo of the config
  Milliseconds threshold = std::chrono::seconds{20};  // echo of the config
  Milliseconds short_abandon = Milliseconds{0};       // echo of the config

  friend bool operator==(const QueueResult& a, const QueueResult& b) noexcept {
    return a.answered == b.answered && a.abandoned == b.abandoned && a.short_abandoned == b.short_abandoned &&
           a.offered == b.offered && a.answered_within == b.answered_within &&
           a.abandoned_within == b.abandoned_within && a.service_level == b.service_level && a.asa == b.asa &&
           a.abandon_rate == b.abandon_rate && a.mode == b.mode && a.threshold == b.threshold &&
           a.short_abandon == b.short_abandon;
  }
  friend bool operator!=(const QueueResult& a, const QueueResult& b) noexcept { return !(a == b); }
};

/// Integer state (counts and the exact sum of answered waits in ms): merges exactly.
class QueueAccumulator {
 public:
  QueueAccumulator() = default;
  /// Throws Error(invalid_config) when threshold or short_abandon is negative.
  explicit QueueAccumulator(QueueConfig config);

  /// One queued contact. Throws Error(invalid_argument) for a negative wait.
  void add(Milliseconds wait, bool abandoned);
  /// Throws Error(incompatible_merge) when the configs differ.
  void merge(const QueueAccumulator& other);
  [[nodiscard]] QueueResult result() const;
  [[nodiscard]] const QueueConfig& config() const noexcept { return config_; }

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.answered_);
    io(s.abandoned_);
    io(s.short_abandoned_);
    io(s.answered_within_);
    io(s.abandoned_within_);
    io(s.answered_wait_ms_);
  }

 private:
  QueueConfig config_;
  std::uint64_t answered_ = 0;
  std::uint64_t abandoned_ = 0;
  std::uint64_t short_abandoned_ = 0;
  std::uint64_t answered_within_ = 0;
  std::uint64_t abandoned_within_ = 0;
  ExactSum answered_wait_ms_;  // exact sum of answered waits, cannot overflow
};

}  // namespace cskpi
