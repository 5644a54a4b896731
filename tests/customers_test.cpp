// Customer figures (SPEC §3 "Customers", §7 revenue): churn, CRR, renewal rate, MRR churn and
// retention, adoption, cohorts. Expected values are hand-computed in the comments.
#include <catch2/catch.hpp>

#include <cskpi/calendar/time_bucket.hpp>
#include <cskpi/error.hpp>
#include <cskpi/metrics/customers.hpp>
#include <cskpi/model/dataset.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using cskpi::CustomerLifecycle;
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

// Customer event columns built by hand (customer and product are plain codes here).
struct Events {
  cskpi::CustomerEventColumns cols;
  Events& add(std::uint32_t customer, Type type, const char* when, std::uint32_t product = no_code,
              double mrr = no_mrr) {
    cols.customer.push_back(customer);
    cols.type.push_back(type);
    cols.at_ms.push_back(cskpi::to_millis(at(when)));
    cols.product.push_back(product);
    cols.mrr.push_back(mrr);
    return *this;
  }
};

// The period of most tests: February 2026 (UTC), as_of = to.
const char* const feb = "2026-02-01T00:00Z";
const char* const mar = "2026-03-01T00:00Z";

cskpi::CustomerResult february(const Events& e, std::optional<std::uint32_t> product = std::nullopt) {
  return CustomerLifecycle(e.cols).figures(at(feb), at(mar), at(mar), product);
}

}  // namespace

TEST_CASE("Retention of 700 at start, 750 at end and 100 new is 92.857 percent", "[metrics][customers]") {
  Events e;
  for (std::uint32_t c = 0; c < 700; ++c) e.add(c, Type::start, "2026-01-10T09:00Z");   // S = 700
  for (std::uint32_t c = 0; c < 50; ++c) e.add(c, Type::cancel, "2026-02-10T09:00Z");   // lost = 50
  for (std::uint32_t c = 50; c < 350; ++c) e.add(c, Type::renew, "2026-02-15T09:00Z");  // 300 renewals
  for (std::uint32_t c = 700; c < 800; ++c) e.add(c, Type::start, "2026-02-05T09:00Z"); // N = 100
  const auto r = february(e);
  CHECK(r.start == 700);
  CHECK(r.end == 750);  // 700 − 50 + 100
  CHECK(r.new_customers == 100);
  CHECK(r.lost == 50);
  CHECK(r.renewals == 300);
  CHECK(r.cancels == 50);
  CHECK(*r.retention_rate == Approx(0.9285714285714286));  // (750 − 100) / 700 = 650/700
  CHECK(*r.churn_rate == Approx(0.07142857142857142));     // 50/700
  CHECK(*r.renewal_rate == Approx(0.8571428571428571));    // 300 / (300 + 50)
  CHECK_FALSE(r.mrr_start);  // no event carries an mrr
  CHECK_FALSE(r.mrr_end);
  CHECK_FALSE(r.gross_revenue_churn);
  CHECK_FALSE(r.net_revenue_retention);
}

TEST_CASE("A customer who starts and cancels inside the period is new, not in E and not lost",
          "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, "2025-11-01T00:00Z");  // retained: in S and E
  e.add(1, Type::start, "2026-02-03T00:00Z").add(1, Type::cancel, "2026-02-20T00:00Z");
  auto r = february(e);
  CHECK(r.start == 1);
  CHECK(r.end == 1);
  CHECK(r.new_customers == 1);
  CHECK(r.lost == 0);
  CHECK(*r.churn_rate == 0.0);      // 0/1
  CHECK(*r.retention_rate == 0.0);  // (1 − 1)/1: the in-period loss lowers CRR
  CHECK(r.cancels == 1);
  CHECK(*r.renewal_rate == 0.0);  // 0 / (0 + 1)

  // Two such customers: (E − N)/S = (1 − 2)/1 = −1. The formula is kept as is.
  e.add(2, Type::start, "2026-02-04T00:00Z").add(2, Type::cancel, "2026-02-05T00:00Z");
  r = february(e);
  CHECK(r.new_customers == 2);
  CHECK(*r.retention_rate == -1.0);
}

