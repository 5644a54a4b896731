// Custom dimensions (SPEC v3 §8): config `dimensions` names extra label columns, read from CSV
// columns and JSON members, usable in groupings crossed with anything, inherited by linked
// surveys, and for customers the value on the customer's latest event.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/loader.hpp>
#include <cskpi/render/render.hpp>
#include <cskpi/report/config_file.hpp>
#include <cskpi/report/engine.hpp>

#include <memory>
#include <sstream>
#include <string>

using namespace cskpi;

namespace {

TimePoint at(const char* text) { return *parse_instant(text).value; }

/// A data set with custom dimensions and the loader that fills it.
struct Loaded {
  Loaded(std::vector<std::string> dimensions, LoadOptions options) : data(std::move(dimensions)), loader(data, options) {}
  Dataset data;
  Loader loader;
};

struct Input {
  RecordType type;
  std::string text;
  FileFormat format;
};

std::unique_ptr<Loaded> load(std::vector<std::string> dimensions, const std::vector<Input>& inputs,
                             LoadOptions options = {}) {
  auto out = std::make_unique<Loaded>(std::move(dimensions), options);
  for (const Input& input : inputs) {
    std::istringstream in(input.text);
    out->loader.load(input.type, in, input.format == FileFormat::csv ? "in.csv" : "in.jsonl", input.format);
  }
  out->loader.finish();
  return out;
}

const Group* find(const Report& r, const std::string& by, const std::vector<std::optional<std::string>>& key) {
  for (const auto& g : r.groups) {
    if (to_string(g.by) == by && g.key == key) return &g;
  }
  return nullptr;
}

std::string json_of(const Report& report) {
  std::ostringstream out;
  render(out, report, ReportFormat::json);
  return out.str();
}

// i1 north (resolved), i2 north (open), i3 south in April (open), i4 without a region (open).
const char* const interactions_csv =
    "id,customer_id,channel,created_at,resolved_at,region\n"
    "i1,c1,chat,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,north\n"
    "i2,c2,phone,2026-03-20T10:00:00Z,,north\n"
    "i3,c3,chat,2026-04-03T10:00:00Z,,south\n"
    "i4,c4,email,2026-04-05T10:00:00Z,,\n";

const char* const interactions_jsonl =
    R"({"id":"i1","customer_id":"c1","channel":"chat","created_at":"2026-03-02T10:00:00Z","resolved_at":"2026-03-02T11:00:00Z","region":"north"})"
    "\n"
    R"({"id":"i2","customer_id":"c2","channel":"phone","created_at":"2026-03-20T10:00:00Z","region":"north"})"
    "\n"
    R"({"id":"i3","customer_id":"c3","channel":"chat","created_at":"2026-04-03T10:00:00Z","region":"south"})"
    "\n"
    R"({"id":"i4","customer_id":"c4","channel":"email","created_at":"2026-04-05T10:00:00Z","region":null})"
    "\n";

ReportSpec spring_spec(const std::vector<std::string>& by) {
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-05-01T00:00:00Z");
  for (const auto& b : by) spec.groupings.push_back(parse_grouping(b, {"region"}));
  return spec;
}

void check_by_region(const Report& r) {
  // `region` in `by` and `key` under its configured name; the null key first.
  REQUIRE(r.groups.size() == 4);
  CHECK(to_string(r.groups[1].by) == "region");
  CHECK(r.groups[1].key == std::vector<std::optional<std::string>>{std::nullopt});
  const Group* north = find(r, "region", {"north"});
  REQUIRE(north != nullptr);
  CHECK(north->metrics.volume.count == 2);    // i1, i2
  CHECK(north->metrics.volume.resolved == 1);  // i1
  CHECK(*north->metrics.volume.backlog == 1);  // i2 is open at as_of
  const Group* south = find(r, "region", {"south"});
  REQUIRE(south != nullptr);
  CHECK(south->metrics.volume.count == 1);  // i3
  CHECK(find(r, "region", {std::nullopt})->metrics.volume.count == 1);  // i4: an empty field is absent
}

}  // namespace

