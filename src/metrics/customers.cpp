#include "cskpi/metrics/customers.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <utility>

#include "cskpi/error.hpp"

namespace cskpi {
namespace {

constexpr std::int64_t unknown_mrr = -1;  // micro-units; an mrr is ≥ 0
constexpr double micros_per_unit = 1e6;
constexpr double max_mrr = 9e12;  // 9e18 micro-units: still inside int64

std::int64_t checked_sum(std::int64_t a, std::int64_t b, const char* what) {  // both ≥ 0
  if (a > std::numeric_limits<std::int64_t>::max() - b) {
    throw Error(ErrorCode::invalid_argument, std::string(what) + ": an mrr sum passes 2^63 - 1 micro-units");
  }
  return a + b;
}

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
  std::vector<std::int64_t> mrr_after;       // per event: latest mrr given so far (micro-units), or unknown_mrr
  std::vector<std::int64_t> first_starts;    // sorted first_start_ms of the units that started
  std::vector<std::int64_t> renew_ms;        // sorted instants of `renew` events
  std::vector<std::int64_t> cancel_ms;       // sorted instants of `cancel` events of an active unit
  std::vector<std::int64_t> event_ms;        // sorted instants of all events (product slices only)
  std::vector<std::uint32_t> unit_customer;  // per unit: its customer code
  std::vector<std::uint32_t> row;            // per event: its row in the columns

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
  std::int64_t mrr = unknown_mrr;
  std::int64_t largest_mrr = 0;  // of the unit; their sum bounds every mrr sum of the view
  std::int64_t mrr_bound = 0;
  std::int64_t first_start = no_instant;
  const auto close_unit = [&] {
    s.unit_customer.push_back(ev.customer[s.row.back()]);  // the unit's last event
    s.unit_begin.push_back(s.at_ms.size());
    s.first_start_ms.push_back(first_start);
    if (first_start != no_instant) s.first_starts.push_back(first_start);
    mrr_bound = checked_sum(mrr_bound, largest_mrr, "CustomerLifecycle");
    active = false;
    mrr = unknown_mrr;
    largest_mrr = 0;
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
    if (!std::isnan(ev.mrr[r])) mrr = std::llround(ev.mrr[r] * micros_per_unit);
    largest_mrr = std::max(largest_mrr, mrr);
    s.at_ms.push_back(at);
    s.type.push_back(ev.type[r]);
    s.active_after.push_back(active ? 1 : 0);
    s.mrr_after.push_back(mrr);
    s.row.push_back(static_cast<std::uint32_t>(r));
  }
  if (n != 0) close_unit();
  std::sort(s.first_starts.begin(), s.first_starts.end());
  std::sort(s.renew_ms.begin(), s.renew_ms.end());
  std::sort(s.cancel_ms.begin(), s.cancel_ms.end());
}

// An mrr must be absent (NaN) or in [0, 9e12), so that its micro-units fit in int64.
void check_mrr(const std::vector<double>& mrr) {
  for (std::size_t r = 0; r < mrr.size(); ++r) {
    if (std::isnan(mrr[r]) || (mrr[r] >= 0.0 && mrr[r] < max_mrr)) continue;
    throw Error(ErrorCode::invalid_argument, "CustomerLifecycle: mrr " + std::to_string(mrr[r]) + " of event " +
                                                 std::to_string(r) + " is not in [0, 9e12)");
  }
}

// Snapshot instants of the windows: a state "at boundary j" is taken just before cuts[j].
std::vector<std::int64_t> cuts_of(const std::vector<TimePoint>& boundaries, TimePoint as_of) {
  if (boundaries.size() < 2) {
    throw Error(ErrorCode::invalid_argument, "CustomerLifecycle::window_counts: " +
                                                 std::to_string(boundaries.size()) + " boundaries, at least 2 needed");
  }
  std::vector<std::int64_t> cuts;
  cuts.reserve(boundaries.size());
  for (std::size_t j = 0; j < boundaries.size(); ++j) {
    if (j > 0 && boundaries[j] < boundaries[j - 1]) {
      throw Error(ErrorCode::invalid_argument, "CustomerLifecycle::window_counts: boundary " + std::to_string(j) +
                                                   " (" + format_instant(boundaries[j]) + ") is before boundary " +
                                                   std::to_string(j - 1) + " (" +
                                                   format_instant(boundaries[j - 1]) + ")");
    }
    cuts.push_back(cut_at(boundaries[j], as_of));
  }
  return cuts;
}

// A unit's state just before a cut.
struct UnitState {
  bool active = false;
  std::int64_t mrr = unknown_mrr;  // micro-units
};

// The state after the unit's events [b, i): i is one past the last event before the cut.
UnitState state_after(const Slice& s, std::size_t b, std::size_t i) {
  if (i == b) return {};
  return {s.active_after[i - 1] != 0, s.mrr_after[i - 1]};
}

// Adds a unit that is in state `a` at a window's start and `b` at its end.
void add_unit(CustomerCounts& c, UnitState a, UnitState b) {
  const bool known_s = a.active && a.mrr != unknown_mrr;
  const bool known_e = b.active && b.mrr != unknown_mrr;
  c.start += a.active ? 1 : 0;
  c.end += b.active ? 1 : 0;
  c.lost += a.active && !b.active ? 1 : 0;
  c.revenue_customers += known_s || known_e ? 1 : 0;
  if (known_s) c.mrr_start_micros += a.mrr;
  if (known_s && !b.active) c.mrr_churned_micros += a.mrr;
  if (known_e) c.mrr_end_micros += b.mrr;
  if (known_s && known_e) {
    c.mrr_contraction_micros += std::max<std::int64_t>(0, a.mrr - b.mrr);
    c.mrr_expansion_micros += std::max<std::int64_t>(0, b.mrr - a.mrr);
  }
}

// Runs of windows in which a unit has no event, so its state is the same at start and end:
// difference arrays make a run cost O(1) whatever its length. No sum can overflow: every
// partial sum is bounded by the view's Σ of largest mrr per unit, checked at construction.
class Runs {
 public:
  explicit Runs(std::size_t windows) : active_(windows + 1), revenue_(windows + 1), mrr_(windows + 1) {}