TEST_CASE("A restart after a cancel is not new: retention can exceed 1", "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, "2025-11-01T00:00Z");
  e.add(1, Type::start, "2025-06-01T00:00Z").add(1, Type::cancel, "2025-12-01T00:00Z");
  e.add(1, Type::start, "2026-02-10T00:00Z");  // restart: its first-ever start is 2025-06-01
  const auto r = february(e);
  CHECK(r.start == 1);  // customer 1 was inactive before from
  CHECK(r.end == 2);
  CHECK(r.new_customers == 0);
  CHECK(*r.retention_rate == 2.0);  // (2 − 0)/1
  CHECK(r.cancels == 0);            // the cancel is before the period
  CHECK_FALSE(r.renewal_rate);      // no renew or cancel in the period
  // The first-ever start is in a period that includes it.
  const auto y2025 = CustomerLifecycle(e.cols).figures(at("2025-01-01T00:00Z"), at("2026-01-01T00:00Z"),
                                                       at("2026-01-01T00:00Z"));
  CHECK(y2025.new_customers == 2);  // customers 0 and 1
  CHECK(y2025.start == 0);
  CHECK_FALSE(y2025.retention_rate);
  CHECK(y2025.cancels == 1);
}

TEST_CASE("A cancel without a start, or of a cancelled customer, changes nothing", "[metrics][customers]") {
  Events e;
  e.add(0, Type::cancel, "2026-02-10T00:00Z");  // never started
  e.add(1, Type::start, "2025-10-01T00:00Z").add(1, Type::cancel, "2025-12-01T00:00Z");
  e.add(1, Type::cancel, "2026-02-11T00:00Z");  // already inactive
  auto r = february(e);
  CHECK(r.start == 0);
  CHECK(r.end == 0);
  CHECK(r.lost == 0);
  CHECK(r.cancels == 0);
  CHECK_FALSE(r.renewal_rate);
  CHECK_FALSE(r.churn_rate);
  // A renew activates, even without a start; such a customer is not new.
  e.add(0, Type::renew, "2026-02-12T00:00Z");
  r = february(e);
  CHECK(r.end == 1);
  CHECK(r.new_customers == 0);
  CHECK(r.renewals == 1);
  CHECK(*r.renewal_rate == 1.0);  // 1 / (1 + 0)
}

TEST_CASE("Events exactly at from are in the period, events exactly at to are outside", "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, feb);                                                     // not in S, new, in E
  e.add(1, Type::start, "2026-01-05T00:00Z").add(1, Type::cancel, feb);         // in S, lost
  e.add(2, Type::start, "2026-01-05T00:00Z").add(2, Type::cancel, mar);         // in S and in E
  e.add(3, Type::start, mar);                                                     // nothing
  e.add(4, Type::start, "2026-01-05T00:00Z").add(4, Type::renew, mar);          // in S and E, renew outside
  const auto r = february(e);
  CHECK(r.start == 3);          // 1, 2, 4
  CHECK(r.end == 3);            // 0, 2, 4
  CHECK(r.new_customers == 1);  // 0
  CHECK(r.lost == 1);           // 1
  CHECK(r.cancels == 1);        // customer 1's cancel at from
  CHECK(r.renewals == 0);       // customer 4's renew at to
  CHECK(*r.retention_rate == Approx(2.0 / 3.0));  // (3 − 1)/3
  CHECK(*r.churn_rate == Approx(1.0 / 3.0));      // 1/3
}

