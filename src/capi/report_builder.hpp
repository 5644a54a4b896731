// Private (C API): the options and inputs of one report, and its computation — what
// `cskpi report` does with its command line, for callers that give the same things by calls.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/reject.hpp"
#include "cskpi/report/config_file.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::capi {

/// A computed report with what the loader saw.
struct ComputedReport {
  Report report;
  std::vector<Reject> rejects;
};

class ReportBuilder {
 public:
  /// One option (cskpi_c.h lists them). Throws Error(invalid_argument / invalid_config /
  /// unknown_time_zone) for an unknown option or a bad value; nothing changes then.
  void set(std::string_view option, std::string_view value);
  /// A file of `type` (nullopt: a mixed JSON Lines file).
  void add_file(std::optional<RecordType> type, std::string path);
  /// One record as a one-line JSON object (checked when the report is computed).
  void push(RecordType type, std::string_view json_object);
  /// Everything given so far → a report. Throws Error(bad_input / io_error) for bad input under
  /// strict, a file refused whole or unreadable, and when no record was accepted.
  [[nodiscard]] ComputedReport compute() const;

 private:
  struct Input {
    std::optional<RecordType> type;  // nullopt: mixed
    std::string path;                // a file, or the name of pushed records
    std::string pushed;              // the pushed records as JSON Lines
    bool file = true;
  };

  [[nodiscard]] ReportSpec spec(InputMapping& mapping, std::vector<std::string>& dimensions) const;

  std::optional<ConfigFile> config_;
  std::string tz_;
  std::string input_tz_;
  std::string from_;
  std::string to_;
  std::string as_of_;
  std::optional<char> delimiter_;
  std::optional<InputEncoding> encoding_;
  std::string instant_format_;
  std::vector<std::string> by_;
  unsigned threads_ = 0;
  bool strict_ = false;
  std::vector<Input> inputs_;
  std::size_t pushed_runs_ = 0;
};

}  // namespace cskpi::capi
