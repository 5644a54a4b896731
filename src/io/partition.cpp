#include "cskpi/io/partition.hpp"

#include "cskpi/error.hpp"

namespace cskpi {

std::uint64_t stable_hash(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::size_t part_of_key(std::string_view key, std::size_t parts) noexcept {
  return static_cast<std::size_t>(stable_hash(key) % static_cast<std::uint64_t>(parts));
}

PartitionRouter::PartitionRouter(std::size_t parts) : parts_(parts) {
  if (parts == 0) throw Error(ErrorCode::invalid_argument, "a partition needs at least 1 part");
}

std::size_t PartitionRouter::add_interaction(std::string_view id, std::string_view customer_id) {
  const std::size_t part = by_key(customer_id.empty() ? id : customer_id);
  interactions_.emplace(std::string{id}, static_cast<std::uint32_t>(part));
  return part;
}

std::optional<std::size_t> PartitionRouter::interaction(std::string_view id) const {
  const auto it = interactions_.find(std::string{id});
  if (it == interactions_.end()) return std::nullopt;
  return it->second;
}

std::size_t PartitionRouter::add_survey(std::string_view id, std::string_view customer_id,
                                        std::string_view interaction_id) {
  std::size_t part = by_key(customer_id.empty() ? id : customer_id);
  if (!interaction_id.empty()) part = interaction(interaction_id).value_or(part);
  surveys_.emplace(std::string{id}, static_cast<std::uint32_t>(part));
  return part;
}

std::optional<std::size_t> PartitionRouter::survey(std::string_view id) const {
  const auto it = surveys_.find(std::string{id});
  if (it == surveys_.end()) return std::nullopt;
  return it->second;
}

std::size_t PartitionRouter::event(std::string_view interaction_id) const {
  return interaction(interaction_id).value_or(rejected_part);
}

std::size_t PartitionRouter::customer_event(std::string_view customer_id) const { return by_key(customer_id); }

}  // namespace cskpi
