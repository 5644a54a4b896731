#include "cli/report_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <system_error>

#include "cli/input_options.hpp"
#include "cli/progress_line.hpp"
#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"
#include "cskpi/io/instant_format.hpp"
#include "cskpi/io/loader.hpp"
#include "cskpi/render/render.hpp"
#include "cskpi/render/trace_csv.hpp"
#include "cskpi/report/config_file.hpp"
#include "cskpi/report/engine.hpp"
#include "cskpi/report/state_file.hpp"
#include "cli/exit_status.hpp"
#include "cli/output_file.hpp"
#include "run/read_config.hpp"

namespace cskpi::cli {
namespace {

/// --from / --to / --as-of (SPEC §2): an instant, or a date (local midnight) or a local date-time
/// without an offset, read in the reporting zone.
std::optional<TimePoint> instant_option(const std::string& name, const std::string& text, const std::string& zone) {
  if (text.empty()) return std::nullopt;
  const TimestampParse parsed = parse_timestamp(text);
  if (parsed.instant) return parsed.instant;
  if (!parsed.local) {
    throw UsageError{fmt::format("{} '{}' is not an instant ({}); use e.g. 2026-03-01, 2026-03-01T09:00:00 (in the "
                                 "reporting zone), 2026-03-01T00:00:00Z or 2026-03-01T00:00:00+01:00",
                                 name, text, to_string(parsed.error))};
  }
  const ZoneBuckets buckets(zone);
  if (parsed.local->date_only) return buckets.from_local(parsed.local->ms);  // where the local day begins
  const auto instant = buckets.instant_of_local(parsed.local->ms);
  if (!instant) {
    throw UsageError{fmt::format("{} '{}' does not exist in the reporting zone {} (the clocks skip it); give a "
                                 "time outside the gap or an offset",
                                 name, text, zone)};
  }
  return instant;
}

/// `file:line: field: reason: detail` (the field part omitted when no single field is to blame).
std::string describe(const Reject& r) {
  if (r.field.empty()) return fmt::format("{}:{}: {}: {}", r.file, r.line, to_string(r.reason), r.detail);
  return fmt::format("{}:{}: {}: {}: {}", r.file, r.line, r.field, to_string(r.reason), r.detail);
}

void summarise_rejects(const Loader& loader) {
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const auto type = static_cast<RecordType>(t);
    const InputCounts& c = loader.counts(type);
    if (c.rejected == 0) continue;
    std::map<std::string_view, std::uint64_t> by_reason;
    std::map<std::string_view, const Reject*> first;  // SPEC §5 v3: the first example of each reason
    for (const Reject& r : loader.rejects()) {
      if (r.type != type || is_unrouted(r)) continue;
      ++by_reason[to_string(r.reason)];
      first.emplace(to_string(r.reason), &r);
    }
    std::string reasons;
    for (const auto& [reason, n] : by_reason) reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n);
    std::fprintf(stderr, "cskpi: %s: %llu of %llu rejected (%s)\n", std::string{plural(type)}.c_str(),
                 static_cast<unsigned long long>(c.rejected), static_cast<unsigned long long>(c.read()),
                 reasons.c_str());
    for (const auto& [reason, r] : first) std::fprintf(stderr, "cskpi:   first %s: %s\n", std::string{reason}.c_str(),
                                                       describe(*r).c_str());
  }
  if (loader.unrouted() > 0) {
    std::fprintf(stderr, "cskpi: %llu mixed-file lines rejected without a known \"record\"\n",
                 static_cast<unsigned long long>(loader.unrouted()));
    for (const Reject& r : loader.rejects()) {
      if (!is_unrouted(r)) continue;
      std::fprintf(stderr, "cskpi:   first: %s\n", describe(r).c_str());
      break;
    }
  }
}

/// A repeated --by (`--by channel --by channel`) is one grouping, listed where it first appears.
/// The same parts in another order (`month,channel`) are another grouping: its `by` and its group
/// order differ (docs/cli.md).
void add_grouping(std::vector<Grouping>& groupings, Grouping grouping) {
  if (std::find(groupings.begin(), groupings.end(), grouping) == groupings.end()) {
    groupings.push_back(std::move(grouping));
  }
}

