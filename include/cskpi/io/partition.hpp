// cskpi/io/partition.hpp: which part of a partition of the input a record belongs to (SPEC §9
// "Partitioning rule"): a part holds all records of a customer, so that the partial states of the
// parts merge to the report of one run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cskpi {

/// FNV-1a 64 of the bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3): the same value
/// on every platform, compiler and run, unlike std::hash.
[[nodiscard]] std::uint64_t stable_hash(std::string_view bytes) noexcept;

/// The part of a key (a customer id, or a record's own id): stable_hash(key) % parts. parts ≥ 1.
[[nodiscard]] std::size_t part_of_key(std::string_view key, std::size_t parts) noexcept;

/// The routing of SPEC §9, for records the loader accepted (a rejected record goes to part 0, but
/// for a duplicate id: see docs/scale-out.md). Interactions go by their customer (their own id when
/// they have none); their events and linked surveys follow them. Give every accepted interaction to
/// add_interaction() before routing any event or survey: an event may come before its interaction.
class PartitionRouter {
 public:
  /// Throws Error(invalid_argument) when parts is 0.
  explicit PartitionRouter(std::size_t parts);

  [[nodiscard]] std::size_t parts() const noexcept { return parts_; }

  /// An accepted interaction: its customer's part, or its own id's without a customer (empty =
  /// absent). Remembered for its events, its surveys and its duplicates.
  std::size_t add_interaction(std::string_view id, std::string_view customer_id);
  /// The part of the accepted interaction with this id; nullopt when none has it.
  [[nodiscard]] std::optional<std::size_t> interaction(std::string_view id) const;

  /// An accepted survey: the part of the accepted interaction it links to, else its customer's,
  /// else its own id's. Remembered for its duplicates.
  std::size_t add_survey(std::string_view id, std::string_view customer_id, std::string_view interaction_id);
  /// The part of the accepted survey with this id; nullopt when none has it.
  [[nodiscard]] std::optional<std::size_t> survey(std::string_view id) const;

  /// An interaction event: its interaction's part; part 0 when no accepted interaction has the id
  /// (the event is rejected unknown_interaction in every part, as in one run).
  [[nodiscard]] std::size_t event(std::string_view interaction_id) const;
  /// A customer event: its customer's part.
  [[nodiscard]] std::size_t customer_event(std::string_view customer_id) const;

  /// Agent events (the roster is small and counted once) and rejected records.
  static constexpr std::size_t agent_event_part = 0;
  static constexpr std::size_t rejected_part = 0;

 private:
  [[nodiscard]] std::size_t by_key(std::string_view key) const noexcept { return part_of_key(key, parts_); }

  std::size_t parts_ = 1;
  std::unordered_map<std::string, std::uint32_t> interactions_;  // accepted id → part
  std::unordered_map<std::string, std::uint32_t> surveys_;       // accepted id → part
};

}  // namespace cskpi
