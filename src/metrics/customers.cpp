#include "cskpi/metrics/customers.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "cskpi/error.hpp"

namespace cskpi {
namespace {

constexpr double unknown_mrr = std::numeric_limits<double>::quiet_NaN();

// One view of the events: every event of each customer (overall), or one product's events of
// each (customer, product) pair. A "unit" is a customer, or a pair. Events are unit-major and
// in (at, input order) within a unit; the state after each event is precomputed, so the state
// at any instant is one binary search.
struct Slice {
  std::uint32_t product = no_code;
  std::vector<std::size_t> unit_begin = std::vector<std::size_t>(1, 0);  // unit u: [begin[u], begin[u + 1])
  std::vector<std::int64_t> first_start_ms;  // per unit; no_instant when it never started
  std::vector<std::int64_t> at_ms;           // per event
  std::vector<CustomerEventType> type;       // per event
  std::vector<std::uint8_t> active_after;    // per event: active after it
  std::vector<double> mrr_after;             // per event: latest mrr given so far, NaN = none
  std::vector<std::int64_t> first_starts;    // sorted first_start_ms of the units that started
  std::vector<std::int64_t> renew_ms;        // sorted instants of `renew` events
  std::vector<std::int64_t> cancel_ms;       // sorted instants of `cancel` events of an active unit
  std::vector<std::int64_t> event_ms;        // sorted instants of all events (product slices only)

  [[nodiscard]] std::size_t units() const noexcept { return unit_begin.size() - 1; }
};

// Events of a unit's range [b, e) strictly before `cut`: the index one past the last of them.
std::size_t events_before(const Slice& s, std::size_t b, std::size_t e, std::int64_t cut) {
  const std::int64_t* base = s.at_ms.data();
  return static_cast<std::size_t>(std::lower_bound(base + b, base + e, cut) - base);
}

// Values of a sorted vector in [lo, hi).
std::uint64_t count_in(const std::vector<std::int64_t>& sorted, std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return 0;
  const auto first = std::lower_bound(sorted.begin(), sorted.end(), lo);
  const auto last = std::lower_bound(first, sorted.end(), hi);
  return static_cast<std::uint64_t>(last - first);
}

// Events with at < horizon(as_of) have happened.
std::int64_t horizon(TimePoint as_of) noexcept {
  const std::int64_t ms = to_millis(as_of);
  return ms == std::numeric_limits<std::int64_t>::max() ? ms : ms + 1;
}

// The instant just before which a state is taken: before t, and nothing after as_of.
std::int64_t cut_at(TimePoint t, TimePoint as_of) noexcept { return std::min(to_millis(t), horizon(as_of)); }

void check_period(const char* what, TimePoint from, TimePoint to) {
  if (to < from) {
    throw Error(ErrorCode::invalid_argument, std::string(what) + ": to " + format_instant(to) +
                                                 " is before from " + format_instant(from));
  }
}

// Builds a slice from event rows sorted by (customer, at, row).
void build(Slice& s, const CustomerEventColumns& ev, const std::size_t* first, const std::size_t* last) {
  const auto n = static_cast<std::size_t>(last - first);
  s.at_ms.reserve(n);
  s.type.reserve(n);
  s.active_after.reserve(n);
  s.mrr_after.reserve(n);
  bool active = false;
  double mrr = unknown_mrr;
  std::int64_t first_start = no_instant;
  const auto close_unit = [&] {
    s.unit_begin.push_back(s.at_ms.size());
    s.first_start_ms.push_back(first_start);
    if (first_start != no_instant) s.first_starts.push_back(first_start);
    active = false;
    mrr = unknown_mrr;
    first_start = no_instant;
  };
  for (const std::size_t* it = first; it != last; ++it) {
    const std::size_t r = *it;
    if (it != first && ev.customer[r] != ev.customer[*(it - 1)]) close_unit();
    const std::int64_t at = ev.at_ms[r];
    switch (ev.type[r]) {
      case CustomerEventType::start:
        if (first_start == no_instant) first_start = at;
        active = true;
        break;
      case CustomerEventType::renew:
        s.renew_ms.push_back(at);
        active = true;
        break;
      case CustomerEventType::cancel:
        if (active) s.cancel_ms.push_back(at);  // a cancel of an inactive unit cancels nothing
        active = false;
        break;
      case CustomerEventType::purchase:
      case CustomerEventType::adopt:
        break;
    }
    if (!std::isnan(ev.mrr[r])) mrr = ev.mrr[r];
    s.at_ms.push_back(at);
    s.type.push_back(ev.type[r]);
    s.active_after.push_back(active ? 1 : 0);
    s.mrr_after.push_back(mrr);
  }
  if (n != 0) close_unit();
  std::sort(s.first_starts.begin(), s.first_starts.end());
  std::sort(s.renew_ms.begin(), s.renew_ms.end());
  std::sort(s.cancel_ms.begin(), s.cancel_ms.end());
}

}  // namespace

struct CustomerLifecycle::Impl {
  Slice overall;
  std::vector<Slice> by_product;  // ascending product code, no_code last

