#include "cskpi/report/config_file.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "cskpi/calendar/time_bucket.hpp"
#include "cskpi/error.hpp"
#include "io/record_fields.hpp"
#include "cskpi/io/instant_format.hpp"

namespace cskpi {
namespace {

using Json = nlohmann::json;

/// Walks the document, keeping the key path for messages.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw Error(ErrorCode::invalid_config, source_ + ": " + (path.empty() ? std::string{"the document"} : path) + ": " + what);
  }

  /// An object whose keys must all be in `allowed`.
  const Json& object(const Json& j, const std::string& path, std::initializer_list<const char*> allowed) const {
    if (!j.is_object()) fail(path, "must be an object");
    for (const auto& [key, value] : j.items()) {
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) fail(join(path, key), "unknown key");
    }
    return j;
  }

  std::string string(const Json& j, const std::string& path) const {
    if (!j.is_string()) fail(path, "must be a string");
    return j.get<std::string>();
  }

  double number(const Json& j, const std::string& path) const {
    if (!j.is_number()) fail(path, "must be a number");
    const double v = j.get<double>();
    if (!std::isfinite(v)) fail(path, "must be finite");
    return v;
  }

  int integer(const Json& j, const std::string& path) const {
    const double v = number(j, path);
    if (v != std::floor(v) || std::abs(v) > 1e6) fail(path, "must be a whole number");
    return static_cast<int>(v);
  }

  /// Seconds ≥ 0 (or > 0) as milliseconds.
  Milliseconds seconds(const Json& j, const std::string& path, bool positive = false) const {
    const double v = number(j, path);
    if (v < 0 || (positive && v == 0)) fail(path, positive ? "must be greater than 0" : "must be 0 or more");
    if (v > 1e12) fail(path, "is too large");
    return Milliseconds{std::llround(v * 1000.0)};
  }

  TimePoint instant(const Json& j, const std::string& path) const {
    const InstantParse p = parse_instant(string(j, path));
    if (!p.value) fail(path, std::string{"is not an instant with an offset ("} + to_string(p.error) + ")");
    return *p.value;
  }

  static std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
  static std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

 private:
  std::string source_;
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<InstantRange> ranges(const Reader& r, const Json& j, const std::string& path) {
  if (!j.is_array()) r.fail(path, "must be an array of {\"from\", \"to\"} objects");
  std::vector<InstantRange> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string p = Reader::index(path, i);
    const Json& o = r.object(j[i], p, {"from", "to"});
    if (!o.contains("from") || !o.contains("to")) r.fail(p, "needs \"from\" and \"to\"");
    out.push_back(InstantRange{r.instant(o["from"], p + ".from"), r.instant(o["to"], p + ".to")});
  }
  return out;
}

