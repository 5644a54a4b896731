#include "cli/merge_command.hpp"

#include <utility>

#include <fmt/format.h>

#include "cli/exit_status.hpp"
#include "cli/output_file.hpp"
#include "cskpi/error.hpp"
#include "cskpi/render/render.hpp"
#include "cskpi/report/engine.hpp"
#include "cskpi/report/state_file.hpp"

namespace cskpi::cli {
namespace {

/// The states merged in the order given (the result does not depend on it). A difference of
/// reports names both files and the first thing that differs.
PartialReport merge_files(const std::vector<std::string>& paths) {
  PartialReport merged;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    PartialReport state = read_state(read_file(paths[i], "state"), paths[i]);
    try {
      merged.merge(std::move(state));  // its samples move, not copied
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("{} cannot be merged with {}: {}", paths[i],
                                        i == 1 ? paths[0] : "the states before it", e.what()));
    }
  }
  return merged;
}

int run(const MergeOptions& o) {
  const auto format = parse_report_format(o.format);
  if (!format) throw UsageError{fmt::format("--format '{}' is not one of text, json, csv, html", o.format)};
  for (const std::string& out : {o.output, o.emit_state}) {
    for (const std::string& in : o.states) {
      if (!out.empty() && out == in) throw UsageError{fmt::format("'{}' is one of the states to merge: it would be overwritten", out)};
    }
  }
  const PartialReport merged = merge_files(o.states);
  if (!o.emit_state.empty()) {
    write_file(o.emit_state, "state", write_state(merged));
    if (o.output.empty()) return 0;
  }
  write_report(finish_report(merged, resolve_threads(o.threads)), *format, o.output);
  return 0;
}

}  // namespace

CLI::App* add_merge_command(CLI::App& app, MergeOptions& o) {
  CLI::App* cmd = app.add_subcommand("merge", "Merge partial states (cskpi report --emit-state) into one report");
  cmd->footer(
      "Every state must be of the same period, zone, groupings and configuration; the report is the one a single\n"
      "run over all the parts' inputs gives, byte for byte. Exit status: 0 report written; 1 usage error or states\n"
      "of different reports; 2 a state that cannot be read, is damaged or of another format version. See\n"
      "docs/scale-out.md and docs/state-format.md.");
  cmd->add_option("states", o.states, "State files")->required()->type_name("STATE...");
  cmd->add_option("--format", o.format, "text (default), json, csv or html")->type_name("FORMAT");
  cmd->add_option("--output", o.output, "Write the report here instead of standard output")->type_name("FILE");
  cmd->add_option("--emit-state", o.emit_state, "Write the merged state here (the report too only with --output)")
      ->type_name("FILE");
  cmd->add_option("--threads", o.threads, "Threads that finish the report (default 0 = all cores)")
      ->check(CLI::Range(0u, 1024u))
      ->type_name("N");
  return cmd;
}

int run_merge(const MergeOptions& options) {
  return exit_status_of([&options] { return run(options); });
}

}  // namespace cskpi::cli
