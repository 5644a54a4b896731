#include "cskpi/metrics/quality.hpp"

namespace cskpi {

ReopenResult ReopenAccumulator::result() const { return ReopenResult{state_.total, state_.hits, state_.rate()}; }

ComplaintResult ComplaintAccumulator::result() const {
  return ComplaintResult{state_.total, state_.hits, state_.rate()};
}

SelfServiceResult SelfServiceAccumulator::result() const {
  return SelfServiceResult{state_.total, state_.hits, state_.rate()};
}

}  // namespace cskpi
