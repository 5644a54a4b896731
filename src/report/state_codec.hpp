// Private: the byte encoding of partial states (SPEC §9, docs/state-format.md): a writer and a
// reader of unsigned and signed integers (LEB128 varints, zigzag for signed), doubles (their
// 8 bytes, little-endian), byte strings (length-prefixed), and the envelope — magic, format
// version, configuration fingerprint, content, and a checksum of everything before it, so that
// a truncated file or a flipped byte is refused with a clear message instead of misread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cskpi::detail {

inline constexpr std::string_view state_magic{"CSKPI-STATE\n", 12};
inline constexpr std::uint32_t state_version = 1;

class StateWriter {
 public:
  void u64(std::uint64_t v);
  void i64(std::int64_t v);
  void f64(double v);
  void bytes(std::string_view v);
  [[nodiscard]] const std::string& content() const noexcept { return out_; }

 private:
  std::string out_;
};

/// Reads what a StateWriter wrote. Every read checks its bounds: Error(bad_input) naming
/// `source`, the byte offset and what was expected, never a read past the end.
class StateReader {
 public:
  StateReader(std::string_view bytes, std::string source) : in_(bytes), source_(std::move(source)) {}
  [[nodiscard]] std::uint64_t u64();
  [[nodiscard]] std::int64_t i64();
  [[nodiscard]] double f64();
  [[nodiscard]] std::string_view bytes();
  /// A count of items that each take at least one byte: refused when more than the bytes left
  /// (a damaged count must not make the reader reserve gigabytes).
  [[nodiscard]] std::size_t count();
  [[nodiscard]] bool at_end() const noexcept { return at_ == in_.size(); }
  /// Refuses trailing bytes.
  void expect_end() const;
  /// Error(bad_input): the state is damaged at the current byte, `what` saying how.
  [[noreturn]] void damaged(std::string_view what) const;
  /// The bytes read so far since `from` (an offset given by offset()).
  [[nodiscard]] std::size_t offset() const noexcept { return at_; }
  [[nodiscard]] std::string_view read_since(std::size_t from) const noexcept { return in_.substr(from, at_ - from); }

 private:

  std::string_view in_;
  std::size_t at_ = 0;
  std::string source_;
};

/// The envelope: magic, version, fingerprint, content length and content, checksum.
[[nodiscard]] std::string seal_state(std::uint64_t fingerprint, std::string_view content);

struct OpenedState {
  std::uint64_t fingerprint = 0;
  std::string_view content;  // a view into the bytes given to open_state
};

/// Checks the envelope of `bytes` (named `source` in messages): Error(bad_input) for a file
/// that is not a state, has another format version ("made by a newer cskpi"), is truncated or
/// damaged (checksum).
[[nodiscard]] OpenedState open_state(std::string_view bytes, const std::string& source);

}  // namespace cskpi::detail
