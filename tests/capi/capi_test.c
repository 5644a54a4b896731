/* The C API from C (C99): built as C with warnings as errors and, in the test build, under
 * ASan + UBSan. Usage: cskpi_capi_test INTERACTIONS.csv (examples/data/interactions.csv). */
#include <cskpi/cskpi_c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void check(int ok, const char* what, const char* detail) {
  if (!ok) {
    ++failures;
    fprintf(stderr, "FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  }
}

static int contains(const char* text, const char* part) { return text != NULL && strstr(text, part) != NULL; }

/* Three interactions pushed as field/value pairs, the second without created_at (rejected:
 * missing_field), one survey pushed as JSON; the overall volume is 2, NPS 100 (one 9). */
static void pushed_records(void) {
  static const char* const names[] = {"id", "customer_id", "channel", "created_at", "resolved_at"};
  static const char* const a[] = {"P-1", "c-1", "chat", "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z"};
  static const char* const b[] = {"P-2", "c-2", "email", NULL, NULL};
  static const char* const c[] = {"P-3", "c-3", "chat", "2026-03-03T10:00:00Z", NULL};
  cskpi_builder* builder = cskpi_builder_new();
  cskpi_report* report = NULL;
  char* json = NULL;
  char* rejects = NULL;
  size_t length = 0;
  unsigned long long read = 0, accepted = 0, rejected = 0;
  check(builder != NULL, "cskpi_builder_new", NULL);
  check(cskpi_builder_set(builder, "tz", "Europe/Rome") == CSKPI_OK, "set tz", cskpi_builder_error(builder));
  check(cskpi_builder_set(builder, "by", "channel") == CSKPI_OK, "set by", cskpi_builder_error(builder));
  check(cskpi_builder_set(builder, "to", "2026-04-01") == CSKPI_OK, "set to (a date)", cskpi_builder_error(builder));
  check(cskpi_builder_set(builder, "from", "2026-03-01") == CSKPI_OK, "set from", cskpi_builder_error(builder));
  check(cskpi_builder_push_fields(builder, "interactions", names, a, 5) == CSKPI_OK, "push a", cskpi_builder_error(builder));
  check(cskpi_builder_push_fields(builder, "interactions", names, b, 5) == CSKPI_OK, "push b", cskpi_builder_error(builder));
  check(cskpi_builder_push_fields(builder, "interactions", names, c, 5) == CSKPI_OK, "push c", cskpi_builder_error(builder));
  check(cskpi_builder_push_json(builder, "surveys",
                                "{\"id\":\"S-1\",\"kind\":\"nps\",\"score\":9,\"responded_at\":\"2026-03-02T12:00:00Z\","
                                "\"interaction_id\":\"P-1\"}") == CSKPI_OK,
        "push survey", cskpi_builder_error(builder));
  check(cskpi_builder_compute(builder, &report) == CSKPI_OK, "compute", cskpi_builder_error(builder));
  check(cskpi_report_inputs(report, "interactions", &read, &accepted, &rejected) == CSKPI_OK, "inputs", NULL);
  check(read == 3 && accepted == 2 && rejected == 1, "interactions read 3, accepted 2, rejected 1", NULL);
  check(cskpi_report_render(report, "json", &json, &length) == CSKPI_OK, "render json", cskpi_report_error(report));
  check(json != NULL && strlen(json) == length, "render gives the length", NULL);
  /* March 2026 in Rome begins at 2026-02-28T23:00:00Z. */
  check(contains(json, "\"from\": \"2026-02-28T23:00:00Z\""), "period from local midnight", json);
  check(contains(json, "\"count\": 2"), "volume 2", NULL);
  check(contains(json, "\"score\": 100.0") || contains(json, "\"score\": 100"), "NPS 100", NULL);
  check(contains(json, "\"channel\": \"chat\""), "a chat group", NULL);
  check(cskpi_report_rejects_csv(report, &rejects, NULL) == CSKPI_OK, "rejects csv", cskpi_report_error(report));
  check(contains(rejects, "pushed-interactions-1,2,interaction,created_at,missing_field"), "the reject names its line", rejects);
  check(cskpi_report_render(report, "pdf", &json, NULL) == CSKPI_USAGE, "unknown format refused", NULL);
  check(contains(cskpi_report_error(report), "unknown format"), "unknown format message", cskpi_report_error(report));
  cskpi_string_free(json);
  cskpi_string_free(rejects);
  cskpi_report_free(report);
  cskpi_builder_free(builder);
}

static void file_and_errors(const char* interactions) {
  cskpi_builder* builder = cskpi_builder_new();
  cskpi_report* report = NULL;
  char* text = NULL;
  unsigned long long accepted = 0;
  check(cskpi_builder_compute(builder, &report) == CSKPI_USAGE, "compute without inputs", NULL);
  check(contains(cskpi_builder_error(builder), "no inputs"), "no inputs message", cskpi_builder_error(builder));
  check(cskpi_builder_set(builder, "colour", "red") == CSKPI_USAGE, "unknown option", NULL);
  check(contains(cskpi_builder_error(builder), "unknown option 'colour'"), "unknown option message", cskpi_builder_error(builder));
  check(cskpi_builder_set(builder, "tz", "Mars/Olympus") != CSKPI_OK, "unknown zone", NULL);
  check(cskpi_builder_set(builder, "from", "yesterday") == CSKPI_USAGE, "bad instant", NULL);
  check(cskpi_builder_set(builder, "threads", "-1") == CSKPI_USAGE, "bad threads", NULL);
  check(cskpi_builder_set(builder, "config", "{\"nonsense\": 1}") == CSKPI_USAGE, "bad config", NULL);
  check(cskpi_builder_add_file(builder, "tickets", interactions) == CSKPI_USAGE, "unknown record type", NULL);
  check(cskpi_builder_push_json(builder, "interactions", "{\"id\":\n\"x\"}") == CSKPI_USAGE, "a line break refused", NULL);
  check(cskpi_builder_set(builder, NULL, "x") == CSKPI_USAGE, "NULL option", NULL);
  check(cskpi_builder_add_file(builder, "interactions", interactions) == CSKPI_OK, "add file", cskpi_builder_error(builder));
  check(cskpi_builder_error(builder)[0] == '\0', "the error clears on success", cskpi_builder_error(builder));
  check(cskpi_builder_compute(builder, &report) == CSKPI_OK, "compute file", cskpi_builder_error(builder));
  check(cskpi_report_inputs(report, "interactions", NULL, &accepted, NULL) == CSKPI_OK && accepted == 4, "4 accepted", NULL);
  check(cskpi_report_render(report, "text", &text, NULL) == CSKPI_OK && text != NULL && text[0] != '\0', "text report", NULL);
  cskpi_string_free(text);
  cskpi_report_free(report);
  report = NULL;
  /* Strict: the first bad record stops the computation with its file and line. */
  check(cskpi_builder_set(builder, "strict", "true") == CSKPI_OK, "strict", NULL);
  check(cskpi_builder_push_json(builder, "interactions", "{\"id\":\"bad\",\"channel\":\"chat\"}") == CSKPI_OK, "push bad", NULL);
  check(cskpi_builder_compute(builder, &report) == CSKPI_BAD_INPUT && report == NULL, "strict stops", NULL);
  check(contains(cskpi_builder_error(builder), "pushed-interactions-1:1"), "strict message names the line",
        cskpi_builder_error(builder));
  cskpi_builder_free(builder);
  /* Nothing accepted: bad input, not a report dated 1970. */
  builder = cskpi_builder_new();
  check(cskpi_builder_push_json(builder, "interactions", "{\"id\":\"bad\"}") == CSKPI_OK, "push bad", NULL);
  check(cskpi_builder_compute(builder, &report) == CSKPI_BAD_INPUT, "nothing accepted", NULL);
  check(contains(cskpi_builder_error(builder), "no accepted records"), "nothing accepted message", cskpi_builder_error(builder));
  cskpi_builder_free(builder);
  /* NULL handles are refused, not dereferenced. */
  check(cskpi_builder_set(NULL, "tz", "UTC") == CSKPI_USAGE, "NULL builder", NULL);
  check(cskpi_report_render(NULL, "json", &text, NULL) == CSKPI_USAGE, "NULL report", NULL);
  cskpi_string_free(NULL);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: cskpi_capi_test INTERACTIONS.csv\n");
    return 2;
  }
  check(strcmp(cskpi_version(), "") != 0, "a version", NULL);
  pushed_records();
  file_and_errors(argv[1]);
  if (failures != 0) {
    fprintf(stderr, "%d C API checks failed\n", failures);
    return EXIT_FAILURE;
  }
  printf("C API: all checks passed\n");
  return EXIT_SUCCESS;
}
