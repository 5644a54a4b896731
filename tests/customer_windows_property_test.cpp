// Properties of the customer window counts (SPEC §9 partial states): for random events and
// boundaries, window_counts equals figures() and an independent replay of SPEC §3, and the counts
// of disjoint customer sets merged in any order equal the whole's; adoption and cohorts add up too.
#include <catch2/catch.hpp>

#include <cskpi/calendar/time_bucket.hpp>
#include <cskpi/metrics/customers.hpp>
#include <cskpi/model/dataset.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <utility>
#include <vector>

using cskpi::CustomerCounts;
using cskpi::CustomerLifecycle;
using cskpi::no_code;
using cskpi::TimePoint;
using Type = cskpi::CustomerEventType;

namespace {

constexpr double no_mrr = std::numeric_limits<double>::quiet_NaN();

// Customer event columns built row by row (customer and product are plain codes here).
struct Events {
  cskpi::CustomerEventColumns cols;
  void add(std::uint32_t customer, Type type, std::int64_t ms, std::uint32_t product, double mrr) {
    cols.customer.push_back(customer);
    cols.type.push_back(type);
    cols.at_ms.push_back(ms);
    cols.product.push_back(product);
    cols.mrr.push_back(mrr);
  }
};

// Random data, and the figures of SPEC §3 computed naively: the oracle.

constexpr std::int64_t hour_ms = 3'600'000;
const std::int64_t base_ms = cskpi::to_millis(*cskpi::parse_instant("2026-01-01T00:00Z").value);

TimePoint hour(std::int64_t h) { return cskpi::from_millis(base_ms + h * hour_ms); }

// Customers with 1–6 events each on a coarse hour grid (so that ties and boundary hits occur),
// products 0–2 or none, mrr absent or a multiple of 0.1.
cskpi::CustomerEventColumns random_events(std::mt19937_64& rng, std::uint32_t customers) {
  const std::vector<Type> types{Type::start, Type::start, Type::renew, Type::cancel, Type::cancel, Type::purchase,
                                Type::adopt};
  const std::vector<std::uint32_t> products{0, 1, 2, no_code};
  Events e;
  for (std::uint32_t c = 0; c < customers; ++c) {
    for (std::uint64_t n = 1 + rng() % 6; n > 0; --n) {
      const auto h = static_cast<std::int64_t>(rng() % 120);
      const double mrr = rng() % 5 < 2 ? no_mrr : static_cast<double>(rng() % 1000) * 0.1;
      e.add(c, types[rng() % types.size()], base_ms + h * hour_ms, products[rng() % products.size()], mrr);
    }
  }
  // Input order is not customer order: interleave by shuffling whole rows.
  std::vector<std::size_t> rows(e.cols.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  std::shuffle(rows.begin(), rows.end(), rng);
  Events shuffled;
  for (const std::size_t r : rows) {
    shuffled.add(e.cols.customer[r], e.cols.type[r], e.cols.at_ms[r], e.cols.product[r], e.cols.mrr[r]);
  }
  return shuffled.cols;
}

// 2–10 strictly increasing boundaries on the hour grid, reaching a little outside the events.
std::vector<TimePoint> random_boundaries(std::mt19937_64& rng) {
  std::vector<std::int64_t> hours;
  for (std::uint64_t n = 2 + rng() % 9; n > 0; --n) hours.push_back(static_cast<std::int64_t>(rng() % 140) - 10);
  std::sort(hours.begin(), hours.end());
  hours.erase(std::unique(hours.begin(), hours.end()), hours.end());
  if (hours.size() < 2) hours.push_back(hours.back() + 1);
  std::vector<TimePoint> b;
  for (const std::int64_t h : hours) b.push_back(hour(h));
  return b;
}

struct RefState {
  bool active = false;
  std::int64_t mrr = -1;  // micro-units, -1 = none
};

// One unit's figures in [from, to), replaying its rows (sorted by at, then input order).
void reference_unit(CustomerCounts& c, const cskpi::CustomerEventColumns& ev, const std::vector<std::size_t>& rows,
                    std::int64_t from, std::int64_t cut_from, std::int64_t cut_to) {
  RefState now, s, e;
  bool started = false;
  for (const std::size_t r : rows) {
    const std::int64_t t = ev.at_ms[r];
    const bool in_window = t >= from && t < cut_to;
    if (ev.type[r] == Type::start && !started && in_window) ++c.new_customers;
    if (ev.type[r] == Type::start) started = true;
    if (ev.type[r] == Type::renew && in_window) ++c.renewals;
    if (ev.type[r] == Type::cancel && in_window && now.active) ++c.cancels;
    if (ev.type[r] == Type::start || ev.type[r] == Type::renew) now.active = true;
    if (ev.type[r] == Type::cancel) now.active = false;
    if (!std::isnan(ev.mrr[r])) now.mrr = std::llround(ev.mrr[r] * 1e6);
    if (t < cut_from) s = now;
    if (t < cut_to) e = now;
  }
  const bool ms = s.active && s.mrr >= 0;
  const bool me = e.active && e.mrr >= 0;
  c.start += s.active ? 1 : 0;
  c.end += e.active ? 1 : 0;
  c.lost += s.active && !e.active ? 1 : 0;
  c.revenue_customers += ms || me ? 1 : 0;
  c.mrr_start_micros += ms ? s.mrr : 0;
  c.mrr_end_micros += me ? e.mrr : 0;
  c.mrr_churned_micros += ms && !e.active ? s.mrr : 0;
  c.mrr_contraction_micros += ms && me ? std::max<std::int64_t>(0, s.mrr - e.mrr) : 0;
  c.mrr_expansion_micros += ms && me ? std::max<std::int64_t>(0, e.mrr - s.mrr) : 0;
}

// SPEC §3 literally: S just before from, E just before to, events after as_of not happened.
CustomerCounts reference(const cskpi::CustomerEventColumns& ev, TimePoint from, TimePoint to, TimePoint as_of,
                         std::optional<std::uint32_t> product) {
  const std::int64_t h = cskpi::to_millis(as_of) + 1;
  const std::int64_t cut_from = std::min(cskpi::to_millis(from), h);
  const std::int64_t cut_to = std::min(cskpi::to_millis(to), h);
  std::vector<std::size_t> rows(ev.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    return ev.customer[a] != ev.customer[b] ? ev.customer[a] < ev.customer[b] : ev.at_ms[a] < ev.at_ms[b];
  });
  CustomerCounts c;
  std::vector<std::size_t> unit;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!product || ev.product[rows[i]] == *product) unit.push_back(rows[i]);
    if (i + 1 < rows.size() && ev.customer[rows[i + 1]] == ev.customer[rows[i]]) continue;
    reference_unit(c, ev, unit, cskpi::to_millis(from), cut_from, cut_to);
    unit.clear();
  }
  return c;
}

