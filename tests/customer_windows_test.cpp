// Customer figures of many windows at once (CustomerLifecycle::window_counts) and their additive
// counts (CustomerCounts): what partial states need (SPEC §9). Every window of a grouping by time
// buckets lies between two consecutive boundaries B[i] < B[i + 1]; its counts must equal
// figures(B[i], B[i + 1]) and add up over disjoint sets of customers. Hand arithmetic in comments;
// the random properties are in customer_windows_property_test.cpp.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/metrics/customers.hpp>
#include <cskpi/model/dataset.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using cskpi::CustomerCounts;
using cskpi::CustomerLifecycle;
using cskpi::CustomerResult;
using cskpi::no_code;
using cskpi::TimePoint;
using Type = cskpi::CustomerEventType;

namespace {

constexpr double no_mrr = std::numeric_limits<double>::quiet_NaN();

TimePoint at(const char* text) {
  const auto parsed = cskpi::parse_instant(text);
  INFO(text);
  REQUIRE(parsed.value.has_value());
  return *parsed.value;
}

std::vector<TimePoint> instants(std::initializer_list<const char*> texts) {
  std::vector<TimePoint> out;
  for (const char* t : texts) out.push_back(at(t));
  return out;
}

// Customer event columns built by hand (customer and product are plain codes here).
struct Events {
  cskpi::CustomerEventColumns cols;
  Events& add(std::uint32_t customer, Type type, const char* when, std::uint32_t product = no_code,
              double mrr = no_mrr) {
    return add_ms(customer, type, cskpi::to_millis(at(when)), product, mrr);
  }
  Events& add_ms(std::uint32_t customer, Type type, std::int64_t ms, std::uint32_t product, double mrr) {
    cols.customer.push_back(customer);
    cols.type.push_back(type);
    cols.at_ms.push_back(ms);
    cols.product.push_back(product);
    cols.mrr.push_back(mrr);
    return *this;
  }
};

// window_counts(B)[i].result() == figures(B[i], B[i + 1]) for every window.
void check_against_figures(const CustomerLifecycle& life, const std::vector<TimePoint>& b, TimePoint as_of,
                           std::optional<std::uint32_t> product) {
  const std::vector<CustomerCounts> counts = life.window_counts(b, as_of, product);
  REQUIRE(counts.size() == b.size() - 1);
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    INFO("window " << i << " [" << cskpi::format_instant(b[i]) << ", " << cskpi::format_instant(b[i + 1]) << ")");
    CHECK(counts[i].result() == life.figures(b[i], b[i + 1], as_of, product));
  }
}

}  // namespace

TEST_CASE("Window counts follow each customer across months: renew at a boundary, churn and return, as_of",
          "[metrics][customers][windows]") {
  Events e;
  e.add(0, Type::start, "2026-01-01T00:00Z", no_code, 100).add(0, Type::renew, "2026-02-01T00:00Z", no_code, 120);
  e.add(1, Type::start, "2026-01-20T00:00Z", no_code, 50).add(1, Type::cancel, "2026-02-10T00:00Z");
  e.add(1, Type::start, "2026-02-20T00:00Z");  // back inside February, its mrr still 50
  e.add(2, Type::start, "2025-12-01T00:00Z", no_code, 80).add(2, Type::renew, "2026-03-05T00:00Z", no_code, 60);
  e.add(3, Type::start, "2026-01-05T00:00Z").add(3, Type::cancel, "2026-03-25T00:00Z");  // no mrr; cancel after as_of
  const CustomerLifecycle life(e.cols);
  const auto b = instants({"2026-01-15T00:00Z", "2026-02-01T00:00Z", "2026-03-01T00:00Z", "2026-04-01T00:00Z"});
  const TimePoint as_of = at("2026-03-20T00:00Z");
  const std::vector<CustomerCounts> w = life.window_counts(b, as_of);
  REQUIRE(w.size() == 3);

  // [Jan 15, Feb 1): S = 0, 2, 3; E = 0, 1, 2, 3; N = 1. Customer 0's renew at Feb 1 is outside.
  CHECK(w[0].start == 3);
  CHECK(w[0].end == 4);
  CHECK(w[0].new_customers == 1);
  CHECK(w[0].lost == 0);
  CHECK(w[0].renewals == 0);
  CHECK(w[0].revenue_customers == 3);            // 0, 1, 2 (3 has no mrr)
  CHECK(w[0].mrr_start_micros == 180'000'000);   // 100 + 80
  CHECK(w[0].mrr_end_micros == 230'000'000);     // 100 + 50 + 80
  CHECK(w[0].mrr_expansion_micros == 0);

  // [Feb 1, Mar 1): customer 1 cancels and returns: in S and E, not lost, not new, one cancel.
  CHECK(w[1].start == 4);
  CHECK(w[1].end == 4);
  CHECK(w[1].new_customers == 0);
  CHECK(w[1].lost == 0);
  CHECK(w[1].renewals == 1);  // customer 0's renew exactly at Feb 1
  CHECK(w[1].cancels == 1);   // customer 1
  CHECK(w[1].mrr_start_micros == 230'000'000);      // 100 + 50 + 80
  CHECK(w[1].mrr_end_micros == 250'000'000);        // 120 + 50 + 80
  CHECK(w[1].mrr_expansion_micros == 20'000'000);   // customer 0: 100 → 120

  // [Mar 1, Apr 1) seen up to as_of Mar 20: customer 3's cancel has not happened.
  CHECK(w[2].start == 4);
  CHECK(w[2].end == 4);
  CHECK(w[2].cancels == 0);
  CHECK(w[2].renewals == 1);                          // customer 2, Mar 5
  CHECK(w[2].mrr_end_micros == 230'000'000);          // 120 + 50 + 60
  CHECK(w[2].mrr_contraction_micros == 20'000'000);   // customer 2: 80 → 60
  const CustomerResult march = w[2].result();
  CHECK(*march.gross_revenue_churn == 20.0 / 250.0);     // (0 + 20)/250 = 0.08
  CHECK(*march.net_revenue_retention == 230.0 / 250.0);  // (250 − 0 − 20 + 0)/250 = 0.92

  check_against_figures(life, b, as_of, std::nullopt);
  // as_of before, inside and after the windows.
  for (const char* now : {"2026-01-10T00:00Z", "2026-02-01T00:00Z", "2026-02-15T00:00Z", "2026-06-01T00:00Z"}) {
    INFO("as_of " << now);
    check_against_figures(life, b, at(now), std::nullopt);
  }
}

