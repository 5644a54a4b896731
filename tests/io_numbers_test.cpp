// Number fields read through the loader hold exactly the double std::from_chars gives for the
// decimal text (the readers take a shortcut for plain decimals of up to 15 digits).
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace cskpi;

TEST_CASE("Decimal fields equal from_chars bit for bit, plain or not", "[io][numbers]") {
  std::vector<std::string> costs = {"0",     "-0",    "0.0",  "-0.0", "4.66", "0.1",  "0.30000000000000004",
                                    "007.50", "+2.5", "1e3",  "1.5E-2", "123456789012345", "1234567890123456",
                                    "999999999999999.9", "0.000000000000001", "8999999999999.99", "12345.678901234", " 3.25 ", "1.",
                                    ".5"};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 400; ++i) {
    std::string t = std::to_string(rng() % 100000);
    if (rng() % 2 == 0) t += "." + std::to_string(rng() % 1000000000);
    costs.push_back(t);
  }
  std::string csv = "id,customer_id,channel,created_at,cost\n";
  for (std::size_t i = 0; i < costs.size(); ++i) {
    csv += "I-" + std::to_string(i) + ",c,chat,2027-01-01T10:00:00Z," + costs[i] + "\n";
  }
  const auto run = test::load_csv(RecordType::interaction, csv);
  const auto& cost = run->data.interactions().cost;
  std::size_t row = 0;
  for (const std::string& text : costs) {
    INFO(text);
    std::string t = text;
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (t.front() == '+') t.erase(0, 1);
    double expected = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), expected);
    if (r.ec != std::errc{} || r.ptr != t.data() + t.size() || expected < 0 || expected >= 9e12) {
      continue;  // rejected (bad_number, or out_of_range for a negative or 9e12 and more): no row
    }
    REQUIRE(row < run->data.interactions().size());
    const double stored = cost[row];
    CHECK(std::memcmp(&stored, &expected, sizeof expected) == 0);
    ++row;
  }
  CHECK(row == run->data.interactions().size());
}
