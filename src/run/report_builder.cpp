#include "run/report_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"
#include "cskpi/io/loader.hpp"
#include "cskpi/report/engine.hpp"
#include "cskpi/report/grouping.hpp"
#include "cskpi/report/period_instant.hpp"
#include "cskpi/report/state_file.hpp"
#include "run/read_config.hpp"

namespace cskpi::run {
namespace {

[[noreturn]] void bad_option(const std::string& message) { throw Error(ErrorCode::invalid_argument, message); }

unsigned parse_threads(std::string_view value) {
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || end != value.data() + value.size() || n > 1024) {
    bad_option(fmt::format("threads '{}' is not a whole number from 0 (all cores) to 1024", value));
  }
  return n;
}

bool parse_flag(std::string_view option, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  bad_option(fmt::format("{} '{}' is neither true nor false", option, value));
}

// Checks the spelling of a period instant now; the zone it is read in is known at compute().
void check_instant_spelling(std::string_view option, std::string_view value) {
  (void)parse_period_instant(option, value, "UTC");
}

}  // namespace

void ReportBuilder::set(std::string_view option, std::string_view value) {
  if (option == "tz" || option == "input_tz") {
    (void)ZoneBuckets(std::string{value});  // throws for an unknown zone
    (option == "tz" ? tz_ : input_tz_) = std::string{value};
  } else if (option == "from" || option == "to" || option == "as_of") {
    check_instant_spelling(option, value);
    (option == "from" ? from_ : option == "to" ? to_ : as_of_) = std::string{value};
  } else if (option == "by") {
    by_.emplace_back(value);  // checked at compute(): custom dimensions come with the config
  } else if (option == "config") {
    config_ = parse_config(value, "config");
  } else if (option == "config_file") {
    config_ = read_config_file(std::string{value});
  } else if (option == "threads") {
    threads_ = parse_threads(value);
  } else if (option == "strict") {
    strict_ = parse_flag(option, value);
  } else if (option == "delimiter") {
    delimiter_ = parse_delimiter(value);
    if (!delimiter_) bad_option(fmt::format("delimiter '{}' is not a separator: give one character such as ';'", value));
  } else if (option == "encoding") {
    encoding_ = parse_input_encoding(value);
    if (!encoding_) bad_option(fmt::format("encoding '{}' is not one of utf-8, utf-16, latin-1, windows-1252", value));
  } else if (option == "instant_format") {
    instant_format_ = std::string{value};
  } else {
    bad_option(fmt::format("unknown option '{}' (the options: tz, input_tz, from, to, as_of, by, config, config_file, "
                           "threads, strict, delimiter, encoding, instant_format)",
                           option));
  }
}

void ReportBuilder::add_file(std::optional<RecordType> type, std::string path) {
  inputs_.push_back(Input{type, std::move(path), {}, true});
}

void ReportBuilder::push(std::optional<RecordType> type, std::string_view json_object) {
  if (inputs_.empty() || inputs_.back().file || inputs_.back().type != type) {
    ++pushed_runs_;
    const std::string_view name = type ? plural(*type) : std::string_view{"records"};
    inputs_.push_back(Input{type, fmt::format("pushed-{}-{}", name, pushed_runs_), {}, false});
  }
  std::string& text = inputs_.back().pushed;
  text.append(json_object);
  text += '\n';
}

// The spec as `cskpi report` makes it: the config, then the options over it.
ReportSpec ReportBuilder::spec(InputMapping& mapping, std::vector<std::string>& dimensions) const {
  ReportSpec spec;
  if (config_) {
    dimensions = config_->dimensions;
    spec.config = config_->metrics;
    if (config_->time_zone) spec.time_zone = *config_->time_zone;
    mapping = config_->input;
  }
  if (!tz_.empty()) spec.time_zone = tz_;
  if (!input_tz_.empty()) mapping.input_time_zone = input_tz_;
  if (delimiter_) mapping.delimiter = delimiter_;
  if (encoding_) mapping.encoding = encoding_;
  if (!instant_format_.empty()) mapping.instant_format = instant_format_;
  validate(mapping, dimensions);
  if (!from_.empty()) spec.from = parse_period_instant("from", from_, spec.time_zone);
  if (!to_.empty()) spec.to = parse_period_instant("to", to_, spec.time_zone);
  if (!as_of_.empty()) spec.as_of = parse_period_instant("as_of", as_of_, spec.time_zone);
  for (const std::string& by : by_) {
    Grouping grouping = parse_grouping(by, dimensions);
    // A repeated grouping is one, listed where it first appears (as `cskpi report` does).
    if (std::find(spec.groupings.begin(), spec.groupings.end(), grouping) == spec.groupings.end()) {
      spec.groupings.push_back(std::move(grouping));
    }
  }
  return spec;
}

// Loads every input in order and computes the partial state of all of it.
ComputedPartial ReportBuilder::load_and_compute(const ReportSpec& report_spec, InputMapping mapping,
                                                const std::vector<std::string>& dimensions) const {
  Dataset data(dimensions);
  LoadOptions options{strict_, report_spec.config.scales()};
  options.threads = threads_;
  options.mapping = std::move(mapping);
  Loader loader(data, options);
  for (const Input& input : inputs_) {
    if (!input.file) {
      std::istringstream in(input.pushed);
      if (input.type) {
        loader.load(*input.type, in, input.path, FileFormat::jsonl);
      } else {
        loader.load_mixed(in, input.path);
      }
    } else if (input.type) {
      loader.load(*input.type, input.path);
    } else {
      loader.load_mixed(input.path);
    }
  }
  loader.finish();
  ComputedPartial out{compute_partial_report(data, report_spec, ComputeOptions{threads_}), loader.rejects(), 0};
  for (std::size_t t = 0; t < record_type_count; ++t) {
    out.partial.inputs()[t] = loader.counts(static_cast<RecordType>(t));
    out.accepted += out.partial.inputs()[t].accepted;
  }
  return out;
}

ComputedReport ReportBuilder::compute() const {
  InputMapping mapping;
  std::vector<std::string> dimensions;
  const ReportSpec report_spec = spec(mapping, dimensions);
  if (inputs_.empty()) throw Error(ErrorCode::invalid_argument, "no inputs: add a file or push a record first");
  ComputedPartial computed = load_and_compute(report_spec, std::move(mapping), dimensions);
  if (computed.accepted == 0) {
    throw Error(ErrorCode::bad_input, "no accepted records: every input record was rejected or the inputs hold none");
  }
  return ComputedReport{finish_report(computed.partial, resolve_threads(threads_)), std::move(computed.rejects)};
}

ComputedPartial ReportBuilder::compute_partial() const {
  InputMapping mapping;
  std::vector<std::string> dimensions;
  const ReportSpec report_spec = spec(mapping, dimensions);
  if (!report_spec.from || !report_spec.to || !report_spec.as_of) {
    throw Error(ErrorCode::invalid_argument,
                "a partial state needs from, to and as_of: their defaults depend on all the data, and the states "
                "of the parts must be of one period (SPEC §9)");
  }
  // A part may hold nothing, or nothing of the period: its state is computed all the same (SPEC §9).
  return load_and_compute(report_spec, std::move(mapping), dimensions);
}

std::string ReportBuilder::compute_state() const { return write_state(compute_partial().partial); }

}  // namespace cskpi::run
