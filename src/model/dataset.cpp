#include "cskpi/model/dataset.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <limits>
#include <stdexcept>

#include "cskpi/error.hpp"
#include "detail/column_room.hpp"
#include "detail/run_on_threads.hpp"

namespace cskpi {
namespace {

using detail::reserve_column;
using detail::spare_of;

void reserve_column(InstantColumn& column, std::size_t n) { column.reserve(n); }

std::int64_t millis_or(const std::optional<TimePoint>& t) { return t ? to_millis(*t) : no_instant; }

std::int64_t seconds_to_millis(const std::optional<double>& seconds) {
  return seconds ? std::llround(*seconds * 1000.0) : no_value;
}

std::optional<TimePoint> instant_of(std::int64_t ms) {
  if (ms == no_instant) return std::nullopt;
  return from_millis(ms);
}

std::optional<double> seconds_of(std::int64_t ms) {
  if (ms == no_value) return std::nullopt;
  return static_cast<double>(ms) / 1000.0;
}

// Pushes the code of each custom value (absent beyond the values given) onto its column.
void push_custom(std::vector<Dictionary>& dicts, std::vector<std::vector<std::uint32_t>>& columns,
                 const std::vector<std::optional<std::string>>& values) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const bool present = k < values.size() && values[k];
    columns[k].push_back(present ? dicts[k].intern(*values[k]) : no_code);
  }
}

}  // namespace

Dataset::Dataset(std::vector<std::string> custom_dimensions) : custom_names_(std::move(custom_dimensions)) {
  if (custom_names_.size() > max_custom_dimensions) {
    throw Error(ErrorCode::invalid_argument, "a data set has at most " + std::to_string(max_custom_dimensions) +
                                                 " custom dimensions, not " + std::to_string(custom_names_.size()));
  }
  for (std::size_t k = 0; k < custom_names_.size(); ++k) {
    if (custom_names_[k].empty()) throw Error(ErrorCode::invalid_argument, "a custom dimension needs a name");
    for (std::size_t j = 0; j < k; ++j) {
      if (custom_names_[j] == custom_names_[k]) {
        throw Error(ErrorCode::invalid_argument, "the custom dimension " + custom_names_[k] + " is named twice");
      }
    }
  }
  const std::size_t n = custom_names_.size();
  custom_dims_.resize(n);
  interactions_.custom.resize(n);
  surveys_.custom.resize(n);
  surveys_.effective_custom.resize(n);
  customer_events_.custom.resize(n);
}

std::optional<std::size_t> Dataset::find_custom_dimension(std::string_view name) const noexcept {
  for (std::size_t k = 0; k < custom_names_.size(); ++k) {
    if (custom_names_[k] == name) return k;
  }
  return std::nullopt;
}

std::uint32_t Dataset::code(Dimension d, const std::optional<std::string>& value) {
  return value ? dims_[index_of(d)].intern(*value) : no_code;
}

std::uint32_t Dataset::code(std::size_t d, std::uint32_t batch_code, detail::BatchLabelCodes& labels) {
  if (batch_code == no_code) return no_code;
  std::uint32_t& code = labels.codes[d][batch_code];
  if (code == detail::BatchLabelCodes::unresolved) {
    const detail::HashedLabel& label = labels.labels[d][batch_code];
    code = dims_[d].intern(label.text, label.hash);
  }
  return code;
}

bool Dataset::add(const detail::InteractionRow& r) {
  const std::size_t before = interaction_ids_.size();
  interaction_ids_.intern(r.id.text, r.id.hash);
  if (interaction_ids_.size() == before) return false;
  const std::uint32_t customer = r.customer ? customers_.intern(r.customer->text, r.customer->hash) : no_code;
  auto& c = interactions_;
  const std::size_t row = c.created_ms.size();
  for (std::size_t d = 0; d < dimension_count; ++d) c.dim[d].push_back(row, code(d, r.dim[d], *r.labels));
  for (std::size_t k = 0; k < c.custom.size(); ++k) {
    c.custom[k].push_back(r.custom[k] ? custom_dims_[k].intern(*r.custom[k]) : no_code);
  }
  c.customer.push_back(customer);
  c.created_ms.push_back(r.measures.created_ms);
  c.first_response_ms.push_back(r.measures.first_response_ms);
  c.resolved_ms.push_back(r.measures.resolved_ms);
  c.contacts.push_back(row, r.measures.contacts);
  c.reopened.push_back(row, r.measures.reopened);
  c.handle_ms.push_back(row, r.measures.handle_ms);
  c.wait_ms.push_back(row, r.measures.wait_ms);
  c.cost.push_back(row, r.measures.cost);
  c.abandoned.push_back(row, r.measures.abandoned ? 1 : 0);
  return true;
}

