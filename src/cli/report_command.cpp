#include "cli/report_command.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "cskpi/error.hpp"
#include "cskpi/io/loader.hpp"
#include "cskpi/render/render.hpp"
#include "cskpi/render/trace_csv.hpp"
#include "cskpi/report/config_file.hpp"
#include "cskpi/report/engine.hpp"

namespace cskpi::cli {
namespace {

constexpr int exit_usage = 1;
constexpr int exit_bad_input = 2;

/// A usage or configuration problem: message on stderr, exit status 1.
struct UsageError {
  std::string message;
};

std::optional<TimePoint> instant_option(const std::string& name, const std::string& text) {
  if (text.empty()) return std::nullopt;
  const InstantParse parsed = parse_instant(text);
  if (!parsed.value) {
    throw UsageError{fmt::format("{} '{}' is not an instant ({}); use e.g. 2026-03-01T00:00:00Z or "
                                 "2026-03-01T00:00:00+01:00",
                                 name, text, to_string(parsed.error))};
  }
  return parsed.value;
}

/// One input file in command-line order; nullopt type = a mixed JSON Lines file.
struct Input {
  std::optional<RecordType> type;
  std::string path;
};

std::vector<Input> inputs_in_order(const CLI::App& command, const ReportOptions& o) {
  const std::map<std::string, std::pair<std::optional<RecordType>, const std::vector<std::string>*>> sources = {
      {"--interactions", {RecordType::interaction, &o.interactions}},
      {"--events", {RecordType::interaction_event, &o.events}},
      {"--surveys", {RecordType::survey, &o.surveys}},
      {"--customers", {RecordType::customer_event, &o.customers}},
      {"--agents", {RecordType::agent_event, &o.agents}},
      {"--input", {std::nullopt, &o.mixed}},
  };
  std::map<std::string, std::size_t> next;
  std::vector<Input> inputs;
  for (const CLI::Option* option : command.parse_order()) {
    const auto it = sources.find(option->get_name());
    if (it == sources.end()) continue;
    const auto& [type, values] = it->second;
    std::size_t& i = next[it->first];
    if (i < values->size()) inputs.push_back(Input{type, (*values)[i++]});
  }
  return inputs;
}

void summarise_rejects(const Loader& loader) {
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const auto type = static_cast<RecordType>(t);
    const InputCounts& c = loader.counts(type);
    if (c.rejected == 0) continue;
    std::map<std::string_view, std::uint64_t> by_reason;
    for (const Reject& r : loader.rejects()) {
      if (r.type == type) ++by_reason[to_string(r.reason)];
    }
    std::string reasons;
    for (const auto& [reason, n] : by_reason) reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n);
    std::fprintf(stderr, "cskpi: %s: %llu of %llu rejected (%s)\n", std::string{plural(type)}.c_str(),
                 static_cast<unsigned long long>(c.rejected), static_cast<unsigned long long>(c.read()),
                 reasons.c_str());
  }
  if (loader.unrouted() > 0) {
    std::fprintf(stderr, "cskpi: %llu mixed-file lines rejected without a known \"record\"\n",
                 static_cast<unsigned long long>(loader.unrouted()));
  }
}

/// The spec of the options and config file; `dimensions` gets the config's custom dimensions.
ReportSpec make_spec(const ReportOptions& o, std::vector<std::string>& dimensions) {
  ReportSpec spec;
  if (!o.config.empty()) {
    ConfigFile config = load_config(o.config);
    dimensions = std::move(config.dimensions);
    spec.config = std::move(config.metrics);
    if (config.time_zone) spec.time_zone = *config.time_zone;  // --tz overrides it below
  }
  spec.from = instant_option("--from", o.from);
  spec.to = instant_option("--to", o.to);
  spec.as_of = instant_option("--as-of", o.as_of);
  if (!o.tz.empty()) spec.time_zone = o.tz;
  for (const auto& by : o.by) spec.groupings.push_back(parse_grouping(by, dimensions));
  return spec;
}