TEST_CASE("Events after as_of have not happened", "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z").add(0, Type::cancel, "2026-02-20T00:00Z");
  e.add(1, Type::start, "2026-02-18T00:00Z");
  e.add(2, Type::start, "2026-01-05T00:00Z").add(2, Type::renew, "2026-02-16T00:00Z");
  e.add(3, Type::start, "2026-01-05T00:00Z").add(3, Type::renew, "2026-02-15T00:00Z");  // at as_of: happened
  const CustomerLifecycle life(e.cols);
  const auto r = life.figures(at(feb), at(mar), at("2026-02-15T00:00Z"));
  CHECK(r.start == 3);
  CHECK(r.end == 3);  // customer 0's cancel is after as_of
  CHECK(r.lost == 0);
  CHECK(r.new_customers == 0);  // customer 1 starts after as_of
  CHECK(r.renewals == 1);       // customer 3's renew at as_of
  CHECK(r.cancels == 0);
  // as_of after to changes nothing inside the period.
  const auto later = life.figures(at(feb), at(mar), at("2026-06-01T00:00Z"));
  const auto now = life.figures(at(feb), at(mar), at(mar));
  CHECK(later.end == now.end);
  CHECK(later.end == 3);  // 1, 2, 3
  CHECK(later.renewals == 2);
  CHECK(later.cancels == 1);
}

TEST_CASE("MRR start and end, churned, contraction and expansion give GRC and NRR", "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z", no_code, 100).add(0, Type::renew, "2026-02-05T00:00Z");  // keeps 100
  e.add(1, Type::start, "2026-01-05T00:00Z", no_code, 200).add(1, Type::cancel, "2026-02-06T00:00Z", no_code, 0);
  e.add(2, Type::start, "2026-01-05T00:00Z", no_code, 300).add(2, Type::renew, "2026-02-07T00:00Z", no_code, 250);
  e.add(3, Type::start, "2026-01-05T00:00Z", no_code, 100).add(3, Type::purchase, "2026-02-08T00:00Z", 7, 160);
  e.add(4, Type::start, "2026-01-05T00:00Z");                                                      // no mrr at all
  e.add(5, Type::start, "2026-02-09T00:00Z", no_code, 500);                                        // new
  e.add(6, Type::start, "2026-01-05T00:00Z").add(6, Type::renew, "2026-02-10T00:00Z", no_code, 80);  // mrr first given
  const auto r = february(e);
  CHECK(r.start == 6);  // 0, 1, 2, 3, 4, 6
  CHECK(r.end == 6);    // 0, 2, 3, 4, 5, 6
  CHECK(*r.mrr_start == 700.0);         // 100 + 200 + 300 + 100
  CHECK(*r.mrr_end == 1090.0);          // 100 + 250 + 160 + 500 + 80
  CHECK(*r.mrr_churned == 200.0);       // customer 1's start mrr, not its cancel's 0
  CHECK(*r.mrr_contraction == 50.0);    // customer 2: 300 → 250
  CHECK(*r.mrr_expansion == 60.0);      // customer 3: 100 → 160 (an mrr on a purchase counts)
  CHECK(*r.gross_revenue_churn == Approx(250.0 / 700.0));     // (200 + 50)/700 = 0.357142857
  CHECK(*r.net_revenue_retention == Approx(510.0 / 700.0));   // (700 − 200 − 50 + 60)/700 = 0.728571428
}

TEST_CASE("All revenue churned gives GRC 1 and NRR 0, and no mrr in S leaves them undefined",
          "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z", no_code, 100).add(0, Type::cancel, "2026-02-06T00:00Z");
  auto r = february(e);
  CHECK(*r.mrr_start == 100.0);
  CHECK(*r.mrr_end == 0.0);
  CHECK(*r.gross_revenue_churn == 1.0);     // (100 + 0)/100
  CHECK(*r.net_revenue_retention == 0.0);   // (100 − 100)/100
  // Only a new customer has an mrr: mrr_start 0, GRC and NRR undefined.
  Events f;
  f.add(0, Type::start, "2026-01-05T00:00Z").add(1, Type::start, "2026-02-05T00:00Z", no_code, 40);
  r = february(f);
  CHECK(*r.mrr_start == 0.0);
  CHECK(*r.mrr_end == 40.0);
  CHECK_FALSE(r.gross_revenue_churn);
  CHECK_FALSE(r.net_revenue_retention);
}