bool Dataset::add(const detail::SurveyRow& r) {
  const std::size_t before = survey_ids_.size();
  survey_ids_.intern(r.id.text, r.id.hash);
  if (survey_ids_.size() == before) return false;
  auto& c = surveys_;
  const std::size_t row = c.size();
  c.kind.push_back(r.kind);
  c.score.push_back(r.score);
  c.responded_ms.push_back(r.responded_ms);
  c.customer.push_back(r.customer ? customers_.intern(r.customer->text, r.customer->hash) : no_code);
  const SurveyLink link = r.link ? link_of(r.link->text, r.link->hash) : SurveyLink{};
  c.link_id.push_back(link.pending);
  c.interaction.push_back(link.interaction);
  for (std::size_t d = 0; d < dimension_count; ++d) c.dim[d].push_back(row, code(d, r.dim[d], *r.labels));
  for (std::size_t k = 0; k < c.custom.size(); ++k) {
    c.custom[k].push_back(r.custom[k] ? custom_dims_[k].intern(*r.custom[k]) : no_code);
  }
  return true;
}

Dataset::SurveyLink Dataset::link_of(std::string_view id, std::uint64_t id_hash) {
  if (!interaction_ids_.indexed()) interaction_ids_.restore_index();  // released: no scan of every id
  if (const auto row = interaction_ids_.find(id, id_hash)) return {*row, no_code};
  return {no_code, survey_links_.intern(id, id_hash)};
}

void Dataset::release_lookup_tables() {
  for (Dictionary* d : lookup_dictionaries()) d->release_index();
}

void Dataset::restore_lookup_tables() {
  for (Dictionary* d : lookup_dictionaries()) d->restore_index();
}

void Dataset::reserve_interactions(std::size_t n) {
  const std::size_t want = interactions_.size() + n;
  auto& c = interactions_;
  for (auto& d : c.dim) d.reserve(want);
  for (auto& d : c.custom) reserve_column(d, want);
  reserve_column(c.customer, want);
  reserve_column(c.created_ms, want);
  reserve_column(c.first_response_ms, want);
  reserve_column(c.resolved_ms, want);
  c.contacts.reserve(want);
  c.reopened.reserve(want);
  c.handle_ms.reserve(want);
  c.wait_ms.reserve(want);
  c.cost.reserve(want);
  c.abandoned.reserve(want);
  interaction_ids_.reserve(want);
  // Not the customers: how many rows share a customer is unknown (a quarter in the sample
  // data), and a table reserved for one customer per row was 4× too large; it grows instead.
}

void Dataset::reserve_surveys(std::size_t n) {
  const std::size_t want = surveys_.size() + n;
  auto& c = surveys_;
  reserve_column(c.kind, want);
  reserve_column(c.score, want);
  reserve_column(c.responded_ms, want);
  reserve_column(c.customer, want);
  reserve_column(c.link_id, want);
  reserve_column(c.interaction, want);
  for (auto& d : c.dim) d.reserve(want);
  for (auto& d : c.custom) reserve_column(d, want);
  survey_ids_.reserve(want);
  survey_links_.reserve(survey_links_.size() + n);
}

namespace {

template <class T>
void spare_of(const OptionalColumn<T>& c, std::size_t rows, std::vector<MemorySpan>& out) {
  spare_of(c.values(), rows, out);
}

void spare_of(const CodeColumn& c, std::size_t rows, std::vector<MemorySpan>& out) { c.unwritten_reserve(rows, out); }

void spare_of(const IntegerColumn& c, std::size_t rows, std::vector<MemorySpan>& out) { c.unwritten_reserve(rows, out); }

void spare_of(const InstantColumn& c, std::size_t rows, std::vector<MemorySpan>& out) { c.unwritten_reserve(rows, out); }

}  // namespace

