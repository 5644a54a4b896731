// The accumulator contract (STYLE.md): for every accumulator, any split of the input merged
// in any order gives the single-pass result; the empty accumulator is the identity;
// merging accumulators of different configurations throws incompatible_merge.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/ces.hpp>
#include <cskpi/metrics/cost.hpp>
#include <cskpi/metrics/csat.hpp>
#include <cskpi/metrics/duration_stats.hpp>
#include <cskpi/metrics/fcr.hpp>
#include <cskpi/metrics/nps.hpp>
#include <cskpi/metrics/quality.hpp>
#include <cskpi/metrics/queue.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <random>
#include <utility>
#include <vector>

namespace {

using Rng = std::mt19937_64;
using namespace std::chrono_literals;

int uniform_int(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>{lo, hi}(rng); }
bool coin(Rng& rng) { return std::bernoulli_distribution{0.4}(rng); }

// Each traits type: the accumulator, how to build it, one random observation, how to feed
// it, and (when the accumulator has a config) an accumulator of a different config.
struct NpsTraits {
  using Acc = cskpi::NpsAccumulator;
  using Input = int;
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) { return uniform_int(rng, 0, 10); }
  static void feed(Acc& acc, const Input& x) { acc.add(x); }
  static std::optional<Acc> different() { return std::nullopt; }
};

struct CsatTraits {
  using Acc = cskpi::CsatAccumulator;
  using Input = int;
  static Acc make() { return Acc{cskpi::CsatConfig{{0, 10}, 8}}; }
  static Input draw(Rng& rng) { return uniform_int(rng, 0, 10); }
  static void feed(Acc& acc, const Input& x) { acc.add(x); }
  static std::optional<Acc> different() { return Acc{cskpi::CsatConfig{{0, 10}, 9}}; }
};

struct CesTraits {
  using Acc = cskpi::CesAccumulator;
  using Input = int;
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) { return uniform_int(rng, 1, 7); }
  static void feed(Acc& acc, const Input& x) { acc.add(x); }
  static std::optional<Acc> different() { return Acc{cskpi::CesConfig{{1, 5}, 4}}; }
};

struct DurationTraits {
  using Acc = cskpi::DurationAccumulator;
  using Input = std::int64_t;  // ms
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) { return std::uniform_int_distribution<std::int64_t>{-5'000, 10'000'000}(rng); }
  static void feed(Acc& acc, const Input& x) { acc.add(cskpi::Milliseconds{x}); }
  static std::optional<Acc> different() { return std::nullopt; }
};

struct FcrTraits {
  using Acc = cskpi::FcrAccumulator;
  using Input = bool;
  static Acc make() { return Acc{cskpi::FcrConfig{cskpi::FcrMethod::repeat_window, 72h}}; }
  static Input draw(Rng& rng) { return coin(rng); }
  static void feed(Acc& acc, const Input& x) { acc.add(x); }
  static std::optional<Acc> different() { return Acc{cskpi::FcrConfig{cskpi::FcrMethod::repeat_window, 24h}}; }
};

template <class A>
struct ProportionTraits {
  using Acc = A;
  using Input = bool;
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) { return coin(rng); }
  static void feed(Acc& acc, const Input& x) { acc.add(x); }
  static std::optional<Acc> different() { return std::nullopt; }
};
using ReopenTraits = ProportionTraits<cskpi::ReopenAccumulator>;
using ComplaintTraits = ProportionTraits<cskpi::ComplaintAccumulator>;
using SelfServiceTraits = ProportionTraits<cskpi::SelfServiceAccumulator>;

