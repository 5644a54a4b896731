// Test header of the merge-law tests (merge_laws_test.cpp, engine_merge_laws_test.cpp): the
// random draws, result equality, folding and merging helpers, and the three laws as function
// templates over a traits type. A traits type T gives: Acc, Input, make(), draw(rng),
// feed(acc, x), different() (an accumulator of another config, or nullopt), and optionally
// result(acc) (what the laws compare, else acc.result()) and max_inputs (else 150).
#pragma once

#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/productivity.hpp>
#include <cskpi/metrics/sla.hpp>
#include <cskpi/metrics/volume.hpp>
#include <cskpi/report/report.hpp>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <optional>
#include <random>
#include <utility>
#include <vector>

namespace merge_laws {

using Rng = std::mt19937_64;

inline int uniform_int(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>{lo, hi}(rng); }
inline bool coin(Rng& rng) { return std::bernoulli_distribution{0.4}(rng); }

// Equality of results, field by field where the result type has no operator==.
template <class R>
bool same(const R& a, const R& b) {
  return a == b;
}

inline bool same(const cskpi::VolumeResult& a, const cskpi::VolumeResult& b) {
  return a.count == b.count && a.share == b.share && a.resolved == b.resolved && a.abandoned == b.abandoned &&
         a.net_change == b.net_change && a.backlog == b.backlog;
}

inline bool same(const cskpi::SlaTargetResult& a, const cskpi::SlaTargetResult& b) {
  return a.achieved == b.achieved && a.breached == b.breached && a.pending == b.pending &&
         a.compliance == b.compliance && a.target == b.target;
}

inline bool same(const cskpi::ProductivityResult& a, const cskpi::ProductivityResult& b) {
  return a.handled == b.handled && a.resolved == b.resolved && a.active_days == b.active_days &&
         a.resolved_per_day == b.resolved_per_day;
}

inline bool same(const cskpi::BusinessDurations& a, const cskpi::BusinessDurations& b) {
  return a.first_response == b.first_response && a.resolution == b.resolution && a.next_reply == b.next_reply &&
         a.requester_wait == b.requester_wait && a.agent_work == b.agent_work && a.on_hold == b.on_hold &&
         a.pending == b.pending;
}

inline bool same(const cskpi::SlaResult& a, const cskpi::SlaResult& b) {
  return same(a.first_response, b.first_response) && same(a.resolution, b.resolution);
}

// After the overloads above: a template sees only what is declared before it (argument types
// live in cskpi and std, so lookup at instantiation does not find this namespace's overloads).
template <class A, class B>
bool same(const std::pair<A, B>& a, const std::pair<A, B>& b) {
  return same(a.first, b.first) && same(a.second, b.second);
}

template <class R>
bool same(const std::optional<R>& a, const std::optional<R>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

inline bool same(const cskpi::GroupMetrics& a, const cskpi::GroupMetrics& b) {
  return same(a.volume, b.volume) && a.nps == b.nps && a.enps == b.enps && a.csat == b.csat && a.ces == b.ces &&
         a.first_response == b.first_response && a.resolution == b.resolution && a.next_reply == b.next_reply &&
         a.requester_wait == b.requester_wait && a.agent_work == b.agent_work && a.on_hold == b.on_hold &&
         a.pending == b.pending && a.handle == b.handle && same(a.business, b.business) && same(a.sla, b.sla) &&
         same(a.productivity, b.productivity) && a.customers == b.customers &&
         a.attrition.has_value() == b.attrition.has_value() && a.fcr == b.fcr && a.reopen == b.reopen &&
         a.complaint == b.complaint && a.self_service == b.self_service && a.queue == b.queue && a.cost == b.cost;
}

// What the laws compare: T::result(acc) when the traits give one, else acc.result().
template <class T>
auto result_of(const typename T::Acc& acc) {
  if constexpr (requires { T::result(acc); }) {
    return T::result(acc);
  } else {
    return acc.result();
  }
}

// Inputs of one trial: up to T::max_inputs when the traits give it (to reach the compactions
// of the larger accumulators), else 150.
template <class T>
constexpr int max_inputs() {
  if constexpr (requires { T::max_inputs; }) {
    return T::max_inputs;
  } else {
    return 150;
  }
}

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

template <class T>
std::vector<typename T::Input> draw_inputs(Rng& rng) {
  const auto n = static_cast<std::size_t>(uniform_int(rng, 0, max_inputs<T>()));
  std::vector<typename T::Input> inputs(n);
  std::generate(inputs.begin(), inputs.end(), [&rng] { return T::draw(rng); });
  return inputs;
}

// 0 = c0 ≤ c1 ≤ … ≤ ck = n: 2-4 parts at random cut points (empty parts allowed).
inline std::vector<std::size_t> random_cuts(Rng& rng, std::size_t n) {
  const auto k = static_cast<std::size_t>(uniform_int(rng, 2, 4));
  std::vector<std::size_t> cuts{0, n};
  for (std::size_t i = 1; i < k; ++i) cuts.push_back(std::uniform_int_distribution<std::size_t>{0, n}(rng));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

// Law 1: any split of the input, merged in order, in reverse, shuffled and right-nested, gives
// the single-pass result (40 trials, 4 checks each).
template <class T>
void check_split_and_order() {
  Rng rng{20270301};
  for (int trial = 0; trial < 40; ++trial) {
    const auto inputs = draw_inputs<T>(rng);
    const std::size_t n = inputs.size();
    const auto single = result_of<T>(fold<T>(inputs, 0, n));

    const auto cuts = random_cuts(rng, n);
    std::vector<typename T::Acc> parts;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) parts.push_back(fold<T>(inputs, cuts[i], cuts[i + 1]));

    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    INFO("trial " << trial << ", n " << n << ", parts " << parts.size());
    CHECK(same(result_of<T>(merge_in_order<T>(parts, order)), single));
    std::reverse(order.begin(), order.end());
    CHECK(same(result_of<T>(merge_in_order<T>(parts, order)), single));
    std::shuffle(order.begin(), order.end(), rng);
    CHECK(same(result_of<T>(merge_in_order<T>(parts, order)), single));
    CHECK(same(result_of<T>(merge_right_nested<T>(parts, 0)), single));
  }
}

// Law 2: the empty accumulator is the identity of merge, on either side and with itself.
template <class T>
void check_empty_is_identity() {
  Rng rng{7};
  std::vector<typename T::Input> inputs(50);
  std::generate(inputs.begin(), inputs.end(), [&rng] { return T::draw(rng); });
  const auto full = fold<T>(inputs, 0, inputs.size());

  auto left = T::make();
  left.merge(full);
  CHECK(same(result_of<T>(left), result_of<T>(full)));
  auto right = full;
  right.merge(T::make());
  CHECK(same(result_of<T>(right), result_of<T>(full)));
  auto empty = T::make();
  empty.merge(T::make());
  CHECK(same(result_of<T>(empty), result_of<T>(T::make())));
}

// Law 3: merging accumulators of different configs throws incompatible_merge, either way round.
template <class T>
void check_different_configs_throw() {
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

}  // namespace merge_laws
