// cskpi/io/split.hpp: writes a partition of input files that keeps a customer's records together
// (SPEC §9 "Partitioning rule"; `cskpi split`, docs/scale-out.md): DIR/part-K/<type>-<i>.<ext>,
// each record copied as its original bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/io/input_mapping.hpp"
#include "cskpi/io/loader.hpp"
#include "cskpi/io/reject.hpp"

namespace cskpi {

/// A record the Loader rejected while reading a file (not an event rejected against its interaction).
struct RejectedRecord {
  std::uint64_t line = 0;  // the record's first line
  RejectReason reason = RejectReason::missing_field;
};

/// One input file, in command-line order.
struct SplitInput {
  std::optional<RecordType> type;  // nullopt: a mixed JSON Lines file (`--input`)
  std::string path;                // as given to the Loader (it names the file in rejects)
  std::vector<RejectedRecord> rejected;
};

struct SplitOptions {
  std::size_t parts = 1;
  std::string out_dir;
  InputMapping mapping{};               // as the Loader read the inputs
  std::vector<std::string> dimensions;  // the config's custom dimensions
  std::size_t record_limit = max_record_bytes;  // LoadOptions::record_limit
};

struct SplitSummary {
  std::vector<std::uint64_t> records;  // records written to each part (header rows not counted)
  std::uint64_t rejected = 0;          // rejected records among them (part 0, or a duplicate's part)
};

/// Throws Error(invalid_argument) when a DIR/part-K directory (any K) already holds files, or DIR
/// is not a directory: the parts of two runs are never mixed.
void check_split_output(const std::string& out_dir);

/// Writes the partition: for every part K in [0, parts) and every input i, DIR/part-K/<type>-<i>.<ext>
/// (a mixed file gives one file per record type), every file even when it holds no record.
/// Throws as check_split_output(), Error(io_error) when a file cannot be read or written.
SplitSummary split_inputs(const std::vector<SplitInput>& inputs, const SplitOptions& options);

/// The name of input i's file of a record type in a part: `interactions-0.csv`.
[[nodiscard]] std::string split_file_name(RecordType type, std::size_t input, const std::string& input_path);

}  // namespace cskpi
