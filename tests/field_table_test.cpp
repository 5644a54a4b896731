// The field table (cskpi/report/field_table.hpp): every metric field of a group, in JSON order,
// with its unit. Checked against tests/data/render/*.json: the JSON the `cskpi` binary printed
// for two end-to-end cases (tests/cli/cases) before the renderers read the field table.
#include <catch2/catch.hpp>

#include <cskpi/io/loader.hpp>
#include <cskpi/metrics/duration_stats.hpp>
#include <cskpi/report/config_file.hpp>
#include <cskpi/report/engine.hpp>
#include <cskpi/report/field_table.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "report/targets.hpp"
#include "run/read_config.hpp"

using namespace cskpi;
using Json = nlohmann::ordered_json;

namespace {

const std::string cases = std::string{CSKPI_TEST_DATA_DIR} + "/../cli/cases/";

Json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

/// The report of tests/cli/cases/config_sla_business_events: business calendar, SLA policies,
/// interaction events, grouped by week (the arguments of its case.json).
Report sla_business_events_report() {
  const std::string dir = cases + "config_sla_business_events/";
  ReportSpec spec;
  spec.config = run::read_config_file(dir + "config.json").metrics;
  spec.from = parse_instant("2026-03-02T00:00:00+01:00").value;
  spec.to = parse_instant("2026-03-16T00:00:00+01:00").value;
  spec.groupings = {parse_grouping("week")};
  Dataset data;
  Loader loader(data, LoadOptions{false, spec.config.scales()});
  loader.load(RecordType::interaction, dir + "interactions.csv");
  loader.load(RecordType::interaction_event, dir + "events.csv");
  loader.finish();
  return compute_report(data, spec);
}

/// tests/cli/cases/targets_in_report: surveys by channel (NPS and CSAT intervals defined).
Report surveys_report() {
  const std::string dir = cases + "targets_in_report/";
  ReportSpec spec;
  spec.config = run::read_config_file(dir + "config.json").metrics;
  spec.groupings = {parse_grouping("channel")};
  Dataset data;
  Loader loader(data, LoadOptions{false, spec.config.scales()});
  loader.load(RecordType::survey, dir + "surveys.csv");
  loader.finish();
  return compute_report(data, spec);
}

/// The leaves of a metrics object as (metric.dotted.path, value); `[low, high]` or a null
/// `ci95` as two leaves `ci95.low`, `ci95.high`.
void leaves(const Json& node, const std::string& path, std::vector<std::pair<std::string, Json>>& out) {
  if (node.is_object()) {
    for (const auto& [name, value] : node.items()) {
      std::string child = path;
      if (!child.empty()) child += '.';
      child += name;
      leaves(value, child, out);
    }
  } else if (node.is_array() || (node.is_null() && path.size() > 5 && path.substr(path.size() - 5) == ".ci95")) {
    out.emplace_back(path + ".low", node.is_null() ? Json(nullptr) : node[0]);
    out.emplace_back(path + ".high", node.is_null() ? Json(nullptr) : node[1]);
  } else {
    out.emplace_back(path, node);
  }
}

bool same_value(const Json& expected, const FieldValue& actual) {
  if (expected.is_null()) return std::holds_alternative<std::monostate>(actual);
  if (expected.is_string()) {
    const auto* text = std::get_if<std::string_view>(&actual);
    return text && *text == expected.get<std::string>();
  }
  if (expected.is_number_float()) {
    const auto* d = std::get_if<double>(&actual);
    return d && *d == expected.get<double>();
  }
  const auto* i = std::get_if<std::int64_t>(&actual);
  return i && *i == expected.get<std::int64_t>();
}

void check_against_expected_json(const Report& report, const std::string& expected_file) {
  const Json expected = read_json(expected_file);
  REQUIRE(expected["groups"].size() == report.groups.size());
  for (std::size_t g = 0; g < report.groups.size(); ++g) {
    std::vector<std::pair<std::string, Json>> json_fields;
    leaves(expected["groups"][g]["metrics"], "", json_fields);
    const std::vector<Field> table = field_table(report.groups[g].metrics, FieldContext::of(report));
    REQUIRE(table.size() == json_fields.size());
    for (std::size_t k = 0; k < table.size(); ++k) {
      INFO("group " << g << ", field " << json_fields[k].first << " = " << json_fields[k].second.dump());
      CHECK(table[k].has_path(json_fields[k].first));  // same order as the JSON
      CHECK(same_value(json_fields[k].second, table[k].value));
    }
  }
}

}  // namespace

TEST_CASE("Every value of a report's JSON is in the field table, in the same order and type",
          "[field_table]") {
  const std::string golden = std::string{CSKPI_TEST_DATA_DIR} + "/render/";
  SECTION("business calendar, SLA policies and interaction events") {
    check_against_expected_json(sla_business_events_report(), golden + "sla_business_events.json");
  }
  SECTION("surveys with confidence intervals") {
    check_against_expected_json(surveys_report(), golden + "surveys_by_channel.json");
  }
}

