#include "report/previous_period.hpp"

#include <vector>

namespace cskpi::detail {
namespace {

// Whether some present instant t of the column has pred(t).
template <class Column, class Pred>
bool any_instant(const Column& column, Pred pred) {
  for (std::size_t r = 0; r < column.size(); ++r) {
    const std::int64_t t = column[r];
    if (t != no_instant && pred(t)) return true;
  }
  return false;
}

template <class Column>
bool any_in(const Column& column, std::int64_t from, std::int64_t to) {
  return any_instant(column, [=](std::int64_t t) { return t >= from && t < to; });
}

}  // namespace

ReportPeriod previous_period(const ReportPeriod& period) {
  const auto length = period.to - period.from;
  ReportPeriod previous = period;
  previous.from = period.from - length;
  previous.to = period.from;
  previous.as_of = period.as_of - length;
  return previous;
}

bool covers(const Dataset& data, const ReportPeriod& period) {
  const std::int64_t from = to_millis(period.from);
  const std::int64_t to = to_millis(period.to);
  const InteractionColumns& c = data.interactions();
  const bool by_event = period.attribution == Attribution::event;
  return any_in(c.created_ms, from, to) || (by_event && any_in(c.first_response_ms, from, to)) ||
         (by_event && any_in(c.resolved_ms, from, to)) || any_in(data.surveys().responded_ms, from, to) ||
         any_in(data.customer_events().at_ms, from, to) || any_in(data.agent_events().at_ms, from, to);
}

bool has_records_before(const Dataset& data, TimePoint from) {
  const std::int64_t before = to_millis(from);
  const auto earlier = [before](std::int64_t t) { return t < before; };
  return any_instant(data.interactions().created_ms, earlier) || any_instant(data.surveys().responded_ms, earlier) ||
         any_instant(data.customer_events().at_ms, earlier) || any_instant(data.agent_events().at_ms, earlier);
}

bool has_reopen_data(const Dataset& data) {
  return data.has_events() || data.interactions().reopened.stored();  // stored: some interaction has one
}

}  // namespace cskpi::detail
