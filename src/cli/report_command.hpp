// The `cskpi report` subcommand: arguments → readers → engine → renderer.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/input_options.hpp"

namespace cskpi::cli {

/// Options of `cskpi report`, as given.
struct ReportOptions : InputOptions {
  std::string from, to, as_of, tz;
  std::vector<std::string> by;
  std::string format = "text";
  std::string output;
  std::string rejects;
  std::string detail;
  unsigned threads = 0;  // 0 = all cores
  std::string emit_state;  // SPEC §9: write the partial state here
};

/// Registers the subcommand and its options on `app`.
CLI::App* add_report_command(CLI::App& app, ReportOptions& options);

/// Runs the report; returns the process exit status (0 ok, 1 usage/config, 2 bad input).
int run_report(const CLI::App& command, const ReportOptions& options);

}  // namespace cskpi::cli
