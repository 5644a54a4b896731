#include "cskpi/io/loader.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <memory>
#include <numeric>
#include <ostream>
#include <stop_token>
#include <thread>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "cskpi/error.hpp"
#include "detail/huge_pages.hpp"
#include "detail/run_on_threads.hpp"
#include "io/csv_reader.hpp"
#include "io/field_map.hpp"
#include "io/input_text.hpp"
#include "io/json_fields.hpp"
#include "io/line_reader.hpp"
#include "io/mapped_file.hpp"
#include "io/parallel_load.hpp"
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

// The origins of data set rows: a line per row (0 = not read by this loader) and the input of
// each run of rows (rows are added in input order), so a row costs 8 bytes.
// Where each accepted row came from (input and line), for duplicate_id details. Rows arrive in
// order and their lines mostly one after another, so runs of consecutive rows on consecutive
// lines of one input are stored (24 bytes a run: one run per file when nothing is rejected,
// one more after each reject or blank line) instead of 8 bytes a row.
class Origins {
 public:
  void remember(std::size_t row, std::uint32_t input, std::uint64_t line) {
    if (!runs_.empty()) {
      Run& last = runs_.back();
      if (last.input == input && row == last.first_row + last.count && line == last.first_line + last.count &&
          last.count < std::numeric_limits<std::uint32_t>::max()) {
        ++last.count;
        return;
      }
    }
    runs_.push_back(Run{row, line, input, 1});
  }

  [[nodiscard]] std::optional<Origin> of(std::size_t row) const {
    const auto next = std::upper_bound(runs_.begin(), runs_.end(), row,
                                       [](std::size_t r, const Run& run) { return r < run.first_row; });
    if (next == runs_.begin()) return std::nullopt;
    const Run& run = *std::prev(next);
    if (row - run.first_row >= run.count) return std::nullopt;
    return Origin{run.input, run.first_line + (row - run.first_row)};
  }

 private:
  struct Run {
    std::size_t first_row;
    std::uint64_t first_line;
    std::uint32_t input;
    std::uint32_t count;
  };
  std::vector<Run> runs_;  // by first_row (rows are remembered in increasing order)
};

// Storage that grows in fixed chunks: no reallocation peak, and finish() frees chunks as it goes.
template <class T, std::size_t ChunkSize>
class Chunked {
 public:
  static constexpr std::size_t chunk_size = ChunkSize;
  // Chunks are allocated without being written, so T must need no initialisation.
  static_assert(std::is_trivially_default_constructible_v<T>);

