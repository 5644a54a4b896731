#include "io/parallel_load.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "cskpi/error.hpp"
#include "detail/huge_pages.hpp"
#include "detail/same_text.hpp"
#include "io/json_fields.hpp"
#include "io/plain_record.hpp"
#include "io/record_pack.hpp"

namespace cskpi::detail {

void Batch::clear() {
  entries.clear();
  interactions.clear();
  surveys.clear();
  events.clear();
  raws.clear();
  problems.clear();
  custom.clear();
  arena.clear();
  for (BatchLabels& l : labels) {
    l.text.clear();
    l.hash.clear();
    std::fill(l.slots.begin(), l.slots.end(), 0);
  }
  last_event_agent = no_code;
  speculated = false;
  stop = 0;
  stop_line = 0;
  stop_pending_lf = false;
  unknown_keys.clear();
}

namespace {

void place(BatchLabels& l, std::uint32_t code) {
  const std::size_t mask = l.slots.size() - 1;
  std::size_t i = l.hash[code] & mask;
  while (l.slots[i] != 0) i = (i + 1) & mask;
  l.slots[i] = code + 1;
}

}  // namespace

std::uint32_t Batch::label(Dimension d, std::string_view value) {
  constexpr std::size_t first_slots = 64;
  BatchLabels& l = labels[index_of(d)];
  if (l.slots.empty()) l.slots.assign(first_slots, 0);
  const std::uint64_t h = Dictionary::hash(value);
  const std::size_t mask = l.slots.size() - 1;
  std::size_t i = h & mask;
  for (; l.slots[i] != 0; i = (i + 1) & mask) {
    const std::uint32_t code = l.slots[i] - 1;
    if (l.hash[code] == h && same_text(text(l.text[code]), value)) return code;
  }
  const auto code = static_cast<std::uint32_t>(l.text.size());
  l.text.push_back({static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(value.size())});
  arena.append(value);
  l.hash.push_back(h);
  l.slots[i] = code + 1;
  if (2 * l.text.size() > l.slots.size()) {  // at most half full
    l.slots.assign(2 * l.slots.size(), 0);
    for (std::uint32_t c = 0; c < l.text.size(); ++c) place(l, c);
  }
  return code;
}

// ---------------------------------------------------------------------------------------------
// One record → a packed record or a problem.

struct RecordParser::Impl {
  explicit Impl(const ParseSetup& s)
      : type(s.type),
        format(s.format),
        separator(s.separator),
        columns(s.columns),
        fields(s.fields),
        builder(s.scales, s.instants, s.custom),
        plain_instants(s.instants.plain()),
        plain(s.scales, s.custom != nullptr ? s.custom->size() : 0),
        limit(s.limit),
        hash_wants(s.hash_wants),
        event_columns(event_columns_of(s)) {}

  RecordType type;
  TextFormat format;
  char separator;
  const ColumnPlan* columns;
  const FieldMap* fields;
  RecordBuilder builder;
  bool plain_instants;      // instants read without a format or input zone: the plain path may read them
  PlainRecordReader plain;  // the common record's fast path
  std::size_t limit;
  const IdHashWants* hash_wants;
  std::vector<std::string_view> unknown;
  JsonFields json;
  CsvRecord csv;
  std::string scratch;
  RawRecord values;
  bool csv_slots_clear = false;  // CSV: the slots no column feeds are absent
  Interaction interaction;
  SurveyResponse survey;
  InteractionValues interaction_values;
  SurveyValues survey_values;
  EventValues event_values;
  InteractionEvent event;
  // An interaction events CSV file whose records the direct path reads from their columns:
  // each field's column (`no_column`: none). Set when every column feeds an event field or
  // none, no field is a constant and instants are plain.
  static constexpr std::size_t no_column = std::numeric_limits<std::size_t>::max();
  using EventColumns = std::array<std::size_t, event_field::count>;
  std::optional<EventColumns> event_columns;

  static std::optional<EventColumns> event_columns_of(const ParseSetup& s) {
    if (s.type != RecordType::interaction_event || s.format != TextFormat::csv || s.columns == nullptr ||
        !s.instants.plain() || s.columns->synthesize_id || !s.columns->fields->constants().empty()) {
      return std::nullopt;
    }
    EventColumns of{};
    of.fill(no_column);
    for (std::size_t col = 0; col < s.columns->slots.size(); ++col) {
      const std::size_t slot = s.columns->slots[col];
      if (slot == max_fields) continue;
      if (slot >= event_field::count) return std::nullopt;
      of[slot] = col;
    }
    return of;
  }

