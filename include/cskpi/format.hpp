// cskpi/format.hpp: opt-in printing of metric results with fmt (`fmt::print("{}\n", result)`).
// Include it only where you print, and link fmt yourself (target fmt::fmt, or pkg-config fmt):
// the rest of the library does not need it in your build.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cskpi/metrics/ces.hpp"
#include "cskpi/metrics/csat.hpp"
#include "cskpi/metrics/duration_stats.hpp"
#include "cskpi/metrics/nps.hpp"

namespace cskpi {

/// A duration in seconds as people read it: `45s`, `1m 05s`, `1h 12m`, `2d 03h`; fractions of a
/// second only under a minute (`0.25s`); negative durations with a leading `-`.
inline std::string human_duration(double seconds) {
  if (seconds < 0) return "-" + human_duration(-seconds);
  if (seconds < 60) {
    const double rounded = std::round(seconds * 100) / 100;
    if (rounded == std::floor(rounded)) return fmt::format("{}s", static_cast<std::int64_t>(rounded));
    return fmt::format("{:.2f}s", rounded);
  }
  const auto s = static_cast<std::int64_t>(std::llround(seconds));
  if (s < 3600) return fmt::format("{}m {:02}s", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
  return fmt::format("{}d {:02}h", s / 86400, (s % 86400) / 3600);
}

}  // namespace cskpi

/// `NPS 25.0 (n = 4, 95 % CI -38.4 to 88.4)`; `NPS — (n = 0)` without responses.
template <>
struct fmt::formatter<cskpi::NpsResult> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const cskpi::NpsResult& r, Context& ctx) const {
    std::string text = r.score ? fmt::format("NPS {:.1f} (n = {}", *r.score, r.responses())
                               : fmt::format("NPS — (n = {}", r.responses());
    if (r.ci95) text += fmt::format(", 95 % CI {:.1f} to {:.1f}", r.ci95->low, r.ci95->high);
    text += ")";
    return fmt::formatter<std::string_view>::format(text, ctx);
  }
};

/// `CSAT 81.2 % (n = 95, mean 4.21 on 1–5)`; `CSAT — (n = 0)` without responses.
template <>
struct fmt::formatter<cskpi::CsatResult> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const cskpi::CsatResult& r, Context& ctx) const {
    const std::string text =
        r.satisfied_share ? fmt::format("CSAT {:.1f} % (n = {}, mean {:.2f} on {}–{})", 100.0 * *r.satisfied_share,
                                        r.responses, r.mean.value_or(0.0), r.scale.min, r.scale.max)
                          : fmt::format("CSAT — (n = {})", r.responses);
    return fmt::formatter<std::string_view>::format(text, ctx);
  }
};

/// `CES 5.40 (easy 70.0 %, n = 10)`; `CES — (n = 0)` without responses.
template <>
struct fmt::formatter<cskpi::CesResult> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const cskpi::CesResult& r, Context& ctx) const {
    const std::string text = r.mean ? fmt::format("CES {:.2f} (easy {:.1f} %, n = {})", *r.mean,
                                                  100.0 * r.easy_share.value_or(0.0), r.responses)
                                    : fmt::format("CES — (n = {})", r.responses);
    return fmt::formatter<std::string_view>::format(text, ctx);
  }
};

/// `n = 3, mean 1m 02s, median 45s, p90 2m 00s`; `n = 0` without samples.
template <>
struct fmt::formatter<cskpi::DurationSummary> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const cskpi::DurationSummary& r, Context& ctx) const {
    std::string text = fmt::format("n = {}", r.count);
    if (r.mean && r.median && r.p90) {
      const auto seconds = [](cskpi::Duration d) { return d.count() / 1000.0; };
      text += fmt::format(", mean {}, median {}, p90 {}", cskpi::human_duration(seconds(*r.mean)),
                          cskpi::human_duration(seconds(*r.median)), cskpi::human_duration(seconds(*r.p90)));
    }
    return fmt::formatter<std::string_view>::format(text, ctx);
  }
};
