#include "cli/split_command.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <vector>

#include "cskpi/error.hpp"
#include "cskpi/io/loader.hpp"
#include "cskpi/io/split.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/report/config_file.hpp"
#include "run/read_config.hpp"

namespace cskpi::cli {
namespace {

/// What the inputs are and how they are read: the config's input mapping with the command line's
/// overrides, its custom dimensions and survey scales (a score outside the scale is rejected).
struct ReadSetup {
  InputMapping mapping;
  std::vector<std::string> dimensions;
  SurveyScales scales{};
};

ReadSetup read_setup(const SplitOptions& o) {
  ReadSetup setup;
  if (!o.config.empty()) {
    ConfigFile config = run::read_config_file(o.config);
    setup.dimensions = std::move(config.dimensions);
    setup.scales = config.metrics.scales();
    setup.mapping = std::move(config.input);
  }
  setup.mapping = input_mapping(o, std::move(setup.mapping), setup.dimensions);
  return setup;
}

void print_warnings(const Loader& loader, std::size_t& printed) {
  for (; printed < loader.warnings().size(); ++printed) {
    const InputWarning& w = loader.warnings()[printed];
    const std::string where = w.line == 0 ? w.file : fmt::format("{}:{}", w.file, w.line);
    std::fprintf(stderr, "cskpi: warning: %s: %s\n", where.c_str(), w.message.c_str());
  }
}

/// Whether a reject is an event's check against its interaction (before its creation: when read,
/// if the interaction is loaded then; unknown interaction: at finish()). Such an event is not
/// noted: it follows its interaction, or goes to part 0 when that is unknown (docs/scale-out.md),
/// and is rejected there as in one run.
bool checked_against_interaction(const Reject& r) {
  return r.type == RecordType::interaction_event &&
         (r.reason == RejectReason::inconsistent || r.reason == RejectReason::unknown_interaction);
}

/// Loads the inputs as `report` does and notes, per input, the records rejected while reading it
/// (but for events checked against their interaction).
std::uint64_t load_rejects(std::vector<SplitInput>& inputs, const ReadSetup& setup, bool strict) {
  Dataset data(setup.dimensions);
  LoadOptions options{strict, setup.scales};
  options.threads = 0;
  options.mapping = setup.mapping;
  Loader loader(data, options);
  std::size_t printed = 0;
  try {
    for (SplitInput& input : inputs) {
      const std::size_t before = loader.rejects().size();
      if (input.type) {
        loader.load(*input.type, input.path);
      } else {
        loader.load_mixed(input.path);
      }
      print_warnings(loader, printed);
      for (std::size_t i = before; i < loader.rejects().size(); ++i) {
        const Reject& r = loader.rejects()[i];
        if (!checked_against_interaction(r)) input.rejected.push_back(RejectedRecord{r.line, r.reason});
      }
    }
    loader.finish();
  } catch (...) {
    print_warnings(loader, printed);
    throw;
  }
  std::uint64_t accepted = 0;
  for (std::size_t t = 0; t < record_type_count; ++t) accepted += loader.counts(static_cast<RecordType>(t)).accepted;
  return accepted;
}

std::string summary_line(const SplitSummary& s, const std::string& out) {
  std::uint64_t total = 0;
  std::string per_part;
  for (std::size_t k = 0; k < s.records.size(); ++k) {
    total += s.records[k];
    per_part += fmt::format("{}{}", k == 0 ? "" : " ", s.records[k]);
  }
  return fmt::format("cskpi: split {} records into {} parts under {} (records per part: {}; {} rejected records in "
                     "part 0 or with the record they duplicate)",
                     total, s.records.size(), out, per_part, s.rejected);
}

int run(const CLI::App& command, const SplitOptions& o) {
  if (o.parts < 1) throw UsageError{"--parts must be at least 1"};
  const ReadSetup setup = read_setup(o);
  std::vector<SplitInput> inputs;
  for (const Input& input : inputs_in_order(command, o)) inputs.push_back(SplitInput{input.type, input.path, {}});
  if (inputs.empty()) {
    throw UsageError{"no input files: give --interactions, --surveys, --events, --customers, --agents or --input"};
  }
  check_split_output(o.out);  // before the work, not after it
  if (load_rejects(inputs, setup, o.strict) == 0) {
    std::fprintf(stderr, "cskpi: no accepted records: every input record was rejected or the files hold none\n");
    return exit_bad_input;
  }
  cskpi::SplitOptions options;
  options.parts = o.parts;
  options.out_dir = o.out;
  options.mapping = setup.mapping;
  options.dimensions = setup.dimensions;
  const SplitSummary summary = split_inputs(inputs, options);
  std::fprintf(stderr, "%s\n", summary_line(summary, o.out).c_str());
  return 0;
}

}  // namespace

CLI::App* add_split_command(CLI::App& app, SplitOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "split", "Write a partition of the inputs that keeps each customer's records together (one folder per part)");
  cmd->footer(
      "Writes DIR/part-K/<type>-<i>.<ext> (K = 0..N-1, i = the input's position on the command line) for every\n"
      "input, in its own format, so that the same command line (with the part's files) works on every part.\n"
      "Interactions go by a stable hash of their customer id (FNV-1a 64 % N); events and surveys follow their\n"
      "interaction; agent events and rejected records go to part 0. See docs/scale-out.md.\n"
      "Exit status: 0 written; 1 usage or configuration error (or DIR/part-K already holds files); 2 an\n"
      "unreadable file, a file refused whole, bad input under --strict, or no accepted record.");
  cmd->add_option("--parts", o.parts, "Number of parts, 1 to 65536")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}))
      ->type_name("N");
  cmd->add_option("--out", o.out, "Folder of the parts (created when missing; its part-K folders must be empty)")
      ->required()
      ->type_name("DIR");
  add_input_options(*cmd, o);
  cmd->add_option("--config", o.config,
                  "JSON configuration file; split reads its input mapping (columns, dimensions, csv, "
                  "input_time_zone) and survey scales")
      ->type_name("FILE");
  return cmd;
}

int run_split(const CLI::App& command, const SplitOptions& options) {
  return exit_status_of([&command, &options] { return run(command, options); });
}

}  // namespace cskpi::cli