  void push_back(const T& value) {
    if (size_ / ChunkSize == chunks_.size()) chunks_.push_back(std::make_unique_for_overwrite<T[]>(ChunkSize));
    chunks_[size_ / ChunkSize][size_ % ChunkSize] = value;
    ++size_;
  }
  [[nodiscard]] const T& operator[](std::size_t i) const { return chunks_[i / ChunkSize][i % ChunkSize]; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  // Frees the chunk holding element i (no element of it may be read afterwards).
  void release_chunk_of(std::size_t i) { chunks_[i / ChunkSize].reset(); }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

// Interaction ids of deferred events, each stored once per run of consecutive events that name
// it (event files usually list an interaction's events together): [varint size][bytes] in 1 MiB
// blocks that never move. A reference is block << 20 | offset.
class IdArena {
 public:
  static constexpr std::size_t block_bytes = std::size_t{1} << 20;

  std::uint64_t add(std::string_view id) {
    if (has_last_ && id == last_) return last_ref_;
    const std::size_t need = varint_size(id.size()) + id.size();
    if (blocks_.empty() || used_ + need > block_size_) {
      block_size_ = std::max(need, block_bytes);
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
      used_ = 0;
    }
    char* out = blocks_.back().get() + used_;
    const std::uint64_t ref = (static_cast<std::uint64_t>(blocks_.size() - 1) << 20) | used_;
    std::size_t n = id.size();
    while (n >= 0x80) {
      *out++ = static_cast<char>(0x80 | (n & 0x7F));
      n >>= 7;
    }
    *out++ = static_cast<char>(n);
    if (!id.empty()) std::memcpy(out, id.data(), id.size());
    used_ += need;
    last_ = std::string_view(out, id.size());
    last_ref_ = ref;
    has_last_ = true;
    return ref;
  }

  [[nodiscard]] std::string_view get(std::uint64_t ref) const noexcept {
    const char* p = blocks_[ref >> 20].get() + (ref & (block_bytes - 1));
    std::size_t n = 0;
    for (unsigned shift = 0;; shift += 7) {
      const auto b = static_cast<unsigned char>(*p++);
      n |= static_cast<std::size_t>(b & 0x7F) << shift;
      if (b < 0x80) break;
    }
    return {p, n};
  }

 private:
  static std::size_t varint_size(std::size_t n) noexcept {
    std::size_t bytes = 1;
    while (n >= 0x80) {
      n >>= 7;
      ++bytes;
    }
    return bytes;
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0;
  std::size_t block_size_ = 0;
  std::string_view last_;
  std::uint64_t last_ref_ = 0;
  bool has_last_ = false;
};

// An interaction event held until finish(), in 24 bytes: its instant; its interaction id (an
// IdArena reference), type and status packed in one word; its agent as a code of the loader's
// own agent dictionary (the data set's agent codes are assigned at finish(), as before); the low
// half of its line (the input and the high half are in EventRun).
// No default member values: the chunks that hold it are allocated unwritten (Chunked).
struct DeferredEvent {
  std::int64_t at_ms;
  std::uint64_t packed;  // id ref: bits 0-47; type: 48-49; status: 50-52 (7 = none)
  std::uint32_t agent;   // no_code: none
  std::uint32_t line_low;

  static constexpr unsigned type_shift = 48;
  static constexpr unsigned status_shift = 50;
  static constexpr std::uint64_t no_status = 7;
  [[nodiscard]] std::uint64_t id_ref() const noexcept { return packed & ((std::uint64_t{1} << type_shift) - 1); }
  [[nodiscard]] InteractionEventType type() const noexcept {
    return static_cast<InteractionEventType>((packed >> type_shift) & 3);
  }
  [[nodiscard]] std::optional<TicketStatus> status() const noexcept {
    const std::uint64_t s = (packed >> status_shift) & 7;
    if (s == no_status) return std::nullopt;
    return static_cast<TicketStatus>(s);
  }
};
static_assert(sizeof(DeferredEvent) == 24);

// Deferred events [first_event, next run's first_event) come from one input, with lines whose
// high 32 bits are line_high, and follow the first `position` events of the data set in input order.
struct EventRun {
  std::size_t first_event = 0;
  std::uint32_t input = 0;
  std::uint32_t line_high = 0;
  std::size_t position = 0;
};

// What the loader knows about one input while and after reading it.
struct InputInfo {
  FileFormat format = FileFormat::csv;
  std::optional<RecordType> type;  // nullopt: a mixed file
  char separator = ',';
  bool separator_given = false;
  std::optional<std::string> header;  // CSV: the header record's text, read ahead
  bool synthesize_id = false;         // surveys without an id column: FILE:LINE
  bool utf8_warned = false;
  std::set<std::string, std::less<>> unknown_keys;  // JSON keys feeding no field
};

std::array<detail::FieldMap, record_type_count> field_maps(const InputMapping& m, const detail::CustomNames& custom) {
  std::array<detail::FieldMap, record_type_count> out;
  for (std::size_t t = 0; t < record_type_count; ++t) {
    out[t] = detail::FieldMap(static_cast<RecordType>(t), m.columns[t], custom);
  }
  return out;
}

const LoadOptions& validated(const LoadOptions& o, const Dataset& d) {
  validate(o.mapping, d.custom_dimensions());
  return o;
}

}  // namespace

struct Loader::State {
  State(Dataset& d, const LoadOptions& o)
      : data(d),
        options(validated(o, d)),
        fields(field_maps(o.mapping, d.custom_dimensions())),
        instants(o.mapping),
        builder(o.scales, instants, &d.custom_dimensions()) {}

  Dataset& data;
  LoadOptions options;
  std::array<detail::FieldMap, record_type_count> fields;
  detail::InstantReader instants;
  detail::RecordBuilder builder;  // custom dimensions: the data set's
  std::vector<InputInfo> info;  // by input
  std::vector<InputWarning> warnings;
  std::string synthesized_id;  // scratch
  detail::BatchLabelCodes batch_labels;  // the labels of the batch being appended, interned on first use
  std::array<InputCounts, record_type_count> counts{};
  std::vector<Reject> rejects;
  std::vector<std::uint32_t> reject_input;  // the input of each reject, to keep input order
  std::uint64_t unrouted = 0;
  std::vector<std::string> inputs;  // names, by load order
  Origins interaction_origin;
  Origins survey_origin;
  // Interaction events are added as they come when their interaction is known, and deferred to
  // finish() otherwise (it may come later); finish() puts those it accepts back in input order.
  detail::BatchLabelCodes event_agent;       // the agent of an event added from its values (take())
  Chunked<DeferredEvent, 65536> deferred;
  std::vector<EventRun> deferred_runs;
  IdArena deferred_ids;
  Dictionary deferred_agents;
  std::uint64_t reserve_hint = 0;  // bytes of the file being loaded, until its first batch
  bool populate_due = false;       // the columns were reserved: fault their pages in after this batch
  std::uint64_t populate_rows = 0;  // the rows expected from the batch that reserved on
  std::atomic<std::uint64_t> appended_rows{0};  // of this file, since populating began
  // Faults in the pages of the reserved columns while the rows are appended (the first write of
  // a fresh page waits for the kernel to zero it: 13 % of a 10M run, all on this thread).
  std::jthread populating;
  /// Faults in `spans` ahead of the next `rows` appends (appended_rows counts them).
  void start_populating(std::vector<MemorySpan> spans, std::uint64_t rows);
  /// Ends the populating early (its room may stay unused) and waits for it.
  void stop_populating();
  // Scratch records, reused so their strings keep their capacity.
  Interaction interaction;
  SurveyResponse survey;
  InteractionEvent event;
  CustomerEvent customer_event;
  AgentEvent agent_event;

  std::uint32_t begin_input(const std::string& name, FileFormat format, std::optional<RecordType> type) {
    inputs.push_back(name);
    InputInfo i;
    i.format = format;
    i.type = type;
    info.push_back(std::move(i));
    return static_cast<std::uint32_t>(inputs.size() - 1);
  }

  void warn(std::uint32_t input, std::uint64_t line, std::string message) {
    warnings.push_back(InputWarning{inputs[input], line, std::move(message)});
  }

  // SPEC §5 v3: a file that is not UTF-8 gets one message naming the fix; its records are still
  // rejected one by one (nothing is guessed).
  void warn_encoding(std::uint32_t input, std::uint64_t line, const std::string& detail) {
    InputInfo& i = info[input];
    if (i.utf8_warned) return;
    i.utf8_warned = true;
    if (i.format == FileFormat::csv) {
      warn(input, line,
           fmt::format("not UTF-8: {}; the file looks like a single-byte encoding: give --encoding windows-1252 (or "
                       "latin-1), or csv.encoding in the config, to read it; until then its records with such bytes "
                       "are rejected invalid_utf8",
                       detail));
    } else {
      warn(input, line,
           fmt::format("not UTF-8: {}; JSON Lines files must be UTF-8, or UTF-16 with a byte order mark: convert "
                       "it; its records with such bytes are rejected invalid_utf8",
                       detail));
    }
  }

  void add_reject(RecordType type, std::uint32_t input, std::uint64_t line, std::string_view field,
                  RejectReason reason, std::string detail) {
    if (reason == RejectReason::invalid_utf8) warn_encoding(input, line, detail);
    rejects.push_back(Reject{inputs[input], line, type, std::string{field}, reason, std::move(detail)});
    reject_input.push_back(input);
    if (options.strict) {
      const Reject& r = rejects.back();
      if (r.field.empty()) {
        throw Error(ErrorCode::bad_input,
                    fmt::format("{}:{}: {}: {}", r.file, r.line, to_string(r.reason), r.detail));
      }
      throw Error(ErrorCode::bad_input,
                  fmt::format("{}:{}: {}: {}: {}", r.file, r.line, r.field, to_string(r.reason), r.detail));
    }
  }

  void note_unknown_key(std::uint32_t input, std::string_view key) {
    constexpr std::size_t most = 100;  // distinct keys remembered per file
    std::set<std::string, std::less<>>& keys = info[input].unknown_keys;
    if (keys.size() < most && keys.find(key) == keys.end()) keys.emplace(key);
  }

  // The unknown keys of a JSON Lines file, once it is read.
  void warn_unknown_keys(std::uint32_t input) {
    const InputInfo& i = info[input];
    if (i.unknown_keys.empty()) return;
    std::vector<std::string> known;
    for (std::size_t t = 0; t < record_type_count; ++t) {
      if (i.type && static_cast<std::size_t>(*i.type) != t) continue;
      for (std::string& n : fields[t].names()) known.push_back(std::move(n));
    }
    std::string list;
    for (const std::string& key : i.unknown_keys) {
      if (!list.empty()) list += ", ";
      list += key;
      if (const auto near = closest_name(key, known)) list += fmt::format(" (did you mean {}?)", *near);
    }
    warn(input, 0, fmt::format("unknown keys ignored: {}", list));  // keys of any line: the whole file
  }

  // The plan of a CSV header, or the file-level error that refuses the file.
  detail::ColumnPlan plan_header(RecordType type, const detail::CsvRecord& record, std::uint32_t input);

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

  std::string duplicate_detail(std::string_view id, std::optional<std::uint32_t> row, const Origins& origins,
                               std::uint32_t input) const {
    if (const auto o = row ? origins.of(*row) : std::nullopt) {
      if (inputs[o->input] == inputs[input]) return fmt::format("{} was accepted at line {}", id, o->line);
      return fmt::format("{} was accepted at {}:{}", id, inputs[o->input], o->line);
    }
    return fmt::format("{} was already accepted", id);
  }

  // An event of a known interaction (row): accepted, or rejected for coming before it.
  void add_event(const detail::EventRow& e, std::string_view id, std::uint32_t input, std::uint64_t line) {
    if (data.add(e) == EventAdd::accepted) return accept(RecordType::interaction_event);
    reject(RecordType::interaction_event, input, line, "at", RejectReason::inconsistent,
           fmt::format("{} is before the created_at of {}", format_instant(from_millis(e.at_ms)), id));
  }

  // take()'s event, added now when its interaction is known (its agent a one-label batch);
  // false: defer it.
  bool add_event_now(const InteractionEvent& e, std::uint32_t input, std::uint64_t line) {
    const std::optional<std::uint32_t> row = data.interaction_ids().find(e.interaction_id);
    if (!row) return false;
    constexpr std::size_t agent_dim = index_of(Dimension::agent);
    event_agent.labels[agent_dim].clear();
    event_agent.codes[agent_dim].clear();
    if (e.agent_id) {
      event_agent.labels[agent_dim].push_back({*e.agent_id, Dictionary::hash(*e.agent_id)});
      event_agent.codes[agent_dim].push_back(detail::BatchLabelCodes::unresolved);
    }
    const std::uint32_t agent = e.agent_id ? 0 : no_code;
    add_event(detail::EventRow{*row, to_millis(e.at), e.type, e.status, &event_agent, agent}, e.interaction_id, input,
              line);
    return true;
  }

  void defer(const InteractionEvent& e, std::uint32_t input, std::uint64_t line) {
    const std::optional<std::string_view> agent = e.agent_id ? std::optional<std::string_view>{*e.agent_id} : std::nullopt;
    defer(e.interaction_id, to_millis(e.at), e.type, e.status, agent, input, line);
  }

  void defer(std::string_view interaction_id, std::int64_t at_ms, InteractionEventType type,
             std::optional<TicketStatus> status, std::optional<std::string_view> agent, std::uint32_t input,
             std::uint64_t line) {
    const auto line_high = static_cast<std::uint32_t>(line >> 32);
    const std::size_t position = data.interaction_events().size();
    if (deferred_runs.empty() || deferred_runs.back().input != input || deferred_runs.back().line_high != line_high ||
        deferred_runs.back().position != position) {
      deferred_runs.push_back(EventRun{deferred.size(), input, line_high, position});
    }
    DeferredEvent d{};
    d.at_ms = at_ms;
    const std::uint64_t status_bits = status ? static_cast<std::uint64_t>(*status) : DeferredEvent::no_status;
    d.packed = deferred_ids.add(interaction_id) | (static_cast<std::uint64_t>(type) << DeferredEvent::type_shift) |
               (status_bits << DeferredEvent::status_shift);
    d.agent = agent ? deferred_agents.intern(*agent) : no_code;
    d.line_low = static_cast<std::uint32_t>(line);
    deferred.push_back(d);
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
        interaction_origin.remember(row, input, line);
        return accept(type);
      }
      case RecordType::survey: {
        if (auto p = builder.build(v, survey)) return reject(type, input, line, std::move(*p));
        const std::size_t row = data.surveys().size();
        if (!data.add(survey)) {
          return reject(type, input, line, "id", RejectReason::duplicate_id,
                        duplicate_detail(survey.id, data.survey_ids().find(survey.id), survey_origin, input));
        }
        survey_origin.remember(row, input, line);
        return accept(type);
      }
      case RecordType::interaction_event: {
        if (auto p = builder.build(v, event)) return reject(type, input, line, std::move(*p));
        if (!add_event_now(event, input, line)) defer(event, input, line);  // its interaction may come later
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

  void append(RecordType type, const detail::Batch& batch, std::size_t first, std::int64_t line_delta,
              std::uint32_t input);
  /// `path`: the file `raw` reads, when known (its bytes may then be mapped instead of read).
  void load(RecordType type, std::istream& raw, std::uint32_t input, FileFormat format,
            const std::string* path = nullptr);
  /// Tells the workers which ids of `type` records the data set's dictionaries find by hash now.
  void note_hash_wants(RecordType type, detail::IdHashWants& wants) const;
  void load_chunked(RecordType type, std::istream& in, std::uint32_t input, FileFormat format,
                    const std::string* path);
  void load_csv(RecordType type, std::istream& in, std::uint32_t input);
  void load_jsonl(RecordType type, std::istream& in, std::uint32_t input);
  void load_mixed(std::istream& raw, std::uint32_t input);
  void finish();
};

detail::ColumnPlan Loader::State::plan_header(RecordType type, const detail::CsvRecord& record, std::uint32_t input) {
  const std::string& name = inputs[input];
  InputInfo& i = info[input];
  const detail::FieldMap& map = fields[static_cast<std::size_t>(type)];
  detail::HeaderCheck check = detail::check_header(map, record.fields);
  if (!check.problem.empty()) {
    std::string hint;
    const std::string_view header = i.header ? std::string_view(*i.header) : std::string_view{};
    if (header.find('\0') != std::string_view::npos) {  // its names hold NULs too: not printed
      throw Error(ErrorCode::bad_input,
                  fmt::format("{}:{}: the header holds NUL bytes, so the file looks like UTF-16 without a byte order "
                              "mark: give --encoding utf-16 (or csv.encoding in the config): the file is refused",
                              name, record.line));
    }
    if (i.header) {
      const char best = detail::detect_separator(map, header);
      const auto known_with = [&](char sep) {
        const std::vector<std::string> columns = detail::split_header(header, sep);
        return detail::check_header(map, std::vector<std::string_view>(columns.begin(), columns.end())).known;
      };
      if (best != i.separator && known_with(best) > known_with(i.separator)) {
        hint = fmt::format(": the header splits into known columns with '{}', not with the separator given ('{}'): "
                           "give --delimiter '{}' (or csv.delimiter in the config), or leave it out to detect it",
                           delimiter_name(best), delimiter_name(i.separator), delimiter_name(best));
      } else if (record.fields.size() == 1 && check.known == 0 && detail::aligned_with_spaces(map, header)) {
        hint = ": the header does not split at , ; TAB or |: its columns are aligned with spaces, which no "
               "separator reads (a value may hold a space): save the file as CSV or TSV";
      } else if (record.fields.size() == 1 && check.known == 0) {
        hint = ": the header does not split at , ; TAB or |: give the file's separator with --delimiter (or "
               "csv.delimiter in the config)";
      }
    }
    throw Error(ErrorCode::bad_input,
                fmt::format("{}:{}: {}{}: the file is refused", name, record.line, check.problem, hint));
  }
  if (!check.unknown.empty()) {
    std::string list;
    for (const std::string& c : check.unknown) list += (list.empty() ? "" : ", ") + c;
    warn(input, record.line, fmt::format("unknown columns ignored: {}", list));
  }
  i.synthesize_id = check.plan.synthesize_id;
  return std::move(check.plan);
}

namespace {

// Faults in the pages of `spans` (columns the rows go to side by side) a 64th of each at a
// time, front to back, `lead` 64ths ahead of the rows appended (*appended of `expected`). The
// populated front stays ahead of the writes, and room reserved beyond the rows that come is never
// touched (it would count as memory in use). Ends early when asked to stop.
void populate_ahead(const std::stop_token& stop, const std::vector<MemorySpan>& spans,
                    const std::atomic<std::uint64_t>* appended, std::uint64_t expected) {
  constexpr std::uint64_t steps = 64;
  constexpr std::uint64_t lead = 4;
  for (std::uint64_t k = 0; k < steps; ++k) {
    // Step k once the appends are past step k − lead (in 64ths of the rows expected).
    while (k > lead && appended->load(std::memory_order_relaxed) * steps < (k - lead) * expected) {
      if (stop.stop_requested()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
    if (stop.stop_requested()) return;
    for (const MemorySpan s : spans) {
      const std::size_t from = s.size * k / steps;
      const std::size_t to = s.size * (k + 1) / steps;
      detail::populate_pages(static_cast<const char*>(s.data) + from, to - from);
    }
  }
}

// The order that puts `positions.size()` events appended after `added` others back among them:
// appended event k (non-decreasing positions[k]) goes right before event positions[k].
std::vector<std::uint32_t> interleaved_order(std::size_t added, const std::vector<std::uint32_t>& positions) {
  std::vector<std::uint32_t> order;
  order.reserve(added + positions.size());
  std::size_t k = 0;
  for (std::size_t e = 0; e <= added; ++e) {
    for (; k < positions.size() && positions[k] <= e; ++k) order.push_back(static_cast<std::uint32_t>(added + k));
    if (e < added) order.push_back(static_cast<std::uint32_t>(e));
  }
  return order;
}

}  // namespace

void Loader::State::start_populating(std::vector<MemorySpan> spans, std::uint64_t rows) {
  appended_rows.store(0, std::memory_order_relaxed);
  populating = std::jthread(populate_ahead, std::move(spans), &appended_rows, rows);
}

void Loader::State::stop_populating() {
  if (!populating.joinable()) return;
  populating.request_stop();
  populating.join();
}

// A batch's entries from `first` on, in order, with rows checked for duplicate ids and added.
void Loader::State::append(RecordType type, const detail::Batch& b, std::size_t first, std::int64_t line_delta,
                           std::uint32_t input) {
  using Kind = detail::Batch::Kind;
  const auto view = [&b](detail::ArenaRef r) -> std::optional<std::string_view> {
    if (r.size == detail::ArenaRef::absent) return std::nullopt;
    return b.text(r);
  };
  for (std::size_t d = 0; d < dimension_count; ++d) {  // each distinct label is interned once
    const detail::BatchLabels& from = b.labels[d];
    std::vector<detail::HashedLabel>& to = batch_labels.labels[d];
    to.clear();
    for (std::size_t k = 0; k < from.text.size(); ++k) to.push_back({b.text(from.text[k]), from.hash[k]});
    batch_labels.codes[d].assign(from.text.size(), detail::BatchLabelCodes::unresolved);
  }
  if (reserve_hint > 0 && b.speculated && b.entries.size() - first >= 64) {  // a chunk tells the size of a row
    const std::uint64_t bytes = b.stop - b.entries[first].start + 1;
    const double rows_per_byte = static_cast<double>(b.entries.size() - first) / static_cast<double>(bytes);
    const double expected = rows_per_byte * static_cast<double>(reserve_hint);
    const auto rows = static_cast<std::size_t>(expected * 1.05);
    if (type == RecordType::interaction) data.reserve_interactions(rows);
    if (type == RecordType::survey) data.reserve_surveys(rows);
    if (type == RecordType::interaction_event) data.reserve_events(rows);
    reserve_hint = 0;
    populate_due = true;  // once this batch made the optional columns it carries
    // The rows after this batch, as expected: the 5 % of slack above is faulted in only if used.
    populate_rows = static_cast<std::size_t>(std::max(0.0, expected - static_cast<double>(b.entries.size() - first)));
  }
  // The id and customer probes of large tables miss the cache: load their slots `ahead` rows
  // early and, `near` rows early, the entries those slots point to.
  constexpr std::size_t ahead = 10;
  constexpr std::size_t near = 4;
  const auto prefetch = [&](std::size_t i, bool entries) {
    if (i >= b.entries.size()) return;
    const detail::Batch::Entry& e = b.entries[i];
    if (e.kind == Kind::interaction) {
      const detail::PackedInteraction& r = b.interactions[e.index];
      if (entries) {
        data.prefetch_interaction_entries(r.id_hash, r.customer_hash);
      } else {
        data.prefetch_interaction(r.id_hash, {view(r.customer).value_or(std::string_view{}), r.customer_hash});
      }
    } else if (e.kind == Kind::survey) {
      const detail::PackedSurvey& r = b.surveys[e.index];
      if (entries) {
        data.prefetch_survey_entries(r.id_hash, r.customer_hash, r.link_hash);
      } else {
        data.prefetch_survey(r.id_hash, {view(r.customer).value_or(std::string_view{}), r.customer_hash},
                             {view(r.link).value_or(std::string_view{}), r.link_hash});
      }
    } else if (e.kind == Kind::event) {  // a no-op for ordered ids (no table), as the benchmark's are
      const std::uint64_t h = b.events[e.index].interaction_hash;
      if (entries) {
        data.interaction_ids().prefetch_entry(h);
      } else {
        data.interaction_ids().prefetch(h);
      }
    }
  };
  // An events file's probes touch the interaction ids' table only: without one (ids in a run,
  // in order or numbered) every prefetch would return at once, after loading rows ahead.
  const bool prefetching = type != RecordType::interaction_event || data.interaction_ids().finds_by_hash();
  for (std::size_t i = first; prefetching && i < first + ahead; ++i) prefetch(i, false);
  for (const auto& [key, last] : b.unknown_keys) {
    if (last >= first) note_unknown_key(input, key);
  }
  const bool synthesize_id = info[input].synthesize_id;
  RawRecord values;
  // Reused from row to row: a row is some 400 bytes (16 custom values), zeroed per construction.
  detail::InteractionRow interaction_row;
  detail::SurveyRow survey_row;
  // The row of the last event's interaction, found once for its consecutive events (which share
  // the id's text in the batch).
  detail::ArenaRef event_id{};
  std::optional<std::uint32_t> event_row;
  constexpr std::size_t agent_dim = index_of(Dimension::agent);
  for (std::size_t i = first; i < b.entries.size(); ++i) {
    if (prefetching) {
      prefetch(i + ahead, false);
      prefetch(i + near, true);
    }
    const detail::Batch::Entry& e = b.entries[i];
    const auto line = static_cast<std::uint64_t>(static_cast<std::int64_t>(e.line) + line_delta);
    switch (e.kind) {
      case Kind::problem: {
        const Problem& p = b.problems[e.index];
        reject(type, input, line, p.field, p.reason, p.detail);
        break;
      }
      case Kind::interaction: {
        const detail::PackedInteraction& r = b.interactions[e.index];
        detail::InteractionRow& row = interaction_row;  // every field it uses is set below
        row.id = {b.text(r.id), r.id_hash};
        row.customer.reset();
        if (const auto c = view(r.customer)) row.customer = detail::HashedLabel{*c, r.customer_hash};
        row.labels = &batch_labels;
        row.dim = r.dim;
        row.measures = r.measures;
        for (std::size_t k = 0; k < data.custom_dimensions().size(); ++k) row.custom[k] = view(b.custom[r.custom + k]);
        const std::size_t data_row = data.interactions().size();
        if (!data.add(row)) {
          reject(type, input, line, "id", RejectReason::duplicate_id,
                 duplicate_detail(row.id.text, data.interaction_ids().find(row.id.text, row.id.hash),
                                  interaction_origin, input));
          break;
        }
        interaction_origin.remember(data_row, input, line);
        accept(type);
        break;
      }
      case Kind::survey: {
        const detail::PackedSurvey& r = b.surveys[e.index];
        detail::SurveyRow& row = survey_row;  // every field it uses is set below
        row.id = {b.text(r.id), r.id_hash};
        if (synthesize_id) {  // SPEC §8: FILE:LINE
          synthesized_id = fmt::format("{}:{}", inputs[input], line);
          row.id = {synthesized_id, Dictionary::hash(synthesized_id)};
        }
        row.customer.reset();
        row.link.reset();
        if (const auto c = view(r.customer)) row.customer = detail::HashedLabel{*c, r.customer_hash};
        if (const auto l = view(r.link)) row.link = detail::HashedLabel{*l, r.link_hash};
        row.labels = &batch_labels;
        row.dim = r.dim;
        row.kind = r.kind;
        row.score = r.score;
        row.responded_ms = r.responded_ms;
        for (std::size_t k = 0; k < data.custom_dimensions().size(); ++k) row.custom[k] = view(b.custom[r.custom + k]);
        const std::size_t data_row = data.surveys().size();
        if (!data.add(row)) {
          reject(type, input, line, "id", RejectReason::duplicate_id,
                 duplicate_detail(row.id.text, data.survey_ids().find(row.id.text, row.id.hash), survey_origin,
                                  input));
          break;
        }
        survey_origin.remember(data_row, input, line);
        accept(type);
        break;
      }
      case Kind::event: {
        const detail::PackedEvent& r = b.events[e.index];
        const std::optional<TicketStatus> status =
            r.status == detail::PackedEvent::no_status ? std::nullopt
                                                        : std::optional<TicketStatus>{static_cast<TicketStatus>(r.status)};
        const std::string_view id = b.text(r.interaction);
        if (!event_row || r.interaction.offset != event_id.offset) {
          event_row = data.interaction_ids().find(id, r.interaction_hash);
          event_id = r.interaction;
        }
        if (event_row) {
          add_event(detail::EventRow{*event_row, r.at_ms, r.type, status, &batch_labels, r.agent}, id, input, line);
          break;
        }
        const std::optional<std::string_view> agent =
            r.agent == no_code ? std::nullopt : std::optional<std::string_view>{b.text(b.labels[agent_dim].text[r.agent])};
        defer(id, r.at_ms, r.type, status, agent, input, line);  // its interaction may come later
        break;
      }
      case Kind::raw: {
        const detail::PackedRaw& r = b.raws[e.index];
        for (std::size_t f = 0; f < detail::max_fields; ++f) {
          const auto& v = r.values[f];
          values[f] = RawValue{v.kind, v.kind == ValueKind::absent ? std::string_view{} : b.text(v.text), v.utf8};
        }
        take(type, values, input, line);
        break;
      }
    }
  }
  if (populate_due) {
    populate_due = false;
    start_populating(type == RecordType::interaction ? data.unwritten_interaction_reserve(populate_rows)
                     : type == RecordType::survey    ? data.unwritten_survey_reserve(populate_rows)
                                                     : data.unwritten_event_reserve(populate_rows),
                     populate_rows);
  } else if (populating.joinable()) {
    appended_rows.fetch_add(b.entries.size() - first, std::memory_order_relaxed);
  }
}

namespace {

// The bytes from the stream's position to its end, when it can tell (a file); 0 otherwise.
std::uint64_t bytes_left(std::istream& in) {
  const auto here = in.tellg();
  if (here == std::istream::pos_type(-1)) return 0;
  std::uint64_t left = 0;
  if (in.seekg(0, std::ios::end)) {
    const auto end = in.tellg();
    if (end != std::istream::pos_type(-1) && end > here) left = static_cast<std::uint64_t>(end - here);
  }
  in.clear();
  in.seekg(here);
  return left;
}

}  // namespace

void Loader::State::note_hash_wants(RecordType type, detail::IdHashWants& wants) const {
  const Dictionary& ids = type == RecordType::survey ? data.survey_ids() : data.interaction_ids();
  wants.id.store(ids.finds_by_hash(), std::memory_order_relaxed);
  wants.customer.store(data.customers().finds_by_hash(), std::memory_order_relaxed);
  wants.link.store(data.interaction_ids().finds_by_hash(), std::memory_order_relaxed);  // links: found there first
}

void Loader::State::load_chunked(RecordType type, std::istream& in, std::uint32_t input, FileFormat format,
                                 const std::string* path) {
  const std::string& name = inputs[input];
  // The bytes left in the stream, when it can tell: sizes the data set's columns ahead (for
  // interactions and surveys) and tells a progress display the total.
  const std::uint64_t left = bytes_left(in);
  reserve_hint = type == RecordType::interaction || type == RecordType::survey || type == RecordType::interaction_event
                     ? left
                     : 0;
  detail::ChunkedReader::Options o;
  o.setup.type = type;
  o.setup.format = format == FileFormat::csv ? detail::TextFormat::csv : detail::TextFormat::lines;
  o.setup.separator = info[input].separator;
  o.setup.fields = &fields[index_of(type)];
  o.setup.scales = options.scales;
  o.setup.instants = instants;
  o.setup.limit = options.record_limit;
  o.setup.custom = &data.custom_dimensions();
  detail::IdHashWants hash_wants;
  note_hash_wants(type, hash_wants);
  o.setup.hash_wants = &hash_wants;
  o.chunk_bytes = options.chunk_bytes;
  o.threads = detail::threads_or_cores(options.threads);
  std::uint64_t records = 0;  // of this file, appended so far
  if (options.progress) {
    o.progress = [this, &name, left, &records](std::uint64_t bytes) {
      options.progress(LoadProgress{name, bytes, left, records});
    };
  }
  // The file mapped, from the stream's position on (where the readers start).
  std::optional<detail::MappedFile> mapped = path != nullptr ? detail::MappedFile::open(*path) : std::nullopt;
  if (mapped) {
    const auto here = in.tellg();
    if (here != std::istream::pos_type(-1) && static_cast<std::uint64_t>(here) <= mapped->bytes().size()) {
      o.mapped = mapped->bytes().substr(static_cast<std::size_t>(here));
    }
  }
  detail::ChunkedReader reader(in, name, std::move(o));
  reader.run([&](const detail::CsvRecord& header) { return plan_header(type, header, input); },
             [&](const detail::Batch& b, std::size_t first, std::int64_t delta) {
               records += b.entries.size() - first;
               append(type, b, first, delta, input);
               note_hash_wants(type, hash_wants);
             });
  stop_populating();  // the next file or phase gets both cores
}

void Loader::State::load_csv(RecordType type, std::istream& in, std::uint32_t input) {
  const std::string& name = inputs[input];
  detail::CsvReader reader(in, name, options.record_limit, true, info[input].separator);
  detail::CsvRecord record;
  if (!reader.next(record)) return;  // no header: zero records
  if (record.status != detail::CsvStatus::ok) {
    throw Error(ErrorCode::bad_input, fmt::format("{}:{}: the header row is malformed ({})", name, record.line,
                                                  record.status == detail::CsvStatus::too_long ? "too long"
                                                                                               : "a misplaced quote"));
  }
  constexpr std::size_t none = detail::max_fields;
  const detail::ColumnPlan plan = plan_header(type, record, input);
  const std::vector<std::size_t>& slot_of_column = plan.slots;
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
      if (slot != none && !record.fields[col].empty()) {
        values[slot] = RawValue{ValueKind::text, record.fields[col], record.ascii};
      }
    }
    plan.fields->apply_constants(values);
    if (plan.synthesize_id) {  // SPEC §8: FILE:LINE
      synthesized_id = fmt::format("{}:{}", name, record.line);
      values[detail::survey_field::id] = RawValue{ValueKind::text, synthesized_id, true};
    }
    take(type, values, input, record.line);
  }
}

void Loader::State::load_jsonl(RecordType type, std::istream& in, std::uint32_t input) {
  detail::LineReader reader(in, inputs[input], options.record_limit);
  detail::JsonFields json;
  detail::Line line;
  RawRecord values;
  const detail::FieldMap& map = fields[index_of(type)];
  std::vector<std::string_view> unknown;
  while (reader.next(line)) {
    if (line.too_long) {
      reject(type, input, line.number, {}, RejectReason::line_too_long, too_long_detail());
      continue;
    }
    if (auto p = json.parse(line.text)) {
      reject(type, input, line.number, std::move(*p));
      continue;
    }
    unknown.clear();
    json.fields(map, values, &unknown);
    for (const std::string_view key : unknown) note_unknown_key(input, key);
    map.apply_constants(values);
    take(type, values, input, line.number);
  }
}

void Loader::State::load_mixed(std::istream& raw, std::uint32_t input) {
  detail::InputText text(raw, inputs[input], false, std::nullopt, options.record_limit);
  std::istream& in = text.stream();
  detail::LineReader reader(in, inputs[input], options.record_limit);
  detail::JsonFields json;
  detail::Line line;
  RawRecord values;
  std::vector<std::string_view> unknown;
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
    const detail::FieldMap& map = fields[index_of(*type)];
    unknown.clear();
    json.fields(map, values, &unknown, record_member);
    for (const std::string_view key : unknown) note_unknown_key(input, key);
    map.apply_constants(values);
    take(*type, values, input, line.number);
  }
  warn_unknown_keys(input);
}

void Loader::State::finish() {
  const auto type = RecordType::interaction_event;
  const std::size_t rejects_before = rejects.size();  // those after: of deferred events, out of input order
  // Taken out first, so that a strict-mode throw leaves nothing deferred (as a second finish() expects).
  auto events = std::exchange(deferred, {});
  const auto runs = std::exchange(deferred_runs, {});
  const auto ids = std::exchange(deferred_ids, {});
  const auto agents = std::exchange(deferred_agents, {});
  // The agents, interned into the data set when the first accepted event uses each.
  detail::BatchLabelCodes agent_labels;
  constexpr std::size_t agent_dim = index_of(Dimension::agent);
  for (std::uint32_t code = 0; code < agents.size(); ++code) {
    agent_labels.labels[agent_dim].push_back({agents.value(code), Dictionary::hash(agents.value(code))});
  }
  agent_labels.codes[agent_dim].assign(agents.size(), detail::BatchLabelCodes::unresolved);
  // An interaction's events are mostly consecutive (one id ref): its row is looked up once. The
  // ids' slots are prefetched `ahead` events early, with the hashes kept for the lookup.
  constexpr std::size_t ahead = 8;
  std::array<std::uint64_t, 16> hashes{};
  data.restore_interaction_lookup();  // a table for ids a search would find slowly (Dictionary::restore_index)
  const auto new_id = [&](std::size_t i) { return i == 0 || events[i].id_ref() != events[i - 1].id_ref(); };
  const auto prepare = [&](std::size_t i) {
    if (i >= events.size() || !new_id(i)) return;
    hashes[i % hashes.size()] = Dictionary::hash(ids.get(events[i].id_ref()));
    data.interaction_ids().prefetch(hashes[i % hashes.size()]);
  };
  std::optional<std::uint32_t> row;
  std::size_t run = 0;
  const std::size_t n = events.size();
  // Events added as they came; deferred ones before the last of them in input order go back
  // among them after the adds (positions: where each accepted one goes).
  const std::size_t added = data.interaction_events().size();
  const bool interleave = !runs.empty() && runs.front().position < added;
  std::vector<std::uint32_t> positions;
  // The event columns sized once, their pages faulted in ahead of the adds on a spare thread.
  data.reserve_events(n);
  if (n > 0) start_populating(data.unwritten_event_reserve(n), n);
  constexpr std::size_t progress_every = 4096;
  for (std::size_t i = 0; i < std::min(ahead, n); ++i) prepare(i);
  for (std::size_t i = 0; i < n; ++i) {
    if (i % progress_every == 0) appended_rows.store(i, std::memory_order_relaxed);
    prepare(i + ahead);
    while (run + 1 < runs.size() && runs[run + 1].first_event <= i) ++run;
    const DeferredEvent& d = events[i];
    const std::string_view id = ids.get(d.id_ref());
    if (new_id(i)) row = data.interaction_ids().find(id, hashes[i % hashes.size()]);
    const std::uint32_t input = runs[run].input;
    const std::uint64_t line = (std::uint64_t{runs[run].line_high} << 32) | d.line_low;
    if (row) {
      const std::size_t size = data.interaction_events().size();
      add_event(detail::EventRow{*row, d.at_ms, d.type(), d.status(), &agent_labels, d.agent}, id, input, line);
      if (interleave && data.interaction_events().size() > size) {
        positions.push_back(static_cast<std::uint32_t>(runs[run].position));
      }
    } else {
      reject(type, input, line, "interaction_id", RejectReason::unknown_interaction,
             fmt::format("no accepted interaction {}", id));
    }
    // The chunk before i's is not read any more (new_id(i) read its last event).
    if (i % decltype(events)::chunk_size == 0 && i > 0) events.release_chunk_of(i - 1);
  }
  stop_populating();
  if (!positions.empty()) data.reorder_events(interleaved_order(added, positions));
  if (rejects.size() > rejects_before) {  // put the event rejects back in input order: by input, then line
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
  data.link(detail::threads_or_cores(options.threads));
}

std::optional<FileFormat> format_from_path(std::string_view path) noexcept {
  if (ends_with_ci(path, ".csv") || ends_with_ci(path, ".tsv")) return FileFormat::csv;  // .tsv: TAB is detected
  if (ends_with_ci(path, ".jsonl") || ends_with_ci(path, ".ndjson")) return FileFormat::jsonl;
  return std::nullopt;
}

Loader::Loader(Dataset& data, LoadOptions options) : state_(std::make_unique<State>(data, options)) {
  data.restore_lookup_tables();  // the loader looks ids up by text (duplicates, events)
}
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
                fmt::format("{}: unknown file format (expected .csv, .tsv, .jsonl or .ndjson)", path));
  }
  std::ifstream in = open_input(path);
  state_->load(type, in, state_->begin_input(path, *format, type), *format, &path);
}