const std::vector<std::optional<std::uint32_t>> views{std::nullopt, 0u, 1u, 2u, no_code, 7u};

// The events of the customers whose part is `part`, in input order.
cskpi::CustomerEventColumns part_of(const cskpi::CustomerEventColumns& ev,
                                    const std::vector<std::size_t>& part_of_customer, std::size_t part) {
  Events e;
  for (std::size_t r = 0; r < ev.size(); ++r) {
    if (part_of_customer[ev.customer[r]] != part) continue;
    e.add(ev.customer[r], ev.type[r], ev.at_ms[r], ev.product[r], ev.mrr[r]);
  }
  return e.cols;
}

}  // namespace

TEST_CASE("Property: window counts equal figures() and the spec's figures for random events and boundaries",
          "[metrics][customers][windows][property]") {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    std::mt19937_64 rng(seed);
    const cskpi::CustomerEventColumns ev = random_events(rng, 1 + static_cast<std::uint32_t>(rng() % 25));
    const CustomerLifecycle life(ev);
    const std::vector<TimePoint> b = random_boundaries(rng);
    const TimePoint as_of = hour(static_cast<std::int64_t>(rng() % 150) - 15);
    for (const auto& view : views) {
      const std::vector<CustomerCounts> w = life.window_counts(b, as_of, view);
      REQUIRE(w.size() == b.size() - 1);
      for (std::size_t i = 0; i + 1 < b.size(); ++i) {
        INFO("seed " << seed << ", view " << (view ? static_cast<std::int64_t>(*view) : -1) << ", window " << i);
        REQUIRE(w[i] == reference(ev, b[i], b[i + 1], as_of, view));
        REQUIRE(w[i].result() == life.figures(b[i], b[i + 1], as_of, view));
      }
    }
  }
}