std::vector<MemorySpan> Dataset::unwritten_interaction_reserve(std::size_t rows) const {
  std::vector<MemorySpan> out;
  {
    const auto& i = interactions_;
    for (const auto& d : i.dim) spare_of(d, rows, out);
    for (const auto& d : i.custom) spare_of(d, rows, out);
    spare_of(i.customer, rows, out);
    spare_of(i.created_ms, rows, out);
    spare_of(i.first_response_ms, rows, out);
    spare_of(i.resolved_ms, rows, out);
    spare_of(i.contacts, rows, out);
    spare_of(i.reopened, rows, out);
    spare_of(i.handle_ms, rows, out);
    spare_of(i.wait_ms, rows, out);
    spare_of(i.cost, rows, out);
    spare_of(i.abandoned, rows, out);
    interaction_ids_.unwritten_reserve(rows, out);
  }
  return out;
}

std::vector<MemorySpan> Dataset::unwritten_survey_reserve(std::size_t rows) const {
  std::vector<MemorySpan> out;
  {
    const auto& s = surveys_;
    spare_of(s.kind, rows, out);
    spare_of(s.score, rows, out);
    spare_of(s.responded_ms, rows, out);
    spare_of(s.customer, rows, out);
    spare_of(s.link_id, rows, out);
    spare_of(s.interaction, rows, out);
    for (const auto& d : s.dim) spare_of(d, rows, out);
    for (const auto& d : s.custom) spare_of(d, rows, out);
    survey_ids_.unwritten_reserve(rows, out);
    survey_links_.unwritten_reserve(rows, out);
  }
  return out;
}

namespace {

// Calls f on each column of the interaction events but the row column, which exists only for
// events out of order (the same for every column: sizing, moving).
template <class Columns, class F>
void for_each_event_column(Columns& e, F&& f) {
  f(e.at_ms);
  f(e.type);
  f(e.status);
  f(e.agent);
}

// A vector or an InstantColumn with its rows in `order`.
template <class Column>
void permute(Column& column, const std::vector<std::uint32_t>& order) {
  Column out;
  out.reserve(order.size());
  for (const std::uint32_t from : order) out.push_back(column[from]);
  column = std::move(out);
}

void permute(CodeColumn& column, const std::vector<std::uint32_t>& order) {
  CodeColumn out;
  out.reserve(order.size());
  for (std::size_t row = 0; row < order.size(); ++row) out.push_back(row, column[order[row]]);
  column = std::move(out);
}

void reserve_column(CodeColumn& column, std::size_t n) { column.reserve(n); }

}  // namespace

void Dataset::reserve_events(std::size_t n) {
  const std::size_t want = events_.size() + n;
  for_each_event_column(events_, [want](auto& column) { reserve_column(column, want); });
  if (events_in_order_) {
    event_start_.reserve(interactions_.size() + 1);
  } else {
    reserve_column(events_.interaction, want);
  }
}

void Dataset::reorder_events(const std::vector<std::uint32_t>& order) {
  if (events_in_order_) write_event_rows();
  permute(events_.interaction, order);
  for_each_event_column(events_, [&order](auto& column) { permute(column, order); });
}

std::vector<MemorySpan> Dataset::unwritten_event_reserve(std::size_t rows) const {
  std::vector<MemorySpan> out;
  for_each_event_column(events_, [&](const auto& column) { spare_of(column, rows, out); });
  if (!events_in_order_) spare_of(events_.interaction, rows, out);
  return out;
}

void Dataset::note_event_row(std::uint32_t row, std::int64_t at_ms) {
  if (!events_in_order_) {
    events_.interaction.push_back(row);
    return;
  }
  const std::size_t n = events_.size();
  if (n > 0) {
    const std::uint32_t last = event_rows_ - 1;
    if (row == last && at_ms >= events_.at_ms[n - 1]) return;  // one more of the last row's
    if (row <= last) {  // out of order: from now on each event keeps its row
      write_event_rows();
      events_.interaction.push_back(row);
      return;
    }
  }
  event_start_.resize(event_rows_);  // a link() filled in the rows after the last event's
  event_start_.resize(std::size_t{row} + 1, static_cast<std::uint32_t>(n));  // the rows between have none
  event_rows_ = row + 1;
}

