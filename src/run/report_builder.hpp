// Private (shared by the C API and the Python module): the options and inputs of one run, and
// its computation — what `cskpi report` does with its command line (a report, or with
// --emit-state the run's partial state), for callers that give the same things by calls.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/io/reject.hpp"
#include "cskpi/report/config_file.hpp"
#include "cskpi/report/partial_report.hpp"
#include "cskpi/report/report.hpp"

namespace cskpi::run {

/// A computed report with what the loader saw.
struct ComputedReport {
  Report report;
  std::vector<Reject> rejects;
};

/// A computed partial state (SPEC §9) with what the loader saw.
struct ComputedPartial {
  PartialReport partial;  // inputs() hold the loader's counts
  std::vector<Reject> rejects;
  std::uint64_t accepted = 0;  // records accepted, of every type
};

class ReportBuilder {
 public:
  /// One option (cskpi_c.h lists them). Throws Error(invalid_argument / invalid_config /
  /// unknown_time_zone) for an unknown option or a bad value; nothing changes then.
  void set(std::string_view option, std::string_view value);
  /// A file of `type` (nullopt: a mixed JSON Lines file).
  void add_file(std::optional<RecordType> type, std::string path);
  /// One record as a one-line JSON object (checked when the report is computed); nullopt type:
  /// a line of a mixed file, routed by its "record" member.
  void push(std::optional<RecordType> type, std::string_view json_object);
  /// Everything given so far → a report. Throws Error(bad_input / io_error) for bad input under
  /// strict, a file refused whole or unreadable, and when no record was accepted.
  [[nodiscard]] ComputedReport compute() const;
  /// Everything given so far → its partial state, as `cskpi report --emit-state` computes it:
  /// needs from, to and as_of (Error(invalid_argument) otherwise); a part with no accepted
  /// record still has its state. Throws as compute() does for bad input.
  [[nodiscard]] ComputedPartial compute_partial() const;
  /// compute_partial()'s state as bytes (write_state).
  [[nodiscard]] std::string compute_state() const;

 private:
  struct Input {
    std::optional<RecordType> type;  // nullopt: mixed
    std::string path;                // a file, or the name of pushed records
    std::string pushed;              // the pushed records as JSON Lines
    bool file = true;
  };

  [[nodiscard]] ReportSpec spec(InputMapping& mapping, std::vector<std::string>& dimensions) const;
  [[nodiscard]] ComputedPartial load_and_compute(const ReportSpec& spec, InputMapping mapping,
                                                 const std::vector<std::string>& dimensions) const;

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

}  // namespace cskpi::run
