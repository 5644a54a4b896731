// The `cskpi staffing` subcommand: Erlang C agents for a forecast interval (SPEC §3, §6).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace cskpi::cli {

/// Options of `cskpi staffing`, as given (validated by run_staffing).
struct StaffingOptions {
  double calls = 0;                     // arrivals in the interval, ≥ 0
  double interval_minutes = 0;          // > 0
  double aht_seconds = 0;               // > 0
  std::string target;                   // "PERCENT/SECONDS", e.g. "80/20"
  double shrinkage = 0;                 // fraction in [0, 1)
  std::optional<double> max_occupancy;  // fraction in (0, 1]
  std::optional<double> asa_target;     // seconds, > 0
  std::string format = "text";          // text | json
};

/// Registers the subcommand and its options on `app`.
CLI::App* add_staffing_command(CLI::App& app, StaffingOptions& options);

/// Prints the staffing on standard output; returns the exit status (0 ok, 1 usage error).
int run_staffing(const StaffingOptions& options);

}  // namespace cskpi::cli
