#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "cskpi/report/render.hpp"

namespace cskpi {
namespace {

constexpr const char* dash = "-";

std::string pct(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return dash;
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(num) / static_cast<double>(den));
}

std::string pct(const std::optional<double>& fraction) {
  return fraction ? fmt::format("{:.1f}%", 100.0 * *fraction) : dash;
}

/// 93 s → "1m33s", 7260 s → "2h01m", 200000 s → "2d07h".
std::string duration(double seconds) {
  const long long s = std::llround(seconds);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  return fmt::format("{}d{:02}h", s / 86400, (s % 86400) / 3600);
}

std::string duration(const std::optional<Milliseconds>& d) {
  return d ? duration(static_cast<double>(d->count()) / 1000.0) : dash;
}

std::string duration(const std::optional<std::chrono::duration<double>>& d) { return d ? duration(d->count()) : dash; }

std::string number(const std::optional<double>& v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : dash;
}

template <class T>
std::string count(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : dash;
}

struct Column {
  std::string title;
  bool used = false;  // shown only when some group has data for it
  std::vector<std::string> cells;
  std::size_t panel = 0;  // index into panel_titles
};

/// The dashboard is a few narrow tables (panels) rather than one very wide one.
constexpr const char* panel_titles[] = {"volume", "surveys", "speed and SLA", "quality and service",
                                        "people, customers and cost"};

/// The dashboard columns: (title, has data, cell text).
std::vector<Column> columns_for(const std::vector<const Group*>& groups) {
  std::vector<Column> cols;
  std::size_t panel = 0;
  const auto add = [&](const std::string& title, auto has, auto cell) {
    Column c{title, false, {}, panel};
    for (const Group* g : groups) {
      c.used = c.used || has(g->metrics);
      c.cells.push_back(cell(g->metrics));
    }
    cols.push_back(std::move(c));
  };
  const auto always = [](const GroupMetrics&) { return true; };
  add("count", always, [](const GroupMetrics& m) { return fmt::format("{}", m.volume.count); });
  add("share", always, [](const GroupMetrics& m) { return pct(m.volume.share); });
  add("resolved", always, [](const GroupMetrics& m) { return count(m.volume.resolved); });
  add("net", always, [](const GroupMetrics& m) {
    return m.volume.net_change ? fmt::format("{:+}", *m.volume.net_change) : std::string{dash};
  });
  add("backlog", always, [](const GroupMetrics& m) { return count(m.volume.backlog); });
  panel = 1;
  add("NPS", [](const GroupMetrics& m) { return m.nps.responses() > 0; },
      [](const GroupMetrics& m) { return fmt::format("{} (n={})", number(m.nps.score, 1), m.nps.responses()); });
  add("eNPS", [](const GroupMetrics& m) { return m.enps.responses() > 0; },
      [](const GroupMetrics& m) { return fmt::format("{} (n={})", number(m.enps.score, 1), m.enps.responses()); });
  add("CSAT", [](const GroupMetrics& m) { return m.csat.responses > 0; },
      [](const GroupMetrics& m) { return fmt::format("{} (n={})", pct(m.csat.satisfied, m.csat.responses), m.csat.responses); });
  add("CES mean", [](const GroupMetrics& m) { return m.ces.responses > 0; },
      [](const GroupMetrics& m) { return number(m.ces.mean, 2); });
  panel = 2;
  add("1st resp p50", [](const GroupMetrics& m) { return m.first_response.count > 0; },
      [](const GroupMetrics& m) { return duration(m.first_response.median); });
  add("MTTR", [](const GroupMetrics& m) { return m.resolution.count > 0; },
      [](const GroupMetrics& m) { return duration(m.resolution.mean); });
  add("resol p90", [](const GroupMetrics& m) { return m.resolution.count > 0; },
      [](const GroupMetrics& m) { return duration(m.resolution.p90); });
  add("next reply p50", [](const GroupMetrics& m) { return m.next_reply.count > 0; },
      [](const GroupMetrics& m) { return duration(m.next_reply.median); });
  add("MTTR (bus.)", [](const GroupMetrics& m) { return m.business && m.business->resolution.count > 0; },
      [](const GroupMetrics& m) { return m.business ? duration(m.business->resolution.mean) : std::string{dash}; });
  add("SLA 1st resp", [](const GroupMetrics& m) { return m.sla && m.sla->first_response.counted() > 0; },
      [](const GroupMetrics& m) {
        return m.sla ? pct(m.sla->first_response.achieved, m.sla->first_response.achieved + m.sla->first_response.breached)
                     : std::string{dash};
      });
  add("SLA resol", [](const GroupMetrics& m) { return m.sla && m.sla->resolution.counted() > 0; },
      [](const GroupMetrics& m) {
        return m.sla ? pct(m.sla->resolution.achieved, m.sla->resolution.achieved + m.sla->resolution.breached)
                     : std::string{dash};
      });
  panel = 3;
  add("FCR", [](const GroupMetrics& m) { return m.fcr.resolved > 0; },
      [](const GroupMetrics& m) { return pct(m.fcr.first_contact, m.fcr.resolved); });
  add("reopen", [](const GroupMetrics& m) { return m.reopen.resolved > 0; },
      [](const GroupMetrics& m) { return pct(m.reopen.reopened, m.reopen.resolved); });
  add("complaints", [](const GroupMetrics& m) { return m.complaint.complaints > 0; },
      [](const GroupMetrics& m) { return pct(m.complaint.complaints, m.complaint.interactions); });
  add("self-serv", [](const GroupMetrics& m) { return m.self_service.self_service > 0; },
      [](const GroupMetrics& m) { return pct(m.self_service.self_service, m.self_service.resolved); });
  add("AHT", [](const GroupMetrics& m) { return m.handle.count > 0; },
      [](const GroupMetrics& m) { return duration(m.handle.mean); });
  add("SL", [](const GroupMetrics& m) { return m.queue.answered + m.queue.abandoned > 0; },
      [](const GroupMetrics& m) { return pct(m.queue.service_level); });
  add("ASA", [](const GroupMetrics& m) { return m.queue.answered > 0; },
      [](const GroupMetrics& m) { return duration(m.queue.asa); });
  add("abandon", [](const GroupMetrics& m) { return m.queue.abandoned > 0; },
      [](const GroupMetrics& m) { return pct(m.queue.abandon_rate); });
  panel = 4;
  add("resolved/agent-day", [](const GroupMetrics& m) { return m.productivity && m.productivity->active_days > 0; },
      [](const GroupMetrics& m) { return m.productivity ? number(m.productivity->resolved_per_day, 2) : std::string{dash}; });
  add("churn", [](const GroupMetrics& m) { return m.customers && m.customers->start > 0; },
      [](const GroupMetrics& m) { return m.customers ? pct(m.customers->lost, m.customers->start) : std::string{dash}; });
  add("retention", [](const GroupMetrics& m) { return m.customers && m.customers->start > 0; },
      [](const GroupMetrics& m) { return m.customers ? pct(m.customers->retention_rate) : std::string{dash}; });
  add("NRR", [](const GroupMetrics& m) { return m.customers && m.customers->net_revenue_retention; },
      [](const GroupMetrics& m) { return m.customers ? pct(m.customers->net_revenue_retention) : std::string{dash}; });
  add("attrition", [](const GroupMetrics& m) { return m.attrition && m.attrition->rate; },
      [](const GroupMetrics& m) { return m.attrition ? pct(m.attrition->rate) : std::string{dash}; });
  add("cost/contact", [](const GroupMetrics& m) { return m.cost.interactions > 0; },
      [](const GroupMetrics& m) { return number(m.cost.per_contact, 2); });
  return cols;
}

void print(std::ostream& out, const std::vector<const Column*>& cols, std::size_t rows) {
  std::vector<std::size_t> width;
  for (const Column* c : cols) {
    std::size_t w = c->title.size();
    for (const auto& cell : c->cells) w = std::max(w, cell.size());
    width.push_back(w);
  }
  std::string line;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    line += i == 0 ? fmt::format("  {:<{}}", cols[i]->title, width[i]) : fmt::format("  {:>{}}", cols[i]->title, width[i]);
  }
  out << line << '\n' << "  " << std::string(line.size() - 2, '-') << '\n';
  for (std::size_t r = 0; r < rows; ++r) {
    line.clear();
    for (std::size_t i = 0; i < cols.size(); ++i) {
      line += i == 0 ? fmt::format("  {:<{}}", cols[i]->cells[r], width[i])
                     : fmt::format("  {:>{}}", cols[i]->cells[r], width[i]);
    }
    out << line << '\n';
  }
}

