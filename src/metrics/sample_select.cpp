#include "metrics/sample_select.hpp"

#include <algorithm>
#include <bit>
#include <limits>

namespace cskpi::detail {
namespace {

/// Below this many samples a copy and std::nth_element is cheaper than clearing histograms.
constexpr std::uint64_t radix_threshold = 4096;
/// 12-bit digits: two histograms of 4,096 counters (64 KiB) stay in the first cache levels.
constexpr unsigned digit_bits = 12;
constexpr std::size_t buckets = std::size_t{1} << digit_bits;
/// The targets' buckets are gathered and selected once they hold at most 1/16 of the samples
/// (usually after the first pass); until then another pass narrows them by 12 more bits.
constexpr std::uint64_t gather_fraction = 16;

std::array<std::int64_t, 2> select_by_copy(const SampleSpans& samples, std::array<std::uint64_t, 2> ranks) {
  std::vector<std::int64_t> values;
  values.reserve(static_cast<std::size_t>(samples.count));
  samples.for_each([&values](std::int64_t x) { values.push_back(x); });
  std::array<std::int64_t, 2> out{};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto k = static_cast<std::ptrdiff_t>(ranks[i]);
    std::nth_element(values.begin(), values.begin() + k, values.end());
    out[i] = values[static_cast<std::size_t>(k)];
  }
  return out;
}

/// A rank being narrowed down: the digits of its key chosen so far, and its rank among the
/// samples whose keys start with them.
struct Target {
  std::uint64_t rank = 0;
  std::uint64_t prefix = 0;
};

/// Chooses the digit of `t` from its histogram: the bucket its rank falls in. Returns how many
/// keys that bucket holds.
std::uint64_t descend(Target& t, const std::uint64_t* histogram, unsigned bits) {
  std::size_t digit = 0;
  while (t.rank >= histogram[digit]) {
    t.rank -= histogram[digit];
    ++digit;
  }
  t.prefix = (t.prefix << bits) | digit;
  return histogram[digit];
}

/// The first pass's histogram of the keys' top digit (no digit chosen yet: every key counts,
/// `histogram` has 2 × buckets counters, cleared); how many keys are 0. Two interleaved
/// histograms, summed at the end: durations crowd into the low buckets, and consecutive
/// increments of one counter would wait for each other. The loops keep their counts in locals
/// (a lambda's captured count was stored and reloaded at every sample, as any counter store
/// might alias it).
std::uint64_t count_top_digits(const SampleSpans& samples, std::uint64_t base, unsigned shift,
                               std::uint64_t* histogram) {
  std::uint64_t* const even = histogram;
  std::uint64_t* const odd = histogram + buckets;
  std::uint64_t zero_keys = 0;
  const auto count_run = [&](const auto* x, std::size_t n) {
    std::uint64_t zeros = 0;
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) {
      const std::uint64_t a = static_cast<std::uint64_t>(std::int64_t{x[i]}) - base;
      const std::uint64_t b = static_cast<std::uint64_t>(std::int64_t{x[i + 1]}) - base;
      ++even[a >> shift];
      ++odd[b >> shift];
      zeros += (a == 0 ? 1u : 0u) + (b == 0 ? 1u : 0u);
    }
    if (i < n) {
      const std::uint64_t a = static_cast<std::uint64_t>(std::int64_t{x[i]}) - base;
      ++even[a >> shift];
      zeros += a == 0 ? 1u : 0u;
    }
    zero_keys += zeros;
  };
  for (const SampleSource& source : samples.sources) {
    for (const std::vector<std::int32_t>& block : *source.blocks) count_run(block.data(), block.size());
    count_run(source.wide->data(), source.wide->size());
  }
  for (std::size_t d = 0; d < buckets; ++d) {
    even[d] += odd[d];
    odd[d] = 0;
  }
  return zero_keys;
}

