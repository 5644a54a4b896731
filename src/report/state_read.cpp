#include <map>
#include <memory>
#include <utility>

#include "cskpi/error.hpp"
#include "cskpi/report/state_file.hpp"
#include "report/key_codec.hpp"
#include "report/partial_state.hpp"
#include "report/previous_period.hpp"
#include "report/slice_scan.hpp"
#include "report/state_fields.hpp"
#include "report/state_read.hpp"

namespace cskpi {
namespace {

using detail::StateReader;
using State = PartialReport::State;

// ---- header ----

Grouping read_grouping(StateReader& r) {
  Grouping by(r.count());
  for (GroupPart& part : by) {
    switch (detail::read_enum<unsigned char>(r, 3, "an unknown kind of grouping part")) {
      case 0: part = detail::read_enum<Dimension>(r, dimension_count, "an unknown dimension"); break;
      case 1: part = detail::read_enum<TimeBucket>(r, time_bucket_count, "an unknown time bucket"); break;
      default: part = CustomDimension{std::string{r.bytes()}}; break;
    }
  }
  return by;
}

TimePoint read_instant(StateReader& r) {
  const std::int64_t ms = r.i64();
  if (ms < detail::min_state_instant_ms || ms > detail::max_state_instant_ms) {
    r.damaged("an instant outside the years 0001 to 9999");
  }
  return from_millis(ms);
}

void read_period(StateReader& r, ReportPeriod& p) {
  p.from = read_instant(r);
  p.to = read_instant(r);
  p.as_of = read_instant(r);
  if (!(p.from < p.to)) r.damaged("a period whose start is not before its end");
  p.time_zone = std::string{r.bytes()};
  p.attribution = detail::read_enum<Attribution>(r, 2, "an unknown attribution");
}

void read_header(StateReader& r, State& s) {
  read_period(r, s.period);
  s.groupings.resize(r.count());
  for (Grouping& by : s.groupings) by = read_grouping(r);
  if (s.groupings.empty() || !s.groupings.front().empty()) r.damaged("the overall group's grouping is missing");
  s.config = detail::read_config(r);
  if (s.config.attribution != s.period.attribution) r.damaged("two different attributions");
  s.fcr.method = detail::read_enum<FcrMethod>(r, 2, "an unknown FCR method");
  s.fcr.window = Milliseconds{r.i64()};
  s.business = detail::read_flag(r);
  s.sla = detail::read_flag(r);
}

CustomerCounts read_customer_counts(StateReader& r) {
  CustomerCounts c;
  for (std::uint64_t* v : {&c.start, &c.end, &c.new_customers, &c.lost, &c.renewals, &c.cancels, &c.revenue_customers}) {
    *v = r.u64();
  }
  for (std::int64_t* v : {&c.mrr_start_micros, &c.mrr_end_micros, &c.mrr_churned_micros, &c.mrr_contraction_micros,
                          &c.mrr_expansion_micros}) {
    *v = r.i64();
  }
  return c;
}

ZoneBuckets zone_of(StateReader& r, const ReportPeriod& period) {
  try {
    return ZoneBuckets(period.time_zone);
  } catch (const Error&) {
    r.damaged("an unknown time zone '" + period.time_zone + "'");
  }
}

// ---- keys ----

/// The key's parts, checked against the grouping: one per part of `by` (only its label parts
/// when `labels_only`), labels where labels are, buckets of the period where buckets are.
void check_key(StateReader& r, std::string_view key, const Grouping& by, bool labels_only, const ZoneBuckets& zone,
               const ReportPeriod& period) {
  std::vector<detail::KeyPart> parts;
  try {
    parts = detail::decode_key(key);
  } catch (const Error&) {
    r.damaged("a group key that is not one");
  }
  std::size_t k = 0;
  for (const GroupPart& part : by) {
    const auto* bucket = std::get_if<TimeBucket>(&part);
    if (bucket != nullptr && labels_only) continue;
    if (k == parts.size() || parts[k].is_bucket != (bucket != nullptr)) r.damaged("a group key that does not fit its grouping");
    if (bucket != nullptr) {
      const std::int64_t v = parts[k].bucket;
      const bool week_hour = *bucket == TimeBucket::hour_of_week;
      const std::int64_t lo = week_hour ? 0 : zone.key(*bucket, period.from);
      const std::int64_t hi = week_hour ? 167 : zone.key(*bucket, period.to);
      if (v < lo || v > hi) r.damaged("a group's time bucket outside the period");
    }
    ++k;
  }
  if (k != parts.size()) r.damaged("a group key that does not fit its grouping");
}

// ---- content ----

void read_groups(StateReader& r, const State& s, const Grouping& by, const ZoneBuckets& zone, PartialTable& t) {
  detail::FieldReader fields(r, s.agents->size());
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string key{r.bytes()};
    check_key(r, key, by, false, zone, s.period);
    detail::GroupAccumulators acc(s.config, s.fcr, s.business, s.sla, s.productivity);
    fields(acc);
    if (!t.groups.emplace(std::move(key), std::move(acc)).second) r.damaged("a group twice");
  }
}

void read_backlog(StateReader& r, const State& s, const detail::TableSpec& spec, const ZoneBuckets& zone,
                  PartialTable& t) {
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string key{r.bytes()};
    check_key(r, key, spec.by, true, zone, s.period);
    const std::uint64_t snapshots = r.u64();
    if (!spec.flows || snapshots != spec.snapshots.size()) r.damaged("a backlog with another number of snapshots");
    detail::BacklogDiff diff(spec.snapshots.size());
    for (std::size_t d = r.count(); d > 0; --d) {
      const std::uint64_t index = r.u64();
      if (index > snapshots) r.damaged("a backlog difference past the last snapshot");
      diff.add_difference(static_cast<std::uint32_t>(index), r.i64());
    }
    if (!t.backlog.emplace(std::move(key), std::move(diff)).second) r.damaged("a backlog twice");
  }
}