TEST_CASE("A custom dimension is read from a CSV column and groups like a built-in one", "[custom]") {
  const auto l = load({"region"}, {{RecordType::interaction, interactions_csv, FileFormat::csv}});
  CHECK(l->loader.counts(RecordType::interaction).accepted == 4);
  check_by_region(compute_report(l->data, spring_spec({"region"})));
}

TEST_CASE("A custom dimension is read from a JSON Lines member (null is absent)", "[custom]") {
  const auto l = load({"region"}, {{RecordType::interaction, interactions_jsonl, FileFormat::jsonl}});
  check_by_region(compute_report(l->data, spring_spec({"region"})));
  // CSV and JSON Lines give the same report.
  const auto csv = load({"region"}, {{RecordType::interaction, interactions_csv, FileFormat::csv}});
  CHECK(json_of(compute_report(l->data, spring_spec({"region", "region,month"}))) ==
        json_of(compute_report(csv->data, spring_spec({"region", "region,month"}))));
}

TEST_CASE("Without the configuration, a region column is an unknown column", "[custom]") {
  const auto l = load({}, {{RecordType::interaction, interactions_csv, FileFormat::csv}});
  CHECK(l->data.custom_dimensions().empty());
  CHECK_THROWS_WITH(parse_grouping("region"), Catch::Contains("unknown grouping 'region'"));
  // A grouping naming a custom dimension the data set lacks is refused by the engine.
  CHECK_THROWS_WITH(compute_report(l->data, spring_spec({"region"})),
                    Catch::Contains("custom dimension region") && Catch::Contains("none"));
}

TEST_CASE("A custom dimension crossed with month", "[custom]") {
  const auto l = load({"region"}, {{RecordType::interaction, interactions_csv, FileFormat::csv}});
  const Report r = compute_report(l->data, spring_spec({"region,month", "month,region"}));
  // region,month: (null, 2026-04) i4; (north, 2026-03) i1 i2; (south, 2026-04) i3 — in key order.
  REQUIRE(r.groups.size() == 7);
  CHECK(r.groups[1].key == std::vector<std::optional<std::string>>{std::nullopt, "2026-04"});
  CHECK(r.groups[2].key == std::vector<std::optional<std::string>>{"north", "2026-03"});
  CHECK(r.groups[3].key == std::vector<std::optional<std::string>>{"south", "2026-04"});
  CHECK(r.groups[2].metrics.volume.count == 2);
  CHECK(*r.groups[2].metrics.volume.backlog == 1);  // i2, open at the bucket's end (2026-04-01)
  CHECK(*r.groups[2].metrics.volume.share == Approx(0.5));  // 2/4 (a fraction in the C++ API)
  // month,region: months first.
  CHECK(r.groups[4].key == std::vector<std::optional<std::string>>{"2026-03", "north"});
  CHECK(r.groups[5].key == std::vector<std::optional<std::string>>{"2026-04", std::nullopt});
}