TEST_CASE("Per product the unit is the customer and product pair, overall the customer", "[metrics][customers]") {
  constexpr std::uint32_t p1 = 0;
  constexpr std::uint32_t p2 = 1;
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z", p1, 10).add(0, Type::start, "2026-01-06T00:00Z", p2, 20);
  e.add(0, Type::cancel, "2026-02-10T00:00Z", p1);
  e.add(1, Type::start, "2026-01-05T00:00Z", p2).add(1, Type::start, "2026-02-11T00:00Z", p1);
  e.add(2, Type::start, "2026-02-12T00:00Z");  // no product
  const CustomerLifecycle life(e.cols);
  const auto all = life.figures(at(feb), at(mar), at(mar));
  CHECK(all.start == 2);          // 0 and 1
  CHECK(all.end == 2);            // 1, 2: customer 0's last lifecycle event is a cancel
  CHECK(all.lost == 1);           // customer 0
  CHECK(all.new_customers == 1);  // customer 2 (customer 1 started in January)
  CHECK(*all.mrr_start == 20.0);  // customer 0's latest mrr over all its events
  const auto one = life.figures(at(feb), at(mar), at(mar), p1);
  CHECK(one.start == 1);  // (0, p1)
  CHECK(one.end == 1);    // (1, p1)
  CHECK(one.lost == 1);
  CHECK(one.new_customers == 1);  // (1, p1): first start of p1 in the period
  CHECK(*one.mrr_start == 10.0);
  CHECK(*one.mrr_churned == 10.0);
  const auto two = life.figures(at(feb), at(mar), at(mar), p2);
  CHECK(two.start == 2);
  CHECK(two.end == 2);
  CHECK(*two.retention_rate == 1.0);  // (2 − 0)/2
  const auto none = life.figures(at(feb), at(mar), at(mar), no_code);
  CHECK(none.new_customers == 1);  // customer 2
  CHECK(none.end == 1);
  const auto unknown = life.figures(at(feb), at(mar), at(mar), 99u);
  CHECK(unknown.start == 0);
  CHECK_FALSE(unknown.churn_rate);
  CHECK(life.products() == std::vector<std::uint32_t>{p1, p2, no_code});
  CHECK(life.products_in(at(feb), at(mar), at(mar)) == std::vector<std::uint32_t>{p1, no_code});
  CHECK(life.products_in(at(feb), at(mar), at("2026-02-11T00:00Z")) == std::vector<std::uint32_t>{p1});
}

TEST_CASE("Adoption counts purchasers in the period and their adopts at or after the purchase up to as_of",
          "[metrics][customers]") {
  cskpi::Dataset data;
  const auto add = [&](const char* customer, Type type, const char* when, std::optional<std::string> product) {
    data.add(cskpi::CustomerEvent{customer, type, at(when), std::move(product), std::nullopt});
  };
  add("c1", Type::purchase, "2026-02-03T00:00Z", "zeta");
  add("c1", Type::adopt, "2026-02-10T00:00Z", "zeta");  // adopter
  add("c2", Type::adopt, "2026-01-20T00:00Z", "zeta");  // adopt before the purchase: no
  add("c2", Type::purchase, "2026-02-05T00:00Z", "zeta");
  add("c3", Type::purchase, "2026-02-06T00:00Z", "zeta");
  add("c3", Type::adopt, "2026-03-20T00:00Z", "zeta");  // after as_of: no
  add("c4", Type::adopt, "2026-02-07T00:00Z", "zeta");  // same instant as the purchase: yes
  add("c4", Type::purchase, "2026-02-07T00:00Z", "zeta");
  add("c5", Type::purchase, "2026-02-08T00:00Z", "zeta");
  add("c5", Type::adopt, "2026-03-05T00:00Z", "zeta");  // after to, before as_of: yes
  add("c6", Type::purchase, "2026-01-15T00:00Z", "zeta");  // purchase before the period: not a purchaser
  add("c6", Type::adopt, "2026-02-02T00:00Z", "zeta");
  add("c8", Type::purchase, "2026-02-09T00:00Z", "zeta");
  add("c8", Type::adopt, "2026-02-10T00:00Z", "alpha");  // another product's adopt: no
  add("c1", Type::purchase, "2026-02-20T00:00Z", "zeta");  // a second purchase: still one purchaser
  add("c7", Type::purchase, "2026-02-04T00:00Z", "alpha");
  add("c9", Type::purchase, "2026-02-04T00:00Z", std::nullopt);
  add("c9", Type::adopt, "2026-02-05T00:00Z", std::nullopt);
  add("c9", Type::purchase, "2026-03-02T00:00Z", "beta");  // after to: beta has no row
  const CustomerLifecycle life(data.customer_events());
  const auto& products = data.dictionary(cskpi::Dimension::product);
  const auto rows = life.adoption(products, at(feb), at(mar), at("2026-03-10T00:00Z"));
  REQUIRE(rows.size() == 3);
  // Report key order: the null product first, then labels by bytes.
  CHECK(rows[0].product == no_code);
  CHECK(rows[0].purchasers == 1);
  CHECK(rows[0].adopters == 1);
  CHECK(products.value(rows[1].product) == "alpha");
  CHECK(rows[1].purchasers == 1);  // c7
  CHECK(rows[1].adopters == 0);
  CHECK(*rows[1].rate == 0.0);
  CHECK(products.value(rows[2].product) == "zeta");
  CHECK(rows[2].purchasers == 6);  // c1, c2, c3, c4, c5, c8
  CHECK(rows[2].adopters == 3);    // c1, c4, c5
  CHECK(*rows[2].rate == 0.5);     // 3/6
  // With as_of = to, c5's adopt has not happened.
  const auto at_to = life.adoption(products, at(feb), at(mar), at(mar));
  CHECK(at_to[2].adopters == 2);
  // Customer state is untouched by purchase and adopt.
  CHECK(life.figures(at(feb), at(mar), at(mar)).end == 0);
  CHECK_THROWS_AS(life.adoption(cskpi::Dictionary{}, at(feb), at(mar), at(mar)), cskpi::Error);
}

