#include "report/state_fields.hpp"

#include <algorithm>

namespace cskpi::detail {
namespace {

/// Sorted values as the first one, then the differences (mod 2^64: no overflow).
void write_sorted(StateWriter& w, const std::vector<std::uint64_t>& sorted) {
  w.u64(sorted.size());
  std::uint64_t previous = 0;
  for (const std::uint64_t v : sorted) {
    w.u64(v - previous);
    previous = v;
  }
}

template <class Each>
void read_sorted(StateReader& r, Each each) {
  std::uint64_t value = 0;
  for (std::size_t n = r.count(); n > 0; --n) {
    value += r.u64();
    each(value);
  }
}

/// Samples map to unsigned so that their order is kept: v + 2^63.
constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

}  // namespace

void FieldWriter::operator()(const DurationAccumulator& d) {
  const std::vector<std::int64_t> samples = d.sorted_samples();
  std::vector<std::uint64_t> keys(samples.size());
  std::transform(samples.begin(), samples.end(), keys.begin(),
                 [](std::int64_t v) { return static_cast<std::uint64_t>(v) ^ sign_bit; });
  write_sorted(w_, keys);
}

void FieldWriter::operator()(const ProductivityAccumulator& p) {
  std::vector<std::uint64_t> pairs = p.pairs();
  for (std::uint64_t& pair : pairs) {
    pair = ProductivityAccumulator::pack(agent_codes_.at(ProductivityAccumulator::agent_of(pair)),
                                         ProductivityAccumulator::day_of(pair));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  write_sorted(w_, pairs);
}

void FieldReader::operator()(DurationAccumulator& d) {
  d = DurationAccumulator{};
  read_sorted(r_, [&d](std::uint64_t key) { d.add(Milliseconds{static_cast<std::int64_t>(key ^ sign_bit)}); });
}

void FieldReader::operator()(ProductivityAccumulator& p) {
  std::vector<std::uint64_t> pairs;
  read_sorted(r_, [&](std::uint64_t pair) {
    if (ProductivityAccumulator::agent_of(pair) >= agents_) r_.damaged("an agent-day of an agent the state does not name");
    pairs.push_back(pair);
  });
  p.assign(std::move(pairs));
}

}  // namespace cskpi::detail
