#include "cskpi/render/trace_csv.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/report/engine.hpp"
#include "io/csv_writer.hpp"
#include "report/interaction_facts.hpp"

namespace cskpi {
namespace {

using detail::FactsBuilder;
using detail::InteractionFacts;
using detail::SlaOutcome;

/// Milliseconds as seconds with up to 3 decimals and no trailing zeros: 1500 → "1.5".
std::string seconds(std::int64_t ms) {
  const bool negative = ms < 0;
  const std::uint64_t abs_ms = negative ? 0u - static_cast<std::uint64_t>(ms) : static_cast<std::uint64_t>(ms);
  std::string text = fmt::format("{}{}", negative ? "-" : "", abs_ms / 1000);
  const std::uint64_t frac = abs_ms % 1000;
  if (frac != 0) {
    std::string digits = fmt::format("{:03}", frac);
    while (digits.back() == '0') digits.pop_back();
    text += '.' + digits;
  }
  return text;
}

std::string optional_seconds(std::int64_t ms) { return ms == no_value ? std::string{} : seconds(ms); }

std::string instant(std::int64_t ms) { return ms == no_instant ? std::string{} : format_instant(from_millis(ms)); }

const char* boolean(bool b) { return b ? "true" : "false"; }

/// Several samples in one field, separated by ';' (no quoting needed).
std::string samples(const std::vector<std::int64_t>& ms) {
  std::string out;
  for (const std::int64_t d : ms) {
    if (!out.empty()) out += ';';
    out += seconds(d);
  }
  return out;
}

std::string fcr_case(const InteractionFacts& f, FcrMethod method) {
  if (f.first_contact) return *f.first_contact ? "first_contact" : "repeat";
  if (!f.resolved) return "unresolved";
  if (f.self_service) return "self_service";
  return method == FcrMethod::contacts ? "no_contacts" : "no_customer";  // repeat window: no customer_id
}

void sla_columns(std::vector<std::string>& row, const std::optional<SlaOutcome>& outcome) {
  row.emplace_back(outcome ? std::string{to_string(outcome->status)} : std::string{});
  row.emplace_back(outcome ? seconds(outcome->target.count()) : std::string{});
}

/// The report's own period test (engine.cpp): [from, to) and not after as_of.
struct PeriodTest {
  std::int64_t from;
  std::int64_t to;
  std::int64_t as_of;
  [[nodiscard]] bool operator()(std::int64_t t) const noexcept {
    return t != no_instant && t >= from && t < to && t <= as_of;
  }
};

constexpr std::array<const char*, detail::state_count> state_names = {"requester_wait", "agent_work", "on_hold",
                                                                       "pending"};

class TraceWriter {
 public:
  TraceWriter(const Dataset& data, const ReportSpec& spec, const ReportPeriod& period)
      : data_(data), spec_(spec), zone_(period.time_zone),
        in_period_{to_millis(period.from), to_millis(period.to), to_millis(period.as_of)},
        by_event_(spec.config.attribution == Attribution::event),
        facts_(data, spec.config, to_millis(period.as_of)) {
    std::array<bool, time_bucket_count> used{};
    for (const Grouping& grouping : spec.groupings) {
      for (const GroupPart& part : grouping) {
        if (const auto* b = std::get_if<TimeBucket>(&part)) used[static_cast<std::size_t>(*b)] = true;
      }
    }
    for (std::size_t b = 0; b < time_bucket_count; ++b) {
      if (used[b]) buckets_.push_back(static_cast<TimeBucket>(b));
    }
  }

  void write(std::ostream& out) {
    detail::write_csv_row(out, header());
    const auto& c = data_.interactions();
    InteractionFacts f;
    for (std::size_t r = 0; r < c.size(); ++r) {
      const bool volume = in_period_(c.created_ms[r]);
      if (!by_event_ && !volume) continue;
      facts_.build(r, f);
      const bool first_response =
          f.first_response_at != no_instant && (by_event_ ? in_period_(f.first_response_at) : volume);
      const bool resolution = f.resolved && (by_event_ ? in_period_(f.resolved_at) : volume);
      if (!volume && !first_response && !resolution) continue;
      detail::write_csv_row(out, row(r, f, volume, first_response, resolution));
    }
  }

 private:
  std::vector<std::string> header() const {
    std::vector<std::string> h = {"id", "customer_id"};
    for (const Dimension d : all_dimensions) h.emplace_back(to_string(d));
    for (const std::string& name : data_.custom_dimensions()) {
      h.push_back(detail::spreadsheet_safe(name));  // custom dimensions, as configured: text
    }
    for (const char* name :
         {"counted_volume", "counted_first_response", "counted_resolution", "created_at", "first_response_at",
          "resolved_at", "first_response_s", "resolution_s", "first_response_business_s", "resolution_business_s",
          "contacts", "reopened", "fcr_case", "sla_first_response", "sla_first_response_target_s", "sla_resolution",
          "sla_resolution_target_s", "events"}) {
      h.emplace_back(name);
    }
    for (const char* s : state_names) h.push_back(std::string{s} + "_s");
    for (const char* s : state_names) h.push_back(std::string{s} + "_business_s");
    for (const char* name : {"next_reply_count", "next_reply_s", "next_reply_business_s", "handle_s", "wait_s",
                             "abandoned", "queue_case", "wait_within_threshold", "cost"}) {
      h.emplace_back(name);
    }
    for (const TimeBucket b : buckets_) h.push_back("bucket_" + std::string{to_string(b)});
    if (by_event_) {
      for (const TimeBucket b : buckets_) h.push_back("first_response_bucket_" + std::string{to_string(b)});
      for (const TimeBucket b : buckets_) h.push_back("resolution_bucket_" + std::string{to_string(b)});
    }
    return h;
  }

