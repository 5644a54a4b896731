// Private: the content of a state without its envelope (the fuzz target reads content
// directly, past the checksum that would stop most mutations).
#pragma once

#include <string>
#include <string_view>

#include "cskpi/report/partial_report.hpp"

namespace cskpi::detail {

/// The partial the content section holds (docs/state-format.md, "Header" and "Body"); no
/// fingerprint check. Error(bad_input) naming `source` for anything else.
[[nodiscard]] PartialReport read_state_content(std::string_view content, const std::string& source);

}  // namespace cskpi::detail
