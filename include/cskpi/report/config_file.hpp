// cskpi/report/config_file.hpp: the JSON configuration file of `cskpi report --config`
// (SPEC §6): calendars, SLA policies, FCR, queue, survey scales, attribution, targets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/input_mapping.hpp"
#include "cskpi/report/report_spec.hpp"

namespace cskpi {

/// A parsed configuration file.
struct ConfigFile {
  std::optional<std::string> time_zone;  // the reporting zone; --tz overrides it
  /// Custom dimensions (config `dimensions`, SPEC §8): label columns read from the inputs and
  /// usable in groupings, in configuration order (the Dataset is built with them).
  std::vector<std::string> dimensions;
  MetricConfig metrics;
  /// How the input files are read (SPEC §8): `input_time_zone`, `columns`, `csv` (delimiter,
  /// encoding, instant_format). The command line's --input-tz, --delimiter, --encoding and
  /// --instant-format override it.
  InputMapping input;
};

/// Parses and validates a configuration document from its text; `source` names it in messages
/// (the file's path when the caller read it from a file: this library reads no config file).
/// Throws Error(invalid_config) with a message that names the source and the key path
/// (`sla.urgent.first_response_s`) of the first problem: malformed JSON, an unknown key at any
/// depth, a value of the wrong type or out of range, an unknown calendar name, a calendar with
/// no open time, a custom dimension named as a field, a built-in dimension or a time bucket (or
/// twice, or more than 8 of them).
[[nodiscard]] ConfigFile parse_config(std::string_view json_text, const std::string& source = "config");

}  // namespace cskpi
