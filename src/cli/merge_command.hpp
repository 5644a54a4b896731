// The `cskpi merge` subcommand (SPEC §9): partial states → one state → a report.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace cskpi::cli {

/// Options of `cskpi merge`, as given.
struct MergeOptions {
  std::vector<std::string> states;
  std::string format = "text";
  std::string output;
  std::string emit_state;  // the merged state, for a merge of merges
  unsigned threads = 0;    // 0 = all cores
};

/// Registers the subcommand and its options on `app`.
CLI::App* add_merge_command(CLI::App& app, MergeOptions& options);

/// Merges and renders; returns the exit status: 0 ok, 1 usage or states of different reports,
/// 2 a state that cannot be read, is damaged or of another format version.
int run_merge(const MergeOptions& options);

}  // namespace cskpi::cli
