#include "cskpi/metrics/nps.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

void NpsAccumulator::add(int score) {
  if (score < 0 || score > 10) {
    throw Error(ErrorCode::invalid_argument, "NpsAccumulator::add: score " + std::to_string(score) +
                                                 " is outside 0-10");
  }
  ++counts_[static_cast<std::size_t>(score)];
}

void NpsAccumulator::merge(const NpsAccumulator& other) noexcept {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

NpsResult NpsAccumulator::result() const {
  NpsResult r;
  for (std::size_t i = 0; i <= 6; ++i) r.detractors += counts_[i];
  r.passives = counts_[7] + counts_[8];
  r.promoters = counts_[9] + counts_[10];
  const std::uint64_t n = r.responses();
  if (n == 0) return r;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(r.promoters) / nn;
  const double d = static_cast<double>(r.detractors) / nn;
  r.score = 100.0 * (static_cast<double>(r.promoters) - static_cast<double>(r.detractors)) / nn;
  if (n >= 2) {
    // Variance of the +1/0/−1 score per response; never below 0 despite rounding.
    const double variance = std::max(0.0, p + d - (p - d) * (p - d));
    const double half = z95 * 100.0 * std::sqrt(variance / nn);
    r.ci95 = ConfidenceInterval{std::max(-100.0, *r.score - half), std::min(100.0, *r.score + half)};
  }
  return r;
}

}  // namespace cskpi