TEST_CASE("A linked survey inherits a custom dimension; an explicit value wins", "[custom]") {
  const char* surveys =
      "id,kind,score,responded_at,interaction_id,region\n"
      "s1,nps,10,2026-03-03T10:00:00Z,i1,\n"       // inherits north from i1
      "s2,nps,0,2026-04-04T10:00:00Z,i3,west\n"    // explicit west wins over i3's south
      "s3,nps,8,2026-04-06T10:00:00Z,,\n"          // no link, no region: null
      "s4,nps,9,2026-04-06T11:00:00Z,unknown,\n";  // an unknown link inherits nothing: null
  const auto l = load({"region"}, {{RecordType::interaction, interactions_csv, FileFormat::csv},
                                   {RecordType::survey, surveys, FileFormat::csv}});
  const Report r = compute_report(l->data, spring_spec({"region"}));
  CHECK(find(r, "region", {"north"})->metrics.nps.responses() == 1);
  CHECK(*find(r, "region", {"north"})->metrics.nps.score == Approx(100.0));  // one promoter
  CHECK(*find(r, "region", {"west"})->metrics.nps.score == Approx(-100.0));  // one detractor
  CHECK(find(r, "region", {"west"})->metrics.volume.count == 0);             // a survey-only group
  CHECK(find(r, "region", {"south"})->metrics.nps.responses() == 0);
  const auto& none = find(r, "region", {std::nullopt})->metrics.nps;
  CHECK(none.responses() == 2);                // s3 (passive), s4 (promoter)
  CHECK(*none.score == Approx(50.0));          // 100·(1 − 0)/2
}

TEST_CASE("Churn by segment counts each customer in the segment of its latest event", "[custom][customers]") {
  // Period March 2026. Segment at an instant = the value on the customer's latest event before
  // it that carries one (an event without a value keeps the previous one).
  //   k1 start 01-10 smb, cancel 03-15 smb        → S smb, not in E: lost in smb; a cancel in smb
  //   k2 start 01-05 smb, renew 02-20 enterprise  → S and E enterprise
  //   k3 start 02-01 enterprise, purchase 03-10 (no segment: stays enterprise) → S, E enterprise
  //   k4 start 03-05 smb                          → N and E smb
  //   k5 start 02-10 smb, renew 03-20 enterprise  → S smb, E enterprise (not lost); a renewal in enterprise
  //   k6 start 02-15 (no segment), renew 03-25    → S, E null; a renewal in null
  const char* customers =
      "customer_id,type,at,segment\n"
      "k1,start,2026-01-10T00:00:00Z,smb\n"
      "k1,cancel,2026-03-15T00:00:00Z,smb\n"
      "k2,start,2026-01-05T00:00:00Z,smb\n"
      "k2,renew,2026-02-20T00:00:00Z,enterprise\n"
      "k3,start,2026-02-01T00:00:00Z,enterprise\n"
      "k3,purchase,2026-03-10T00:00:00Z,\n"
      "k4,start,2026-03-05T00:00:00Z,smb\n"
      "k5,start,2026-02-10T00:00:00Z,smb\n"
      "k5,renew,2026-03-20T00:00:00Z,enterprise\n"
      "k6,start,2026-02-15T00:00:00Z,\n"
      "k6,renew,2026-03-25T00:00:00Z,\n";
  const auto l = load({"segment"}, {{RecordType::customer_event, customers, FileFormat::csv}});
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-04-01T00:00:00Z");
  spec.groupings = {parse_grouping("segment", {"segment"}), parse_grouping("segment,month", {"segment"})};
  const Report r = compute_report(l->data, spec);

  const auto& smb = *find(r, "segment", {"smb"})->metrics.customers;
  CHECK(smb.start == 2);               // k1, k5
  CHECK(smb.end == 1);                 // k4
  CHECK(smb.lost == 1);                // k1
  CHECK(smb.new_customers == 1);       // k4
  CHECK(*smb.churn_rate == Approx(0.5));      // 1/2
  CHECK(*smb.retention_rate == Approx(0.0));  // (1 − 1)/2
  CHECK(smb.cancels == 1);
  CHECK(*smb.renewal_rate == Approx(0.0));  // 0/(0 + 1)

  const auto& ent = *find(r, "segment", {"enterprise"})->metrics.customers;
  CHECK(ent.start == 2);  // k2, k3
  CHECK(ent.end == 3);    // k2, k3, k5
  CHECK(ent.lost == 0);
  CHECK(*ent.churn_rate == Approx(0.0));
  CHECK(*ent.retention_rate == Approx(1.5));  // (3 − 0)/2
  CHECK(ent.renewals == 1);                   // k5's renew carries enterprise

  const auto& none = *find(r, "segment", {std::nullopt})->metrics.customers;
  CHECK(none.start == 1);  // k6
  CHECK(none.end == 1);
  CHECK(none.renewals == 1);

  // The segments add up to the overall figures: S 5, E 5, lost 1, N 1.
  const auto& all = *r.overall().metrics.customers;
  CHECK(all.start == smb.start + ent.start + none.start);
  CHECK(all.end == smb.end + ent.end + none.end);
  CHECK(all.lost == 1);
  CHECK(all.new_customers == 1);
  // One month: segment,month gives the same figures.
  CHECK(find(r, "segment,month", {"smb", "2026-03"})->metrics.customers->lost == 1);
  CHECK(find(r, "segment,month", {"enterprise", "2026-03"})->metrics.customers->end == 3);
}

