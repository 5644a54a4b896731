// The C API (include/cskpi/cskpi_c.h): handles around run::ReportBuilder and a computed
// report; every entry point catches everything, so that no exception crosses into C.
#include "cskpi/cskpi_c.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>

#include "capi/record_text.hpp"
#include "run/report_builder.hpp"
#include "cskpi/error.hpp"
#include "cskpi/io/loader.hpp"
#include "cskpi/render/render.hpp"
#include "cskpi/version.hpp"

struct cskpi_builder {  // NOLINT(readability-identifier-naming): the C API's name
  cskpi::run::ReportBuilder builder;
  std::string error;
};

struct cskpi_report {  // NOLINT(readability-identifier-naming): the C API's name
  cskpi::run::ComputedReport computed;
  std::string error;
};

namespace {

cskpi_status status_of(const cskpi::Error& e) noexcept {
  switch (e.code()) {
    case cskpi::ErrorCode::io_error:
    case cskpi::ErrorCode::bad_input: return CSKPI_BAD_INPUT;
    default: return CSKPI_USAGE;
  }
}

// Runs `body` (which returns a status), keeping the message of a failure in `error`.
template <class Body>
cskpi_status guarded(std::string& error, const Body& body) noexcept {
  try {
    error.clear();
    return body();
  } catch (const cskpi::Error& e) {
    error = e.what();
    return status_of(e);
  } catch (const std::bad_alloc&) {
    error = "out of memory";
  } catch (const std::exception& e) {
    error = std::string{"internal error: "} + e.what();
  } catch (...) {
    error = "internal error";
  }
  return CSKPI_INTERNAL;
}

cskpi_status usage(std::string& error, const char* message) {
  error = message;
  return CSKPI_USAGE;
}

// A copy of `text` in memory the caller frees with cskpi_string_free.
cskpi_status hand_out(const std::string& text, char** out, size_t* length) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  *out = copy;
  if (length != nullptr) *length = text.size();
  return CSKPI_OK;
}

}  // namespace