struct QueueTraits {
  using Acc = cskpi::QueueAccumulator;
  using Input = std::pair<std::int64_t, bool>;  // wait ms, abandoned
  static Acc make() { return Acc{cskpi::QueueConfig{30s, 8s, cskpi::QueueMode::abandon_within_T_good}}; }
  static Input draw(Rng& rng) {
    return {std::uniform_int_distribution<std::int64_t>{0, 90'000}(rng), coin(rng)};
  }
  static void feed(Acc& acc, const Input& x) { acc.add(cskpi::Milliseconds{x.first}, x.second); }
  static std::optional<Acc> different() {
    return Acc{cskpi::QueueConfig{30s, 8s, cskpi::QueueMode::offered}};
  }
};

struct CostTraits {
  using Acc = cskpi::CostAccumulator;
  using Input = double;
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) { return std::uniform_real_distribution<double>{0.0, 500.0}(rng); }
  static void feed(Acc& acc, const Input& x) { acc.add(x); }
  static std::optional<Acc> different() { return std::nullopt; }
};

template <class T>
typename T::Acc fold(const std::vector<typename T::Input>& inputs, std::size_t begin, std::size_t end) {
  auto acc = T::make();
  for (std::size_t i = begin; i < end; ++i) T::feed(acc, inputs[i]);
  return acc;
}

// Merges parts in the given order, left to right.
template <class T>
typename T::Acc merge_in_order(const std::vector<typename T::Acc>& parts, const std::vector<std::size_t>& order) {
  auto acc = parts[order.front()];
  for (std::size_t i = 1; i < order.size(); ++i) acc.merge(parts[order[i]]);
  return acc;
}

// p0 ⊕ (p1 ⊕ (p2 ⊕ …)): the right-nested grouping.
template <class T>
typename T::Acc merge_right_nested(const std::vector<typename T::Acc>& parts, std::size_t from) {
  if (from + 1 == parts.size()) return parts[from];
  auto acc = parts[from];
  acc.merge(merge_right_nested<T>(parts, from + 1));
  return acc;
}

}  // namespace

TEMPLATE_TEST_CASE("Merging any split in any order equals a single pass", "[metrics][merge]", NpsTraits,
                   CsatTraits, CesTraits, DurationTraits, FcrTraits, ReopenTraits, ComplaintTraits,
                   SelfServiceTraits, QueueTraits, CostTraits) {
  using T = TestType;
  Rng rng{20270301};
  for (int trial = 0; trial < 40; ++trial) {
    const auto n = static_cast<std::size_t>(uniform_int(rng, 0, 150));
    std::vector<typename T::Input> inputs;
    for (std::size_t i = 0; i < n; ++i) inputs.push_back(T::draw(rng));
    const auto single = fold<T>(inputs, 0, n).result();

    // 2-4 parts at random cut points (empty parts allowed).
    const auto k = static_cast<std::size_t>(uniform_int(rng, 2, 4));
    std::vector<std::size_t> cuts{0, n};
    for (std::size_t i = 1; i < k; ++i) {
      cuts.push_back(std::uniform_int_distribution<std::size_t>{0, n}(rng));
    }
    std::sort(cuts.begin(), cuts.end());
    std::vector<typename T::Acc> parts;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) parts.push_back(fold<T>(inputs, cuts[i], cuts[i + 1]));

    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    INFO("trial " << trial << ", n " << n << ", parts " << parts.size());
    CHECK(merge_in_order<T>(parts, order).result() == single);
    std::reverse(order.begin(), order.end());
    CHECK(merge_in_order<T>(parts, order).result() == single);
    std::shuffle(order.begin(), order.end(), rng);
    CHECK(merge_in_order<T>(parts, order).result() == single);
    CHECK(merge_right_nested<T>(parts, 0).result() == single);
  }
}

TEMPLATE_TEST_CASE("The empty accumulator is the identity of merge", "[metrics][merge]", NpsTraits, CsatTraits,
                   CesTraits, DurationTraits, FcrTraits, ReopenTraits, ComplaintTraits, SelfServiceTraits,
                   QueueTraits, CostTraits) {
  using T = TestType;
  Rng rng{7};
  std::vector<typename T::Input> inputs;
  for (int i = 0; i < 50; ++i) inputs.push_back(T::draw(rng));
  const auto full = fold<T>(inputs, 0, inputs.size());

  auto left = T::make();
  left.merge(full);
  CHECK(left.result() == full.result());
  auto right = full;
  right.merge(T::make());
  CHECK(right.result() == full.result());
  auto empty = T::make();
  empty.merge(T::make());
  CHECK(empty.result() == T::make().result());
}

TEMPLATE_TEST_CASE("Merging accumulators of different configs throws incompatible_merge", "[metrics][merge]",
                   CsatTraits, CesTraits, FcrTraits, QueueTraits) {
  using T = TestType;
  auto acc = T::make();
  auto other = T::different();
  REQUIRE(other);
  REQUIRE_THROWS_AS(acc.merge(*other), cskpi::Error);
  try {
    other->merge(acc);
    FAIL("no exception");
  } catch (const cskpi::Error& e) {
    CHECK(e.code() == cskpi::ErrorCode::incompatible_merge);
  }
}
