#include "cskpi/stats.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

std::optional<ConfidenceInterval> wilson_interval(std::uint64_t successes, std::uint64_t n, double z) {
  if (successes > n) {
    throw Error(ErrorCode::invalid_argument, "wilson_interval: successes " + std::to_string(successes) +
                                                 " exceed n " + std::to_string(n));
  }
  if (!(std::isfinite(z) && z > 0.0)) {
    throw Error(ErrorCode::invalid_argument, "wilson_interval: z " + std::to_string(z) + " is not positive");
  }
  if (n == 0) return std::nullopt;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  // At 0 and n successes the bound is exactly 0 (1); rounding must not move it off.
  const double low = successes == 0 ? 0.0 : std::clamp(centre - half, 0.0, 1.0);
  const double high = successes == n ? 1.0 : std::clamp(centre + half, 0.0, 1.0);
  return ConfidenceInterval{low, high};
}

double two_sided_p_value(double z) noexcept { return std::erfc(std::abs(z) / std::sqrt(2.0)); }

std::optional<double> two_proportion_z(std::uint64_t x1, std::uint64_t n1, std::uint64_t x2, std::uint64_t n2) {
  if (x1 > n1 || x2 > n2) {
    throw Error(ErrorCode::invalid_argument, "two_proportion_z: successes " + std::to_string(x1) + "/" +
                                                 std::to_string(n1) + " or " + std::to_string(x2) + "/" +
                                                 std::to_string(n2) + " exceed their n");
  }
  if (n1 == 0 || n2 == 0) return std::nullopt;
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double pooled = static_cast<double>(x1 + x2) / (a + b);
  const double variance = pooled * (1.0 - pooled) * (1.0 / a + 1.0 / b);
  if (!(variance > 0.0)) return std::nullopt;
  return (static_cast<double>(x1) / a - static_cast<double>(x2) / b) / std::sqrt(variance);
}

std::optional<double> welch_z(const SampleMoments& a, const SampleMoments& b) noexcept {
  if (a.n < 2 || b.n < 2) return std::nullopt;
  const double variance = a.variance / static_cast<double>(a.n) + b.variance / static_cast<double>(b.n);
  if (!(variance > 0.0)) return std::nullopt;
  return (a.mean - b.mean) / std::sqrt(variance);
}

std::size_t nearest_rank_index(std::size_t n, double q) {
  if (!(q > 0.0 && q <= 1.0)) {
    throw Error(ErrorCode::invalid_argument, "nearest_rank: q " + std::to_string(q) + " is not in (0, 1]");
  }
  if (n == 0) throw Error(ErrorCode::invalid_argument, "nearest_rank: no values");
  const double exact = q * static_cast<double>(n);
  const double nearest = std::round(exact);
  // q*n a hair off an integer (q = 0.07 is not exact in binary) means that integer. The
  // rounding error is ~1e-16 relative; 1e-12 stays far below any real fraction q·n can
  // have (a multiple of 0.01 when q = k/100) for n up to 1e10.
  const double rank = std::abs(exact - nearest) <= 1e-12 * std::max(1.0, exact) ? nearest : std::ceil(exact);
  return std::clamp(static_cast<std::size_t>(rank), std::size_t{1}, n);
}

std::optional<std::int64_t> nearest_rank(const std::vector<std::int64_t>& sorted, double q) {
  if (!(q > 0.0 && q <= 1.0)) {
    throw Error(ErrorCode::invalid_argument, "nearest_rank: q " + std::to_string(q) + " is not in (0, 1]");
  }
  if (sorted.empty()) return std::nullopt;
  return sorted[nearest_rank_index(sorted.size(), q) - 1];
}

}  // namespace cskpi
