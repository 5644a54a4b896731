// The configuration file of `cskpi report --config` (SPEC §6, docs/config.md): every key
// lands in its field, and every problem is an Error(invalid_config) naming the key path.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/report/config_file.hpp>

#include <string>

#include "io/whole_file.hpp"

using namespace cskpi;
using Catch::Matchers::Contains;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

Milliseconds secs(long long s) { return Milliseconds{s * 1000}; }

/// The message of the Error(invalid_config) that parsing `json` throws ("" when it parses).
std::string config_error(const std::string& json) {
  try {
    (void)parse_config(json, "test.json");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_config);
    return e.what();
  }
  return "";
}

/// A calendar object that is valid on its own, for documents about other keys.
const std::string office = R"({"time_zone": "Europe/Rome", "weekly": {"mon": [["09:00", "18:00"]]}})";

// SPEC §6, verbatim.
const char* const spec_example = R"({
  "time_zone": "Europe/Rome",
  "attribution": "created",
  "calendars": {
    "office": {"time_zone": "Europe/Rome",
               "weekly": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]], "tue": [["09:00", "18:00"]],
                          "sat": [["09:00", "12:00"]]},
               "holidays": ["2026-04-06"],
               "closed": [{"from": "2026-03-11T10:00:00Z", "to": "2026-03-11T11:00:00Z"}],
               "open":   [{"from": "2026-03-15T09:00:00Z", "to": "2026-03-15T11:00:00Z"}]}
  },
  "business_calendar": "office",
  "sla": {"urgent": {"first_response_s": 3600, "resolution_s": 14400, "calendar": "office"},
          "normal": {"first_response_s": 28800, "paused": ["pending"]}},
  "fcr": {"method": "repeat_window", "window_s": 604800},
  "queue": {"threshold_s": 20, "short_abandon_s": 5, "mode": "offered"},
  "scales": {"csat": {"min": 1, "max": 5, "satisfied_from": 4}, "ces": {"min": 1, "max": 7, "easy_from": 5}},
  "targets": [{"metric": "csat.score", "min": 85, "where": {"channel": "chat"}}]
})";

}  // namespace

TEST_CASE("The SPEC section 6 example parses with every key in its field", "[config]") {
  const ConfigFile c = parse_config(spec_example);
  const MetricConfig& m = c.metrics;
  CHECK(c.time_zone == std::optional<std::string>{"Europe/Rome"});
  CHECK(m.attribution == Attribution::created);

  REQUIRE(m.calendars.size() == 1);
  const BusinessCalendarSpec& cal = m.calendars.at("office");
  CHECK(cal.time_zone == "Europe/Rome");
  REQUIRE(cal.weekly[0].size() == 2);                                 // mon
  CHECK(cal.weekly[0][0] == OpeningInterval{9 * 60, 13 * 60});
  CHECK(cal.weekly[0][1] == OpeningInterval{14 * 60, 18 * 60});
  REQUIRE(cal.weekly[1].size() == 1);                                 // tue
  CHECK(cal.weekly[1][0] == OpeningInterval{9 * 60, 18 * 60});
  CHECK(cal.weekly[2].empty());                                       // wed … fri closed
  CHECK(cal.weekly[3].empty());
  CHECK(cal.weekly[4].empty());
  REQUIRE(cal.weekly[5].size() == 1);                                 // sat
  CHECK(cal.weekly[5][0] == OpeningInterval{9 * 60, 12 * 60});
  CHECK(cal.weekly[6].empty());                                       // sun
  REQUIRE(cal.holidays.size() == 1);
  CHECK(cal.holidays[0] == CalendarDate{2026, 4, 6});
  REQUIRE(cal.closed.size() == 1);
  CHECK(cal.closed[0] == InstantRange{at("2026-03-11T10:00:00Z"), at("2026-03-11T11:00:00Z")});
  REQUIRE(cal.open.size() == 1);
  CHECK(cal.open[0] == InstantRange{at("2026-03-15T09:00:00Z"), at("2026-03-15T11:00:00Z")});
  CHECK(m.business_calendar == std::optional<std::string>{"office"});

  REQUIRE(m.sla.size() == 2);
  const SlaPolicy& urgent = m.sla.at(Priority::urgent);
  CHECK(urgent.first_response == secs(3600));
  CHECK(urgent.resolution == secs(14400));
  CHECK(urgent.calendar == std::optional<std::string>{"office"});
  CHECK(urgent.paused == std::vector<TicketStatus>{TicketStatus::pending});  // the default
  const SlaPolicy& normal = m.sla.at(Priority::normal);
  CHECK(normal.first_response == secs(28800));
  CHECK_FALSE(normal.resolution);
  CHECK_FALSE(normal.calendar);
  CHECK(normal.paused == std::vector<TicketStatus>{TicketStatus::pending});

  CHECK(m.fcr_method == std::optional<FcrMethod>{FcrMethod::repeat_window});
  CHECK(m.fcr_window == secs(604800));
  CHECK(m.queue.threshold == secs(20));
  CHECK(m.queue.short_abandon == secs(5));
  CHECK(m.queue.mode == QueueMode::offered);
  CHECK(m.csat.scale == ScoreScale{1, 5});
  CHECK(m.csat.satisfied_from == std::optional<int>{4});
  CHECK(m.ces.scale == ScoreScale{1, 7});
  CHECK(m.ces.easy_from == 5);

  REQUIRE(m.targets.size() == 1);
  CHECK(m.targets[0].metric == "csat.score");
  CHECK(m.targets[0].min == std::optional<double>{85.0});
  CHECK_FALSE(m.targets[0].max);
  CHECK(m.targets[0].where == std::map<std::string, std::string>{{"channel", "chat"}});
}