TEST_CASE("Window counts per product count (customer, product) pairs, and the null product is a view of its own",
          "[metrics][customers][windows]") {
  constexpr std::uint32_t p0 = 0;
  constexpr std::uint32_t p1 = 1;
  Events e;
  e.add(0, Type::start, "2026-01-01T00:00Z", p0, 10).add(0, Type::start, "2026-02-10T00:00Z", p1, 20);
  e.add(0, Type::cancel, "2026-02-20T00:00Z", p0);
  e.add(1, Type::start, "2026-01-10T00:00Z").add(1, Type::cancel, "2026-03-01T00:00Z");  // no product
  const CustomerLifecycle life(e.cols);
  const auto b = instants({"2026-01-01T00:00Z", "2026-02-01T00:00Z", "2026-03-01T00:00Z", "2026-04-01T00:00Z"});
  const TimePoint as_of = b.back();

  // (0, p0): starts exactly at the first boundary (new, not in S), cancelled in February.
  const auto one = life.window_counts(b, as_of, p0);
  CHECK(one[0].start == 0);
  CHECK(one[0].new_customers == 1);
  CHECK(one[0].end == 1);
  CHECK(one[1].lost == 1);
  CHECK(one[1].cancels == 1);
  CHECK(one[1].mrr_churned_micros == 10'000'000);
  CHECK(one[2] == CustomerCounts{});
  // (0, p1): new in February with 20, retained in March.
  const auto two = life.window_counts(b, as_of, p1);
  CHECK(two[1].new_customers == 1);
  CHECK(two[1].mrr_end_micros == 20'000'000);
  CHECK(two[2].start == 1);
  CHECK(two[2].end == 1);
  // Customer 1 without a product: its cancel exactly at Mar 1 falls in March.
  const auto none = life.window_counts(b, as_of, no_code);
  CHECK(none[0].new_customers == 1);
  CHECK(none[1].start == 1);
  CHECK(none[1].end == 1);
  CHECK(none[2].lost == 1);
  CHECK(none[2].cancels == 1);
  // Overall: customer 0 through all its events, inactive after its p0 cancel.
  const auto all = life.window_counts(b, as_of);
  CHECK(all[0].new_customers == 2);
  CHECK(all[1].start == 2);
  CHECK(all[1].end == 1);
  CHECK(all[1].lost == 1);
  CHECK(all[1].mrr_churned_micros == 10'000'000);  // customer 0's mrr at Feb 1
  CHECK(all[2].lost == 1);
  // An unknown product: zero counts.
  for (const CustomerCounts& c : life.window_counts(b, as_of, 99u)) CHECK(c == CustomerCounts{});

  for (const std::optional<std::uint32_t> view : {std::optional<std::uint32_t>{}, std::optional<std::uint32_t>{p0},
                                                   std::optional<std::uint32_t>{p1},
                                                   std::optional<std::uint32_t>{no_code}}) {
    check_against_figures(life, b, as_of, view);
  }
}

