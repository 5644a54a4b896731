// The common record's fast path (io/plain_record.hpp, io/plain_values.hpp, the plain CSV split)
// against the general rules: on generated records mixing common spellings with every kind of
// unusual or invalid value, the fast path either declines or gives exactly the general values.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cskpi/time.hpp"
#include "io/plain_record.hpp"
#include "io/plain_values.hpp"
#include "io/record_fields.hpp"
#include "io/record_pack.hpp"
#include "io/record_scan.hpp"

using namespace cskpi;
using namespace cskpi::detail;

namespace {

// One value of a palette: its kind, text and whether it is known to be UTF-8.
struct Spelling {
  ValueKind kind;
  std::string text;
  bool utf8 = true;
};

Spelling text(std::string s) { return {ValueKind::text, std::move(s), true}; }

const std::vector<Spelling> labels = {
    text("email"), text("Chat"), text("x y"), text(""), {ValueKind::absent, ""}, {ValueKind::number, "5"},
    {ValueKind::boolean, "true"}, {ValueKind::text, "caf\xC3\xA9", false}, {ValueKind::text, "bad\xFF", false},
    text("caf\xC3\xA9")};
const std::vector<Spelling> instants = {
    text("2026-01-01T00:00:00Z"), text("2026-02-28T23:59:59Z"), text("2026-02-29T00:00:00Z"),
    text("2024-02-29T12:00:00Z"), text("2026-01-01T00:00:00+01:00"), text("2026-01-01 00:00:00Z"),
    text("2026-01-01t00:00:00z"), text("1767225600"), text("2026-13-01T00:00:00Z"), text("0000-01-01T00:00:00Z"),
    text("0001-01-01T00:00:00Z"), text("9999-12-31T23:59:59Z"), text("2026-01-01T24:00:00Z"),
    text("2026-01-01T23:60:00Z"), text("2026-01-01T23:00:60Z"), text("2025-12-31T23:59:59Z"),
    text("2026-01-01T00:00:00.5Z"), text("2026-01-01"), text(""), text(" "), text("2026-0a-01T00:00:00Z"),
    {ValueKind::absent, ""}, {ValueKind::number, "1767225600"}, {ValueKind::boolean, "true"}};
const std::vector<Spelling> numbers = {
    text("1"), text("0"), text("-1"), text("2.5"), text("1e3"), text(" 3"), text("+4"), text(""), text("4294967295"),
    text("4294967296"), text("3155695200"), text("3155695200.5"), text("99999999999999999999"), text("abc"),
    text("-0"), text("436"), text("8999999999999.5"), text("9000000000000"), text("0.001"), text("1."),
    {ValueKind::number, "12"}, {ValueKind::number, "1.5e2"}, {ValueKind::absent, ""}, {ValueKind::boolean, "true"},
    {ValueKind::compound, "[1]"}};
const std::vector<Spelling> priorities = {text("low"),  text("normal"), text("high"), text("urgent"),
                                          text("High"), text(" low"),   text("bogus"), text(""),
                                          {ValueKind::absent, ""}, {ValueKind::compound, "{}"}};
const std::vector<Spelling> flags = {text("true"), text("false"), text("1"), text("0"), text("yes"), text("no"),
                                     text("TRUE"), text(" true"), text("maybe"), text(""), {ValueKind::absent, ""},
                                     {ValueKind::boolean, "true"}};
const std::vector<Spelling> event_types = {text("status"), text("agent_reply"), text("customer_message"),
                                           text("Status"), text("reply"), text(""), {ValueKind::absent, ""}};
const std::vector<Spelling> statuses = {text("open"), text("solved"), text("new"), text("on_hold"), text("pending"),
                                        text("closed"), text("Open"), text("reopened"), text(""), {ValueKind::absent, ""},
                                        {ValueKind::number, "1"}};
const std::vector<Spelling> survey_kinds = {text("nps"), text("csat"), text("ces"), text("enps"),
                                            text("CES"), text("x"),    text(""),    {ValueKind::absent, ""}};

// A record whose slots take values drawn from the palettes (common ones most of the time).
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  void set(RawRecord& v, std::size_t slot, const std::vector<Spelling>& palette) {
    // The first (common) spelling of the palette, or at the record's rate any.
    const Spelling& s = rng_() % 64 >= odd_ ? palette[0] : palette[rng_() % palette.size()];
    store_.push_back(s.text);
    v[slot] = RawValue{s.kind, store_.back(), s.utf8};
  }