/// SPEC §5 v3: an output file that is one of the inputs would destroy it.
void refuse_overwriting_inputs(const ReportOptions& o, const std::vector<std::string>& inputs) {
  const auto same = [](const std::string& a, const std::string& b) {
    if (a == b) return true;
    std::error_code ec;
    const bool equivalent = std::filesystem::equivalent(a, b, ec);
    return !ec && equivalent;
  };
  for (const auto& [option, path] : {std::pair<const char*, const std::string*>{"--output", &o.output},
                                     {"--rejects", &o.rejects}, {"--detail", &o.detail},
                                     {"--emit-state", &o.emit_state}}) {
    if (path->empty()) continue;
    for (const std::string& input : inputs) {
      if (same(*path, input)) {
        throw UsageError{fmt::format("{} '{}' names an input file: it would be overwritten; write elsewhere", option,
                                     *path)};
      }
    }
    if (!o.config.empty() && same(*path, o.config)) {
      throw UsageError{fmt::format("{} '{}' names the configuration file: it would be overwritten", option, *path)};
    }
  }
}

/// The spec of the options and config file; `mapping` and `dimensions` get the config's input
/// mapping (with the command line's overrides) and custom dimensions.
ReportSpec make_spec(const ReportOptions& o, InputMapping& mapping, std::vector<std::string>& dimensions) {
  ReportSpec spec;
  if (!o.config.empty()) {
    ConfigFile config = run::read_config_file(o.config);
    dimensions = std::move(config.dimensions);
    spec.config = std::move(config.metrics);
    if (config.time_zone) spec.time_zone = *config.time_zone;  // --tz overrides it below
    mapping = std::move(config.input);
  }
  mapping = input_mapping(o, std::move(mapping), dimensions);
  if (!o.tz.empty()) spec.time_zone = o.tz;
  spec.from = instant_option("--from", o.from, spec.time_zone);
  spec.to = instant_option("--to", o.to, spec.time_zone);
  spec.as_of = instant_option("--as-of", o.as_of, spec.time_zone);
  for (const auto& by : o.by) add_grouping(spec.groupings, parse_grouping(by, dimensions));
  return spec;
}

int write_detail(const ReportOptions& o, const Dataset& data, const ReportSpec& spec);

int run(const CLI::App& command, const ReportOptions& o) {
  const auto format = parse_report_format(o.format);
  if (!format) throw UsageError{fmt::format("--format '{}' is not one of text, json, csv, html", o.format)};
  InputMapping mapping;
  std::vector<std::string> dimensions;
  const ReportSpec spec = make_spec(o, mapping, dimensions);
  if (!o.emit_state.empty() && (!spec.from || !spec.to || !spec.as_of)) {
    throw UsageError{"--emit-state needs --from, --to and --as-of: their defaults depend on all the data, and the "
                     "states of the parts must be of one period (SPEC §9)"};
  }
  const std::vector<Input> inputs = inputs_in_order(command, o);
  if (inputs.empty()) {
    throw UsageError{"no input files: give --interactions, --surveys, --events, --customers, --agents or --input"};
  }
  std::vector<std::string> paths;
  paths.reserve(inputs.size());
  for (const Input& input : inputs) paths.push_back(input.path);
  refuse_overwriting_inputs(o, paths);

  Dataset data(dimensions);
  LoadOptions load_options{o.strict, spec.config.scales()};
  load_options.threads = o.threads;
  load_options.mapping = std::move(mapping);
  ProgressLine progress;
  if (ProgressLine::wanted()) load_options.progress = [&progress](const LoadProgress& p) { progress.update(p); };
  Loader loader(data, load_options);
  std::size_t warned = 0;
  const auto print_warnings = [&] {  // as they come, file by file
    progress.clear();
    for (; warned < loader.warnings().size(); ++warned) {
      const InputWarning& w = loader.warnings()[warned];
      const std::string where = w.line == 0 ? w.file : fmt::format("{}:{}", w.file, w.line);
      std::fprintf(stderr, "cskpi: warning: %s: %s\n", where.c_str(), w.message.c_str());
    }
  };
  try {
    for (const Input& input : inputs) {
      if (input.type) {
        loader.load(*input.type, input.path);
      } else {
        loader.load_mixed(input.path);
      }
      print_warnings();
    }
    loader.finish();
  } catch (...) {
    print_warnings();
    throw;
  }
  data.release_lookup_tables();  // the engine and the writers read ids by code only
  summarise_rejects(loader);
  if (!o.rejects.empty()) {
    std::ofstream out(o.rejects, std::ios::binary);
    if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write the rejects file '{}'", o.rejects));
    write_rejects_csv(out, loader.rejects());
  }
  std::uint64_t accepted = 0;
  for (std::size_t t = 0; t < record_type_count; ++t) accepted += loader.counts(static_cast<RecordType>(t)).accepted;
  const auto nothing_accepted = [&loader] {  // SPEC §5 v3: no report of nothing (it would be dated 1970)
    std::fprintf(stderr, "cskpi: no accepted records: every input record was rejected or the files hold none%s\n",
                 loader.rejects().empty() ? "" : " (see the rejects above)");
    return exit_bad_input;
  };
  if (accepted == 0 && o.emit_state.empty()) return nothing_accepted();
  PartialReport partial = compute_partial_report(data, spec, ComputeOptions{o.threads});
  for (std::size_t t = 0; t < record_type_count; ++t) partial.inputs()[t] = loader.counts(static_cast<RecordType>(t));
  if (!o.emit_state.empty()) {
    // A part may hold nothing of the period: its state is written all the same (SPEC §9).
    write_file(o.emit_state, "state", write_state(partial));
    if (o.output.empty()) return write_detail(o, data, spec);
  }
  if (accepted == 0) return nothing_accepted();
  write_report(finish_report(partial, resolve_threads(o.threads)), *format, o.output);
  return write_detail(o, data, spec);
}

