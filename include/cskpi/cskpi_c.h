/* cskpi/cskpi_c.h: the C API of cskpi (C99), for reporting tools in any language with a C
 * foreign-function interface. Opaque handles; every function returns a status and never lets
 * an exception out; the message of the last failure is kept by the handle it concerns.
 *
 * A report is built in three steps:
 *   1. cskpi_builder_new, then options (cskpi_builder_set: "tz", "from", "by", ...);
 *   2. inputs: files (cskpi_builder_add_file) and records pushed one by one, as a JSON object
 *      (cskpi_builder_push_json) or as field/value pairs (cskpi_builder_push_fields);
 *   3. cskpi_builder_compute gives a cskpi_report, rendered in any format of the command line
 *      (cskpi_report_render: "json", "csv", "text", "html").
 * The numbers are those of `cskpi report` on the same inputs and options (docs/c-api.md). */
#ifndef CSKPI_CSKPI_C_H
#define CSKPI_CSKPI_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The statuses, with the meanings of the command line's exit statuses. */
/* C names follow C's conventions, not the C++ headers' (NOLINT below: clang-tidy's naming). */
typedef enum cskpi_status {   /* NOLINT(readability-identifier-naming) */
  CSKPI_OK = 0,        /**< done */ /* NOLINT(readability-identifier-naming) */
  CSKPI_USAGE = 1,     /**< a bad argument, option or configuration; nothing changed */ /* NOLINT(readability-identifier-naming) */
  CSKPI_BAD_INPUT = 2, /**< bad input under "strict", a file refused whole or unreadable, no accepted record */ /* NOLINT(readability-identifier-naming) */
  CSKPI_INTERNAL = 3   /**< out of memory or a bug (please report it with the message) */ /* NOLINT(readability-identifier-naming) */
} cskpi_status;

/** The inputs and options of one report. */
typedef struct cskpi_builder cskpi_builder;
/** A computed report. */
typedef struct cskpi_report cskpi_report;

/** The library's version, e.g. "0.1.0" (static storage). */
const char* cskpi_version(void);

/** A new builder (NULL only when out of memory). Free it with cskpi_builder_free. */
cskpi_builder* cskpi_builder_new(void);
void cskpi_builder_free(cskpi_builder* builder);
/** The message of the builder's last failed call ("" when the last call succeeded); valid
 *  until the next call on the builder. */
const char* cskpi_builder_error(const cskpi_builder* builder);

/** Sets an option, as the command line's (SPEC §6):
 *  "tz", "input_tz", "from", "to", "as_of", "delimiter", "encoding", "instant_format",
 *  "by" (each call adds a grouping, e.g. "channel,month"), "config" (the JSON text of a
 *  configuration file), "config_file" (its path), "threads" ("0" = all cores), "strict"
 *  ("true" or "false"). "config" and "config_file" must come before the options they would
 *  override ("tz", "input_tz", ...). */
cskpi_status cskpi_builder_set(cskpi_builder* builder, const char* option, const char* value);

/** Record types: "interactions", "interaction_events" (or "events"), "surveys",
 *  "customer_events" (or "customers"), "agent_events" (or "agents"); for files also
 *  "mixed" (JSON Lines routed by each line's "record" member). */

/** Adds an input file, read at cskpi_builder_compute (CSV or JSON Lines by its extension). */
cskpi_status cskpi_builder_add_file(cskpi_builder* builder, const char* record_type, const char* path);

/** Pushes one record as a JSON object on one line (no line break). A record that breaks a rule
 *  of SPEC §5 is not an error of the call: it is counted as rejected by the report, as a line
 *  of a file would be ("pushed-interactions-1:LINE", LINE = its position among the records
 *  pushed in a row). */
cskpi_status cskpi_builder_push_json(cskpi_builder* builder, const char* record_type, const char* json_object);

/** Pushes one record as `count` field/value pairs (names[i] = values[i], as text: "9",
 *  "2026-03-01T09:00:00Z", "true"); a NULL value leaves the field out. */
cskpi_status cskpi_builder_push_fields(cskpi_builder* builder, const char* record_type, const char* const* names,
                                       const char* const* values, size_t count);

/** Reads the files and the pushed records (in the order they were given) and computes the
 *  report into *report (free it with cskpi_report_free). The builder can then take more
 *  inputs and compute again: a report holds everything given so far. */
cskpi_status cskpi_builder_compute(cskpi_builder* builder, cskpi_report** report);

void cskpi_report_free(cskpi_report* report);
/** The message of the report's last failed call ("" when none). */
const char* cskpi_report_error(const cskpi_report* report);

/** The report as text in `format` ("json", "csv", "text" or "html") into *text (NUL-terminated;
 *  *length, when not NULL, gets its length). Free *text with cskpi_string_free. */
cskpi_status cskpi_report_render(cskpi_report* report, const char* format, char** text, size_t* length);

/** Records read, accepted and rejected of one record type (any pointer may be NULL). */
cskpi_status cskpi_report_inputs(cskpi_report* report, const char* record_type, unsigned long long* read,
                                 unsigned long long* accepted, unsigned long long* rejected);

/** The rejected records as the command line's rejects CSV (file,line,record_type,field,reason,
 *  detail). Free *text with cskpi_string_free. */
cskpi_status cskpi_report_rejects_csv(cskpi_report* report, char** text, size_t* length);

/** Frees a string returned by this API (NULL is fine). */
void cskpi_string_free(char* text);

#ifdef __cplusplus
}
#endif

#endif /* CSKPI_CSKPI_C_H */