void Dataset::write_event_rows() {
  const std::size_t n = events_.size();
  std::vector<std::uint32_t> rows;
  rows.reserve(std::max(n, events_.at_ms.capacity()));
  for (std::uint32_t r = 0; r < event_rows_; ++r) {
    const std::size_t end = r + 1 < event_rows_ ? event_start_[r + 1] : n;
    rows.insert(rows.end(), end - event_start_[r], r);
  }
  events_.interaction = std::move(rows);
  events_in_order_ = false;
  event_rows_ = 0;
  std::vector<std::uint32_t>().swap(event_start_);  // link() builds it again
  std::vector<std::uint32_t>().swap(event_order_);
}

std::uint32_t Dataset::event_interaction(std::size_t event) const {
  if (!events_in_order_) return events_.interaction.at(event);
  if (event >= events_.size()) throw std::out_of_range("Dataset::event_interaction: no such event");
  // The last row whose events start at or before `event` (rows without events start where the
  // next one does, so they are passed over).
  const auto starts_end = event_start_.begin() + event_rows_;
  const auto after = std::upper_bound(event_start_.begin(), starts_end, static_cast<std::uint32_t>(event));
  return static_cast<std::uint32_t>(after - event_start_.begin() - 1);
}

bool Dataset::add(const Interaction& r) {
  const std::size_t before = interaction_ids_.size();
  interaction_ids_.intern(r.id);
  if (interaction_ids_.size() == before) return false;
  // The customer right after the id: both probes of large tables miss the cache, and back to
  // back the processor overlaps the two misses.
  const std::uint32_t customer = r.customer_id ? customers_.intern(*r.customer_id) : no_code;
  auto& c = interactions_;
  const std::size_t row = c.created_ms.size();
  c.dim[index_of(Dimension::channel)].push_back(row, dims_[index_of(Dimension::channel)].intern(r.channel));
  c.dim[index_of(Dimension::topic)].push_back(row, code(Dimension::topic, r.topic));
  c.dim[index_of(Dimension::product)].push_back(row, code(Dimension::product, r.product));
  c.dim[index_of(Dimension::kind)].push_back(row, code(Dimension::kind, r.kind));
  c.dim[index_of(Dimension::priority)].push_back(
      row, r.priority ? dims_[index_of(Dimension::priority)].intern(to_string(*r.priority)) : no_code);
  c.dim[index_of(Dimension::agent)].push_back(row, code(Dimension::agent, r.agent_id));
  c.dim[index_of(Dimension::team)].push_back(row, code(Dimension::team, r.team));
  c.dim[index_of(Dimension::department)].push_back(row, code(Dimension::department, r.department));
  c.customer.push_back(customer);
  c.created_ms.push_back(to_millis(r.created_at));
  c.first_response_ms.push_back(millis_or(r.first_response_at));
  c.resolved_ms.push_back(millis_or(r.resolved_at));
  c.contacts.push_back(row, r.contacts ? static_cast<std::int64_t>(*r.contacts) : no_value);
  c.reopened.push_back(row, r.reopened ? static_cast<std::int64_t>(*r.reopened) : no_value);
  c.handle_ms.push_back(row, seconds_to_millis(r.handle_seconds));
  c.wait_ms.push_back(row, seconds_to_millis(r.wait_seconds));
  c.cost.push_back(row, r.cost ? *r.cost : std::numeric_limits<double>::quiet_NaN());
  c.abandoned.push_back(row, r.abandoned ? 1 : 0);
  push_custom(custom_dims_, c.custom, r.custom);
  return true;
}