  // Adds a unit in state `s` throughout the windows [first, last).
  void add(std::size_t first, std::size_t last, UnitState s) {
    if (!s.active || first >= last) return;
    ++active_[first];
    --active_[last];
    if (s.mrr == unknown_mrr) return;
    ++revenue_[first];
    --revenue_[last];
    mrr_[first] += s.mrr;
    mrr_[last] -= s.mrr;
  }

  // Adds the runs to the counts of each window (prefix sums).
  void apply(std::vector<CustomerCounts>& counts) const {
    std::int64_t active = 0, revenue = 0, mrr = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      active += active_[i];
      revenue += revenue_[i];
      mrr += mrr_[i];
      counts[i].start += static_cast<std::uint64_t>(active);
      counts[i].end += static_cast<std::uint64_t>(active);
      counts[i].revenue_customers += static_cast<std::uint64_t>(revenue);
      counts[i].mrr_start_micros += mrr;
      counts[i].mrr_end_micros += mrr;
    }
  }

 private:
  std::vector<std::int64_t> active_, revenue_, mrr_;
};

// Adds unit u to every window: the windows holding its events one by one (the state at their
// start and end differ), and the runs between them.
void sweep_unit(const Slice& s, std::size_t u, const std::vector<std::int64_t>& cuts,
                std::vector<CustomerCounts>& counts, Runs& runs) {
  const std::size_t b = s.unit_begin[u];
  const std::size_t e = s.unit_begin[u + 1];
  std::size_t i = events_before(s, b, e, cuts.front());
  UnitState state = state_after(s, b, i);
  std::size_t window = 0;  // the first window not yet added
  while (i < e && s.at_ms[i] < cuts.back()) {
    // The window holding event i: the last cut at or before it (cuts[window] <= at < cuts.back()).
    const auto hit = static_cast<std::size_t>(
        std::upper_bound(cuts.begin() + static_cast<std::ptrdiff_t>(window), cuts.end(), s.at_ms[i]) - cuts.begin() -
        1);
    runs.add(window, hit, state);
    const std::size_t next = events_before(s, i, e, cuts[hit + 1]);
    const UnitState after = state_after(s, b, next);
    add_unit(counts[hit], state, after);
    state = after;
    window = hit + 1;
    i = next;
  }
  runs.add(window, counts.size(), state);
}