  [[nodiscard]] const Slice* find(std::optional<std::uint32_t> product) const {
    if (!product) return &overall;
    const auto it = std::lower_bound(by_product.begin(), by_product.end(), *product,
                                     [](const Slice& s, std::uint32_t code) { return s.product < code; });
    return it != by_product.end() && it->product == *product ? &*it : nullptr;
  }
};

CustomerLifecycle::CustomerLifecycle() : impl_(std::make_shared<Impl>()) {}

CustomerLifecycle::CustomerLifecycle(const CustomerEventColumns& ev) {
  const std::size_t n = ev.size();
  if (ev.customer.size() != n || ev.type.size() != n || ev.product.size() != n || ev.mrr.size() != n) {
    throw Error(ErrorCode::invalid_argument,
                "CustomerLifecycle: column lengths differ (at " + std::to_string(n) + ", customer " +
                    std::to_string(ev.customer.size()) + ", type " + std::to_string(ev.type.size()) +
                    ", product " + std::to_string(ev.product.size()) + ", mrr " + std::to_string(ev.mrr.size()) +
                    ")");
  }
  auto impl = std::make_shared<Impl>();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (ev.customer[a] != ev.customer[b]) return ev.customer[a] < ev.customer[b];
    if (ev.at_ms[a] != ev.at_ms[b]) return ev.at_ms[a] < ev.at_ms[b];
    return a < b;
  });
  build(impl->overall, ev, order.data(), order.data() + n);

  // Product views: a stable counting sort of `order` by product keeps (customer, at, row).
  std::vector<std::uint32_t> codes(ev.product);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::vector<std::size_t> rank(n);
  std::vector<std::size_t> offset(codes.size() + 1, 0);
  for (std::size_t r = 0; r < n; ++r) {
    rank[r] = static_cast<std::size_t>(std::lower_bound(codes.begin(), codes.end(), ev.product[r]) - codes.begin());
    ++offset[rank[r] + 1];
  }
  std::partial_sum(offset.begin(), offset.end(), offset.begin());
  std::vector<std::size_t> by_product(n);
  std::vector<std::size_t> next(offset.begin(), offset.end() - 1);
  for (const std::size_t r : order) by_product[next[rank[r]]++] = r;
  impl->by_product.resize(codes.size());
  for (std::size_t p = 0; p < codes.size(); ++p) {
    Slice& s = impl->by_product[p];
    s.product = codes[p];
    build(s, ev, by_product.data() + offset[p], by_product.data() + offset[p + 1]);
    s.event_ms = s.at_ms;
    std::sort(s.event_ms.begin(), s.event_ms.end());
  }
  impl_ = std::move(impl);
}

