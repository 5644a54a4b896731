#include "report/slice_scan.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "cskpi/error.hpp"
#include "report/backlog.hpp"
#include "report/group_key.hpp"
#include "report/group_table.hpp"
#include "report/key_codec.hpp"
#include "report/partial_state.hpp"

namespace cskpi::detail {
namespace {

bool labels_within(const Grouping& by, std::initializer_list<Dimension> allowed, bool custom) {
  return std::all_of(by.begin(), by.end(), [&](const GroupPart& p) {
    if (std::holds_alternative<CustomDimension>(p)) return custom;
    const auto* d = std::get_if<Dimension>(&p);
    return !d || std::find(allowed.begin(), allowed.end(), *d) != allowed.end();
  });
}

class SliceScan {
 public:
  SliceScan(const EngineContext& c, const DataSlice& slice)
      : c_(c), zone_(c.zone), facts_(c.facts), slice_(slice) {
    for (std::size_t t = 0; t < c_.tables.size(); ++t) {
      tables_.emplace_back(c_.tables[t], empty_group(!c_.sample_source[t]));
    }
    if (c_.cells) cells_.emplace(c_.cells->spec, empty_group(true));
  }

  std::unique_ptr<PartialReport::State> run() {
    tables_.front().slot(GroupKey{});  // the overall group exists even when the period holds nothing
    const auto& ic = c_.data.interactions();
    const std::size_t i_end = std::min(slice_.interactions.end, ic.size());
    const std::size_t i_begin = std::min(slice_.interactions.begin, i_end);
    scan_interactions(i_begin, i_end);
    scan_surveys();
    scan_resolutions(i_begin, i_end);
    if (cells_) roll_up();
    if (slice_.customer_events) scan_customer_events();
    if (slice_.agent_events) scan_agent_events();
    for (auto& table : tables_) {
      if (table.spec().flows) count_backlog(table, i_begin, i_end);
    }
    return to_state();
  }

 private:
  /// A group before its first record: whether it keeps its duration samples (see sample_source).
  GroupAccumulators empty_group(bool keep_samples) const {
    return {c_.spec.config, c_.fcr, facts_.has_business_calendar(), facts_.has_sla(), c_.productivity, keep_samples};
  }

  /// f(group) for the group of a record in every table (`flows_only`: in the tables with
  /// flows), or once for its cell when the scan feeds cells.
  template <class DimOf, class CustomOf, class F>
  void for_each_group(const DimOf& dim_of, const CustomOf& custom_of, const BucketKeys& buckets, bool flows_only,
                      F&& f) {
    if (cells_) {  // every table has flows (CellPlan)
      f(cells_->slot_of(dim_of, custom_of, buckets));
      return;
    }
    for (auto& table : tables_) {
      if (!flows_only || table.spec().flows) f(table.slot_of(dim_of, custom_of, buckets));
    }
  }

  /// Each cell merged into its group of every table, which counts its duration samples without
  /// keeping them (GroupAccumulators::merge); the cells keep them, for every table
  /// (PartialReport::State::cells), and drop their agent-days, which the tables have.
  void roll_up() {
    GroupTable& cells = *cells_;
    for (std::size_t g = 0; g < cells.size(); ++g) {
      for (std::size_t t = 0; t < tables_.size(); ++t) {
        GroupTable& table = tables_[t];
        GroupKey& key = table.scratch();
        key.clear();
        for (const std::size_t p : c_.cells->positions[t]) key.push(cells.key(g)[p]);
        table.slot(key).merge(cells.accumulators(g));
      }
      cells.accumulators(g).agent_days() = ProductivityAccumulator{};
    }
  }

  bool in_period(std::int64_t t) const noexcept { return t >= c_.from && t < c_.to && t <= c_.as_of; }

  void fill_buckets(std::int64_t t, BucketKeys& keys) {
    for (std::size_t b = 0; b < keys.size(); ++b) {
      if (c_.used_buckets[b]) keys[b] = zone_.key(static_cast<TimeBucket>(b), from_millis(t));
    }
  }

