// cskpi/metrics/duration_stats.hpp: exact order statistics over durations (SPEC §3
// Order statistics): count, mean, and nearest-rank median and p90.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "cskpi/exact_sum.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

namespace detail {
struct SampleSpans;
}

/// Every duration in one type, cskpi::Duration (milliseconds, double): the median and p90 are
/// samples, so whole milliseconds, exact; the mean is total / count, correctly rounded. Convert
/// with std::chrono as usual: `std::chrono::duration<double>(*s.mean).count()` is seconds.
struct DurationSummary {
  std::uint64_t count = 0;
  ExactSum total;                // exact sum of the samples in ms (the report's mean_s is total / count)
  std::optional<Duration> mean;  // nullopt when count == 0
  std::optional<Duration> median;  // ⌈n/2⌉-th smallest (lower middle for even n)
  std::optional<Duration> p90;     // ⌈0.9·n⌉-th smallest
  std::optional<double> variance;  // sample variance (n − 1) in s², for Welch trend tests; nullopt when count < 2

  friend bool operator==(const DurationSummary& a, const DurationSummary& b) noexcept {
    return a.count == b.count && a.total == b.total && a.mean == b.mean && a.median == b.median && a.p90 == b.p90 &&
           a.variance == b.variance;
  }
  friend bool operator!=(const DurationSummary& a, const DurationSummary& b) noexcept { return !(a == b); }
};

/// Keeps every sample (exact, O(n) memory) and the exact sum in milliseconds, so merge
/// is exact in any order. Negative durations are accepted. The samples are kept in blocks that
/// grow from 64 to 65,536 samples and are never moved: a growing group copies nothing (a single
/// vector copied every sample at each doubling, and touched fresh pages twice). A sample within
/// ±24.8 days (what fits 32 bits of milliseconds: nearly every first response and most
/// resolutions) takes 4 bytes, a longer one 8 in a list of its own.
class DurationAccumulator {
 public:
  void add(Milliseconds d);
  /// Counts and sums d without keeping it: for an accumulator whose samples are kept by others
  /// (a report group whose samples are those of its finer groups), whose result() is then taken
  /// over those (result(sources)) or which takes their samples in (take_samples_of).
  void add_counted(Milliseconds d);
  void merge(const DurationAccumulator& other);
  /// The same, taking other's samples instead of copying them (other is left empty).
  void merge(DurationAccumulator&& other);
  /// Counts and sums other's samples without keeping them (as add_counted does one sample).
  void merge_counted(const DurationAccumulator& other);
  /// Selects the two ranks where the samples lie (a radix select, nothing copied): O(n).
  /// Throws Error(invalid_argument) when samples were counted but not kept (add_counted).
  [[nodiscard]] DurationSummary result() const;
  /// The same with the samples of `sources` (each kept whole) standing for this one's: they
  /// must be exactly the samples added here, so their count must be count() (Error(invalid_argument)
  /// otherwise). Nothing is copied.
  [[nodiscard]] DurationSummary result(const std::vector<const DurationAccumulator*>& sources) const;
  /// Copies the samples of `source` in without counting them again (they were add_counted).
  void take_samples_of(const DurationAccumulator& source);
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// How many samples are kept here (count() unless some were only counted).
  [[nodiscard]] std::uint64_t kept() const noexcept { return kept_; }
  /// Every sample in ms, sorted (the partial-state format writes them so: equal content, equal
  /// bytes); add() each to rebuild the accumulator. Throws Error(invalid_argument) as result() does.
  [[nodiscard]] std::vector<std::int64_t> sorted_samples() const;

 private:
  void add_sample(std::int64_t ms);
  /// Widens [min_, max_] to hold [least, greatest] (nothing for an empty range: greatest < least).
  void widen(std::int64_t least, std::int64_t greatest) noexcept {
    min_ = std::min(min_, least);
    max_ = std::max(max_, greatest);
  }
  [[nodiscard]] DurationSummary summary(const detail::SampleSpans& samples) const;

  std::vector<std::vector<std::int32_t>> blocks_;  // add() appends to the last until it is full
  std::vector<std::int64_t> wide_;                 // the samples beyond 32 bits
  std::uint64_t count_ = 0;
  std::uint64_t kept_ = 0;  // the samples in blocks_ and wide_, and the zeros
  // Samples of 0 ms, counted instead of kept one by one: most interactions spend no time on hold
  // or pending, and their zeros were a fifth of a report's samples with events.
  std::uint64_t zeros_ = 0;
  // The least and the greatest kept sample (max < min while none is kept): where a selection's
  // keys start, without a pass over the samples.
  std::int64_t min_ = std::numeric_limits<std::int64_t>::max();
  std::int64_t max_ = std::numeric_limits<std::int64_t>::min();
  ExactSum sum_ms_;  // exact, cannot overflow
  // Σ x² of every sample counted, as 128 bits (high, low), exact while each sample is under 2^40
  // in magnitude (squares_exact_): the variance then needs no pass over the samples.
  std::uint64_t squares_low_ = 0;
  std::uint64_t squares_high_ = 0;
  bool squares_exact_ = true;
  void add_square(std::int64_t ms) noexcept;
  void add_squares(const DurationAccumulator& other) noexcept;
};

/// Count, mean, median and p90 of a range of Milliseconds in one call.
template <typename Range>
[[nodiscard]] DurationSummary summarize_durations(const Range& durations) {
  DurationAccumulator a;
  for (const auto& d : durations) a.add(Milliseconds{d});
  return a.result();
}

}  // namespace cskpi
