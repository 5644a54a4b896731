#include "state_calls.hpp"

#include <fmt/format.h>

#include <sstream>
#include <utility>

#include "cskpi/error.hpp"
#include "cskpi/render/render.hpp"
#include "cskpi/report/engine.hpp"
#include "cskpi/report/state_file.hpp"
#include "run/report_builder.hpp"

namespace cskpi::python {
namespace {

/// The record type of an input kind; nullopt for `inputs` (mixed files).
std::optional<RecordType> record_type(const std::string& kind) {
  if (kind == "interactions") return RecordType::interaction;
  if (kind == "events") return RecordType::interaction_event;
  if (kind == "surveys") return RecordType::survey;
  if (kind == "customers") return RecordType::customer_event;
  if (kind == "agents") return RecordType::agent_event;
  if (kind == "inputs") return std::nullopt;
  throw Error(ErrorCode::invalid_argument,
              fmt::format("unknown input kind '{}' (interactions, events, surveys, customers, agents, inputs)", kind));
}

std::string source_name(std::size_t i) { return fmt::format("states[{}]", i); }

}  // namespace

std::string partial_state(const std::vector<Option>& options, const std::vector<Input>& inputs) {
  run::ReportBuilder builder;
  for (const auto& [name, value] : options) builder.set(name, value);
  for (const Input& input : inputs) {
    if (input.is_file) {
      builder.add_file(record_type(input.kind), input.text);
    } else {
      builder.push(record_type(input.kind), input.text);
    }
  }
  return builder.compute_state();
}

std::string merge_states(const std::vector<std::string>& states) {
  if (states.empty()) throw Error(ErrorCode::invalid_argument, "no states to merge: give at least one");
  PartialReport merged = read_state(states[0], source_name(0));
  for (std::size_t i = 1; i < states.size(); ++i) {
    PartialReport state = read_state(states[i], source_name(i));
    try {
      merged.merge(std::move(state));  // its samples move, not copied
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("{} cannot be merged with {}: {}", source_name(i),
                                        i == 1 ? source_name(0) : "the states before it", e.what()));
    }
  }
  return write_state(merged);
}

Report finish_state(const std::string& state, unsigned threads) {
  return finish_report(read_state(state, "state"), resolve_threads(threads));
}

std::string render_text(const Report& report, const std::string& format) {
  const auto parsed = parse_report_format(format);
  if (!parsed) {
    throw Error(ErrorCode::invalid_argument, fmt::format("format '{}' is not one of text, json, csv, html", format));
  }
  std::ostringstream out;
  render(out, report, *parsed);
  return std::move(out).str();
}

}  // namespace cskpi::python