  /// Each interaction feeds three parts: the created part (volume, complaints, handle,
  /// queue, cost, SLA, next replies, state durations), the first-response part and the
  /// resolution part (resolution, FCR, reopen, self-service). With created attribution all
  /// three go by created_at; with event attribution the last two go by their own instants.
  void scan_interactions(std::size_t begin, std::size_t end) {
    const auto& c = c_.data.interactions();
    const bool by_event = c_.spec.config.attribution == Attribution::event;
    InteractionFacts f;
    BucketKeys created_buckets{};
    BucketKeys event_buckets{};
    for (std::size_t r = begin; r < end; ++r) {
      const std::int64_t created = c.created_ms[r];
      const bool created_in = in_period(created);
      if (!by_event && !created_in) continue;
      const std::int64_t resolved = facts_.resolved_at(r);
      if (by_event && !created_in && !in_period(resolved) && !in_period(c.first_response_ms[r]) &&
          c_.data.events_of(r).empty()) {
        continue;  // nothing of it can be in the period (a history may give a first response)
      }
      facts_.build(r, f);
      const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
      const auto custom_of = [&](std::size_t k) { return c.custom[k][r]; };
      if (created_in) {
        fill_buckets(created, created_buckets);
        count_staffing(r, created);
      }
      const std::uint32_t agent = dim_of(Dimension::agent);
      const bool day = c_.productivity && created_in && agent != no_code;
      const std::int64_t created_day = day ? zone_.local_day(from_millis(created)) : 0;
      if (created_in) {
        for_each_group(dim_of, custom_of, created_buckets, false, [&](GroupAccumulators& acc) {
          acc.add_created(r, c, f);
          if (day) acc.add_agent_day(agent, created_day);
          if (!by_event) {
            acc.add_first_response(f);
            acc.add_resolution(f);
          }
        });
      }
      if (!by_event) continue;
      if (f.first_response_at != no_instant && in_period(f.first_response_at)) {
        fill_buckets(f.first_response_at, event_buckets);
        for_each_group(dim_of, custom_of, event_buckets, false,
                       [&](GroupAccumulators& acc) { acc.add_first_response(f); });
      }
      if (f.resolved && in_period(f.resolved_at)) {
        fill_buckets(f.resolved_at, event_buckets);
        for_each_group(dim_of, custom_of, event_buckets, false, [&](GroupAccumulators& acc) { acc.add_resolution(f); });
      }
    }
  }

  void count_staffing(std::size_t r, std::int64_t created) {
    const auto& c = c_.data.interactions();
    if (c_.phone == no_code || c.dim[index_of(Dimension::channel)][r] != c_.phone) return;
    const auto hour = static_cast<std::size_t>(zone_.key(TimeBucket::hour_of_week, from_millis(created)));
    staffing_.add(hour, c.handle_ms[r]);
  }

  void scan_surveys() {
    const auto& s = c_.data.surveys();
    if (s.linked != s.size()) {
      throw Error(ErrorCode::invalid_argument, "compute_report: call Dataset::link() after the last add");
    }
    const std::size_t end = std::min(slice_.surveys.end, s.size());
    BucketKeys buckets{};
    for (std::size_t i = std::min(slice_.surveys.begin, end); i < end; ++i) {
      const std::int64_t t = s.responded_ms[i];
      if (!in_period(t)) continue;
      fill_buckets(t, buckets);
      const auto dim_of = [&](Dimension d) { return s.effective_dim[index_of(d)][i]; };
      const auto custom_of = [&](std::size_t k) { return s.effective_custom[k][i]; };
      for_each_group(dim_of, custom_of, buckets, false,
                     [&](GroupAccumulators& acc) { acc.add_survey(s.kind[i], s.score[i]); });
    }
  }

