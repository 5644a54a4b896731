// Private: the accumulators of a group inside a partial state (docs/state-format.md, "Groups"):
// the `io` objects that the accumulators' state_fields templates call once per field. Counts
// are varints, sums their two 64-bit words, duration samples sorted and delta-coded, agent-days
// sorted pairs of canonical agent codes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "cskpi/exact_sum.hpp"
#include "cskpi/metrics/duration_stats.hpp"
#include "cskpi/metrics/productivity.hpp"
#include "report/state_codec.hpp"
#include "report/state_config.hpp"

namespace cskpi::detail {

class FieldWriter {
 public:
  /// `agent_codes` maps the state's agent codes to the canonical ones (labels sorted).
  FieldWriter(StateWriter& w, const std::vector<std::uint32_t>& agent_codes) : w_(w), agent_codes_(agent_codes) {}

  void operator()(const std::uint64_t& v) { w_.u64(v); }
  void operator()(const std::int64_t& v) { w_.i64(v); }
  void operator()(const bool& v) { write_flag(w_, v); }
  void operator()(const ExactSum& v) {
    w_.u64(v.high_word());
    w_.u64(v.low_word());
  }
  void operator()(const std::optional<Milliseconds>& v) {
    write_flag(w_, v.has_value());
    if (v) w_.i64(v->count());
  }
  void operator()(const std::array<std::uint64_t, 11>& counts) {
    for (const std::uint64_t c : counts) w_.u64(c);
  }
  void operator()(const DurationAccumulator& d);
  void operator()(const ProductivityAccumulator& p);
  template <class Accumulator>
  void operator()(const Accumulator& a) {
    Accumulator::state_fields(a, *this);
  }

 private:
  StateWriter& w_;
  const std::vector<std::uint32_t>& agent_codes_;
};

class FieldReader {
 public:
  /// `agents`: how many agent labels the state holds (agent codes must be below it).
  FieldReader(StateReader& r, std::size_t agents) : r_(r), agents_(agents) {}

  void operator()(std::uint64_t& v) { v = r_.u64(); }
  void operator()(std::int64_t& v) { v = r_.i64(); }
  void operator()(bool& v) { v = read_flag(r_); }
  void operator()(ExactSum& v) {
    const std::uint64_t high = r_.u64();
    v = ExactSum::of_words(high, r_.u64());
  }
  void operator()(std::optional<Milliseconds>& v) {
    v.reset();
    if (read_flag(r_)) v = Milliseconds{r_.i64()};
  }
  void operator()(std::array<std::uint64_t, 11>& counts) {
    for (std::uint64_t& c : counts) c = r_.u64();
  }
  void operator()(DurationAccumulator& d);
  void operator()(ProductivityAccumulator& p);
  template <class Accumulator>
  void operator()(Accumulator& a) {
    Accumulator::state_fields(a, *this);
  }

 private:
  StateReader& r_;
  std::size_t agents_;
};

}  // namespace cskpi::detail
