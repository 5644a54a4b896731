// cskpi/metrics/quality.hpp: the simple quality proportions of SPEC §3 Quality:
// reopen, complaint and self-service rates (FCR has its own header).
#pragma once

#include <cstdint>
#include <optional>

namespace cskpi {

namespace detail {

/// hits out of total, with the rate nullopt on an empty denominator. Exact merge.
struct Proportion {
  std::uint64_t total = 0;
  std::uint64_t hits = 0;

  void add(bool hit) noexcept {
    ++total;
    if (hit) ++hits;
  }
  void merge(const Proportion& other) noexcept {
    total += other.total;
    hits += other.hits;
  }
  [[nodiscard]] std::optional<double> rate() const noexcept {
    if (total == 0) return std::nullopt;
    return static_cast<double>(hits) / static_cast<double>(total);
  }
};

}  // namespace detail

struct ReopenResult {
  std::uint64_t resolved = 0;  // resolved interactions
  std::uint64_t reopened = 0;  // of which reopened ≥ 1
  std::optional<double> rate;  // fraction 0-1; nullopt when resolved == 0

  friend bool operator==(const ReopenResult& a, const ReopenResult& b) noexcept {
    return a.resolved == b.resolved && a.reopened == b.reopened && a.rate == b.rate;
  }
  friend bool operator!=(const ReopenResult& a, const ReopenResult& b) noexcept { return !(a == b); }
};

struct ComplaintResult {
  std::uint64_t interactions = 0;  // interactions attributed to the group
  std::uint64_t complaints = 0;    // of which kind == "complaint"
  std::optional<double> rate;      // fraction 0-1; nullopt when interactions == 0

  friend bool operator==(const ComplaintResult& a, const ComplaintResult& b) noexcept {
    return a.interactions == b.interactions && a.complaints == b.complaints && a.rate == b.rate;
  }
  friend bool operator!=(const ComplaintResult& a, const ComplaintResult& b) noexcept { return !(a == b); }
};

struct SelfServiceResult {
  std::uint64_t resolved = 0;      // resolved interactions
  std::uint64_t self_service = 0;  // of which channel == "self_service"
  std::optional<double> rate;      // fraction 0-1; nullopt when resolved == 0

  friend bool operator==(const SelfServiceResult& a, const SelfServiceResult& b) noexcept {
    return a.resolved == b.resolved && a.self_service == b.self_service && a.rate == b.rate;
  }
  friend bool operator!=(const SelfServiceResult& a, const SelfServiceResult& b) noexcept { return !(a == b); }
};

/// One resolved interaction per add.
class ReopenAccumulator {
 public:
  void add(bool reopened) noexcept { state_.add(reopened); }
  void merge(const ReopenAccumulator& other) noexcept { state_.merge(other.state_); }
  [[nodiscard]] ReopenResult result() const;

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.state_.total);
    io(s.state_.hits);
  }

 private:
  detail::Proportion state_;
};

/// One interaction per add.
class ComplaintAccumulator {
 public:
  void add(bool complaint) noexcept { state_.add(complaint); }
  void merge(const ComplaintAccumulator& other) noexcept { state_.merge(other.state_); }
  [[nodiscard]] ComplaintResult result() const;

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.state_.total);
    io(s.state_.hits);
  }

 private:
  detail::Proportion state_;
};

/// One resolved interaction per add.
class SelfServiceAccumulator {
 public:
  void add(bool self_service) noexcept { state_.add(self_service); }
  void merge(const SelfServiceAccumulator& other) noexcept { state_.merge(other.state_); }
  [[nodiscard]] SelfServiceResult result() const;

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.state_.total);
    io(s.state_.hits);
  }

 private:
  detail::Proportion state_;
};

}  // namespace cskpi
