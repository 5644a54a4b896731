// Fuzz target: the configuration file (SPEC §6, §8). Any text is parsed or refused with
// cskpi::Error; any other exception escaping, or a crash, is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <cskpi/error.hpp>
#include <cskpi/report/config_file.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const cskpi::ConfigFile config = cskpi::parse_config({reinterpret_cast<const char*>(data), size}, "fuzz");
    static_cast<void>(config);
  } catch (const cskpi::Error&) {
    // refused with a message naming the key: fine
  }
  return 0;
}