  RawRecord interaction(std::size_t custom) {
    namespace f = interaction_field;
    start();
    RawRecord v;
    for (const std::size_t slot : {f::id, f::customer_id, f::channel, f::topic, f::product, f::kind, f::agent_id,
                                   f::team, f::department}) {
      set(v, slot, labels);
    }
    set(v, f::priority, priorities);
    for (const std::size_t slot : {f::created_at, f::first_response_at, f::resolved_at}) set(v, slot, instants);
    for (const std::size_t slot : {f::contacts, f::reopened, f::handle_seconds, f::wait_seconds, f::cost}) {
      set(v, slot, numbers);
    }
    set(v, f::abandoned, rng_() % 4 == 0 ? flags : std::vector<Spelling>{{ValueKind::absent, ""}});
    for (std::size_t k = 0; k < custom; ++k) set(v, first_custom_slot + k, labels);
    return v;
  }

  RawRecord event() {
    namespace f = event_field;
    start();
    RawRecord v;
    set(v, f::interaction_id, labels);
    set(v, f::at, instants);
    set(v, f::type, event_types);
    set(v, f::status, statuses);
    set(v, f::agent_id, labels);
    return v;
  }

  RawRecord survey(std::size_t custom) {
    namespace f = survey_field;
    start();
    RawRecord v;
    for (const std::size_t slot : {f::id, f::customer_id, f::interaction_id, f::channel, f::topic, f::product,
                                   f::agent_id, f::team, f::department}) {
      set(v, slot, labels);
    }
    set(v, f::kind, survey_kinds);
    set(v, f::score, numbers);
    set(v, f::responded_at, instants);
    set(v, f::priority, priorities);
    for (std::size_t k = 0; k < custom; ++k) set(v, first_custom_slot + k, labels);
    return v;
  }

 private:
  // A new record, with its rate of unusual values (in 64ths): none, few, some or half.
  void start() {
    store_.clear();
    store_.reserve(64);  // never grows past this: views into it stay valid
    constexpr std::uint64_t rates[] = {0, 1, 8, 32};
    odd_ = rates[rng_() % 4];
  }

  std::mt19937_64 rng_;
  std::uint64_t odd_ = 0;
  std::vector<std::string> store_;
};

std::string fmt_instant(int year, int month, int day, int hour, int minute, int second) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, hour, minute, second);
}

bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void check_same(const SharedLabels& a, const SharedLabels& b) {
  CHECK(a.channel == b.channel);
  CHECK(a.topic == b.topic);
  CHECK(a.product == b.product);
  CHECK(a.priority == b.priority);
  CHECK(a.agent == b.agent);
  CHECK(a.team == b.team);
  CHECK(a.department == b.department);
  REQUIRE(a.custom_count == b.custom_count);
  for (std::size_t k = 0; k < a.custom_count; ++k) CHECK(a.custom[k] == b.custom[k]);
}

}  // namespace

