#include "cskpi/report/state_file.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

#include "cskpi/error.hpp"
#include "cskpi/io/partition.hpp"
#include "report/key_codec.hpp"
#include "report/partial_state.hpp"
#include "report/state_fields.hpp"

namespace cskpi {
namespace {

using detail::StateWriter;
using State = PartialReport::State;

// ---- header: what must be equal for states to merge (fingerprinted) ----

void write_grouping(StateWriter& w, const Grouping& by) {
  w.u64(by.size());
  for (const GroupPart& part : by) {
    w.u64(part.index());
    if (const auto* d = std::get_if<Dimension>(&part)) detail::write_enum(w, *d);
    if (const auto* b = std::get_if<TimeBucket>(&part)) detail::write_enum(w, *b);
    if (const auto* c = std::get_if<CustomDimension>(&part)) w.bytes(c->name);
  }
}

void write_header(StateWriter& w, const State& s) {
  w.i64(to_millis(s.period.from));
  w.i64(to_millis(s.period.to));
  w.i64(to_millis(s.period.as_of));
  w.bytes(s.period.time_zone);
  detail::write_enum(w, s.period.attribution);
  w.u64(s.groupings.size());
  for (const Grouping& by : s.groupings) write_grouping(w, by);
  detail::write_config(w, s.config);
  detail::write_enum(w, s.fcr.method);
  w.i64(s.fcr.window.count());
  detail::write_flag(w, s.business);
  detail::write_flag(w, s.sla);
}

// ---- content ----

/// The agent labels sorted (canonical codes) and, per code of the state, its canonical code.
std::pair<std::vector<std::string>, std::vector<std::uint32_t>> canonical_agents(const std::vector<std::string>& agents) {
  std::vector<std::uint32_t> order(agents.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return agents[a] < agents[b]; });
  std::vector<std::string> labels;
  std::vector<std::uint32_t> code(agents.size());
  for (const std::uint32_t old : order) {
    if (labels.empty() || labels.back() != agents[old]) labels.push_back(agents[old]);
    code[old] = static_cast<std::uint32_t>(labels.size() - 1);
  }
  return {std::move(labels), std::move(code)};
}

void write_customer_counts(StateWriter& w, const CustomerCounts& c) {
  for (const std::uint64_t v : {c.start, c.end, c.new_customers, c.lost, c.renewals, c.cancels, c.revenue_customers}) {
    w.u64(v);
  }
  for (const std::int64_t v : {c.mrr_start_micros, c.mrr_end_micros, c.mrr_churned_micros, c.mrr_contraction_micros,
                               c.mrr_expansion_micros}) {
    w.i64(v);
  }
}

void write_table(StateWriter& w, const PartialTable& t, const std::vector<std::uint32_t>& agent_codes) {
  detail::FieldWriter fields(w, agent_codes);
  w.u64(t.groups.size());
  for (const auto& [key, acc] : t.groups) {
    w.bytes(key);
    fields(acc);
  }
  w.u64(t.backlog.size());
  for (const auto& [key, diff] : t.backlog) {
    w.bytes(key);
    w.u64(diff.snapshots());
    const auto differences = diff.differences();
    w.u64(differences.size());
    for (const auto& [index, delta] : differences) {
      w.u64(index);
      w.i64(delta);
    }
  }
  w.u64(t.customers.size());
  for (const auto& [view, windows] : t.customers) {
    w.bytes(view);
    w.u64(windows.size());
    for (const CustomerCounts& c : windows) write_customer_counts(w, c);
  }
}

void write_roster(StateWriter& w, std::vector<RosterEvent> roster) {
  // Canonical: by agent and instant; ties keep their order (the roster comes from one part).
  std::stable_sort(roster.begin(), roster.end(), [](const RosterEvent& a, const RosterEvent& b) {
    return std::tie(a.agent, a.at_ms) < std::tie(b.agent, b.at_ms);
  });
  w.u64(roster.size());
  for (const RosterEvent& e : roster) {
    w.bytes(e.agent);
    detail::write_enum(w, e.type);
    w.i64(e.at_ms);
    for (const auto* label : {&e.team, &e.department}) {
      detail::write_flag(w, label->has_value());
      if (*label) w.bytes(**label);
    }
  }
}

void write_lifecycle(StateWriter& w, const State& s) {
  w.u64(s.adoption.size());
  for (const auto& [key, counts] : s.adoption) {
    w.bytes(key);
    w.u64(counts.purchasers);
    w.u64(counts.adopters);
  }
  w.u64(s.cohorts.size());
  for (const auto& [month, counts] : s.cohorts) {
    w.i64(month);
    w.bytes(counts.label);
    w.u64(counts.size);
    w.u64(counts.active.size());
    for (const std::uint64_t a : counts.active) w.u64(a);
  }
}

void write_staffing(StateWriter& w, const detail::StaffingCounts& c) {
  for (std::size_t h = 0; h < 168; ++h) {
    w.u64(c.calls[h]);
    w.i64(c.handle_ms[h]);
    w.u64(c.handled[h]);
  }
  w.i64(c.all_handle_ms);
  w.u64(c.all_handled);
  w.u64(c.total);
}

void write_whole(StateWriter& w, const State& s);

void write_content(StateWriter& w, const State& s) {
  for (const InputCounts& c : s.inputs) {
    w.u64(c.accepted);
    w.u64(c.rejected);
  }
  for (const bool flag : {s.has_events, s.reopen_data, s.productivity, s.has_customer_events, s.previous_covered}) {
    detail::write_flag(w, flag);
  }
  const auto [agents, agent_codes] = canonical_agents(*s.agents);
  w.u64(agents.size());
  for (const std::string& a : agents) w.bytes(a);
  w.u64(s.tables.size());
  for (const PartialTable& t : s.tables) write_table(w, t, agent_codes);
  write_roster(w, s.roster);
  write_lifecycle(w, s);
  write_staffing(w, s.staffing);
  detail::write_flag(w, s.previous.has_value());
  if (s.previous) write_whole(w, s.previous->state());
}

void write_whole(StateWriter& w, const State& s) {
  if (!s.sample_source.empty()) {  // groups count samples their finer groups keep: written each with its own
    State whole = s;
    detail::keep_all_samples(whole);
    write_whole(w, whole);
    return;
  }
  write_header(w, s);
  write_content(w, s);
}

}  // namespace

std::string write_state(const PartialReport& partial) {
  StateWriter w;
  write_whole(w, partial.state());
  return detail::seal_state(state_fingerprint(partial), w.content());
}

std::uint64_t state_fingerprint(const PartialReport& partial) {
  StateWriter header;
  write_header(header, partial.state());
  return stable_hash(header.content());
}
}  // namespace cskpi
