#include "cskpi/metrics/ces.hpp"

#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

namespace {

std::string scale_text(const ScoreScale& s) { return std::to_string(s.min) + "-" + std::to_string(s.max); }

}  // namespace

CesAccumulator::CesAccumulator(CesConfig config) : config_(config) {
  if (config_.scale.min >= config_.scale.max) {
    throw Error(ErrorCode::invalid_config, "CesConfig.scale " + scale_text(config_.scale) +
                                               ": min must be less than max");
  }
  if (config_.easy_from < config_.scale.min || config_.easy_from > config_.scale.max) {
    throw Error(ErrorCode::invalid_config, "CesConfig.easy_from " + std::to_string(config_.easy_from) +
                                               " is outside the scale " + scale_text(config_.scale));
  }
}

void CesAccumulator::add(int score) {
  if (score < config_.scale.min || score > config_.scale.max) {
    throw Error(ErrorCode::invalid_argument, "CesAccumulator::add: score " + std::to_string(score) +
                                                 " is outside the scale " + scale_text(config_.scale));
  }
  ++responses_;
  if (score >= config_.easy_from) ++easy_;
  sum_ += score;
  sum_squares_ += std::int64_t{score} * score;
}

void CesAccumulator::merge(const CesAccumulator& other) {
  if (config_ != other.config_) {
    throw Error(ErrorCode::incompatible_merge,
                "CesAccumulator::merge: scale/easy_from " + scale_text(config_.scale) + "/" +
                    std::to_string(config_.easy_from) + " vs " + scale_text(other.config_.scale) + "/" +
                    std::to_string(other.config_.easy_from));
  }
  responses_ += other.responses_;
  easy_ += other.easy_;
  sum_ += other.sum_;
  sum_squares_ += other.sum_squares_;
}

CesResult CesAccumulator::result() const {
  CesResult r;
  r.responses = responses_;
  r.easy = easy_;
  r.easy_from = config_.easy_from;
  r.scale = config_.scale;
  if (responses_ == 0) return r;
  const double n = static_cast<double>(responses_);
  r.mean = static_cast<double>(sum_) / n;
  r.easy_share = static_cast<double>(easy_) / n;
  if (responses_ >= 2) {
    // n·Σx² − (Σx)² is an exact integer: one rounding, whatever the merge order.
    __extension__ using Wide = __int128;
    const Wide spread = Wide{static_cast<std::int64_t>(responses_)} * sum_squares_ - Wide{sum_} * sum_;
    r.variance = static_cast<double>(spread) / (n * (n - 1.0));
  }
  return r;
}

}  // namespace cskpi