TEST_CASE("An unknown --by name names the built-in and the configured dimensions", "[custom]") {
  CHECK_THROWS_WITH(parse_grouping("segmant,month", {"region", "segment"}),
                    Catch::Contains("unknown grouping 'segmant'") &&
                        Catch::Contains("department, region, segment") && Catch::Contains("hour_of_week"));
  CHECK_THROWS_WITH(parse_grouping("region,region", {"region"}), Catch::Contains("repeats 'region'"));
  const Grouping g = parse_grouping("region, month", {"region"});
  REQUIRE(g.size() == 2);
  CHECK(std::holds_alternative<CustomDimension>(g[0]));
  CHECK(to_string(g) == "region,month");
}

TEST_CASE("Config dimensions: a name colliding with a field, dimension or bucket is refused", "[custom][config]") {
  CHECK(parse_config(R"({"dimensions": ["region", "payment method"]})").dimensions ==
        std::vector<std::string>{"region", "payment method"});
  const auto refused = [](const char* json, const char* what) {
    INFO(json);
    CHECK_THROWS_WITH(parse_config(json), Catch::Contains("dimensions[") && Catch::Contains(what));
  };
  refused(R"({"dimensions": ["channel"]})", "built-in dimension");
  refused(R"({"dimensions": ["agent"]})", "built-in dimension");
  refused(R"({"dimensions": ["month"]})", "time bucket");
  refused(R"({"dimensions": ["created_at"]})", "field of interactions");
  refused(R"({"dimensions": ["agent_id"]})", "field");
  refused(R"({"dimensions": ["mrr"]})", "field of customer_events");
  refused(R"({"dimensions": ["record"]})", "mixed file");
  refused(R"({"dimensions": ["region", "region"]})", "twice");
  refused(R"({"dimensions": [""]})", "needs a name");
  CHECK_THROWS_WITH(parse_config(R"({"dimensions": "region"})"), Catch::Contains("must be an array"));
  CHECK_THROWS_WITH(parse_config(R"({"dimensions": ["a","b","c","d","e","f","g","h","i"]})"),
                    Catch::Contains("at most 8"));
  // Targets may name a custom dimension in `where`.
  CHECK(parse_config(R"({"dimensions": ["region"], "targets": [{"metric": "nps.score", "min": 0,
                         "where": {"region": "north"}}]})")
            .metrics.targets.size() == 1);
  CHECK_THROWS_AS(Dataset({"region", "region"}), Error);
}

