#include <catch2/catch.hpp>

#include <cskpi/error.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "report/state_codec.hpp"

using cskpi::Error;
using cskpi::detail::open_state;
using cskpi::detail::seal_state;
using cskpi::detail::StateReader;
using cskpi::detail::StateWriter;

TEST_CASE("State codec: numbers and texts round-trip, extremes included", "[state][codec]") {
  using limits = std::numeric_limits<std::int64_t>;
  StateWriter w;
  for (const std::uint64_t v : {std::uint64_t{0}, std::uint64_t{127}, std::uint64_t{128},
                                std::numeric_limits<std::uint64_t>::max()}) {
    w.u64(v);
  }
  for (const std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1}, limits::min(), limits::max()}) w.i64(v);
  for (const double v : {0.0, -0.0, 1.5, std::numeric_limits<double>::infinity(), 1e-300}) w.f64(v);
  w.bytes("");
  w.bytes(std::string("a\0b", 3));
  StateReader r(w.content(), "s");
  CHECK(r.u64() == 0);
  CHECK(r.u64() == 127);
  CHECK(r.u64() == 128);
  CHECK(r.u64() == std::numeric_limits<std::uint64_t>::max());
  CHECK(r.i64() == 0);
  CHECK(r.i64() == -1);
  CHECK(r.i64() == 1);
  CHECK(r.i64() == limits::min());
  CHECK(r.i64() == limits::max());
  CHECK(r.f64() == 0.0);
  CHECK(std::signbit(r.f64()));
  CHECK(r.f64() == 1.5);
  CHECK(std::isinf(r.f64()));
  CHECK(r.f64() == 1e-300);
  CHECK(r.bytes().empty());
  CHECK(r.bytes() == std::string("a\0b", 3));
  CHECK(r.at_end());
  CHECK_NOTHROW(r.expect_end());
}

TEST_CASE("State codec: small numbers take one byte, zigzag keeps small negatives small", "[state][codec]") {
  StateWriter w;
  w.u64(5);
  w.i64(-3);  // zigzag 5
  CHECK(w.content() == std::string("\x05\x05", 2));
}

TEST_CASE("State codec: a truncated or overlong number and an oversized count are refused", "[state][codec]") {
  // The reader views the bytes: they live in named strings.
  const std::string cut_bytes("\x80", 1);  // a continuation byte, then nothing
  StateReader cut(cut_bytes, "s");
  CHECK_THROWS_WITH(cut.u64(), "s: the state is damaged at byte 1: it ends inside a number (write it again from the inputs)");
  const std::string long_bytes = std::string(10, '\xFF') + "\x01";  // more than 64 bits
  StateReader longer(long_bytes, "s");
  CHECK_THROWS_AS(longer.u64(), Error);
  const std::string count_bytes("\x64", 1);  // 100 items in 0 bytes
  StateReader count(count_bytes, "s");
  CHECK_THROWS_WITH(count.count(), Catch::Contains("a count larger than the bytes left"));
  const std::string text_bytes("\x05" "ab", 3);
  StateReader text(text_bytes, "s");
  CHECK_THROWS_WITH(text.bytes(), Catch::Contains("a text longer than the bytes left"));
  const std::string half_bytes("\x01\x02\x03", 3);
  StateReader half(half_bytes, "s");
  CHECK_THROWS_WITH(half.f64(), Catch::Contains("it ends inside a number"));
}

TEST_CASE("State envelope: sealed content opens; another file, a version, a flipped byte and a cut are refused",
          "[state][codec]") {
  const std::string sealed = seal_state(0x1234, "content");
  const auto opened = open_state(sealed, "a.state");
  CHECK(opened.fingerprint == 0x1234);
  CHECK(opened.content == "content");
  CHECK(seal_state(0x1234, "content") == sealed);  // equal content, equal bytes

  CHECK_THROWS_WITH(open_state("hello", "x"), "x: not a cskpi state (it does not start with \"CSKPI-STATE\")");
  std::string newer = sealed;
  newer[cskpi::detail::state_magic.size()] = 2;  // the version byte
  CHECK_THROWS_WITH(open_state(newer, "n"), Catch::Contains("state format version 2") &&
                                                Catch::Contains("written by a newer cskpi"));
  for (std::size_t i = cskpi::detail::state_magic.size() + 1; i < sealed.size(); ++i) {
    std::string flipped = sealed;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
    CHECK_THROWS_AS(open_state(flipped, "f"), Error);
  }
  for (std::size_t n = 0; n < sealed.size(); ++n) CHECK_THROWS_AS(open_state(sealed.substr(0, n), "t"), Error);
}
