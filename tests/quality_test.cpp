#include <catch2/catch.hpp>

#include <cskpi/metrics/quality.hpp>

using cskpi::ComplaintAccumulator;
using cskpi::ReopenAccumulator;
using cskpi::SelfServiceAccumulator;

TEST_CASE("Reopen rate is reopened over resolved, undefined without resolved", "[metrics][quality]") {
  ReopenAccumulator acc;
  CHECK(acc.result().resolved == 0);
  CHECK_FALSE(acc.result().rate);
  acc.add(false);
  acc.add(true);
  acc.add(false);
  acc.add(false);
  const auto r = acc.result();
  CHECK(r.resolved == 4);
  CHECK(r.reopened == 1);
  CHECK(r.rate == 0.25);  // 1/4
}

TEST_CASE("Complaint rate of the 03 sample is 2/12", "[metrics][quality]") {
  // P-08 and F-01 are complaints among 12 interactions → 2/12 = 0.1666…
  ComplaintAccumulator acc;
  for (int i = 0; i < 10; ++i) acc.add(false);
  acc.add(true);
  acc.add(true);
  const auto r = acc.result();
  CHECK(r.interactions == 12);
  CHECK(r.complaints == 2);
  CHECK(*r.rate == Approx(1.0 / 6.0).margin(1e-15));
  CHECK_FALSE(ComplaintAccumulator{}.result().rate);
}

TEST_CASE("Self-service rate is self-service over resolved, and all or none are defined", "[metrics][quality]") {
  SelfServiceAccumulator none;
  none.add(false);
  none.add(false);
  CHECK(none.result().rate == 0.0);  // 0/2 is 0, not undefined
  SelfServiceAccumulator all;
  all.add(true);
  CHECK(all.result().rate == 1.0);
  all.merge(none);
  const auto r = all.result();
  CHECK(r.resolved == 3);
  CHECK(r.self_service == 1);
  CHECK(*r.rate == Approx(1.0 / 3.0).margin(1e-15));
  CHECK_FALSE(SelfServiceAccumulator{}.result().rate);
}
