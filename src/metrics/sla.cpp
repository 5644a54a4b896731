#include "cskpi/metrics/sla.hpp"

#include <algorithm>

namespace cskpi {

void SlaAccumulator::add(SlaStatus status, Milliseconds target) noexcept {
  ++counts_[static_cast<std::size_t>(status)];
  min_target_ = min_target_ ? std::min(*min_target_, target) : target;
  max_target_ = max_target_ ? std::max(*max_target_, target) : target;
}

void SlaAccumulator::merge(const SlaAccumulator& other) noexcept {
  for (std::size_t i = 0; i < 3; ++i) counts_[i] += other.counts_[i];
  if (other.min_target_) min_target_ = min_target_ ? std::min(*min_target_, *other.min_target_) : other.min_target_;
  if (other.max_target_) max_target_ = max_target_ ? std::max(*max_target_, *other.max_target_) : other.max_target_;
}

SlaTargetResult SlaAccumulator::result() const {
  SlaTargetResult r;
  r.achieved = counts_[0];
  r.breached = counts_[1];
  r.pending = counts_[2];
  if (r.achieved + r.breached > 0) {
    r.compliance = static_cast<double>(r.achieved) / static_cast<double>(r.achieved + r.breached);
  }
  if (min_target_ && min_target_ == max_target_) r.target = min_target_;
  return r;
}

}  // namespace cskpi