CustomerResult CustomerLifecycle::figures(TimePoint from, TimePoint to, TimePoint as_of,
                                          std::optional<std::uint32_t> product) const {
  check_period("CustomerLifecycle::figures", from, to);
  CustomerResult r;
  const Slice* s = impl_->find(product);
  if (s == nullptr) return r;
  const std::int64_t from_ms = to_millis(from);
  const std::int64_t cut_from = cut_at(from, as_of);
  const std::int64_t cut_to = cut_at(to, as_of);
  bool revenue = false;
  double mrr_start = 0, mrr_end = 0, churned = 0, contraction = 0, expansion = 0;
  for (std::size_t u = 0; u < s->units(); ++u) {
    const std::size_t b = s->unit_begin[u];
    const std::size_t e = s->unit_begin[u + 1];
    if (s->at_ms[b] >= cut_to) continue;  // nothing has happened to it yet
    const std::size_t i_from = events_before(*s, b, e, cut_from);
    const std::size_t i_to = events_before(*s, i_from, e, cut_to);
    const bool in_s = i_from > b && s->active_after[i_from - 1] != 0;
    const bool in_e = i_to > b && s->active_after[i_to - 1] != 0;
    const double m_s = in_s ? s->mrr_after[i_from - 1] : unknown_mrr;
    const double m_e = in_e ? s->mrr_after[i_to - 1] : unknown_mrr;
    if (in_s) ++r.start;
    if (in_e) ++r.end;
    if (in_s && !in_e) ++r.lost;
    if (!std::isnan(m_s)) {
      revenue = true;
      mrr_start += m_s;
      if (!in_e) churned += m_s;
    }
    if (!std::isnan(m_e)) {
      revenue = true;
      mrr_end += m_e;
    }
    if (!std::isnan(m_s) && !std::isnan(m_e)) {
      contraction += std::max(0.0, m_s - m_e);
      expansion += std::max(0.0, m_e - m_s);
    }
  }
  r.new_customers = count_in(s->first_starts, from_ms, cut_to);
  r.renewals = count_in(s->renew_ms, from_ms, cut_to);
  r.cancels = count_in(s->cancel_ms, from_ms, cut_to);
  if (r.start != 0) {
    const auto start = static_cast<double>(r.start);
    r.churn_rate = static_cast<double>(r.lost) / start;
    r.retention_rate = (static_cast<double>(r.end) - static_cast<double>(r.new_customers)) / start;
  }
  if (r.renewals + r.cancels != 0) {
    r.renewal_rate = static_cast<double>(r.renewals) / static_cast<double>(r.renewals + r.cancels);
  }
  if (revenue) {
    r.mrr_start = mrr_start;
    r.mrr_end = mrr_end;
    r.mrr_churned = churned;
    r.mrr_contraction = contraction;
    r.mrr_expansion = expansion;
    if (mrr_start > 0) {
      r.gross_revenue_churn = (churned + contraction) / mrr_start;
      r.net_revenue_retention = (mrr_start - churned - contraction + expansion) / mrr_start;
    }
  }
  return r;
}

std::vector<AdoptionResult> CustomerLifecycle::adoption(const Dictionary& products, TimePoint from, TimePoint to,
                                                        TimePoint as_of) const {
  check_period("CustomerLifecycle::adoption", from, to);
  const std::int64_t from_ms = to_millis(from);
  const std::int64_t cut_to = cut_at(to, as_of);
  const std::int64_t seen = horizon(as_of);
  std::vector<AdoptionResult> rows;
  for (const Slice& s : impl_->by_product) {
    AdoptionResult row;
    row.product = s.product;
    for (std::size_t u = 0; u < s.units(); ++u) {
      const std::size_t e = s.unit_begin[u + 1];
      std::size_t i = events_before(s, s.unit_begin[u], e, from_ms);
      while (i < e && s.at_ms[i] < cut_to && s.type[i] != CustomerEventType::purchase) ++i;
      if (i == e || s.at_ms[i] >= cut_to) continue;
      ++row.purchasers;
      // "At or after the purchase" is by instant: an adopt at the purchase's instant counts.
      std::size_t j = events_before(s, s.unit_begin[u], i, s.at_ms[i]);
      while (j < e && s.at_ms[j] < seen && s.type[j] != CustomerEventType::adopt) ++j;
      if (j < e && s.at_ms[j] < seen) ++row.adopters;
    }
    if (row.purchasers == 0) continue;
    if (row.product != no_code && row.product >= products.size()) {
      throw Error(ErrorCode::invalid_argument, "CustomerLifecycle::adoption: product code " +
                                                   std::to_string(row.product) + " is not in the dictionary (size " +
                                                   std::to_string(products.size()) + ")");
    }
    row.rate = static_cast<double>(row.adopters) / static_cast<double>(row.purchasers);
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [&](const AdoptionResult& a, const AdoptionResult& b) {
    if (a.product == no_code || b.product == no_code) return a.product == no_code && b.product != no_code;
    return products.value(a.product) < products.value(b.product);
  });
  return rows;
}

