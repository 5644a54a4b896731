// Private: what one interaction contributes to the groups it is attributed to: effective
// first response and resolution (record fields win, else the event history), durations in
// calendar and business time, SLA statuses, FCR case, state durations and next replies.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "cskpi/calendar/business_calendar.hpp"
#include "cskpi/metrics/fcr.hpp"
#include "cskpi/metrics/sla.hpp"
#include "cskpi/model/dataset.hpp"
#include "cskpi/model/event_history.hpp"
#include "cskpi/report/report_spec.hpp"

namespace cskpi::detail {

struct SlaOutcome {
  SlaStatus status = SlaStatus::pending;
  Milliseconds target{0};
};

/// The abandonment instant of an abandoned interaction (SPEC v3 §3): created_at + wait_seconds,
/// or created_at without a wait. Precondition: row < c.size().
[[nodiscard]] inline std::int64_t abandonment_instant(const InteractionColumns& c, std::size_t row) noexcept {
  return c.created_ms[row] + (c.wait_ms[row] != no_value ? c.wait_ms[row] : 0);
}

/// State durations, in the order requester_wait, agent_work, on_hold, pending.
inline constexpr std::size_t state_count = 4;

struct InteractionFacts {
  std::int64_t first_response_at = no_instant;  // effective, at or before as_of
  std::int64_t resolved_at = no_instant;        // effective, at or before as_of
  std::int64_t first_response_ms = no_value;    // duration from created_at
  std::int64_t resolution_ms = no_value;
  std::int64_t first_response_business_ms = no_value;
  std::int64_t resolution_business_ms = no_value;
  bool resolved = false;
  bool reopened = false;
  bool self_service = false;
  bool complaint = false;
  std::optional<bool> first_contact;  // nullopt: not an FCR case
  std::optional<SlaOutcome> sla_first_response;
  std::optional<SlaOutcome> sla_resolution;
  bool has_history = false;  // the interaction has events: state durations and next replies
  std::array<std::int64_t, state_count> state_ms{};
  std::array<std::int64_t, state_count> state_business_ms{};
  std::vector<std::int64_t> next_reply_ms;
  std::vector<std::int64_t> next_reply_business_ms;
};

/// Builds the facts of interactions. Copies share the immutable, data-set-wide part (FCR
/// method and repeat flags, calendars, SLA policies, effective resolution instants) and have
/// their own scratch, so each thread uses its own copy.
class FactsBuilder {
 public:
  /// Throws Error(invalid_config) when a calendar of the configuration is invalid.
  FactsBuilder(const Dataset& data, const MetricConfig& config, std::int64_t as_of);

  /// The FCR method in force (the configured one, else the SPEC default).
  [[nodiscard]] FcrMethod fcr_method() const noexcept { return shared_->fcr_method; }
  [[nodiscard]] bool has_business_calendar() const noexcept { return shared_->business != nullptr; }
  [[nodiscard]] bool has_sla() const noexcept { return !shared_->policies.empty(); }
  /// Effective resolution instant of an interaction (record field, else the history;
  /// no_instant when open), before the as_of cut: for resolved counts and backlog.
  [[nodiscard]] std::int64_t resolved_at(std::size_t row) const noexcept {
    return shared_->resolved_at.empty() ? shared_->data->interactions().resolved_ms[row] : shared_->resolved_at[row];
  }
  /// Abandonment instant of an abandoned interaction without a resolution (no_instant
  /// otherwise), before the as_of cut: for abandoned counts and backlog (SPEC v3 §3). An
  /// abandoned contact is over at its abandonment, unless a resolution ends it.
  [[nodiscard]] std::int64_t abandoned_at(std::size_t row) const noexcept {
    const InteractionColumns& c = shared_->data->interactions();
    return c.abandoned[row] != 0 && resolved_at(row) == no_instant ? abandonment_instant(c, row) : no_instant;
  }

  /// Fills `out` for interaction `row` (its vectors are reused).
  void build(std::size_t row, InteractionFacts& f);

 private:
  struct Shared {
    const Dataset* data = nullptr;
    std::int64_t as_of = 0;
    FcrMethod fcr_method = FcrMethod::contacts;
    std::vector<std::uint8_t> repeats;
    std::map<std::string, BusinessCalendar> calendars;
    const BusinessCalendar* business = nullptr;
    std::vector<const SlaPolicy*> policy_of_code;  // by priority dictionary code
    std::map<Priority, SlaPolicy> policies;
    std::vector<std::int64_t> resolved_at;  // empty: the records' own resolved_at column
    std::uint32_t self_service_code = no_code;
    std::uint32_t complaint_code = no_code;
  };

  [[nodiscard]] static std::int64_t business_ms(const BusinessCalendar& calendar, std::int64_t a, std::int64_t b);
  [[nodiscard]] std::int64_t paused_ms(const SlaPolicy& policy, const BusinessCalendar* calendar, std::int64_t from,
                                       std::int64_t to) const;
  void derive_history(std::size_t row);
  void sla(std::size_t row, InteractionFacts& f) const;
  static void init(Shared& s, FactsBuilder& scratch, const Dataset& data, const MetricConfig& config);

  std::shared_ptr<const Shared> shared_;
  // Scratch for one history.
  std::vector<HistoryEvent> events_;
  HistoryFacts history_;
};

}  // namespace cskpi::detail