  /// `resolved` counts every interaction of the group's labels resolved in the period
  /// (time buckets: in the bucket of its resolution), whenever it was created.
  void scan_resolutions(std::size_t begin, std::size_t end) {
    const auto& c = c_.data.interactions();
    BucketKeys buckets{};
    for (std::size_t r = begin; r < end; ++r) {
      scan_abandonment(r, buckets);
      const std::int64_t t = facts_.resolved_at(r);
      if (t == no_instant || !in_period(t)) continue;
      fill_buckets(t, buckets);
      const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
      const auto custom_of = [&](std::size_t k) { return c.custom[k][r]; };
      const std::uint32_t agent = dim_of(Dimension::agent);
      const bool day = c_.productivity && agent != no_code;
      const std::int64_t resolved_day = day ? zone_.local_day(from_millis(t)) : 0;
      // Only tables with flows: hour_of_week groups have no resolved figures.
      for_each_group(dim_of, custom_of, buckets, true, [&](GroupAccumulators& acc) {
        acc.add_resolved_count(agent != no_code);
        if (day) acc.add_agent_day(agent, resolved_day);
      });
    }
  }

  /// `abandoned` counts, like `resolved`, by the abandonment instant (SPEC v3 §3).
  void scan_abandonment(std::size_t r, BucketKeys& buckets) {
    const std::int64_t t = facts_.abandoned_at(r);
    if (t == no_instant || !in_period(t)) return;
    fill_buckets(t, buckets);
    const auto& c = c_.data.interactions();
    const auto dim_of = [&](Dimension d) { return c.dim[index_of(d)][r]; };
    const auto custom_of = [&](std::size_t k) { return c.custom[k][r]; };
    for_each_group(dim_of, custom_of, buckets, true, [](GroupAccumulators& acc) { acc.add_abandoned_count(); });
  }

  /// Customer events make groups in groupings by product, custom dimensions (the customer's
  /// value at the event) and time buckets; their figures come from the lifecycle, per window.
  void scan_customer_events() {
    const auto& ce = c_.data.customer_events();
    BucketKeys buckets{};
    for (std::size_t i = 0; i < ce.size(); ++i) {
      if (!in_period(ce.at_ms[i])) continue;
      fill_buckets(ce.at_ms[i], buckets);
      const auto dim_of = [&](Dimension d) { return d == Dimension::product ? ce.product[i] : no_code; };
      const auto custom_of = [&](std::size_t k) { return c_.customer_custom[k][i]; };
      for (auto& table : tables_) {
        if (table.spec().customer_keys) table.slot_of(dim_of, custom_of, buckets);
      }
    }
  }

  /// Agent events make groups in groupings by agent, team, department and time buckets.
  void scan_agent_events() {
    const auto& ae = c_.data.agent_events();
    BucketKeys buckets{};
    for (std::size_t i = 0; i < ae.size(); ++i) {
      if (!in_period(ae.at_ms[i])) continue;
      fill_buckets(ae.at_ms[i], buckets);
      const auto dim_of = [&](Dimension d) {
        if (d == Dimension::agent) return ae.agent[i];
        return d == Dimension::team ? ae.team[i] : d == Dimension::department ? ae.department[i] : no_code;
      };
      const auto no_custom = [](std::size_t) { return no_code; };  // agent_keys groupings have none
      for (auto& table : tables_) {
        if (table.spec().agent_keys) table.slot_of(dim_of, no_custom, buckets);
      }
    }
  }

