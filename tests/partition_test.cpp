// The partitioning rule of SPEC §9: a stable hash of the customer id, events and surveys following
// their interaction (docs/scale-out.md "Partitioning: cskpi split").
#include <catch2/catch.hpp>

#include "cskpi/error.hpp"
#include "cskpi/io/partition.hpp"

using cskpi::PartitionRouter;

TEST_CASE("stable_hash is FNV-1a 64 of the bytes, the same everywhere") {
  CHECK(cskpi::stable_hash("") == 0xcbf29ce484222325ULL);  // the offset basis
  CHECK(cskpi::stable_hash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(cskpi::stable_hash("foobar") == 0x85944171f73967e8ULL);
  CHECK(cskpi::stable_hash("M\xC3\xBCller") == 0x83e06783f7b17fdcULL);  // UTF-8 bytes
}

TEST_CASE("A key's part is its hash modulo the number of parts") {
  CHECK(cskpi::part_of_key("foobar", 3) == 0);  // 0x85944171f73967e8 % 3
  CHECK(cskpi::part_of_key("a", 8) == 4);       // 0xaf63dc4c8601ec8c % 8
  CHECK(cskpi::part_of_key("anything", 1) == 0);
}

TEST_CASE("A partition needs at least one part") {
  CHECK_THROWS_AS(PartitionRouter(0), cskpi::Error);
}

TEST_CASE("Interactions go by customer, anonymous ones by their own id") {
  PartitionRouter router(8);
  CHECK(router.add_interaction("i1", "a") == 4);  // "a" % 8
  CHECK(router.add_interaction("a", "") == 4);    // no customer: its own id
  CHECK(router.add_interaction("i2", "foobar") == 0);
  CHECK(router.interaction("i1") == std::optional<std::size_t>{4});
  CHECK_FALSE(router.interaction("i3").has_value());
}

TEST_CASE("Events and linked surveys follow their interaction, whatever their own customer") {
  PartitionRouter router(8);
  router.add_interaction("i1", "a");  // part 4
  CHECK(router.event("i1") == 4);
  CHECK(router.event("unknown") == 0);  // rejected unknown_interaction everywhere: part 0
  CHECK(router.add_survey("s1", "foobar", "i1") == 4);       // the link wins over the customer
  CHECK(router.add_survey("s2", "foobar", "unknown") == 0);  // unknown link: the customer ("foobar" % 8)
  CHECK(router.add_survey("a", "", "") == 4);                // neither: its own id
  CHECK(router.survey("s1") == std::optional<std::size_t>{4});  // for its duplicates
  CHECK(router.customer_event("a") == 4);
}
