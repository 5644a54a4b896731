#include "cli/input_options.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "cskpi/error.hpp"

namespace cskpi::cli {

void add_input_options(CLI::App& cmd, InputOptions& o) {
  const auto files = [&](const std::string& name, std::vector<std::string>& target, const std::string& help) {
    // Several files after one option (--interactions a.csv b.csv, a shell glob): CLI11 lists each
    // value in parse_order(), so inputs_in_order keeps the command line's file order.
    cmd.add_option(name, target, help)->allow_extra_args(true)->type_name("FILE");
  };
  files("--interactions", o.interactions, "Interactions (.csv, .tsv, .jsonl, .ndjson); several files, repeatable");
  files("--events", o.events, "Interaction status histories; several files, repeatable");
  files("--surveys", o.surveys, "Survey responses; several files, repeatable");
  files("--customers", o.customers, "Customer lifecycle events; several files, repeatable");
  files("--agents", o.agents, "Agent roster events; several files, repeatable");
  files("--input", o.mixed, "Mixed JSON Lines file routed by each line's \"record\"; several files, repeatable");
  cmd.add_option("--input-tz", o.input_tz,
                 "IANA zone of input instants without an offset (and of survey/event dates); overrides the "
                 "config's input_time_zone")
      ->type_name("ZONE");
  cmd.add_option("--delimiter", o.delimiter, "CSV separator (default: detected among , ; TAB |; 'tab' for TAB)")
      ->type_name("C");
  cmd.add_option("--encoding", o.encoding,
                 "Encoding of CSV files without a byte order mark: utf-8 (default), utf-16, latin-1, windows-1252")
      ->type_name("E");
  cmd.add_option("--instant-format", o.instant_format,
                 "Instant spelling tried first, e.g. '%Y/%m/%d %H:%M:%S.%f' (%Y %y %m %b %d %H %M %S %f %z)")
      ->type_name("F");
  cmd.add_flag("--strict", o.strict, "Stop at the first bad record (exit status 2)");
}

// CLI11 (2.1) lists an option in parse_order() once per value, so `--interactions a.csv b.csv
// --surveys s.csv --interactions c.csv` gives a, b, s, c.
std::vector<Input> inputs_in_order(const CLI::App& command, const InputOptions& o) {
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

InputMapping input_mapping(const InputOptions& o, InputMapping mapping, const std::vector<std::string>& dimensions) {
  if (!o.input_tz.empty()) mapping.input_time_zone = o.input_tz;
  if (!o.delimiter.empty()) {
    mapping.delimiter = parse_delimiter(o.delimiter);
    if (!mapping.delimiter) {
      throw UsageError{fmt::format("--delimiter '{}' is not a separator: give one character such as ';' or '|', "
                                   "or 'tab'",
                                   o.delimiter)};
    }
  }
  if (!o.encoding.empty()) {
    mapping.encoding = parse_input_encoding(o.encoding);
    if (!mapping.encoding) {
      throw UsageError{fmt::format("--encoding '{}' is not one of utf-8, utf-16, latin-1, windows-1252", o.encoding)};
    }
  }
  if (!o.instant_format.empty()) mapping.instant_format = o.instant_format;
  try {
    validate(mapping, dimensions);
  } catch (const Error& e) {
    std::string what = e.what();
    if (!o.input_tz.empty() && what.rfind("input_time_zone", 0) == 0) what = "--input-tz" + what.substr(15);
    if (!o.instant_format.empty() && what.rfind("csv.instant_format", 0) == 0) what = "--instant-format" + what.substr(18);
    throw UsageError{what};
  }
  return mapping;
}

}  // namespace cskpi::cli