TEST_CASE("plain interactions read as the general rules read them, or are declined", "[io][plain]") {
  const CustomNames custom = {"region", "tier"};
  const RecordBuilder builder(SurveyScales{}, InstantReader{}, &custom);
  PlainRecordReader plain(SurveyScales{}, custom.size());
  Generator gen(7);
  std::size_t accepted = 0;
  std::size_t general_accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const RawRecord v = gen.interaction(custom.size());
    Interaction general;
    const bool general_ok = !builder.build(v, general).has_value();
    general_accepted += general_ok ? 1 : 0;
    InteractionValues fast;
    if (!plain.read(v, fast)) continue;
    ++accepted;
    REQUIRE(general_ok);  // never accepts what the general rules refuse
    const InteractionValues g = values_of(general);
    CHECK(fast.id == g.id);
    CHECK(fast.customer == g.customer);
    CHECK(fast.kind == g.kind);
    check_same(fast.labels, g.labels);
    const InteractionMeasures& a = fast.measures;
    const InteractionMeasures& b = g.measures;
    CHECK(a.created_ms == b.created_ms);
    CHECK(a.first_response_ms == b.first_response_ms);
    CHECK(a.resolved_ms == b.resolved_ms);
    CHECK(a.contacts == b.contacts);
    CHECK(a.reopened == b.reopened);
    CHECK(a.handle_ms == b.handle_ms);
    CHECK(a.wait_ms == b.wait_ms);
    CHECK(same_number(a.cost, b.cost));
    CHECK(a.abandoned == b.abandoned);
  }
  // The generator reaches both outcomes often (else the comparison above proves little).
  CHECK(accepted > 200);
  CHECK(general_accepted > accepted);
}

TEST_CASE("plain surveys read as the general rules read them, or are declined", "[io][plain]") {
  const CustomNames custom = {"region"};
  const SurveyScales scales{{1, 5}, {1, 7}};
  const RecordBuilder builder(scales, InstantReader{}, &custom);
  PlainRecordReader plain(scales, custom.size());
  Generator gen(11);
  std::size_t accepted = 0;
  std::size_t general_accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const RawRecord v = gen.survey(custom.size());
    SurveyResponse general;
    const bool general_ok = !builder.build(v, general).has_value();
    general_accepted += general_ok ? 1 : 0;
    SurveyValues fast;
    if (!plain.read(v, fast)) continue;
    ++accepted;
    REQUIRE(general_ok);
    const SurveyValues g = values_of(general);
    CHECK(fast.id == g.id);
    CHECK(fast.customer == g.customer);
    CHECK(fast.link == g.link);
    check_same(fast.labels, g.labels);
    CHECK(fast.kind == g.kind);
    CHECK(fast.score == g.score);
    CHECK(fast.responded_ms == g.responded_ms);
  }
  CHECK(accepted > 200);
  CHECK(general_accepted > accepted);
}

TEST_CASE("plain interaction events read as the general rules read them, or are declined", "[io][plain]") {
  const RecordBuilder builder(SurveyScales{});
  PlainRecordReader plain(SurveyScales{}, 0);
  Generator gen(13);
  std::size_t accepted = 0;
  std::size_t general_accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const RawRecord v = gen.event();
    InteractionEvent general;
    const bool general_ok = !builder.build(v, general).has_value();
    general_accepted += general_ok ? 1 : 0;
    EventValues fast;
    if (!plain.read(v, fast)) continue;
    ++accepted;
    REQUIRE(general_ok);
    const EventValues g = values_of(general);
    CHECK(fast.interaction == g.interaction);
    CHECK(fast.agent == g.agent);
    CHECK(fast.at_ms == g.at_ms);
    CHECK(fast.type == g.type);
    CHECK(fast.status == g.status);
  }
  CHECK(accepted > 200);
  CHECK(general_accepted > accepted);
}

TEST_CASE("the plain UTC instant reader agrees with parse_instant on every day of four centuries", "[io][plain]") {
  UtcInstantReader reader;
  // Every date of 1999-2001 and around 1900 and 2100 (non-leap centuries) with day numbers up
  // to 31 in every month: valid dates read, invalid ones (Feb 30, Apr 31, Feb 29 of 1900) decline.
  for (const int year : {1, 1900, 1999, 2000, 2001, 2024, 2100, 9999}) {
    for (int month = 0; month <= 13; ++month) {
      for (int day = 0; day <= 32; ++day) {
        const std::string t = fmt_instant(year, month, day, 13, 5, 9);
        const auto fast = reader.read(t);
        const InstantParse general = parse_instant(t);
        INFO(t);
        REQUIRE(fast.has_value() == general.value.has_value());
        if (fast) CHECK(*fast == to_millis(*general.value));
      }
    }
  }
  CHECK_FALSE(reader.read("2026-01-01T24:00:00Z"));
  CHECK_FALSE(reader.read("2026-01-01T00:60:00Z"));
  CHECK_FALSE(reader.read("2026-01-01T00:00:60Z"));
  CHECK_FALSE(reader.read("2026-01-01T00:00:00+00:00"));  // the general rules read it
  // 2026-03-01T09:30:00Z = 20513 days · 86,400 s + 9.5 h = 1,772,357,400 s.
  CHECK(reader.read("2026-03-01T09:30:00Z") == std::int64_t{1'772'357'400'000});
}

