#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "cskpi/render/text.hpp"
#include "cskpi/report/field_table.hpp"
#include "render/terminal_text.hpp"

namespace cskpi {
namespace {

/// An undefined value (an empty denominator, an absent input): never a 0 that was not measured.
constexpr const char* dash = "—";

/// The columns a cell takes in a terminal: UTF-8 code points ("—", "▲" take one each).
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// `text` padded with spaces to `width` display columns, on the right (left = true) or the left.
std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::string fill(width - std::min(width, display_width(text)), ' ');
  return left ? text + fill : fill + text;
}

/// "▲" or "▼" for a change against the previous period (nothing when unchanged), "*" when
/// significant; empty when the trend does not hold the metric.
std::string trend_mark(const GroupTrend* trend, std::string_view metric) {
  const TrendValue* v = trend && !metric.empty() ? trend->find(metric) : nullptr;
  if (v == nullptr || v->change == 0.0) return {};
  return std::string{v->change > 0.0 ? "▲" : "▼"} + (v->significant ? "*" : "");
}

std::string pct(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return dash;
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(num) / static_cast<double>(den));
}

/// 93 s → "1m33s", 7260 s → "2h01m", 200000 s → "2d07h".
std::string duration(double seconds) {
  const long long s = std::llround(seconds);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  return fmt::format("{}d{:02}h", s / 86400, (s % 86400) / 3600);
}

std::string number(const std::optional<double>& v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : dash;
}

template <class T>
std::string count(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : dash;
}

/// A group's fields, looked up by path (`csat.score`) and formatted for a cell.
class GroupFields {
 public:
  GroupFields(const Group& group, const FieldContext& context, bool reopen_data)
      : fields_(field_table(group.metrics, context)), trend_(group.trend ? &*group.trend : nullptr),
        reopen_data_(reopen_data) {}

  [[nodiscard]] const GroupTrend* trend() const noexcept { return trend_; }
  /// Some interaction carries `reopened` or a status history: a reopen rate of 0 is measured.
  [[nodiscard]] bool reopen_data() const noexcept { return reopen_data_; }

  [[nodiscard]] std::optional<double> value(std::string_view path) const {
    const Field* f = find_field(fields_, path);
    return f ? f->number() : std::nullopt;
  }
  [[nodiscard]] bool positive(std::string_view path) const { return value(path).value_or(0.0) > 0.0; }
  [[nodiscard]] bool defined(std::string_view path) const { return value(path).has_value(); }

  [[nodiscard]] std::string integer(std::string_view path, const char* format = "{}") const {
    const Field* f = find_field(fields_, path);
    const auto* n = f ? std::get_if<std::int64_t>(&f->value) : nullptr;
    return n ? fmt::format(fmt::runtime(format), *n) : dash;
  }
  [[nodiscard]] std::string percent(std::string_view path) const {
    const std::optional<double> v = value(path);
    return v ? fmt::format("{:.1f}%", *v) : dash;
  }
  [[nodiscard]] std::string seconds(std::string_view path) const {
    const std::optional<double> v = value(path);
    return v ? duration(*v) : dash;
  }
  [[nodiscard]] std::string fixed(std::string_view path, int decimals) const { return number(value(path), decimals); }
  /// A label field (`fcr.method`) as text, or the dash.
  [[nodiscard]] std::string text(std::string_view path) const {
    const Field* f = find_field(fields_, path);
    const auto* label = f ? std::get_if<std::string_view>(&f->value) : nullptr;
    return label ? std::string{*label} : std::string{dash};
  }

 private:
  std::vector<Field> fields_;
  const GroupTrend* trend_;
  bool reopen_data_;
};

/// A dashboard column: shown when some group has data for it (`used`), one cell per group.
struct ColumnSpec {
  const char* title;
  std::size_t panel;       // index into panel_titles
  std::string_view trend;  // the trend key whose ▲/▼ follows the cell, or ""
  bool (*used)(const GroupFields&);
  std::string (*cell)(const GroupFields&);
};

/// The dashboard is a few narrow tables (panels) rather than one very wide one.
constexpr const char* panel_titles[] = {"volume", "surveys", "speed and SLA", "quality and service",
                                        "people, customers and cost"};