TEST_CASE("Cohorts by local month of first start in Europe/Rome, active at each month end",
          "[metrics][customers]") {
  const cskpi::ZoneBuckets rome("Europe/Rome");
  Events e;
  e.add(1, Type::start, "2026-01-05T10:00Z");  // January: active throughout
  e.add(2, Type::start, "2026-01-10T10:00Z").add(2, Type::cancel, "2026-02-15T10:00Z");
  e.add(3, Type::start, "2026-01-20T10:00Z").add(3, Type::cancel, "2026-01-25T10:00Z");
  e.add(3, Type::start, "2026-03-10T10:00Z");  // reactivated: active again, still a January member
  e.add(4, Type::start, "2026-01-31T23:30Z");  // 2026-02-01 00:30 in Rome: February
  e.add(4, Type::cancel, "2026-02-28T23:00Z");  // 2026-03-01 00:00 in Rome: exactly the end of February
  e.add(5, Type::start, "2026-02-28T23:30Z");  // 2026-03-01 00:30 in Rome: March
  e.add(6, Type::start, "2025-12-15T10:00Z").add(6, Type::start, "2026-02-02T10:00Z");  // first start before from
  e.add(7, Type::start, "2026-03-31T22:00Z");  // 2026-04-01 00:00 in Rome: exactly at to
  const CustomerLifecycle life(e.cols);
  const TimePoint from = at("2026-01-01T00:00+01:00");
  const TimePoint to = at("2026-04-01T00:00+02:00");

  const auto rows = life.cohorts(rome, from, to, to);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].cohort == "2026-01");
  CHECK(rows[0].month == 2026 * 12 + 0);
  CHECK(rows[0].size == 3);  // 1, 2, 3
  CHECK(rows[0].active == std::vector<std::uint64_t>{2, 1, 2});  // end Jan: 1, 2; end Feb: 1; end Mar: 1, 3
  REQUIRE(rows[0].share.size() == 3);
  CHECK(rows[0].share[0] == Approx(2.0 / 3.0));
  CHECK(rows[0].share[1] == Approx(1.0 / 3.0));
  CHECK(rows[0].share[2] == Approx(2.0 / 3.0));
  CHECK(rows[1].cohort == "2026-02");
  CHECK(rows[1].size == 1);                                    // 4
  CHECK(rows[1].active == std::vector<std::uint64_t>{1, 0});   // its cancel at the month's end is in March
  CHECK(rows[1].share == std::vector<double>{1.0, 0.0});
  CHECK(rows[2].cohort == "2026-03");
  CHECK(rows[2].active == std::vector<std::uint64_t>{1});      // 5
  CHECK(rows[2].share == std::vector<double>{1.0});

  // as_of inside March: the last column is taken at as_of (customer 3's restart has not happened).
  const auto early = life.cohorts(rome, from, to, at("2026-03-05T00:00Z"));
  REQUIRE(early.size() == 3);
  CHECK(early[0].active == std::vector<std::uint64_t>{2, 1, 1});

  // to at the end of February: columns stop there, and the cancel exactly at to is not seen.
  const auto two_months = life.cohorts(rome, from, at("2026-03-01T00:00+01:00"), at("2026-06-01T00:00Z"));
  REQUIRE(two_months.size() == 2);
  CHECK(two_months[0].active == std::vector<std::uint64_t>{2, 1});
  CHECK(two_months[1].active == std::vector<std::uint64_t>{1});

  // Per product: no events of product 0, so no cohorts.
  CHECK(life.cohorts(rome, from, to, to, 0u).empty());
}

