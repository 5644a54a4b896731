// io/record_pack.hpp: a checked interaction or survey → its packed row in a batch. The values
// are views, into an Interaction's strings (the general rules) or into the record's own text
// (the plain path, io/plain_record.hpp), so both paths pack through the same code.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "cskpi/model/dataset.hpp"
#include "cskpi/model/interaction.hpp"
#include "cskpi/model/interaction_event.hpp"
#include "cskpi/model/survey.hpp"
#include "io/parallel_load.hpp"

namespace cskpi::detail {

/// A label; empty = absent (a label is never the empty text: "" reads as absent, SPEC §1).
using LabelView = std::string_view;

/// The labels interactions and surveys both have.
struct SharedLabels {
  LabelView channel;
  LabelView topic;
  LabelView product;
  std::optional<Priority> priority;
  LabelView agent;
  LabelView team;
  LabelView department;
  std::array<LabelView, max_custom_dimensions> custom{};
  std::size_t custom_count = 0;
};

/// A checked interaction: its labels as views, the rest in column units.
struct InteractionValues {
  std::string_view id;
  LabelView customer;
  LabelView kind;
  SharedLabels labels;
  InteractionMeasures measures;
};

/// A checked survey answer.
struct SurveyValues {
  std::string_view id;
  LabelView customer;
  LabelView link;
  SharedLabels labels;
  std::int64_t responded_ms = 0;
  int score = 0;
  SurveyKind kind = SurveyKind::nps;
};

/// A checked interaction event (its status only for a status event).
struct EventValues {
  std::string_view interaction;
  LabelView agent;
  std::int64_t at_ms = 0;
  InteractionEventType type = InteractionEventType::status;
  std::optional<TicketStatus> status;
};

/// Appends `text` to a batch's arena; where it lies.
ArenaRef put(std::string& arena, std::string_view text);

/// Views of a record the general rules built (valid while it is).
[[nodiscard]] InteractionValues values_of(const Interaction& r);
[[nodiscard]] SurveyValues values_of(const SurveyResponse& r);
[[nodiscard]] EventValues values_of(const InteractionEvent& r);

/// Appends the packed row and its entry (record start, line) to the batch; ids hashed as
/// `wants` says (nullptr: all).
void pack(Batch& out, const InteractionValues& r, std::uint64_t start, std::uint64_t line,
          const IdHashWants* wants = nullptr);
void pack(Batch& out, const SurveyValues& r, std::uint64_t start, std::uint64_t line,
          const IdHashWants* wants = nullptr);
void pack(Batch& out, const EventValues& r, std::uint64_t start, std::uint64_t line,
          const IdHashWants* wants = nullptr);

}  // namespace cskpi::detail
