#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/duration_stats.hpp>
#include <cskpi/stats.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <random>
#include <vector>

using cskpi::DurationAccumulator;
using cskpi::DurationSummary;
using cskpi::Milliseconds;
using namespace std::chrono_literals;

namespace {

DurationSummary summary_of(std::initializer_list<std::int64_t> ms) {
  DurationAccumulator acc;
  for (const auto v : ms) acc.add(Milliseconds{v});
  return acc.result();
}

}  // namespace

TEST_CASE("Duration summary without samples has count 0 and nothing else", "[metrics][duration]") {
  const auto r = DurationAccumulator{}.result();
  CHECK(r.count == 0);
  CHECK_FALSE(r.mean);
  CHECK_FALSE(r.median);
  CHECK_FALSE(r.p90);
}

TEST_CASE("Duration median is the ceil(n/2)-th and p90 the ceil(0.9n)-th smallest, n = 1..10",
          "[metrics][duration]") {
  // Samples n·1000 ms down to 1000 ms (added in descending order, so the sort matters).
  // median rank ⌈n/2⌉: 1,1,2,2,3,3,4,4,5,5 (even n: the lower middle); p90 ⌈0.9n⌉: 1..9, then 9 for n = 10.
  const std::int64_t median_rank[] = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
  const std::int64_t p90_rank[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 9};
  for (std::int64_t n = 1; n <= 10; ++n) {
    DurationAccumulator acc;
    for (std::int64_t i = n; i >= 1; --i) acc.add(Milliseconds{i * 1000});
    const auto r = acc.result();
    INFO("n = " << n);
    CHECK(r.count == static_cast<std::uint64_t>(n));
    CHECK(r.median == Milliseconds{median_rank[n - 1] * 1000});
    CHECK(r.p90 == Milliseconds{p90_rank[n - 1] * 1000});
    // mean of 1..n seconds = (n + 1)/2 s = 500·(n + 1) ms, exactly; the total 1000·n(n + 1)/2 ms
    CHECK(*r.mean == cskpi::Duration{500.0 * static_cast<double>(n + 1)});
    CHECK(r.total.to_double() == static_cast<double>(500 * n * (n + 1)));
  }
}

TEST_CASE("Duration summary of the 03 handle times", "[metrics][duration]") {
  // 180, 219.5, 250.5, 300, 330, 420, 514, 610 s → sum 2 824, mean 353, median 4th = 300, p90 ⌈7.2⌉ = 8th = 610
  const auto all = summary_of({180000, 219500, 250500, 300000, 330000, 420000, 514000, 610000});
  CHECK(all.count == 8);
  CHECK(*all.mean == 353s);
  CHECK(all.total.to_double() == 2824000.0);
  CHECK(all.median == 300s);
  CHECK(all.p90 == 610s);
  // 10-12: 180, 250.5, 300, 420, 610 → mean 1 760.5/5 = 352.1, median 3rd = 300, p90 ⌈4.5⌉ = 5th = 610
  const auto day = summary_of({610000, 180000, 420000, 250500, 300000});
  CHECK(*day.mean == 352100ms);  // exact: 1 760 500 / 5
  CHECK(day.median == 300s);
  CHECK(day.p90 == 610s);
  // 01 resolution, 2 700, 86 400, 118 803, 126 900 s → mean 83 700.75, median 2nd, p90 4th
  const auto res = summary_of({2700000, 86400000, 118803000, 126900000});
  CHECK(*res.mean == 83700750ms);
  CHECK(res.median == 86400s);
  CHECK(res.p90 == 126900s);
}

TEST_CASE("Duration summary keeps milliseconds and accepts negative and zero samples", "[metrics][duration]") {
  // -1.5 s, 0, 0.001 s → sum −1 499 ms, mean −0.4996666… s, median 2nd = 0, p90 ⌈2.7⌉ = 3rd = 1 ms
  const auto r = summary_of({-1500, 0, 1});
  CHECK(r.mean->count() == Approx(-1499.0 / 3.0).margin(1e-9));  // in milliseconds
  CHECK(r.total.to_double() == -1499.0);
  CHECK(r.median == 0ms);
  CHECK(r.p90 == 1ms);
  CHECK(*summary_of({0}).mean == 0ms);
}

