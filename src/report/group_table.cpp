#include "report/group_table.hpp"

namespace cskpi::detail {

GroupTable::GroupTable(const TableSpec& spec, GroupAccumulators empty)
    : spec_(&spec), empty_(std::move(empty)), dense_(spec.dense_places, no_group) {
  recent_.fill(no_group);
}

std::uint32_t GroupTable::group_of(const GroupKey& key) {
  const std::size_t hash = GroupKeyHash{}(key);
  std::uint32_t& recent = recent_[(hash >> 20) % recent_size];
  if (recent != no_group && keys_[recent] == key) return recent;
  const auto [it, inserted] = index_.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
  if (inserted) {
    keys_.push_back(key);
    accs_.push_back(empty_);
  }
  recent = it->second;
  return it->second;
}

}  // namespace cskpi::detail