// counts[i].*field += the instants of `sorted` in [cuts[i], cuts[i + 1]).
void count_windows(const std::vector<std::int64_t>& sorted, const std::vector<std::int64_t>& cuts,
                   std::vector<CustomerCounts>& counts, std::uint64_t CustomerCounts::*field) {
  auto pos = std::lower_bound(sorted.begin(), sorted.end(), cuts.front());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto next = std::lower_bound(pos, sorted.end(), cuts[i + 1]);
    counts[i].*field += static_cast<std::uint64_t>(next - pos);
    pos = next;
  }
}

double units_of(std::int64_t micros) { return static_cast<double>(micros) / micros_per_unit; }

}  // namespace

void CustomerCounts::merge(const CustomerCounts& other) {
  constexpr const char* what = "CustomerCounts::merge";
  mrr_start_micros = checked_sum(mrr_start_micros, other.mrr_start_micros, what);
  mrr_end_micros = checked_sum(mrr_end_micros, other.mrr_end_micros, what);
  mrr_churned_micros = checked_sum(mrr_churned_micros, other.mrr_churned_micros, what);
  mrr_contraction_micros = checked_sum(mrr_contraction_micros, other.mrr_contraction_micros, what);
  mrr_expansion_micros = checked_sum(mrr_expansion_micros, other.mrr_expansion_micros, what);
  start += other.start;
  end += other.end;
  new_customers += other.new_customers;
  lost += other.lost;
  renewals += other.renewals;
  cancels += other.cancels;
  revenue_customers += other.revenue_customers;
}

CustomerResult CustomerCounts::result() const {
  CustomerResult r;
  r.start = start;
  r.end = end;
  r.new_customers = new_customers;
  r.lost = lost;
  r.renewals = renewals;
  r.cancels = cancels;
  if (start != 0) {
    const auto s = static_cast<double>(start);
    r.churn_rate = static_cast<double>(lost) / s;
    r.retention_rate = (static_cast<double>(end) - static_cast<double>(new_customers)) / s;
  }
  if (renewals + cancels != 0) {
    r.renewal_rate = static_cast<double>(renewals) / static_cast<double>(renewals + cancels);
  }
  if (revenue_customers == 0) return r;
  r.mrr_start = units_of(mrr_start_micros);
  r.mrr_end = units_of(mrr_end_micros);
  r.mrr_churned = units_of(mrr_churned_micros);
  r.mrr_contraction = units_of(mrr_contraction_micros);
  r.mrr_expansion = units_of(mrr_expansion_micros);
  if (mrr_start_micros > 0) {
    // Integers first, one rounding at the division. churned + contraction <= mrr_start.
    const std::int64_t lost_mrr = checked_sum(mrr_churned_micros, mrr_contraction_micros, "CustomerCounts::result");
    const std::int64_t kept = checked_sum(mrr_start_micros - lost_mrr, mrr_expansion_micros, "CustomerCounts::result");
    const auto base = static_cast<double>(mrr_start_micros);
    r.gross_revenue_churn = static_cast<double>(lost_mrr) / base;
    r.net_revenue_retention = static_cast<double>(kept) / base;
  }
  return r;
}

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
  check_mrr(ev.mrr);
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
  return window_counts({from, to}, as_of, product).front().result();
}