int run(const CLI::App& command, const ReportOptions& o) {
  const auto format = parse_report_format(o.format);
  if (!format) throw UsageError{fmt::format("--format '{}' is not one of text, json, csv, html", o.format)};
  std::vector<std::string> dimensions;
  const ReportSpec spec = make_spec(o, dimensions);
  const std::vector<Input> inputs = inputs_in_order(command, o);
  if (inputs.empty()) {
    throw UsageError{"no input files: give --interactions, --surveys, --events, --customers, --agents or --input"};
  }

  Dataset data(dimensions);
  LoadOptions load_options{o.strict, spec.config.scales()};
  load_options.threads = o.threads;
  Loader loader(data, load_options);
  for (const Input& input : inputs) {
    if (input.type) {
      loader.load(*input.type, input.path);
    } else {
      loader.load_mixed(input.path);
    }
  }
  loader.finish();
  summarise_rejects(loader);
  if (!o.rejects.empty()) {
    std::ofstream out(o.rejects, std::ios::binary);
    if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write the rejects file '{}'", o.rejects));
    write_rejects_csv(out, loader.rejects());
  }

  Report report = compute_report(data, spec, ComputeOptions{o.threads});
  for (std::size_t t = 0; t < record_type_count; ++t) report.inputs[t] = loader.counts(static_cast<RecordType>(t));
  if (o.output.empty()) {
    render(std::cout, report, *format);
    std::cout.flush();
  } else {
    std::ofstream out(o.output, std::ios::binary);
    if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write the output file '{}'", o.output));
    render(out, report, *format);
  }
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
  const auto files = [&](const std::string& name, std::vector<std::string>& target, const std::string& help) {
    cmd->add_option(name, target, help)->allow_extra_args(false)->type_name("FILE");
  };
  files("--interactions", o.interactions, "Interactions (.csv, .jsonl, .ndjson); repeatable");
  files("--events", o.events, "Interaction status histories; repeatable");
  files("--surveys", o.surveys, "Survey responses; repeatable");
  files("--customers", o.customers, "Customer lifecycle events; repeatable");
  files("--agents", o.agents, "Agent roster events; repeatable");
  files("--input", o.mixed, "Mixed JSON Lines file routed by each line's \"record\"; repeatable");
  cmd->add_option("--config", o.config, "JSON configuration file: calendars, SLA policies, FCR, queue, scales")->type_name("FILE");
  cmd->add_option("--from", o.from, "Period start (inclusive), an instant with Z or an offset")->type_name("T");
  cmd->add_option("--to", o.to, "Period end (exclusive)")->type_name("T");
  cmd->add_option("--as-of", o.as_of, "The 'now' of the report (default: --to)")->type_name("T");
  cmd->add_option("--tz", o.tz, "IANA reporting time zone (default UTC)")->type_name("ZONE");
  cmd->add_option("--by", o.by, "Grouping, e.g. channel or channel,month; repeatable")
      ->allow_extra_args(false)
      ->type_name("DIM[,DIM...]");
  cmd->add_option("--format", o.format, "text (default), json, csv or html")->type_name("FORMAT");
  cmd->add_option("--output", o.output, "Write the report here instead of standard output")->type_name("FILE");
  cmd->add_option("--rejects", o.rejects, "Write rejected records as CSV")->type_name("FILE");
  cmd->add_option("--detail", o.detail, "Write one CSV row per interaction with its derived values")->type_name("FILE");
  cmd->add_flag("--strict", o.strict, "Stop at the first bad record (exit status 2)");
  cmd->add_option("--threads", o.threads, "Threads (default 0 = all cores); the report is the same for every count")
      ->check(CLI::Range(0u, 1024u))
      ->type_name("N");
  return cmd;
}

int run_report(const CLI::App& command, const ReportOptions& options) {
  try {
    return run(command, options);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "cskpi: %s\n", e.message.c_str());
    return exit_usage;
  } catch (const Error& e) {
    std::fprintf(stderr, "cskpi: %s\n", e.what());
    switch (e.code()) {
      case ErrorCode::io_error:
      case ErrorCode::bad_input: return exit_bad_input;
      default: return exit_usage;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cskpi: internal error: %s\n", e.what());
    return 3;
  }
}

}  // namespace cskpi::cli
