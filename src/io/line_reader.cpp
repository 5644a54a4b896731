#include "io/line_reader.hpp"

#include <algorithm>
#include <cstring>
#include <istream>
#include <utility>

#include "cskpi/error.hpp"

namespace cskpi::detail {
namespace {

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

// The first LF or CR in [first, last), or last (memchr is vectorised; CR is rare).
const char* line_end_in(const char* first, const char* last) noexcept {
  const auto size = static_cast<std::size_t>(last - first);
  const auto* lf = static_cast<const char*>(std::memchr(first, '\n', size));
  const char* bound = lf != nullptr ? lf : last;
  const auto* cr = static_cast<const char*>(std::memchr(first, '\r', static_cast<std::size_t>(bound - first)));
  return cr != nullptr ? cr : bound;
}

}  // namespace

LineReader::LineReader(std::istream& in, std::string name, std::size_t limit)
    : in_(in), name_(std::move(name)), limit_(limit), buf_(std::size_t{64} * 1024) {}  // grows as the input needs

bool LineReader::fill() {
  if (eof_) return false;
  if (!skipping_ && pos_ - begin_ > limit_) skipping_ = true;
  const std::size_t shift = skipping_ ? pos_ : begin_;
  if (shift > 0) {
    std::memmove(buf_.data(), buf_.data() + shift, end_ - shift);
    end_ -= shift;
    pos_ -= shift;
    begin_ = begin_ > shift ? begin_ - shift : 0;
  }
  if (buf_.size() - end_ < chunk_bytes / 4 && buf_.size() <= limit_) {
    buf_.resize(std::min(buf_.size() * 2, limit_ + chunk_bytes));
  }
  in_.read(buf_.data() + end_, static_cast<std::streamsize>(buf_.size() - end_));
  const auto got = static_cast<std::size_t>(in_.gcount());
  if (in_.bad()) throw Error(ErrorCode::io_error, "cannot read " + name_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::next(Line& out) {
  if (!started_) {
    started_ = true;
    fill();
    if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  for (;;) {
    begin_ = pos_;
    if (pending_lf_) {
      if (pos_ == end_) fill();
      if (pos_ < end_ && buf_[pos_] == '\n') ++pos_;
      pending_lf_ = false;
      begin_ = pos_;
    }
    skipping_ = false;
    bool found = false;
    for (;;) {
      const char* first = buf_.data() + pos_;
      const char* last = buf_.data() + end_;
      const char* hit = line_end_in(first, last);
      pos_ = static_cast<std::size_t>(hit - buf_.data());
      if (hit != last) {
        found = true;
        break;
      }
      if (!fill()) break;
    }
    if (!found && pos_ == begin_ && !skipping_) return false;  // end of input
    const std::size_t line_end = pos_;
    if (found) {
      pending_lf_ = buf_[pos_] == '\r';
      ++pos_;
    }
    ++line_;
    if (skipping_ || line_end - begin_ > limit_) {
      out.number = line_;
      out.too_long = true;
      out.text = {};
      return true;
    }
    const std::string_view text(buf_.data() + begin_, line_end - begin_);
    if (std::all_of(text.begin(), text.end(), is_space)) {
      if (!found) return false;
      continue;  // a blank line is not a record
    }
    out.number = line_;
    out.too_long = false;
    out.text = text;
    return true;
  }
}

}  // namespace cskpi::detail