std::vector<CustomerCounts> CustomerLifecycle::window_counts(const std::vector<TimePoint>& boundaries,
                                                             TimePoint as_of,
                                                             std::optional<std::uint32_t> product) const {
  const std::vector<std::int64_t> cuts = cuts_of(boundaries, as_of);
  std::vector<CustomerCounts> counts(cuts.size() - 1);
  const Slice* s = impl_->find(product);
  if (s == nullptr) return counts;
  Runs runs(counts.size());
  for (std::size_t u = 0; u < s->units(); ++u) sweep_unit(*s, u, cuts, counts, runs);
  runs.apply(counts);
  // N, renewals and cancels over [from, min(to, as_of + 1 ms)) = [cuts[i], cuts[i + 1]).
  count_windows(s->first_starts, cuts, counts, &CustomerCounts::new_customers);
  count_windows(s->renew_ms, cuts, counts, &CustomerCounts::renewals);
  count_windows(s->cancel_ms, cuts, counts, &CustomerCounts::cancels);
  return counts;
}

std::vector<std::uint32_t> CustomerLifecycle::carried(const std::vector<std::uint32_t>& codes) const {
  const Slice& all = impl_->overall;
  if (codes.size() != all.row.size()) {
    throw Error(ErrorCode::invalid_argument, "CustomerLifecycle::carried: " + std::to_string(codes.size()) +
                                                 " codes for " + std::to_string(all.row.size()) + " events");
  }
  std::vector<std::uint32_t> out(codes.size(), no_code);
  for (std::size_t u = 0; u < all.units(); ++u) {
    std::uint32_t value = no_code;
    for (std::size_t i = all.unit_begin[u]; i < all.unit_begin[u + 1]; ++i) {
      const std::uint32_t row = all.row[i];
      if (codes[row] != no_code) value = codes[row];
      out[row] = value;
    }
  }
  return out;
}

namespace {

using LabelKey = std::vector<std::uint32_t>;

// One group's counts per window and its runs (see Runs).
struct GroupWindows {
  explicit GroupWindows(std::size_t windows) : counts(windows), runs(windows) {}
  std::vector<CustomerCounts> counts;
  Runs runs;
};

// add_unit() with the start side (S, lost, start mrr, churned, contraction, expansion) in `a_counts`
// and the end side (E, end mrr) in `b_counts`: a unit that changed groups inside the window.
void add_unit_split(CustomerCounts& a_counts, CustomerCounts& b_counts, UnitState a, UnitState b) {
  if (&a_counts == &b_counts) return add_unit(a_counts, a, b);
  const bool known_s = a.active && a.mrr != unknown_mrr;
  const bool known_e = b.active && b.mrr != unknown_mrr;
  a_counts.start += a.active ? 1 : 0;
  a_counts.lost += a.active && !b.active ? 1 : 0;
  a_counts.revenue_customers += known_s ? 1 : 0;
  if (known_s) a_counts.mrr_start_micros += a.mrr;
  if (known_s && !b.active) a_counts.mrr_churned_micros += a.mrr;
  if (known_s && known_e) {
    a_counts.mrr_contraction_micros += std::max<std::int64_t>(0, a.mrr - b.mrr);
    a_counts.mrr_expansion_micros += std::max<std::int64_t>(0, b.mrr - a.mrr);
  }
  b_counts.end += b.active ? 1 : 0;
  b_counts.revenue_customers += known_e ? 1 : 0;
  if (known_e) b_counts.mrr_end_micros += b.mrr;
}

}  // namespace

