// io/plain_values.hpp: the common spellings of numbers and instants, read without the general
// rules' detours (io/record_fields.cpp). Each reader gives exactly the value the general rules
// give for the spellings it knows, and nullopt for any other text: then the general rules read it.
// Defined here, inline, for the parsers' loops.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "detail/civil.hpp"

namespace cskpi::detail {

/// Digits, optionally signed with '-' and with a fraction ("466", "-4.66"), of at most 15
/// significant digits: the quotient of two exactly representable doubles, so one correctly
/// rounded division gives the same double as from_chars (Clinger's fast path).
[[nodiscard]] std::optional<double> simple_decimal(std::string_view t) noexcept;
/// The same into `out`; false for any other text. The hot loops use these forms: GCC returns a
/// std::optional through memory (a byte stored, then loaded with the value: a stall per value).
[[nodiscard]] bool read_simple_decimal(std::string_view t, double& out) noexcept;

/// Digits alone, 1 to 15 of them (below 10^15: the double of the same number is exact).
[[nodiscard]] std::optional<std::uint64_t> plain_digits(std::string_view t) noexcept;
[[nodiscard]] bool read_plain_digits(std::string_view t, std::uint64_t& out) noexcept;

/// Instants spelled `YYYY-MM-DDThh:mm:ssZ` (20 bytes, the form most exports write), as
/// milliseconds since the epoch; nullopt for any other text or an invalid date or time of day.
/// Remembers the last date it read (rows of a file come mostly in time order): one per thread.
class UtcInstantReader {
 public:
  [[nodiscard]] std::optional<std::int64_t> read(std::string_view t) noexcept;
  /// The same into `ms`; false for any other text.
  [[nodiscard]] bool read(std::string_view t, std::int64_t& ms) noexcept;

 private:
  std::uint32_t last_date_ = 0;  // YYYYMMDD of last_day_; 0: none yet
  std::int64_t last_day_ = 0;    // days since 1970-01-01
};

// ---------------------------------------------------------------------------------------------
// Definitions.
inline bool read_simple_decimal(std::string_view t, double& out) noexcept {
  std::size_t i = 0;
  const bool negative = !t.empty() && t[0] == '-';
  if (negative) ++i;
  std::uint64_t mantissa = 0;
  std::size_t digits = 0;
  std::size_t fraction = 0;
  const std::size_t int_begin = i;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) mantissa = mantissa * 10 + static_cast<unsigned>(t[i] - '0');
  if (i == int_begin) return false;
  if (i < t.size() && t[i] == '.') {
    const std::size_t frac_begin = ++i;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) mantissa = mantissa * 10 + static_cast<unsigned>(t[i] - '0');
    fraction = i - frac_begin;
    if (fraction == 0) return false;
  }
  if (i != t.size() || digits > 15) return false;
  static constexpr double powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  // A whole number needs no division (x / 1 is x).
  const double value = fraction == 0 ? static_cast<double>(mantissa) : static_cast<double>(mantissa) / powers[fraction];
  out = negative ? -value : value;
  return true;
}

inline std::optional<double> simple_decimal(std::string_view t) noexcept {
  double value = 0;
  if (!read_simple_decimal(t, value)) return std::nullopt;
  return value;
}

inline bool read_plain_digits(std::string_view t, std::uint64_t& out) noexcept {
  if (t.empty() || t.size() > 15) return false;
  std::uint64_t value = 0;
  for (const char c : t) {
    const auto d = static_cast<unsigned>(c - '0');
    if (d > 9) return false;
    value = value * 10 + d;
  }
  out = value;
  return true;
}

inline std::optional<std::uint64_t> plain_digits(std::string_view t) noexcept {
  std::uint64_t value = 0;
  if (!read_plain_digits(t, value)) return std::nullopt;
  return value;
}

namespace plain_values_detail {

inline std::uint64_t load_word(const char* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  std::memcpy(&v, p, n);
  return v;
}

/// A word of the `YYYY-MM-DDThh:mm:ssZ` form read from byte `at`: its bytes XOR the template
/// (each digit '0', each separator itself) are digit values, separators 0. `digits` marks the
/// digit bytes (0xFF). Returns nonzero when a digit byte is not a digit or a separator differs.
inline std::uint64_t misfit(std::uint64_t x, std::uint64_t digits) noexcept {
  constexpr std::uint64_t six = 0x0606060606060606ull;
  constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0ull;
  // A digit byte holds 0–9: high nibble clear, and adding 6 keeps it clear (a byte past 9 is
  // caught by its own test before any carry of it could reach the next byte).
  return (x & ~digits) | ((x | (x + (six & digits))) & high & digits);
}

/// Byte k of a word, as a number.
constexpr int byte_at(std::uint64_t w, unsigned k) noexcept { return static_cast<int>((w >> (8 * k)) & 0xFF); }

}  // namespace plain_values_detail

// Three loads and two masked tests check every byte (no branch per byte); the digits are then
// combined arithmetically and the ranges tested in one branch.
inline bool UtcInstantReader::read(std::string_view t, std::int64_t& ms) noexcept {
  if (t.size() != 20) return false;
  // "YYYY-MM-", "DDThh:mm", ":ssZ", little-endian: the first byte is the lowest.
  constexpr std::uint64_t template0 = 0x2D30302D30303030ull;  // "0000-00-"
  constexpr std::uint64_t digits0 = 0x00FFFF00FFFFFFFFull;
  constexpr std::uint64_t template1 = 0x30303A3030543030ull;  // "00T00:00"
  constexpr std::uint64_t digits1 = 0xFFFF00FFFF00FFFFull;
  constexpr std::uint64_t template2 = 0x5A30303Aull;          // ":00Z"
  constexpr std::uint64_t digits2 = 0x00FFFF00ull;
  using plain_values_detail::byte_at;
  using plain_values_detail::load_word;
  using plain_values_detail::misfit;
  const std::uint64_t a = load_word(t.data(), 8) ^ template0;
  const std::uint64_t b = load_word(t.data() + 8, 8) ^ template1;
  const std::uint64_t c = load_word(t.data() + 16, 4) ^ template2;
  if ((misfit(a, digits0) | misfit(b, digits1) | misfit(c, digits2)) != 0) return false;
  const int year = byte_at(a, 0) * 1000 + byte_at(a, 1) * 100 + byte_at(a, 2) * 10 + byte_at(a, 3);
  const int month = byte_at(a, 5) * 10 + byte_at(a, 6);
  const int day = byte_at(b, 0) * 10 + byte_at(b, 1);
  const int hour = byte_at(b, 3) * 10 + byte_at(b, 4);
  const int minute = byte_at(b, 6) * 10 + byte_at(b, 7);
  const int second = byte_at(c, 1) * 10 + byte_at(c, 2);
  if ((year < 1) | (month < 1) | (month > 12) | (day < 1) | (hour > 23) | (minute > 59) | (second > 59)) {
    return false;
  }
  const auto date = static_cast<std::uint32_t>(year * 10000 + month * 100 + day);
  if (date != last_date_) {
    if (day > days_in_month(year, month)) return false;
    last_day_ = days_from_civil(year, month, day);
    last_date_ = date;
  }
  ms = (last_day_ * 86'400 + std::int64_t{hour} * 3'600 + std::int64_t{minute} * 60 + second) * 1'000;
  return true;
}

inline std::optional<std::int64_t> UtcInstantReader::read(std::string_view t) noexcept {
  std::int64_t ms = 0;
  if (!read(t, ms)) return std::nullopt;
  return ms;
}

}  // namespace cskpi::detail