void read_customers(StateReader& r, PartialTable& t) {
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string view{r.bytes()};
    std::vector<CustomerCounts> windows(r.count());
    for (CustomerCounts& c : windows) c = read_customer_counts(r);
    if (!t.customers.emplace(std::move(view), std::move(windows)).second) r.damaged("a customer view twice");
  }
}

void read_tables(StateReader& r, State& s) {
  const ZoneBuckets zone = zone_of(r, s.period);
  if (r.count() != s.groupings.size()) r.damaged("another number of tables than groupings");
  s.tables.resize(s.groupings.size());
  for (std::size_t t = 0; t < s.tables.size(); ++t) {
    const detail::TableSpec spec = detail::make_table_spec(s.groupings[t], zone, s.period);
    read_groups(r, s, spec.by, zone, s.tables[t]);
    read_backlog(r, s, spec, zone, s.tables[t]);
    read_customers(r, s.tables[t]);
  }
}

std::optional<std::string> read_label(StateReader& r) {
  if (!detail::read_flag(r)) return std::nullopt;
  return std::string{r.bytes()};
}

void read_roster(StateReader& r, State& s) {
  s.roster.resize(r.count());
  for (RosterEvent& e : s.roster) {
    e.agent = std::string{r.bytes()};
    e.type = detail::read_enum<AgentEventType>(r, 2, "an unknown agent event type");
    e.at_ms = to_millis(read_instant(r));
    e.team = read_label(r);
    e.department = read_label(r);
  }
}

void read_lifecycle(StateReader& r, State& s) {
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string key{r.bytes()};
    std::vector<detail::KeyPart> parts;
    try {
      parts = detail::decode_key(key);
    } catch (const Error&) {
      r.damaged("a product key that is not one");
    }
    if (parts.size() != 1 || parts[0].is_bucket) r.damaged("a product key that is not one");
    AdoptionCounts& counts = s.adoption[std::move(key)];
    counts.purchasers = r.u64();
    counts.adopters = r.u64();
  }
  for (std::size_t n = r.count(); n > 0; --n) {
    CohortCounts& counts = s.cohorts[r.i64()];
    counts.label = std::string{r.bytes()};
    counts.size = r.u64();
    counts.active.resize(r.count());
    for (std::uint64_t& a : counts.active) a = r.u64();
  }
}

void read_staffing(StateReader& r, detail::StaffingCounts& c) {
  for (std::size_t h = 0; h < 168; ++h) {
    c.calls[h] = r.u64();
    c.handle_ms[h] = r.i64();
    c.handled[h] = r.u64();
  }
  c.all_handle_ms = r.i64();
  c.all_handled = r.u64();
  c.total = r.u64();
}

std::unique_ptr<State> read_whole(StateReader& r, bool nested);

void read_previous(StateReader& r, State& s) {
  if (!detail::read_flag(r)) return;
  std::unique_ptr<State> previous = read_whole(r, true);
  const ReportPeriod expected = detail::previous_period(s.period);
  if (previous->period.from != expected.from || previous->period.to != expected.to ||
      previous->period.as_of != expected.as_of || previous->period.time_zone != s.period.time_zone ||
      previous->groupings != s.groupings) {
    r.damaged("a previous period that is not the one before the state's period");
  }
  s.previous.emplace(std::move(previous));
}

void read_content(StateReader& r, State& s, bool nested) {
  for (InputCounts& c : s.inputs) {
    c.accepted = r.u64();
    c.rejected = r.u64();
  }
  for (bool* flag : {&s.has_events, &s.reopen_data, &s.productivity, &s.has_customer_events, &s.previous_covered}) {
    *flag = detail::read_flag(r);
  }
  auto agents = std::make_shared<std::vector<std::string>>(r.count());
  for (std::string& a : *agents) a = std::string{r.bytes()};
  s.agents = std::move(agents);
  read_tables(r, s);
  read_roster(r, s);
  read_lifecycle(r, s);
  read_staffing(r, s.staffing);
  if (nested) {
    if (detail::read_flag(r)) r.damaged("a previous period inside a previous period");
  } else {
    read_previous(r, s);
  }
}

std::unique_ptr<State> read_whole(StateReader& r, bool nested) {
  auto s = std::make_unique<State>();
  read_header(r, *s);
  read_content(r, *s, nested);
  return s;
}

}  // namespace

PartialReport detail::read_state_content(std::string_view content, const std::string& source) {
  StateReader r(content, source);
  std::unique_ptr<State> state = read_whole(r, false);
  r.expect_end();
  return PartialReport(std::move(state));
}

PartialReport read_state(std::string_view bytes, const std::string& source) {
  const detail::OpenedState opened = detail::open_state(bytes, source);
  PartialReport partial = detail::read_state_content(opened.content, source);
  if (state_fingerprint(partial) != opened.fingerprint) {
    throw Error(ErrorCode::bad_input, source + ": the state is damaged: its fingerprint does not match its configuration "
                                               "(write it again from the inputs)");
  }
  return partial;
}

}  // namespace cskpi
