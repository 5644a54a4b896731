#include "cskpi/metrics/csat.hpp"

#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

namespace {

std::string scale_text(const ScoreScale& s) { return std::to_string(s.min) + "-" + std::to_string(s.max); }

}  // namespace

CsatAccumulator::CsatAccumulator(CsatConfig config) : config_(config) {
  if (config_.scale.min >= config_.scale.max) {
    throw Error(ErrorCode::invalid_config, "CsatConfig.scale " + scale_text(config_.scale) +
                                               ": min must be less than max");
  }
  const int threshold = config_.satisfied_threshold();
  if (threshold < config_.scale.min || threshold > config_.scale.max) {
    throw Error(ErrorCode::invalid_config, "CsatConfig.satisfied_from " + std::to_string(threshold) +
                                               " is outside the scale " + scale_text(config_.scale));
  }
}

void CsatAccumulator::add(int score) {
  if (score < config_.scale.min || score > config_.scale.max) {
    throw Error(ErrorCode::invalid_argument, "CsatAccumulator::add: score " + std::to_string(score) +
                                                 " is outside the scale " + scale_text(config_.scale));
  }
  ++responses_;
  if (score >= config_.satisfied_threshold()) ++satisfied_;
  sum_ += score;
}

void CsatAccumulator::merge(const CsatAccumulator& other) {
  // Configs that mean the same (explicit threshold = the default one) merge.
  if (!(config_.scale == other.config_.scale) ||
      config_.satisfied_threshold() != other.config_.satisfied_threshold()) {
    throw Error(ErrorCode::incompatible_merge,
                "CsatAccumulator::merge: scale/satisfied_from " + scale_text(config_.scale) + "/" +
                    std::to_string(config_.satisfied_threshold()) + " vs " + scale_text(other.config_.scale) +
                    "/" + std::to_string(other.config_.satisfied_threshold()));
  }
  responses_ += other.responses_;
  satisfied_ += other.satisfied_;
  sum_ += other.sum_;
}

CsatResult CsatAccumulator::result() const {
  CsatResult r;
  r.responses = responses_;
  r.satisfied = satisfied_;
  r.satisfied_from = config_.satisfied_threshold();
  r.scale = config_.scale;
  if (responses_ == 0) return r;
  const double n = static_cast<double>(responses_);
  r.satisfied_share = static_cast<double>(satisfied_) / n;
  r.mean = static_cast<double>(sum_) / n;
  r.ci95 = wilson_interval(satisfied_, responses_);
  return r;
}

}  // namespace cskpi
