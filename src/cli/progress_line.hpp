// cli/progress_line.hpp: `cskpi report`'s progress on a terminal (issue 9): the file, bytes read
// of its size, records per second and the time left, rewritten in place on stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "cskpi/io/loader.hpp"

namespace cskpi::cli {

class ProgressLine {
 public:
  /// True when stderr is a terminal: only then is progress shown (silent in pipes and logs).
  [[nodiscard]] static bool wanted() noexcept;
  /// One observation; the line is rewritten at most every quarter second.
  void update(const LoadProgress& p);
  /// Erases the line (call before printing anything else on stderr).
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point started_ = Clock::now();
  Clock::time_point shown_{};
  std::string file_;
  Clock::time_point file_started_ = Clock::now();
  std::size_t width_ = 0;  // of the line on screen
};

/// The text of a progress line: `FILE: 45.1 of 120.0 MB, 1.23M records/s, 3 s left`.
[[nodiscard]] std::string progress_text(const LoadProgress& p, double seconds);

}  // namespace cskpi::cli
