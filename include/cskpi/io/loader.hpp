// cskpi/io/loader.hpp: reads CSV and JSON Lines input files into a Dataset, accepting or
// rejecting every record with a reason (SPEC §1 "Files", §5, §7).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/input_mapping.hpp"
#include "cskpi/io/reject.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/model/survey.hpp"

namespace cskpi {

enum class FileFormat : unsigned char { csv, jsonl };

[[nodiscard]] constexpr std::string_view to_string(FileFormat f) noexcept {
  return f == FileFormat::csv ? "csv" : "jsonl";
}

/// From the extension, case-insensitive: .csv, .tsv → csv (the separator is detected); .jsonl / .ndjson →
/// jsonl; otherwise nullopt.
[[nodiscard]] std::optional<FileFormat> format_from_path(std::string_view path) noexcept;

/// The longest record a reader holds: longer ones are rejected `line_too_long` (SPEC §5).
inline constexpr std::size_t max_record_bytes = std::size_t{16} * 1024 * 1024;

/// How far the reading of a file is: what a progress display needs.
struct LoadProgress {
  std::string_view file;
  std::uint64_t bytes = 0;  // of the file, consumed so far
  std::uint64_t total = 0;  // the file's size; 0 when unknown (a pipe)
  std::uint64_t records = 0;  // records of the file read so far (rejected ones included)
};

struct LoadOptions {
  bool strict = false;  // throw Error(bad_input) at the first bad record instead of rejecting it
  SurveyScales scales{};
  std::size_t record_limit = max_record_bytes;  // bytes per record; lowered only by tests
  /// Threads parsing a file's chunks (0: std::thread::hardware_concurrency()). Every result —
  /// records, codes, counts, rejects and their order, strict-mode errors — is the same for any
  /// number of threads and any chunk size.
  unsigned threads = 1;
  /// Bytes read and parsed as one chunk (tests use tiny ones); 0 reads with the sequential
  /// streaming readers instead (the reference the chunked path is tested against).
  std::size_t chunk_bytes = default_chunk_bytes;
  static constexpr std::size_t default_chunk_bytes = std::size_t{2} * 1024 * 1024;
  /// Separator, encoding, input time zone, instant format and column names (SPEC §8).
  InputMapping mapping{};
  /// Called while a file is read (about every 2 MiB, on the loading thread); may be empty.
  std::function<void(const LoadProgress&)> progress{};
};

/// A file-level observation that refuses nothing (SPEC §5 v3): unknown columns or keys (with the
/// closest known name), a file that is not UTF-8. The command line prints them on stderr.
struct InputWarning {
  std::string file;
  std::uint64_t line = 0;  // the header (unknown columns), the first offending record (encoding); 0: the whole file
  std::string message;
};

/// Reads input files into a Dataset, counting and recording every reject.
/// Use: load()/load_mixed() for each input in order, then finish() once.
/// The data set's custom dimensions (Dataset::custom_dimensions()) are read from the CSV
/// columns / JSON members of those names on interactions, surveys and customer events, as
/// labels (verbatim, valid UTF-8, empty = absent).
class Loader {
 public:
  /// Throws Error(invalid_argument) for an invalid options.mapping (see validate()).
  Loader(Dataset& data, LoadOptions options);
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;
  Loader(Loader&&) noexcept;
  Loader& operator=(Loader&&) = delete;

  /// One file of one record type, its format from the extension.
  /// Throws Error(io_error) when it cannot be opened or read (the message names the file),
  /// Error(invalid_argument) when the extension is neither CSV nor JSON Lines,
  /// Error(bad_input) when the file is refused whole, nothing counted — a CSV header repeating a
  /// known column, or lacking a required one ("file:line: no column created_at (did you mean
  /// creatd_at?)…", with the fix when the separator or the encoding is the cause) — or, in
  /// strict mode, at the first bad record with the message "file:line: field: reason: detail"
  /// (the field part omitted when no single field is to blame).
  void load(RecordType type, const std::string& path);
  /// The same from a stream; `name` stands for the file in rejects and messages.
  void load(RecordType type, std::istream& in, const std::string& name, FileFormat format);

  /// A mixed JSON Lines file: each line's "record" member (interaction, interaction_event,
  /// survey, customer_event, agent_event) routes it. A line that cannot be routed (no known
  /// "record", malformed JSON, too long) is rejected with field `record` and counted in
  /// unrouted(), not under any record type.
  void load_mixed(const std::string& path);
  void load_mixed(std::istream& in, const std::string& name);

  /// Adds the deferred interaction events (an event may name an interaction of a later
  /// file), rejecting `unknown_interaction` and events before the interaction's created_at
  /// (`inconsistent`, field `at`), then calls Dataset::link(). Call once, after the last load.
  void finish();

  /// Interaction events count only once finish() has run: they are deferred until then.
  [[nodiscard]] const InputCounts& counts(RecordType t) const noexcept;
  /// Every reject, in input order (inputs in load order, then by line).
  [[nodiscard]] const std::vector<Reject>& rejects() const noexcept;
  /// Mixed-file lines that could not be routed to a record type (also in rejects()).
  [[nodiscard]] std::uint64_t unrouted() const noexcept;
  /// File-level warnings, in input order.
  [[nodiscard]] const std::vector<InputWarning>& warnings() const noexcept;

  struct State;  // implementation detail (src/io/loader.cpp)

 private:
  std::unique_ptr<State> state_;
};

/// True for the reject of a mixed-file line that no record type claims (field `record`);
/// its Reject::type is a placeholder and the rejects file leaves record_type empty.
[[nodiscard]] bool is_unrouted(const Reject& reject) noexcept;

/// Writes rejects as CSV `file,line,record_type,field,reason,detail` with a header row,
/// RFC-4180 quoting and LF line ends.
void write_rejects_csv(std::ostream& out, const std::vector<Reject>& rejects);

}  // namespace cskpi
