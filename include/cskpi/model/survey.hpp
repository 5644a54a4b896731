// cskpi/model/survey.hpp: one survey answer (SPEC §1, SurveyResponse).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/model/dimension.hpp"
#include "cskpi/time.hpp"

namespace cskpi {

enum class SurveyKind : unsigned char { nps, csat, ces, enps };

[[nodiscard]] constexpr std::string_view to_string(SurveyKind k) noexcept {
  switch (k) {
    case SurveyKind::nps: return "nps";
    case SurveyKind::csat: return "csat";
    case SurveyKind::ces: return "ces";
    case SurveyKind::enps: return "enps";
  }
  return "nps";
}

/// The valid score range of a survey kind (inclusive).
struct ScoreScale {
  int min = 0;
  int max = 10;
  friend bool operator==(const ScoreScale& a, const ScoreScale& b) noexcept { return a.min == b.min && a.max == b.max; }
};

/// Score ranges: NPS and eNPS are fixed at 0-10; CSAT (default 1-5) and CES (default 1-7)
/// are configurable.
struct SurveyScales {
  ScoreScale csat{1, 5};
  ScoreScale ces{1, 7};
  [[nodiscard]] ScoreScale of(SurveyKind k) const noexcept {
    if (k == SurveyKind::csat) return csat;
    if (k == SurveyKind::ces) return ces;
    return ScoreScale{0, 10};
  }
};

struct SurveyResponse {
  std::string id;
  SurveyKind kind = SurveyKind::nps;
  int score = 0;  // nps/enps 0-10, csat 1-5, ces 1-7 unless scales are configured
  TimePoint responded_at{};
  std::optional<std::string> customer_id;     // for enps: the employee
  std::optional<std::string> interaction_id;  // a link; an unknown link inherits nothing
  // Explicit dimension values; they win over the linked interaction's.
  std::optional<std::string> channel;
  std::optional<std::string> topic;
  std::optional<std::string> product;
  std::optional<Priority> priority;
  std::optional<std::string> agent_id;
  std::optional<std::string> team;
  std::optional<std::string> department;
  /// Explicit values of the data set's custom dimensions, by position; they win over the
  /// linked interaction's. Missing trailing entries are absent.
  std::vector<std::optional<std::string>> custom{};
};

}  // namespace cskpi