TEST_CASE("Duration merge appends samples, self-merge included, and sums past 64 bits exactly", "[metrics][duration]") {
  DurationAccumulator a;
  a.add(3s);
  a.add(1s);
  DurationAccumulator b;
  b.add(2s);
  a.merge(b);
  CHECK(a.count() == 3);
  CHECK(a.result() == summary_of({1000, 2000, 3000}));
  a.merge(a);
  CHECK(a.result() == summary_of({1000, 2000, 3000, 1000, 2000, 3000}));

  DurationAccumulator big;
  big.add(Milliseconds{std::numeric_limits<std::int64_t>::max()});
  big.add(Milliseconds{std::numeric_limits<std::int64_t>::max()});  // the sum passes 2^63: still exact
  CHECK(big.count() == 2);
  CHECK(big.result().mean->count() == Approx(9223372036854775807.0));  // (2 · (2^63 − 1)) / 2 ms
}

TEST_CASE("The variance of samples at the ends of the 64-bit range is finite, not an overflow",
          "[metrics][duration]") {
  // Found by the state fuzz target: squares of deviations near 2^63 summed past 2^127.
  // Samples −2^63, 2^63 − 1, −2^63, 2^63 − 1: Σx = −2, so the truncated mean m = 0 (−2/4 → 0) and
  // the deviations are ≈ ±2^63; Σd² ≈ 4 · 2^126 = 2^128 (past 128 bits: taken in long double),
  // (Σd)² / n = 4 / 4 = 1 (negligible); variance ≈ 2^128 / 3 ms² = 2^128 / 3 / 10^6 s².
  constexpr std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  const DurationSummary s = summary_of({lo, hi, lo, hi});
  REQUIRE(s.variance);
  CHECK(*s.variance == Approx(340282366920938463463374607431768211456.0 / 3.0 / 1e6));
  // Within the exact range: 0 and 10,000 years (3.1557e14 ms) → m = 1.57785e14, d = ±m,
  // variance = 2m² / 1 ms² = 2 · (1.57784760e14)² / 10^6 s².
  const DurationSummary wide = summary_of({0, 315'569'520'000'000});
  REQUIRE(wide.variance);
  CHECK(*wide.variance == Approx(2.0 * 157'784'760'000'000.0 * 157'784'760'000'000.0 / 1e6));
  // Deviations just under 2^32 square to just under 2^64: six of them carry past 64 bits.
  // ±(2^32 − 1) three times each: m = 0, Σd² = 6 · (2^32 − 1)², variance = Σd² / 5 ms².
  constexpr std::int64_t edge = (std::int64_t{1} << 32) - 1;
  const DurationSummary carried = summary_of({edge, -edge, edge, -edge, edge, -edge});
  REQUIRE(carried.variance);
  CHECK(*carried.variance == Approx(6.0 * 4294967295.0 * 4294967295.0 / 5.0 / 1e6));
}