  // An event read from its columns (false: declined, for the general rules).
  bool take_event_columns(const CsvRecord& split, Batch& out, std::uint64_t start, std::uint64_t line) {
    namespace f = event_field;
    const auto text = [&](std::size_t field) {
      const std::size_t col = (*event_columns)[field];
      return col == no_column ? std::string_view{} : split.fields[col];
    };
    const PlainRecordReader::EventTexts texts{text(f::interaction_id), text(f::at), text(f::type), text(f::status),
                                              text(f::agent_id)};
    if (!plain.read(texts, event_values)) return false;
    pack(out, event_values, start, line, hash_wants);
    return true;
  }

  void problem(Batch& out, std::uint64_t start, std::uint64_t line, Problem&& p) {
    out.entries.push_back({start, line, static_cast<std::uint32_t>(out.problems.size()), Batch::Kind::problem});
    out.problems.push_back(std::move(p));
  }

  // A record of `length` bytes that is too long (a problem, not read) or blank (no record):
  // true when there is nothing more to read.
  bool skipped(std::uint64_t length, bool blank, Batch& out, std::uint64_t start, std::uint64_t line) {
    if (length > limit) {
      problem(out, start, line,
              Problem{{}, RejectReason::line_too_long,
                      fmt::format("longer than {} bytes: skipped without being read", limit)});
      return true;
    }
    return blank;
  }

  // values → an entry: built here for interactions and surveys, kept raw for the rest.
  void take(Batch& out, std::uint64_t start, std::uint64_t line) {
    switch (type) {
      case RecordType::interaction: {
        if (plain_instants && plain.read(values, interaction_values)) {
          return pack(out, interaction_values, start, line, hash_wants);
        }
        if (auto p = builder.build(values, interaction)) return problem(out, start, line, std::move(*p));
        return pack(out, values_of(interaction), start, line, hash_wants);
      }
      case RecordType::survey: {
        if (plain_instants && plain.read(values, survey_values)) return pack(out, survey_values, start, line, hash_wants);
        if (auto p = builder.build(values, survey)) return problem(out, start, line, std::move(*p));
        return pack(out, values_of(survey), start, line, hash_wants);
      }
      case RecordType::interaction_event: {
        if (plain_instants && plain.read(values, event_values)) return pack(out, event_values, start, line, hash_wants);
        if (auto p = builder.build(values, event)) return problem(out, start, line, std::move(*p));
        return pack(out, values_of(event), start, line, hash_wants);
      }
      case RecordType::customer_event:
      case RecordType::agent_event: {
        PackedRaw raw;
        for (std::size_t i = 0; i < max_fields; ++i) {
          const RawValue& v = values[i];
          raw.values[i].kind = v.kind;
          raw.values[i].utf8 = v.utf8;
          if (v.kind != ValueKind::absent) raw.values[i].text = put(out.arena, v.text);
        }
        out.entries.push_back({start, line, static_cast<std::uint32_t>(out.raws.size()), Batch::Kind::raw});
        out.raws.push_back(raw);
        return;
      }
    }
  }

  void parse_csv(std::string_view record, std::size_t readable, Batch& out, std::uint64_t start, std::uint64_t line) {
    if (!split_plain_csv_record(record, csv, separator, std::max(readable, record.size()))) {
      split_csv_record(record, csv, scratch, separator);
    }
    take_csv(csv, out, start, line);
  }

