// cskpi/report/period_instant.hpp: the instants of a report's period as a user writes them
// (SPEC §2, v3): `from`, `to` and `as_of` of the command line, the C API and the Python module.
#pragma once

#include <string>
#include <string_view>

#include "cskpi/time.hpp"

namespace cskpi {

/// An instant with `Z` or an offset; or a date (`2026-03-01`: where that day begins in `zone`)
/// or a local date-time without an offset (`2026-03-01T09:00`), read in the reporting zone
/// `zone`. Throws Error(invalid_argument) with a message naming `what` (e.g. "--from") and the
/// accepted spellings, or saying that the local time does not exist in the zone (a DST gap);
/// Error(unknown_time_zone) for an unknown zone.
[[nodiscard]] TimePoint parse_period_instant(std::string_view what, std::string_view text, const std::string& zone);

}  // namespace cskpi