  /// Every interaction of the slice against every snapshot of the grouping (SPEC §3 backlog).
  void count_backlog(GroupTable& table, std::size_t begin, std::size_t end) {
    const auto& c = c_.data.interactions();
    const TableSpec& spec = table.spec();
    const auto& snaps = spec.snapshots;
    const std::size_t n = snaps.size();
    // lo: the first snapshot after the creation. Rows come mostly in creation order, so the
    // interval [snaps[lo − 1], snaps[lo]) of the last row usually holds the next one too.
    std::size_t lo = 0;
    for (std::size_t r = begin; r < end; ++r) {
      const std::int64_t created = c.created_ms[r];
      if ((lo > 0 && created < snaps[lo - 1]) || (lo < n && created >= snaps[lo])) {
        lo = static_cast<std::size_t>(std::upper_bound(snaps.begin(), snaps.end(), created) - snaps.begin());
      }
      if (lo == n) continue;  // no snapshot after its creation
      // Over at its resolution, or at its abandonment (SPEC v3 §3): most are over before the
      // next snapshot, and so in no backlog.
      const std::int64_t resolved = facts_.resolved_at(r);
      const std::int64_t over = resolved != no_instant ? resolved : facts_.abandoned_at(r);
      if (over != no_instant && over <= snaps[lo]) continue;
      const auto hi = over == no_instant ? snaps.end()
                                         : std::lower_bound(snaps.begin() + static_cast<std::ptrdiff_t>(lo), snaps.end(), over);
      GroupKey& labels = table.scratch();
      labels.clear();
      for (const std::size_t p : spec.label_parts) {
        const auto* d = std::get_if<Dimension>(&spec.by[p]);
        const std::uint32_t code = d ? c.dim[index_of(*d)][r] : c.custom[spec.custom_index[p]][r];
        labels.push(code == no_code ? null_label : static_cast<std::int64_t>(code));
      }
      auto& backlog = table.backlog();
      auto it = backlog.find(labels);
      if (it == backlog.end()) it = backlog.emplace(labels, BacklogDiff(snaps.size())).first;
      it->second.add(static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(hi - snaps.begin()));
    }
  }

  /// Encodes a scan key: labels from the data set's dictionaries, buckets as they are.
  std::string encode(const TableSpec& spec, const GroupKey& key, bool labels_only) const {
    KeyWriter w;
    std::size_t k = 0;
    for (std::size_t p = 0; p < spec.by.size(); ++p) {
      const bool time = is_time(spec.by[p]);
      if (time && labels_only) continue;
      const std::int64_t v = key[k++];
      if (time) {
        w.bucket(v);
      } else if (v == null_label) {
        w.null_label();
      } else {
        const auto* d = std::get_if<Dimension>(&spec.by[p]);
        const Dictionary& labels = d ? c_.data.dictionary(*d) : c_.data.custom_dictionary(spec.custom_index[p]);
        w.label(std::string_view{labels.value(static_cast<std::uint32_t>(v))});
      }
    }
    return w.bytes();
  }

  std::unique_ptr<PartialReport::State> to_state();
  void add_customer_state(PartialReport::State& state) const;
  void add_roster_state(PartialReport::State& state) const;