  void take_csv(const CsvRecord& split, Batch& out, std::uint64_t start, std::uint64_t line) {
    if (split.status == CsvStatus::malformed_quote) {
      return problem(out, start, line,
                     Problem{{}, RejectReason::malformed_quote,
                             "text after a closing quote, a quote inside an unquoted field, or an unclosed quote"});
    }
    const std::vector<std::size_t>& slots = columns->slots;
    const std::size_t n = slots.size();
    if (split.fields.size() != n) {
      return problem(out, start, line,
                     Problem{{}, RejectReason::field_count,
                             fmt::format("{} fields under a {}-field header", split.fields.size(), n)});
    }
    if (event_columns && split.ascii && take_event_columns(split, out, start, line)) return;
    // Every record of a file sets the same slots (its header's columns, the constants, a
    // synthesized id), so the others are cleared once and only these are written per record.
    if (!csv_slots_clear) {
      values.fill(RawValue{});
      csv_slots_clear = true;
    }
    for (std::size_t col = 0; col < n; ++col) {
      const std::size_t slot = slots[col];
      if (slot == max_fields) continue;
      values[slot] = split.fields[col].empty() ? RawValue{} : RawValue{ValueKind::text, split.fields[col], split.ascii};
    }
    columns->fields->apply_constants(values);
    if (columns->synthesize_id) values[survey_field::id] = RawValue{ValueKind::text, "-", true};  // FILE:LINE later
    take(out, start, line);
  }

  void parse_json(std::string_view record, Batch& out, std::uint64_t start, std::uint64_t line) {
    if (auto p = json.parse(record)) return problem(out, start, line, std::move(*p));
    unknown.clear();
    json.fields(*fields, values, &unknown);
    fields->apply_constants(values);
    if (!unknown.empty()) note_unknown(out);
    take(out, start, line);
  }

