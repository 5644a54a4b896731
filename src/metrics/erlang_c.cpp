#include "cskpi/metrics/erlang_c.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "cskpi/error.hpp"

namespace cskpi {

namespace {

/// Decimal inputs such as a 0.3 shrinkage are not exact in binary, so a quotient that is an
/// integer in decimals (21/(1 − 0.3) = 30) may come out a few ulps above it; within this
/// distance of an integer, a quotient counts as that integer.
constexpr double integer_snap = 1e-6;

/// Counts past this are not exact in a double.
constexpr double max_agents = 9007199254740992.0;  // 2^53

std::string num(double v) { return fmt::format("{}", v); }

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::invalid_argument, message); }

/// 1/B(k, A), the inverse Erlang B, walked upwards in k: 1/B(k) = 1 + (k/A)·1/B(k−1) is
/// B(k) = A·B(k−1)/(k + A·B(k−1)) inverted, so the tail ends in an overflow to +inf, not denormals.
///
/// Start: the recurrence contracts the relative error of 1/B by (1 − B(k)) ≤ min(1, k/A) per
/// step (carried traffic A(1 − B) ≤ k). Starting from B = 1 at k0 = ⌊A⌋ − m, an error below 1
/// shrinks by Π k/A ≤ e^{−m(m−1)/(2A)} ≤ e^{−40} ≈ 4e−18 by k = ⌊A⌋ when m(m−1) ≥ 80A: below
/// double rounding, so the result is the full recurrence from B(0) = 1, in O(√A) steps.
/// Once 1/B overflows to +inf (B below ~1e−308, at most 54√A + 1030 steps past A) it stays there,
/// and C = 0.
class InverseErlangB {
 public:
  InverseErlangB(double traffic, std::uint64_t n) : a_(traffic) {
    const double m = std::ceil(std::sqrt(80.0 * traffic)) + 1.0;
    const double k0 = std::floor(traffic) - m;
    k_ = k0 > 0 ? static_cast<std::uint64_t>(k0) : 0;
    if (k_ > n) k_ = n;
    while (k_ < n && !std::isinf(inv_b_)) step();
    k_ = n;
  }

  void step() {
    ++k_;
    if (!std::isinf(inv_b_)) inv_b_ = 1.0 + inv_b_ * (static_cast<double>(k_) / a_);
  }

  [[nodiscard]] std::uint64_t agents() const noexcept { return k_; }
  [[nodiscard]] double inverse() const noexcept { return inv_b_; }

 private:
  double a_;
  std::uint64_t k_ = 0;
  double inv_b_ = 1.0;  // B(k0) = 1
};

void check_answer_target(Milliseconds t, const char* name) {
  if (t < Milliseconds::zero()) invalid(std::string(name) + " " + std::to_string(t.count()) + " ms is negative");
}

/// The figures of a stable queue (N > A > 0) from 1/B(N, A).
ErlangCResult stable_figures(const ErlangCInput& in, double a, std::uint64_t n, double inv_b, Milliseconds t) {
  const double agents = static_cast<double>(n);
  const double spare = agents - a;                     // N − A > 0
  const double p_wait = agents / (spare * inv_b + a);  // N·B/(N − A(1 − B)), times 1/B
  const double aht_s = static_cast<double>(in.aht.count()) / 1000.0;
  const double t_s = static_cast<double>(t.count()) / 1000.0;
  ErlangCResult r;
  r.agents = n;
  r.traffic = a;
  r.probability_wait = p_wait;
  r.service_level = 1.0 - p_wait * std::exp(-spare * t_s / aht_s);
  r.asa = std::chrono::duration<double>{p_wait * aht_s / spare};
  r.occupancy = a / agents;
  r.stable = true;
  r.answer_target = t;
  return r;
}

/// The figures when no stable queue formula applies: no traffic, or N ≤ A.
ErlangCResult degenerate_figures(double a, std::uint64_t n, Milliseconds t) {
  ErlangCResult r;
  r.agents = n;
  r.traffic = a;
  r.answer_target = t;
  if (a == 0) {
    r.stable = true;
    if (n == 0) return r;  // nothing arrives, nobody answers: every rate undefined
    r.probability_wait = 0.0;
    r.service_level = 1.0;
    r.asa = std::chrono::duration<double>{0.0};
    r.occupancy = 0.0;
    return r;
  }
  r.stable = false;  // the queue grows without bound
  r.probability_wait = 1.0;
  r.service_level = 0.0;
  if (n > 0) r.occupancy = 1.0;
  return r;
}

