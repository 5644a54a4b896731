#include "cskpi/report/period_instant.hpp"

#include <fmt/format.h>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"

namespace cskpi {

TimePoint parse_period_instant(std::string_view what, std::string_view text, const std::string& zone) {
  const TimestampParse parsed = parse_timestamp(text);
  if (parsed.instant) return *parsed.instant;
  if (!parsed.local) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("{} '{}' is not an instant ({}); use e.g. 2026-03-01, 2026-03-01T09:00:00 (in the "
                            "reporting zone), 2026-03-01T00:00:00Z or 2026-03-01T00:00:00+01:00",
                            what, text, to_string(parsed.error)));
  }
  const ZoneBuckets buckets(zone);
  if (parsed.local->date_only) return buckets.from_local(parsed.local->ms);  // where the local day begins
  const auto instant = buckets.instant_of_local(parsed.local->ms);
  if (!instant) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("{} '{}' does not exist in the reporting zone {} (the clocks skip it); give a time "
                            "outside the gap or an offset",
                            what, text, zone));
  }
  return *instant;
}

}  // namespace cskpi
