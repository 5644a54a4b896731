#include "cskpi/error.hpp"

namespace cskpi {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::invalid_config: return "invalid_config";
    case ErrorCode::incompatible_merge: return "incompatible_merge";
    case ErrorCode::unknown_time_zone: return "unknown_time_zone";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::bad_input: return "bad_input";
  }
  return "unknown";
}

}  // namespace cskpi
