// OptionalColumn: an optional field takes memory only once a record carries it, and reads the
// same either way.
#include <catch2/catch.hpp>

#include <cskpi/model/dataset.hpp>
#include <cskpi/model/optional_column.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace cskpi;

TEST_CASE("An optional column stores nothing until the first value, then fills the rows before", "[dataset]") {
  OptionalColumn<std::int64_t> c{-1};
  c.reserve(10);
  for (std::size_t row = 0; row < 3; ++row) c.push_back(row, -1);
  CHECK_FALSE(c.stored());
  CHECK(c.values().empty());
  CHECK(c[2] == -1);
  c.push_back(3, 42);  // row 3: the first value; rows 0–2 become absent
  REQUIRE(c.stored());
  CHECK(c.values() == std::vector<std::int64_t>{-1, -1, -1, 42});
  CHECK(c.values().capacity() >= 10);
  c.push_back(4, -1);
  CHECK(c[3] == 42);
  CHECK(c[4] == -1);
  CHECK(c.values().size() == 5);
}

TEST_CASE("A floating-point optional column takes NaN as absent", "[dataset]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  OptionalColumn<double> c{nan};
  c.push_back(0, nan);
  CHECK_FALSE(c.stored());
  CHECK(std::isnan(c[0]));
  c.push_back(1, 0.0);  // zero is a value
  REQUIRE(c.stored());
  CHECK(std::isnan(c[0]));
  CHECK(c[1] == 0.0);
}

TEST_CASE("Interactions without cost, wait, abandonment or team keep no such columns and read them absent", "[dataset]") {
  Dataset data;
  for (int i = 0; i < 4; ++i) {
    Interaction r;
    r.id = "I" + std::to_string(i);
    r.channel = "phone";
    r.created_at = *parse_instant("2026-03-02T09:00:00Z").value;
    if (i == 2) {
      r.wait_seconds = 12.5;
      r.abandoned = true;
    }
    REQUIRE(data.add(r));
  }
  const InteractionColumns& c = data.interactions();
  CHECK_FALSE(c.cost.stored());
  CHECK_FALSE(c.contacts.stored());
  CHECK(c.wait_ms.stored());
  CHECK(c.wait_ms.width() == 4);  // 12,500 ms fits 32 bits
  CHECK(c.wait_ms[1] == no_value);
  CHECK(c.wait_ms[2] == 12500);
  CHECK(c.abandoned[2] == 1);
  CHECK(c.abandoned[3] == 0);
  CHECK(std::isnan(c.cost[3]));
  CHECK(c.dim[index_of(Dimension::channel)].stored());
  CHECK_FALSE(c.dim[index_of(Dimension::team)].stored());  // no interaction has a team
  CHECK(c.dim[index_of(Dimension::team)][3] == no_code);
  const Interaction back = data.interaction(2);
  CHECK(back.wait_seconds == 12.5);
  CHECK(back.abandoned);
  CHECK_FALSE(back.cost);
  CHECK_FALSE(data.interaction(1).wait_seconds);
}

TEST_CASE("Survey effective dimensions take memory only for dimensions surveys or interactions carry", "[dataset]") {
  Dataset data;
  Interaction i;
  i.id = "I1";
  i.channel = "chat";
  i.created_at = *parse_instant("2026-03-02T09:00:00Z").value;
  REQUIRE(data.add(i));
  SurveyResponse s;
  s.id = "S1";
  s.kind = SurveyKind::csat;
  s.score = 4;
  s.responded_at = *parse_instant("2026-03-02T10:00:00Z").value;
  s.interaction_id = "I1";
  REQUIRE(data.add(s));
  s.id = "S2";
  s.interaction_id.reset();
  s.product = "pro";  // explicit, on a survey only
  REQUIRE(data.add(s));
  CHECK(data.surveys().linked == 0);
  data.link();
  const SurveyColumns& c = data.surveys();
  CHECK(c.linked == 2);
  CHECK(c.effective_dim[index_of(Dimension::channel)].stored());  // inherited from I1
  CHECK(c.effective_dim[index_of(Dimension::channel)][0] == data.interactions().dim[index_of(Dimension::channel)][0]);
  CHECK(c.effective_dim[index_of(Dimension::channel)][1] == no_code);  // S2 links nothing
  CHECK(c.effective_dim[index_of(Dimension::product)].stored());        // explicit on S2
  CHECK(data.label(Dimension::product, c.effective_dim[index_of(Dimension::product)][1]) == "pro");
  CHECK_FALSE(c.effective_dim[index_of(Dimension::team)].stored());    // nobody has a team
  CHECK(c.effective_dim[index_of(Dimension::team)][0] == no_code);
}
