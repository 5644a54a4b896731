// The bad-input corpus (tests/data/bad/, docs/reliability.md): one file per SPEC §5 rule and
// record type. Each FILE has FILE.expected beside it:
//   accepted N               records accepted from the file
//   LINE FIELD REASON        one line per reject, in the order of the rejects file (FIELD `-`
//                            when no single field is to blame)
//   strict LINE FIELD REASON what --strict stops at (or `strict ok`: nothing to stop at)
//   refused TEXT             instead of all the above: the file is refused whole, the message
//                            holding TEXT, nothing counted
// Each file is loaded lenient (rejects compared, read = accepted + rejected) and strict, by the
// sequential readers and by the chunked loader. The huge cases are generated here, not committed.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/loader.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace cskpi;

namespace {

namespace fs = std::filesystem;

const fs::path corpus = fs::path(CSKPI_TEST_DATA_DIR) / "bad";

struct ExpectedReject {
  std::uint64_t line = 0;
  std::string field;
  std::string reason;
  bool operator==(const ExpectedReject&) const = default;
};

struct Expected {
  std::uint64_t accepted = 0;
  std::vector<ExpectedReject> rejects;
  std::optional<ExpectedReject> strict;  // nullopt: strict mode loads it all
  std::string refused;                   // non-empty: refused whole with this in the message
};

Expected read_expected(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  Expected e;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == "accepted") {
      words >> e.accepted;
    } else if (first == "refused") {
      std::getline(words >> std::ws, e.refused);
    } else if (first == "strict") {
      ExpectedReject r;
      if (words >> r.line >> r.field >> r.reason) e.strict = r;
    } else {
      ExpectedReject r;
      r.line = std::stoull(first);
      words >> r.field >> r.reason;
      e.rejects.push_back(r);
    }
  }
  return e;
}

/// The record type a corpus file holds, from its name (nullopt: a mixed JSON Lines file).
std::optional<RecordType> type_of(const std::string& name) {
  for (const RecordType t : {RecordType::interaction_event, RecordType::interaction, RecordType::survey,
                             RecordType::customer_event, RecordType::agent_event}) {
    if (name.rfind(std::string{to_string(t)} + "_", 0) == 0) return t;
  }
  return std::nullopt;
}

/// Events and surveys link to the interactions of base_interactions.csv, loaded first.
bool needs_base(std::optional<RecordType> type) {
  return type == RecordType::interaction_event || type == RecordType::survey;
}

struct Outcome {
  std::uint64_t accepted = 0;
  std::vector<ExpectedReject> rejects;
  std::string error;
};

Outcome load_corpus_file(const fs::path& path, bool strict, std::size_t chunk_bytes) {
  const std::string name = path.filename().string();
  const std::optional<RecordType> type = type_of(name);
  LoadOptions options;
  options.strict = strict;
  options.chunk_bytes = chunk_bytes;
  test::Loaded run(options);
  Outcome out;
  std::uint64_t base_accepted = 0;
  try {
    if (needs_base(type)) {
      run.loader.load(RecordType::interaction, (corpus / "base_interactions.csv").string());
      base_accepted = run.loader.counts(RecordType::interaction).accepted;
    }
    std::ifstream in(path, std::ios::binary);
    if (type) {
      run.loader.load(*type, in, name, *format_from_path(name));
    } else {
      run.loader.load_mixed(in, name);
    }
    run.loader.finish();
  } catch (const Error& e) {
    out.error = e.what();
  }
  std::uint64_t rejected = run.loader.unrouted();
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = run.loader.counts(static_cast<RecordType>(t));
    CHECK(c.read() == c.accepted + c.rejected);
    out.accepted += c.accepted;
    rejected += c.rejected;
  }
  out.accepted -= base_accepted;
  CHECK(rejected == run.loader.rejects().size());  // every rejected record is listed: nothing lost
  for (const Reject& r : run.loader.rejects()) {
    out.rejects.push_back(ExpectedReject{r.line, r.field.empty() ? "-" : r.field, std::string{to_string(r.reason)}});
  }
  return out;
}

std::string text(const std::vector<ExpectedReject>& rejects) {
  std::string out;
  for (const auto& r : rejects) out += std::to_string(r.line) + ' ' + r.field + ' ' + r.reason + '\n';
  return out;
}