TEST_CASE("the plain UTC instant reader declines every byte out of place", "[io][plain]") {
  // Each of the 20 bytes of a valid instant replaced by each of the 256 byte values: a digit in
  // a digit's place reads as parse_instant reads it (or declines with it: month 13, hour 24…);
  // anything else in any place declines.
  const std::string valid = "2024-02-29T23:59:58Z";
  const std::string digit_places = "1111011011011011011-";
  UtcInstantReader reader;
  for (std::size_t at = 0; at < valid.size(); ++at) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string t = valid;
      t[at] = static_cast<char>(byte);
      const auto fast = reader.read(t);
      INFO(at << " " << byte);
      const bool digit_in_place = digit_places[at] == '1' && byte >= '0' && byte <= '9';
      if (t == valid || digit_in_place) {
        const InstantParse general = parse_instant(t);
        REQUIRE(fast.has_value() == general.value.has_value());
        if (fast) CHECK(*fast == to_millis(*general.value));
      } else {
        CHECK_FALSE(fast.has_value());
      }
    }
  }
}

TEST_CASE("the plain CSV split gives the fields of the general split", "[io][plain]") {
  const std::vector<std::string> pieces = {"a", "bc", "I0000001", "2026-01-01T00:00:00Z", " ", "  ", "\t", ",", ",",
                                           ";", "\"", "x y", "caf\xC3\xA9", "0123456789abcdef", ""};
  std::mt19937_64 rng(5);
  std::size_t plain_count = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string record;
    const std::size_t n = rng() % 40;
    for (std::size_t k = 0; k < n; ++k) record += pieces[rng() % pieces.size()];
    for (const char separator : {',', ';', '\t'}) {
      CsvRecord fast;
      CsvRecord general;
      std::string scratch;
      split_csv_record(record, general, scratch, separator);
      if (!split_plain_csv_record(record, fast, separator)) {
        const bool unusual = record.find('"') != std::string::npos || record.find('\xC3') != std::string::npos;
        CHECK(unusual);  // declined only for a quote or a byte past ASCII
        continue;
      }
      ++plain_count;
      INFO(record);
      CHECK(fast.status == general.status);
      CHECK(fast.ascii);
      CHECK(general.ascii);
      CHECK(fast.fields == general.fields);
      // The same record followed by readable bytes (the next records' separators, blanks,
      // quotes and high bytes): the scan reads past the record's end and must ignore them.
      std::string followed = record + "\n";
      while (followed.size() < record.size() + 70) followed += pieces[rng() % pieces.size()];
      CsvRecord past;
      REQUIRE(split_plain_csv_record(std::string_view(followed).substr(0, record.size()), past, separator,
                                     followed.size()));
      CHECK(past.fields == general.fields);
    }
  }
  CHECK(plain_count > 1000);
}

TEST_CASE("plain digits are the number simple_decimal reads, up to 15 of them", "[io][plain]") {
  std::mt19937_64 rng(23);
  for (int i = 0; i < 20000; ++i) {
    std::string t(1 + rng() % 16, '0');
    for (char& c : t) c = static_cast<char>('0' + rng() % 10);
    const auto digits = plain_digits(t);
    INFO(t);
    if (t.size() > 15) {
      CHECK_FALSE(digits);
      continue;
    }
    REQUIRE(digits);
    CHECK(static_cast<double>(*digits) == simple_decimal(t));
  }
  for (const char* not_plain : {"", "-1", "+1", "1.0", "1e3", " 1", "1 ", "x"}) CHECK_FALSE(plain_digits(not_plain));
}
