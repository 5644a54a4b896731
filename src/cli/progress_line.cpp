#include "cli/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace cskpi::cli {

bool ProgressLine::wanted() noexcept { return ::isatty(STDERR_FILENO) == 1; }

std::string progress_text(const LoadProgress& p, double seconds) {
  const double mb = static_cast<double>(p.bytes) / 1e6;
  std::string text = p.total > 0 ? fmt::format("{}: {:.1f} of {:.1f} MB", p.file, mb, static_cast<double>(p.total) / 1e6)
                                 : fmt::format("{}: {:.1f} MB", p.file, mb);
  if (seconds <= 0) return text;
  const double rate = static_cast<double>(p.records) / seconds;
  text += rate >= 1e6 ? fmt::format(", {:.2f}M records/s", rate / 1e6) : fmt::format(", {:.0f} records/s", rate);
  if (p.total > p.bytes && p.bytes > 0) {
    const double left = seconds * static_cast<double>(p.total - p.bytes) / static_cast<double>(p.bytes);
    text += fmt::format(", {:.0f} s left", std::ceil(left));
  }
  return text;
}

void ProgressLine::update(const LoadProgress& p) {
  const Clock::time_point now = Clock::now();
  if (p.file != file_) {
    file_ = std::string{p.file};
    file_started_ = now;
  }
  if (now - shown_ < std::chrono::milliseconds(250)) return;
  shown_ = now;
  const std::string text = "cskpi: " + progress_text(p, std::chrono::duration<double>(now - file_started_).count());
  const std::size_t pad = width_ > text.size() ? width_ - text.size() : 0;
  std::fprintf(stderr, "\r%s%*s", text.c_str(), static_cast<int>(pad), "");
  std::fflush(stderr);
  width_ = text.size();
}

void ProgressLine::clear() {
  if (width_ == 0) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(width_), "");
  std::fflush(stderr);
  width_ = 0;
}

}  // namespace cskpi::cli