  const EngineContext& c_;
  ZoneBuckets zone_;
  FactsBuilder facts_;
  DataSlice slice_;
  std::vector<GroupTable> tables_;
  /// The cells (EngineContext::cells): the scans feed them, then, rolled up, they keep the
  /// duration samples for the state. The scans after the roll-up feed the tables directly.
  std::optional<GroupTable> cells_;
  StaffingCounts staffing_;
};

std::unique_ptr<PartialReport::State> SliceScan::to_state() {
  auto state = std::make_unique<PartialReport::State>();
  state->period = c_.period;
  for (const TableSpec& spec : c_.tables) state->groupings.push_back(spec.by);
  state->config = c_.spec.config;
  state->fcr = c_.fcr;
  state->has_events = c_.data.has_events();
  state->productivity = c_.productivity;
  state->business = facts_.has_business_calendar();
  state->sla = facts_.has_sla();
  state->agents = c_.agents;
  state->staffing = staffing_;
  state->tables.resize(tables_.size());
  state->sample_source = c_.sample_source;
  for (std::size_t t = 0; t < tables_.size(); ++t) {
    GroupTable& table = tables_[t];
    PartialTable& out = state->tables[t];
    for (std::size_t g = 0; g < table.size(); ++g) {
      table.accumulators(g).agent_days().compact();
      out.groups.emplace(encode(table.spec(), table.key(g), false), std::move(table.accumulators(g)));
    }
    for (auto& [labels, diff] : table.backlog()) {
      out.backlog.emplace(encode(table.spec(), labels, true), std::move(diff));
    }
  }
  if (cells_) {
    GroupTable& rolled = *cells_;
    SampleCells& cells = state->cells.emplace();
    cells.by = c_.cells->spec.by;
    for (std::size_t g = 0; g < rolled.size(); ++g) {
      cells.table.groups.emplace(encode(rolled.spec(), rolled.key(g), false), std::move(rolled.accumulators(g)));
    }
    cells_.reset();
  }
  if (slice_.customer_events && c_.customers) add_customer_state(*state);
  if (slice_.agent_events) add_roster_state(*state);
  return state;
}

void SliceScan::add_customer_state(PartialReport::State& state) const {
  const CustomerLifecycle& lifecycle = *c_.customers;
  const Dictionary& products = c_.data.dictionary(Dimension::product);
  state.has_customer_events = true;
  const auto product_key = [&](std::uint32_t code) {
    KeyWriter w;
    if (code == no_code) {
      w.null_label();
    } else {
      w.label(std::string_view{products.value(code)});
    }
    return w.bytes();
  };
  const TimePoint as_of = c_.period.as_of;
  for (std::size_t t = 0; t < c_.tables.size(); ++t) {
    const TableSpec& spec = c_.tables[t];
    if (!spec.customer_keys) continue;
    // The view key: the label parts in grouping order (product of the view, custom values of the group).
    bool by_product = false;
    std::vector<const std::vector<std::uint32_t>*> custom_columns;
    for (const std::size_t p : spec.label_parts) {
      if (std::holds_alternative<CustomDimension>(spec.by[p])) {
        custom_columns.push_back(&c_.customer_custom[spec.custom_index[p]]);
      } else {
        by_product = true;
      }
    }
    const auto add_views = [&](std::optional<std::uint32_t> product) {
      for (auto& g : lifecycle.grouped_window_counts(spec.windows, as_of, product, custom_columns)) {
        KeyWriter w;
        std::size_t j = 0;
        for (const std::size_t p : spec.label_parts) {
          if (!std::holds_alternative<CustomDimension>(spec.by[p])) {
            if (product && *product != no_code) {
              w.label(std::string_view{products.value(*product)});
            } else {
              w.null_label();
            }
            continue;
          }
          const std::uint32_t code = g.key[j++];
          if (code == no_code) {
            w.null_label();
          } else {
            w.label(std::string_view{c_.data.custom_dictionary(spec.custom_index[p]).value(code)});
          }
        }
        state.tables[t].customers.emplace(w.bytes(), std::move(g.windows));
      }
    };
    if (!by_product) {
      add_views(std::nullopt);
      continue;
    }
    for (const std::uint32_t code : lifecycle.products()) add_views(code);
  }
  for (const AdoptionResult& a : lifecycle.adoption(products, c_.period.from, c_.period.to, as_of)) {
    state.adoption[product_key(a.product)] = AdoptionCounts{a.purchasers, a.adopters};
  }
  for (const CohortRow& row : lifecycle.cohorts(zone_, c_.period.from, c_.period.to, as_of)) {
    state.cohorts[row.month] = CohortCounts{row.cohort, row.size, row.active};
  }
}

void SliceScan::add_roster_state(PartialReport::State& state) const {
  const auto& ae = c_.data.agent_events();
  const auto label = [&](Dimension d, std::uint32_t code) -> std::optional<std::string> {
    if (code == no_code) return std::nullopt;
    return std::string{c_.data.dictionary(d).value(code)};
  };
  state.roster.reserve(ae.size());
  for (std::size_t i = 0; i < ae.size(); ++i) {
    state.roster.push_back(RosterEvent{std::string{c_.data.dictionary(Dimension::agent).value(ae.agent[i])}, ae.type[i], ae.at_ms[i],
                                       label(Dimension::team, ae.team[i]),
                                       label(Dimension::department, ae.department[i])});
  }
}

}  // namespace

std::vector<TimePoint> customer_windows(const Grouping& by, const ZoneBuckets& zone, const ReportPeriod& period) {
  std::vector<TimePoint> out{period.from, period.to};
  for (const GroupPart& part : by) {
    const auto* b = std::get_if<TimeBucket>(&part);
    if (b == nullptr || *b == TimeBucket::hour_of_week) continue;
    for (const std::int64_t end : bucket_ends(*b, zone, to_millis(period.from), to_millis(period.to))) {
      if (end < to_millis(period.to)) out.push_back(from_millis(end));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

/// Fills the dense group index of a grouping (TableSpec::dense_parts), or leaves it empty when
/// its parts' ranges multiply past 2^18 places. Label parts range over the dictionary's codes
/// and no_code; bucket parts over the keys of the period's instants (hour of week: 0–167).
void set_dense_index(TableSpec& spec, const Dataset& data, const ZoneBuckets& zone, std::int64_t from,
                     std::int64_t to) {
  constexpr std::uint64_t max_places = std::uint64_t{1} << 18;  // 4 bytes each, per grouping and thread
  if (from >= to) return;
  std::vector<DensePart> parts;
  std::uint64_t places = 1;
  for (std::size_t p = spec.by.size(); p-- > 0;) {
    DensePart part{p, -1, 0, places};
    if (const auto* b = std::get_if<TimeBucket>(&spec.by[p])) {
      part.low = *b == TimeBucket::hour_of_week ? 0 : zone.key(*b, from_millis(from));
      const std::int64_t high = *b == TimeBucket::hour_of_week ? 167 : zone.key(*b, from_millis(to - 1));
      part.count = static_cast<std::uint64_t>(high - part.low) + 1;
    } else {
      const auto* d = std::get_if<Dimension>(&spec.by[p]);
      part.count = (d ? data.dictionary(*d) : data.custom_dictionary(spec.custom_index[p])).size() + 1;
    }
    if (part.count > max_places / places) return;
    places *= part.count;
    parts.push_back(part);
  }
  spec.dense_parts = std::move(parts);
  spec.dense_places = places;
}

/// The cell plan of a report (CellPlan), or nothing when its tables are better fed directly.
std::optional<CellPlan> plan_cells(const std::vector<TableSpec>& tables, const Dataset& data, const ZoneBuckets& zone,
                                   std::int64_t from, std::int64_t to) {
  constexpr std::uint64_t few_places = 4096;  // a roll-up of so many cells costs nothing worth counting
  if (tables.size() < 2) return std::nullopt;
  if (!std::all_of(tables.begin(), tables.end(), [](const TableSpec& t) { return t.flows; })) return std::nullopt;
  CellPlan plan;
  plan.positions.resize(tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const TableSpec& table = tables[t];
    for (std::size_t p = 0; p < table.by.size(); ++p) {
      const auto at = std::find(plan.spec.by.begin(), plan.spec.by.end(), table.by[p]);
      plan.positions[t].push_back(static_cast<std::size_t>(at - plan.spec.by.begin()));
      if (at != plan.spec.by.end()) continue;
      plan.spec.by.push_back(table.by[p]);
      plan.spec.custom_index.push_back(table.custom_index[p]);
    }
  }
  set_dense_index(plan.spec, data, zone, from, to);
  const std::uint64_t records = data.interactions().size() + data.surveys().size();
  const std::uint64_t places = plan.spec.dense_places;
  if (places == 0 || (places > few_places && places > records / 4)) return std::nullopt;
  return plan;
}

}  // namespace

TableSpec make_table_spec(const Grouping& by, const ZoneBuckets& zone, const ReportPeriod& period) {
  TableSpec t;
  t.by = by;
  t.flows = std::none_of(by.begin(), by.end(), [](const GroupPart& p) {
    const auto* b = std::get_if<TimeBucket>(&p);
    return b && *b == TimeBucket::hour_of_week;
  });
  t.customer_keys = t.flows && labels_within(by, {Dimension::product}, true);
  t.agent_keys = t.flows && labels_within(by, {Dimension::agent, Dimension::team, Dimension::department}, false);
  for (std::size_t p = 0; p < by.size(); ++p) {
    if (!is_time(by[p])) t.label_parts.push_back(p);
  }
  if (t.flows) {
    t.snapshots = backlog_snapshots(by, zone, to_millis(period.from), to_millis(period.to), to_millis(period.as_of));
  }
  if (t.customer_keys) t.windows = customer_windows(by, zone, period);
  return t;
}

EngineContext::EngineContext(const Dataset& d, const ReportSpec& s, ReportPeriod p)
    : data(d), spec(s), period(std::move(p)), zone(period.time_zone), from(to_millis(period.from)),
      to(to_millis(period.to)), as_of(to_millis(period.as_of)), facts(d, s.config, as_of) {
  if (d.customer_events().size() > 0) customers = CustomerLifecycle(d.customer_events());
  productivity = d.interactions().dim[index_of(Dimension::agent)].stored();  // some interaction has an agent
  fcr.method = facts.fcr_method();
  fcr.window = s.config.fcr_window;
  tables.push_back(make_table_spec({}, zone, period));
  for (const auto& grouping : s.groupings) tables.push_back(make_table_spec(grouping, zone, period));
  for (auto& table : tables) {
    table.custom_index.assign(table.by.size(), 0);
    for (std::size_t part = 0; part < table.by.size(); ++part) {
      const auto* custom = std::get_if<CustomDimension>(&table.by[part]);
      if (custom == nullptr) continue;
      const auto k = d.find_custom_dimension(custom->name);
      if (!k) {
        std::string known;
        for (const std::string& name : d.custom_dimensions()) known += (known.empty() ? "" : ", ") + name;
        throw Error(ErrorCode::invalid_argument, "the grouping " + to_string(table.by) + " names the custom dimension " +
                                                     custom->name + ", which the data set does not have (its custom "
                                                     "dimensions: " + (known.empty() ? "none" : known) + ")");
      }
      table.custom_index[part] = *k;
    }
  }
  if (customers) {
    for (const auto& codes : d.customer_events().custom) customer_custom.push_back(customers->carried(codes));
  }
  for (auto& table : tables) set_dense_index(table, d, zone, from, to);
  cells = plan_cells(tables, d, zone, from, to);
  std::vector<Grouping> groupings;
  for (const auto& table : tables) groupings.push_back(table.by);
  sample_source = cells ? SampleSources(tables.size(), cells_source) : choose_sample_sources(groupings);
  for (const auto& table : tables) {
    for (const auto& part : table.by) {
      if (const auto* b = std::get_if<TimeBucket>(&part)) used_buckets[bucket_index(*b)] = true;
    }
  }
  auto labels = std::make_shared<std::vector<std::string>>();
  const Dictionary& agent_dict = d.dictionary(Dimension::agent);
  labels->reserve(agent_dict.size());
  for (std::uint32_t code = 0; code < agent_dict.size(); ++code) labels->emplace_back(agent_dict.value(code));
  agents = std::move(labels);
  if (const auto code = d.dictionary(Dimension::channel).find("phone")) phone = *code;
}

namespace {

// The slice's records, counted as accepted: the data set holds only accepted records, and only
// the loader knows what it rejected (the CLI copies its counts over these).
std::array<InputCounts, record_type_count> slice_inputs(const Dataset& data, const DataSlice& slice) {
  const auto rows = [](const RowSpan& span, std::size_t size) {
    const std::size_t end = std::min(span.end, size);
    return span.begin < end ? end - span.begin : 0;
  };
  std::array<InputCounts, record_type_count> inputs{};
  const auto at = [&inputs](RecordType t) -> std::uint64_t& { return inputs[static_cast<std::size_t>(t)].accepted; };
  const std::size_t n = data.interactions().size();
  at(RecordType::interaction) = rows(slice.interactions, n);
  for (std::size_t r = slice.interactions.begin; r < std::min(slice.interactions.end, n); ++r) {
    at(RecordType::interaction_event) += data.events_of(r).size();
  }
  at(RecordType::survey) = rows(slice.surveys, data.surveys().size());
  if (slice.customer_events) at(RecordType::customer_event) = data.customer_events().size();
  if (slice.agent_events) at(RecordType::agent_event) = data.agent_events().size();
  return inputs;
}

}  // namespace

std::unique_ptr<PartialReport::State> scan_slice(const EngineContext& context, const DataSlice& slice) {
  std::unique_ptr<PartialReport::State> state = SliceScan(context, slice).run();
  state->inputs = slice_inputs(context.data, slice);
  return state;
}

}  // namespace cskpi::detail
