// Private: exact order statistics of a DurationAccumulator's samples where they lie (blocks of
// 32-bit samples and a list of 64-bit ones), without copying them: a most-significant-digit
// radix select. Copying 10M samples into a fresh vector and running std::nth_element twice was
// the largest single cost of finishing a large report (and touched fresh pages for every group).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace cskpi::detail {

/// Where samples lie: one accumulator's blocks of 32-bit samples, its list of 64-bit ones and
/// the count of its samples equal to 0 (kept as a count, in neither).
struct SampleSource {
  const std::vector<std::vector<std::int32_t>>* blocks = nullptr;
  const std::vector<std::int64_t>* wide = nullptr;
  std::int64_t min = 0;  // the least and greatest of its samples, zeros included (min > max: none)
  std::int64_t max = -1;
  std::uint64_t zeros = 0;
};

/// The samples of one accumulator, or of several taken together (a group whose samples are its
/// finer groups' samples), in no particular order.
struct SampleSpans {
  std::vector<SampleSource> sources;
  std::uint64_t count = 0;  // the samples of all sources

  /// Every sample but the counted zeros.
  template <class Visit>
  void for_each_stored(Visit&& visit) const {
    for (const SampleSource& source : sources) {
      for (const std::vector<std::int32_t>& block : *source.blocks) {
        for (const std::int32_t x : block) visit(std::int64_t{x});
      }
      for (const std::int64_t x : *source.wide) visit(x);
    }
  }
  /// The samples equal to 0 (not visited by for_each_stored).
  [[nodiscard]] std::uint64_t zeros() const noexcept {
    std::uint64_t n = 0;
    for (const SampleSource& source : sources) n += source.zeros;
    return n;
  }
  /// Every sample, the zeros one by one.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for_each_stored(visit);
    for (std::uint64_t k = zeros(); k > 0; --k) visit(std::int64_t{0});
  }
};

/// The smallest and the largest sample, from the sources' own (precondition: count > 0).
struct SampleRange {
  std::int64_t min = 0;
  std::int64_t max = 0;
};
[[nodiscard]] SampleRange sample_range(const SampleSpans& samples);

/// Σ (x − shift)² over the samples: exact in unsigned 128 bits (each |x − shift| < 2^64, so each
/// square fits, and the sum does for any realistic data: durations of up to 10,000 years are
/// 2^97 per square); only past 2^128 (samples near both ends of the 64-bit range, which no input
/// produces but the API accepts) is it taken in long double instead of overflowing.
[[nodiscard]] double sum_of_squares(const SampleSpans& samples, std::int64_t shift);

/// The samples of 0-based ranks `ranks[0]` and `ranks[1]` in ascending order (each < count),
/// exactly as sorting and indexing would give them. Reads the samples in place, 12 bits of
/// max − min per pass (the top 12 first), until the ranks' buckets hold at most 1/16 of the samples (usually after
/// the first pass); those are gathered in one more pass and selected with std::nth_element.
/// O(n) per pass. Fewer than 4,096 samples are copied and selected with std::nth_element.
[[nodiscard]] std::array<std::int64_t, 2> select_ranks(const SampleSpans& samples, const SampleRange& range,
                                                       std::array<std::uint64_t, 2> ranks);

}  // namespace cskpi::detail
