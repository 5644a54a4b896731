#include "cskpi/metrics/fcr.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>
#include <tuple>

#include "cskpi/error.hpp"

namespace cskpi {

FcrAccumulator::FcrAccumulator(FcrConfig config) : config_(config) {
  if (config_.window <= Milliseconds::zero()) {
    throw Error(ErrorCode::invalid_config,
                "FcrConfig.window " + std::to_string(config_.window.count()) + " ms must be positive");
  }
}

void FcrAccumulator::add(bool first_contact) noexcept {
  ++resolved_;
  if (first_contact) ++first_contact_;
}

void FcrAccumulator::merge(const FcrAccumulator& other) {
  if (config_ != other.config_) {
    throw Error(ErrorCode::incompatible_merge,
                "FcrAccumulator::merge: method/window " + std::string(to_string(config_.method)) + "/" +
                    std::to_string(config_.window.count()) + " ms vs " +
                    std::string(to_string(other.config_.method)) + "/" +
                    std::to_string(other.config_.window.count()) + " ms");
  }
  resolved_ += other.resolved_;
  first_contact_ += other.first_contact_;
}

FcrResult FcrAccumulator::result() const {
  FcrResult r;
  r.resolved = resolved_;
  r.first_contact = first_contact_;
  r.method = config_.method;
  r.window = config_.window;
  if (resolved_ != 0) r.rate = static_cast<double>(first_contact_) / static_cast<double>(resolved_);
  return r;
}

std::vector<std::uint8_t> repeat_contacts(const std::vector<std::uint32_t>& customer,
                                          const std::vector<std::uint32_t>& topic,
                                          const std::vector<std::int64_t>& created_ms, Milliseconds window) {
  const std::size_t n = customer.size();
  if (topic.size() != n || created_ms.size() != n) {
    throw Error(ErrorCode::invalid_argument, "repeat_contacts: column lengths differ (customer " +
                                                 std::to_string(n) + ", topic " + std::to_string(topic.size()) +
                                                 ", created " + std::to_string(created_ms.size()) + ")");
  }
  if (window < Milliseconds::zero()) {
    throw Error(ErrorCode::invalid_argument,
                "repeat_contacts: window " + std::to_string(window.count()) + " ms is negative");
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(customer[a], topic[a], created_ms[a]) < std::tie(customer[b], topic[b], created_ms[b]);
  });
  const auto same_key = [&](std::size_t a, std::size_t b) {
    return customer[a] == customer[b] && topic[a] == topic[b];
  };
  const auto limit = static_cast<std::uint64_t>(window.count());
  std::vector<std::uint8_t> repeated(n, 0);
  // For each row, the first later row of its key with a strictly greater instant is the
  // nearest candidate; `next` only moves forward, so the scan is linear after the sort.
  std::size_t next = 0;
  for (std::size_t pos = 0; pos < n; ++pos) {
    const std::size_t i = order[pos];
    next = std::max(next, pos + 1);
    while (next < n && same_key(order[next], i) && created_ms[order[next]] <= created_ms[i]) ++next;
    if (next < n && same_key(order[next], i)) {
      // Unsigned difference: exact for any pair of int64 instants, no overflow.
      const std::uint64_t gap =
          static_cast<std::uint64_t>(created_ms[order[next]]) - static_cast<std::uint64_t>(created_ms[i]);
      repeated[i] = gap <= limit ? 1 : 0;
    }
  }
  return repeated;
}

}  // namespace cskpi
