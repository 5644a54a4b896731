// io/parallel_load.hpp: the chunked loader. A file is read in chunks; worker threads parse each
// chunk on the guess that its first record starts after its first LF (speculative parsing); the
// loading thread walks the file in order from the true start of each record, takes a chunk's
// records from the first one whose start it reaches exactly (then the guess was right from there
// on) and parses the records across chunk seams, and any a wrong guess left, itself. The records
// reach the data set in input order, so every result is that of the sequential readers.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <istream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/reject.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/model/interaction_event.hpp"
#include "cskpi/model/survey.hpp"
#include "io/field_map.hpp"
#include "io/instant_reader.hpp"
#include "io/record_fields.hpp"
#include "io/record_scan.hpp"

namespace cskpi::detail {

/// A piece of a Batch's arena; size == absent for an absent label.
struct ArenaRef {
  static constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t offset = 0;
  std::uint32_t size = absent;
};

/// The distinct labels of one dimension in a batch, in first-seen order. Packed records hold
/// their positions (batch codes), so the loading thread interns each distinct label once per
/// batch, not once per record: the workers find them, with hashes computed on their threads.
struct BatchLabels {
  std::vector<ArenaRef> text;        // by batch code
  std::vector<std::uint64_t> hash;   // Dictionary::hash of each
  std::vector<std::uint32_t> slots;  // open addressing: batch code + 1, 0 = empty; a power of two
};

/// An interaction checked on a worker thread: ids in the batch arena, dimension labels as batch
/// codes (Batch::labels; no_code = absent; priority as its name), everything else in column units.
struct PackedInteraction {
  ArenaRef id;
  ArenaRef customer;
  std::array<std::uint32_t, dimension_count> dim{};
  std::uint32_t custom = 0;  // its custom dimensions: Batch::custom[custom, custom + count)
  std::uint64_t id_hash = 0;
  std::uint64_t customer_hash = 0;
  InteractionMeasures measures;
};

struct PackedSurvey {
  ArenaRef id;
  ArenaRef customer;
  ArenaRef link;
  std::array<std::uint32_t, dimension_count> dim{};  // batch codes, as PackedInteraction::dim
  std::uint32_t custom = 0;  // as PackedInteraction::custom
  std::uint64_t id_hash = 0;
  std::uint64_t customer_hash = 0;
  std::uint64_t link_hash = 0;
  std::int64_t responded_ms = 0;
  std::int16_t score = 0;
  SurveyKind kind = SurveyKind::nps;
};

/// An interaction event checked on a worker thread (the loading thread adds it, or defers it
/// when its interaction may come later). Consecutive events of one interaction share its id's
/// text and hash.
struct PackedEvent {
  static constexpr std::uint8_t no_status = 0xFF;
  ArenaRef interaction;
  std::uint32_t agent = no_code;  // a batch code of Batch::labels (no_code = absent)
  std::uint64_t interaction_hash = 0;
  std::int64_t at_ms = 0;
  InteractionEventType type = InteractionEventType::status;
  std::uint8_t status = no_status;  // a TicketStatus, or no_status
};

/// The raw values of a record of the other types (built on the loading thread, which defers
/// interaction events and interns their few labels).
struct PackedRaw {
  struct Value {
    ArenaRef text;
    ValueKind kind = ValueKind::absent;
    bool utf8 = false;
  };
  std::array<Value, max_fields> values;
};

/// The parsed records of one chunk (or of the loading thread's own parsing), in input order.
struct Batch {
  enum class Kind : unsigned char { interaction, survey, event, raw, problem };
  struct Entry {
    std::uint64_t start = 0;  // chunk-relative offset of the record's first byte
    std::uint64_t line = 0;   // line of its first line, relative to the batch's first record
    std::uint32_t index = 0;  // into the vector of its kind
    Kind kind = Kind::problem;
  };
  std::vector<Entry> entries;  // sorted by start
  std::vector<PackedInteraction> interactions;
  std::vector<PackedSurvey> surveys;
  std::vector<PackedEvent> events;
  std::vector<PackedRaw> raws;
  std::vector<Problem> problems;
  /// The custom dimension values of the packed records, as many per record as are configured
  /// (none without custom dimensions: a packed row stays small).
  std::vector<ArenaRef> custom;
  std::string arena;
  /// The distinct dimension labels of the packed records, by Dimension index.
  std::array<BatchLabels, dimension_count> labels;
  /// The agent of the last packed event that has one (no_code: none yet).
  std::uint32_t last_event_agent = no_code;
  /// JSON keys that feed no field, each with the last entry whose line has it (so that the
  /// keys of entries [first, end) are known whatever suffix is appended).
  std::vector<std::pair<std::string, std::uint32_t>> unknown_keys;
  // Where the worker stopped: the first record it could not finish in the chunk, or the end.
  bool speculated = false;  // false: no LF in the chunk, nothing parsed
  std::uint64_t stop = 0;
  std::uint64_t stop_line = 0;
  bool stop_pending_lf = false;  // stop follows a CR: an LF there belongs to the previous record