using F = GroupFields;

/// The volume panel is for interactions: a survey-only report has none.
bool interactions(const F& f) {
  return f.positive("volume.count") || f.positive("volume.resolved") || f.positive("volume.backlog") ||
         f.positive("volume.abandoned");
}

const ColumnSpec column_specs[] = {
    {"count", 0, "volume.count", interactions, [](const F& f) { return f.integer("volume.count"); }},
    {"share", 0, "", interactions, [](const F& f) { return f.percent("volume.share"); }},
    {"resolved", 0, "", interactions, [](const F& f) { return f.integer("volume.resolved"); }},
    {"abandoned", 0, "", [](const F& f) { return f.positive("volume.abandoned"); },
     [](const F& f) { return f.integer("volume.abandoned"); }},
    {"net", 0, "", interactions, [](const F& f) { return f.integer("volume.net_change", "{:+}"); }},
    {"backlog", 0, "", interactions, [](const F& f) { return f.integer("volume.backlog"); }},
    {"NPS", 1, "nps.score", [](const F& f) { return f.positive("nps.responses"); },
     [](const F& f) { return fmt::format("{} (n={})", f.fixed("nps.score", 1), f.integer("nps.responses")); }},
    {"eNPS", 1, "enps.score", [](const F& f) { return f.positive("enps.responses"); },
     [](const F& f) { return fmt::format("{} (n={})", f.fixed("enps.score", 1), f.integer("enps.responses")); }},
    {"CSAT", 1, "csat.score", [](const F& f) { return f.positive("csat.responses"); },
     [](const F& f) { return fmt::format("{} (n={})", f.percent("csat.score"), f.integer("csat.responses")); }},
    {"CES mean", 1, "ces.mean", [](const F& f) { return f.positive("ces.responses"); },
     [](const F& f) { return f.fixed("ces.mean", 2); }},
    {"1st resp p50", 2, "first_response.median_s", [](const F& f) { return f.positive("first_response.count"); },
     [](const F& f) { return f.seconds("first_response.median_s"); }},
    {"MTTR", 2, "resolution.mean_s", [](const F& f) { return f.positive("resolution.count"); },
     [](const F& f) { return f.seconds("resolution.mean_s"); }},
    {"resol p90", 2, "", [](const F& f) { return f.positive("resolution.count"); },
     [](const F& f) { return f.seconds("resolution.p90_s"); }},
    {"next reply p50", 2, "", [](const F& f) { return f.positive("next_reply.count"); },
     [](const F& f) { return f.seconds("next_reply.median_s"); }},
    {"MTTR (bus.)", 2, "", [](const F& f) { return f.positive("resolution.business.count"); },
     [](const F& f) { return f.seconds("resolution.business.mean_s"); }},
    {"SLA 1st resp", 2, "sla.first_response.compliance",
     [](const F& f) {
       return f.positive("sla.first_response.achieved") || f.positive("sla.first_response.breached") ||
              f.positive("sla.first_response.pending");
     },
     [](const F& f) { return f.percent("sla.first_response.compliance"); }},
    {"SLA resol", 2, "sla.resolution.compliance",
     [](const F& f) {
       return f.positive("sla.resolution.achieved") || f.positive("sla.resolution.breached") ||
              f.positive("sla.resolution.pending");
     },
     [](const F& f) { return f.percent("sla.resolution.compliance"); }},
    {"FCR", 3, "fcr.rate", [](const F& f) { return f.positive("fcr.resolved"); }, [](const F& f) { return f.percent("fcr.rate"); }},
    {"reopen", 3, "reopen.rate", [](const F& f) { return f.reopen_data() && f.positive("reopen.resolved"); },
     [](const F& f) { return f.percent("reopen.rate"); }},
    {"complaints", 3, "complaint.rate", [](const F& f) { return f.positive("complaint.complaints"); },
     [](const F& f) { return f.percent("complaint.rate"); }},
    {"self-serv", 3, "self_service.rate", [](const F& f) { return f.positive("self_service.self_service"); },
     [](const F& f) { return f.percent("self_service.rate"); }},
    {"AHT", 3, "handle.mean_s", [](const F& f) { return f.positive("handle.count"); }, [](const F& f) { return f.seconds("handle.mean_s"); }},
    {"SL", 3, "queue.service_level", [](const F& f) { return f.positive("queue.answered") || f.positive("queue.abandoned"); },
     [](const F& f) { return f.percent("queue.service_level"); }},
    {"ASA", 3, "", [](const F& f) { return f.positive("queue.answered"); }, [](const F& f) { return f.seconds("queue.asa_s"); }},
    {"abandon", 3, "queue.abandon_rate", [](const F& f) { return f.positive("queue.abandoned"); },
     [](const F& f) { return f.percent("queue.abandon_rate"); }},
    {"resolved/agent-day", 4, "", [](const F& f) { return f.positive("productivity.active_days"); },
     [](const F& f) { return f.fixed("productivity.resolved_per_day", 2); }},
    {"churn", 4, "customers.churn_rate", [](const F& f) { return f.positive("customers.start"); },
     [](const F& f) { return f.percent("customers.churn_rate"); }},
    {"retention", 4, "", [](const F& f) { return f.positive("customers.start"); },
     [](const F& f) { return f.percent("customers.retention_rate"); }},
    {"NRR", 4, "", [](const F& f) { return f.defined("customers.net_revenue_retention"); },
     [](const F& f) { return f.percent("customers.net_revenue_retention"); }},
    {"attrition", 4, "", [](const F& f) { return f.defined("attrition.rate"); },
     [](const F& f) { return f.percent("attrition.rate"); }},
    {"cost/contact", 4, "", [](const F& f) { return f.positive("cost.interactions"); },
     [](const F& f) { return f.fixed("cost.per_contact", 2); }},
};

