// A wall display: reads JSON Lines records from standard input as they arrive (interactions
// and NPS answers, routed by "record"), feeds one set of accumulators per channel, and prints a
// rolling dashboard every N records or S seconds, and once more at the end of the input.
// Usage: some-feed | live_dashboard [EVERY_RECORDS=100] [EVERY_SECONDS=5]
// A line that cannot be used is reported on stderr with its line number and counted, never
// skipped silently.
#include <cskpi/cskpi.hpp>
#include <cskpi/format.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>

namespace {

struct ChannelPanel {
  std::uint64_t volume = 0;
  cskpi::DurationAccumulator first_response;
  cskpi::NpsAccumulator nps;
};

struct Dashboard {
  std::map<std::string, ChannelPanel> channels;
  std::uint64_t read = 0;
  std::uint64_t rejected = 0;
};

std::optional<cskpi::TimePoint> instant(const nlohmann::json& record, const char* field) {
  const auto it = record.find(field);
  if (it == record.end() || !it->is_string()) return std::nullopt;
  return cskpi::parse_instant(it->get<std::string>()).value;
}

// One record into the dashboard; false (with the reason) when it cannot be used.
bool feed(Dashboard& d, const std::string& line, std::string& why) {
  const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
  if (!record.is_object() || !record.contains("record") || !record.contains("channel") || !record["channel"].is_string()) {
    why = "not a JSON object with \"record\" and \"channel\"";
    return false;
  }
  ChannelPanel& panel = d.channels[record["channel"].get<std::string>()];
  if (record["record"] == "interaction") {
    const auto created = instant(record, "created_at");
    if (!created) {
      why = "created_at is missing or not an instant";
      return false;
    }
    ++panel.volume;
    if (const auto first = instant(record, "first_response_at"); first && *first >= *created) {
      panel.first_response.add(std::chrono::duration_cast<cskpi::Milliseconds>(*first - *created));
    }
    return true;
  }
  if (record["record"] == "survey" && record.value("kind", "") == "nps" && record.contains("score") &&
      record["score"].is_number_integer() && record["score"].get<int>() >= 0 && record["score"].get<int>() <= 10) {
    panel.nps.add(record["score"].get<int>());
    return true;
  }
  why = "neither an interaction nor an NPS answer with a score 0-10";
  return false;
}

void print(const Dashboard& d, const char* moment) {
  std::printf("== %s: %llu records (%llu rejected) ==\n", moment, static_cast<unsigned long long>(d.read),
              static_cast<unsigned long long>(d.rejected));
  std::printf("%-10s %7s %12s %14s\n", "channel", "volume", "FR median", "NPS (n)");
  for (const auto& [channel, p] : d.channels) {
    const cskpi::DurationSummary fr = p.first_response.result();
    const cskpi::NpsResult nps = p.nps.result();
    const std::string median = fr.median ? cskpi::human_duration(static_cast<double>(fr.median->count()) / 1000.0) : "—";
    const std::string score = nps.score ? std::to_string(static_cast<int>(*nps.score)) : "—";
    std::printf("%-10s %7llu %12s %10s (%llu)\n", channel.c_str(), static_cast<unsigned long long>(p.volume),
                median.c_str(), score.c_str(), static_cast<unsigned long long>(nps.responses()));
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const unsigned long every_records = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100;
  const long every_seconds = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 5;
  Dashboard d;
  auto last = std::chrono::steady_clock::now();
  std::string line;
  while (std::getline(std::cin, line)) {
    ++d.read;
    std::string why;
    if (!feed(d, line, why)) {
      ++d.rejected;
      std::fprintf(stderr, "stdin:%llu: rejected: %s\n", static_cast<unsigned long long>(d.read), why.c_str());
    }
    const auto now = std::chrono::steady_clock::now();
    if ((every_records > 0 && d.read % every_records == 0) || now - last >= std::chrono::seconds(every_seconds)) {
      print(d, "live");
      last = now;
    }
  }
  print(d, "end of input");
  return 0;
}