  void clear();
  [[nodiscard]] std::string_view text(ArenaRef r) const noexcept { return {arena.data() + r.offset, r.size}; }
  /// The batch code of a label of dimension d, adding it to the arena and labels[d] when new.
  std::uint32_t label(Dimension d, std::string_view value);
};

/// Which ids of a file's records the loading thread's dictionaries find by hash now. Ids in
/// order and numbered ids need none (Dictionary::finds_by_hash): the workers then leave the
/// hash 0, which the dictionary computes where it needs it (the mode may change after), and
/// skip hashing two or three ids a record (3 % of a 10M load's CPU).
struct IdHashWants {
  std::atomic<bool> id{true};
  std::atomic<bool> customer{true};
  std::atomic<bool> link{true};
};

/// How the records of one file are read, on any thread.
struct ParseSetup {
  RecordType type = RecordType::interaction;
  TextFormat format = TextFormat::csv;
  char separator = ',';                 // CSV
  const ColumnPlan* columns = nullptr;  // CSV: the header's plan
  const FieldMap* fields = nullptr;     // JSON Lines: key → slot, and the constants
  SurveyScales scales{};
  InstantReader instants;
  std::size_t limit = 0;
  const CustomNames* custom = nullptr;  // the custom dimensions (alive as long as the batches)
  const IdHashWants* hash_wants = nullptr;  // nullptr: every id hashed
};

/// What a record of a file becomes, decided on any thread: CSV fields or a JSON line → a packed
/// record or a problem. Not thread-safe: one per thread.
class RecordParser {
 public:
  explicit RecordParser(const ParseSetup& setup);
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;
  ~RecordParser();

  /// One record's bytes (without its line end) → an entry of `out`, or nothing for a blank
  /// line. `length` is the record's size (record.size() unless it is over the limit: then it is
  /// not held and record is empty); `blank`: every byte is a space or tab; `at_end`: the record
  /// ends at the end of the input, not at a line end. `readable`: the bytes from record.data()
  /// on that may be read, past the record too (0: record.size()), for scans in whole blocks.
  void parse(std::string_view record, std::uint64_t length, bool blank, bool at_end, std::uint64_t start,
             std::uint64_t line, Batch& out, std::size_t readable = 0);
  /// A CSV record PlainCsvScanner found and split (so not at the end of the input): as parse()
  /// with `fields` the record's split.
  void parse_split(std::string_view record, const CsvRecord& fields, bool blank, std::uint64_t start,
                   std::uint64_t line, Batch& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads one file in chunks, parses them on `threads` workers (0 or 1: on the calling thread)
/// and hands the batches to `append` in input order. CSV: the first record is the header, given
/// to `header` (before any record), which returns the column slots.
class ChunkedReader {
 public:
  struct Options {
    ParseSetup setup;  // its `columns` are set by run() from the header
    std::size_t chunk_bytes = std::size_t{8} << 20;
    unsigned threads = 1;
    /// Called on the loading thread with the bytes of the input consumed so far, after each
    /// chunk's records were appended (about once per chunk); may be empty.
    std::function<void(std::uint64_t)> progress{};
    /// The input's bytes from the stream's position on, when they are mapped in memory
    /// (MappedFile): chunks are views of them and the stream is not read.
    std::optional<std::string_view> mapped{};
  };
  /// Appends entries [first, end) of a batch; the true line of entry e is e.line + line_delta.
  using Append = std::function<void(const Batch&, std::size_t first, std::int64_t line_delta)>;
  /// The header record (fields, line) → the plan of its columns; may throw to refuse the file.
  using Header = std::function<ColumnPlan(const CsvRecord&)>;

  ChunkedReader(std::istream& in, std::string name, Options options);
  ~ChunkedReader();
  ChunkedReader(const ChunkedReader&) = delete;
  ChunkedReader& operator=(const ChunkedReader&) = delete;

  void run(const Header& header, const Append& append);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cskpi::detail