void table(std::ostream& out, const std::string& title, const std::vector<const Group*>& groups) {
  Column key{title.empty() ? std::string{"group"} : title, true, {}, 0};
  for (const Group* g : groups) {
    std::string k;
    for (std::size_t p = 0; p < g->key.size(); ++p) {
      if (p > 0) k += " / ";
      k += g->key[p].value_or("(none)");
    }
    key.cells.push_back(g->key.empty() ? std::string{"all"} : k);
  }
  const std::vector<Column> columns = columns_for(groups);
  for (std::size_t panel = 0; panel < std::size(panel_titles); ++panel) {
    std::vector<const Column*> cols{&key};
    for (const Column& c : columns) {
      if (c.used && c.panel == panel) cols.push_back(&c);
    }
    if (cols.size() == 1) continue;
    out << "  [" << panel_titles[panel] << "]\n";
    print(out, cols, groups.size());
  }
}

}  // namespace

void render_text(std::ostream& out, const Report& report) {
  const ReportPeriod& p = report.period;
  out << fmt::format("cskpi report  {} .. {}  (as of {}, zone {}, attribution {})\n", format_instant(p.from),
                     format_instant(p.to), format_instant(p.as_of), p.time_zone, to_string(p.attribution));
  std::string inputs;
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = report.inputs[t];
    if (c.read() == 0) continue;
    inputs += fmt::format("  {}: {} read, {} accepted, {} rejected\n", plural(static_cast<RecordType>(t)), c.read(),
                          c.accepted, c.rejected);
  }
  out << "inputs\n" << (inputs.empty() ? std::string{"  (no records)\n"} : inputs);
  std::size_t i = 0;
  while (i < report.groups.size()) {
    std::vector<const Group*> same;
    const Grouping& by = report.groups[i].by;
    while (i < report.groups.size() && report.groups[i].by == by) same.push_back(&report.groups[i++]);
    const std::string title = by.empty() ? std::string{"overall"} : "by " + to_string(by);
    out << '\n' << title << '\n';
    table(out, by.empty() ? std::string{} : to_string(by), same);
  }
  if (!report.adoption.empty()) {
    out << "\nadoption\n";
    for (const AdoptionRow& a : report.adoption) {
      out << fmt::format("  {:<24} {:>6} purchasers  {:>6} adopters  {:>7}\n", a.product.value_or("(none)"),
                         a.result.purchasers, a.result.adopters, pct(a.result.adopters, a.result.purchasers));
    }
  }
  if (!report.cohorts.empty()) {
    out << "\ncohorts (share still active after k months)\n";
    for (const CohortRow& c : report.cohorts) {
      std::string cells;
      for (const std::uint64_t active : c.active) cells += fmt::format(" {:>6}", pct(active, c.size));
      out << fmt::format("  {:<8} {:>6}{}\n", c.cohort, c.size, cells);
    }
  }
  if (!report.targets.empty()) {
    out << "\ntargets\n";
    for (const TargetResult& t : report.targets) {
      std::string group = "all";
      if (!t.key.empty()) {
        group.clear();
        for (std::size_t part = 0; part < t.key.size(); ++part) {
          group += (part > 0 ? " / " : "") + t.key[part].value_or("(none)");
        }
      }
      std::string bounds;
      if (t.target.min) bounds += fmt::format(">= {:g}", *t.target.min);
      if (t.target.max) bounds += fmt::format("{}<= {:g}", bounds.empty() ? "" : ", ", *t.target.max);
      out << fmt::format("  {:<28} {:<24} {:>10} {:<18} {:<9} gap {}\n", t.target.metric, group, number(t.value, 2), bounds,
                         to_string(t.status), number(t.gap, 2));
    }
  }
  if (!report.staffing.empty()) {
    // The busiest hours of the week, with the agents Erlang C asks for.
    std::vector<const StaffingRow*> rows;
    for (const StaffingRow& s : report.staffing) rows.push_back(&s);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const StaffingRow* a, const StaffingRow* b) { return a->calls_per_hour > b->calls_per_hour; });
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    out << "\nstaffing (phone, busiest hours of the week)\n";
    out << fmt::format("  {:<9} {:>10} {:>8} {:>7} {:>10}\n", "hour", "calls/h", "AHT", "agents", "scheduled");
    for (std::size_t r = 0; r < rows.size() && r < 10 && rows[r]->calls_per_hour > 0; ++r) {
      const StaffingRow& s = *rows[r];
      out << fmt::format("  {} {:02}:00 {:>10.1f} {:>8} {:>7} {:>10}\n", days[s.hour_of_week / 24], s.hour_of_week % 24,
                         s.calls_per_hour, s.aht ? duration(s.aht->count()) : std::string{dash}, count(s.agents),
                         count(s.scheduled));
    }
  }
}

}  // namespace cskpi
