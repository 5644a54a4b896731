// tests/package/main.cpp: a consumer of the cskpi package (find_package or pkg-config),
// compiled as C++17. Exit status 0 when a few computations through the public API agree
// with hand arithmetic.
#include <cskpi/cskpi.hpp>
#include <cskpi/version.hpp>

#include <cstdio>
#include <string>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "consumer: FAILED: %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  // NPS of 10, 9, 8, 3: promoters 2, detractors 1, n 4 -> 100 * (2 - 1) / 4 = 25 points.
  cskpi::NpsAccumulator nps;
  for (int score : {10, 9, 8, 3}) nps.add(score);
  const cskpi::NpsResult r = nps.result();
  check(r.responses() == 4, "NPS responses");
  check(r.score.has_value() && *r.score == 25.0, "NPS score 25");
  check(r.ci95.has_value(), "NPS ci95 defined for n >= 2");
  check(!cskpi::NpsAccumulator{}.result().score.has_value(), "NPS undefined without responses");

  // 09:00 at +01:00 is 08:00 UTC.
  const cskpi::InstantParse created = cskpi::parse_instant("2026-03-01T09:00:00+01:00");
  check(created.value.has_value(), "instant parses");
  if (!created.value) return 1;
  check(cskpi::format_instant(*created.value) == "2026-03-01T08:00:00Z", "instant formats in UTC");

  // A data set takes an interaction once: a second one with the same id is refused.
  cskpi::Dataset data;
  cskpi::Interaction ticket;
  ticket.id = "T-1";
  ticket.customer_id = "C-1";
  ticket.channel = "email";
  ticket.created_at = *created.value;
  check(data.add(ticket), "first interaction accepted");
  check(!data.add(ticket), "duplicate id refused");
  check(data.interactions().size() == 1, "one interaction stored");

  if (failures != 0) return 1;
  std::printf("consumer: cskpi %s ok\n", CSKPI_VERSION_STRING);
  return 0;
}
