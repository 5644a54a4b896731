// cskpi/metrics/customers.hpp: customer figures from subscription lifecycle events (SPEC §3
// "Customers", §7 revenue): churn, retention (CRR), renewal rate, MRR churn and retention
// (GRC, NRR), product adoption and monthly cohorts. docs/metrics.md "Customers" has every rule.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/model/dictionary.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

/// Customer figures of one period. Counts always present; rates are fractions (0–1 for churn
/// and renewal; retention can leave [0, 1], see docs); nullopt when the denominator is 0.
struct CustomerResult {
  std::uint64_t start = 0;          // S: active just before `from`
  std::uint64_t end = 0;            // E: active just before `to` (events not after as_of)
  std::uint64_t new_customers = 0;  // N: first-ever `start` in [from, to), not after as_of
  std::uint64_t lost = 0;           // in S, not in E
  std::uint64_t renewals = 0;       // `renew` events in the period
  std::uint64_t cancels = 0;        // `cancel` events in the period that ended an active state
  std::optional<double> churn_rate;      // lost / start
  std::optional<double> retention_rate;  // (end − new_customers) / start (CRR)
  std::optional<double> renewal_rate;    // renewals / (renewals + cancels)
  // Revenue: nullopt when no customer of S or E has a known mrr (the data carry no revenue).
  std::optional<double> mrr_start;        // Σ mrr at `from` over S (customers with a known mrr)
  std::optional<double> mrr_end;          // Σ mrr at `to` over E (customers with a known mrr)
  std::optional<double> mrr_churned;      // Σ start mrr of lost customers
  std::optional<double> mrr_contraction;  // Σ max(0, start − end mrr) over S ∩ E
  std::optional<double> mrr_expansion;    // Σ max(0, end − start mrr) over S ∩ E
  std::optional<double> gross_revenue_churn;    // (churned + contraction) / mrr_start; nullopt when mrr_start is 0
  std::optional<double> net_revenue_retention;  // (mrr_start − churned − contraction + expansion) / mrr_start

  friend bool operator==(const CustomerResult& a, const CustomerResult& b) noexcept {
    return a.start == b.start && a.end == b.end && a.new_customers == b.new_customers && a.lost == b.lost &&
           a.renewals == b.renewals && a.cancels == b.cancels && a.churn_rate == b.churn_rate &&
           a.retention_rate == b.retention_rate && a.renewal_rate == b.renewal_rate && a.mrr_start == b.mrr_start &&
           a.mrr_end == b.mrr_end && a.mrr_churned == b.mrr_churned && a.mrr_contraction == b.mrr_contraction &&
           a.mrr_expansion == b.mrr_expansion && a.gross_revenue_churn == b.gross_revenue_churn &&
           a.net_revenue_retention == b.net_revenue_retention;
  }
  friend bool operator!=(const CustomerResult& a, const CustomerResult& b) noexcept { return !(a == b); }
};

/// The additive figures of one window: sums over units (customers, or (customer, product)
/// pairs), so the counts of disjoint sets of customers add up and partial states merge by
/// adding. mrr sums are integers in micro-units (each mrr rounded with llround(mrr·1e6), as
/// CostAccumulator does): exact, so any merge order gives the same bytes. result() derives
/// CustomerResult.
struct CustomerCounts {
  std::uint64_t start = 0;              // S
  std::uint64_t end = 0;                // E
  std::uint64_t new_customers = 0;      // N
  std::uint64_t lost = 0;               // S \ E
  std::uint64_t renewals = 0;           // `renew` events in the window
  std::uint64_t cancels = 0;            // `cancel` events in the window that ended an active state
  std::uint64_t revenue_customers = 0;  // units of S or E with a known mrr (revenue figures are nullopt when 0)
  std::int64_t mrr_start_micros = 0;        // Σ mrr over S
  std::int64_t mrr_end_micros = 0;          // Σ mrr over E
  std::int64_t mrr_churned_micros = 0;      // Σ start mrr of lost units
  std::int64_t mrr_contraction_micros = 0;  // Σ max(0, start − end mrr) over S ∩ E
  std::int64_t mrr_expansion_micros = 0;    // Σ max(0, end − start mrr) over S ∩ E

