#include "cskpi/report/engine.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "cskpi/error.hpp"
#include "report/extras.hpp"
#include "report/group_accumulators.hpp"
#include "report/group_key.hpp"
#include "report/interaction_facts.hpp"
#include "report/targets.hpp"

namespace cskpi {
namespace {

using detail::GroupKey;
using detail::GroupKeyHash;

constexpr std::int64_t null_label = -1;

using detail::FactsBuilder;
using detail::GroupAccumulators;
using detail::InteractionFacts;

/// The groups of one grouping, in first-seen order until sorted for output.
struct Table {
  Grouping by;
  bool flows = true;  // false with hour_of_week: resolved / net change / backlog undefined
  bool customer_keys = false;  // labels ⊆ {product}, no hour_of_week: customer events make groups
  bool agent_keys = false;     // labels ⊆ {agent, team, department}, no hour_of_week: agent events make groups
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> index;
  std::vector<GroupKey> keys;
  std::vector<GroupAccumulators> accs;
};

/// Bucket keys of one instant, computed once per record for the buckets in use.
using BucketKeys = std::array<std::int64_t, 7>;

std::size_t bucket_index(TimeBucket b) noexcept { return static_cast<std::size_t>(b); }

class Engine {
 public:
  Engine(const Dataset& data, const ReportSpec& spec, ReportPeriod period)
      : data_(data), spec_(spec), period_(std::move(period)), zone_(period_.time_zone),
        from_(to_millis(period_.from)), to_(to_millis(period_.to)), as_of_(to_millis(period_.as_of)),
        facts_(data, spec.config, as_of_) {
    if (data.customer_events().size() > 0) customers_ = CustomerLifecycle(data.customer_events());
    if (data.agent_events().size() > 0) roster_ = Roster(data.agent_events());
    const auto& agents = data.interactions().dim[index_of(Dimension::agent)];
    productivity_ = std::any_of(agents.begin(), agents.end(), [](std::uint32_t a) { return a != no_code; });
    fcr_config_.method = facts_.fcr_method();
    fcr_config_.window = spec.config.fcr_window;
    tables_.push_back(make_table({}));
    for (const auto& grouping : spec.groupings) tables_.push_back(make_table(grouping));
    for (const auto& table : tables_) {
      for (const auto& part : table.by) {
        if (const auto* b = std::get_if<TimeBucket>(&part)) used_buckets_[bucket_index(*b)] = true;
      }
    }
  }

  Report run() {
    // The overall group exists even when the period holds nothing.
    slot(tables_.front(), GroupKey{});
    scan_interactions();
    scan_surveys();
    scan_resolutions();
    scan_customer_and_agent_events();
    for (auto& table : tables_) {
      if (table.flows) count_backlog(table);
    }
    return assemble();
  }

 private:
  static Table make_table(const Grouping& by) {
    Table t;
    t.by = by;
    t.flows = std::none_of(by.begin(), by.end(), [](const GroupPart& p) {
      const auto* b = std::get_if<TimeBucket>(&p);
      return b && *b == TimeBucket::hour_of_week;
    });
    const auto labels_in = [&](std::initializer_list<Dimension> allowed) {
      return std::all_of(by.begin(), by.end(), [&](const GroupPart& p) {
        const auto* d = std::get_if<Dimension>(&p);
        return !d || std::find(allowed.begin(), allowed.end(), *d) != allowed.end();
      });
    };
    t.customer_keys = t.flows && labels_in({Dimension::product});
    t.agent_keys = t.flows && labels_in({Dimension::agent, Dimension::team, Dimension::department});
    return t;
  }

  GroupAccumulators& slot(Table& table, const GroupKey& key) {
    const auto [it, inserted] = table.index.try_emplace(key, static_cast<std::uint32_t>(table.keys.size()));
    if (inserted) {
      table.keys.push_back(key);
      table.accs.emplace_back(spec_.config, fcr_config_, facts_.has_business_calendar(), facts_.has_sla(), productivity_);
    }
    return table.accs[it->second];
  }

  bool in_period(std::int64_t t) const noexcept { return t >= from_ && t < to_ && t <= as_of_; }