TEST_CASE("Window counts: equal neighbouring boundaries make an empty window, and bad boundaries are refused",
          "[metrics][customers][windows]") {
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z", no_code, 7).add(1, Type::start, "2026-02-05T00:00Z");
  const CustomerLifecycle life(e.cols);
  const auto b = instants({"2026-02-01T00:00Z", "2026-02-01T00:00Z", "2026-03-01T00:00Z"});
  const auto w = life.window_counts(b, b.back());
  CHECK(w[0].start == 1);  // S = E = customer 0, nothing else
  CHECK(w[0].end == 1);
  CHECK(w[0].new_customers == 0);
  CHECK(w[0].mrr_start_micros == 7'000'000);
  CHECK(w[0].result() == life.figures(b[0], b[1], b.back()));
  CHECK(w[1].new_customers == 1);
  CHECK_THROWS_AS(life.window_counts({b[0]}, b[0]), cskpi::Error);
  CHECK_THROWS_AS(life.window_counts({}, b[0]), cskpi::Error);
  CHECK_THROWS_AS(life.window_counts({b[2], b[0]}, b[0]), cskpi::Error);
  CHECK_THROWS_AS(CustomerLifecycle().window_counts({b[2], b[0]}, b[0]), cskpi::Error);
  CHECK(CustomerLifecycle().window_counts(b, b[0]).size() == 2);
}

TEST_CASE("MRR sums are exact in micro-units: 0.1 + 0.2 is 0.3 in every merge order",
          "[metrics][customers][windows]") {
  // In doubles 0.1 + 0.2 = 0.30000000000000004, and (0.1 + 0.2) + 0.3 = 0.6000000000000001 while
  // (0.3 + 0.2) + 0.1 = 0.6: the order of a merge would show. In micro-units 100000 + 200000 =
  // 300000 in any order, and 300000 / 1e6 is the double nearest 0.3.
  REQUIRE(0.1 + 0.2 != 0.3);
  REQUIRE((0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1);
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z", no_code, 0.1);
  e.add(1, Type::start, "2026-01-06T00:00Z", no_code, 0.2);
  e.add(2, Type::start, "2026-01-07T00:00Z", no_code, 0.3).add(2, Type::cancel, "2026-02-10T00:00Z");
  const TimePoint from = at("2026-02-01T00:00Z");
  const TimePoint to = at("2026-03-01T00:00Z");
  const CustomerResult r = CustomerLifecycle(e.cols).figures(from, to, to);
  CHECK(*r.mrr_start == 0.6);     // 0.1 + 0.2 + 0.3
  CHECK(*r.mrr_end == 0.3);       // 0.1 + 0.2
  CHECK(*r.mrr_churned == 0.3);   // customer 2
  CHECK(*r.gross_revenue_churn == 0.5);     // 300000 / 600000
  CHECK(*r.net_revenue_retention == 0.5);   // (600000 − 300000 − 0 + 0) / 600000

  // One lifecycle per customer, merged in every order: the same bytes.
  std::vector<CustomerCounts> parts;
  for (std::size_t c = 0; c < 3; ++c) {
    Events one;
    for (std::size_t i = 0; i < e.cols.size(); ++i) {
      if (e.cols.customer[i] != c) continue;
      one.add_ms(e.cols.customer[i], e.cols.type[i], e.cols.at_ms[i], no_code, e.cols.mrr[i]);
    }
    parts.push_back(CustomerLifecycle(one.cols).window_counts({from, to}, to).front());
  }
  std::vector<std::size_t> order{0, 1, 2};
  do {
    CustomerCounts sum;
    for (const std::size_t p : order) sum.merge(parts[p]);
    CHECK(sum.result() == r);
  } while (std::next_permutation(order.begin(), order.end()));

  // Each value is rounded to 1e-6 before it is summed: 0.0000004 is 0, so mrr_start is 0 and the
  // ratios are undefined; the revenue figures themselves are present.
  Events tiny;
  tiny.add(0, Type::start, "2026-01-05T00:00Z", no_code, 0.0000004);
  const CustomerResult t = CustomerLifecycle(tiny.cols).figures(from, to, to);
  CHECK(*t.mrr_start == 0.0);
  CHECK_FALSE(t.gross_revenue_churn);
}

TEST_CASE("An mrr below 0 or from 9e12 on, and a merge past 2^63 micro-units, are refused",
          "[metrics][customers][windows]") {
  for (const double bad : {-1.0, 9e12, std::numeric_limits<double>::infinity()}) {
    Events e;
    e.add(0, Type::start, "2026-01-05T00:00Z", no_code, bad);
    INFO(bad);
    CHECK_THROWS_AS(CustomerLifecycle(e.cols), cskpi::Error);
  }
  Events big;  // two units of 8e12: 1.6e19 micro-units do not fit in int64
  big.add(0, Type::start, "2026-01-05T00:00Z", no_code, 8e12).add(1, Type::start, "2026-01-05T00:00Z", no_code, 8e12);
  CHECK_THROWS_AS(CustomerLifecycle(big.cols), cskpi::Error);
  CustomerCounts a;
  a.mrr_start_micros = std::numeric_limits<std::int64_t>::max() - 1;
  CustomerCounts b;
  b.mrr_start_micros = 2;
  CHECK_THROWS_AS(a.merge(b), cskpi::Error);
}