extern "C" {

const char* cskpi_version(void) { return CSKPI_VERSION_STRING; }

cskpi_builder* cskpi_builder_new(void) { return new (std::nothrow) cskpi_builder{}; }

void cskpi_builder_free(cskpi_builder* builder) { delete builder; }

const char* cskpi_builder_error(const cskpi_builder* builder) {
  return builder == nullptr ? "no builder (NULL)" : builder->error.c_str();
}

cskpi_status cskpi_builder_set(cskpi_builder* builder, const char* option, const char* value) {
  if (builder == nullptr) return CSKPI_USAGE;
  return guarded(builder->error, [&] {
    if (option == nullptr || value == nullptr) return usage(builder->error, "cskpi_builder_set: option and value are required");
    builder->builder.set(option, value);
    return CSKPI_OK;
  });
}

cskpi_status cskpi_builder_add_file(cskpi_builder* builder, const char* record_type, const char* path) {
  if (builder == nullptr) return CSKPI_USAGE;
  return guarded(builder->error, [&] {
    if (record_type == nullptr || path == nullptr) return usage(builder->error, "cskpi_builder_add_file: record type and path are required");
    const auto type = cskpi::capi::parse_record_type_name(record_type);
    if (!type && std::strcmp(record_type, "mixed") != 0) {
      return usage(builder->error, "unknown record type (interactions, interaction_events, surveys, customer_events, "
                                   "agent_events, or mixed for a file)");
    }
    builder->builder.add_file(type, path);
    return CSKPI_OK;
  });
}

cskpi_status cskpi_builder_push_json(cskpi_builder* builder, const char* record_type, const char* json_object) {
  if (builder == nullptr) return CSKPI_USAGE;
  return guarded(builder->error, [&] {
    if (record_type == nullptr || json_object == nullptr) return usage(builder->error, "cskpi_builder_push_json: record type and text are required");
    const auto type = cskpi::capi::parse_record_type_name(record_type);
    if (!type) {
      return usage(builder->error, "unknown record type (interactions, interaction_events, surveys, customer_events, "
                                   "agent_events)");
    }
    if (!cskpi::capi::one_line(json_object)) {
      return usage(builder->error, "a pushed record must be one line: serialize the JSON object without line breaks");
    }
    builder->builder.push(*type, json_object);
    return CSKPI_OK;
  });
}

cskpi_status cskpi_builder_push_fields(cskpi_builder* builder, const char* record_type, const char* const* names,
                                       const char* const* values, size_t count) {
  if (builder == nullptr) return CSKPI_USAGE;
  return guarded(builder->error, [&] {
    if (record_type == nullptr || (count > 0 && (names == nullptr || values == nullptr))) {
      return usage(builder->error, "cskpi_builder_push_fields: record type, names and values are required");
    }
    for (size_t i = 0; i < count; ++i) {
      if (names[i] == nullptr) return usage(builder->error, "cskpi_builder_push_fields: a field name is NULL");
    }
    const auto type = cskpi::capi::parse_record_type_name(record_type);
    if (!type) {
      return usage(builder->error, "unknown record type (interactions, interaction_events, surveys, customer_events, "
                                   "agent_events)");
    }
    builder->builder.push(*type, cskpi::capi::json_object_of(names, values, count));
    return CSKPI_OK;
  });
}

cskpi_status cskpi_builder_compute(cskpi_builder* builder, cskpi_report** report) {
  if (builder == nullptr) return CSKPI_USAGE;
  return guarded(builder->error, [&] {
    if (report == nullptr) return usage(builder->error, "cskpi_builder_compute: no place for the report (NULL)");
    *report = nullptr;
    auto computed = std::make_unique<cskpi_report>(cskpi_report{builder->builder.compute(), {}});
    *report = computed.release();
    return CSKPI_OK;
  });
}

void cskpi_report_free(cskpi_report* report) { delete report; }

const char* cskpi_report_error(const cskpi_report* report) {
  return report == nullptr ? "no report (NULL)" : report->error.c_str();
}

cskpi_status cskpi_report_render(cskpi_report* report, const char* format, char** text, size_t* length) {
  if (report == nullptr) return CSKPI_USAGE;
  return guarded(report->error, [&] {
    if (format == nullptr || text == nullptr) return usage(report->error, "cskpi_report_render: format and text are required");
    const auto f = cskpi::parse_report_format(format);
    if (!f) return usage(report->error, "unknown format (json, csv, text, html)");
    std::ostringstream out;
    cskpi::render(out, report->computed.report, *f);
    return hand_out(out.str(), text, length);
  });
}

cskpi_status cskpi_report_inputs(cskpi_report* report, const char* record_type, unsigned long long* read,
                                 unsigned long long* accepted, unsigned long long* rejected) {
  if (report == nullptr) return CSKPI_USAGE;
  return guarded(report->error, [&] {
    const auto type = record_type == nullptr ? std::nullopt : cskpi::capi::parse_record_type_name(record_type);
    if (!type) return usage(report->error, "unknown record type");
    const cskpi::InputCounts& c = report->computed.report.inputs[static_cast<std::size_t>(*type)];
    if (read != nullptr) *read = c.read();
    if (accepted != nullptr) *accepted = c.accepted;
    if (rejected != nullptr) *rejected = c.rejected;
    return CSKPI_OK;
  });
}

cskpi_status cskpi_report_rejects_csv(cskpi_report* report, char** text, size_t* length) {
  if (report == nullptr) return CSKPI_USAGE;
  return guarded(report->error, [&] {
    if (text == nullptr) return usage(report->error, "cskpi_report_rejects_csv: text is required");
    std::ostringstream out;
    cskpi::write_rejects_csv(out, report->computed.rejects);
    return hand_out(out.str(), text, length);
  });
}

void cskpi_string_free(char* text) { std::free(text); }

}  // extern "C"