bool Dataset::add(const SurveyResponse& r) {
  const std::size_t before = survey_ids_.size();
  survey_ids_.intern(r.id);
  if (survey_ids_.size() == before) return false;
  auto& c = surveys_;
  const std::size_t row = c.size();
  c.kind.push_back(r.kind);
  c.score.push_back(static_cast<std::int16_t>(r.score));
  c.responded_ms.push_back(to_millis(r.responded_at));
  c.customer.push_back(r.customer_id ? customers_.intern(*r.customer_id) : no_code);
  const SurveyLink link = r.interaction_id ? link_of(*r.interaction_id, 0) : SurveyLink{};
  c.link_id.push_back(link.pending);
  c.interaction.push_back(link.interaction);
  c.dim[index_of(Dimension::channel)].push_back(row, code(Dimension::channel, r.channel));
  c.dim[index_of(Dimension::topic)].push_back(row, code(Dimension::topic, r.topic));
  c.dim[index_of(Dimension::product)].push_back(row, code(Dimension::product, r.product));
  c.dim[index_of(Dimension::kind)].push_back(row, no_code);  // the contact kind is only inherited
  c.dim[index_of(Dimension::priority)].push_back(
      row, r.priority ? dims_[index_of(Dimension::priority)].intern(to_string(*r.priority)) : no_code);
  c.dim[index_of(Dimension::agent)].push_back(row, code(Dimension::agent, r.agent_id));
  c.dim[index_of(Dimension::team)].push_back(row, code(Dimension::team, r.team));
  c.dim[index_of(Dimension::department)].push_back(row, code(Dimension::department, r.department));
  push_custom(custom_dims_, c.custom, r.custom);
  return true;
}

EventAdd Dataset::add(const InteractionEvent& r) {
  interaction_ids_.restore_index();  // after release_lookup_tables()
  const auto row = interaction_ids_.find(r.interaction_id);
  if (!row) return EventAdd::unknown_interaction;
  if (to_millis(r.at) < interactions_.created_ms[*row]) return EventAdd::before_created;
  push_event(*row, to_millis(r.at), r.type, r.status, code(Dimension::agent, r.agent_id));
  return EventAdd::accepted;
}

EventAdd Dataset::add(const detail::EventRow& r) {
  if (r.at_ms < interactions_.created_ms[r.interaction]) return EventAdd::before_created;
  push_event(r.interaction, r.at_ms, r.type, r.status, code(index_of(Dimension::agent), r.agent, *r.labels));
  return EventAdd::accepted;
}

void Dataset::push_event(std::uint32_t row, std::int64_t at_ms, InteractionEventType type,
                         std::optional<TicketStatus> status, std::uint32_t agent) {
  note_event_row(row, at_ms);  // before the instant: it compares with the last event's
  events_.agent.push_back(events_.size(), agent);  // the event's row is the rows so far
  events_.at_ms.push_back(at_ms);
  events_.type.push_back(type);
  events_.status.push_back(status.value_or(TicketStatus::new_));
}

void Dataset::add(const CustomerEvent& r) {
  customer_events_.customer.push_back(customers_.intern(r.customer_id));
  customer_events_.type.push_back(r.type);
  customer_events_.at_ms.push_back(to_millis(r.at));
  customer_events_.product.push_back(code(Dimension::product, r.product));
  customer_events_.mrr.push_back(r.mrr ? *r.mrr : std::numeric_limits<double>::quiet_NaN());
  push_custom(custom_dims_, customer_events_.custom, r.custom);
}

void Dataset::add(const AgentEvent& r) {
  agent_events_.agent.push_back(dims_[index_of(Dimension::agent)].intern(r.agent_id));
  agent_events_.type.push_back(r.type);
  agent_events_.at_ms.push_back(to_millis(r.at));
  agent_events_.team.push_back(code(Dimension::team, r.team));
  agent_events_.department.push_back(code(Dimension::department, r.department));
}

void Dataset::link(unsigned threads) {
  link_events(threads);
  link_surveys(threads);
}

