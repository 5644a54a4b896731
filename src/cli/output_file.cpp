#include "cli/output_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <utility>

#include "cskpi/error.hpp"
#include "io/whole_file.hpp"

namespace cskpi::cli {

void write_file(const std::string& path, std::string_view what, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write the {} file '{}'", what, path));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw Error(ErrorCode::io_error, fmt::format("cannot write the {} file '{}'", what, path));
}

void write_report(const Report& report, ReportFormat format, const std::string& output) {
  if (output.empty()) {
    render(std::cout, report, format);
    std::cout.flush();
    return;
  }
  std::ofstream out(output, std::ios::binary);
  if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write the output file '{}'", output));
  render(out, report, format);
  if (!out.flush()) throw Error(ErrorCode::io_error, fmt::format("cannot write the output file '{}'", output));
}

std::string read_file(const std::string& path, std::string_view what) {
  detail::WholeFile file = detail::read_whole_file(path);
  if (file.failure != detail::WholeFile::Failure::none) {
    throw Error(ErrorCode::io_error, fmt::format("cannot read the {} file '{}'", what, path));
  }
  return std::move(file.bytes);
}

}  // namespace cskpi::cli
