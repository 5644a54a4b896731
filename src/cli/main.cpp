// cskpi: customer-service KPI reports from CSV / JSON Lines files (SPEC §6).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string_view>

#include "cli/huge_pages_env.hpp"
#include "cli/merge_command.hpp"
#include "cli/report_command.hpp"
#include "cli/split_command.hpp"
#include "cli/staffing_command.hpp"
#include "cskpi/version.hpp"

#define CSKPI_STRINGIFY_TEXT(x) #x
#define CSKPI_STRINGIFY(x) CSKPI_STRINGIFY_TEXT(x)

namespace {

// `cskpi --version`: the name, the version and how this binary was built.
constexpr const char* version_line =
    "cskpi " CSKPI_VERSION_STRING " (build: " CSKPI_BUILD_TYPE ", "
#if defined(__clang__)
    "clang " __clang_version__
#elif defined(__GNUC__)
    "g++ " __VERSION__
#else
    "an unknown compiler"
#endif
    ", C++ " CSKPI_STRINGIFY(__cplusplus) ")";

// `cskpi help [COMMAND]`: the help of the program or of one command, exit status 0.
int help(CLI::App& app, int argc, char** argv) {
  if (argc <= 2) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == argv[2]) {
      std::fputs(sub->help().c_str(), stdout);
      return 0;
    }
  }
  std::fprintf(stderr, "cskpi: help: no command '%s' (the commands: report, merge, split, staffing)\n", argv[2]);
  return 1;
}

int run(int argc, char** argv) {
  CLI::App app{"cskpi " CSKPI_VERSION_STRING ": customer-service KPIs from CSV and JSON Lines files", "cskpi"};
  app.set_version_flag("--version", version_line);
  app.footer("Run 'cskpi help COMMAND' or 'cskpi COMMAND --help' for a command's options.");
  app.require_subcommand(1);
  cskpi::cli::ReportOptions report_options;
  CLI::App* report = cskpi::cli::add_report_command(app, report_options);
  cskpi::cli::SplitOptions split_options;
  CLI::App* split = cskpi::cli::add_split_command(app, split_options);
  cskpi::cli::StaffingOptions staffing_options;
  CLI::App* staffing = cskpi::cli::add_staffing_command(app, staffing_options);
  cskpi::cli::MergeOptions merge_options;
  CLI::App* merge = cskpi::cli::add_merge_command(app, merge_options);
  if (argc >= 2 && std::string_view{argv[1]} == "help") return help(app, argc, argv);
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
  if (split->parsed()) return cskpi::cli::run_split(*split, split_options);
  if (staffing->parsed()) return cskpi::cli::run_staffing(staffing_options);
  if (merge->parsed()) return cskpi::cli::run_merge(merge_options);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  cskpi::cli::reexec_with_huge_pages(argv);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // the commands report their own errors; this is a last resort
    std::fprintf(stderr, "cskpi: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "cskpi: internal error\n");
  }
  return 3;
}