  /// Adds `other`. Throws Error(invalid_argument) when an mrr sum passes 2^63 − 1 micro-units.
  void merge(const CustomerCounts& other);
  /// The figures: counts copied, rates and mrr (micro-units / 1e6) derived.
  [[nodiscard]] CustomerResult result() const;

  friend bool operator==(const CustomerCounts& a, const CustomerCounts& b) noexcept {
    return a.start == b.start && a.end == b.end && a.new_customers == b.new_customers && a.lost == b.lost &&
           a.renewals == b.renewals && a.cancels == b.cancels && a.revenue_customers == b.revenue_customers &&
           a.mrr_start_micros == b.mrr_start_micros && a.mrr_end_micros == b.mrr_end_micros &&
           a.mrr_churned_micros == b.mrr_churned_micros && a.mrr_contraction_micros == b.mrr_contraction_micros &&
           a.mrr_expansion_micros == b.mrr_expansion_micros;
  }
  friend bool operator!=(const CustomerCounts& a, const CustomerCounts& b) noexcept { return !(a == b); }
};

/// The counts of one group of customers per window (CustomerLifecycle::grouped_window_counts).
struct GroupedCustomerCounts {
  std::vector<std::uint32_t> key;        // a code per label column (no_code = the null key)
  std::vector<CustomerCounts> windows;   // [i]: window [boundaries[i], boundaries[i + 1])
};

/// Adoption of one product in a period.
struct AdoptionResult {
  std::uint32_t product = no_code;  // product code; no_code = events without a product (the null key)
  std::uint64_t purchasers = 0;     // customers with a `purchase` of it in [from, to), not after as_of
  std::uint64_t adopters = 0;       // of which with an `adopt` of it at or after that purchase, up to as_of
  std::optional<double> rate;       // adopters / purchasers
};

/// One cohort: the customers whose first-ever `start` falls in one local month.
struct CohortRow {
  std::int64_t month = 0;           // ZoneBuckets month key (year*12 + month-1)
  std::string cohort;               // its label, "2026-01"
  std::uint64_t size = 0;           // members (≥ 1)
  std::vector<std::uint64_t> active;  // [k]: members active at the end of month `month + k`
  std::vector<double> share;          // [k]: active[k] / size
};

/// The customer events indexed once, queried per group (overall, per product, per time
/// bucket, per product × time bucket). Immutable after construction: const calls may run
/// concurrently; copies are cheap and share the index.
///
/// State: a customer's `start` and `renew` make it active, `cancel` inactive, in order of
/// (at, input order); `purchase` and `adopt` leave it. Its mrr is the latest `mrr` given on
/// any of its events. Per product, the unit is the (customer, product) pair, driven only by
/// the customer's events of that product; the overall figures (product = nullopt) follow each
/// customer through all its events regardless of product.
class CustomerLifecycle {
 public:
  /// An empty index (every figure zero or nullopt).
  CustomerLifecycle();
  /// Sorts each customer's events by (at, input order) and precomputes the state after each
  /// event. O(n log n). Throws Error(invalid_argument) when the columns differ in length, an
  /// mrr is negative, not finite or ≥ 9e12, or the mrr of a view's units could sum past 2^63
  /// micro-units (Σ over units of their largest mrr).
  explicit CustomerLifecycle(const CustomerEventColumns& events);

  /// Figures over [from, to) with as_of as "now" (later events have not happened). product:
  /// nullopt = every event (customers); a code = that product's (customer, product) pairs;
  /// no_code = the events without a product (the null group). An unknown code: all zero.
  /// Equal to window_counts({from, to}, as_of, product)[0].result(). O(units · log
  /// events-per-unit). Throws Error(invalid_argument) when to < from.
  [[nodiscard]] CustomerResult figures(TimePoint from, TimePoint to, TimePoint as_of,
                                       std::optional<std::uint32_t> product = std::nullopt) const;