TEST_CASE("Additivity: the window counts of disjoint customer sets, merged in any order, are the whole's",
          "[metrics][customers][windows][property]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    std::mt19937_64 rng(1000 + seed);
    const auto customers = 1 + static_cast<std::uint32_t>(rng() % 30);
    const cskpi::CustomerEventColumns ev = random_events(rng, customers);
    const std::vector<TimePoint> b = random_boundaries(rng);
    const TimePoint as_of = hour(static_cast<std::int64_t>(rng() % 150) - 15);
    const CustomerLifecycle whole(ev);
    for (std::size_t k = 1; k <= 5; ++k) {
      std::vector<std::size_t> part(customers);
      for (std::size_t& p : part) p = rng() % k;  // all events of a customer in one part
      std::vector<CustomerLifecycle> lives;
      for (std::size_t p = 0; p < k; ++p) lives.emplace_back(part_of(ev, part, p));
      for (const auto& view : views) {
        std::shuffle(lives.begin(), lives.end(), rng);  // a random merge order
        std::vector<CustomerCounts> sum(b.size() - 1);
        for (const CustomerLifecycle& life : lives) {
          const std::vector<CustomerCounts> w = life.window_counts(b, as_of, view);
          for (std::size_t i = 0; i < w.size(); ++i) sum[i].merge(w[i]);
        }
        const std::vector<CustomerCounts> expected = whole.window_counts(b, as_of, view);
        INFO("seed " << seed << ", parts " << k);
        REQUIRE(sum == expected);
        for (std::size_t i = 0; i < sum.size(); ++i) REQUIRE(sum[i].result() == expected[i].result());
      }
    }
  }
}

TEST_CASE("Adoption and cohorts are counts over customers too: the parts' rows add up to the whole's",
          "[metrics][customers][windows][property]") {
  cskpi::Dictionary products;
  for (const char* label : {"p0", "p1", "p2"}) products.intern(label);
  const cskpi::ZoneBuckets utc("UTC");
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(5000 + seed);
    const auto customers = 1 + static_cast<std::uint32_t>(rng() % 30);
    const cskpi::CustomerEventColumns ev = random_events(rng, customers);
    const TimePoint from = hour(static_cast<std::int64_t>(rng() % 60));
    const TimePoint to = hour(60 + static_cast<std::int64_t>(rng() % 60));
    const TimePoint as_of = hour(static_cast<std::int64_t>(rng() % 150));
    const std::size_t k = 1 + rng() % 5;
    std::vector<std::size_t> part(customers);
    for (std::size_t& p : part) p = rng() % k;
    // Summed by key: product code → (purchasers, adopters); cohort month → (size, active[…]).
    std::vector<std::uint64_t> purchasers(4), adopters(4);
    std::vector<std::pair<std::int64_t, std::vector<std::uint64_t>>> cohorts;
    for (std::size_t p = 0; p < k; ++p) {
      const CustomerLifecycle life(part_of(ev, part, p));
      for (const cskpi::AdoptionResult& a : life.adoption(products, from, to, as_of)) {
        const std::size_t slot = a.product == no_code ? 3 : a.product;
        purchasers[slot] += a.purchasers;
        adopters[slot] += a.adopters;
      }
      for (const cskpi::CohortRow& row : life.cohorts(utc, from, to, as_of)) {
        std::vector<std::uint64_t> values{row.size};
        values.insert(values.end(), row.active.begin(), row.active.end());
        cohorts.emplace_back(row.month, values);
      }
    }
    std::sort(cohorts.begin(), cohorts.end());
    for (std::size_t i = 1; i < cohorts.size();) {  // add up the rows of one month
      if (cohorts[i].first != cohorts[i - 1].first) { ++i; continue; }
      REQUIRE(cohorts[i].second.size() == cohorts[i - 1].second.size());  // columns depend on the month only
      for (std::size_t j = 0; j < cohorts[i].second.size(); ++j) cohorts[i - 1].second[j] += cohorts[i].second[j];
      cohorts.erase(cohorts.begin() + static_cast<std::ptrdiff_t>(i));
    }
    const CustomerLifecycle whole(ev);
    INFO("seed " << seed << ", parts " << k);
    for (const cskpi::AdoptionResult& a : whole.adoption(products, from, to, as_of)) {
      const std::size_t slot = a.product == no_code ? 3 : a.product;
      CHECK(purchasers[slot] == a.purchasers);
      CHECK(adopters[slot] == a.adopters);
      purchasers[slot] = 0;
      adopters[slot] = 0;
    }
    CHECK(purchasers == std::vector<std::uint64_t>(4, 0));  // no row the whole lacks
    const std::vector<cskpi::CohortRow> rows = whole.cohorts(utc, from, to, as_of);
    REQUIRE(rows.size() == cohorts.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(rows[i].month == cohorts[i].first);
      CHECK(rows[i].size == cohorts[i].second.front());
      CHECK(rows[i].active == std::vector<std::uint64_t>(cohorts[i].second.begin() + 1, cohorts[i].second.end()));
    }
  }
}