TEST_CASE("A number beyond a double's range is a configuration error, not a crash", "[config]") {
  // Found by the config fuzz target: nlohmann's out_of_range escaped parse_config.
  CHECK_THAT(config_error(R"({"sla": {"urgent": {"first_response_s": -1e400}}})"),
             Contains("test.json") && Contains("number out of range"));
}

TEST_CASE("An empty configuration object keeps every default", "[config]") {
  const ConfigFile c = parse_config("{}");
  const MetricConfig d{};
  CHECK_FALSE(c.time_zone);
  CHECK(c.metrics.attribution == Attribution::created);
  CHECK_FALSE(c.metrics.fcr_method);  // the SPEC default: contacts if any interaction has contacts
  CHECK(c.metrics.fcr_window == d.fcr_window);
  CHECK(c.metrics.fcr_window == secs(7LL * 24 * 3600));
  CHECK(c.metrics.queue.threshold == secs(20));
  CHECK(c.metrics.queue.short_abandon == secs(0));
  CHECK(c.metrics.queue.mode == QueueMode::offered);
  CHECK(c.metrics.csat == d.csat);
  CHECK(c.metrics.ces == d.ces);
  CHECK(c.metrics.calendars.empty());
  CHECK_FALSE(c.metrics.business_calendar);
  CHECK(c.metrics.sla.empty());
  CHECK(c.metrics.targets.empty());
}

TEST_CASE("The config time_zone is kept apart so that --tz can override it", "[config]") {
  const ConfigFile c = parse_config(R"({"time_zone": "America/New_York"})");
  CHECK(c.time_zone == std::optional<std::string>{"America/New_York"});
  // It does not leak into the metric configuration: the caller puts it in ReportSpec::time_zone.
  ReportSpec spec;
  spec.config = c.metrics;
  CHECK(spec.time_zone == "UTC");
}

TEST_CASE("Event attribution, priorities and enumerated values are case-insensitive", "[config]") {
  const ConfigFile c = parse_config(R"({"attribution": "Event",
    "sla": {"URGENT": {"first_response_s": 60}, "Low": {"resolution_s": 120, "paused": ["Pending", "ON_HOLD"]}},
    "fcr": {"method": "CONTACTS"}})");
  CHECK(c.metrics.attribution == Attribution::event);
  REQUIRE(c.metrics.sla.count(Priority::urgent) == 1);
  CHECK(c.metrics.sla.at(Priority::urgent).first_response == secs(60));
  REQUIRE(c.metrics.sla.count(Priority::low) == 1);
  CHECK(c.metrics.sla.at(Priority::low).paused == std::vector<TicketStatus>{TicketStatus::pending, TicketStatus::on_hold});
  CHECK(c.metrics.fcr_method == std::optional<FcrMethod>{FcrMethod::contacts});
}

