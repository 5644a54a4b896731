#include <catch2/catch.hpp>

#include <cskpi/metrics/sla.hpp>

using namespace cskpi;
using std::chrono::seconds;

TEST_CASE("An SLA target met exactly at the target is achieved, one millisecond over is breached", "[metrics][sla]") {
  const Milliseconds target = seconds{3600};
  CHECK(sla_status(Milliseconds{3600000}, Milliseconds{0}, target) == SlaStatus::achieved);
  CHECK(sla_status(Milliseconds{3600001}, Milliseconds{0}, target) == SlaStatus::breached);
  CHECK(sla_status(Milliseconds{0}, Milliseconds{0}, target) == SlaStatus::achieved);
}

TEST_CASE("An SLA target not done is pending until its clock passes the target, then breached", "[metrics][sla]") {
  const Milliseconds target = seconds{3600};
  CHECK(sla_status(std::nullopt, Milliseconds{3600000}, target) == SlaStatus::pending);  // exactly at target: not over
  CHECK(sla_status(std::nullopt, Milliseconds{3600001}, target) == SlaStatus::breached);
  CHECK(sla_status(std::nullopt, Milliseconds{0}, target) == SlaStatus::pending);
}

TEST_CASE("SLA compliance is achieved over achieved plus breached, pending is left out", "[metrics][sla]") {
  SlaAccumulator acc;
  CHECK_FALSE(acc.result().compliance);
  CHECK_FALSE(acc.result().target);
  acc.add(SlaStatus::pending, seconds{60});
  CHECK_FALSE(acc.result().compliance);  // only pending: undefined
  acc.add(SlaStatus::achieved, seconds{60});
  acc.add(SlaStatus::achieved, seconds{60});
  acc.add(SlaStatus::breached, seconds{60});
  const auto r = acc.result();
  CHECK(r.achieved == 2);
  CHECK(r.breached == 1);
  CHECK(r.pending == 1);
  CHECK(r.compliance == Approx(2.0 / 3.0));  // 2 / (2 + 1)
  CHECK(r.target == Milliseconds{60000});
}

TEST_CASE("SLA target is null when a group mixes targets, and merge is exact", "[metrics][sla]") {
  SlaAccumulator a;
  SlaAccumulator b;
  a.add(SlaStatus::achieved, seconds{60});
  b.add(SlaStatus::breached, seconds{120});
  SlaAccumulator ab = a;
  ab.merge(b);
  SlaAccumulator ba = b;
  ba.merge(a);
  CHECK_FALSE(ab.result().target);
  CHECK(ab.result().achieved == 1);
  CHECK(ab.result().breached == 1);
  CHECK(ab.result().compliance == ba.result().compliance);
  SlaAccumulator empty;
  a.merge(empty);
  CHECK(a.result().target == Milliseconds{60000});
}