TEST_CASE("Empty input gives zero counts and undefined rates", "[metrics][customers]") {
  const cskpi::ZoneBuckets utc("UTC");
  for (const CustomerLifecycle& life : {CustomerLifecycle{}, CustomerLifecycle{cskpi::CustomerEventColumns{}}}) {
    const auto r = life.figures(at(feb), at(mar), at(mar));
    CHECK(r.start == 0);
    CHECK(r.end == 0);
    CHECK(r.new_customers == 0);
    CHECK(r.lost == 0);
    CHECK(r.renewals == 0);
    CHECK(r.cancels == 0);
    CHECK_FALSE(r.churn_rate);
    CHECK_FALSE(r.retention_rate);
    CHECK_FALSE(r.renewal_rate);
    CHECK_FALSE(r.mrr_start);
    CHECK_FALSE(r.mrr_end);
    CHECK_FALSE(r.mrr_churned);
    CHECK_FALSE(r.mrr_contraction);
    CHECK_FALSE(r.mrr_expansion);
    CHECK_FALSE(r.gross_revenue_churn);
    CHECK_FALSE(r.net_revenue_retention);
    CHECK(life.products().empty());
    CHECK(life.products_in(at(feb), at(mar), at(mar)).empty());
    CHECK(life.adoption(cskpi::Dictionary{}, at(feb), at(mar), at(mar)).empty());
    CHECK(life.cohorts(utc, at(feb), at(mar), at(mar)).empty());
    CHECK(life.figures(at(feb), at(mar), at(mar), 0u).start == 0);
  }
}

TEST_CASE("Customer lifecycle refuses ragged columns and a period ending before it begins",
          "[metrics][customers]") {
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z");
  e.cols.mrr.pop_back();
  CHECK_THROWS_AS(CustomerLifecycle(e.cols), cskpi::Error);
  const CustomerLifecycle life;
  try {
    (void)life.figures(at(mar), at(feb), at(mar));
    FAIL("no exception");
  } catch (const cskpi::Error& err) {
    CHECK(err.code() == cskpi::ErrorCode::invalid_argument);
    CHECK_THAT(err.what(), Catch::Contains("before from"));
  }
  CHECK(life.figures(at(feb), at(feb), at(feb)).start == 0);  // an empty period is allowed
}

TEST_CASE("Events at the same instant apply in input order", "[metrics][customers]") {
  // Events of one customer in input order with equal instants: (at, input order) decides.
  Events e;
  e.add(0, Type::start, "2026-01-05T00:00Z", no_code, 10);
  e.add(0, Type::cancel, "2026-01-20T00:00Z");
  e.add(0, Type::start, "2026-01-20T00:00Z", no_code, 30);  // same instant, later input: active after
  e.add(1, Type::cancel, "2026-01-20T00:00Z");
  e.add(1, Type::start, "2026-01-20T00:00Z");  // same instant: cancel first (nothing), then start
  const auto r = february(e);
  CHECK(r.start == 2);
  CHECK(*r.mrr_start == 30.0);
}
