// cskpi/stats.hpp: the small statistics every KPI shares: confidence intervals
// (Wilson score interval of a proportion) and nearest-rank order statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace cskpi {

/// A two-sided interval [low, high], in the unit of the value it brackets.
struct ConfidenceInterval {
  double low = 0.0;
  double high = 0.0;
  friend bool operator==(const ConfidenceInterval& a, const ConfidenceInterval& b) noexcept {
    return a.low == b.low && a.high == b.high;
  }
  friend bool operator!=(const ConfidenceInterval& a, const ConfidenceInterval& b) noexcept { return !(a == b); }
};

/// The normal quantile of a two-sided 95 % interval, as SPEC §3 fixes it.
inline constexpr double z95 = 1.96;

/// Wilson score interval of successes/n (fractions, within [0, 1]); nullopt when n == 0.
/// Throws Error(invalid_argument) when successes > n or z is not a positive finite number.
[[nodiscard]] std::optional<ConfidenceInterval> wilson_interval(std::uint64_t successes, std::uint64_t n,
                                                                double z = z95);

/// Two-sided p-value of a standard normal z statistic: P(|Z| ≥ |z|) = erfc(|z|/√2).
[[nodiscard]] double two_sided_p_value(double z) noexcept;

/// The statistic of a pooled two-proportion z-test of x1/n1 against x2/n2 (positive when the
/// first proportion is the larger); nullopt when n1 or n2 is 0, or when the pooled proportion
/// is 0 or 1 (no spread: both proportions are equal and the test is undefined).
/// Throws Error(invalid_argument) when x1 > n1 or x2 > n2.
[[nodiscard]] std::optional<double> two_proportion_z(std::uint64_t x1, std::uint64_t n1, std::uint64_t x2,
                                                     std::uint64_t n2);

/// Mean, sample variance (n − 1 denominator) and size of one side of a Welch test.
struct SampleMoments {
  double mean = 0.0;
  double variance = 0.0;
  std::uint64_t n = 0;
};

/// Welch's z statistic (a − b) / sqrt(s_a²/n_a + s_b²/n_b), read against the normal
/// distribution; nullopt when a side has fewer than 2 values or both variances are 0.
[[nodiscard]] std::optional<double> welch_z(const SampleMoments& a, const SampleMoments& b) noexcept;

/// The 1-based nearest rank ⌈q·n⌉ of the q-quantile among n > 0 values (q·n within a
/// relative 1e-12 of an integer counts as that integer), clamped to [1, n].
/// Throws Error(invalid_argument) when q is not in (0, 1] or n is 0.
[[nodiscard]] std::size_t nearest_rank_index(std::size_t n, double q);

/// Nearest-rank q-quantile of a SORTED vector: the ceil(q*n)-th smallest value (1-based),
/// so q = 0.5 is the lower middle for even n; nullopt for an empty vector.
/// q*n within a relative 1e-12 of an integer counts as that integer (0.07 * 100 is 7, never 8).
/// Throws Error(invalid_argument) when q is not in (0, 1].
[[nodiscard]] std::optional<std::int64_t> nearest_rank(const std::vector<std::int64_t>& sorted, double q);

}  // namespace cskpi