TEST_CASE("Field table units, shapes and nested names", "[field_table]") {
  const Report report = sla_business_events_report();
  const std::vector<Field> fields = field_table(report.groups.front().metrics, FieldContext::of(report));
  const auto unit = [&fields](const char* path) {
    const Field* f = find_field(fields, path);
    REQUIRE(f != nullptr);
    return f->unit;
  };
  CHECK(unit("volume.count") == FieldUnit::count);
  CHECK(unit("volume.share") == FieldUnit::percent);
  CHECK(unit("nps.score") == FieldUnit::points);
  CHECK(unit("nps.ci95.low") == FieldUnit::points);
  CHECK(unit("csat.score") == FieldUnit::percent);
  CHECK(unit("csat.ci95.high") == FieldUnit::percent);
  CHECK(unit("ces.mean") == FieldUnit::score);
  CHECK(unit("first_response.business.median_s") == FieldUnit::seconds);
  CHECK(unit("sla.resolution.compliance") == FieldUnit::percent);
  CHECK(unit("sla.resolution.target_s") == FieldUnit::seconds);
  CHECK(unit("fcr.method") == FieldUnit::label);
  CHECK(unit("cost.total") == FieldUnit::money);
  CHECK(find_field(fields, "nps.ci95.low")->shape == FieldShape::interval_low);
  CHECK(find_field(fields, "nps.ci95.high")->shape == FieldShape::interval_high);
  CHECK(find_field(fields, "nps.score")->shape == FieldShape::plain);
  CHECK(find_field(fields, "first_response.business") == nullptr);  // an object, not a field
  CHECK(find_field(fields, "productivity.handled") == nullptr);     // no agents in these data
  CHECK(to_string(FieldUnit::seconds) == "seconds");
}

TEST_CASE("Without interaction events the event-based durations are not fields", "[field_table]") {
  GroupMetrics m;
  const std::vector<Field> without = field_table(m, FieldContext{false});
  const std::vector<Field> with = field_table(m, FieldContext{true});
  CHECK(find_field(without, "next_reply.count") == nullptr);
  CHECK(find_field(with, "next_reply.count") != nullptr);
  CHECK(find_field(with, "pending.p90_s") != nullptr);
  CHECK(with.size() == without.size() + std::size_t{5} * 4);  // five objects of four fields
}

TEST_CASE("A duration's mean_s is total / (1000 count) in one rounding, median_s and p90_s a sample / 1000",
          "[field_table][duration]") {
  // 1, 2 and 20 ms: total 23 ms, n = 3. 23 / 3000 = 0.007666666666666666 (one rounding), while the
  // fractional mean 7.666… ms / 1000 would round twice to 0.007666666666666667: the report keeps
  // the first, as before DurationSummary held its mean in milliseconds.
  GroupMetrics m;
  m.handle = summarize_durations(std::vector<Milliseconds>{Milliseconds{1}, Milliseconds{2}, Milliseconds{20}});
  CHECK(m.handle.mean->count() == Approx(23.0 / 3.0));
  const std::vector<Field> fields = field_table(m, FieldContext{false});
  const auto value = [&fields](const char* path) {
    const Field* f = find_field(fields, path);
    REQUIRE(f != nullptr);
    REQUIRE(std::holds_alternative<double>(f->value));
    return std::get<double>(f->value);
  };
  CHECK(value("handle.mean_s") == 23.0 / 3000.0);
  CHECK(value("handle.mean_s") != (23.0 / 3.0) / 1000.0);
  CHECK(value("handle.median_s") == 0.002);  // ⌈3/2⌉ = 2nd smallest
  CHECK(value("handle.p90_s") == 0.02);      // ⌈2.7⌉ = 3rd
}

TEST_CASE("A target on a nested field resolves through the field table", "[field_table][targets]") {
  const Report report = sla_business_events_report();
  const std::vector<Field> overall = field_table(report.groups.front().metrics, FieldContext::of(report));
  const Field* median = find_field(overall, "first_response.business.median_s");
  REQUIRE(median != nullptr);
  REQUIRE(median->number());

  TargetSpec target;
  target.metric = "first_response.business.median_s";
  target.max = *median->number() + 60.0;  // met, 60 s inside the bound
  const std::vector<TargetResult> results = detail::evaluate_targets(report, {target});
  REQUIRE(results.size() == report.groups.size());  // no `where`: every group
  CHECK(results.front().value == median->number());
  CHECK(results.front().status == TargetStatus::met);
  CHECK(results.front().gap == Approx(60.0));
}

TEST_CASE("A target on a field the table lacks, or on a text field, is a configuration error",
          "[field_table][targets]") {
  const Report report = sla_business_events_report();
  for (const char* metric : {"csat.nope", "first_response.business", "fcr.method", "csat"}) {
    TargetSpec target;
    target.metric = metric;
    target.min = 1.0;
    INFO(metric);
    CHECK_THROWS_WITH(detail::evaluate_targets(report, {target}),
                      Catch::Matchers::Contains("targets[0].metric: '" + std::string{metric} +
                                                "' is not a number field of the report"));
  }
}