TEST_CASE("Duration samples across many blocks, merged halves and a self-merge give the exact ranks",
          "[metrics][duration]") {
  // 1..200000 ms in a scrambled order (blocks of 64 up to 65,536 samples; the last one partly full).
  // n = 200000: median rank ⌈n/2⌉ = 100000 → 100000 ms; p90 rank ⌈0.9n⌉ = 180000 → 180000 ms;
  // mean = (n + 1)/2 ms = 100 000.5 ms.
  constexpr std::int64_t n = 200000;
  cskpi::DurationAccumulator all;
  cskpi::DurationAccumulator first_half;
  cskpi::DurationAccumulator second_half;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t v = (i * 7919) % n + 1;  // 7919 is prime to n: a permutation of 1..n
    all.add(Milliseconds{v});
    (i < 70001 ? first_half : second_half).add(Milliseconds{v});
  }
  const cskpi::DurationSummary a = all.result();
  CHECK(a.count == static_cast<std::uint64_t>(n));
  CHECK(*a.median == Milliseconds{100000});
  CHECK(*a.p90 == Milliseconds{180000});
  CHECK(a.mean->count() == 100000.5);
  first_half.merge(second_half);
  CHECK(first_half.result() == a);
  first_half.add(Milliseconds{1});  // after a merge: into a new block, every sample kept
  CHECK(first_half.count() == static_cast<std::uint64_t>(n) + 1);
  // The doubled set: 2n samples, each value twice → median rank n → 100000 ms, p90 rank 1.8n → 180000 ms.
  all.merge(all);
  CHECK(all.count() == 2 * static_cast<std::uint64_t>(n));
  CHECK(*all.result().median == Milliseconds{100000});
  CHECK(*all.result().p90 == Milliseconds{180000});
}

TEST_CASE("Duration samples beyond 32 bits of milliseconds keep their exact ranks and merge", "[metrics][duration]") {
  // 2^31 − 1 ms (24.8 days) is the largest sample stored in 4 bytes; one more goes to the wide list.
  constexpr std::int64_t edge = std::numeric_limits<std::int32_t>::max();
  constexpr std::int64_t min_edge = std::numeric_limits<std::int32_t>::min();
  DurationAccumulator a;
  for (const std::int64_t v : {edge + 1, std::int64_t{5}, edge, min_edge - 1, min_edge}) a.add(Milliseconds{v});
  DurationAccumulator b;
  b.add(Milliseconds{std::int64_t{100} * edge});
  b.add(Milliseconds{7});
  a.merge(b);
  a.merge(a);  // every sample twice: 14 samples
  // Sorted: min−1, min−1, min, min, 5, 5, 7, 7, edge, edge, edge+1, edge+1, 100·edge, 100·edge.
  // Median: the ⌈14/2⌉ = 7th smallest = 7; p90: the ⌈12.6⌉ = 13th = 100·edge.
  const auto r = a.result();
  CHECK(r.count == 14);
  CHECK(r.median == Milliseconds{7});
  CHECK(r.p90 == Milliseconds{std::int64_t{100} * edge});
  // Sum: 2·(edge+1 + 5 + edge + min−1 + min + 100·edge + 7) = 2·(102·edge + 2·min + 12)
  //    = 2·(102·2147483647 − 4294967296 + 12) = 2·214748364710 = 429496729420 ms, / 14 ms.
  CHECK(r.total.to_double() == 429496729420.0);
  CHECK(r.mean->count() == Approx(429496729420.0 / 14.0).epsilon(1e-15));
}

namespace {

/// The nearest-rank q-quantile by sorting: the ⌈q·n⌉-th smallest (SPEC §3 Order statistics).
std::int64_t sorted_rank(std::vector<std::int64_t> v, double q) {
  std::sort(v.begin(), v.end());
  return v[cskpi::nearest_rank_index(v.size(), q) - 1];
}

}  // namespace