TEST_CASE("Seconds may have a fraction and are rounded to the millisecond", "[config]") {
  const ConfigFile c = parse_config(R"({"queue": {"threshold_s": 20.5, "short_abandon_s": 0.0004},
    "sla": {"high": {"first_response_s": 1.2345, "resolution_s": 0}}})");
  CHECK(c.metrics.queue.threshold == Milliseconds{20500});
  CHECK(c.metrics.queue.short_abandon == Milliseconds{0});  // 0.4 ms rounds to 0
  CHECK(c.metrics.sla.at(Priority::high).first_response == Milliseconds{1235});  // 1234.5 ms rounds away from 0
  CHECK(c.metrics.sla.at(Priority::high).resolution == Milliseconds{0});  // a zero target is allowed
}

TEST_CASE("An empty paused list stops no clock", "[config]") {
  const ConfigFile c = parse_config(R"({"sla": {"normal": {"resolution_s": 60, "paused": []}}})");
  CHECK(c.metrics.sla.at(Priority::normal).paused.empty());
}

TEST_CASE("An unknown key is an error naming its path, at any depth", "[config]") {
  CHECK_THAT(config_error(R"({"time_zone": "UTC", "colour": "red"})"), Contains("test.json: colour: unknown key"));
  CHECK_THAT(config_error(R"({"sla": {"urgent": {"first_response_s": 60, "foo": 1}}})"),
             Contains("test.json: sla.urgent.foo: unknown key"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"monday": []}}}})"),
             Contains("calendars.office.weekly.monday: unknown key"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["09:00", "10:00"]]},
             "closed": [{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "why": "x"}]}}})"),
             Contains("calendars.office.closed[0].why: unknown key"));
  CHECK_THAT(config_error(R"({"fcr": {"window": 10}})"), Contains("fcr.window: unknown key"));
  CHECK_THAT(config_error(R"({"queue": {"threshold": 10}})"), Contains("queue.threshold: unknown key"));
  CHECK_THAT(config_error(R"({"scales": {"nps": {}}})"), Contains("scales.nps: unknown key"));
  CHECK_THAT(config_error(R"({"scales": {"csat": {"satisfied": 4}}})"), Contains("scales.csat.satisfied: unknown key"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "csat.score", "min": 1, "owner": "me"}]})"),
             Contains("targets[0].owner: unknown key"));
}

TEST_CASE("A malformed opening interval names its array index", "[config]") {
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["09:00"]]}}}})"),
             Contains("calendars.office.weekly.mon[0]: must be a pair"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC",
             "weekly": {"mon": [["09:00", "12:00"], ["13:00", "25:00"]]}}}})"),
             Contains("calendars.office.weekly.mon[1][1]: is not a time of day HH:MM"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"tue": [[9, 17]]}}}})"),
             Contains("calendars.office.weekly.tue[0][0]: must be a string"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": "09:00-18:00"}}}})"),
             Contains("calendars.office.weekly.mon: must be an array"));
}

TEST_CASE("A value of the wrong type names its key", "[config]") {
  CHECK_THAT(config_error(R"({"time_zone": 1})"), Contains("time_zone: must be a string"));
  CHECK_THAT(config_error(R"({"attribution": true})"), Contains("attribution: must be a string"));
  CHECK_THAT(config_error(R"({"sla": {"urgent": {"first_response_s": "1h"}}})"),
             Contains("sla.urgent.first_response_s: must be a number"));
  CHECK_THAT(config_error(R"({"sla": []})"), Contains("sla: must be an object"));
  CHECK_THAT(config_error(R"({"sla": {"urgent": 60}})"), Contains("sla.urgent: must be an object"));
  CHECK_THAT(config_error(R"({"sla": {"urgent": {"paused": "pending"}}})"), Contains("sla.urgent.paused: must be an array"));
  CHECK_THAT(config_error(R"({"fcr": "contacts"})"), Contains("fcr: must be an object"));
  CHECK_THAT(config_error(R"({"queue": {"threshold_s": null}})"), Contains("queue.threshold_s: must be a number"));
  CHECK_THAT(config_error(R"({"calendars": []})"), Contains("calendars: must be an object"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "holidays": "2026-01-01"}}})"),
             Contains("calendars.office.holidays: must be an array"));
  CHECK_THAT(config_error(R"({"scales": {"csat": {"max": 4.5}}})"), Contains("scales.csat.max: must be a whole number"));
  CHECK_THAT(config_error(R"({"targets": {"metric": "csat.score"}})"), Contains("targets: must be an array"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "csat.score", "min": "85"}]})"),
             Contains("targets[0].min: must be a number"));
  CHECK_THAT(config_error(R"([1, 2])"), Contains("test.json: the document: must be an object"));
}

