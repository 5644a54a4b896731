// cskpi/metrics/fcr.hpp: First Contact Resolution (SPEC §3 Quality), and the repeat-contact
// detection its `repeat_window` method needs.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "cskpi/time.hpp"

namespace cskpi {

/// How a resolved case is judged first-contact. Enumerators spell the config/JSON value.
enum class FcrMethod : unsigned char {
  contacts,       // contacts == 1 and reopened == 0
  repeat_window,  // reopened == 0 and no repeat contact within the window
};

[[nodiscard]] constexpr std::string_view to_string(FcrMethod m) noexcept {
  return m == FcrMethod::repeat_window ? "repeat_window" : "contacts";
}

[[nodiscard]] constexpr std::optional<FcrMethod> parse_fcr_method(std::string_view name) noexcept {
  if (name == "contacts") return FcrMethod::contacts;
  if (name == "repeat_window") return FcrMethod::repeat_window;
  return std::nullopt;
}

struct FcrConfig {
  FcrMethod method = FcrMethod::contacts;
  Milliseconds window = std::chrono::hours{24 * 7};  // > 0; used by repeat_window, echoed always

  friend bool operator==(const FcrConfig& a, const FcrConfig& b) noexcept {
    return a.method == b.method && a.window == b.window;
  }
  friend bool operator!=(const FcrConfig& a, const FcrConfig& b) noexcept { return !(a == b); }
};

struct FcrResult {
  std::uint64_t resolved = 0;       // the denominator: resolved, non-self-service cases
  std::uint64_t first_contact = 0;  // of which resolved at first contact
  std::optional<double> rate;       // fraction 0-1; nullopt when resolved == 0
  FcrMethod method = FcrMethod::contacts;              // echo of the config
  Milliseconds window = std::chrono::hours{24 * 7};    // echo of the config

  friend bool operator==(const FcrResult& a, const FcrResult& b) noexcept {
    return a.resolved == b.resolved && a.first_contact == b.first_contact && a.rate == b.rate &&
           a.method == b.method && a.window == b.window;
  }
  friend bool operator!=(const FcrResult& a, const FcrResult& b) noexcept { return !(a == b); }
};

/// Counts cases; the caller decides per case (by the configured method) whether it was
/// resolved at first contact. The config is carried so results echo it and merges check it.
class FcrAccumulator {
 public:
  FcrAccumulator() = default;
  /// Throws Error(invalid_config) when window ≤ 0.
  explicit FcrAccumulator(FcrConfig config);

  /// One resolved, non-self-service case.
  void add(bool first_contact) noexcept;
  /// Throws Error(incompatible_merge) when the configs differ.
  void merge(const FcrAccumulator& other);
  [[nodiscard]] FcrResult result() const;
  [[nodiscard]] const FcrConfig& config() const noexcept { return config_; }

  /// Its state, field by field in a fixed order, for the partial-state format
  /// (docs/state-format.md): io(field) on each; Self is const when writing, mutable when reading.
  template <class Self, class Io>
  static void state_fields(Self& s, Io& io) {
    io(s.resolved_);
    io(s.first_contact_);
  }

 private:
  FcrConfig config_;
  std::uint64_t resolved_ = 0;
  std::uint64_t first_contact_ = 0;
};

/// For each row i: whether another row j with customer[j] == customer[i] and
/// topic[j] == topic[i] (codes; no_code == no_code is equal) was created in
/// (created_ms[i], created_ms[i] + window]. A tie in created_ms is not a repeat.
/// O(n log n). Throws Error(invalid_argument) when the columns differ in length or window < 0.
[[nodiscard]] std::vector<std::uint8_t> repeat_contacts(const std::vector<std::uint32_t>& customer,
                                                        const std::vector<std::uint32_t>& topic,
                                                        const std::vector<std::int64_t>& created_ms,
                                                        Milliseconds window);

}  // namespace cskpi
