// cskpi/error.hpp: the library's one exception type, for invalid configuration
// and API misuse. Bad data records are never thrown: readers reject them.
#pragma once

#include <stdexcept>
#include <string>

namespace cskpi {

enum class ErrorCode {
  invalid_argument,    // API misuse: a value outside its documented domain
  invalid_config,      // a configuration value that cannot be used
  incompatible_merge,  // merging accumulators built with different configurations
  unknown_time_zone,   // an IANA name the tz database does not know
  io_error,            // a file that cannot be opened or read
  bad_input,           // a bad record under strict mode, or a file refused whole
};

[[nodiscard]] const char* to_string(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace cskpi