BusinessCalendarSpec calendar(const Reader& r, const Json& j, const std::string& path) {
  r.object(j, path, {"time_zone", "weekly", "holidays", "closed", "open"});
  BusinessCalendarSpec spec;
  if (!j.contains("time_zone")) r.fail(path, "needs \"time_zone\"");
  spec.time_zone = r.string(j["time_zone"], path + ".time_zone");
  static const char* const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (j.contains("weekly")) {
    const std::string wp = path + ".weekly";
    r.object(j["weekly"], wp, {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
    for (std::size_t d = 0; d < 7; ++d) {
      if (!j["weekly"].contains(days[d])) continue;
      const std::string dp = wp + "." + days[d];
      const Json& intervals = j["weekly"][days[d]];
      if (!intervals.is_array()) r.fail(dp, "must be an array of [\"HH:MM\", \"HH:MM\"] pairs");
      for (std::size_t i = 0; i < intervals.size(); ++i) {
        const std::string ip = Reader::index(dp, i);
        const Json& pair = intervals[i];
        if (!pair.is_array() || pair.size() != 2) r.fail(ip, "must be a pair [\"HH:MM\", \"HH:MM\"]");
        const auto begin = parse_time_of_day(r.string(pair[0], ip + "[0]"));
        const auto end = parse_time_of_day(r.string(pair[1], ip + "[1]"));
        if (!begin) r.fail(ip + "[0]", "is not a time of day HH:MM");
        if (!end) r.fail(ip + "[1]", "is not a time of day HH:MM");
        spec.weekly[d].push_back(OpeningInterval{*begin, *end});
      }
    }
  }
  if (j.contains("holidays")) {
    const Json& h = j["holidays"];
    if (!h.is_array()) r.fail(path + ".holidays", "must be an array of YYYY-MM-DD dates");
    for (std::size_t i = 0; i < h.size(); ++i) {
      const std::string hp = Reader::index(path + ".holidays", i);
      const auto date = parse_calendar_date(r.string(h[i], hp));
      if (!date) r.fail(hp, "is not a date YYYY-MM-DD");
      spec.holidays.push_back(*date);
    }
  }
  if (j.contains("closed")) spec.closed = ranges(r, j["closed"], path + ".closed");
  if (j.contains("open")) spec.open = ranges(r, j["open"], path + ".open");
  try {
    (void)BusinessCalendar{spec};  // validates intervals, zone and open time
  } catch (const Error& e) {
    r.fail(path, e.what());
  }
  return spec;
}

SlaPolicy sla_policy(const Reader& r, const Json& j, const std::string& path,
                     const std::map<std::string, BusinessCalendarSpec>& calendars) {
  r.object(j, path, {"first_response_s", "resolution_s", "calendar", "paused"});
  SlaPolicy policy;
  if (j.contains("first_response_s")) policy.first_response = r.seconds(j["first_response_s"], path + ".first_response_s");
  if (j.contains("resolution_s")) policy.resolution = r.seconds(j["resolution_s"], path + ".resolution_s");
  if (j.contains("calendar")) {
    policy.calendar = r.string(j["calendar"], path + ".calendar");
    if (calendars.count(*policy.calendar) == 0) r.fail(path + ".calendar", "names no calendar of \"calendars\"");
  }
  if (j.contains("paused")) {
    const Json& p = j["paused"];
    if (!p.is_array()) r.fail(path + ".paused", "must be an array of statuses");
    policy.paused.clear();
    for (std::size_t i = 0; i < p.size(); ++i) {
      const std::string sp = Reader::index(path + ".paused", i);
      const std::string name = lower(r.string(p[i], sp));
      std::optional<TicketStatus> status;
      for (const TicketStatus s : {TicketStatus::new_, TicketStatus::open, TicketStatus::pending, TicketStatus::on_hold,
                                   TicketStatus::solved, TicketStatus::closed}) {
        if (to_string(s) == name) status = s;
      }
      if (!status) r.fail(sp, "is not one of new, open, pending, on_hold, solved, closed");
      policy.paused.push_back(*status);
    }
  }
  return policy;
}

ScoreScale scale(const Reader& r, const Json& j, const std::string& path, ScoreScale scale) {
  if (j.contains("min")) scale.min = r.integer(j["min"], path + ".min");
  if (j.contains("max")) scale.max = r.integer(j["max"], path + ".max");
  if (scale.min >= scale.max) r.fail(path, "min must be below max");
  if (scale.min < -1000 || scale.max > 1000) r.fail(path, "must lie within -1000..1000");
  return scale;
}

void scales(const Reader& r, const Json& j, const std::string& path, MetricConfig& m) {
  r.object(j, path, {"csat", "ces"});
  if (j.contains("csat")) {
    const std::string p = path + ".csat";
    r.object(j["csat"], p, {"min", "max", "satisfied_from"});
    m.csat.scale = scale(r, j["csat"], p, m.csat.scale);
    if (j["csat"].contains("satisfied_from")) m.csat.satisfied_from = r.integer(j["csat"]["satisfied_from"], p + ".satisfied_from");
    try {
      (void)CsatAccumulator{m.csat};
    } catch (const Error& e) {
      r.fail(p, e.what());
    }
  }
  if (j.contains("ces")) {
    const std::string p = path + ".ces";
    r.object(j["ces"], p, {"min", "max", "easy_from"});
    m.ces.scale = scale(r, j["ces"], p, m.ces.scale);
    if (j["ces"].contains("easy_from")) m.ces.easy_from = r.integer(j["ces"]["easy_from"], p + ".easy_from");
    try {
      (void)CesAccumulator{m.ces};
    } catch (const Error& e) {
      r.fail(p, e.what());
    }
  }
}

// Custom dimensions: distinct names that are no field, built-in dimension or time bucket.
std::vector<std::string> dimensions(const Reader& r, const Json& j, const std::string& path) {
  if (!j.is_array()) r.fail(path, "must be an array of names, e.g. [\"region\", \"segment\"]");
  if (j.size() > max_custom_dimensions) {
    r.fail(path, "names " + std::to_string(j.size()) + " dimensions; at most " +
                     std::to_string(max_custom_dimensions) + " are supported");
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string p = Reader::index(path, i);
    std::string name = r.string(j[i], p);
    if (const auto problem = detail::custom_dimension_problem(name)) r.fail(p, *problem + ": choose another name");
    if (std::find(out.begin(), out.end(), name) != out.end()) r.fail(p, name + " is named twice");
    out.push_back(std::move(name));
  }
  return out;
}

// A target's `baseline` (SPEC v3 §3): "previous", with an optional `improve`, instead of min/max.
void target_baseline(const Reader& r, const Json& j, const std::string& path, TargetSpec& t) {
  if (j.contains("improve") && !j.contains("baseline")) r.fail(path + ".improve", "needs \"baseline\": \"previous\"");
  if (!j.contains("baseline")) return;
  if (r.string(j["baseline"], path + ".baseline") != "previous") {
    r.fail(path + ".baseline", "must be \"previous\" (the same group in the previous period of equal length)");
  }
  if (t.min || t.max) r.fail(path, "takes \"baseline\" or \"min\"/\"max\", not both");
  t.baseline = TargetBaseline::previous;
  if (j.contains("improve")) t.improve = r.number(j["improve"], path + ".improve");
}

std::vector<TargetSpec> targets(const Reader& r, const Json& j, const std::string& path,
                                const std::vector<std::string>& custom) {
  if (!j.is_array()) r.fail(path, "must be an array of targets");
  std::vector<TargetSpec> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string p = Reader::index(path, i);
    r.object(j[i], p, {"metric", "min", "max", "where", "baseline", "improve"});
    TargetSpec t;
    if (!j[i].contains("metric")) r.fail(p, "needs \"metric\"");
    t.metric = r.string(j[i]["metric"], p + ".metric");
    if (t.metric.find('.') == std::string::npos) r.fail(p + ".metric", "must name a metric field, e.g. csat.score");
    if (j[i].contains("min")) t.min = r.number(j[i]["min"], p + ".min");
    if (j[i].contains("max")) t.max = r.number(j[i]["max"], p + ".max");
    target_baseline(r, j[i], p, t);
    if (!t.min && !t.max && !t.baseline) r.fail(p, "needs \"min\", \"max\" or \"baseline\"");
    if (j[i].contains("where")) {
      const Json& w = j[i]["where"];
      const std::string wp = p + ".where";
      if (!w.is_object()) r.fail(wp, "must be an object of dimension: value");
      for (const auto& [dim, value] : w.items()) {
        const std::string dp = Reader::join(wp, dim);
        const bool known = parse_dimension(dim) || std::find(custom.begin(), custom.end(), dim) != custom.end();
        if (!known) r.fail(dp, "is not a dimension");
        t.where[dim] = r.string(value, dp);
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

// `columns` (SPEC §8): per record type, cskpi field → the file's column name or {"const": value}.
void columns(const Reader& r, const Json& j, InputMapping& input, const std::vector<std::string>& custom) {
  if (!j.is_object()) r.fail("columns", "must be an object of record type: {field: column}");
  for (const auto& [type_name, fields] : j.items()) {
    const std::string tp = Reader::join("columns", type_name);
    std::optional<RecordType> type;
    for (std::size_t t = 0; t < record_type_count; ++t) {
      if (plural(static_cast<RecordType>(t)) == type_name) type = static_cast<RecordType>(t);
    }
    if (!type) {
      r.fail(tp, "unknown key (a record type: interactions, interaction_events, surveys, customer_events, "
                 "agent_events)");
    }
    if (!fields.is_object()) r.fail(tp, "must be an object of field: column name");
    FieldMapping& mapping = input.columns[static_cast<std::size_t>(*type)];
    std::map<std::string, std::string> field_of_column;
    for (const auto& [field, source] : fields.items()) {
      const std::string fp = Reader::join(tp, field);
      const bool is_custom =
          detail::carries_custom(*type) && std::find(custom.begin(), custom.end(), field) != custom.end();
      if (!is_input_field(*type, field) && !is_custom) {
        std::vector<std::string> names;
        for (const std::string_view n : input_field_names(*type)) names.emplace_back(n);
        const auto near = closest_name(field, names);
        r.fail(fp, "unknown key (not a field of " + type_name + (near ? "; did you mean " + *near + "?" : "") + ")");
      }
      FieldSource out;
      if (source.is_string()) {
        out.column = source.get<std::string>();
        if (out.column.empty()) r.fail(fp, "must not be empty");
        const auto [it, fresh] = field_of_column.emplace(out.column, field);
        if (!fresh) r.fail(fp, "the column \"" + out.column + "\" already feeds " + it->second);
      } else if (source.is_object()) {
        r.object(source, fp, {"const"});
        if (!source.contains("const")) r.fail(fp, "needs \"const\"");
        const Json& c = source["const"];
        if (c.is_string()) {
          out.constant = c.get<std::string>();
        } else if (c.is_number() || c.is_boolean()) {
          out.constant = c.dump();
        } else {
          r.fail(fp + ".const", "must be a string, a number or a boolean");
        }
      } else {
        r.fail(fp, "must be a column name or {\"const\": value}");
      }
      mapping[field] = std::move(out);
    }
  }
}

// `csv` (SPEC §8): delimiter, encoding, instant_format.
void csv(const Reader& r, const Json& j, InputMapping& input) {
  r.object(j, "csv", {"delimiter", "encoding", "instant_format"});
  if (j.contains("delimiter")) {
    input.delimiter = parse_delimiter(r.string(j["delimiter"], "csv.delimiter"));
    if (!input.delimiter) {
      r.fail("csv.delimiter", "must be one character other than a quote, a space or a line end (\"\\t\" for TAB)");
    }
  }
  if (j.contains("encoding")) {
    input.encoding = parse_input_encoding(r.string(j["encoding"], "csv.encoding"));
    if (!input.encoding) r.fail("csv.encoding", "must be utf-8, utf-16, latin-1 or windows-1252");
  }
  if (j.contains("instant_format")) {
    input.instant_format = r.string(j["instant_format"], "csv.instant_format");
    try {
      (void)InstantFormat{*input.instant_format};
    } catch (const Error& e) {
      r.fail("csv.instant_format", e.what());
    }
  }
}

}  // namespace

ConfigFile parse_config(std::string_view json_text, const std::string& source) {
  const Reader r(source);
  Json doc;
  try {
    doc = Json::parse(json_text.begin(), json_text.end());
  } catch (const Json::parse_error& e) {
    r.fail("", std::string{"is not valid JSON: "} + e.what());
  } catch (const Json::out_of_range& e) {  // a number beyond a double's range (1e400)
    r.fail("", std::string{"holds a number out of range: "} + e.what());
  }
  r.object(doc, "", {"time_zone", "attribution", "calendars", "business_calendar", "sla", "fcr", "queue", "scales",
                     "targets", "staffing", "input_time_zone", "columns", "csv", "dimensions"});
  ConfigFile config;
  MetricConfig& m = config.metrics;
  if (doc.contains("time_zone")) {
    config.time_zone = r.string(doc["time_zone"], "time_zone");
    try {
      (void)ZoneBuckets{*config.time_zone};
    } catch (const Error& e) {
      r.fail("time_zone", e.what());
    }
  }
  if (doc.contains("input_time_zone")) {
    config.input.input_time_zone = r.string(doc["input_time_zone"], "input_time_zone");
    try {
      (void)ZoneBuckets{*config.input.input_time_zone};
    } catch (const Error& e) {
      r.fail("input_time_zone", e.what());
    }
  }
  // Custom dimensions first: `columns` and `targets` may name them.
  if (doc.contains("dimensions")) config.dimensions = dimensions(r, doc["dimensions"], "dimensions");
  if (doc.contains("columns")) columns(r, doc["columns"], config.input, config.dimensions);
  if (doc.contains("csv")) csv(r, doc["csv"], config.input);
  if (doc.contains("attribution")) {
    const std::string a = lower(r.string(doc["attribution"], "attribution"));
    if (a == "created") {
      m.attribution = Attribution::created;
    } else if (a == "event") {
      m.attribution = Attribution::event;
    } else {
      r.fail("attribution", "must be \"created\" or \"event\"");
    }
  }
  if (doc.contains("calendars")) {
    const Json& c = doc["calendars"];
    if (!c.is_object()) r.fail("calendars", "must be an object of name: calendar");
    for (const auto& [name, value] : c.items()) m.calendars[name] = calendar(r, value, "calendars." + name);
  }
  if (doc.contains("business_calendar")) {
    m.business_calendar = r.string(doc["business_calendar"], "business_calendar");
    if (m.calendars.count(*m.business_calendar) == 0) r.fail("business_calendar", "names no calendar of \"calendars\"");
  }
  if (doc.contains("sla")) {
    const Json& s = doc["sla"];
    if (!s.is_object()) r.fail("sla", "must be an object of priority: policy");
    for (const auto& [name, value] : s.items()) {
      std::optional<Priority> priority;
      for (const Priority p : {Priority::low, Priority::normal, Priority::high, Priority::urgent}) {
        if (to_string(p) == lower(name)) priority = p;
      }
      if (!priority) r.fail("sla." + name, "is not a priority (low, normal, high, urgent)");
      m.sla[*priority] = sla_policy(r, value, "sla." + name, m.calendars);
    }
  }
  if (doc.contains("fcr")) {
    const Json& f = r.object(doc["fcr"], "fcr", {"method", "window_s"});
    if (f.contains("method")) {
      const auto method = parse_fcr_method(lower(r.string(f["method"], "fcr.method")));
      if (!method) r.fail("fcr.method", "must be \"contacts\" or \"repeat_window\"");
      m.fcr_method = *method;
    }
    if (f.contains("window_s")) m.fcr_window = r.seconds(f["window_s"], "fcr.window_s", true);
  }
  if (doc.contains("queue")) {
    const Json& q = r.object(doc["queue"], "queue", {"threshold_s", "short_abandon_s", "mode"});
    if (q.contains("threshold_s")) m.queue.threshold = r.seconds(q["threshold_s"], "queue.threshold_s");
    if (q.contains("short_abandon_s")) m.queue.short_abandon = r.seconds(q["short_abandon_s"], "queue.short_abandon_s");
    if (q.contains("mode")) {
      std::optional<QueueMode> mode;
      const std::string wanted = lower(r.string(q["mode"], "queue.mode"));
      for (const QueueMode candidate : {QueueMode::offered, QueueMode::answered, QueueMode::abandon_within_T_good}) {
        if (lower(std::string{to_string(candidate)}) == wanted) mode = candidate;
      }
      if (!mode) r.fail("queue.mode", "must be \"offered\", \"answered\" or \"abandon_within_T_good\"");
      m.queue.mode = *mode;
    }
  }
  if (doc.contains("scales")) scales(r, doc["scales"], "scales", m);
  if (doc.contains("targets")) m.targets = targets(r, doc["targets"], "targets", config.dimensions);
  if (doc.contains("staffing")) {
    const Json& st = r.object(doc["staffing"], "staffing", {"service_level", "asa_target_s", "max_occupancy", "shrinkage"});
    if (st.contains("service_level")) {
      m.staffing.service_level = r.number(st["service_level"], "staffing.service_level");
      if (!(m.staffing.service_level > 0 && m.staffing.service_level < 1)) {
        r.fail("staffing.service_level", "must be a fraction between 0 and 1 (exclusive)");
      }
    }
    if (st.contains("asa_target_s")) m.staffing.asa_target = r.seconds(st["asa_target_s"], "staffing.asa_target_s", true);
    if (st.contains("max_occupancy")) {
      m.staffing.max_occupancy = r.number(st["max_occupancy"], "staffing.max_occupancy");
      if (!(*m.staffing.max_occupancy > 0 && *m.staffing.max_occupancy <= 1)) {
        r.fail("staffing.max_occupancy", "must be a fraction in (0, 1]");
      }
    }
    if (st.contains("shrinkage")) {
      m.staffing.shrinkage = r.number(st["shrinkage"], "staffing.shrinkage");
      if (!(m.staffing.shrinkage >= 0 && m.staffing.shrinkage < 1)) r.fail("staffing.shrinkage", "must be a fraction in [0, 1)");
    }
  }
  return config;
}

}  // namespace cskpi
