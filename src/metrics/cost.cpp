#include "cskpi/metrics/cost.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

namespace {

constexpr double micros_per_unit = 1e6;
constexpr double max_cost = 9e12;  // 9e18 micro-units: still inside int64

}  // namespace

void CostAccumulator::add(double cost) {
  if (!(std::isfinite(cost) && cost >= 0.0 && cost < max_cost)) {
    throw Error(ErrorCode::invalid_argument,
                "CostAccumulator::add: cost " + std::to_string(cost) + " is not in [0, 9e12)");
  }
  total_micros_.add(std::llround(cost * micros_per_unit));
  ++interactions_;
}

void CostAccumulator::merge(const CostAccumulator& other) {
  total_micros_.add(other.total_micros_);
  interactions_ += other.interactions_;
}

CostResult CostAccumulator::result() const {
  CostResult r;
  r.interactions = interactions_;
  const double micros = total_micros_.to_double();
  r.total = micros / micros_per_unit;
  if (interactions_ != 0) r.per_contact = micros / (micros_per_unit * static_cast<double>(interactions_));
  return r;
}

}  // namespace cskpi