TEST_CASE("Seconds must not be negative, and the FCR window must be positive", "[config]") {
  CHECK_THAT(config_error(R"({"sla": {"urgent": {"resolution_s": -1}}})"),
             Contains("sla.urgent.resolution_s: must be 0 or more"));
  CHECK_THAT(config_error(R"({"queue": {"threshold_s": -0.5}})"), Contains("queue.threshold_s: must be 0 or more"));
  CHECK_THAT(config_error(R"({"queue": {"short_abandon_s": -5}})"), Contains("queue.short_abandon_s: must be 0 or more"));
  CHECK_THAT(config_error(R"({"fcr": {"window_s": 0}})"), Contains("fcr.window_s: must be greater than 0"));
  CHECK_THAT(config_error(R"({"fcr": {"window_s": -60}})"), Contains("fcr.window_s: must be greater than 0"));
  CHECK_THAT(config_error(R"({"fcr": {"window_s": 1e13}})"), Contains("fcr.window_s: is too large"));
}

TEST_CASE("Unknown enumerated values name their key", "[config]") {
  CHECK_THAT(config_error(R"({"sla": {"critical": {"first_response_s": 60}}})"),
             Contains("sla.critical: is not a priority (low, normal, high, urgent)"));
  CHECK_THAT(config_error(R"({"queue": {"mode": "abandoned"}})"), Contains("queue.mode: must be \"offered\""));
  CHECK_THAT(config_error(R"({"fcr": {"method": "survey"}})"), Contains("fcr.method: must be \"contacts\" or \"repeat_window\""));
  CHECK_THAT(config_error(R"({"attribution": "resolved"})"), Contains("attribution: must be \"created\" or \"event\""));
  CHECK_THAT(config_error(R"({"sla": {"urgent": {"resolution_s": 60, "paused": ["waiting"]}}})"),
             Contains("sla.urgent.paused[0]: is not one of new, open, pending, on_hold, solved, closed"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "csat.score", "min": 1, "where": {"colour": "red"}}]})"),
             Contains("targets[0].where.colour: is not a dimension"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "csat", "min": 1}]})"), Contains("targets[0].metric: must name a metric field"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "csat.score"}]})"), Contains("targets[0]: needs \"min\", \"max\" or \"baseline\""));
}

TEST_CASE("The queue mode is case-insensitive like the other enumerated values", "[config]") {
  CHECK(parse_config(R"({"queue": {"mode": "abandon_within_T_good"}})").metrics.queue.mode ==
        QueueMode::abandon_within_T_good);
  CHECK(parse_config(R"({"queue": {"mode": "ABANDON_WITHIN_t_GOOD"}})").metrics.queue.mode ==
        QueueMode::abandon_within_T_good);
  CHECK(parse_config(R"({"queue": {"mode": "answered"}})").metrics.queue.mode == QueueMode::answered);
  CHECK(parse_config(R"({"queue": {"mode": "Offered"}})").metrics.queue.mode == QueueMode::offered);
  CHECK_THAT(config_error(R"({"queue": {"mode": "offer"}})"), Contains("queue.mode"));
}

TEST_CASE("The reporting time_zone is checked with its key path", "[config]") {
  CHECK_THAT(config_error(R"({"time_zone": "Mars/Base"})"), Contains("time_zone: unknown time zone 'Mars/Base'"));
  CHECK_THAT(config_error(R"({"time_zone": "+01:00"})"), Contains("time_zone: unknown time zone"));
}