/// Once the targets' buckets are small, their keys (those with key >> shift == prefix) are
/// gathered in one pass and each target is selected among them.
std::array<std::int64_t, 2> select_gathered(const SampleSpans& samples, std::uint64_t base, unsigned shift,
                                            const std::array<Target, 2>& targets) {
  const bool shared = targets[0].prefix == targets[1].prefix;
  const std::uint64_t p0 = targets[0].prefix;
  const std::uint64_t p1 = shared ? ~std::uint64_t{0} : targets[1].prefix;  // shift ≥ 1: no high part is all ones
  std::array<std::vector<std::uint64_t>, 2> keys;
  // The prefixes, shift and base by value: in registers, not reloaded after every push_back.
  const auto gather = [&keys, p0, p1, shift, base](std::int64_t x) {
    const std::uint64_t key = static_cast<std::uint64_t>(x) - base;
    const std::uint64_t high = key >> shift;
    if (high == p0) keys[0].push_back(key);
    if (high == p1) keys[1].push_back(key);
  };
  samples.for_each_stored(gather);
  // The zeros, at most the buckets' share of the samples (a 16th) when they are in them.
  if (const std::uint64_t zeros = samples.zeros(); zeros > 0) {
    const std::uint64_t key = std::uint64_t{0} - base;
    if ((key >> shift) == p0) keys[0].insert(keys[0].end(), static_cast<std::size_t>(zeros), key);
    if ((key >> shift) == p1) keys[1].insert(keys[1].end(), static_cast<std::size_t>(zeros), key);
  }
  std::array<std::int64_t, 2> out{};
  for (std::size_t i = 0; i < 2; ++i) {
    std::vector<std::uint64_t>& k = keys[shared ? 0 : i];
    const auto nth = k.begin() + static_cast<std::ptrdiff_t>(targets[i].rank);
    std::nth_element(k.begin(), nth, k.end());
    out[i] = static_cast<std::int64_t>(base + *nth);
  }
  return out;
}

}  // namespace

