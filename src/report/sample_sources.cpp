#include "report/sample_sources.hpp"

#include <algorithm>
#include <numeric>

#include "cskpi/error.hpp"
#include "report/key_codec.hpp"
#include "report/partial_state.hpp"

namespace cskpi::detail {

std::optional<std::vector<std::size_t>> part_positions(const Grouping& coarse, const Grouping& fine) {
  std::vector<std::size_t> positions;
  positions.reserve(coarse.size());
  for (const GroupPart& part : coarse) {
    const auto it = std::find(fine.begin(), fine.end(), part);
    if (it == fine.end()) return std::nullopt;
    positions.push_back(static_cast<std::size_t>(it - fine.begin()));
  }
  return positions;
}

SampleSources choose_sample_sources(const std::vector<Grouping>& groupings) {
  std::vector<std::size_t> order(groupings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return groupings[a].size() > groupings[b].size(); });
  SampleSources sources(groupings.size());
  std::vector<std::size_t> kept;
  for (const std::size_t t : order) {
    const auto source = std::find_if(kept.begin(), kept.end(),
                                     [&](std::size_t k) { return part_positions(groupings[t], groupings[k]).has_value(); });
    if (source == kept.end()) {
      kept.push_back(t);
    } else {
      sources[t] = *source;
    }
  }
  return sources;
}

namespace {

/// The key of the coarser group a finer group's key falls in.
std::string project_key(const std::string& fine_key, const std::vector<std::size_t>& positions) {
  const std::vector<KeyPart> parts = decode_key(fine_key);
  std::vector<KeyPart> coarse;
  coarse.reserve(positions.size());
  for (const std::size_t p : positions) {
    if (p >= parts.size()) throw Error(ErrorCode::invalid_argument, "a partial state's group key is damaged");
    coarse.push_back(parts[p]);
  }
  return encode_key(coarse);
}

/// The groups that keep the samples of `table`'s groups (a finer table's, or the cells'), and
/// where the table's parts are in their keys.
struct Source {
  const std::map<std::string, GroupAccumulators>* groups;
  std::vector<std::size_t> positions;
};

Source source_of(const PartialReport::State& state, std::size_t table) {
  const std::size_t source = state.sample_source.at(table).value();
  const bool cells = source == cells_source;
  if (cells && !state.cells) {
    throw Error(ErrorCode::invalid_argument, "a partial state lacks the cells that keep its samples");
  }
  const Grouping& fine = cells ? state.cells->by : state.groupings.at(source);
  auto positions = part_positions(state.groupings.at(table), fine);
  if (!positions || (!cells && state.sample_source.at(source))) {
    throw Error(ErrorCode::invalid_argument, "a partial state names a grouping's sample source it cannot have");
  }
  return {cells ? &state.cells->table.groups : &state.tables.at(source).groups, std::move(*positions)};
}

}  // namespace

GroupSources group_sources(const PartialReport::State& state, std::size_t table) {
  const auto [groups, positions] = source_of(state, table);
  GroupSources out;
  for (const auto& [key, acc] : *groups) out[project_key(key, positions)].push_back(&acc);
  return out;
}

void keep_all_samples(PartialReport::State& state) {
  for (std::size_t t = 0; t < state.sample_source.size(); ++t) {
    if (!state.sample_source[t]) continue;
    const auto [source, positions] = source_of(state, t);
    auto& groups = state.tables[t].groups;
    for (const auto& [key, acc] : *source) {
      const auto it = groups.find(project_key(key, positions));
      if (it == groups.end()) throw Error(ErrorCode::invalid_argument, "a partial state lacks a group its samples belong to");
      it->second.take_samples_of(acc);
    }
    for (auto& entry : groups) entry.second.keep_samples();
  }
  state.sample_source.clear();
  state.cells.reset();
}

}  // namespace cskpi::detail
