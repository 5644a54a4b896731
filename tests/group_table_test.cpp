// The groups of one grouping while a slice is scanned (report/group_table.hpp): a record finds
// its group by the dense index when its key is within the index's ranges, by the key map
// otherwise, and both ways number one key's group alike.
#include <catch2/catch.hpp>

#include <cstdint>

#include "report/group_table.hpp"

using namespace cskpi;
using namespace cskpi::detail;

namespace {

/// The grouping by channel, with a dense index over the codes no_code, 0 and 1 (low −1, 3
/// values): codes from 2 on lie outside it.
TableSpec channel_spec() {
  TableSpec spec;
  spec.by = Grouping{Dimension::channel};
  spec.custom_index = {0};
  spec.dense_parts = {DensePart{0, -1, 3, 1}};
  spec.dense_places = 3;
  return spec;
}

GroupAccumulators empty() { return {MetricConfig{}, FcrConfig{}, false, false, false, true}; }

}  // namespace

TEST_CASE("Group table: dense index and key map find one group per key", "[engine]") {
  const TableSpec spec = channel_spec();
  GroupTable table(spec, empty());
  const BucketKeys buckets{};
  const auto channel = [](std::uint32_t code) {
    return [code](Dimension) { return code; };
  };
  const auto no_custom = [](std::size_t) { return no_code; };
  table.slot_of(channel(1), no_custom, buckets);        // dense place 2
  table.slot_of(channel(7), no_custom, buckets);        // beyond the index: the key map
  table.slot_of(channel(no_code), no_custom, buckets);  // dense place 0
  REQUIRE(table.size() == 3);
  CHECK(table.key(0)[0] == 1);
  CHECK(table.key(1)[0] == 7);
  CHECK(table.key(2)[0] == null_label);
  CHECK(&table.slot_of(channel(1), no_custom, buckets) == &table.accumulators(0));
  CHECK(&table.slot_of(channel(7), no_custom, buckets) == &table.accumulators(1));
  CHECK(&table.slot_of(channel(no_code), no_custom, buckets) == &table.accumulators(2));
  // A key built by hand finds the group its records made (the roll-up finds groups so).
  GroupKey key;
  key.push(1);
  CHECK(&table.slot(key) == &table.accumulators(0));
  // A group made by its key (code 0, within the index) is the one its first record finds
  // through the dense index.
  key.clear();
  key.push(0);
  table.slot(key);
  CHECK(table.size() == 4);
  CHECK(&table.slot_of(channel(0), no_custom, buckets) == &table.accumulators(3));
  CHECK(table.size() == 4);
}
