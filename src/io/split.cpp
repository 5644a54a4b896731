#include "cskpi/io/split.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "cskpi/error.hpp"
#include "cskpi/io/partition.hpp"
#include "io/record_bytes.hpp"

namespace cskpi {
namespace {

namespace fs = std::filesystem;

using RejectIndex = std::unordered_map<std::uint64_t, RejectReason>;  // first line → reason

RejectIndex index_rejects(const SplitInput& input) {
  RejectIndex out;
  for (const RejectedRecord& r : input.rejected) out.emplace(r.line, r.reason);
  return out;
}

bool is_part_dir_name(std::string_view name) noexcept {
  if (name.size() <= 5 || name.substr(0, 5) != "part-") return false;
  return std::all_of(name.begin() + 5, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

fs::path part_dir(const std::string& out_dir, std::size_t part) { return fs::path(out_dir) / fmt::format("part-{}", part); }

// Pass 1: every accepted interaction, wherever it is, so that events and surveys can follow it.
void add_interactions(PartitionRouter& router, const std::vector<SplitInput>& inputs, const SplitOptions& o) {
  for (const SplitInput& input : inputs) {
    if (input.type && *input.type != RecordType::interaction) continue;
    const RejectIndex rejected = index_rejects(input);
    detail::RecordFile file(input.path, input.type, o.mapping, o.dimensions, o.record_limit);
    file.visit([&](const detail::FileRecord& r) {
      if (r.type == RecordType::interaction && rejected.find(r.line) == rejected.end()) {
        router.add_interaction(r.id, r.customer_id);
      }
    });
  }
}

// Where a record goes, and whether it goes there as a reject.
struct Route {
  std::size_t part = PartitionRouter::rejected_part;
  bool reject = false;
};

// A rejected record: part 0, but a duplicate goes where the record it duplicates is (there it is a
// duplicate again; alone in part 0 it could be accepted).
std::size_t reject_part(const PartitionRouter& router, const detail::FileRecord& r, RejectReason reason) {
  if (reason != RejectReason::duplicate_id) return PartitionRouter::rejected_part;
  if (r.type == RecordType::interaction) return router.interaction(r.id).value_or(PartitionRouter::rejected_part);
  if (r.type == RecordType::survey) return router.survey(r.id).value_or(PartitionRouter::rejected_part);
  return PartitionRouter::rejected_part;
}

// The part of a record (pass 2, in input order: a survey's duplicates come after it).
Route route(PartitionRouter& router, const detail::FileRecord& r, const RejectIndex& rejected) {
  if (!r.type) return Route{PartitionRouter::rejected_part, true};  // a mixed-file line without a type
  if (const auto reject = rejected.find(r.line); reject != rejected.end()) {
    return Route{reject_part(router, r, reject->second), true};
  }
  switch (*r.type) {
    case RecordType::interaction: return {router.interaction(r.id).value_or(PartitionRouter::rejected_part), false};
    case RecordType::survey: return {router.add_survey(r.id, r.customer_id, r.interaction_id), false};
    case RecordType::interaction_event: return {router.event(r.interaction_id), false};
    case RecordType::customer_event: return {router.customer_event(r.customer_id), false};
    case RecordType::agent_event: return {PartitionRouter::agent_event_part, false};
  }
  return {};
}

void write_file(const fs::path& path, std::string_view prefix, const std::vector<std::string_view>& records) {
  std::ofstream out(path, std::ios::binary);
  out.write(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  for (const std::string_view r : records) out.write(r.data(), static_cast<std::streamsize>(r.size()));
  out.flush();
  if (!out) throw Error(ErrorCode::io_error, fmt::format("cannot write {}", path.string()));
}

// Pass 2 for one input: its records routed, then each part's files written.
void split_input(PartitionRouter& router, const SplitInput& input, std::size_t index, const SplitOptions& o,
                 SplitSummary& summary) {
  const RejectIndex rejected = index_rejects(input);
  detail::RecordFile file(input.path, input.type, o.mapping, o.dimensions, o.record_limit);
  // By part, then by record type (a typed input uses its own type's slot only).
  std::vector<std::array<std::vector<std::string_view>, record_type_count>> routed(o.parts);
  file.visit([&](const detail::FileRecord& r) {
    const Route to = route(router, r, rejected);
    // A line of a mixed file that no type claims stays a mixed-file line in part 0's first file.
    const RecordType type = r.type.value_or(input.type.value_or(RecordType::interaction));
    routed[to.part][static_cast<std::size_t>(type)].push_back(r.bytes);
    ++summary.records[to.part];
    if (to.reject) ++summary.rejected;
  });
  for (std::size_t part = 0; part < o.parts; ++part) {
    for (std::size_t t = 0; t < record_type_count; ++t) {
      const auto type = static_cast<RecordType>(t);
      if (input.type && *input.type != type) continue;
      write_file(part_dir(o.out_dir, part) / split_file_name(type, index, input.path), file.prefix(), routed[part][t]);
    }
  }
}

}  // namespace

std::string split_file_name(RecordType type, std::size_t input, const std::string& input_path) {
  const std::string ext = fs::path(input_path).extension().string();  // with its dot; kept as given
  return fmt::format("{}-{}{}", plural(type), input, ext);
}

void check_split_output(const std::string& out_dir) {
  std::error_code ec;
  if (!fs::exists(out_dir, ec)) return;
  if (!fs::is_directory(out_dir, ec)) {
    throw Error(ErrorCode::invalid_argument, fmt::format("--out {} exists and is not a directory", out_dir));
  }
  for (fs::directory_iterator it(out_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& dir = it->path();
    if (!is_part_dir_name(dir.filename().string()) || !fs::is_directory(dir, ec)) continue;
    if (!fs::is_empty(dir, ec) || ec) {
      throw Error(ErrorCode::invalid_argument,
                  fmt::format("{} already holds files (of an earlier split?): give a new or empty --out directory, "
                              "so that the parts of two runs are not mixed",
                              dir.string()));
    }
  }
  if (ec) throw Error(ErrorCode::io_error, fmt::format("cannot list --out {}: {}", out_dir, ec.message()));
}

SplitSummary split_inputs(const std::vector<SplitInput>& inputs, const SplitOptions& o) {
  check_split_output(o.out_dir);
  PartitionRouter router(o.parts);
  add_interactions(router, inputs, o);
  for (std::size_t part = 0; part < o.parts; ++part) {
    std::error_code ec;
    fs::create_directories(part_dir(o.out_dir, part), ec);
    if (ec) {
      throw Error(ErrorCode::io_error,
                  fmt::format("cannot create {}: {}", part_dir(o.out_dir, part).string(), ec.message()));
    }
  }
  SplitSummary summary;
  summary.records.assign(o.parts, 0);
  for (std::size_t i = 0; i < inputs.size(); ++i) split_input(router, inputs[i], i, o, summary);
  return summary;
}

}  // namespace cskpi
