// Fuzz target: the partial-state reader (docs/state-format.md) and the report of what it read.
// The input is a state's content (the envelope's checksum would stop nearly every mutation
// before the reader); any bytes are read or refused with cskpi::Error, and a state read is
// finished to a report or refused with cskpi::Error. Any other exception, or a crash, is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include <cskpi/error.hpp>
#include <cskpi/report/partial_report.hpp>
#include <cskpi/report/state_file.hpp>

#include "report/state_read.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const cskpi::PartialReport partial =
        cskpi::detail::read_state_content({reinterpret_cast<const char*>(data), size}, "fuzz");
    static_cast<void>(cskpi::finish_report(partial));
    static_cast<void>(cskpi::write_state(partial));
  } catch (const cskpi::Error&) {
    // refused with a message: fine
  }
  return 0;
}