struct Column {
  std::string title;
  bool used = false;  // shown only when some group has data for it
  std::vector<std::string> cells;
  std::size_t panel = 0;  // index into panel_titles
};

/// The dashboard columns of the groups of one grouping, read from their field tables, each
/// cell followed by its trend mark.
std::vector<Column> columns_for(const std::vector<const Group*>& groups, const FieldContext& context,
                                bool reopen_data) {
  std::vector<GroupFields> fields;
  for (const Group* g : groups) fields.emplace_back(*g, context, reopen_data);
  std::vector<Column> cols;
  for (const ColumnSpec& spec : column_specs) {
    Column c{spec.title, false, {}, spec.panel};
    std::vector<std::string> marks;
    std::size_t mark_width = 0;  // marks are left-aligned after the value, so values stay aligned
    for (const GroupFields& f : fields) {
      c.used = c.used || spec.used(f);
      c.cells.push_back(spec.cell(f));
      marks.push_back(trend_mark(f.trend(), spec.trend));
      mark_width = std::max(mark_width, display_width(marks.back()));
    }
    if (mark_width > 0) {
      for (std::size_t r = 0; r < c.cells.size(); ++r) c.cells[r] += " " + pad(marks[r], mark_width, true);
    }
    cols.push_back(std::move(c));
  }
  return cols;
}

void print(std::ostream& out, const std::vector<const Column*>& cols, std::size_t rows) {
  std::vector<std::size_t> width;
  for (const Column* c : cols) {
    std::size_t w = display_width(c->title);
    for (const auto& cell : c->cells) w = std::max(w, display_width(cell));
    width.push_back(w);
  }
  std::string line;
  for (std::size_t i = 0; i < cols.size(); ++i) line += "  " + pad(cols[i]->title, width[i], i == 0);
  out << line << '\n' << "  " << std::string(display_width(line) - 2, '-') << '\n';
  for (std::size_t r = 0; r < rows; ++r) {
    line.clear();
    for (std::size_t i = 0; i < cols.size(); ++i) line += "  " + pad(cols[i]->cells[r], width[i], i == 0);
    out << line << '\n';
  }
}