bool is_stable(double a, std::uint64_t n) { return a > 0 && static_cast<double>(n) > a; }

void check_target(const StaffingTarget& t) {
  if (!(t.service_level > 0 && t.service_level < 1)) {
    invalid("StaffingTarget.service_level " + num(t.service_level) + " is outside (0, 1)");
  }
  check_answer_target(t.answer_within, "StaffingTarget.answer_within");
  if (t.asa_target && *t.asa_target <= Milliseconds::zero()) {
    invalid("StaffingTarget.asa_target " + std::to_string(t.asa_target->count()) + " ms is not positive");
  }
  if (t.max_occupancy && !(*t.max_occupancy > 0 && *t.max_occupancy <= 1)) {
    invalid("StaffingTarget.max_occupancy " + num(*t.max_occupancy) + " is outside (0, 1]");
  }
  if (!(t.shrinkage >= 0 && t.shrinkage < 1)) {
    invalid("StaffingTarget.shrinkage " + num(t.shrinkage) + " is outside [0, 1)");
  }
}

/// ⌈x⌉ for a quotient of decimal inputs: 21/(1 − 0.3) is 30, not 31.
std::uint64_t ceil_rational(double x) {
  const double nearest = std::round(x);
  const double c = std::abs(x - nearest) <= integer_snap ? nearest : std::ceil(x);
  if (!(c <= max_agents)) invalid("staffing needs more than 2^53 agents (" + num(x) + ")");
  return static_cast<std::uint64_t>(c);
}

/// The least N > A with A/N ≤ cap (N ≥ A/cap, snapped), the lower bound of the search.
std::uint64_t least_stable_agents(double a, const std::optional<double>& cap) {
  const auto n = static_cast<std::uint64_t>(std::floor(a)) + 1;
  return cap ? std::max(n, ceil_rational(a / *cap)) : n;
}

bool meets(const ErlangCResult& r, const StaffingTarget& t) {
  if (!r.service_level || *r.service_level < t.service_level) return false;
  if (t.asa_target) {
    const std::chrono::duration<double> limit = *t.asa_target;
    if (!r.asa || *r.asa > limit) return false;
  }
  return true;
}

}  // namespace

double offered_traffic(const ErlangCInput& in) {
  if (!(in.calls >= 0) || !std::isfinite(in.calls)) {
    invalid("ErlangCInput.calls " + num(in.calls) + " is not a finite count >= 0");
  }
  if (in.interval <= Milliseconds::zero()) {
    invalid("ErlangCInput.interval " + std::to_string(in.interval.count()) + " ms is not positive");
  }
  if (in.aht <= Milliseconds::zero()) {
    invalid("ErlangCInput.aht " + std::to_string(in.aht.count()) + " ms is not positive");
  }
  const double a = in.calls * static_cast<double>(in.aht.count()) / static_cast<double>(in.interval.count());
  if (!(a <= max_erlang_traffic)) invalid("ErlangCInput: traffic " + num(a) + " Erlangs exceeds the supported 1e12");
  return a;
}

ErlangCResult erlang_c(const ErlangCInput& in, std::uint64_t agents, Milliseconds answer_target) {
  const double a = offered_traffic(in);
  check_answer_target(answer_target, "erlang_c: answer_target");
  if (!is_stable(a, agents)) return degenerate_figures(a, agents, answer_target);
  const InverseErlangB b(a, agents);
  return stable_figures(in, a, agents, b.inverse(), answer_target);
}

StaffingResult required_agents(const ErlangCInput& in, const StaffingTarget& target) {
  const double a = offered_traffic(in);
  check_target(target);
  StaffingResult r;
  r.target = target;
  if (a == 0) {  // no calls: nobody needed
    r.at_required = degenerate_figures(a, 0, target.answer_within);
    return r;
  }
  // SL rises and ASA falls with N (N > A): walk up from the lower bound to the first N that meets both.
  // Ends at the latest when 1/B overflows (C = 0, SL = 1, ASA = 0), 54√A + 1030 steps past A.
  InverseErlangB b(a, least_stable_agents(a, target.max_occupancy));
  for (;;) {
    r.at_required = stable_figures(in, a, b.agents(), b.inverse(), target.answer_within);
    if (meets(r.at_required, target)) break;
    b.step();
  }
  r.required_agents = b.agents();
  r.scheduled_agents = ceil_rational(static_cast<double>(r.required_agents) / (1.0 - target.shrinkage));
  return r;
}

}  // namespace cskpi
