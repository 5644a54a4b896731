// Private: group keys of partial states as bytes whose order is the report's order (labels by
// UTF-8 bytes with the null key first, time buckets chronologically), independent of any
// dictionary, so states of different slices or machines merge by key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi::detail {

/// One decoded part of a key: a label (nullopt = the null key) or a time-bucket key.
struct KeyPart {
  bool is_bucket = false;
  std::optional<std::string> label;
  std::int64_t bucket = 0;
};

/// Appends parts: a null label is 0x00; a label is 0x01, its bytes (0x00 written as 0x00 0x01)
/// and the end mark 0x00 0x00; a bucket is 0x02 and 8 big-endian bytes of key ^ 2^63.
class KeyWriter {
 public:
  void null_label() { bytes_.push_back('\x00'); }
  void label(std::string_view text) {
    bytes_.push_back('\x01');
    for (const char c : text) {
      bytes_.push_back(c);
      if (c == '\x00') bytes_.push_back('\x01');
    }
    bytes_.append(2, '\x00');
  }
  void label_or_null(const std::optional<std::string_view>& text) {
    if (text) {
      label(*text);
    } else {
      null_label();
    }
  }
  void bucket(std::int64_t key) {
    bytes_.push_back('\x02');
    const std::uint64_t u = static_cast<std::uint64_t>(key) ^ (std::uint64_t{1} << 63);
    for (int shift = 56; shift >= 0; shift -= 8) bytes_.push_back(static_cast<char>((u >> shift) & 0xFF));
  }
  void clear() noexcept { bytes_.clear(); }
  [[nodiscard]] const std::string& bytes() const noexcept { return bytes_; }

 private:
  std::string bytes_;
};

/// The parts of an encoded key. Throws Error(invalid_argument) on bytes no KeyWriter wrote.
[[nodiscard]] std::vector<KeyPart> decode_key(std::string_view bytes);

/// Re-encodes parts (decode_key's inverse).
[[nodiscard]] std::string encode_key(const std::vector<KeyPart>& parts);

}  // namespace cskpi::detail
