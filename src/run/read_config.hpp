// run/read_config.hpp: the configuration file a run names (`--config FILE`, the C API's and the
// Python module's `config_file`), read here and parsed from its text by cskpi::parse_config.
#pragma once

#include <string>

#include "cskpi/report/config_file.hpp"

namespace cskpi::run {

/// The configuration file at `path`, parsed; its errors name `path`. Error(io_error) "cannot open
/// the configuration file PATH" (or "cannot read ...") when it cannot be read.
[[nodiscard]] ConfigFile read_config_file(const std::string& path);

}  // namespace cskpi::run
