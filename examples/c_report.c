/* A report from C: one file, plus records pushed as they arrive (a feed), printed as the text
 * dashboard. Usage: c_report INTERACTIONS.csv */
#include <cskpi/cskpi_c.h>

#include <stdio.h>

int main(int argc, char** argv) {
  static const char* const names[] = {"id", "customer_id", "channel", "created_at", "resolved_at"};
  static const char* const live[] = {"L-1", "cu-9", "chat", "2026-02-11T08:00:00Z", "2026-02-11T08:05:00Z"};
  cskpi_builder* builder = NULL;
  cskpi_report* report = NULL;
  char* text = NULL;
  int status = 1;
  if (argc < 2) {
    fprintf(stderr, "usage: c_report INTERACTIONS.csv\n");
    return 1;
  }
  builder = cskpi_builder_new();
  if (builder == NULL) return 1;
  if (cskpi_builder_set(builder, "by", "channel") != CSKPI_OK ||
      cskpi_builder_add_file(builder, "interactions", argv[1]) != CSKPI_OK ||
      cskpi_builder_push_fields(builder, "interactions", names, live, 5) != CSKPI_OK ||
      cskpi_builder_compute(builder, &report) != CSKPI_OK) {
    fprintf(stderr, "c_report: %s\n", cskpi_builder_error(builder));
  } else if (cskpi_report_render(report, "text", &text, NULL) != CSKPI_OK) {
    fprintf(stderr, "c_report: %s\n", cskpi_report_error(report));
  } else {
    fputs(text, stdout);
    status = 0;
  }
  cskpi_string_free(text);
  cskpi_report_free(report);
  cskpi_builder_free(builder);
  return status;
}
