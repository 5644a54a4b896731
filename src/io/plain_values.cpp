#include "io/plain_values.hpp"

#include "detail/civil.hpp"

namespace cskpi::detail {

std::optional<double> simple_decimal(std::string_view t) noexcept {
  std::size_t i = 0;
  const bool negative = !t.empty() && t[0] == '-';
  if (negative) ++i;
  std::uint64_t mantissa = 0;
  std::size_t digits = 0;
  std::size_t fraction = 0;
  const std::size_t int_begin = i;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) mantissa = mantissa * 10 + static_cast<unsigned>(t[i] - '0');
  if (i == int_begin) return std::nullopt;
  if (i < t.size() && t[i] == '.') {
    const std::size_t frac_begin = ++i;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) mantissa = mantissa * 10 + static_cast<unsigned>(t[i] - '0');
    fraction = i - frac_begin;
    if (fraction == 0) return std::nullopt;
  }
  if (i != t.size() || digits > 15) return std::nullopt;
  constexpr double powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  // A whole number needs no division (x / 1 is x).
  const double value = fraction == 0 ? static_cast<double>(mantissa) : static_cast<double>(mantissa) / powers[fraction];
  return negative ? -value : value;
}

std::optional<std::uint64_t> plain_digits(std::string_view t) noexcept {
  if (t.empty() || t.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : t) {
    const auto d = static_cast<unsigned>(c - '0');
    if (d > 9) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

namespace {

// The value of the digits t[at, at + n), or -1 when one is not a digit.
constexpr int digits_at(std::string_view t, std::size_t at, std::size_t n) noexcept {
  int value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    const auto d = static_cast<unsigned>(t[i] - '0');
    if (d > 9) return -1;
    value = value * 10 + static_cast<int>(d);
  }
  return value;
}

}  // namespace

std::optional<std::int64_t> UtcInstantReader::read(std::string_view t) noexcept {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') {
    return std::nullopt;
  }
  const int year = digits_at(t, 0, 4);
  const int month = digits_at(t, 5, 2);
  const int day = digits_at(t, 8, 2);
  const int hour = digits_at(t, 11, 2);
  const int minute = digits_at(t, 14, 2);
  const int second = digits_at(t, 17, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59) {
    return std::nullopt;
  }
  const auto date = static_cast<std::uint32_t>(year * 10000 + month * 100 + day);
  if (date != last_date_) {
    if (day > days_in_month(year, month)) return std::nullopt;
    last_day_ = days_from_civil(year, month, day);
    last_date_ = date;
  }
  return (last_day_ * 86'400 + std::int64_t{hour} * 3'600 + std::int64_t{minute} * 60 + second) * 1'000;
}

}  // namespace cskpi::detail
