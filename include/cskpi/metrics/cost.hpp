// cskpi/metrics/cost.hpp: cost per contact (SPEC §3 Service level).
#pragma once

#include <cstdint>
#include <optional>

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
  /// Throws Error(invalid_argument) for a negative, non-finite or too large cost
  /// (≥ 9e12, or a total past 2^63 micro-units).
  void add(double cost);
  /// Throws Error(invalid_argument) if the total overflows (nothing else can go wrong).
  void merge(const CostAccumulator& other);
  [[nodiscard]] CostResult result() const;

 private:
  std::uint64_t interactions_ = 0;
  std::int64_t total_micros_ = 0;
};

}  // namespace cskpi