  // The unknown keys of the line about to become entry entries.size().
  void note_unknown(Batch& out) {
    constexpr std::size_t most = 64;  // distinct keys kept per batch
    const auto entry = static_cast<std::uint32_t>(out.entries.size());
    for (const std::string_view key : unknown) {
      bool found = false;
      for (auto& [k, last] : out.unknown_keys) {
        if (k == key) {
          last = entry;
          found = true;
          break;
        }
      }
      if (!found && out.unknown_keys.size() < most) out.unknown_keys.emplace_back(std::string{key}, entry);
    }
  }
};

RecordParser::RecordParser(const ParseSetup& setup) : impl_(std::make_unique<Impl>(setup)) {}

RecordParser::~RecordParser() = default;

void RecordParser::parse(std::string_view record, std::uint64_t length, bool blank, bool at_end, std::uint64_t start,
                         std::uint64_t line, Batch& out, std::size_t readable) {
  Impl& m = *impl_;
  const bool csv = m.format == TextFormat::csv;
  // At the end of the input, trailing blanks (CSV) or nothing (lines) are no record.
  if (at_end && (csv ? blank : length == 0)) return;
  if (m.skipped(length, blank, out, start, line)) return;
  if (csv) {
    m.parse_csv(record, readable, out, start, line);
  } else {
    m.parse_json(record, out, start, line);
  }
}

void RecordParser::parse_split(std::string_view record, const CsvRecord& fields, bool blank, std::uint64_t start,
                               std::uint64_t line, Batch& out) {
  Impl& m = *impl_;
  if (m.skipped(record.size(), blank, out, start, line)) return;
  m.take_csv(fields, out, start, line);
}

// ---------------------------------------------------------------------------------------------
// Worker threads.

namespace {

// A fixed set of threads running queued jobs in order of submission.
class WorkerPool {
 public:
  explicit WorkerPool(unsigned n) {
    threads_.reserve(n);
    for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
  }
  ~WorkerPool() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> job) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// One chunk of the file and what a worker made of it.
struct Chunk {
  std::vector<char> buffer;    // the bytes read from a stream (unused for a mapped input)
  const char* bytes = nullptr;  // its bytes: buffer's, or the mapped input's
  std::size_t size = 0;
  std::uint64_t offset = 0;  // of bytes[0] in the file
  char prev = 0;             // the byte before bytes[0] (0 at the start of the file)
  bool last = false;         // the input ends with this chunk
  bool submitted = false;
  bool ready = false;  // parsed.get() has returned
  std::future<void> parsed;
  Batch batch;
  [[nodiscard]] std::uint64_t end() const noexcept { return offset + size; }
};

// Speculative parse of one chunk: from the first byte after an LF (after which no LF is pending)
// to the last record that ends in the chunk.
void parse_chunk(Chunk& c, TextFormat format, char separator, RecordParser& parser) {
  Batch& b = c.batch;
  b.clear();
  const char* const data = c.bytes;
  const char* const last = data + c.size;
  const char* p = data;
  if (c.prev != '\n') {
    const auto* lf = static_cast<const char*>(std::memchr(data, '\n', c.size));
    if (lf == nullptr) return;  // speculated = false
    p = lf + 1;
  }
  b.speculated = true;
  RecordEnd end(format, separator);
  std::optional<PlainCsvScanner> plain;
  if (format == TextFormat::csv) plain.emplace(last, separator);
  CsvRecord fields;
  std::uint64_t line = 0;
  bool pending_lf = false;
  while (p != last) {
    const auto start = static_cast<std::uint64_t>(p - data);
    bool blank = false;
    const char* t = plain ? plain->next(p, fields, blank) : nullptr;
    bool at_end = false;
    if (t != nullptr) {  // the common record, found and split at once
      parser.parse_split({p, static_cast<std::size_t>(t - p)}, fields, blank, start, line, b);
      ++line;
    } else {
      end.reset();
      t = end.find(p, last);
      if (t == last && !c.last) break;  // the record goes on in the next chunk
      at_end = t == last;
      const std::string_view record(p, static_cast<std::size_t>(t - p));
      parser.parse(record, record.size(), all_blank(record, separator), at_end, start, line, b,
                   static_cast<std::size_t>(last - p));
      line += end.inner_lines() + (at_end ? 0 : 1);
    }
    if (at_end) {
      p = last;
      break;
    }
    p = t + 1;
    if (*t == '\r') {
      if (p == last) {
        pending_lf = true;
        break;
      }
      if (*p == '\n') ++p;
    }
  }
  b.stop = static_cast<std::uint64_t>(p - data);
  b.stop_line = line;
  b.stop_pending_lf = pending_lf;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The loading thread: reading, walking the records in order, handing batches over.

struct ChunkedReader::Impl {
  Impl(std::istream& i, std::string n, Options o) : in(i), name(std::move(n)), options(std::move(o)) {
    options.chunk_bytes = std::max<std::size_t>(options.chunk_bytes, 1);
    const unsigned workers = options.threads > 1 ? options.threads : 0;
    window_limit = std::max<std::size_t>(2, std::size_t{workers} + 2);
    if (workers > 0) pool = std::make_unique<WorkerPool>(workers);
  }

  ~Impl() {
    // Workers may still read chunks: wait for them before the chunks go.
    for (auto& c : window) {
      if (c->submitted && c->parsed.valid()) c->parsed.wait();
    }
    pool.reset();
  }

  std::istream& in;
  std::string name;
  Options options;
  std::size_t window_limit = 2;
  std::unique_ptr<WorkerPool> pool;
  std::deque<std::unique_ptr<Chunk>> window;  // consecutive chunks, oldest first
  std::vector<std::unique_ptr<Chunk>> spare;
  bool read_all = false;
  std::uint64_t read_bytes = 0;
  char last_byte = 0;  // of the input read so far
  ColumnPlan columns;
  bool workers_ready = false;  // the header is read: chunks may be parsed
  // The records the loading thread parses itself (seams, wrong guesses).
  Batch own;
  std::string carry;  // a record that spans chunks
  std::unique_ptr<RecordParser> parser;
  // Where the next record starts.
  std::uint64_t pos = 0;
  bool pending_lf = false;
  std::uint64_t line = 1;

  // Reads the next chunk; false at the end of the input (then the last chunk is marked last).
  bool read_chunk() {
    if (read_all) return false;
    std::unique_ptr<Chunk> c;
    if (!spare.empty()) {
      c = std::move(spare.back());
      spare.pop_back();
    } else {
      c = std::make_unique<Chunk>();
    }
    std::size_t got = 0;
    if (options.mapped) {
      got = static_cast<std::size_t>(std::min<std::uint64_t>(options.chunk_bytes, options.mapped->size() - read_bytes));
      c->bytes = options.mapped->data() + read_bytes;
    } else {
      c->buffer.resize(options.chunk_bytes);
      in.read(c->buffer.data(), static_cast<std::streamsize>(options.chunk_bytes));
      got = static_cast<std::size_t>(in.gcount());
      if (in.bad()) throw Error(ErrorCode::io_error, "cannot read " + name);
      c->bytes = c->buffer.data();
    }
    c->size = got;
    c->offset = read_bytes;
    c->prev = read_bytes == 0 ? '\0' : last_byte;
    c->submitted = false;
    c->ready = false;
    c->batch.clear();
    read_bytes += got;
    if (got > 0) last_byte = c->bytes[got - 1];
    if (got < options.chunk_bytes) {
      read_all = true;
      c->last = true;
    } else {
      c->last = false;
    }
    if (got == 0) {  // nothing more (the previous chunk was the last one after all)
      spare.push_back(std::move(c));
      return false;
    }
    window.push_back(std::move(c));
    if (workers_ready) submit(*window.back());
    return true;
  }

  void submit(Chunk& c) {
    c.submitted = true;
    // The promise is the job's own: the chunk may be reused as soon as the future is ready.
    auto done = std::make_shared<std::promise<void>>();
    c.parsed = done->get_future();
    Chunk* chunk = &c;
    auto job = [this, chunk, done] {
      try {
        RecordParser p(options.setup);
        parse_chunk(*chunk, options.setup.format, options.setup.separator, p);
        done->set_value();
      } catch (...) {
        done->set_exception(std::current_exception());
      }
    };
    if (pool) {
      pool->submit(std::move(job));
    } else {
      job();
    }
  }

  // Frees the chunks wholly before `offset` and reads ahead to fill the window.
  void advance_window(std::uint64_t offset) {
    while (!window.empty() && window.front()->end() <= offset) {
      auto c = std::move(window.front());
      window.pop_front();
      if (c->submitted && c->parsed.valid()) c->parsed.wait();
      if (options.mapped) drop_mapped(c->end());
      spare.push_back(std::move(c));
    }
    while (window.size() < window_limit && read_chunk()) {
    }
  }

  // A mapped input's bytes before `end`, read no more, stop counting as the process's memory
  // (else the whole file would by the end of it: 1.2 GB at 10M).
  void drop_mapped(std::uint64_t end) {
    if (end <= dropped) return;
    // Whole pages only: a page across two chunks stays (4 KiB per chunk).
    drop_mapped_pages(options.mapped->data() + dropped, static_cast<std::size_t>(end - dropped));
    dropped = end;
  }
  std::uint64_t dropped = 0;  // of the mapped input: the bytes before it are dropped

  // The chunk holding byte `offset`, reading as needed; nullptr past the end of the input.
  Chunk* chunk_at(std::uint64_t offset) {
    for (;;) {
      for (auto& c : window) {
        if (offset >= c->offset && offset < c->end()) return c.get();
      }
      if (!read_chunk()) return nullptr;
    }
  }

  // Resolves a pending LF; false at the end of the input.
  bool settle() {
    Chunk* c = chunk_at(pos);
    if (c == nullptr) return false;
    if (pending_lf) {
      pending_lf = false;
      if (c->bytes[pos - c->offset] == '\n') {
        ++pos;
        return settle();
      }
    }
    return true;
  }

  // The record at pos, scanned on this thread across chunks; pos and line move past it.
  struct Scanned {
    std::string_view record;  // empty when not held (over the limit)
    std::uint64_t length = 0;
    bool blank = true;
    bool at_end = false;
    std::uint64_t line = 0;  // its first line
  };

  Scanned scan_own() {
    RecordEnd end(options.setup.format, options.setup.separator);
    end.reset();
    carry.clear();
    Scanned out;
    out.line = line;
    bool held = true;      // carry (or the view) holds the whole record so far
    bool spanned = false;  // the record goes past its first chunk: it is gathered in carry
    const std::uint64_t start = pos;
    Chunk* c = chunk_at(pos);
    std::uint64_t at = pos;
    const char* t = nullptr;
    for (;;) {
      const char* const first = c->bytes + (at - c->offset);
      const char* const last = c->bytes + c->size;
      t = end.find(first, last);
      const std::string_view piece(first, static_cast<std::size_t>(t - first));
      out.length += piece.size();
      if (out.blank) out.blank = all_blank(piece, options.setup.separator);
      if (spanned || t == last) {
        if (held && out.length <= options.setup.limit + 1) {
          carry.append(piece);
        } else {
          held = false;
          std::string().swap(carry);  // over the limit: not held
        }
      }
      if (t != last) break;
      at = c->end();
      Chunk* next = chunk_at(at);
      if (next == nullptr) {
        out.at_end = true;
        break;
      }
      c = next;
      spanned = true;
      if (window.size() > window_limit) advance_window(c->offset);  // a long record: memory stays bounded
    }
    if (held) {
      out.record = spanned || out.at_end ? std::string_view(carry)
                                         : std::string_view(c->bytes + (start - c->offset), out.length);
    }
    line += end.inner_lines() + (out.at_end ? 0 : 1);
    if (out.at_end) {
      pos = read_bytes;
      pending_lf = false;
    } else {
      pos = c->offset + static_cast<std::uint64_t>(t - c->bytes) + 1;
      pending_lf = *t == '\r';
    }
    return out;
  }

  // Parses the record at pos on this thread, into `own` (lines absolute).
  void parse_own(RecordParser& p) {
    const std::uint64_t start = pos;
    const Scanned s = scan_own();
    own.clear();
    p.parse(s.record, s.length, s.blank, s.at_end, start, s.line, own);
  }

  void run(const Header& header, const Append& append) {
    // A BOM at the start of the file is skipped.
    while (read_bytes < 3 && read_chunk()) {
    }
    if (read_bytes >= 3) {
      char head[3];
      for (std::uint64_t i = 0; i < 3; ++i) {
        const Chunk* c = chunk_at(i);
        head[i] = c->bytes[i - c->offset];
      }
      if (std::memcmp(head, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    }
    if (options.setup.format == TextFormat::csv) {
      if (!read_header(header)) return;
      options.setup.columns = &columns;
    }
    workers_ready = true;
    parser = std::make_unique<RecordParser>(options.setup);
    for (auto& c : window) {
      if (!c->submitted) submit(*c);
    }
    advance_window(pos);
    while (settle()) {
      Chunk* c = chunk_at(pos);
      advance_window(c->offset);
      if (take_speculated(*c, append)) {
        if (options.progress) options.progress(pos);
        continue;
      }
      parse_own(*parser);
      if (!own.entries.empty()) append(own, 0, 0);
    }
  }

  // Takes the worker's records from the one starting at pos, when there is one.
  bool take_speculated(Chunk& c, const Append& append) {
    if (!c.submitted) return false;
    if (!c.ready) {
      c.parsed.get();  // rethrows a worker's exception
      c.ready = true;
    }
    const Batch& b = c.batch;
    if (!b.speculated) return false;
    const std::uint64_t local = pos - c.offset;
    const auto it = std::lower_bound(b.entries.begin(), b.entries.end(), local,
                                     [](const Batch::Entry& e, std::uint64_t v) { return e.start < v; });
    if (it == b.entries.end() || it->start != local) return false;  // a seam, a blank line or a wrong guess
    const std::uint64_t from_line = it->line;
    append(b, static_cast<std::size_t>(it - b.entries.begin()),
           static_cast<std::int64_t>(line) - static_cast<std::int64_t>(from_line));
    line += b.stop_line - from_line;
    pos = c.offset + b.stop;
    pending_lf = b.stop_pending_lf;
    return true;
  }

  // The header: the first non-blank record. False when there is none (zero records).
  bool read_header(const Header& header) {
    while (settle()) {
      const Scanned s = scan_own();
      if (s.at_end && s.blank) return false;
      if (s.length > options.setup.limit) {
        throw Error(ErrorCode::bad_input, fmt::format("{}:{}: the header row is malformed (too long)", name, s.line));
      }
      if (s.blank) continue;
      CsvRecord record;
      std::string scratch;
      split_csv_record(s.record, record, scratch, options.setup.separator);
      record.line = s.line;
      if (record.status != CsvStatus::ok) {
        throw Error(ErrorCode::bad_input,
                    fmt::format("{}:{}: the header row is malformed (a misplaced quote)", name, s.line));
      }
      columns = header(record);
      return true;
    }
    return false;
  }
};

ChunkedReader::ChunkedReader(std::istream& in, std::string name, Options options)
    : impl_(std::make_unique<Impl>(in, std::move(name), std::move(options))) {}

ChunkedReader::~ChunkedReader() = default;

void ChunkedReader::run(const Header& header, const Append& append) { impl_->run(header, append); }

}  // namespace cskpi::detail
