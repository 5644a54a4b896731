#include "cskpi/io/loader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <numeric>
#include <ostream>
#include <utility>

#include <fmt/format.h>

#include "cskpi/error.hpp"
#include "io/csv_reader.hpp"
#include "io/json_fields.hpp"
#include "io/line_reader.hpp"
#include "io/record_fields.hpp"

namespace cskpi {
namespace {

using detail::Problem;
using detail::RawRecord;
using detail::RawValue;
using detail::ValueKind;

// The field of the reject of a mixed-file line that no record type claims.
constexpr std::string_view record_member = "record";

bool ends_with_ci(std::string_view s, std::string_view suffix) noexcept {
  if (s.size() < suffix.size()) return false;
  const std::string_view tail = s.substr(s.size() - suffix.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    const char c = tail[i] >= 'A' && tail[i] <= 'Z' ? static_cast<char>(tail[i] - 'A' + 'a') : tail[i];
    if (c != suffix[i]) return false;
  }
  return true;
}

std::size_t index_of(RecordType t) noexcept { return static_cast<std::size_t>(t); }

// Where an accepted id came from, by data set row, for the duplicate_id detail.
struct Origin {
  std::uint32_t input = 0;
  std::uint64_t line = 0;  // 0 = not read by this loader
};

struct DeferredEvent {
  InteractionEvent event;
  std::uint32_t input = 0;
  std::uint64_t line = 0;
};

}  // namespace

struct Loader::State {
  State(Dataset& d, LoadOptions o) : data(d), options(o), builder(o.scales) {}

  Dataset& data;
  LoadOptions options;
  detail::RecordBuilder builder;
  std::array<InputCounts, record_type_count> counts{};
  std::vector<Reject> rejects;
  std::vector<std::uint32_t> reject_input;  // the input of each reject, to keep input order
  std::uint64_t unrouted = 0;
  std::vector<std::string> inputs;  // names, by load order
  std::vector<Origin> interaction_origin;
  std::vector<Origin> survey_origin;
  std::vector<DeferredEvent> deferred;
  // Scratch records, reused so their strings keep their capacity.
  Interaction interaction;
  SurveyResponse survey;
  InteractionEvent event;
  CustomerEvent customer_event;
  AgentEvent agent_event;

  std::uint32_t begin_input(const std::string& name) {
    inputs.push_back(name);
    return static_cast<std::uint32_t>(inputs.size() - 1);
  }

  void add_reject(RecordType type, std::uint32_t input, std::uint64_t line, std::string_view field,
                  RejectReason reason, std::string detail) {
    rejects.push_back(Reject{inputs[input], line, type, std::string{field}, reason, std::move(detail)});
    reject_input.push_back(input);
    if (options.strict) {
      const Reject& r = rejects.back();
      if (r.field.empty()) {
        throw Error(ErrorCode::bad_input, fmt::format("{}:{}: {}", r.file, r.line, to_string(r.reason)));
      }
      throw Error(ErrorCode::bad_input, fmt::format("{}:{}: {}: {}", r.file, r.line, r.field, to_string(r.reason)));
    }
  }

  void reject(RecordType type, std::uint32_t input, std::uint64_t line, std::string_view field, RejectReason reason,
              std::string detail) {
    ++counts[index_of(type)].rejected;
    add_reject(type, input, line, field, reason, std::move(detail));
  }

  void reject(RecordType type, std::uint32_t input, std::uint64_t line, Problem&& p) {
    reject(type, input, line, p.field, p.reason, std::move(p.detail));
  }

  void reject_unrouted(std::uint32_t input, std::uint64_t line, RejectReason reason, std::string detail) {
    ++unrouted;
    add_reject(RecordType::interaction, input, line, record_member, reason, std::move(detail));
  }

  void accept(RecordType type) { ++counts[index_of(type)].accepted; }

  std::string duplicate_detail(const std::string& id, std::optional<std::uint32_t> row,
                               const std::vector<Origin>& origins, std::uint32_t input) const {
    if (row && *row < origins.size() && origins[*row].line != 0) {
      const Origin& o = origins[*row];
      if (inputs[o.input] == inputs[input]) return fmt::format("{} was accepted at line {}", id, o.line);
      return fmt::format("{} was accepted at {}:{}", id, inputs[o.input], o.line);
    }
    return fmt::format("{} was already accepted", id);
  }

  static void remember(std::vector<Origin>& origins, std::size_t row, std::uint32_t input, std::uint64_t line) {
    if (origins.size() <= row) origins.resize(row + 1);
    origins[row] = Origin{input, line};
  }