TEST_CASE("Median and p90 of large groups (radix select in place) equal those of a sort",
          "[metrics][duration][property]") {
  // Above 4,096 samples the accumulator selects the ranks digit by digit where the samples lie;
  // every shape must give exactly the sorted nearest-rank values: narrow and 64-bit samples mixed,
  // negative ones, heavy ties, a span of one, the ends of the 64-bit range, a long tail, ranks
  // gathered after one or after several passes, and sizes at the threshold.
  std::mt19937_64 rng(20261204);
  const auto shapes = std::vector<std::function<std::int64_t()>>{
      [&] { return static_cast<std::int64_t>(rng() % 1000); },                              // ties
      [&] { return static_cast<std::int64_t>(rng() % 4'000'000'000ULL); },                  // beyond 32 bits
      [&] { return static_cast<std::int64_t>(rng()); },                                     // whole 64-bit range
      [&] { return static_cast<std::int64_t>(rng() % 3) - 1; },                            // −1, 0, 1
      [&] { return std::int64_t{7} + static_cast<std::int64_t>(rng() % 2); },               // a span of one
      [&] { return rng() % 2 ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max(); },
      [&] { return static_cast<std::int64_t>(std::exp(static_cast<double>(rng() % 2000) / 100.0)); },  // long tail
      // Nearly all under 2^20 and a few near 2^40: the ranks' bucket is all of it for two passes,
      // then small enough to gather.
      [&] { return static_cast<std::int64_t>(rng() % 1000 == 0 ? (std::uint64_t{1} << 40) - rng() % 7 : rng() % (1u << 20)); },
      // Spans of 13, 24, 25 and 37 bits: first digits that do not start at a multiple of 12.
      [&] { return static_cast<std::int64_t>(rng() % (1u << 13)); },
      [&] { return static_cast<std::int64_t>(rng() % (1u << 24)) - 5; },
      [&] { return static_cast<std::int64_t>(rng() % 16 == 0 ? rng() % (1u << 25) : rng() % 5000); },
      [&] { return static_cast<std::int64_t>(std::exp(static_cast<double>(rng() % 2564) / 100.0)); },
      // Mostly the least (time on hold: 0 for most interactions): both ranks among the least, the
      // median only, and ranks right at the edge of the least's run (every 2nd, 9 in 10 the least).
      [&] { return rng() % 100 < 95 ? 0 : static_cast<std::int64_t>(rng() % 1'000'000'000); },
      [&] { return rng() % 100 < 70 ? 0 : static_cast<std::int64_t>(rng() % 1'000'000'000); },
      [&] { return rng() % 100 < 50 ? -5 : static_cast<std::int64_t>(rng() % 1'000'000); },
      [&, i = std::size_t{0}]() mutable { return i++ % 2 == 0 ? 0 : static_cast<std::int64_t>(1 + rng() % 100'000); },
      [&, i = std::size_t{0}]() mutable { return i++ % 10 < 9 ? 0 : static_cast<std::int64_t>(1 + rng() % 100'000); },
      // A few zeros (counted, not stored) in the middle of a symmetric spread: the median's bucket
      // holds them and is small enough to be gathered.
      [&] { return rng() % 100 < 3 ? 0 : static_cast<std::int64_t>(rng() % 200'000) - 100'000; },
  };
  for (const std::size_t n : {std::size_t{4095}, std::size_t{4096}, std::size_t{4097}, std::size_t{70001}}) {
    for (std::size_t s = 0; s < shapes.size(); ++s) {
      DurationAccumulator acc;
      std::vector<std::int64_t> values;
      for (std::size_t i = 0; i < n; ++i) {
        values.push_back(shapes[s]());
        acc.add(Milliseconds{values.back()});
      }
      const DurationSummary r = acc.result();
      INFO("n = " << n << ", shape " << s);
      CHECK(r.median->count() == static_cast<double>(sorted_rank(values, 0.5)));
      CHECK(r.p90->count() == static_cast<double>(sorted_rank(values, 0.9)));
    }
  }
}

TEST_CASE("A merge that takes the other's samples equals the merge that copies them", "[metrics][duration]") {
  // a: 1..5000 ms, b: 5001..9000 ms (more than one block each). Whole: 1..9000 ms, n = 9000:
  // median rank ⌈4500⌉ → 4500 ms, p90 rank ⌈8100⌉ → 8100 ms, total 9000 · 9001 / 2 = 40,504,500 ms.
  DurationAccumulator a;
  DurationAccumulator b;
  for (std::int64_t v = 1; v <= 9000; ++v) (v <= 5000 ? a : b).add(Milliseconds{v});
  DurationAccumulator copied = a;
  copied.merge(b);
  DurationAccumulator moved = a;
  moved.merge(std::move(b));
  CHECK(moved.result() == copied.result());
  CHECK(moved.count() == 9000);
  CHECK(moved.result().median->count() == 4500.0);
  CHECK(moved.result().p90->count() == 8100.0);
  CHECK(moved.result().total.to_double() == 40504500.0);
  CHECK(b.count() == 0);  // NOLINT(bugprone-use-after-move): left empty, as documented
  moved.merge(std::move(moved));  // a self-merge doubles every sample, as the copying one does
  CHECK(moved.count() == 18000);
  CHECK(moved.result().median->count() == 4500.0);
}

namespace {

/// The variance exactly as the accumulator defines it (docs/metrics.md): deviations from the
/// truncated mean m summed exactly, Var = (Σd² − (Σd)²/n) / (n − 1), in s².
double expected_variance(const std::vector<std::int64_t>& ms) {
  __extension__ using Wide = __int128;
  Wide sum = 0;
  for (const std::int64_t x : ms) sum += x;
  const auto n = static_cast<std::int64_t>(ms.size());
  const auto m = static_cast<std::int64_t>(sum / n);
  Wide squares = 0;
  for (const std::int64_t x : ms) squares += Wide{x - m} * (x - m);
  const double dn = static_cast<double>(n);
  const double sd = static_cast<double>(sum - Wide{m} * n);
  return std::max(0.0, (static_cast<double>(squares) - sd * sd / dn) / (dn - 1.0)) / 1e6;
}

}  // namespace

TEST_CASE("Duration variance: from running exact squares, equal to the sum over the samples", "[metrics][duration]") {
  // Samples under 2^40 ms (34.8 years; here also past 2^31 ms, the 32-bit samples' limit): Σx²
  // is kept exact as they come and the variance needs no pass; a sample of 2^40 ms or more
  // makes it sum over the samples instead.
  std::mt19937_64 rng(7);
  for (const std::int64_t extra : {std::int64_t{0}, std::int64_t{3'000'000'000}, std::int64_t{2'000'000'000'000}}) {
    std::vector<std::int64_t> ms;
    for (int i = 0; i < 5000; ++i) ms.push_back(static_cast<std::int64_t>(rng() % 2'000'000'000));
    if (extra != 0) ms.push_back(extra);
    DurationAccumulator kept;
    DurationAccumulator counted;  // counts and sums, keeps nothing
    DurationAccumulator first_half;
    DurationAccumulator second_half;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      kept.add(Milliseconds{ms[i]});
      counted.add_counted(Milliseconds{ms[i]});
      (i % 2 == 0 ? first_half : second_half).add(Milliseconds{ms[i]});
    }
    INFO("with a sample of " << extra << " ms");
    const double expected = expected_variance(ms);
    CHECK(kept.result().variance == expected);
    CHECK(counted.result({&first_half, &second_half}).variance == expected);
    DurationAccumulator merged;
    merged.merge(first_half);
    merged.merge_counted(second_half);  // squares merge too: counted only, summarised over sources
    CHECK(merged.result({&first_half, &second_half}).variance == expected);
  }
  // By hand: 1, 2 and 4 s: mean 2333.33 ms; Σd² = 1333.3² + 333.3² + 1666.7² = 4,666,666.7 ms²;
  // / 2 = 2,333,333.3 ms² = 2.3333 s².
  DurationAccumulator small;
  for (const std::int64_t x : {1000, 2000, 4000}) small.add(Milliseconds{x});
  CHECK(*small.result().variance == Approx(7.0 / 3.0));
}

TEST_CASE("Duration ranks over sources of which some kept nothing", "[metrics][duration]") {
  // Sources: {} , {5, 1, 9}, {}, {7, 3}: the samples 1 3 5 7 9 (n = 5). Median: the ⌈5/2⌉ = 3rd
  // smallest, 5; p90: the ⌈4.5⌉ = 5th, 9. Each source knows its least and greatest sample, so the
  // selection starts from 1 and 9 without a pass; the empty ones add nothing to that range.
  DurationAccumulator empty_a;
  DurationAccumulator odd;
  DurationAccumulator empty_b;
  DurationAccumulator even;
  DurationAccumulator all;
  for (const std::int64_t x : {5, 1, 9}) odd.add(Milliseconds{x});
  for (const std::int64_t x : {7, 3}) even.add(Milliseconds{x});
  for (const std::int64_t x : {5, 1, 9, 7, 3}) all.add_counted(Milliseconds{x});
  const DurationSummary s = all.result({&empty_a, &odd, &empty_b, &even});
  CHECK(s.median == Milliseconds{5});
  CHECK(s.p90 == Milliseconds{9});
  // Moved in, the range moves too: 10,000 samples −5000 … 4999 (and beyond the 4,096 that are
  // selected by copy): median the 5,000th smallest, −1; p90 the 9,000th, 3999.
  DurationAccumulator low;
  DurationAccumulator high;
  for (std::int64_t x = -5000; x < 0; ++x) low.add(Milliseconds{x});
  for (std::int64_t x = 0; x < 5000; ++x) high.add(Milliseconds{x});
  DurationAccumulator merged;
  merged.merge(std::move(high));
  merged.merge(std::move(low));
  const DurationSummary m = merged.result();
  CHECK(m.median == Milliseconds{-1});
  CHECK(m.p90 == Milliseconds{3999});
}

TEST_CASE("Zero samples kept as a count give the ranks, sums and samples of zeros kept one by one",
          "[metrics][duration][property]") {
  // Sources of random sizes (under and over the 4,096 of the copy path), each mostly zeros, only
  // zeros, or none, with negative samples (zero is then not the least) and 64-bit ones: the
  // report's three ways of putting sources together (result over sources, taking their samples
  // in, merging them) give the sorted nearest-rank values, and sorted_samples() lists the zeros.
  std::mt19937_64 rng(1205);
  for (int round = 0; round < 60; ++round) {
    std::vector<DurationAccumulator> sources(1 + rng() % 5);
    std::vector<std::int64_t> all;
    DurationAccumulator counted;
    const bool negatives = rng() % 2 == 0;
    for (DurationAccumulator& s : sources) {
      const std::size_t n = rng() % 4 == 0 ? 0 : rng() % 9000;
      const unsigned zero_share = static_cast<unsigned>(rng() % 3) * 50;  // 0, 50 or 100 %
      for (std::size_t i = 0; i < n; ++i) {
        std::int64_t x = 0;
        if (rng() % 100 >= zero_share) {
          x = static_cast<std::int64_t>(rng() % 100'000) - (negatives ? 30'000 : 0);
          if (rng() % 500 == 0) x = std::int64_t{1} << 40;
        }
        s.add(Milliseconds{x});
        counted.add_counted(Milliseconds{x});
        all.push_back(x);
      }
    }
    INFO("round " << round << ", " << all.size() << " samples");
    std::vector<const DurationAccumulator*> pointers;
    for (const DurationAccumulator& s : sources) pointers.push_back(&s);
    DurationAccumulator taken = counted;
    for (const DurationAccumulator& s : sources) taken.take_samples_of(s);
    DurationAccumulator merged;
    for (const DurationAccumulator& s : sources) merged.merge(s);
    std::vector<std::int64_t> sorted = all;
    std::sort(sorted.begin(), sorted.end());
    CHECK(merged.sorted_samples() == sorted);
    CHECK(taken.sorted_samples() == sorted);
    if (all.empty()) continue;
    for (const DurationSummary& r : {counted.result(pointers), taken.result(), merged.result()}) {
      CHECK(r.count == all.size());
      CHECK(r.median->count() == static_cast<double>(sorted_rank(all, 0.5)));
      CHECK(r.p90->count() == static_cast<double>(sorted_rank(all, 0.9)));
    }
    CHECK(merged.result() == taken.result());
  }
}
