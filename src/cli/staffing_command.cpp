#include "cli/staffing_command.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>

#include "cskpi/error.hpp"
#include "cskpi/metrics/erlang_c.hpp"

namespace cskpi::cli {
namespace {

constexpr int exit_usage = 1;

/// Durations and counts past this are refused: far beyond use, and safe to convert to milliseconds.
constexpr double max_quantity = 1e9;

/// A usage problem: message on stderr, exit status 1.
struct UsageError {
  std::string message;
};

/// Everything the library needs, validated and converted.
struct Staffing {
  ErlangCInput input;
  StaffingTarget target;
  double target_percent = 0;  // as typed, echoed without the rounding of 100 × fraction
};

Milliseconds milliseconds(double seconds) {
  return Milliseconds{static_cast<Milliseconds::rep>(std::llround(seconds * 1000.0))};
}

double positive(const char* name, double v, const char* unit) {
  if (!std::isfinite(v) || v <= 0 || v > max_quantity) {
    throw UsageError{fmt::format("{} {} must be a number of {} above 0 (at most 1e9)", name, v, unit)};
  }
  return v;
}

std::optional<double> number_prefix(std::string_view& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return v;
}

/// "80/20" (also "80%/20s"): 80 % of calls answered within 20 s.
void parse_target(const std::string& text, Staffing& s) {
  const UsageError bad{
      fmt::format("--target '{}' is not PERCENT/SECONDS, e.g. 80/20 for 80 % answered within 20 s", text)};
  std::string_view rest = text;
  const auto percent = number_prefix(rest);
  if (!percent) throw bad;
  if (!rest.empty() && rest.front() == '%') rest.remove_prefix(1);
  if (rest.empty() || rest.front() != '/') throw bad;
  rest.remove_prefix(1);
  const auto seconds = number_prefix(rest);
  if (!seconds) throw bad;
  if (!rest.empty() && rest.front() == 's') rest.remove_prefix(1);
  if (!rest.empty()) throw bad;
  if (*percent > 0 && *percent <= 1) {
    throw UsageError{fmt::format(
        "--target '{}': the service level is a percent, and {} % is hardly meant; for {} % write {}/{}", text,
        *percent, *percent * 100, *percent * 100, *seconds)};
  }
  if (!(*percent > 0 && *percent < 100)) {
    throw UsageError{
        fmt::format("--target '{}': the service level {} % must be above 0 and below 100", text, *percent)};
  }
  if (!(*seconds >= 0 && *seconds <= max_quantity)) {
    throw UsageError{fmt::format("--target '{}': the answer time {} s must be 0 or more", text, *seconds)};
  }
  s.target_percent = *percent;
  s.target.service_level = *percent / 100.0;
  s.target.answer_within = milliseconds(*seconds);
}

Staffing validate(const StaffingOptions& o) {
  Staffing s;
  if (!std::isfinite(o.calls) || o.calls < 0 || o.calls > 1e15) {
    throw UsageError{fmt::format("--calls {} must be a number of calls, 0 or more", o.calls)};
  }
  s.input.calls = o.calls;
  s.input.interval = milliseconds(positive("--interval-minutes", o.interval_minutes, "minutes") * 60.0);
  s.input.aht = milliseconds(positive("--aht-seconds", o.aht_seconds, "seconds"));
  if (s.input.aht <= Milliseconds::zero()) {
    throw UsageError{fmt::format("--aht-seconds {} is below the 1 ms resolution", o.aht_seconds)};
  }
  parse_target(o.target, s);
  if (!(o.shrinkage >= 0 && o.shrinkage < 1)) {
    throw UsageError{fmt::format("--shrinkage {} must be a fraction from 0 to below 1 (0.3 for 30 %)", o.shrinkage)};
  }
  s.target.shrinkage = o.shrinkage;
  if (o.max_occupancy) {
    if (!(*o.max_occupancy > 0 && *o.max_occupancy <= 1)) {
      throw UsageError{
          fmt::format("--max-occupancy {} must be a fraction above 0 and at most 1 (0.85 for 85 %)", *o.max_occupancy)};
    }
    s.target.max_occupancy = o.max_occupancy;
  }
  if (o.asa_target) {
    s.target.asa_target = milliseconds(positive("--asa-target", *o.asa_target, "seconds"));
    if (*s.target.asa_target <= Milliseconds::zero()) {
      throw UsageError{fmt::format("--asa-target {} is below the 1 ms resolution", *o.asa_target)};
    }
  }
  if (o.format != "text" && o.format != "json" && o.format != "csv") {
    throw UsageError{fmt::format("--format '{}' is not one of text, json, csv", o.format)};
  }
  return s;
}

double seconds_of(Milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

/// A JSON number, or null.
std::string json_number(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : "null"; }

std::string json_percent(const std::optional<double>& fraction) {
  return fraction ? fmt::format("{}", 100.0 * *fraction) : "null";
}

std::string json_seconds(const std::optional<std::chrono::duration<double>>& d) {
  return d ? fmt::format("{}", d->count()) : "null";
}

std::string render_json(const Staffing& s, const StaffingResult& r) {
  const ErlangCResult& e = r.at_required;
  const StaffingTarget& t = s.target;
  const std::optional<double> asa_target =
      t.asa_target ? std::optional<double>{seconds_of(*t.asa_target)} : std::nullopt;
  std::string out = "{\n  \"schema\": \"cskpi.staffing/1\",\n";
  out += fmt::format(
      "  \"input\": {{\"calls\": {}, \"interval_minutes\": {}, \"aht_s\": {}, "
      "\"target\": {{\"service_level\": {}, \"answer_within_s\": {}}}, \"asa_target_s\": {}, "
      "\"max_occupancy\": {}, \"shrinkage\": {}}},\n",
      s.input.calls, seconds_of(s.input.interval) / 60.0, seconds_of(s.input.aht), s.target_percent,
      seconds_of(t.answer_within), json_number(asa_target), json_number(t.max_occupancy), t.shrinkage);
  out += fmt::format("  \"traffic_erlangs\": {},\n  \"agents\": {},\n  \"scheduled\": {},\n", e.traffic,
                     r.required_agents, r.scheduled_agents);
  out += fmt::format(
      "  \"service_level\": {},\n  \"asa_s\": {},\n  \"occupancy\": {},\n  \"probability_wait\": {}\n}}\n",
      json_percent(e.service_level), json_seconds(e.asa), json_percent(e.occupancy), json_percent(e.probability_wait));
  return out;
}

/// One header line and one row, the JSON's fields flattened; empty cells for null.
std::string render_csv(const Staffing& s, const StaffingResult& r) {
  const ErlangCResult& e = r.at_required;
  const StaffingTarget& t = s.target;
  const auto cell = [](const std::string& json) { return json == "null" ? std::string{} : json; };
  const std::string asa_target = t.asa_target ? fmt::format("{}", seconds_of(*t.asa_target)) : std::string{};
  const std::string max_occupancy = t.max_occupancy ? fmt::format("{}", *t.max_occupancy) : std::string{};
  std::string out =
      "calls,interval_minutes,aht_s,target_service_level,target_answer_within_s,asa_target_s,max_occupancy,"
      "shrinkage,traffic_erlangs,agents,scheduled,service_level,asa_s,occupancy,probability_wait\n";
  out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.input.calls,
                     seconds_of(s.input.interval) / 60.0, seconds_of(s.input.aht), s.target_percent,
                     seconds_of(t.answer_within), asa_target, max_occupancy, t.shrinkage, e.traffic, r.required_agents, r.scheduled_agents, cell(json_percent(e.service_level)),
                     cell(json_seconds(e.asa)), cell(json_percent(e.occupancy)), cell(json_percent(e.probability_wait)));
  return out;
}

std::string text_percent(const std::optional<double>& fraction) {
  return fraction ? fmt::format("{:.1f}%", 100.0 * *fraction) : "-";
}

std::string render_text(const Staffing& s, const StaffingResult& r) {
  const ErlangCResult& e = r.at_required;
  const StaffingTarget& t = s.target;
  std::string out = "Staffing (Erlang C)\n";
  const auto row = [&out](std::string_view label, const std::string& value) {
    out += fmt::format("  {:<20}{}\n", label, value);
  };
  row("calls", fmt::format("{} in {} min", s.input.calls, seconds_of(s.input.interval) / 60.0));
  row("AHT", fmt::format("{} s", seconds_of(s.input.aht)));
  row("traffic", fmt::format("{:.3f} Erlangs", e.traffic));
  row("target", fmt::format("{}% answered within {} s", s.target_percent, seconds_of(t.answer_within)));
  if (t.asa_target) row("ASA target", fmt::format("{} s", seconds_of(*t.asa_target)));
  if (t.max_occupancy) row("max occupancy", fmt::format("{:g}%", 100.0 * *t.max_occupancy));
  row("agents", fmt::format("{}", r.required_agents));
  row("scheduled", fmt::format("{} (shrinkage {:g}%)", r.scheduled_agents, 100.0 * t.shrinkage));
  row("service level", text_percent(e.service_level));
  row("ASA", e.asa ? fmt::format("{:.1f} s", e.asa->count()) : "-");
  row("occupancy", text_percent(e.occupancy));
  row("P(wait)", text_percent(e.probability_wait));
  return out;
}

int run(const StaffingOptions& o) {
  const Staffing s = validate(o);
  const StaffingResult r = required_agents(s.input, s.target);
  std::cout << (o.format == "json" ? render_json(s, r) : o.format == "csv" ? render_csv(s, r) : render_text(s, r));
  std::cout.flush();
  return 0;
}

}  // namespace

CLI::App* add_staffing_command(CLI::App& app, StaffingOptions& o) {
  CLI::App* cmd = app.add_subcommand("staffing", "Agents needed for a service-level target (Erlang C)");
  cmd->add_option("--calls", o.calls, "Calls arriving in the interval (a forecast; may be fractional)")
      ->required()
      ->type_name("N");
  cmd->add_option("--interval-minutes", o.interval_minutes, "Length of the interval, minutes")
      ->required()
      ->type_name("M");
  cmd->add_option("--aht-seconds", o.aht_seconds, "Average handle time, seconds")->required()->type_name("S");
  cmd->add_option("--target", o.target, "Service level: PERCENT/SECONDS, e.g. 80/20 = 80 % answered within 20 s")
      ->required()
      ->type_name("P/S");
  cmd->add_option("--shrinkage", o.shrinkage, "Share of paid time off the phones, a fraction (0.3 = 30 %)")
      ->type_name("F");
  cmd->add_option("--max-occupancy", o.max_occupancy, "Occupancy cap, a fraction (0.85 = 85 %)")->type_name("F");
  cmd->add_option("--asa-target", o.asa_target, "Average speed of answer at most this, seconds")->type_name("S");
  cmd->add_option("--format", o.format, "text (default), json or csv")->type_name("FORMAT");
  return cmd;
}

int run_staffing(const StaffingOptions& options) {
  try {
    return run(options);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "cskpi: %s\n", e.message.c_str());
    return exit_usage;
  } catch (const Error& e) {
    std::fprintf(stderr, "cskpi: %s\n", e.what());
    return exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cskpi: internal error: %s\n", e.what());
    return 3;
  }
}

}  // namespace cskpi::cli
