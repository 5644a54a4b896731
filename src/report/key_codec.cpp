#include "report/key_codec.hpp"

#include "cskpi/error.hpp"

namespace cskpi::detail {
namespace {

[[noreturn]] void damaged() { throw Error(ErrorCode::invalid_argument, "a group key of a partial state is damaged"); }

std::string read_label(std::string_view bytes, std::size_t& i) {
  std::string out;
  while (true) {
    if (i >= bytes.size()) damaged();
    const char c = bytes[i++];
    if (c != '\x00') {
      out.push_back(c);
      continue;
    }
    if (i >= bytes.size()) damaged();
    const char next = bytes[i++];
    if (next == '\x00') return out;
    if (next != '\x01') damaged();
    out.push_back('\x00');
  }
}

std::int64_t read_bucket(std::string_view bytes, std::size_t& i) {
  if (bytes.size() - i < 8) damaged();
  std::uint64_t u = 0;
  for (int k = 0; k < 8; ++k) u = (u << 8) | static_cast<unsigned char>(bytes[i++]);
  return static_cast<std::int64_t>(u ^ (std::uint64_t{1} << 63));
}

}  // namespace

std::vector<KeyPart> decode_key(std::string_view bytes) {
  std::vector<KeyPart> parts;
  std::size_t i = 0;
  while (i < bytes.size()) {
    KeyPart part;
    switch (bytes[i++]) {
      case '\x00': break;
      case '\x01': part.label = read_label(bytes, i); break;
      case '\x02':
        part.is_bucket = true;
        part.bucket = read_bucket(bytes, i);
        break;
      default: damaged();
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

std::string encode_key(const std::vector<KeyPart>& parts) {
  KeyWriter w;
  for (const KeyPart& p : parts) {
    if (p.is_bucket) {
      w.bucket(p.bucket);
    } else if (p.label) {
      w.label(std::string_view{*p.label});
    } else {
      w.null_label();
    }
  }
  return w.bytes();
}

}  // namespace cskpi::detail