  void fill_buckets(std::int64_t t, BucketKeys& keys) {
    for (std::size_t b = 0; b < keys.size(); ++b) {
      if (used_buckets_[b]) keys[b] = zone_.key(static_cast<TimeBucket>(b), from_millis(t));
    }
  }

  /// Key of a record in a table: label codes from `dims`, time parts from `buckets`.
  template <class DimOf>
  static GroupKey key_of(const Table& table, const DimOf& dim_of, const BucketKeys& buckets) {
    GroupKey key;
    for (const auto& part : table.by) {
      if (const auto* d = std::get_if<Dimension>(&part)) {
        const std::uint32_t code = dim_of(*d);
        key.push(code == no_code ? null_label : static_cast<std::int64_t>(code));
      } else {
        key.push(buckets[bucket_index(std::get<TimeBucket>(part))]);
      }
    }
    return key;
  }

  /// Each interaction feeds three parts: the created part (volume, complaints, handle,
  /// queue, cost, SLA, next replies, state durations), the first-response part and the
  /// resolution part (resolution, FCR, reopen, self-service). With created attribution all
  /// three go by created_at; with event attribution the last two go by their own instants.
  void scan_interactions() {
    const auto& c = data_.interactions();
    const bool by_event = spec_.config.attribution == Attribution::event;
    InteractionFacts f;
    BucketKeys created_buckets{};
    BucketKeys event_buckets{};
    for (std::size_t r = 0; r < c.size(); ++r) {
      const std::int64_t created = c.created_ms[r];
      const bool created_in = in_period(created);
      if (!by_event && !created_in) continue;
      const std::int64_t resolved = facts_.resolved_at()[r];
      if (by_event && !created_in && !in_period(resolved) && !in_period(c.first_response_ms[r]) &&
          data_.events_of(r).empty()) {
        continue;  // nothing of it can be in the period (a history may give a first response)
      }
      facts_.build(r, f);
      const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
      if (created_in) fill_buckets(created, created_buckets);
      const std::uint32_t agent = dim_of(Dimension::agent);
      const std::int64_t created_day = productivity_ && created_in && agent != no_code ? zone_.local_day(from_millis(created)) : 0;
      if (!by_event) {
        for (auto& table : tables_) {
          GroupAccumulators& acc = slot(table, key_of(table, dim_of, created_buckets));
          acc.add_created(r, c, f);
          if (productivity_ && agent != no_code) acc.add_agent_day(agent, created_day);
          acc.add_first_response(f);
          acc.add_resolution(f);
        }
        continue;
      }
      if (created_in) {
        for (auto& table : tables_) {
          GroupAccumulators& acc = slot(table, key_of(table, dim_of, created_buckets));
          acc.add_created(r, c, f);
          if (productivity_ && agent != no_code) acc.add_agent_day(agent, created_day);
        }
      }
      if (f.first_response_at != no_instant && in_period(f.first_response_at)) {
        fill_buckets(f.first_response_at, event_buckets);
        for (auto& table : tables_) slot(table, key_of(table, dim_of, event_buckets)).add_first_response(f);
      }
      if (f.resolved && in_period(f.resolved_at)) {
        fill_buckets(f.resolved_at, event_buckets);
        for (auto& table : tables_) slot(table, key_of(table, dim_of, event_buckets)).add_resolution(f);
      }
    }
  }

  void scan_surveys() {
    const auto& s = data_.surveys();
    if (s.effective_dim[0].size() != s.size()) {
      throw Error(ErrorCode::invalid_argument, "compute_report: call Dataset::link() after the last add");
    }
    BucketKeys buckets{};
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::int64_t t = s.responded_ms[i];
      if (!in_period(t)) continue;
      fill_buckets(t, buckets);
      const auto dim_of = [&](Dimension d) { return s.effective_dim[index_of(d)][i]; };
      for (auto& table : tables_) {
        slot(table, key_of(table, dim_of, buckets)).add_survey(s.kind[i], s.score[i]);
      }
    }
  }