void Loader::State::load(RecordType type, std::istream& raw, std::uint32_t input, FileFormat format,
                         const std::string* path) {
  const bool csv = format == FileFormat::csv;
  detail::InputText text(raw, inputs[input], csv, csv ? options.mapping.encoding : std::nullopt, options.record_limit);
  InputInfo& i = info[input];
  if (csv) {
    i.header = text.header();
    i.separator_given = options.mapping.delimiter.has_value();
    if (options.mapping.delimiter) {
      i.separator = *options.mapping.delimiter;
    } else if (i.header) {
      i.separator = detail::detect_separator(fields[index_of(type)], *i.header);
    }
  }
  std::istream& in = text.stream();
  // Events look their interactions up as they come: by a table when a search would be slow.
  if (type == RecordType::interaction_event) data.restore_interaction_lookup();
  if (options.chunk_bytes > 0) {
    // A plain UTF-8 file is read as it is on disk: mapped when it can be.
    load_chunked(type, in, input, format, &in == &raw ? path : nullptr);
  } else if (csv) {
    load_csv(type, in, input);
  } else {
    load_jsonl(type, in, input);
  }
  warn_unknown_keys(input);
}

void Loader::load(RecordType type, std::istream& in, const std::string& name, FileFormat format) {
  state_->load(type, in, state_->begin_input(name, format, type), format);
}

void Loader::load_mixed(const std::string& path) {
  std::ifstream in = open_input(path);
  load_mixed(in, path);
}

void Loader::load_mixed(std::istream& in, const std::string& name) {
  state_->load_mixed(in, state_->begin_input(name, FileFormat::jsonl, std::nullopt));
}

void Loader::finish() { state_->finish(); }

const InputCounts& Loader::counts(RecordType t) const noexcept { return state_->counts[index_of(t)]; }

const std::vector<Reject>& Loader::rejects() const noexcept { return state_->rejects; }

std::uint64_t Loader::unrouted() const noexcept { return state_->unrouted; }

const std::vector<InputWarning>& Loader::warnings() const noexcept { return state_->warnings; }

bool is_unrouted(const Reject& reject) noexcept { return reject.field == record_member; }

}  // namespace cskpi
