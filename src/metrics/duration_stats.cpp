#include "cskpi/metrics/duration_stats.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <utility>
#include <string>

#include "cskpi/error.hpp"
#include "cskpi/stats.hpp"
#include "metrics/sample_select.hpp"

namespace cskpi {

namespace {

/// The sample variance in s² of the samples (in ms) whose exact sum is `sum_ms`, from exact
/// integers: deviations from the truncated mean m are summed and squared in 128 bits, so the
/// result does not depend on the order of the samples (merge order) and loses nothing to
/// cancellation. Var = (Σd² − (Σd)²/n) / (n − 1), d = x − m.
/// `squares`: Σx² exact (high, low words) when known, which gives Σd² = Σx² − 2mΣx + nm²
/// exactly without a pass over the samples; else the pass (detail::sum_of_squares) sums it.
double sample_variance_s2(const detail::SampleSpans& samples, const ExactSum& sum,
                          std::optional<std::pair<std::uint64_t, std::uint64_t>> squares) {
  __extension__ using Wide = __int128;
  __extension__ using UnsignedWide = unsigned __int128;
  const auto n = static_cast<std::int64_t>(samples.count);
  const auto sum_ms = static_cast<Wide>((static_cast<UnsignedWide>(sum.high_word()) << 64) | sum.low_word());
  const auto shift = static_cast<std::int64_t>(sum_ms / n);  // within the samples' range
  const auto deviations = [&]() -> std::optional<double> {
    if (!squares) return std::nullopt;
    const auto x2 = (static_cast<UnsignedWide>(squares->first) << 64) | squares->second;
    if (x2 >> 126 != 0) return std::nullopt;  // room for the signed arithmetic below
    Wide cross = 0;
    Wide square = 0;
    Wide d2 = 0;
    if (__builtin_mul_overflow(sum_ms, Wide{2} * shift, &cross) ||
        __builtin_mul_overflow(Wide{shift} * shift, Wide{n}, &square) ||
        __builtin_sub_overflow(static_cast<Wide>(x2), cross, &d2) || __builtin_add_overflow(d2, square, &d2) ||
        d2 < 0) {
      return std::nullopt;
    }
    return static_cast<double>(static_cast<UnsignedWide>(d2));  // as the pass converts its exact sum
  };
  const std::optional<double> exact = deviations();
  const double squares_s = exact ? *exact : detail::sum_of_squares(samples, shift);
  const Wide deviation = sum_ms - Wide{shift} * n;  // |Σd| < n
  const double dn = static_cast<double>(n);
  const double sd = static_cast<double>(deviation);
  const double ms2 = (squares_s - sd * sd / dn) / (dn - 1.0);
  return std::max(0.0, ms2) / 1e6;
}

}  // namespace

constexpr std::size_t first_block = 64;
constexpr std::size_t largest_block = std::size_t{1} << 16;

// The state changes only once nothing can throw any more (strong guarantee).
void DurationAccumulator::add(Milliseconds d) {
  add_sample(d.count());
  ++count_;
  ++kept_;
  sum_ms_.add(d.count());
  add_square(d.count());
}

void DurationAccumulator::add_counted(Milliseconds d) {
  ++count_;
  sum_ms_.add(d.count());
  add_square(d.count());
}

void DurationAccumulator::add_square(std::int64_t ms) noexcept {
  constexpr std::int64_t narrow = std::int64_t{1} << 40;  // 34.8 years of milliseconds
  if (ms <= -narrow || ms >= narrow) {
    squares_exact_ = false;
    return;
  }
  __extension__ using Wide = unsigned __int128;
  const auto magnitude = static_cast<std::uint64_t>(ms < 0 ? -ms : ms);
  const Wide square = static_cast<Wide>(magnitude) * magnitude;  // < 2^80: 2^48 of them fit 128 bits
  const Wide sum = ((static_cast<Wide>(squares_high_) << 64) | squares_low_) + square;
  squares_low_ = static_cast<std::uint64_t>(sum);
  squares_high_ = static_cast<std::uint64_t>(sum >> 64);
}

void DurationAccumulator::add_squares(const DurationAccumulator& other) noexcept {
  squares_low_ += other.squares_low_;
  squares_high_ += other.squares_high_ + (squares_low_ < other.squares_low_ ? 1 : 0);
  squares_exact_ = squares_exact_ && other.squares_exact_;
}

namespace {

void require_samples(std::uint64_t kept, std::uint64_t count) {
  if (kept != count) {
    throw Error(ErrorCode::invalid_argument, "a duration summary of " + std::to_string(count) + " samples was asked of " +
                                                 std::to_string(kept) + " kept samples");
  }
}

}  // namespace

void DurationAccumulator::take_samples_of(const DurationAccumulator& source) {
  if (&source == this) return;
  for (const std::vector<std::int32_t>& block : source.blocks_) {
    for (const std::int32_t x : block) add_sample(x);
  }
  for (const std::int64_t x : source.wide_) add_sample(x);
  if (source.zeros_ > 0) {
    zeros_ += source.zeros_;
    widen(0, 0);
  }
  kept_ += source.kept_;
}

std::vector<std::int64_t> DurationAccumulator::sorted_samples() const {
  require_samples(kept_, count_);
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(count_));
  for (const std::vector<std::int32_t>& block : blocks_) out.insert(out.end(), block.begin(), block.end());
  out.insert(out.end(), wide_.begin(), wide_.end());
  out.insert(out.end(), static_cast<std::size_t>(zeros_), std::int64_t{0});
  std::sort(out.begin(), out.end());
  return out;
}

