// The `cskpi split` subcommand (SPEC §9): a partition of the inputs that keeps a customer's records
// together, one folder per part, for reports whose partial states merge.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

#include "cli/input_options.hpp"

namespace cskpi::cli {

/// Options of `cskpi split`, as given: the inputs of `report` and how to read them, and the parts.
struct SplitOptions : InputOptions {
  std::size_t parts = 0;
  std::string out;
};

/// Registers the subcommand and its options on `app`.
CLI::App* add_split_command(CLI::App& app, SplitOptions& options);

/// Splits the inputs; returns the process exit status (0 ok, 1 usage/config, 2 unreadable or bad input).
int run_split(const CLI::App& command, const SplitOptions& options);

}  // namespace cskpi::cli