void check_corpus_file(const fs::path& path, std::size_t chunk_bytes) {
  const std::string name = path.filename().string();
  const Expected expected = read_expected(path.string() + ".expected");
  INFO(name << " (chunk bytes " << chunk_bytes << ")");
  const Outcome lenient = load_corpus_file(path, false, chunk_bytes);
  if (!expected.refused.empty()) {
    CHECK(lenient.error.find(expected.refused) != std::string::npos);
    CHECK(lenient.accepted == 0);
    CHECK(lenient.rejects.empty());
    return;
  }
  CHECK(lenient.error.empty());
  CHECK(lenient.accepted == expected.accepted);
  CHECK(text(lenient.rejects) == text(expected.rejects));
  const Outcome strict = load_corpus_file(path, true, chunk_bytes);
  if (!expected.strict) {
    CHECK(strict.error.empty());
    return;
  }
  // file:line: field: reason: detail (the field part omitted when no single field is to blame)
  const ExpectedReject& s = *expected.strict;
  const std::string where = name + ':' + std::to_string(s.line) + ": ";
  const std::string prefix = where + (s.field == "-" ? "" : s.field + ": ") + s.reason;
  INFO(strict.error);
  CHECK(strict.error.rfind(prefix, 0) == 0);
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    if (p.extension() == ".expected" || name.rfind("base_", 0) == 0) continue;
    files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// An input stream of generated text that is never held whole: `next` appends the next piece
/// (false at the end).
class GeneratedInput : public std::streambuf {
 public:
  explicit GeneratedInput(std::function<bool(std::string&)> next) : next_(std::move(next)) {}

 protected:
  int_type underflow() override {
    buffer_.clear();
    while (buffer_.size() < 65536 && next_(buffer_)) {
    }
    if (buffer_.empty()) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    return traits_type::to_int_type(buffer_[0]);
  }

 private:
  std::function<bool(std::string&)> next_;
  std::string buffer_;
};

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("Every file of the bad-input corpus gives its expected rejects, lenient and strict", "[io][bad_input]") {
  const std::vector<fs::path> files = corpus_files();
  REQUIRE(files.size() >= 20);
  for (const fs::path& file : files) {
    check_corpus_file(file, 0);                               // the sequential readers
    check_corpus_file(file, LoadOptions::default_chunk_bytes);  // the chunked loader
    check_corpus_file(file, 5);                               // chunk boundaries everywhere
  }
}

TEST_CASE("A 100 MB line is rejected line_too_long without being held, and the next record is read",
          "[io][bad_input]") {
  const std::string header = "id,channel,created_at\n";
  const std::string after = "\nok,chat,2026-03-02T10:00:00Z\n";
  constexpr std::size_t line_bytes = std::size_t{100} * 1000 * 1000;
  std::size_t stage = 0;
  std::size_t written = 0;
  GeneratedInput source([&](std::string& out) {
    if (stage == 0) {
      out += header;
      ++stage;
    } else if (stage == 1) {
      const std::size_t n = std::min<std::size_t>(65536, line_bytes - written);
      out.append(n, 'x');
      written += n;
      if (written == line_bytes) ++stage;
    } else if (stage == 2) {
      out += after;
      ++stage;
    } else {
      return false;
    }
    return true;
  });
  std::istream in(&source);
  const long before = peak_rss_kib();
  test::Loaded run;
  run.loader.load(RecordType::interaction, in, "huge.csv", FileFormat::csv);
  run.loader.finish();
  const long grown_mib = (peak_rss_kib() - before) / 1024;
  CHECK(grown_mib < 64);  // bounded memory per line: far below the line's 100 MB
  const InputCounts& c = run.loader.counts(RecordType::interaction);
  CHECK(c.accepted == 1);
  CHECK(c.rejected == 1);
  REQUIRE(run.loader.rejects().size() == 1);
  CHECK(run.loader.rejects()[0].line == 2);
  CHECK(run.loader.rejects()[0].reason == RejectReason::line_too_long);
}

TEST_CASE("A million distinct labels are all kept and counted", "[io][bad_input]") {
  constexpr std::size_t rows = 1'000'000;
  std::size_t row = 0;
  GeneratedInput source([&](std::string& out) {
    if (row > rows) return false;
    if (row == 0) {
      out += "id,channel,topic,created_at\n";
    } else {
      const std::string n = std::to_string(row);
      out += "i" + n + ",chat,topic " + n + ",2026-03-02T10:00:00Z\n";
    }
    ++row;
    return true;
  });
  std::istream in(&source);
  test::Loaded run;
  run.loader.load(RecordType::interaction, in, "labels.csv", FileFormat::csv);
  run.loader.finish();
  CHECK(run.loader.counts(RecordType::interaction).accepted == rows);
  CHECK(run.loader.counts(RecordType::interaction).rejected == 0);
  CHECK(run.data.dictionary(Dimension::topic).size() == rows);
}