std::vector<CohortRow> CustomerLifecycle::cohorts(const ZoneBuckets& zone, TimePoint from, TimePoint to,
                                                  TimePoint as_of, std::optional<std::uint32_t> product) const {
  check_period("CustomerLifecycle::cohorts", from, to);
  std::vector<CohortRow> rows;
  const Slice* s = impl_->find(product);
  const std::int64_t from_ms = to_millis(from);
  const std::int64_t cut_to = cut_at(to, as_of);
  if (s == nullptr || cut_to <= from_ms) return rows;
  std::vector<std::pair<std::int64_t, std::size_t>> members;  // (month key, unit)
  for (std::size_t u = 0; u < s->units(); ++u) {
    const std::int64_t first = s->first_start_ms[u];
    if (first == no_instant || first < from_ms || first >= cut_to) continue;
    members.emplace_back(zone.key(TimeBucket::month, from_millis(first)), u);
  }
  if (members.empty()) return rows;
  std::sort(members.begin(), members.end());
  const std::int64_t first_month = members.front().first;
  const std::int64_t last_month = zone.key(TimeBucket::month, from_millis(cut_to - 1));
  // Where column month m is observed: its end, or the horizon when earlier.
  std::vector<std::int64_t> observed;
  for (std::int64_t m = first_month; m <= last_month; ++m) {
    observed.push_back(std::min(to_millis(zone.end(TimeBucket::month, m)), cut_to));
  }
  for (std::size_t i = 0; i < members.size();) {
    CohortRow row;
    row.month = members[i].first;
    row.cohort = zone.label(TimeBucket::month, row.month);
    const auto columns = static_cast<std::size_t>(last_month - row.month + 1);
    const auto column0 = static_cast<std::size_t>(row.month - first_month);
    row.active.assign(columns, 0);
    for (; i < members.size() && members[i].first == row.month; ++i) {
      ++row.size;
      const std::size_t b = s->unit_begin[members[i].second];
      const std::size_t e = s->unit_begin[members[i].second + 1];
      std::size_t at = b;
      for (std::size_t k = 0; k < columns; ++k) {
        at = events_before(*s, at, e, observed[column0 + k]);
        if (at > b && s->active_after[at - 1] != 0) ++row.active[k];
      }
    }
    for (const std::uint64_t a : row.active) {
      row.share.push_back(static_cast<double>(a) / static_cast<double>(row.size));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::uint32_t> CustomerLifecycle::products() const {
  std::vector<std::uint32_t> codes;
  codes.reserve(impl_->by_product.size());
  for (const Slice& s : impl_->by_product) codes.push_back(s.product);
  return codes;
}

std::vector<std::uint32_t> CustomerLifecycle::products_in(TimePoint from, TimePoint to, TimePoint as_of) const {
  check_period("CustomerLifecycle::products_in", from, to);
  const std::int64_t from_ms = to_millis(from);
  const std::int64_t cut_to = cut_at(to, as_of);
  std::vector<std::uint32_t> codes;
  for (const Slice& s : impl_->by_product) {
    if (count_in(s.event_ms, from_ms, cut_to) != 0) codes.push_back(s.product);
  }
  return codes;
}

}  // namespace cskpi