  // One record's raw values: built, checked and added, or rejected.
  void take(RecordType type, const RawRecord& v, std::uint32_t input, std::uint64_t line) {
    switch (type) {
      case RecordType::interaction: {
        if (auto p = builder.build(v, interaction)) return reject(type, input, line, std::move(*p));
        const std::size_t row = data.interactions().size();
        if (!data.add(interaction)) {
          return reject(type, input, line, "id", RejectReason::duplicate_id,
                        duplicate_detail(interaction.id, data.find_interaction(interaction.id), interaction_origin,
                                         input));
        }
        remember(interaction_origin, row, input, line);
        return accept(type);
      }
      case RecordType::survey: {
        if (auto p = builder.build(v, survey)) return reject(type, input, line, std::move(*p));
        const std::size_t row = data.surveys().size();
        if (!data.add(survey)) {
          return reject(type, input, line, "id", RejectReason::duplicate_id,
                        duplicate_detail(survey.id, data.survey_ids().find(survey.id), survey_origin, input));
        }
        remember(survey_origin, row, input, line);
        return accept(type);
      }
      case RecordType::interaction_event: {
        if (auto p = builder.build(v, event)) return reject(type, input, line, std::move(*p));
        deferred.push_back(DeferredEvent{event, input, line});  // its interaction may come later
        return;
      }
      case RecordType::customer_event: {
        if (auto p = builder.build(v, customer_event)) return reject(type, input, line, std::move(*p));
        data.add(customer_event);
        return accept(type);
      }
      case RecordType::agent_event: {
        if (auto p = builder.build(v, agent_event)) return reject(type, input, line, std::move(*p));
        data.add(agent_event);
        return accept(type);
      }
    }
  }

  std::string too_long_detail() const {
    return fmt::format("longer than {} bytes: skipped without being read", options.record_limit);
  }

  void load_csv(RecordType type, std::istream& in, std::uint32_t input);
  void load_jsonl(RecordType type, std::istream& in, std::uint32_t input);
  void load_mixed(std::istream& in, std::uint32_t input);
  void finish();
};

void Loader::State::load_csv(RecordType type, std::istream& in, std::uint32_t input) {
  const std::string& name = inputs[input];
  detail::CsvReader reader(in, name, options.record_limit);
  detail::CsvRecord record;
  if (!reader.next(record)) return;  // no header: zero records
  if (record.status != detail::CsvStatus::ok) {
    throw Error(ErrorCode::bad_input, fmt::format("{}:{}: the header row is malformed ({})", name, record.line,
                                                  record.status == detail::CsvStatus::too_long ? "too long"
                                                                                               : "a misplaced quote"));
  }
  // Column → field slot, once; unknown columns map to none.
  constexpr std::size_t none = detail::max_fields;
  std::vector<std::size_t> slot_of_column(record.fields.size(), none);
  std::array<bool, detail::max_fields> seen{};
  for (std::size_t col = 0; col < record.fields.size(); ++col) {
    const auto slot = detail::field_slot(type, record.fields[col]);
    if (!slot) continue;
    if (seen[*slot]) {
      throw Error(ErrorCode::bad_input, fmt::format("{}:{}: the header repeats the column {}: the file is refused",
                                                    name, record.line, record.fields[col]));
    }
    seen[*slot] = true;
    slot_of_column[col] = *slot;
  }
  const std::size_t columns = slot_of_column.size();
  RawRecord values;
  while (reader.next(record)) {
    if (record.status == detail::CsvStatus::too_long) {
      reject(type, input, record.line, {}, RejectReason::line_too_long, too_long_detail());
      continue;
    }
    if (record.status == detail::CsvStatus::malformed_quote) {
      reject(type, input, record.line, {}, RejectReason::malformed_quote,
             "text after a closing quote, a quote inside an unquoted field, or an unclosed quote");
      continue;
    }
    if (record.fields.size() != columns) {
      reject(type, input, record.line, {}, RejectReason::field_count,
             fmt::format("{} fields under a {}-field header", record.fields.size(), columns));
      continue;
    }
    values.fill(RawValue{});
    for (std::size_t col = 0; col < columns; ++col) {
      const std::size_t slot = slot_of_column[col];
      if (slot != none && !record.fields[col].empty()) values[slot] = RawValue{ValueKind::text, record.fields[col]};
    }
    take(type, values, input, record.line);
  }
}

void Loader::State::load_jsonl(RecordType type, std::istream& in, std::uint32_t input) {
  detail::LineReader reader(in, inputs[input], options.record_limit);
  detail::JsonFields json;
  detail::Line line;
  RawRecord values;
  while (reader.next(line)) {
    if (line.too_long) {
      reject(type, input, line.number, {}, RejectReason::line_too_long, too_long_detail());
      continue;
    }
    if (auto p = json.parse(line.text)) {
      reject(type, input, line.number, std::move(*p));
      continue;
    }
    json.fields(type, values);
    take(type, values, input, line.number);
  }
}

void Loader::State::load_mixed(std::istream& in, std::uint32_t input) {
  detail::LineReader reader(in, inputs[input], options.record_limit);
  detail::JsonFields json;
  detail::Line line;
  RawRecord values;
  while (reader.next(line)) {
    if (line.too_long) {
      reject_unrouted(input, line.number, RejectReason::line_too_long, too_long_detail());
      continue;
    }
    if (auto p = json.parse(line.text)) {
      reject_unrouted(input, line.number, p->reason, std::move(p->detail));
      continue;
    }
    const RawValue record = json.member(record_member);
    std::optional<RecordType> type;
    if (record.kind == ValueKind::text) type = detail::parse_record_type(record.text);
    if (!type) {
      reject_unrouted(input, line.number, RejectReason::unknown_value,
                      record.kind == ValueKind::absent
                          ? std::string{"no \"record\" member"}
                          : fmt::format("\"record\" is not interaction/interaction_event/survey/customer_event/"
                                        "agent_event"));
      continue;
    }
    json.fields(*type, values);
    take(*type, values, input, line.number);
  }
}

void Loader::State::finish() {
  std::vector<DeferredEvent> events;
  events.swap(deferred);
  const auto type = RecordType::interaction_event;
  bool rejected = false;
  for (DeferredEvent& e : events) {
    switch (data.add(e.event)) {
      case EventAdd::accepted: accept(type); break;
      case EventAdd::unknown_interaction:
        rejected = true;
        reject(type, e.input, e.line, "interaction_id", RejectReason::unknown_interaction,
               fmt::format("no accepted interaction {}", e.event.interaction_id));
        break;
      case EventAdd::before_created:
        rejected = true;
        reject(type, e.input, e.line, "at", RejectReason::inconsistent,
               fmt::format("{} is before the created_at of {}", format_instant(e.event.at), e.event.interaction_id));
        break;
    }
  }
  if (rejected) {  // put the event rejects back in input order: by input, then line
    std::vector<std::size_t> order(rejects.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (reject_input[a] != reject_input[b]) return reject_input[a] < reject_input[b];
      return rejects[a].line < rejects[b].line;
    });
    std::vector<Reject> sorted;
    std::vector<std::uint32_t> sorted_input;
    sorted.reserve(rejects.size());
    sorted_input.reserve(rejects.size());
    for (const std::size_t i : order) {
      sorted.push_back(std::move(rejects[i]));
      sorted_input.push_back(reject_input[i]);
    }
    rejects = std::move(sorted);
    reject_input = std::move(sorted_input);
  }
  data.link();
}

