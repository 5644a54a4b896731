// Private: which groupings keep their groups' duration samples. A grouping whose parts are all
// parts of a finer grouping of the same report (channel and month of channel,month; the overall
// group of any) has groups that are unions of the finer one's groups: every duration sample
// goes to both, so the coarser groups only count theirs, and their medians and p90s are
// selected over their finer groups' samples. When the engine rolls its tables up from cells
// (report/slice_scan.hpp, CellPlan), the cells are every table's source: each sample is kept
// once, whatever the groupings (a standard report's five tables, which would otherwise keep
// two copies: topic, and channel,month).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cskpi/report/grouping.hpp"
#include "cskpi/report/partial_report.hpp"

namespace cskpi::detail {

class GroupAccumulators;

/// Per grouping: the grouping whose groups keep its samples, cells_source when the state's
/// cells keep them (PartialReport::State::cells), or nullopt when it keeps its own. A source
/// keeps its own, and has every part of the grouping it stands for.
using SampleSources = std::vector<std::optional<std::size_t>>;
inline constexpr std::size_t cells_source = static_cast<std::size_t>(-1);

/// The sources of a report's groupings: the ones with most parts keep their samples; every
/// other takes the first kept one that has all its parts.
[[nodiscard]] SampleSources choose_sample_sources(const std::vector<Grouping>& groupings);

/// For each part of `coarse`, its position in `fine`; nullopt when `fine` lacks one.
[[nodiscard]] std::optional<std::vector<std::size_t>> part_positions(const Grouping& coarse, const Grouping& fine);

/// For each group of a grouping that takes its samples from another: the source's groups it is
/// the union of (a group without samples has none).
using GroupSources = std::map<std::string, std::vector<const GroupAccumulators*>>;
[[nodiscard]] GroupSources group_sources(const PartialReport::State& state, std::size_t table);

/// Copies every source's samples into the groups that only counted theirs, so that each group
/// keeps its own (before a merge with a state that differs in its sources, or writing the
/// state); the cells are then dropped.
void keep_all_samples(PartialReport::State& state);

}  // namespace cskpi::detail
