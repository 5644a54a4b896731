// Builds a few survey answers in memory and prints NPS and CSAT through the C++ API.
#include <cskpi/cskpi.hpp>

#include <cstdio>

int main() {
  cskpi::NpsAccumulator nps;
  for (const int score : {10, 9, 9, 8, 7, 6, 3, 10}) nps.add(score);  // 4 promoters, 2 passives, 2 detractors
  const cskpi::NpsResult n = nps.result();
  std::printf("NPS %.1f from %llu answers", n.score.value_or(0.0), static_cast<unsigned long long>(n.responses()));
  if (n.ci95) std::printf(" (95%% interval %.1f to %.1f)", n.ci95->low, n.ci95->high);
  std::printf("\n");

  cskpi::CsatAccumulator csat;  // 1-5 scale, satisfied from 4
  for (const int score : {5, 4, 4, 3, 5, 1}) csat.add(score);
  const cskpi::CsatResult c = csat.result();
  std::printf("CSAT %.1f%% satisfied (%llu of %llu), mean %.2f\n", 100.0 * c.satisfied_share.value_or(0.0),
              static_cast<unsigned long long>(c.satisfied), static_cast<unsigned long long>(c.responses),
              c.mean.value_or(0.0));

  cskpi::NpsAccumulator empty;  // no answers: undefined, never 0
  std::printf("NPS of no answers is %s\n", empty.result().score ? "defined" : "undefined");

  // 100·(4 − 2)/8 = 25 points; 4 of 6 satisfied = 66.7 %.
  return n.score == 25.0 && c.satisfied == 4 ? 0 : 1;
}
