#include "report/state_codec.hpp"

#include <fmt/format.h>

#include <cstring>

#include "cskpi/error.hpp"
#include "cskpi/io/partition.hpp"

namespace cskpi::detail {

void StateWriter::u64(std::uint64_t v) {
  while (v >= 0x80) {
    out_ += static_cast<char>(0x80 | (v & 0x7F));
    v >>= 7;
  }
  out_ += static_cast<char>(v);
}

void StateWriter::i64(std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v);
  u64((u << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0));  // zigzag: small magnitudes, few bytes
}

void StateWriter::f64(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  for (int i = 0; i < 8; ++i) out_ += static_cast<char>((bits >> (8 * i)) & 0xFF);
}

void StateWriter::bytes(std::string_view v) {
  u64(v.size());
  out_.append(v);
}

void StateReader::damaged(std::string_view what) const {
  throw Error(ErrorCode::bad_input,
              fmt::format("{}: the state is damaged at byte {}: {} (write it again from the inputs)", source_, at_, what));
}

std::uint64_t StateReader::u64() {
  std::uint64_t v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    if (at_ == in_.size()) damaged("it ends inside a number");
    const auto byte = static_cast<unsigned char>(in_[at_++]);
    if (shift == 63 && byte > 1) damaged("a number longer than 64 bits");
    v |= std::uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) return v;
  }
  damaged("a number longer than 64 bits");
}

std::int64_t StateReader::i64() {
  const std::uint64_t u = u64();
  return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

double StateReader::f64() {
  if (in_.size() - at_ < 8) damaged("it ends inside a number");
  std::uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits |= std::uint64_t{static_cast<unsigned char>(in_[at_++])} << (8 * i);
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string_view StateReader::bytes() {
  const std::uint64_t n = u64();
  if (n > in_.size() - at_) damaged("a text longer than the bytes left");
  const std::string_view v = in_.substr(at_, static_cast<std::size_t>(n));
  at_ += static_cast<std::size_t>(n);
  return v;
}

std::size_t StateReader::count() {
  const std::uint64_t n = u64();
  if (n > in_.size() - at_) damaged("a count larger than the bytes left");
  return static_cast<std::size_t>(n);
}

void StateReader::expect_end() const {
  if (!at_end()) damaged("bytes after the end of the content");
}

std::string seal_state(std::uint64_t fingerprint, std::string_view content) {
  StateWriter w;
  w.u64(state_version);
  w.u64(fingerprint);
  w.bytes(content);
  std::string out{state_magic};
  out += w.content();
  const std::uint64_t check = stable_hash(out);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((check >> (8 * i)) & 0xFF);
  return out;
}

OpenedState open_state(std::string_view bytes, const std::string& source) {
  if (bytes.substr(0, state_magic.size()) != state_magic) {
    throw Error(ErrorCode::bad_input, fmt::format("{}: not a cskpi state (it does not start with \"CSKPI-STATE\")", source));
  }
  if (bytes.size() < state_magic.size() + 8) {
    throw Error(ErrorCode::bad_input, fmt::format("{}: the state is truncated (write it again from the inputs)", source));
  }
  StateReader r(bytes.substr(state_magic.size(), bytes.size() - state_magic.size() - 8), source);
  const std::uint64_t version = r.u64();
  if (version != state_version) {
    throw Error(ErrorCode::bad_input,
                fmt::format("{}: state format version {} (this cskpi reads version {}{})", source, version, state_version,
                            version > state_version ? "; it was written by a newer cskpi" : ""));
  }
  std::uint64_t check = 0;
  const std::string_view tail = bytes.substr(bytes.size() - 8);
  for (int i = 0; i < 8; ++i) check |= std::uint64_t{static_cast<unsigned char>(tail[static_cast<std::size_t>(i)])} << (8 * i);
  if (check != stable_hash(bytes.substr(0, bytes.size() - 8))) {
    throw Error(ErrorCode::bad_input,
                fmt::format("{}: the state is damaged or truncated (its checksum does not match; write it again from "
                            "the inputs)",
                            source));
  }
  OpenedState out;
  out.fingerprint = r.u64();
  out.content = r.bytes();
  r.expect_end();
  return out;
}

}  // namespace cskpi::detail
