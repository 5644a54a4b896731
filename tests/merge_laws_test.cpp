// The accumulator contract (STYLE.md) for the metric accumulators: any split of the input merged
// in any order gives the single-pass result; the empty accumulator is the identity; merging
// accumulators of different configurations throws incompatible_merge. The laws themselves are
// in merge_laws.hpp; the engine's partial-state pieces are in engine_merge_laws_test.cpp.
#include <catch2/catch.hpp>

#include <cskpi/metrics/ces.hpp>
#include <cskpi/metrics/cost.hpp>
#include <cskpi/metrics/csat.hpp>
#include <cskpi/metrics/duration_stats.hpp>
#include <cskpi/metrics/fcr.hpp>
#include <cskpi/metrics/nps.hpp>
#include <cskpi/metrics/productivity.hpp>
#include <cskpi/metrics/quality.hpp>
#include <cskpi/metrics/queue.hpp>
#include <cskpi/metrics/sla.hpp>
#include <cskpi/metrics/volume.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "merge_laws.hpp"

namespace {

using merge_laws::coin;
using merge_laws::Rng;
using merge_laws::uniform_int;
using namespace std::chrono_literals;

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

// Traits below whose accumulator has no plain result() give result(acc): what the law compares.

struct VolumeTraits {
  using Acc = cskpi::VolumeAccumulator;
  using Input = int;  // 0 created, 1 resolved, 2 abandoned, 3+ backlog of (Input - 2)
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) { return uniform_int(rng, 0, 6); }
  static void feed(Acc& acc, const Input& x) {
    switch (x) {
      case 0: acc.add_created(); break;
      case 1: acc.add_resolved(); break;
      case 2: acc.add_abandoned(); break;
      default: acc.add_backlog(static_cast<std::uint64_t>(x - 2)); break;
    }
  }
  static cskpi::VolumeResult result(const Acc& acc) { return acc.result(1000); }
  static std::optional<Acc> different() { return std::nullopt; }
};

// Every field of an accumulator's state_fields(), optionals as (engaged, value): the SLA
// result shows the target only when all agree, so the law also compares the min and max kept.
template <class Acc>
std::vector<std::int64_t> state_of(const Acc& acc) {
  std::vector<std::int64_t> out;
  const auto io = [&out](const auto& field) {
    using F = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<F, std::optional<cskpi::Milliseconds>>) {
      out.push_back(field ? 1 : 0);
      out.push_back(field ? field->count() : 0);
    } else {
      out.push_back(static_cast<std::int64_t>(field));
    }
  };
  Acc::state_fields(acc, io);
  return out;
}

struct SlaTraits {
  using Acc = cskpi::SlaAccumulator;
  using Input = std::pair<int, int>;  // status, target in minutes
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) {
    // Mostly one target, so that many parts (and some single passes) agree on it.
    return {uniform_int(rng, 0, 2), uniform_int(rng, 0, 9) == 0 ? uniform_int(rng, 10, 90) : 30};
  }
  static void feed(Acc& acc, const Input& x) {
    acc.add(static_cast<cskpi::SlaStatus>(x.first), std::chrono::minutes{x.second});
  }
  static std::pair<cskpi::SlaTargetResult, std::vector<std::int64_t>> result(const Acc& acc) {
    return {acc.result(), state_of(acc)};
  }
  static std::optional<Acc> different() { return std::nullopt; }
};

struct ProductivityTraits {
  using Acc = cskpi::ProductivityAccumulator;
  using Input = std::pair<std::uint32_t, std::int64_t>;  // agent code, day (before 1970 too)
  // Enough pairs that add() compacts on its own (every 1,024 appended) and the filter widens.
  static constexpr int max_inputs = 3000;
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) {
    return {static_cast<std::uint32_t>(uniform_int(rng, 0, 60)), std::int64_t{uniform_int(rng, -20, 40)}};
  }
  static void feed(Acc& acc, const Input& x) { acc.add(x.first, x.second); }
  static std::pair<cskpi::ProductivityResult, std::vector<std::uint64_t>> result(const Acc& acc) {
    auto compacted = acc;
    compacted.compact();
    return {acc.result(7, 5), compacted.pairs()};
  }
  static std::optional<Acc> different() { return std::nullopt; }
};

}  // namespace

TEMPLATE_TEST_CASE("Merging any split in any order equals a single pass", "[metrics][merge]",
                   NpsTraits, CsatTraits, CesTraits, DurationTraits, FcrTraits, ReopenTraits, ComplaintTraits,
                   SelfServiceTraits, QueueTraits, CostTraits, VolumeTraits, SlaTraits, ProductivityTraits) {
  merge_laws::check_split_and_order<TestType>();
}

TEMPLATE_TEST_CASE("The empty accumulator is the identity of merge", "[metrics][merge]",
                   NpsTraits, CsatTraits, CesTraits, DurationTraits, FcrTraits, ReopenTraits, ComplaintTraits,
                   SelfServiceTraits, QueueTraits, CostTraits, VolumeTraits, SlaTraits, ProductivityTraits) {
  merge_laws::check_empty_is_identity<TestType>();
}

TEMPLATE_TEST_CASE("Merging accumulators of different configs throws incompatible_merge", "[metrics][merge]",
                   CsatTraits, CesTraits, FcrTraits, QueueTraits) {
  merge_laws::check_different_configs_throw<TestType>();
}