void table(std::ostream& out, const std::string& title, const std::vector<const Group*>& groups,
           const FieldContext& context, bool reopen_data) {
  Column key{title.empty() ? std::string{"group"} : title, true, {}, 0};
  for (const Group* g : groups) {
    std::string k;
    for (std::size_t p = 0; p < g->key.size(); ++p) {
      if (p > 0) k += " / ";
      k += detail::terminal_safe(g->key[p].value_or("(none)"));
    }
    key.cells.push_back(g->key.empty() ? std::string{"all"} : k);
  }
  const std::vector<Column> columns = columns_for(groups, context, reopen_data);
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

/// "all" for the overall group, else its labels joined with " / ".
std::string group_label(const std::vector<std::optional<std::string>>& key) {
  if (key.empty()) return "all";
  std::string label;
  for (std::size_t part = 0; part < key.size(); ++part) {
    label += (part > 0 ? " / " : "") + detail::terminal_safe(key[part].value_or("(none)"));
  }
  return label;
}

/// What the service level and FCR figures mean, from the overall group, when they have data.
void settings(std::ostream& out, const Report& report) {
  if (report.groups.empty()) return;
  const GroupFields f(report.groups.front(), FieldContext::of(report), report.has_reopen_data);
  std::string line;
  if (f.positive("queue.answered") || f.positive("queue.abandoned")) {
    line += fmt::format("  service level: answered within {} (mode {})", f.seconds("queue.threshold_s"), f.text("queue.mode"));
  }
  if (f.positive("fcr.resolved")) {
    std::string fcr = "FCR method " + f.text("fcr.method");
    if (f.text("fcr.method") == "repeat_window") fcr += fmt::format(" (window {})", f.seconds("fcr.window_s"));
    line += (line.empty() ? "  " : "; ") + fcr;
  }
  if (!line.empty()) out << "settings\n" << line << '\n';
}

/// A baseline target's bound with where it comes from: ">= 76 (previous 71 + 5)".
std::string baseline_bounds(const TargetResult& t) {
  if (t.min) return fmt::format(">= {:g} (previous {:g} + {:g})", *t.min, t.baseline.value_or(0.0), t.target.improve);
  if (t.max) return fmt::format("<= {:g} (previous {:g} - {:g})", *t.max, t.baseline.value_or(0.0), t.target.improve);
  return "no previous value";
}

/// Speed bought with quality, first (SPEC v3 §3 Guardrails).
void guardrail_warnings(std::ostream& out, const Report& report) {
  for (const Guardrail& g : report.guardrails) {
    const std::string by = g.by.empty() ? std::string{} : to_string(g.by) + " ";
    out << fmt::format("WARNING guardrail {}{}: {} {:+.1f} s, but {} {:+.1f} points (p = {})\n", by, group_label(g.key),
                       g.speed, g.speed_change, g.quality, g.quality_change, number(g.p_value, 4));
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
  settings(out, report);
  guardrail_warnings(out, report);
  if (report.previous) {
    out << fmt::format("trend  ▲/▼ change against {} .. {}, * significant (p < 0.05)\n",
                       format_instant(report.previous->from), format_instant(report.previous->to));
  }
  std::size_t i = 0;
  while (i < report.groups.size()) {
    std::vector<const Group*> same;
    const Grouping& by = report.groups[i].by;
    while (i < report.groups.size() && report.groups[i].by == by) same.push_back(&report.groups[i++]);
    const std::string title = by.empty() ? std::string{"overall"} : "by " + to_string(by);
    out << '\n' << title << '\n';
    table(out, by.empty() ? std::string{} : to_string(by), same, FieldContext::of(report), report.has_reopen_data);
  }
  if (!report.adoption.empty()) {
    out << "\nadoption\n";
    for (const AdoptionRow& a : report.adoption) {
      out << fmt::format("  {:<24} {:>6} purchasers  {:>6} adopters  {:>7}\n",
                         detail::terminal_safe(a.product.value_or("(none)")), a.result.purchasers, a.result.adopters, pct(a.result.adopters, a.result.purchasers));
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
      const std::string group = group_label(t.key);
      std::string bounds;
      if (t.min) bounds += fmt::format(">= {:g}", *t.min);
      if (t.max) bounds += fmt::format("{}<= {:g}", bounds.empty() ? "" : ", ", *t.max);
      if (t.target.baseline) bounds = baseline_bounds(t);
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