  std::string bucket(TimeBucket b, std::int64_t t) const {
    return t == no_instant ? std::string{} : zone_.label(b, zone_.key(b, from_millis(t)));
  }

  std::vector<std::string> row(std::size_t r, const InteractionFacts& f, bool volume, bool first_response,
                               bool resolution) const {
    const auto& c = data_.interactions();
    const bool business = facts_.has_business_calendar();
    std::vector<std::string> v;
    // Labels first: text from the input, spreadsheet-safe; the columns after them are cskpi's spelling.
    const auto text = [&v](std::string_view label) { v.push_back(detail::spreadsheet_safe(label)); };
    text(data_.interaction_ids().value(static_cast<std::uint32_t>(r)));
    text(c.customer[r] == no_code ? std::string_view{} : data_.customers().value(c.customer[r]));
    for (const Dimension d : all_dimensions) text(data_.label(d, c.dim[index_of(d)][r]).value_or(""));
    for (std::size_t k = 0; k < c.custom.size(); ++k) {
      text(c.custom[k][r] == no_code ? std::string_view{} : data_.custom_dictionary(k).value(c.custom[k][r]));
    }
    v.emplace_back(boolean(volume));
    v.emplace_back(boolean(first_response));
    v.emplace_back(boolean(resolution));
    v.push_back(instant(c.created_ms[r]));
    v.push_back(instant(f.first_response_at));
    v.push_back(instant(f.resolved_at));
    v.push_back(optional_seconds(f.first_response_ms));
    v.push_back(optional_seconds(f.resolution_ms));
    v.push_back(optional_seconds(f.first_response_business_ms));
    v.push_back(optional_seconds(f.resolution_business_ms));
    v.push_back(c.contacts[r] == no_value ? std::string{} : std::to_string(c.contacts[r]));
    v.emplace_back(boolean(f.reopened));
    v.push_back(fcr_case(f, facts_.fcr_method()));
    sla_columns(v, f.sla_first_response);
    sla_columns(v, f.sla_resolution);
    v.emplace_back(boolean(f.has_history));
    for (std::size_t s = 0; s < detail::state_count; ++s) v.push_back(f.has_history ? seconds(f.state_ms[s]) : "");
    for (std::size_t s = 0; s < detail::state_count; ++s) {
      v.push_back(f.has_history && business ? seconds(f.state_business_ms[s]) : "");
    }
    v.push_back(f.has_history ? std::to_string(f.next_reply_ms.size()) : "");
    v.push_back(samples(f.next_reply_ms));
    v.push_back(business ? samples(f.next_reply_business_ms) : "");
    v.push_back(optional_seconds(c.handle_ms[r]));
    v.push_back(optional_seconds(c.wait_ms[r]));
    const bool abandoned = c.abandoned[r] != 0;
    v.emplace_back(boolean(abandoned));
    queue_columns(v, c.wait_ms[r], abandoned);
    v.push_back(std::isnan(c.cost[r]) ? std::string{} : fmt::format("{}", c.cost[r]));
    for (const TimeBucket b : buckets_) v.push_back(bucket(b, c.created_ms[r]));
    if (by_event_) {
      for (const TimeBucket b : buckets_) v.push_back(bucket(b, f.first_response_at));
      for (const TimeBucket b : buckets_) v.push_back(bucket(b, f.resolved_at));
    }
    return v;
  }

  /// The queue's view (metrics/queue.cpp): short abandons wait less than short_abandon_s;
  /// "within" is wait ≤ threshold_s.
  void queue_columns(std::vector<std::string>& v, std::int64_t wait_ms, bool abandoned) const {
    if (wait_ms == no_value) {
      v.emplace_back();
      v.emplace_back();
      return;
    }
    const QueueConfig& q = spec_.config.queue;
    const Milliseconds wait{wait_ms};
    v.emplace_back(!abandoned ? "answered" : wait < q.short_abandon ? "short_abandoned" : "abandoned");
    v.emplace_back(boolean(wait <= q.threshold));
  }

  const Dataset& data_;
  const ReportSpec& spec_;
  ZoneBuckets zone_;
  PeriodTest in_period_;
  bool by_event_;
  FactsBuilder facts_;
  std::vector<TimeBucket> buckets_;
};

}  // namespace

void write_trace_csv(std::ostream& out, const Dataset& data, const ReportSpec& spec) {
  const ReportPeriod period = resolve_period(data, spec);
  TraceWriter(data, spec, period).write(out);
}

}  // namespace cskpi