  /// `resolved` counts every interaction of the group's labels resolved in the period
  /// (time buckets: in the bucket of its resolution), whenever it was created.
  void scan_resolutions() {
    const auto& c = data_.interactions();
    BucketKeys buckets{};
    for (std::size_t r = 0; r < c.size(); ++r) {
      const std::int64_t t = facts_.resolved_at()[r];
      if (t == no_instant || !in_period(t)) continue;
      fill_buckets(t, buckets);
      const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
      const std::uint32_t agent = dim_of(Dimension::agent);
      const bool day = productivity_ && agent != no_code;
      const std::int64_t resolved_day = day ? zone_.local_day(from_millis(t)) : 0;
      for (auto& table : tables_) {
        if (!table.flows) continue;  // hour_of_week groups have no resolved figures
        GroupAccumulators& acc = slot(table, key_of(table, dim_of, buckets));
        acc.add_resolved_count();
        if (day) acc.add_agent_day(agent, resolved_day);
      }
    }
  }

  /// Customer events make groups in groupings by product and time buckets, agent events in
  /// groupings by agent, team, department and time buckets (their figures come from the
  /// lifecycle and the roster at the end).
  void scan_customer_and_agent_events() {
    const auto& ce = data_.customer_events();
    BucketKeys buckets{};
    for (std::size_t i = 0; i < ce.size(); ++i) {
      if (!in_period(ce.at_ms[i])) continue;
      fill_buckets(ce.at_ms[i], buckets);
      const auto dim_of = [&](Dimension d) { return d == Dimension::product ? ce.product[i] : no_code; };
      for (auto& table : tables_) {
        if (table.customer_keys) slot(table, key_of(table, dim_of, buckets));
      }
    }
    const auto& ae = data_.agent_events();
    for (std::size_t i = 0; i < ae.size(); ++i) {
      if (!in_period(ae.at_ms[i])) continue;
      fill_buckets(ae.at_ms[i], buckets);
      const auto dim_of = [&](Dimension d) {
        if (d == Dimension::agent) return ae.agent[i];
        return d == Dimension::team ? ae.team[i] : d == Dimension::department ? ae.department[i] : no_code;
      };
      for (auto& table : tables_) {
        if (table.agent_keys) slot(table, key_of(table, dim_of, buckets));
      }
    }
  }

  /// The slice of the period and the labels a group covers.
  detail::GroupScope scope_of(const Table& table, const GroupKey& key) const {
    detail::GroupScope scope{period_.from, period_.to, false, {}, {}, {}, {}, false};
    for (std::size_t p = 0; p < table.by.size(); ++p) {
      const std::int64_t v = key[p];
      if (const auto* b = std::get_if<TimeBucket>(&table.by[p])) {
        if (*b == TimeBucket::hour_of_week) {
          scope.whole_week_hours = true;
          continue;
        }
        scope.from = std::max(scope.from, zone_.begin(*b, v));
        scope.to = std::min(scope.to, zone_.end(*b, v));
        continue;
      }
      const auto code = v == null_label ? no_code : static_cast<std::uint32_t>(v);
      switch (std::get<Dimension>(table.by[p])) {
        case Dimension::product: scope.product = code; break;
        case Dimension::agent: scope.agent = code; break;
        case Dimension::team: scope.team = code; break;
        case Dimension::department: scope.department = code; break;
        default: scope.other_labels = true; break;
      }
    }
    return scope;
  }

  /// Snapshot instant of a group: as_of, or for time buckets min(bucket end, as_of).
  std::int64_t snapshot(const Table& table, const GroupKey& key) const {
    std::int64_t s = as_of_;
    for (std::size_t p = 0; p < table.by.size(); ++p) {
      if (const auto* b = std::get_if<TimeBucket>(&table.by[p])) {
        s = std::min(s, to_millis(zone_.end(*b, key[p])));
      }
    }
    return s;
  }