bool Dataset::start_events_in_order(unsigned threads) {
  const auto& row = events_.interaction;
  const auto& at = events_.at_ms;
  const std::size_t n = events_.size();
  // First each part checks the order of its events against the one before (only reading: a
  // start written before the whole order is known could be another part's too).
  std::atomic<bool> in_order{true};
  detail::run_in_parts(threads, n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = std::max<std::size_t>(begin, 1); i < end; ++i) {
      if (row[i] > row[i - 1] || (row[i] == row[i - 1] && at[i] >= at[i - 1])) continue;
      in_order.store(false, std::memory_order_relaxed);
      return;
    }
  });
  if (!in_order.load()) return false;
  // Then each part writes the start of every row whose first event it holds (the rows with no
  // events after a row start there too): in order, each start is one part's.
  event_start_.assign(interactions_.size() + 1, 0);  // the rows up to the first event's start at 0
  detail::run_in_parts(threads, n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = std::max<std::size_t>(begin, 1); i < end; ++i) {
      if (row[i] == row[i - 1]) continue;
      std::fill(event_start_.begin() + row[i - 1] + 1, event_start_.begin() + row[i] + 1, static_cast<std::uint32_t>(i));
    }
  });
  std::fill(event_start_.begin() + row[n - 1] + 1, event_start_.end(), static_cast<std::uint32_t>(n));
  return true;
}

void Dataset::link_events(unsigned threads) {
  if (events_.size() == 0) {  // no index (4 bytes an interaction): events_of() gives none
    std::vector<std::uint32_t>().swap(event_start_);
    std::vector<std::uint32_t>().swap(event_order_);
    return;
  }
  if (events_in_order_) {  // as exports list them: the starts were built while adding
    event_start_.resize(event_rows_);
    event_start_.resize(interactions_.size() + 1, static_cast<std::uint32_t>(events_.size()));
    std::vector<std::uint32_t>().swap(event_order_);
    return;
  }
  if (start_events_in_order(threads)) {  // back in order after reorder_events(), say
    std::vector<std::uint32_t>().swap(event_order_);
    return;
  }
  // Events by interaction, then instant, then input order: a counting sort by interaction (in
  // input order), then a stable sort by instant of each interaction's few events.
  event_start_.assign(interactions_.size() + 1, 0);
  for (const std::uint32_t row : events_.interaction) ++event_start_[row + 1];
  std::partial_sum(event_start_.begin(), event_start_.end(), event_start_.begin());
  {
    std::vector<std::uint32_t> next(event_start_.begin(), event_start_.end() - 1);
    event_order_.assign(events_.size(), 0);
    const std::uint32_t n_events = static_cast<std::uint32_t>(events_.size());
    for (std::uint32_t e = 0; e < n_events; ++e) event_order_[next[events_.interaction[e]]++] = e;
  }
  const auto& at = events_.at_ms;
  const auto earlier = [&at](std::uint32_t a, std::uint32_t b) { return at[a] < at[b]; };
  for (std::size_t r = 0; r + 1 < event_start_.size(); ++r) {
    std::uint32_t* const first = event_order_.data() + event_start_[r];
    std::uint32_t* const last = event_order_.data() + event_start_[r + 1];
    if (last - first > 32) {
      std::stable_sort(first, last, earlier);
      continue;
    }
    for (std::uint32_t* i = first + (first != last ? 1 : 0); i < last; ++i) {  // insertion sort: stable, and
      const std::uint32_t e = *i;                                               // linear on sorted input
      std::uint32_t* j = i;
      for (; j != first && earlier(e, *(j - 1)); --j) *j = *(j - 1);
      *j = e;
    }
  }
}

void Dataset::link_surveys(unsigned threads) {
  auto& s = surveys_;
  const std::size_t n = s.size();
  // Map each distinct pending link id to an interaction row once (finds only read the dictionary).
  std::vector<std::uint32_t> row_of_link(survey_links_.size(), no_code);
  if (!row_of_link.empty()) interaction_ids_.restore_index();  // after release_lookup_tables()
  detail::run_in_parts(threads, row_of_link.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t code = begin; code < end; ++code) {
      const auto row = interaction_ids_.find(survey_links_.value(static_cast<std::uint32_t>(code)));
      if (row) row_of_link[code] = *row;
    }
  });
  s.effective_custom = s.custom;  // custom dimensions are inherited like the built-in ones
  detail::run_in_parts(threads, n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t link = s.link_id[i];  // a link still pending (else found when added)
      if (link != no_code) s.interaction[i] = row_of_link[link];
      const std::uint32_t row = s.interaction[i];
      if (row == no_code) continue;
      for (std::size_t k = 0; k < s.custom.size(); ++k) {
        if (s.effective_custom[k][i] == no_code) s.effective_custom[k][i] = interactions_.custom[k][row];
      }
    }
  });
  for (std::size_t d = 0; d < dimension_count; ++d) s.effective_dim[d] = effective_codes(d, threads);
  s.linked = n;
}

