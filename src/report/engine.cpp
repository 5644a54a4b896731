#include "cskpi/report/engine.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "cskpi/error.hpp"
#include "report/group_key.hpp"

namespace cskpi {
namespace {

using detail::GroupKey;
using detail::GroupKeyHash;

constexpr std::int64_t null_label = -1;

/// All accumulators of one group.
struct GroupAcc {
  GroupAcc(const MetricConfig& config, const FcrConfig& fcr_config)
      : csat(config.csat), ces(config.ces), fcr(fcr_config), queue(config.queue) {}
  VolumeAccumulator volume;
  NpsAccumulator nps;
  NpsAccumulator enps;
  CsatAccumulator csat;
  CesAccumulator ces;
  DurationAccumulator first_response;
  DurationAccumulator resolution;
  DurationAccumulator handle;
  FcrAccumulator fcr;
  ReopenAccumulator reopen;
  ComplaintAccumulator complaint;
  SelfServiceAccumulator self_service;
  QueueAccumulator queue;
  CostAccumulator cost;
};

/// The groups of one grouping, in first-seen order until sorted for output.
struct Table {
  Grouping by;
  bool flows = true;  // false with hour_of_week: resolved / net change / backlog undefined
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> index;
  std::vector<GroupKey> keys;
  std::vector<GroupAcc> accs;
};

/// Bucket keys of one instant, computed once per record for the buckets in use.
using BucketKeys = std::array<std::int64_t, 7>;

std::size_t bucket_index(TimeBucket b) noexcept { return static_cast<std::size_t>(b); }

/// What one interaction contributes to the groups it is attributed to.
struct InteractionFacts {
  std::int64_t first_response_ms = no_value;  // duration, no_value = none by as_of
  std::int64_t resolution_ms = no_value;      // duration, no_value = open at as_of
  bool resolved = false;
  bool reopened = false;
  bool self_service = false;
  bool complaint = false;
  std::optional<bool> first_contact;  // nullopt: not an FCR case
};

class Engine {
 public:
  Engine(const Dataset& data, const ReportSpec& spec, ReportPeriod period)
      : data_(data), spec_(spec), period_(std::move(period)), zone_(period_.time_zone),
        from_(to_millis(period_.from)), to_(to_millis(period_.to)), as_of_(to_millis(period_.as_of)) {
    fcr_config_.method = spec.config.fcr_method.value_or(default_fcr_method());
    fcr_config_.window = spec.config.fcr_window;
    tables_.push_back(make_table({}));
    for (const auto& grouping : spec.groupings) tables_.push_back(make_table(grouping));
    for (const auto& table : tables_) {
      for (const auto& part : table.by) {
        if (const auto* b = std::get_if<TimeBucket>(&part)) used_buckets_[bucket_index(*b)] = true;
      }
    }
    const auto& ss = data.dictionary(Dimension::channel).find("self_service");
    self_service_code_ = ss ? *ss : no_code;
    const auto& complaint = data.dictionary(Dimension::kind).find("complaint");
    complaint_code_ = complaint ? *complaint : no_code;
  }

  Report run() {
    // The overall group exists even when the period holds nothing.
    slot(tables_.front(), GroupKey{});
    scan_interactions();
    scan_surveys();
    scan_resolutions();
    for (auto& table : tables_) {
      if (table.flows) count_backlog(table);
    }
    return assemble();
  }

 private:
  FcrMethod default_fcr_method() const {
    const auto& contacts = data_.interactions().contacts;
    const bool any = std::any_of(contacts.begin(), contacts.end(), [](std::int64_t c) { return c != no_value; });
    return any ? FcrMethod::contacts : FcrMethod::repeat_window;
  }

  static Table make_table(const Grouping& by) {
    Table t;
    t.by = by;
    t.flows = std::none_of(by.begin(), by.end(), [](const GroupPart& p) {
      const auto* b = std::get_if<TimeBucket>(&p);
      return b && *b == TimeBucket::hour_of_week;
    });
    return t;
  }