TEST_CASE("Survey scales stay within -1000..1000 (scores are stored as 16-bit integers)", "[config]") {
  CHECK_THAT(config_error(R"({"scales": {"csat": {"min": 1, "max": 100000}}})"), Contains("scales.csat: must lie within"));
  CHECK_THAT(config_error(R"({"scales": {"ces": {"min": -5000, "max": 7}}})"), Contains("scales.ces: must lie within"));
  CHECK(parse_config(R"({"scales": {"csat": {"min": 0, "max": 1000, "satisfied_from": 900}}})").metrics.csat.scale.max == 1000);
}

TEST_CASE("A calendar name must name a calendar of calendars", "[config]") {
  CHECK_THAT(config_error(R"({"business_calendar": "office"})"),
             Contains("business_calendar: names no calendar of \"calendars\""));
  CHECK_THAT(config_error(R"({"calendars": {"office": )" + office + R"(}, "business_calendar": "Office"})"),
             Contains("business_calendar: names no calendar"));  // names are case-sensitive
  CHECK_THAT(config_error(R"({"calendars": {"office": )" + office +
                          R"(}, "sla": {"urgent": {"first_response_s": 60, "calendar": "support"}}})"),
             Contains("sla.urgent.calendar: names no calendar of \"calendars\""));
  // The order of the keys in the document does not matter.
  const ConfigFile c = parse_config(R"({"business_calendar": "office", "sla": {"urgent": {"calendar": "office"}},
                                        "calendars": {"office": )" + office + "}}");
  CHECK(c.metrics.business_calendar == std::optional<std::string>{"office"});
  CHECK(c.metrics.sla.at(Priority::urgent).calendar == std::optional<std::string>{"office"});
}

TEST_CASE("A calendar is validated where it is defined", "[config]") {
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC"}}})"),
             Contains("calendars.office: calendar has no open time"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC",
             "open": [{"from": "2026-01-01T09:00:00Z", "to": "2026-01-01T10:00:00Z"}],
             "closed": [{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}]}}})"),
             Contains("calendars.office: calendar has no open time"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC",
             "weekly": {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]}}}})"),
             Contains("calendars.office: ") && Contains("overlap"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["18:00", "09:00"]]}}}})"),
             Contains("calendars.office: ") && Contains("begin must be before end"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"weekly": {"mon": [["09:00", "18:00"]]}}}})"),
             Contains("calendars.office: needs \"time_zone\""));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "Mars/Olympus", "weekly": {"mon": [["09:00", "18:00"]]}}}})"),
             Contains("calendars.office: "));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "+01:00", "weekly": {"mon": [["09:00", "18:00"]]}}}})"),
             Contains("calendars.office: "));
  // 24:00 ends a day; an interval ending at midnight is written so.
  const ConfigFile c = parse_config(R"({"calendars": {"night": {"time_zone": "UTC", "weekly": {"fri": [["22:00", "24:00"]],
                                        "sat": [["00:00", "06:00"]]}}}})");
  CHECK(c.metrics.calendars.at("night").weekly[4][0] == OpeningInterval{22 * 60, 1440});
}

TEST_CASE("Bad dates and instants in a calendar name their index", "[config]") {
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["09:00", "18:00"]]},
             "holidays": ["2026-04-06", "2026-02-30"]}}})"),
             Contains("calendars.office.holidays[1]: is not a date YYYY-MM-DD"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["09:00", "18:00"]]},
             "holidays": ["06/04/2026"]}}})"),
             Contains("calendars.office.holidays[0]: is not a date YYYY-MM-DD"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["09:00", "18:00"]]},
             "closed": [{"from": "2026-03-11T10:00:00", "to": "2026-03-11T11:00:00Z"}]}}})"),
             Contains("calendars.office.closed[0].from: is not an instant with an offset"));
  CHECK_THAT(config_error(R"({"calendars": {"office": {"time_zone": "UTC", "weekly": {"mon": [["09:00", "18:00"]]},
             "open": [{"from": "2026-03-11T10:00:00Z"}]}}})"),
             Contains("calendars.office.open[0]: needs \"from\" and \"to\""));
}

