// cskpi: customer-service KPI reports from CSV / JSON Lines files (SPEC §6).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "cli/report_command.hpp"
#include "cli/staffing_command.hpp"
#include "cskpi/version.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"cskpi " CSKPI_VERSION_STRING ": customer-service KPIs from CSV and JSON Lines files", "cskpi"};
  app.set_version_flag("--version", CSKPI_VERSION_STRING);
  app.require_subcommand(1);
  cskpi::cli::ReportOptions report_options;
  CLI::App* report = cskpi::cli::add_report_command(app, report_options);
  cskpi::cli::StaffingOptions staffing_options;
  CLI::App* staffing = cskpi::cli::add_staffing_command(app, staffing_options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "cskpi: %s\nRun 'cskpi --help' or 'cskpi <command> --help' for usage.\n", e.what());
    return 1;
  }
  if (report->parsed()) return cskpi::cli::run_report(*report, report_options);
  if (staffing->parsed()) return cskpi::cli::run_staffing(staffing_options);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // the commands report their own errors; this is a last resort
    std::fprintf(stderr, "cskpi: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "cskpi: internal error\n");
  }
  return 3;
}