  GroupAcc& slot(Table& table, const GroupKey& key) {
    const auto [it, inserted] = table.index.try_emplace(key, static_cast<std::uint32_t>(table.keys.size()));
    if (inserted) {
      table.keys.push_back(key);
      table.accs.emplace_back(spec_.config, fcr_config_);
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

  std::vector<std::uint8_t> repeat_flags() const {
    const auto& c = data_.interactions();
    const std::size_t n = c.size();
    // Contacts created after as_of have not happened yet: leave them out of the look-ahead.
    std::vector<std::uint32_t> rows;
    std::vector<std::uint32_t> customer;
    std::vector<std::uint32_t> topic;
    std::vector<std::int64_t> created;
    for (std::size_t r = 0; r < n; ++r) {
      if (c.created_ms[r] > as_of_) continue;
      rows.push_back(static_cast<std::uint32_t>(r));
      customer.push_back(c.customer[r]);
      topic.push_back(c.dim[index_of(Dimension::topic)][r]);
      created.push_back(c.created_ms[r]);
    }
    const auto subset = repeat_contacts(customer, topic, created, fcr_config_.window);
    std::vector<std::uint8_t> flags(n, 0);
    for (std::size_t i = 0; i < rows.size(); ++i) flags[rows[i]] = subset[i];
    return flags;
  }

  InteractionFacts facts(std::size_t r, const std::vector<std::uint8_t>& repeats) const {
    const auto& c = data_.interactions();
    InteractionFacts f;
    const std::int64_t created = c.created_ms[r];
    if (c.first_response_ms[r] != no_instant && c.first_response_ms[r] <= as_of_) {
      f.first_response_ms = c.first_response_ms[r] - created;
    }
    f.resolved = c.resolved_ms[r] != no_instant && c.resolved_ms[r] <= as_of_;
    if (f.resolved) f.resolution_ms = c.resolved_ms[r] - created;
    f.reopened = c.reopened[r] != no_value && c.reopened[r] >= 1;
    const std::uint32_t channel = c.dim[index_of(Dimension::channel)][r];
    f.self_service = channel == self_service_code_ && self_service_code_ != no_code;
    f.complaint = complaint_code_ != no_code && c.dim[index_of(Dimension::kind)][r] == complaint_code_;
    if (f.resolved && !f.self_service) {
      if (fcr_config_.method == FcrMethod::contacts) {
        if (c.contacts[r] != no_value) f.first_contact = c.contacts[r] == 1 && !f.reopened;
      } else {
        f.first_contact = !f.reopened && repeats[r] == 0;
      }
    }
    return f;
  }

  void add_interaction(GroupAcc& acc, std::size_t r, const InteractionFacts& f) const {
    const auto& c = data_.interactions();
    acc.volume.add_created();
    if (f.first_response_ms != no_value) acc.first_response.add(Milliseconds{f.first_response_ms});
    if (f.resolved) {
      acc.resolution.add(Milliseconds{f.resolution_ms});
      acc.reopen.add(f.reopened);
      acc.self_service.add(f.self_service);
    }
    if (f.first_contact) acc.fcr.add(*f.first_contact);
    acc.complaint.add(f.complaint);
    if (c.handle_ms[r] != no_value) acc.handle.add(Milliseconds{c.handle_ms[r]});
    if (c.wait_ms[r] != no_value) acc.queue.add(Milliseconds{c.wait_ms[r]}, c.abandoned[r] != 0);
    if (!std::isnan(c.cost[r])) acc.cost.add(c.cost[r]);
  }

  void scan_interactions() {
    const auto& c = data_.interactions();
    std::vector<std::uint8_t> repeats;
    if (fcr_config_.method == FcrMethod::repeat_window) repeats = repeat_flags();
    BucketKeys buckets{};
    for (std::size_t r = 0; r < c.size(); ++r) {
      const std::int64_t t = c.created_ms[r];
      if (!in_period(t)) continue;
      fill_buckets(t, buckets);
      const InteractionFacts f = facts(r, repeats);
      const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
      for (auto& table : tables_) add_interaction(slot(table, key_of(table, dim_of, buckets)), r, f);
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
        GroupAcc& acc = slot(table, key_of(table, dim_of, buckets));
        const int score = s.score[i];
        switch (s.kind[i]) {
          case SurveyKind::nps: acc.nps.add(score); break;
          case SurveyKind::enps: acc.enps.add(score); break;
          case SurveyKind::csat: acc.csat.add(score); break;
          case SurveyKind::ces: acc.ces.add(score); break;
        }
      }
    }
  }

  /// `resolved` counts every interaction of the group's labels resolved in the period
  /// (time buckets: in the bucket of its resolution), whenever it was created.
  void scan_resolutions() {
    const auto& c = data_.interactions();
    BucketKeys buckets{};
    for (std::size_t r = 0; r < c.size(); ++r) {
      const std::int64_t t = c.resolved_ms[r];
      if (t == no_instant || !in_period(t)) continue;
      fill_buckets(t, buckets);
      const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
      for (auto& table : tables_) {
        if (table.flows) slot(table, key_of(table, dim_of, buckets)).volume.add_resolved();
      }
    }
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
      const auto hi = c.resolved_ms[r] == no_instant
                          ? snaps.instants.end()
                          : std::lower_bound(snaps.instants.begin(), snaps.instants.end(), c.resolved_ms[r]);
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
      table.accs[g].volume.add_backlog(
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

  GroupMetrics metrics(const GroupAcc& acc, bool flows, std::uint64_t overall_count) const {
    GroupMetrics m;
    m.volume = acc.volume.result(overall_count, flows);
    m.nps = acc.nps.result();
    m.enps = acc.enps.result();
    m.csat = acc.csat.result();
    m.ces = acc.ces.result();
    m.first_response = acc.first_response.result();
    m.resolution = acc.resolution.result();
    m.handle = acc.handle.result();
    m.fcr = acc.fcr.result();
    m.reopen = acc.reopen.result();
    m.complaint = acc.complaint.result();
    m.self_service = acc.self_service.result();
    m.queue = acc.queue.result();
    m.cost = acc.cost.result();
    return m;
  }

  Report assemble() {
    Report report;
    report.period = period_;
    const std::uint64_t overall_count = tables_.front().accs.front().volume.count();
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
        group.metrics = metrics(table.accs[g], table.flows, overall_count);
        report.groups.push_back(std::move(group));
      }
    }
    return report;
  }

  const Dataset& data_;
  const ReportSpec& spec_;
  ReportPeriod period_;
  ZoneBuckets zone_;
  std::int64_t from_;
  std::int64_t to_;
  std::int64_t as_of_;
  FcrConfig fcr_config_{};
  std::vector<Table> tables_;
  std::array<bool, 7> used_buckets_{};
  std::array<std::vector<std::int64_t>, dimension_count> ranks_;
  std::uint32_t self_service_code_ = no_code;
  std::uint32_t complaint_code_ = no_code;
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