TEST_CASE("Malformed JSON is a configuration error naming the source", "[config]") {
  CHECK_THAT(config_error(R"({"time_zone": "UTC",})"), Contains("test.json: the document: is not valid JSON"));
  CHECK_THAT(config_error(""), Contains("is not valid JSON"));
  CHECK_THAT(config_error(R"({"time_zone": "UTC"} trailing)"), Contains("is not valid JSON"));
}

TEST_CASE("Survey scales must hold their thresholds", "[config]") {
  CHECK_THAT(config_error(R"({"scales": {"csat": {"min": 1, "max": 5, "satisfied_from": 6}}})"),
             Contains("scales.csat: ") && Contains("outside the scale"));
  CHECK_THAT(config_error(R"({"scales": {"csat": {"min": 1, "max": 5, "satisfied_from": 0}}})"),
             Contains("scales.csat: ") && Contains("outside the scale"));
  CHECK_THAT(config_error(R"({"scales": {"ces": {"max": 4}}})"),  // the default easy_from 5 is outside 1-4
             Contains("scales.ces: ") && Contains("easy_from"));
  CHECK_THAT(config_error(R"({"scales": {"csat": {"min": 5, "max": 5}}})"), Contains("scales.csat: min must be below max"));
  // Without satisfied_from the threshold follows the scale: max - 1.
  const ConfigFile c = parse_config(R"({"scales": {"csat": {"min": 0, "max": 10}}})");
  CHECK(c.metrics.csat.satisfied_threshold() == 9);
  CHECK(c.metrics.scales().csat == ScoreScale{0, 10});
}

TEST_CASE("The example configuration examples/config.json is valid", "[config]") {
  const std::string path = CSKPI_TEST_DATA_DIR "/../../examples/config.json";
  const ConfigFile c = parse_config(detail::read_whole_file(path).bytes, path);
  CHECK(c.time_zone == std::optional<std::string>{"Europe/Rome"});
  CHECK(c.metrics.business_calendar == std::optional<std::string>{"office"});
  CHECK(c.metrics.sla.size() == 4);
  CHECK(c.metrics.calendars.size() == 2);
  CHECK_FALSE(c.metrics.targets.empty());
}

TEST_CASE("The staffing extension sets the plan's targets and checks its ranges", "[config]") {
  const MetricConfig m =
      parse_config(R"({"staffing": {"service_level": 0.9, "asa_target_s": 15, "max_occupancy": 0.85, "shrinkage": 0.3}})")
          .metrics;
  CHECK(m.staffing.service_level == 0.9);
  CHECK(m.staffing.asa_target == Milliseconds{15000});
  CHECK(m.staffing.max_occupancy == 0.85);
  CHECK(m.staffing.shrinkage == 0.3);
  CHECK(parse_config("{}").metrics.staffing.service_level == 0.8);
  CHECK_THAT(config_error(R"({"staffing": {"service_level": 1}})"), Contains("staffing.service_level"));
  CHECK_THAT(config_error(R"({"staffing": {"shrinkage": 1}})"), Contains("staffing.shrinkage"));
  CHECK_THAT(config_error(R"({"staffing": {"max_occupancy": 0}})"), Contains("staffing.max_occupancy"));
  CHECK_THAT(config_error(R"({"staffing": {"agents": 3}})"), Contains("staffing.agents: unknown key"));
}

TEST_CASE("v3 input keys: input_time_zone, columns (names and constants) and csv", "[config][mapping]") {
  const ConfigFile c = parse_config(R"({
    "input_time_zone": "Europe/Rome",
    "columns": {"interactions": {"id": "call_id", "created_at": "start_local", "channel": {"const": "phone"}},
                "surveys": {"kind": {"const": "nps"}, "score": {"const": 9}, "responded_at": "date"}},
    "csv": {"delimiter": ";", "encoding": "Windows-1252", "instant_format": "%Y/%m/%d %H:%M:%S.%f"}
  })");
  const InputMapping& m = c.input;
  CHECK(m.input_time_zone == "Europe/Rome");
  CHECK(m.delimiter == ';');
  CHECK(m.encoding == InputEncoding::windows1252);
  CHECK(m.instant_format == "%Y/%m/%d %H:%M:%S.%f");
  const FieldMapping& calls = m.columns[static_cast<std::size_t>(RecordType::interaction)];
  CHECK(calls.at("id").column == "call_id");
  CHECK(calls.at("channel").constant == "phone");
  const FieldMapping& answers = m.columns[static_cast<std::size_t>(RecordType::survey)];
  CHECK(answers.at("score").constant == "9");  // a number constant as its JSON text
  CHECK(parse_config(R"({"csv": {"delimiter": "\t"}})").input.delimiter == '\t');
  CHECK(parse_config("{}").input.empty());
}

