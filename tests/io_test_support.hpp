// Helpers shared by the reader tests: load text into a fresh data set.
#pragma once

#include <cskpi/io/loader.hpp>
#include <cskpi/model/dataset.hpp>

#include <memory>
#include <sstream>
#include <string>

namespace cskpi::test {

/// A data set and the loader that fills it (the loader holds a reference to the data set).
struct Loaded {
  explicit Loaded(LoadOptions options = {}) : loader(data, options) {}
  Dataset data;
  Loader loader;
};

/// Loads one text of one record type and finishes.
inline std::unique_ptr<Loaded> load_text(RecordType type, const std::string& text, FileFormat format,
                                         LoadOptions options = {}, const std::string& name = "input") {
  auto out = std::make_unique<Loaded>(options);
  std::istringstream in(text);
  out->loader.load(type, in, name, format);
  out->loader.finish();
  return out;
}

inline std::unique_ptr<Loaded> load_csv(RecordType type, const std::string& text, LoadOptions options = {}) {
  return load_text(type, text, FileFormat::csv, options, "input.csv");
}

inline std::unique_ptr<Loaded> load_jsonl(RecordType type, const std::string& text, LoadOptions options = {}) {
  return load_text(type, text, FileFormat::jsonl, options, "input.jsonl");
}

}  // namespace cskpi::test
