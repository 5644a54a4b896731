// The input files and input options shared by `cskpi report` and `cskpi split` (SPEC §6, §8): their
// registration, their order on the command line, and the input mapping they give with the config.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/exit_status.hpp"
#include "cskpi/io/input_mapping.hpp"
#include "cskpi/io/reject.hpp"

namespace cskpi::cli {

/// The input files and how to read them, as given.
struct InputOptions {
  std::vector<std::string> interactions, events, surveys, customers, agents, mixed;
  std::string config;
  std::string input_tz, delimiter, encoding, instant_format;  // SPEC §8; override the config
  bool strict = false;
};

/// One input file in command-line order; nullopt type = a mixed JSON Lines file.
struct Input {
  std::optional<RecordType> type;
  std::string path;
};

/// Registers the input file options (--interactions … --input), --input-tz, --delimiter, --encoding,
/// --instant-format and --strict on `cmd`.
void add_input_options(CLI::App& cmd, InputOptions& o);

/// The input files in command-line order (all options counted together).
[[nodiscard]] std::vector<Input> inputs_in_order(const CLI::App& command, const InputOptions& o);

/// The config's input mapping with the command line's overrides (SPEC §6, §8); throws UsageError.
[[nodiscard]] InputMapping input_mapping(const InputOptions& o, InputMapping mapping,
                                         const std::vector<std::string>& dimensions);

}  // namespace cskpi::cli
