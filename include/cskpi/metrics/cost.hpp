// cskpi/metrics/cost.hpp: cost per contact (SPEC §3 Service level).
#pragma once

#include <cstdint>
#include <optional>

#include "cskpi/exact_sum.hpp"

namespace cskpi {

struct CostResult {
  std::uint64_t interactions = 0;    // interactions with a cost
  double total = 0.0;                // sum of costs, rounded to micro-units (1e-6)
  std::optional<double> per_contact; // total / interactions; nullopt when interactions == 0

  friend bool operator==(const CostResult& a, const CostResult& b) noexcept {
    return a.interactions == b.interactions && a.total == b.total && a.per_contact == b.per_contact;
  }
  friend bool operator!=(const CostResult& a, const CostResult& b) noexcept { return !(a == b); }
};

/// Keeps the sum in integer micro-units (each cost rounded with llround(cost·1e6)), so
/// merge is exact and order-independent; a double sum would depend on the order of adds.
class CostAccumulator {
 public:
  /// Throws Error(invalid_argument) for a negative, non-finite or too large cost (≥ 9e12).
  void add(double cost);
  void merge(const CostAccumulator& other);
  [[nodiscard]] CostResult result() const;

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.interactions_);
    io(s.total_micros_);
  }

 private:
  std::uint64_t interactions_ = 0;
  ExactSum total_micros_;  // exact, cannot overflow
};

}  // namespace cskpi