TEST_CASE("v3 input keys: every mistake names its key path", "[config][mapping]") {
  CHECK_THAT(config_error(R"({"input_time_zone": "+01:00"})"),
             Contains("test.json: input_time_zone: unknown time zone '+01:00'"));
  CHECK_THAT(config_error(R"({"columns": {"calls": {}}})"), Contains("test.json: columns.calls: unknown key"));
  CHECK(config_error(R"({"columns": {"interactions": {"creatd_at": "x"}}})") ==
        "test.json: columns.interactions.creatd_at: unknown key (not a field of interactions; did you mean "
        "created_at?)");
  CHECK(config_error(R"({"columns": {"interactions": {"topic": "cat", "product": "cat"}}})") ==
        "test.json: columns.interactions.topic: the column \"cat\" already feeds product");
  CHECK(config_error(R"({"columns": {"interactions": {"topic": 3}}})") ==
        "test.json: columns.interactions.topic: must be a column name or {\"const\": value}");
  CHECK(config_error(R"({"columns": {"interactions": {"topic": {"konst": 3}}}})") ==
        "test.json: columns.interactions.topic.konst: unknown key");
  CHECK(config_error(R"({"columns": {"interactions": {"topic": {"const": null}}}})") ==
        "test.json: columns.interactions.topic.const: must be a string, a number or a boolean");
  CHECK(config_error(R"({"columns": {"interactions": {"topic": ""}}})") ==
        "test.json: columns.interactions.topic: must not be empty");
  CHECK(config_error(R"({"csv": {"delimiter": "ab"}})") ==
        "test.json: csv.delimiter: must be one character other than a quote, a space or a line end (\"\\t\" for TAB)");
  CHECK(config_error(R"({"csv": {"encoding": "ebcdic"}})") ==
        "test.json: csv.encoding: must be utf-8, utf-16, latin-1 or windows-1252");
  CHECK_THAT(config_error(R"({"csv": {"instant_format": "%Y %q"}})"),
             Contains("test.json: csv.instant_format: instant format '%Y %q': %q is not one of"));
  CHECK(config_error(R"({"csv": {"separator": ";"}})") == "test.json: csv.separator: unknown key");
}

TEST_CASE("A target set from the previous period's baseline, and its mistakes", "[config][trend]") {
  const ConfigFile c =
      parse_config(R"({"targets": [{"metric": "fcr.rate", "baseline": "previous", "improve": 5},
                                   {"metric": "handle.mean_s", "baseline": "previous"}]})");
  REQUIRE(c.metrics.targets.size() == 2);
  CHECK(c.metrics.targets[0].baseline == TargetBaseline::previous);
  CHECK(c.metrics.targets[0].improve == 5.0);
  CHECK_FALSE(c.metrics.targets[0].min);
  CHECK_FALSE(c.metrics.targets[0].max);
  CHECK(c.metrics.targets[1].improve == 0.0);  // at least as good as before
  CHECK_THAT(config_error(R"({"targets": [{"metric": "fcr.rate", "baseline": "last_year"}]})"),
             Contains("targets[0].baseline: must be \"previous\""));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "fcr.rate", "baseline": "previous", "min": 80}]})"),
             Contains("targets[0]: takes \"baseline\" or \"min\"/\"max\", not both"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "fcr.rate", "min": 80, "improve": 5}]})"),
             Contains("targets[0].improve: needs \"baseline\": \"previous\""));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "fcr.rate", "baseline": "previous", "improve": "5"}]})"),
             Contains("targets[0].improve: must be a number"));
  CHECK_THAT(config_error(R"({"targets": [{"metric": "fcr.rate"}]})"),
             Contains("targets[0]: needs \"min\", \"max\" or \"baseline\""));
}