  /// The counts of every window [boundaries[i], boundaries[i + 1]) (i = 0 … size − 2) for one
  /// product view (as in figures()): window_counts(B, …)[i].result() == figures(B[i], B[i + 1], …).
  /// For the groups of a grouping by time buckets, B = {from, to} ∪ the bucket boundaries inside
  /// (from, to). One sweep: O(events · log windows + units · log events-per-unit + windows).
  /// Throws Error(invalid_argument) when fewer than 2 boundaries or they are not sorted (equal
  /// neighbours make an empty window: S = E, nothing else).
  [[nodiscard]] std::vector<CustomerCounts> window_counts(const std::vector<TimePoint>& boundaries,
                                                          TimePoint as_of,
                                                          std::optional<std::uint32_t> product = std::nullopt) const;

  /// A per-event label column (indexed by event row, as `events` was given) carried along each
  /// customer's events in (at, input order): [row] = the code on the latest event of its
  /// customer up to and including it that has one, or no_code. The customer's value "at" an
  /// event (SPEC §8, custom dimensions). Throws Error(invalid_argument) when the length differs.
  [[nodiscard]] std::vector<std::uint32_t> carried(const std::vector<std::uint32_t>& codes) const;

  /// window_counts() split by groups of customers: `labels` are carried columns (carried()),
  /// and a customer belongs at an instant to the group of its latest event (any product)
  /// strictly before it, the null group before its first event. Per window and group: S, mrr
  /// at the start, lost, churned, contraction and expansion in the group at the window's start;
  /// E and mrr at the end in the group at its end; N in the group at the end of the window of
  /// the first start; renewals and cancels in the group at the event. Groups sorted by key;
  /// labels empty = one group (key {}) equal to window_counts(). Same errors as window_counts().
  [[nodiscard]] std::vector<GroupedCustomerCounts> grouped_window_counts(
      const std::vector<TimePoint>& boundaries, TimePoint as_of, std::optional<std::uint32_t> product,
      const std::vector<const std::vector<std::uint32_t>*>& labels) const;

  /// Per product with at least one purchaser in the period: purchasers, adopters, rate.
  /// Sorted as report keys: the null product (no_code) first, then labels by UTF-8 bytes.
  /// Throws Error(invalid_argument) when to < from or a product code is not in `products`.
  [[nodiscard]] std::vector<AdoptionResult> adoption(const Dictionary& products, TimePoint from, TimePoint to,
                                                     TimePoint as_of) const;

  /// One row per local month (in `zone`) of first-ever `start`, for the customers (or pairs,
  /// with a product) whose first start is in [from, to) and not after as_of; chronological.
  /// Columns k = 0 … up to the month holding the last instant observed (just before
  /// min(to, as_of + 1 ms)); column values are taken at the month's end or at that horizon,
  /// whichever is earlier. Throws Error(invalid_argument) when to < from.
  [[nodiscard]] std::vector<CohortRow> cohorts(const ZoneBuckets& zone, TimePoint from, TimePoint to,
                                               TimePoint as_of,
                                               std::optional<std::uint32_t> product = std::nullopt) const;

  /// The product codes that occur on any event, ascending (no_code last when some event has
  /// no product).
  [[nodiscard]] std::vector<std::uint32_t> products() const;
  /// The product codes of the events in [from, to) not after as_of, ascending (no_code last).
  [[nodiscard]] std::vector<std::uint32_t> products_in(TimePoint from, TimePoint to, TimePoint as_of) const;

 private:
  struct Impl;  // the overall view and one view per product
  std::shared_ptr<const Impl> impl_;
};

}  // namespace cskpi
