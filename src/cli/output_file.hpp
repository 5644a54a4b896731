// The files the commands write: a report to standard output or a file, and whole files such as
// states, each write checked (a full disk is an io_error naming the file, not a short file).
#pragma once

#include <string>
#include <string_view>

#include "cskpi/render/render.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::cli {

/// Writes `bytes` to `path` (`what` names it in messages: "state"). Error(io_error) on failure.
void write_file(const std::string& path, std::string_view what, std::string_view bytes);

/// Renders the report to `output`, or to standard output when it is empty.
void write_report(const Report& report, ReportFormat format, const std::string& output);

/// The whole file at `path` as bytes; Error(io_error) naming it when it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path, std::string_view what);

}  // namespace cskpi::cli
