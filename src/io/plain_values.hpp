// io/plain_values.hpp: the common spellings of numbers and instants, read without the general
// rules' detours (io/record_fields.cpp). Each reader gives exactly the value the general rules
// give for the spellings it knows, and nullopt for any other text: then the general rules read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cskpi::detail {

/// Digits, optionally signed with '-' and with a fraction ("466", "-4.66"), of at most 15
/// significant digits: the quotient of two exactly representable doubles, so one correctly
/// rounded division gives the same double as from_chars (Clinger's fast path).
[[nodiscard]] std::optional<double> simple_decimal(std::string_view t) noexcept;

/// Digits alone, 1 to 15 of them (below 10^15: the double of the same number is exact).
[[nodiscard]] std::optional<std::uint64_t> plain_digits(std::string_view t) noexcept;

/// Instants spelled `YYYY-MM-DDThh:mm:ssZ` (20 bytes, the form most exports write), as
/// milliseconds since the epoch; nullopt for any other text or an invalid date or time of day.
/// Remembers the last date it read (rows of a file come mostly in time order): one per thread.
class UtcInstantReader {
 public:
  [[nodiscard]] std::optional<std::int64_t> read(std::string_view t) noexcept;

 private:
  std::uint32_t last_date_ = 0;  // YYYYMMDD of last_day_; 0: none yet
  std::int64_t last_day_ = 0;    // days since 1970-01-01
};

}  // namespace cskpi::detail