SampleRange sample_range(const SampleSpans& samples) {
  SampleRange r{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
  for (const SampleSource& source : samples.sources) {
    if (source.min > source.max) continue;  // no samples
    r.min = std::min(r.min, source.min);
    r.max = std::max(r.max, source.max);
  }
  return r;
}

double sum_of_squares(const SampleSpans& samples, std::int64_t shift) {
  __extension__ using Wide = __int128;
  __extension__ using UnsignedWide = unsigned __int128;
  // Deviations under 2^32 (nearly all) square into 64 bits: summed there, with a count of
  // carries; the rest in 128 bits. exact = carries · 2^64 + low + wide.
  constexpr std::int64_t narrow = std::int64_t{1} << 32;
  std::uint64_t low = 0;
  std::uint64_t carries = 0;
  UnsignedWide wide = 0;
  bool overflow = false;
  samples.for_each([&](std::int64_t x) {
    std::int64_t d = 0;
    if (!__builtin_sub_overflow(x, shift, &d) && d > -narrow && d < narrow) {
      const auto magnitude = static_cast<std::uint64_t>(d < 0 ? -d : d);  // < 2^32
      const std::uint64_t square = magnitude * magnitude;                    // < 2^64
      low += square;
      carries += low < square ? 1 : 0;
      return;
    }
    const Wide w = Wide{x} - shift;
    const auto magnitude = static_cast<UnsignedWide>(w < 0 ? -w : w);
    overflow = __builtin_add_overflow(wide, magnitude * magnitude, &wide) || overflow;
  });
  UnsignedWide exact = (static_cast<UnsignedWide>(carries) << 64) | low;
  overflow = __builtin_add_overflow(exact, wide, &exact) || overflow;
  if (!overflow) return static_cast<double>(exact);
  long double approximate = 0;
  samples.for_each([&](std::int64_t x) {
    const auto e = static_cast<long double>(Wide{x} - shift);
    approximate += e * e;
  });
  return static_cast<double>(approximate);
}

// Keys are x − min as unsigned (0 … max − min), compared digit by digit from the top; each pass
// counts, for each target, the next digit of the keys that share the target's chosen digits.
// The first digit is the top 12 bits of the span's width (a digit aligned to bit 0 instead
// could be a single bit, and cost a pass that told nearly nothing); the later ones 12 bits, or
// what is left.
std::array<std::int64_t, 2> select_ranks(const SampleSpans& samples, const SampleRange& range,
                                         std::array<std::uint64_t, 2> ranks) {
  const std::uint64_t span = static_cast<std::uint64_t>(range.max) - static_cast<std::uint64_t>(range.min);
  if (span == 0) return {range.min, range.min};
  if (samples.count < radix_threshold) return select_by_copy(samples, ranks);
  const auto base = static_cast<std::uint64_t>(range.min);
  const auto width = static_cast<unsigned>(std::bit_width(span));
  unsigned shift = width > digit_bits ? width - digit_bits : 0;  // the lowest bit of the digit
  unsigned bits = width - shift;                                 // the digit's bits (≤ 12)
  std::array<Target, 2> targets{{{ranks[0], 0}, {ranks[1], 0}}};
  // A rank among the samples equal to the least is the least, known after the first pass (which
  // counts them): a duration that is 0 for most interactions (time on hold) needs no more passes.
  std::array<bool, 2> least{false, false};
  const std::uint64_t zeros = samples.zeros();  // then min ≤ 0 ≤ max: their key is 0 − min
  std::vector<std::uint64_t> histograms(2 * buckets);
  for (bool first_pass = true;; first_pass = false) {
    const unsigned above = shift + bits;  // keys >> above: the digits chosen so far
    const bool shared = targets[0].prefix == targets[1].prefix;
    std::fill(histograms.begin(), histograms.end(), 0);
    std::uint64_t* const first = histograms.data();
    std::uint64_t* const second = shared ? first : first + buckets;
    const std::uint64_t p0 = targets[0].prefix;
    const std::uint64_t p1 = targets[1].prefix;
    const std::uint64_t digit_mask = (std::uint64_t{1} << bits) - 1;
    std::uint64_t at_least = 0;  // keys 0 (the first pass only)
    const auto add = [&](std::uint64_t key, std::uint64_t times) {
      const std::uint64_t high = above >= 64 ? 0 : key >> above;
      const std::size_t digit = (key >> shift) & digit_mask;
      if (high == p0) first[digit] += times;
      if (!shared && high == p1) second[digit] += times;
    };
    const auto count = [&] {
      samples.for_each_stored([&](std::int64_t x) { add(static_cast<std::uint64_t>(x) - base, 1); });
      if (zeros > 0) add(std::uint64_t{0} - base, zeros);  // counted, not stored: added at once
    };
    if (first_pass) {  // both targets' prefixes are empty: one histogram of every key's top digit
      at_least = count_top_digits(samples, base, shift, first);
      if (zeros > 0) {  // counted, not stored: added at once
        first[(std::uint64_t{0} - base) >> shift] += zeros;
        at_least += base == 0 ? zeros : 0;
      }
      least = {targets[0].rank < at_least, targets[1].rank < at_least};
      if (least[0] && least[1]) return {range.min, range.min};
      if (least[0]) targets[0] = targets[1];  // followed along (one histogram), answered by the least
      if (least[1]) targets[1] = targets[0];
    } else {
      count();
    }
    const std::uint64_t left = descend(targets[0], first, bits);
    const std::uint64_t right = descend(targets[1], second, bits);
    if (shift == 0) break;
    if (left + right <= samples.count / gather_fraction) {
      std::array<std::int64_t, 2> out = select_gathered(samples, base, shift, targets);
      for (std::size_t i = 0; i < 2; ++i) out[i] = least[i] ? range.min : out[i];
      return out;
    }
    bits = std::min(shift, digit_bits);
    shift -= bits;
  }
  std::array<std::int64_t, 2> out{static_cast<std::int64_t>(base + targets[0].prefix),
                                  static_cast<std::int64_t>(base + targets[1].prefix)};
  for (std::size_t i = 0; i < 2; ++i) out[i] = least[i] ? range.min : out[i];
  return out;
}

}  // namespace cskpi::detail