std::vector<GroupedCustomerCounts> CustomerLifecycle::grouped_window_counts(
    const std::vector<TimePoint>& boundaries, TimePoint as_of, std::optional<std::uint32_t> product,
    const std::vector<const std::vector<std::uint32_t>*>& labels) const {
  if (labels.empty()) return {GroupedCustomerCounts{{}, window_counts(boundaries, as_of, product)}};
  const std::vector<std::int64_t> cuts = cuts_of(boundaries, as_of);
  const std::size_t windows = cuts.size() - 1;
  const Slice& all = impl_->overall;
  for (const auto* column : labels) {
    if (column == nullptr || column->size() != all.row.size()) {
      throw Error(ErrorCode::invalid_argument, "CustomerLifecycle::grouped_window_counts: a label column's length "
                                               "differs from the events'");
    }
  }
  const Slice* s = impl_->find(product);
  std::map<LabelKey, GroupWindows> groups;
  if (s == nullptr) return {};
  const auto group = [&](const LabelKey& key) -> GroupWindows& {
    auto it = groups.find(key);
    if (it == groups.end()) it = groups.emplace(key, GroupWindows(windows)).first;
    return it->second;
  };
  const auto key_of_row = [&](std::uint32_t row) {
    LabelKey key(labels.size(), no_code);
    for (std::size_t j = 0; j < labels.size(); ++j) key[j] = (*labels[j])[row];
    return key;
  };
  // The group of the customer (overall unit `ou`) just before a cut: that of its latest event.
  const auto key_before = [&](std::size_t ou, std::int64_t cut) {
    const std::size_t b = all.unit_begin[ou];
    const std::size_t i = events_before(all, b, all.unit_begin[ou + 1], cut);
    return i == b ? LabelKey(labels.size(), no_code) : key_of_row(all.row[i - 1]);
  };
  const auto window_of = [&](std::int64_t at) {  // precondition: cuts.front() <= at < cuts.back()
    return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), at) - cuts.begin() - 1);
  };
  const auto in_range = [&](std::int64_t at) { return at >= cuts.front() && at < cuts.back(); };
  std::vector<std::size_t> touched;
  for (std::size_t u = 0; u < s->units(); ++u) {
    const std::size_t b = s->unit_begin[u];
    const std::size_t e = s->unit_begin[u + 1];
    const auto state_at = [&](std::int64_t cut) { return state_after(*s, b, events_before(*s, b, e, cut)); };
    const std::size_t ou = s == &all ? u
                                     : static_cast<std::size_t>(std::lower_bound(all.unit_customer.begin(),
                                                                                 all.unit_customer.end(),
                                                                                 s->unit_customer[u]) -
                                                                all.unit_customer.begin());
    // Windows in which the state or the group may change: those holding an event of the customer.
    touched.clear();
    for (std::size_t i = all.unit_begin[ou]; i < all.unit_begin[ou + 1]; ++i) {
      if (in_range(all.at_ms[i])) touched.push_back(window_of(all.at_ms[i]));
    }
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());  // sorted: events are in time order
    std::size_t next = 0;
    for (const std::size_t w : touched) {
      if (next < w) group(key_before(ou, cuts[next])).runs.add(next, w, state_at(cuts[next]));
      GroupWindows& at_start = group(key_before(ou, cuts[w]));
      GroupWindows& at_end = group(key_before(ou, cuts[w + 1]));
      add_unit_split(at_start.counts[w], at_end.counts[w], state_at(cuts[w]), state_at(cuts[w + 1]));
      next = w + 1;
    }
    if (next < windows) group(key_before(ou, cuts[next])).runs.add(next, windows, state_at(cuts[next]));
    for (std::size_t i = b; i < e; ++i) {
      if (!in_range(s->at_ms[i])) continue;
      if (s->type[i] == CustomerEventType::renew) ++group(key_of_row(s->row[i])).counts[window_of(s->at_ms[i])].renewals;
      if (s->type[i] == CustomerEventType::cancel && i > b && s->active_after[i - 1] != 0) {
        ++group(key_of_row(s->row[i])).counts[window_of(s->at_ms[i])].cancels;
      }
    }
    const std::int64_t first = s->first_start_ms[u];
    if (first != no_instant && in_range(first)) {
      const std::size_t w = window_of(first);
      ++group(key_before(ou, cuts[w + 1])).counts[w].new_customers;
    }
  }
  std::vector<GroupedCustomerCounts> out;
  out.reserve(groups.size());
  for (auto& [key, g] : groups) {
    g.runs.apply(g.counts);
    out.push_back(GroupedCustomerCounts{key, std::move(g.counts)});
  }
  return out;
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
