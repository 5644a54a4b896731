#include "cskpi/metrics/queue.hpp"

#include <limits>
#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

namespace {

std::string config_text(const QueueConfig& c) {
  return "threshold " + std::to_string(c.threshold.count()) + " ms, short_abandon " +
         std::to_string(c.short_abandon.count()) + " ms, mode " + std::string(to_string(c.mode));
}

std::optional<double> share(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

QueueAccumulator::QueueAccumulator(QueueConfig config) : config_(config) {
  if (config_.threshold < Milliseconds::zero()) {
    throw Error(ErrorCode::invalid_config,
                "QueueConfig.threshold " + std::to_string(config_.threshold.count()) + " ms is negative");
  }
  if (config_.short_abandon < Milliseconds::zero()) {
    throw Error(ErrorCode::invalid_config,
                "QueueConfig.short_abandon " + std::to_string(config_.short_abandon.count()) + " ms is negative");
  }
}

void QueueAccumulator::add(Milliseconds wait, bool abandoned) {
  if (wait < Milliseconds::zero()) {
    throw Error(ErrorCode::invalid_argument,
                "QueueAccumulator::add: wait " + std::to_string(wait.count()) + " ms is negative");
  }
  const bool within = wait <= config_.threshold;
  if (abandoned) {
    ++abandoned_;
    if (wait < config_.short_abandon) {
      ++short_abandoned_;
    } else if (within) {
      ++abandoned_within_;
    }
  } else {
    answered_wait_ms_.add(wait.count());
    ++answered_;
    if (within) ++answered_within_;
  }
}

void QueueAccumulator::merge(const QueueAccumulator& other) {
  if (config_ != other.config_) {
    throw Error(ErrorCode::incompatible_merge,
                "QueueAccumulator::merge: " + config_text(config_) + " vs " + config_text(other.config_));
  }
  answered_wait_ms_.add(other.answered_wait_ms_);
  answered_ += other.answered_;
  abandoned_ += other.abandoned_;
  short_abandoned_ += other.short_abandoned_;
  answered_within_ += other.answered_within_;
  abandoned_within_ += other.abandoned_within_;
}

QueueResult QueueAccumulator::result() const {
  QueueResult r;
  r.answered = answered_;
  r.abandoned = abandoned_;
  r.short_abandoned = short_abandoned_;
  r.offered = answered_ + abandoned_ - short_abandoned_;
  r.answered_within = answered_within_;
  r.abandoned_within = abandoned_within_;
  r.mode = config_.mode;
  r.threshold = config_.threshold;
  r.short_abandon = config_.short_abandon;
  switch (config_.mode) {
    case QueueMode::offered: r.service_level = share(answered_within_, r.offered); break;
    case QueueMode::answered: r.service_level = share(answered_within_, answered_); break;
    case QueueMode::abandon_within_T_good:
      r.service_level = share(answered_within_ + abandoned_within_, r.offered);
      break;
  }
  if (answered_ != 0) {
    r.asa = std::chrono::duration<double>{answered_wait_ms_.to_double() /
                                          (1000.0 * static_cast<double>(answered_))};
  }
  r.abandon_rate = share(abandoned_ - short_abandoned_, r.offered);
  return r;
}

}  // namespace cskpi