int write_detail(const ReportOptions& o, const Dataset& data, const ReportSpec& spec) {
  if (!o.detail.empty()) {
    std::ofstream out(o.detail, std::ios::binary);
    if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write the detail file '{}'", o.detail));
    write_trace_csv(out, data, spec);
    if (!out.flush()) throw Error(ErrorCode::io_error, fmt::format("cannot write the detail file '{}'", o.detail));
  }
  return 0;
}

}  // namespace

CLI::App* add_report_command(CLI::App& app, ReportOptions& o) {
  CLI::App* cmd = app.add_subcommand("report", "Compute the KPI report of a set of input files");
  cmd->footer(
      "Dimensions for --by: channel, topic, product, kind, priority, agent, team, department, and the config's\n"
      "custom \"dimensions\"; time buckets: hour, day, week, month, quarter, year, hour_of_week; cross them with\n"
      "commas (channel,month).\n"
      "Instants: 2026-03-01T09:00:00Z, 2026-03-01 09:00:00+01:00, Unix seconds; local times with --input-tz;\n"
      "--instant-format for an export's own spelling.\n"
      "Exit status: 0 report written; 1 usage or configuration error; 2 bad input under --strict, a file refused\n"
      "whole, or no accepted record; 3 internal error. See docs/cli.md.");
  add_input_options(*cmd, o);
  cmd->add_option("--config", o.config, "JSON configuration file: calendars, SLA policies, FCR, queue, scales")->type_name("FILE");
  cmd->add_option("--from", o.from,
                  "Period start (inclusive): an instant with Z or an offset, or a date or local date-time in the "
                  "reporting zone (2026-03-01, 2026-03-01T09:00)")
      ->type_name("T");
  cmd->add_option("--to", o.to, "Period end (exclusive), spelt as --from")->type_name("T");
  cmd->add_option("--as-of", o.as_of, "The 'now' of the report (default: --to; without --to, the latest instant in the data + 1 s)")->type_name("T");
  cmd->add_option("--tz", o.tz, "IANA reporting time zone (default UTC)")->type_name("ZONE");
  cmd->add_option("--by", o.by, "Grouping, e.g. channel or channel,month (or a custom dimension of the config's \"dimensions\"); repeatable")
      ->allow_extra_args(false)
      ->type_name("DIM[,DIM...]");
  cmd->add_option("--format", o.format, "text (default), json, csv or html")->type_name("FORMAT");
  cmd->add_option("--output", o.output, "Write the report here instead of standard output")->type_name("FILE");
  cmd->add_option("--rejects", o.rejects, "Write rejected records as CSV")->type_name("FILE");
  cmd->add_option("--detail", o.detail, "Write one CSV row per interaction with its derived values")->type_name("FILE");
  cmd->add_option("--threads", o.threads, "Threads (default 0 = all cores); the report is the same for every count")
      ->check(CLI::Range(0u, 1024u))
      ->type_name("N");
  cmd->add_option("--emit-state", o.emit_state,
                  "Write the run's partial state here for 'cskpi merge' (needs --from, --to, --as-of); the report "
                  "too only with --output")
      ->type_name("FILE");
  return cmd;
}

int run_report(const CLI::App& command, const ReportOptions& options) {
  return exit_status_of([&command, &options] { return run(command, options); });
}

}  // namespace cskpi::cli