void DurationAccumulator::add_sample(std::int64_t ms) {
  widen(ms, ms);
  if (ms == 0) {
    ++zeros_;
    return;
  }
  using narrow = std::numeric_limits<std::int32_t>;
  if (ms < narrow::min() || ms > narrow::max()) {
    wide_.push_back(ms);
    return;
  }
  if (blocks_.empty() || blocks_.back().size() == blocks_.back().capacity()) {
    std::vector<std::int32_t> block;
    block.reserve(std::clamp(static_cast<std::size_t>(kept_), first_block, largest_block));
    blocks_.push_back(std::move(block));
  }
  std::vector<std::int32_t>& block = blocks_.back();
  block.push_back(static_cast<std::int32_t>(ms));
  // At each new line of a block, the next one, for writing: a group's samples come one by one
  // among other groups', and each new line was a wait for memory.
  const std::size_t n = block.size();
  if (n % 16 == 1 && n + 16 < block.capacity()) __builtin_prefetch(block.data() + n + 16, 1);
}

// A copy of `other` (which may be *this), moved in: the strong guarantee, since the copy is made
// before anything of ours changes.
void DurationAccumulator::merge(const DurationAccumulator& other) { merge(DurationAccumulator(other)); }

void DurationAccumulator::merge(DurationAccumulator&& other) {
  if (&other == this) {
    merge(DurationAccumulator(other));
    return;
  }
  ExactSum sum = sum_ms_;
  sum.add(other.sum_ms_);
  blocks_.reserve(blocks_.size() + other.blocks_.size());
  wide_.reserve(wide_.size() + other.wide_.size());
  // Nothing below throws: the blocks move (never copied; the order of samples never matters).
  for (auto& block : other.blocks_) {
    if (!block.empty()) blocks_.push_back(std::move(block));
  }
  wide_.insert(wide_.end(), other.wide_.begin(), other.wide_.end());
  count_ += other.count_;
  kept_ += other.kept_;
  zeros_ += other.zeros_;
  widen(other.min_, other.max_);
  sum_ms_ = sum;
  add_squares(other);
  other = DurationAccumulator{};
}

void DurationAccumulator::merge_counted(const DurationAccumulator& other) {
  ExactSum sum = sum_ms_;
  sum.add(other.sum_ms_);
  count_ += other.count_;
  sum_ms_ = sum;
  add_squares(other);
}

DurationSummary DurationAccumulator::result() const {
  require_samples(kept_, count_);
  return summary(detail::SampleSpans{{detail::SampleSource{&blocks_, &wide_, min_, max_, zeros_}}, count_});
}

DurationSummary DurationAccumulator::result(const std::vector<const DurationAccumulator*>& sources) const {
  if (sources.empty()) return result();
  detail::SampleSpans samples;
  samples.sources.reserve(sources.size());
  for (const DurationAccumulator* source : sources) {
    samples.sources.push_back(
        detail::SampleSource{&source->blocks_, &source->wide_, source->min_, source->max_, source->zeros_});
    samples.count += source->kept_;
  }
  require_samples(samples.count, count_);
  return summary(samples);
}

DurationSummary DurationAccumulator::summary(const detail::SampleSpans& samples) const {
  DurationSummary r;
  r.count = count_;
  r.total = sum_ms_;
  if (count_ == 0) return r;
  // One correctly rounded division of exact integers (the sum is exact while it fits 53 bits).
  r.mean = Duration{sum_ms_.to_double() / static_cast<double>(r.count)};
  // The two ranks selected where the samples lie (detail::select_ranks): O(n), nothing copied.
  if (count_ >= 2) {
    r.variance = sample_variance_s2(samples, sum_ms_,
                                    squares_exact_ ? std::optional{std::pair{squares_high_, squares_low_}} : std::nullopt);
  }
  const auto n = static_cast<std::size_t>(count_);
  const std::array<std::uint64_t, 2> ranks{nearest_rank_index(n, 0.5) - 1, nearest_rank_index(n, 0.9) - 1};
  const auto [median, p90] = detail::select_ranks(samples, detail::sample_range(samples), ranks);
  r.median = Duration{static_cast<double>(median)};
  r.p90 = Duration{static_cast<double>(p90)};
  return r;
}

}  // namespace cskpi
