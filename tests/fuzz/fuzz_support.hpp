// Shared by the fuzz targets: load bytes as one input file, sequentially and in tiny chunks,
// and stop the run (a crash libFuzzer reports) when a promise of SPEC §5 is broken.
#pragma once

#include <cskpi/error.hpp>
#include <cskpi/io/loader.hpp>
#include <cskpi/model/dataset.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi::fuzz {

/// Stops the run with a message when `ok` is false (libFuzzer then saves the input).
inline void require(bool ok, const char* promise) {
  if (ok) return;
  std::fprintf(stderr, "broken promise: %s\n", promise);
  std::abort();
}

/// What a load produced, as comparable text: counts, rejects and accepted rows per type.
inline std::string summary(const Loader& loader, const Dataset& data, const std::string& error) {
  std::ostringstream out;
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = loader.counts(static_cast<RecordType>(t));
    out << "counts " << t << ' ' << c.accepted << ' ' << c.rejected << '\n';
  }
  for (const Reject& r : loader.rejects()) {
    out << r.line << ' ' << to_string(r.type) << ' ' << r.field << ' ' << to_string(r.reason) << ' ' << r.detail
        << '\n';
  }
  out << "rows " << data.interactions().size() << ' ' << data.surveys().size() << ' '
      << data.interaction_events().size() << '\n';
  out << "error " << error << '\n';
  return out.str();
}

/// Nothing lost: every record read is accepted (a data set row) or rejected (a reject entry).
inline void check_balance(const Loader& loader, const Dataset& data) {
  std::uint64_t rejected = loader.unrouted();
  for (std::size_t t = 0; t < record_type_count; ++t) rejected += loader.counts(static_cast<RecordType>(t)).rejected;
  require(rejected == loader.rejects().size(), "rejected counts equal the rejects listed");
  require(loader.counts(RecordType::interaction).accepted == data.interactions().size(),
          "accepted interactions are data set rows");
  require(loader.counts(RecordType::survey).accepted == data.surveys().size(), "accepted surveys are data set rows");
  require(loader.counts(RecordType::interaction_event).accepted == data.interaction_events().size(),
          "accepted interaction events are data set rows");
}

/// How one input is loaded: a record type (nullopt: a mixed JSON Lines file) and the options.
struct LoadCase {
  std::optional<RecordType> type;
  FileFormat format = FileFormat::csv;
  bool strict = false;
  std::size_t record_limit = 200;  // small, so that too-long records are reached
};

/// Loads `text` with the given chunk size (0: the sequential readers), then finishes; returns
/// the summary. Only cskpi::Error may leave the loader (a refused file, strict mode).
inline std::string load(const LoadCase& c, std::string_view text, std::size_t chunk_bytes) {
  LoadOptions options;
  options.strict = c.strict;
  options.record_limit = c.record_limit;
  options.chunk_bytes = chunk_bytes;
  options.threads = 1;
  Dataset data({"region"});
  Loader loader(data, options);
  std::string error;
  try {
    std::istringstream in{std::string(text)};
    if (c.type) {
      loader.load(*c.type, in, "fuzz", c.format);
    } else {
      loader.load_mixed(in, "fuzz");
    }
    loader.finish();
  } catch (const Error& e) {
    error = e.what();
  }
  check_balance(loader, data);
  return summary(loader, data, error);
}

/// The sequential readers and the chunked loader must agree on every input.
inline void load_both_ways(const LoadCase& c, std::string_view text) {
  const std::string sequential = load(c, text, 0);
  const std::string chunked = load(c, text, 7);
  if (sequential != chunked) {
    std::fprintf(stderr, "sequential:\n%s\nchunked:\n%s\n", sequential.c_str(), chunked.c_str());
  }
  require(sequential == chunked, "the chunked loader reads what the sequential readers read");
}

}  // namespace cskpi::fuzz
