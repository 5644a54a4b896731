// The accumulator contract (STYLE.md) for the engine's partial-state pieces in src/report:
// backlog differences (dense and sparse), staffing counts and a group's accumulators. The three
// laws of merge_laws.hpp (any split in any order = single pass; the empty accumulator is the
// identity; different configs throw), then the rest of a group's merge: by move, groups that
// only count samples, productivity on in one part only.
#include <catch2/catch.hpp>

#include <cskpi/metrics/fcr.hpp>
#include <cskpi/metrics/sla.hpp>
#include <cskpi/model/dataset.hpp>
#include <cskpi/report/report.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "merge_laws.hpp"
#include "report/backlog.hpp"
#include "report/group_accumulators.hpp"
#include "report/interaction_facts.hpp"
#include "report/staffing_plan.hpp"

namespace {

using merge_laws::coin;
using merge_laws::draw_inputs;
using merge_laws::fold;
using merge_laws::random_cuts;
using merge_laws::Rng;
using merge_laws::same;
using merge_laws::uniform_int;

// Dense below 4,096 snapshots, sparse runs above (src/report/backlog.cpp).
template <std::uint32_t Snapshots, int MaxInputs>
struct BacklogTraits {
  using Acc = cskpi::detail::BacklogDiff;
  struct Input {
    std::uint32_t lo = 0;  // add(lo, hi), or add_difference(lo, delta) when hi is 0
    std::uint32_t hi = 0;
    std::int64_t delta = 0;
  };
  static constexpr int max_inputs = MaxInputs;
  static Acc make() { return Acc{Snapshots}; }
  static Input draw(Rng& rng) {
    const auto index = [&rng](std::uint32_t lo, std::uint32_t hi) {
      return std::uniform_int_distribution<std::uint32_t>{lo, hi}(rng);
    };
    // A few read-back differences (partial states on disk), up to the −1 past the last snapshot.
    if (uniform_int(rng, 0, 9) == 0) return {index(0, Snapshots), 0, std::int64_t{uniform_int(rng, -2, 2)}};
    const std::uint32_t lo = index(0, Snapshots - 1);
    return {lo, index(lo + 1, Snapshots), 0};
  }
  static void feed(Acc& acc, const Input& x) {
    if (x.hi == 0) {
      acc.add_difference(x.lo, x.delta);
    } else {
      acc.add(x.lo, x.hi);
    }
  }
  static std::pair<std::vector<std::uint64_t>, std::vector<std::pair<std::uint32_t, std::int64_t>>> result(
      const Acc& acc) {
    return {acc.counts(), acc.differences()};
  }
  static std::optional<Acc> different() { return std::nullopt; }
};
using BacklogDenseTraits = BacklogTraits<40, 150>;
using BacklogSparseTraits = BacklogTraits<9000, 6000>;

struct StaffingTraits {
  using Acc = cskpi::detail::StaffingCounts;
  using Input = std::pair<std::size_t, std::int64_t>;  // hour of the week, handle ms or no_value
  static Acc make() { return Acc{}; }
  static Input draw(Rng& rng) {
    const auto hour = static_cast<std::size_t>(uniform_int(rng, 0, 167));
    return {hour, coin(rng) ? cskpi::no_value : std::int64_t{uniform_int(rng, 0, 3'600'000)}};
  }
  static void feed(Acc& acc, const Input& x) { acc.add(x.first, x.second); }
  static auto result(const Acc& acc) {
    return std::tuple{acc.calls, acc.handle_ms, acc.handled, acc.all_handle_ms, acc.all_handled, acc.total};
  }
  static std::optional<Acc> different() { return std::nullopt; }
};

// Interactions for the rows GroupAccumulators::add_created reads: agent or none, handle, wait
// and abandonment, cost.
const cskpi::Dataset& group_rows() {
  static const cskpi::Dataset data = [] {
    cskpi::Dataset d;
    Rng rng{11};
    for (int i = 0; i < 64; ++i) {
      cskpi::Interaction r;
      r.id = std::to_string(i);
      r.channel = coin(rng) ? "phone" : "chat";
      if (coin(rng)) r.agent_id = std::to_string(uniform_int(rng, 0, 4));
      r.created_at = cskpi::from_millis(1'770'000'000'000 + std::int64_t{i} * 60'000);
      if (coin(rng)) r.handle_seconds = static_cast<double>(uniform_int(rng, 0, 900));
      if (coin(rng)) {
        r.wait_seconds = static_cast<double>(uniform_int(rng, 0, 90));
        r.abandoned = coin(rng);
      }
      if (coin(rng)) r.cost = uniform_int(rng, 0, 1000) / 100.0;
      d.add(r);
    }
    return d;
  }();
  return data;
}

cskpi::detail::SlaOutcome draw_sla(Rng& rng) {
  return {static_cast<cskpi::SlaStatus>(uniform_int(rng, 0, 2)), std::chrono::minutes{coin(rng) ? 30 : 60}};
}

cskpi::detail::InteractionFacts draw_facts(Rng& rng) {
  const auto ms = [&rng](int hi) { return std::int64_t{uniform_int(rng, 0, hi)}; };
  cskpi::detail::InteractionFacts f;
  if (coin(rng)) {
    f.first_response_ms = ms(3'600'000);
    f.first_response_business_ms = ms(3'600'000);
  }
  f.resolved = coin(rng);
  f.resolution_ms = ms(90'000'000);
  f.resolution_business_ms = ms(30'000'000);
  f.reopened = coin(rng);
  f.self_service = coin(rng);
  f.complaint = coin(rng);
  if (coin(rng)) f.first_contact = coin(rng);
  if (coin(rng)) f.sla_first_response = draw_sla(rng);
  if (coin(rng)) f.sla_resolution = draw_sla(rng);
  f.has_history = coin(rng);
  for (std::size_t s = 0; s < cskpi::detail::state_count; ++s) {
    f.state_ms[s] = coin(rng) ? 0 : ms(600'000);  // zeros are counted apart
    f.state_business_ms[s] = coin(rng) ? 0 : ms(300'000);
  }
  for (int i = uniform_int(rng, 0, 3); i > 0; --i) f.next_reply_ms.push_back(ms(7'200'000));
  for (int i = uniform_int(rng, 0, 3); i > 0; --i) f.next_reply_business_ms.push_back(ms(3'600'000));
  return f;
}

// Every add function of GroupAccumulators, with business durations, SLA and productivity on.
struct GroupTraits {
  using Acc = cskpi::detail::GroupAccumulators;
  enum class Kind { created, first_response, resolution, resolved_count, abandoned_count, survey, agent_day };
  struct Input {
    Kind kind = Kind::created;
    std::size_t row = 0;  // of group_rows()
    cskpi::detail::InteractionFacts facts;
    bool assisted = false;
    cskpi::SurveyKind survey = cskpi::SurveyKind::nps;
    int score = 0;
    std::uint32_t agent = 0;
    std::int64_t day = 0;
  };
  static Acc make(bool keep_samples = true) {
    return Acc{cskpi::MetricConfig{}, cskpi::FcrConfig{}, true, true, true, keep_samples};
  }
  static Input draw(Rng& rng) {
    Input x;
    x.kind = static_cast<Kind>(uniform_int(rng, 0, 6));
    x.row = static_cast<std::size_t>(uniform_int(rng, 0, static_cast<int>(group_rows().interactions().size()) - 1));
    x.facts = draw_facts(rng);
    x.assisted = coin(rng);
    x.survey = static_cast<cskpi::SurveyKind>(uniform_int(rng, 0, 3));
    x.score = x.survey == cskpi::SurveyKind::csat ? uniform_int(rng, 1, 5)
              : x.survey == cskpi::SurveyKind::ces ? uniform_int(rng, 1, 7)
                                                   : uniform_int(rng, 0, 10);
    x.agent = static_cast<std::uint32_t>(uniform_int(rng, 0, 4));
    x.day = uniform_int(rng, 20'480, 20'490);
    return x;
  }
  static void feed(Acc& acc, const Input& x) {
    switch (x.kind) {
      case Kind::created: acc.add_created(x.row, group_rows().interactions(), x.facts); break;
      case Kind::first_response: acc.add_first_response(x.facts); break;
      case Kind::resolution: acc.add_resolution(x.facts); break;
      case Kind::resolved_count: acc.add_resolved_count(x.assisted); break;
      case Kind::abandoned_count: acc.add_abandoned_count(); break;
      case Kind::survey: acc.add_survey(x.survey, x.score); break;
      case Kind::agent_day: acc.add_agent_day(x.agent, x.day); break;
    }
  }
  static cskpi::GroupMetrics result(const Acc& acc) { return acc.result(1000, true); }
  static std::optional<Acc> different() {
    cskpi::MetricConfig config;
    config.csat.satisfied_from = 5;
    return Acc{config, cskpi::FcrConfig{}, true, true, true};
  }
};

}  // namespace

TEMPLATE_TEST_CASE("Engine accumulators: merging any split in any order equals a single pass", "[report][merge]",
                   BacklogDenseTraits, BacklogSparseTraits, StaffingTraits, GroupTraits) {
  merge_laws::check_split_and_order<TestType>();
}

TEMPLATE_TEST_CASE("Engine accumulators: the empty accumulator is the identity of merge", "[report][merge]",
                   BacklogDenseTraits, BacklogSparseTraits, StaffingTraits, GroupTraits) {
  merge_laws::check_empty_is_identity<TestType>();
}

// Only a group's accumulators have a configuration among the engine's pieces.
TEMPLATE_TEST_CASE("Engine accumulators of different configs throw incompatible_merge", "[report][merge]",
                   GroupTraits) {
  merge_laws::check_different_configs_throw<TestType>();
}

namespace {

/// Groups made by `make()` and fed the parts of a random split of `inputs`, shuffled.
template <class Make>
std::vector<GroupTraits::Acc> split_groups(Rng& rng, const std::vector<GroupTraits::Input>& inputs, Make make) {
  const auto cuts = random_cuts(rng, inputs.size());
  std::vector<GroupTraits::Acc> parts;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    parts.push_back(make());
    for (std::size_t j = cuts[i]; j < cuts[i + 1]; ++j) GroupTraits::feed(parts.back(), inputs[j]);
  }
  std::shuffle(parts.begin(), parts.end(), rng);
  return parts;
}

/// The first part with every other merged in, in order (copied).
GroupTraits::Acc merge_all(const std::vector<GroupTraits::Acc>& parts) {
  GroupTraits::Acc merged = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) merged.merge(parts[i]);
  return merged;
}

}  // namespace

// The laws above cover a group's const merge with equal flags; these cover the rest of its
// merge: taking the samples of an rvalue, groups that only count samples, and productivity on
// in one part only.
TEST_CASE("Group accumulators merged by move equal a single pass", "[report][merge]") {
  using T = GroupTraits;
  Rng rng{4099};
  for (int trial = 0; trial < 40; ++trial) {
    const auto inputs = draw_inputs<T>(rng);
    std::vector<T::Acc> parts = split_groups(rng, inputs, [] { return T::make(); });
    INFO("trial " << trial << ", n " << inputs.size() << ", parts " << parts.size());

    T::Acc moved = std::move(parts.front());
    for (std::size_t i = 1; i < parts.size(); ++i) moved.merge(std::move(parts[i]));
    CHECK(same(T::result(moved), T::result(fold<T>(inputs, 0, inputs.size()))));
  }
}

TEST_CASE("Groups that count samples kept by their finer groups merge to the single pass", "[report][merge]") {
  using T = GroupTraits;
  Rng rng{4111};
  for (int trial = 0; trial < 40; ++trial) {
    const auto inputs = draw_inputs<T>(rng);
    const std::vector<T::Acc> parts = split_groups(rng, inputs, [] { return T::make(false); });
    INFO("trial " << trial << ", n " << inputs.size() << ", parts " << parts.size());

    // The result is taken over the samples of a group that keeps them all.
    const auto single = fold<T>(inputs, 0, inputs.size());
    CHECK(same(merge_all(parts).result(1000, true, {&single}), T::result(single)));
  }
}

TEST_CASE("A group merged with one that has agents reports the productivity of the single pass", "[report][merge]") {
  using T = GroupTraits;
  Rng rng{4127};
  for (int trial = 0; trial < 40; ++trial) {
    const auto inputs = draw_inputs<T>(rng);
    const auto cuts = random_cuts(rng, inputs.size());
    // Parts without agents (productivity off) get no agent-days; the single pass has none of them.
    std::vector<bool> agents(cuts.size() - 1);
    std::generate(agents.begin(), agents.end(), [&rng] { return coin(rng); });
    agents[static_cast<std::size_t>(uniform_int(rng, 0, static_cast<int>(agents.size()) - 1))] = true;
    std::vector<T::Acc> parts;
    auto single = T::make();
    for (std::size_t i = 0; i < agents.size(); ++i) {
      parts.push_back(T::Acc{cskpi::MetricConfig{}, cskpi::FcrConfig{}, true, true, agents[i]});
      for (std::size_t j = cuts[i]; j < cuts[i + 1]; ++j) {
        if (!agents[i] && inputs[j].kind == T::Kind::agent_day) continue;
        T::feed(parts.back(), inputs[j]);
        T::feed(single, inputs[j]);
      }
    }
    std::shuffle(parts.begin(), parts.end(), rng);
    INFO("trial " << trial << ", n " << inputs.size() << ", parts " << parts.size());

    const T::Acc merged = merge_all(parts);
    REQUIRE(T::result(merged).productivity);
    CHECK(same(T::result(merged), T::result(single)));
  }
}
