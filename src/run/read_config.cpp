#include "run/read_config.hpp"

#include "cskpi/error.hpp"
#include "io/whole_file.hpp"

namespace cskpi::run {

ConfigFile read_config_file(const std::string& path) {
  const detail::WholeFile file = detail::read_whole_file(path);
  switch (file.failure) {
    case detail::WholeFile::Failure::cannot_open:
      throw Error(ErrorCode::io_error, "cannot open the configuration file " + path);
    case detail::WholeFile::Failure::cannot_read:
      throw Error(ErrorCode::io_error, "cannot read the configuration file " + path);
    case detail::WholeFile::Failure::none:
      break;
  }
  return parse_config(file.bytes, path);
}

}  // namespace cskpi::run