TEST_CASE("Custom dimensions load and report identically for every chunk size and thread count", "[custom][threads]") {
  std::string csv = "id,customer_id,channel,created_at,region,segment\n";
  std::string customers = "customer_id,type,at,segment\n";
  for (int i = 0; i < 300; ++i) {
    csv += "i" + std::to_string(i) + ",c" + std::to_string(i % 37) + ",chat,2026-03-" +
           std::to_string(1 + i % 28) + "T10:00:00Z," + (i % 5 == 0 ? "" : i % 2 ? "north" : "south") + "," +
           (i % 3 ? "smb" : "\"big, co\"") + "\n";
    customers += "c" + std::to_string(i % 37) + "," + (i % 4 == 3 ? "cancel" : "start") + ",2026-0" +
                 std::to_string(2 + i % 2) + "-" + std::to_string(10 + i % 15) + "T00:00:00Z," +
                 (i % 7 == 0 ? "" : i % 2 ? "smb" : "mid") + "\n";
  }
  ReportSpec spec;
  spec.from = at("2026-03-01T00:00:00Z");
  spec.to = at("2026-04-01T00:00:00Z");
  for (const char* by : {"region", "segment,week", "region,segment"}) {
    spec.groupings.push_back(parse_grouping(by, {"region", "segment"}));
  }
  const auto sequential = [&] {
    LoadOptions o;
    o.chunk_bytes = 0;
    return load({"region", "segment"}, {{RecordType::interaction, csv, FileFormat::csv},
                                        {RecordType::customer_event, customers, FileFormat::csv}},
                o);
  }();
  const std::string expected = json_of(compute_report(sequential->data, spec));
  for (const unsigned threads : {1u, 3u}) {
    LoadOptions o;
    o.chunk_bytes = 97;
    o.threads = threads;
    const auto chunked = load({"region", "segment"}, {{RecordType::interaction, csv, FileFormat::csv},
                                                      {RecordType::customer_event, customers, FileFormat::csv}},
                              o);
    INFO(threads << " loader threads");
    CHECK(json_of(compute_report(chunked->data, spec, ComputeOptions{threads})) == expected);
  }
}

TEST_CASE("Config columns may map a custom dimension to the export's column name", "[custom][mapping]") {
  // The export calls it Region; the config maps region → Region (interactions) and gives surveys
  // a constant. A mapping of a name that is no field and no custom dimension stays an error.
  LoadOptions o;
  o.mapping.columns[static_cast<std::size_t>(RecordType::interaction)]["region"] = FieldSource{"Region", std::nullopt};
  o.mapping.columns[static_cast<std::size_t>(RecordType::survey)]["region"] = FieldSource{{}, std::string{"hq"}};
  const auto l = load({"region"},
                      {{RecordType::interaction,
                        "id,customer_id,channel,created_at,Region\n"
                        "i1,c1,chat,2026-03-02T10:00:00Z,north\n"
                        "i2,c2,chat,2026-03-03T10:00:00Z,\n",
                        FileFormat::csv},
                       {RecordType::survey, R"({"id":"s1","kind":"nps","score":9,"responded_at":"2026-03-04T10:00:00Z","interaction_id":"i1"})" "\n",
                        FileFormat::jsonl}},
                      o);
  ReportSpec spec;
  spec.groupings = {parse_grouping("region", {"region"})};
  const Report r = compute_report(l->data, spec);
  CHECK(find(r, "region", {"north"})->metrics.volume.count == 1);
  CHECK(find(r, "region", {std::nullopt})->metrics.volume.count == 1);
  CHECK(find(r, "region", {"hq"})->metrics.nps.responses() == 1);  // the constant is explicit: it wins over north
  InputMapping bad;
  bad.columns[static_cast<std::size_t>(RecordType::interaction)]["segment"] = FieldSource{"Segment", std::nullopt};
  CHECK_THROWS_WITH(validate(bad, {"region"}), Catch::Contains("columns.interactions.segment"));
  CHECK_NOTHROW(validate(bad, {"segment"}));
  CHECK(parse_config(R"({"dimensions": ["region"], "columns": {"surveys": {"region": "Region"}}})")
            .input.columns[static_cast<std::size_t>(RecordType::survey)]
            .count("region") == 1);
  CHECK_THROWS_WITH(parse_config(R"({"columns": {"surveys": {"region": "Region"}}})"),
                    Catch::Contains("columns.surveys.region"));
}