  /// backlog(s) = interactions created before s and not resolved at s (SPEC §3: a resolution
  /// at exactly s has happened): each one is in the backlog of every snapshot s in
  /// (created, resolved). Per label key, the groups' snapshots are sorted and each
  /// interaction adds +1/-1 to a difference array, so the scan is O(n log buckets) whatever
  /// the number of buckets.
  void count_backlog(Table& table) {
    std::vector<std::size_t> label_parts;
    for (std::size_t p = 0; p < table.by.size(); ++p) {
      if (!is_time(table.by[p])) label_parts.push_back(p);
    }
    struct Snapshots {
      std::vector<std::int64_t> instants;  // sorted, unique
      std::vector<std::int64_t> diff;
    };
    std::unordered_map<GroupKey, Snapshots, GroupKeyHash> by_labels;
    std::vector<std::int64_t> group_snapshot(table.keys.size());
    const auto labels_of = [&](const GroupKey& key) {
      GroupKey out;
      for (const std::size_t p : label_parts) out.push(key[p]);
      return out;
    };
    for (std::size_t g = 0; g < table.keys.size(); ++g) {
      group_snapshot[g] = snapshot(table, table.keys[g]);
      by_labels[labels_of(table.keys[g])].instants.push_back(group_snapshot[g]);
    }
    for (auto& [labels, snaps] : by_labels) {
      std::sort(snaps.instants.begin(), snaps.instants.end());
      snaps.instants.erase(std::unique(snaps.instants.begin(), snaps.instants.end()), snaps.instants.end());
      snaps.diff.assign(snaps.instants.size() + 1, 0);
    }
    const auto& c = data_.interactions();
    for (std::size_t r = 0; r < c.size(); ++r) {
      GroupKey labels;
      for (const std::size_t p : label_parts) {
        const std::uint32_t code = c.dim[index_of(std::get<Dimension>(table.by[p]))][r];
        labels.push(code == no_code ? null_label : static_cast<std::int64_t>(code));
      }
      const auto it = by_labels.find(labels);
      if (it == by_labels.end()) continue;
      auto& snaps = it->second;
      const auto lo = std::upper_bound(snaps.instants.begin(), snaps.instants.end(), c.created_ms[r]);
      const std::int64_t resolved = facts_.resolved_at()[r];
      const auto hi = resolved == no_instant ? snaps.instants.end()
                                             : std::lower_bound(snaps.instants.begin(), snaps.instants.end(), resolved);
      if (lo >= hi) continue;
      snaps.diff[static_cast<std::size_t>(lo - snaps.instants.begin())] += 1;
      snaps.diff[static_cast<std::size_t>(hi - snaps.instants.begin())] -= 1;
    }
    for (auto& [labels, snaps] : by_labels) {
      std::partial_sum(snaps.diff.begin(), snaps.diff.end(), snaps.diff.begin());
    }
    for (std::size_t g = 0; g < table.keys.size(); ++g) {
      const auto& snaps = by_labels[labels_of(table.keys[g])];
      const auto at = std::lower_bound(snaps.instants.begin(), snaps.instants.end(), group_snapshot[g]);
      table.accs[g].add_backlog(
          static_cast<std::uint64_t>(snaps.diff[static_cast<std::size_t>(at - snaps.instants.begin())]));
    }
  }

  /// Rank of each label code of a dimension in UTF-8 byte order.
  const std::vector<std::int64_t>& label_ranks(Dimension d) {
    auto& ranks = ranks_[index_of(d)];
    if (!ranks.empty() || data_.dictionary(d).size() == 0) return ranks;
    const Dictionary& dict = data_.dictionary(d);
    std::vector<std::uint32_t> codes(dict.size());
    std::iota(codes.begin(), codes.end(), 0u);
    std::sort(codes.begin(), codes.end(),
              [&](std::uint32_t a, std::uint32_t b) { return dict.value(a) < dict.value(b); });
    ranks.assign(codes.size(), 0);
    for (std::size_t i = 0; i < codes.size(); ++i) ranks[codes[i]] = static_cast<std::int64_t>(i);
    return ranks;
  }