CodeColumn Dataset::effective_codes(std::size_t d, unsigned threads) const {
  // A survey's own code, else its interaction's: codes of one dictionary, so the wider of the
  // two columns' widths holds them all. Nothing is stored when no survey has either.
  const SurveyColumns& s = surveys_;
  const CodeColumn& own = s.dim[d];
  const CodeColumn& inherited = interactions_.dim[d];
  const std::size_t n = s.size();
  if (!own.stored() && !inherited.stored()) return {};
  CodeColumn effective = CodeColumn::rows_to_set(static_cast<unsigned>(std::max(own.width(), inherited.width())), n);
  std::atomic<bool> any{false};
  detail::run_in_parts(threads, n, [&](std::size_t begin, std::size_t end) {
    bool some = false;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t row = s.interaction[i];
      std::uint32_t code = own[i];
      if (code == no_code && row != no_code) code = inherited[row];
      effective.set(i, code);
      some = some || code != no_code;
    }
    if (some) any = true;
  });
  return any ? std::move(effective) : CodeColumn{};
}

RowRange Dataset::events_of(std::size_t interaction_row) const noexcept {
  if (event_start_.size() != interactions_.size() + 1) return {};
  return {event_order_.empty() ? nullptr : event_order_.data(), event_start_[interaction_row],
          event_start_[interaction_row + 1]};
}

std::optional<std::string_view> Dataset::label(Dimension d, std::uint32_t code) const {
  if (code == no_code) return std::nullopt;
  return std::string_view{dims_[index_of(d)].value(code)};
}

Interaction Dataset::interaction(std::size_t row) const {
  const auto& c = interactions_;
  const auto text = [&](Dimension d) -> std::optional<std::string> {
    const auto v = label(d, c.dim[index_of(d)][row]);
    return v ? std::optional<std::string>{std::string{*v}} : std::nullopt;
  };
  Interaction r;
  r.id = interaction_ids_.value(static_cast<std::uint32_t>(row));
  if (c.customer[row] != no_code) r.customer_id = customers_.value(c.customer[row]);
  r.channel = text(Dimension::channel).value_or(std::string{});
  r.topic = text(Dimension::topic);
  r.product = text(Dimension::product);
  r.kind = text(Dimension::kind);
  if (const auto p = label(Dimension::priority, c.dim[index_of(Dimension::priority)][row])) {
    for (const Priority candidate : {Priority::low, Priority::normal, Priority::high, Priority::urgent}) {
      if (to_string(candidate) == *p) r.priority = candidate;
    }
  }
  r.agent_id = text(Dimension::agent);
  r.team = text(Dimension::team);
  r.department = text(Dimension::department);
  r.created_at = from_millis(c.created_ms[row]);
  r.first_response_at = instant_of(c.first_response_ms[row]);
  r.resolved_at = instant_of(c.resolved_ms[row]);
  if (c.contacts[row] != no_value) r.contacts = static_cast<std::uint32_t>(c.contacts[row]);
  if (c.reopened[row] != no_value) r.reopened = static_cast<std::uint32_t>(c.reopened[row]);
  r.handle_seconds = seconds_of(c.handle_ms[row]);
  r.wait_seconds = seconds_of(c.wait_ms[row]);
  r.abandoned = c.abandoned[row] != 0;
  if (!std::isnan(c.cost[row])) r.cost = c.cost[row];
  for (std::size_t k = 0; k < c.custom.size(); ++k) {
    const std::uint32_t code = c.custom[k][row];
    r.custom.push_back(code == no_code ? std::nullopt
                                       : std::optional<std::string>{std::string{custom_dims_[k].value(code)}});
  }
  return r;
}

}  // namespace cskpi
