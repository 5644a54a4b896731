// The exit statuses of the commands (docs/cli.md) and the one mapping of their errors to them:
// 1 for usage and configuration problems, 2 for input that cannot be read or is bad, 3 for a bug.
#pragma once

#include <cstdio>
#include <exception>
#include <string>

#include "cskpi/error.hpp"

namespace cskpi::cli {

inline constexpr int exit_usage = 1;
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_internal = 3;

/// A usage or configuration problem: message on stderr, exit status 1.
struct UsageError {
  std::string message;
};

/// Runs a command and turns what it throws into its message on stderr and the exit status:
/// UsageError → 1; Error → 2 for io_error and bad_input, else 1; anything else → 3.
template <class Command>
[[nodiscard]] int exit_status_of(Command command) {
  try {
    return command();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "cskpi: %s\n", e.message.c_str());
    return exit_usage;
  } catch (const Error& e) {
    std::fprintf(stderr, "cskpi: %s\n", e.what());
    return e.code() == ErrorCode::io_error || e.code() == ErrorCode::bad_input ? exit_bad_input : exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cskpi: internal error: %s\n", e.what());
    return exit_internal;
  }
}

}  // namespace cskpi::cli