  /// Sorts a table's groups: labels by bytes with null first, time buckets chronologically.
  std::vector<std::uint32_t> sorted_groups(const Table& table) {
    std::vector<GroupKey> sort_keys(table.keys.size());
    for (std::size_t g = 0; g < table.keys.size(); ++g) {
      for (std::size_t p = 0; p < table.by.size(); ++p) {
        std::int64_t v = table.keys[g][p];
        if (const auto* d = std::get_if<Dimension>(&table.by[p])) {
          v = v == null_label ? -1 : label_ranks(*d)[static_cast<std::size_t>(v)];
        }
        sort_keys[g].push(v);
      }
    }
    std::vector<std::uint32_t> order(table.keys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return sort_keys[a] < sort_keys[b]; });
    return order;
  }

  Report assemble() {
    Report report;
    report.period = period_;
    report.has_events = data_.has_events();
    const std::uint64_t overall_count = tables_.front().accs.front().count();
    for (const auto& table : tables_) {
      for (const std::uint32_t g : sorted_groups(table)) {
        Group group;
        group.by = table.by;
        for (std::size_t p = 0; p < table.by.size(); ++p) {
          const std::int64_t v = table.keys[g][p];
          if (const auto* d = std::get_if<Dimension>(&table.by[p])) {
            if (v == null_label) {
              group.key.emplace_back(std::nullopt);
            } else {
              group.key.emplace_back(data_.dictionary(*d).value(static_cast<std::uint32_t>(v)));
            }
          } else {
            group.key.emplace_back(zone_.label(std::get<TimeBucket>(table.by[p]), v));
          }
        }
        group.metrics = table.accs[g].result(overall_count, table.flows);
        if (customers_ || roster_) {
          const detail::GroupScope scope = scope_of(table, table.keys[g]);
          if (customers_) group.metrics.customers = detail::customer_figures(*customers_, scope, period_.as_of);
          if (roster_) group.metrics.attrition = detail::attrition_figures(*roster_, scope, period_.as_of);
        }
        report.groups.push_back(std::move(group));
      }
    }
    if (customers_) {
      report.adoption = detail::adoption_rows(*customers_, data_, period_);
      report.cohorts = customers_->cohorts(zone_, period_.from, period_.to, period_.as_of);
    }
    report.staffing = detail::staffing_plan(data_, spec_.config, zone_, period_);
    report.targets = detail::evaluate_targets(report, spec_.config.targets);
    return report;
  }

  const Dataset& data_;
  const ReportSpec& spec_;
  ReportPeriod period_;
  ZoneBuckets zone_;
  std::int64_t from_;
  std::int64_t to_;
  std::int64_t as_of_;
  FactsBuilder facts_;
  std::optional<CustomerLifecycle> customers_;
  std::optional<Roster> roster_;
  bool productivity_ = false;
  FcrConfig fcr_config_{};
  std::vector<Table> tables_;
  std::array<bool, 7> used_buckets_{};
  std::array<std::vector<std::int64_t>, dimension_count> ranks_;
};

}  // namespace

ReportPeriod resolve_period(const Dataset& data, const ReportSpec& spec) {
  const ZoneBuckets zone(spec.time_zone);  // validates the zone name
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  const auto see = [&](const std::vector<std::int64_t>& column) {
    for (const std::int64_t t : column) {
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
  };
  if (!spec.from || !spec.to) {
    see(data.interactions().created_ms);
    see(data.surveys().responded_ms);
    see(data.customer_events().at_ms);
    see(data.agent_events().at_ms);
  }
  if (lo > hi) lo = hi = 0;  // no records: an empty first second of the epoch
  ReportPeriod period;
  period.from = spec.from.value_or(from_millis(lo));
  period.to = spec.to.value_or(from_millis(hi + 1000));
  period.as_of = spec.as_of.value_or(period.to);
  period.time_zone = zone.zone_name();
  period.attribution = spec.config.attribution;
  if (!(period.from < period.to)) {
    throw Error(ErrorCode::invalid_argument, "the period is empty: from " + format_instant(period.from) +
                                                 " is not before to " + format_instant(period.to));
  }
  return period;
}

Report compute_report(const Dataset& data, const ReportSpec& spec) {
  return Engine(data, spec, resolve_period(data, spec)).run();
}

}  // namespace cskpi