std::optional<FileFormat> format_from_path(std::string_view path) noexcept {
  if (ends_with_ci(path, ".csv")) return FileFormat::csv;
  if (ends_with_ci(path, ".jsonl") || ends_with_ci(path, ".ndjson")) return FileFormat::jsonl;
  return std::nullopt;
}

Loader::Loader(Dataset& data, LoadOptions options) : state_(std::make_unique<State>(data, options)) {}
Loader::~Loader() = default;
Loader::Loader(Loader&&) noexcept = default;

namespace {

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw Error(ErrorCode::io_error, fmt::format("cannot open {}: {}", path, err != 0 ? std::strerror(err) : "failed"));
  }
  return in;
}

}  // namespace

void Loader::load(RecordType type, const std::string& path) {
  const auto format = format_from_path(path);
  if (!format) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("{}: unknown file format (expected .csv, .jsonl or .ndjson)", path));
  }
  std::ifstream in = open_input(path);
  load(type, in, path, *format);
}

void Loader::load(RecordType type, std::istream& in, const std::string& name, FileFormat format) {
  const std::uint32_t input = state_->begin_input(name);
  if (format == FileFormat::csv) {
    state_->load_csv(type, in, input);
  } else {
    state_->load_jsonl(type, in, input);
  }
}

void Loader::load_mixed(const std::string& path) {
  std::ifstream in = open_input(path);
  load_mixed(in, path);
}

void Loader::load_mixed(std::istream& in, const std::string& name) { state_->load_mixed(in, state_->begin_input(name)); }

void Loader::finish() { state_->finish(); }

const InputCounts& Loader::counts(RecordType t) const noexcept { return state_->counts[index_of(t)]; }

const std::vector<Reject>& Loader::rejects() const noexcept { return state_->rejects; }

std::uint64_t Loader::unrouted() const noexcept { return state_->unrouted; }

bool is_unrouted(const Reject& reject) noexcept { return reject.field == record_member; }

namespace {

void write_csv_field(std::ostream& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << value;
    return;
  }
  out << '"';
  for (const char c : value) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace

void write_rejects_csv(std::ostream& out, const std::vector<Reject>& rejects) {
  out << "file,line,record_type,field,reason,detail\n";
  for (const Reject& r : rejects) {
    write_csv_field(out, r.file);
    out << ',' << r.line << ',';
    if (!is_unrouted(r)) out << to_string(r.type);
    out << ',';
    write_csv_field(out, r.field);
    out << ',' << to_string(r.reason) << ',';
    write_csv_field(out, r.detail);
    out << '\n';
  }
}

}  // namespace cskpi
