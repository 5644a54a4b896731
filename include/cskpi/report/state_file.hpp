// cskpi/report/state_file.hpp: partial states as bytes (SPEC §9, docs/state-format.md), what
// `cskpi report --emit-state` writes, `cskpi merge` reads and the Python module passes between
// processes. The bytes are canonical: equal content gives equal bytes, whatever the order of
// the merges that made it.
#pragma once

#include <string>
#include <string_view>

#include "cskpi/report/partial_report.hpp"

namespace cskpi {

/// The bytes of a partial: magic, format version, the fingerprint of its configuration
/// (period, zone, groupings, metric configuration), the content, a checksum.
[[nodiscard]] std::string write_state(const PartialReport& partial);

/// The partial these bytes hold. Throws Error(bad_input), its message starting with `source`,
/// for bytes that are not a state, a state of another format version, a truncated or damaged
/// state — never reads past the bytes, never allocates more than they can describe.
[[nodiscard]] PartialReport read_state(std::string_view bytes, const std::string& source);

/// The fingerprint of the state's configuration (equal for states that may be merged).
[[nodiscard]] std::uint64_t state_fingerprint(const PartialReport& partial);

}  // namespace cskpi
