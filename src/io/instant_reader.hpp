// io/instant_reader.hpp: an instant field's text → an instant, by the standard spellings of
// SPEC §1 or, with an input mapping, by its instant format and input time zone (SPEC §8).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/io/input_mapping.hpp"
#include "cskpi/io/instant_format.hpp"
#include "cskpi/time.hpp"

namespace cskpi::detail {

/// Not thread-safe (the zone caches its last offset range): one per thread; copies are cheap.
class InstantReader {
 public:
  InstantReader() = default;
  /// The mapping's instant format and input time zone (validated beforehand).
  explicit InstantReader(const InputMapping& mapping);

  /// No format and no zone: parse_instant() alone decides.
  [[nodiscard]] bool plain() const noexcept { return !format_ && !zone_; }

  /// The instant `text` spells; nullopt with `problem` set to what is wrong and what was
  /// expected. `date_allowed`: a date alone is local midnight of the input zone (SPEC §8:
  /// survey and customer/agent event instants).
  [[nodiscard]] std::optional<TimePoint> read(std::string_view text, bool date_allowed, std::string& problem) const;

 private:
  [[nodiscard]] std::optional<TimePoint> local(const LocalTime& t, bool date_allowed, std::string& problem) const;

  std::shared_ptr<const InstantFormat> format_;
  std::optional<ZoneBuckets> zone_;
};

/// What a failed standard parse means, for reject details ("is a local time without an offset …").
[[nodiscard]] std::string_view instant_problem(InstantError e) noexcept;

}  // namespace cskpi::detail
