#include "io/input_text.hpp"
#include "io/utf8_append.hpp"

#include <algorithm>
#include <cstring>
#include <istream>
#include <streambuf>
#include <vector>

#include "cskpi/error.hpp"

namespace cskpi::detail {
namespace {

constexpr std::size_t block_bytes = std::size_t{64} * 1024;


// windows-1252 0x80-0x9F; the five bytes it leaves undefined map to the C1 controls, as the
// WHATWG encoding standard does (so the bytes survive).
constexpr char32_t cp1252_high[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

constexpr char invalid_byte = '\xFF';  // never part of UTF-8

}  // namespace

class ReplayBuf : public std::streambuf {
 public:
  explicit ReplayBuf(std::streambuf* source) : source_(source) {}

  // Reads up to n more bytes of the source into the replayed head; false at the source's end.
  bool read_ahead(std::size_t n) {
    const std::size_t old = head_.size();
    head_.resize(old + n);
    const std::streamsize got = source_->sgetn(head_.data() + old, static_cast<std::streamsize>(n));
    head_.resize(old + static_cast<std::size_t>(std::max<std::streamsize>(got, 0)));
    if (got <= 0) ended_ = true;
    return got > 0;
  }
  [[nodiscard]] const std::string& head() const noexcept { return head_; }
  [[nodiscard]] bool ended() const noexcept { return ended_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!started_) {
      started_ = true;
      if (!head_.empty()) {
        setg(head_.data(), head_.data(), head_.data() + head_.size());
        return traits_type::to_int_type(*gptr());
      }
    }
    buffer_.resize(block_bytes);
    const std::streamsize got = source_->sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (got <= 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
    return traits_type::to_int_type(*gptr());
  }

  std::streamsize xsgetn(char* s, std::streamsize n) override {
    std::streamsize done = 0;
    while (done < n) {
      const std::streamsize available = egptr() - gptr();
      if (available > 0) {
        const std::streamsize k = std::min(available, n - done);
        std::memcpy(s + done, gptr(), static_cast<std::size_t>(k));
        gbump(static_cast<int>(k));
        done += k;
        continue;
      }
      if (started_ && n - done >= static_cast<std::streamsize>(block_bytes)) {  // big reads skip the copy
        const std::streamsize got = source_->sgetn(s + done, n - done);
        if (got <= 0) break;
        done += got;
        continue;
      }
      if (traits_type::eq_int_type(underflow(), traits_type::eof())) break;
    }
    return done;
  }

 private:
  std::streambuf* source_;
  std::string head_;
  std::vector<char> buffer_;
  bool started_ = false;
  bool ended_ = false;
};

class DecodingBuf : public std::streambuf {
 public:
  enum class From : unsigned char { utf16le, utf16be, latin1, windows1252 };

  DecodingBuf(std::streambuf* source, From from) : source_(source), from_(from), raw_(block_bytes) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    out_.clear();
    while (out_.empty() && !ended_) {
      const std::streamsize got = source_->sgetn(raw_.data(), static_cast<std::streamsize>(raw_.size()));
      if (got <= 0) {
        ended_ = true;
        if (has_odd_ || high_ != 0) out_ += invalid_byte;  // a unit cut short, a lone high surrogate
        break;
      }
      decode(reinterpret_cast<const unsigned char*>(raw_.data()), static_cast<std::size_t>(got));
    }
    if (out_.empty()) return traits_type::eof();
    setg(out_.data(), out_.data(), out_.data() + out_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  void unit(char16_t u) {
    if (first_) {
      first_ = false;
      if (u == 0xFEFF) return;  // the byte order mark
    }
    if (high_ != 0) {
      const char16_t high = high_;
      high_ = 0;
      if (u >= 0xDC00 && u <= 0xDFFF) {
        append_utf8(out_, 0x10000 + ((static_cast<char32_t>(high) - 0xD800) << 10) + (static_cast<char32_t>(u) - 0xDC00));
        return;
      }
      out_ += invalid_byte;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      high_ = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      out_ += invalid_byte;
    } else {
      append_utf8(out_, u);
    }
  }

  void decode(const unsigned char* p, std::size_t n) {
    if (from_ == From::latin1 || from_ == From::windows1252) {
      for (std::size_t i = 0; i < n; ++i) {
        const unsigned char b = p[i];
        if (b < 0x80) {
          out_ += static_cast<char>(b);
        } else if (b < 0xA0 && from_ == From::windows1252) {
          append_utf8(out_, cp1252_high[b - 0x80]);
        } else {
          append_utf8(out_, b);
        }
      }
      return;
    }
    const bool le = from_ == From::utf16le;
    std::size_t i = 0;
    if (has_odd_ && n > 0) {
      has_odd_ = false;
      const unsigned a = odd_;
      const unsigned b = p[0];
      unit(static_cast<char16_t>(le ? a | (b << 8) : (a << 8) | b));
      i = 1;
    }
    for (; i + 1 < n; i += 2) {
      const unsigned a = p[i];
      const unsigned b = p[i + 1];
      unit(static_cast<char16_t>(le ? a | (b << 8) : (a << 8) | b));
    }
    if (i < n) {
      has_odd_ = true;
      odd_ = p[i];
    }
  }

  std::streambuf* source_;
  From from_;
  std::vector<char> raw_;
  std::string out_;
  bool ended_ = false;
  bool first_ = true;
  bool has_odd_ = false;
  unsigned char odd_ = 0;
  char16_t high_ = 0;
};

std::optional<HeaderSpan> find_header(std::string_view text, bool at_eof) noexcept {
  std::size_t i = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (;;) {  // blank lines are not records
    std::size_t j = i;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j == text.size()) {
      if (at_eof) return std::nullopt;
      return std::nullopt;
    }
    if (text[j] != '\n' && text[j] != '\r') break;
    i = j + 1;
  }
  bool quoted = false;
  for (std::size_t j = i; j < text.size(); ++j) {
    const char c = text[j];
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      return HeaderSpan{i, j};
    }
  }
  if (at_eof) return HeaderSpan{i, text.size()};
  return std::nullopt;
}

InputText::InputText(std::istream& in, const std::string& name, bool csv, std::optional<InputEncoding> configured,
                     std::size_t limit) {
  const auto fail = [&name] { throw Error(ErrorCode::io_error, "cannot read " + name); };
  const std::istream::pos_type start = in.tellg();
  const bool seekable = start != std::istream::pos_type(-1);
  std::string head;
  std::streambuf* source = in.rdbuf();
  if (seekable) {
    head.resize(4);
    in.read(head.data(), 4);
    if (in.bad()) fail();
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    in.seekg(start);
  } else {
    raw_ = std::make_unique<ReplayBuf>(in.rdbuf());
    while (raw_->head().size() < 4 && raw_->read_ahead(4 - raw_->head().size())) {
    }
    head = raw_->head();
    source = raw_.get();
  }
  const auto starts = [&head](std::string_view bytes) { return head.compare(0, bytes.size(), bytes) == 0; };
  std::optional<DecodingBuf::From> from;
  if (starts("\xFF\xFE")) {
    from = DecodingBuf::From::utf16le;
    bom_ = true;
  } else if (starts("\xFE\xFF")) {
    from = DecodingBuf::From::utf16be;
    bom_ = true;
  } else if (starts("\xEF\xBB\xBF")) {
    bom_ = true;  // UTF-8, whatever was configured
  } else if (configured == InputEncoding::utf16) {
    from = !head.empty() && head[0] == '\0' ? DecodingBuf::From::utf16be : DecodingBuf::From::utf16le;
  } else if (configured == InputEncoding::latin1) {
    from = DecodingBuf::From::latin1;
  } else if (configured == InputEncoding::windows1252) {
    from = DecodingBuf::From::windows1252;
  }
  if (from) {
    encoding_ = *from == DecodingBuf::From::latin1        ? InputEncoding::latin1
                : *from == DecodingBuf::From::windows1252 ? InputEncoding::windows1252
                                                          : InputEncoding::utf16;
    decoded_ = std::make_unique<DecodingBuf>(source, *from);
    source = decoded_.get();
  }
  const bool direct = !from && seekable;  // the stream itself, untouched
  if (csv) {
    std::string ahead;
    bool at_eof = false;
    std::optional<HeaderSpan> span;
    if (direct) {
      while (!span && !at_eof && ahead.size() <= limit) {
        const std::size_t old = ahead.size();
        ahead.resize(old + block_bytes);
        in.read(ahead.data() + old, static_cast<std::streamsize>(block_bytes));
        if (in.bad()) fail();
        ahead.resize(old + static_cast<std::size_t>(in.gcount()));
        at_eof = ahead.size() < old + block_bytes;
        span = find_header(ahead, at_eof);
      }
      in.clear();
      in.seekg(start);
    } else {
      ReplayBuf* text = raw_ && !decoded_ ? raw_.get() : nullptr;
      if (text == nullptr) {
        text_ = std::make_unique<ReplayBuf>(source);
        text = text_.get();
        source = text;
      }
      span = find_header(text->head(), false);
      while (!span && !text->ended() && text->head().size() <= limit) {
        text->read_ahead(block_bytes);
        span = find_header(text->head(), text->ended());
      }
      ahead = text->head();
    }
    if (span && span->end - span->begin <= limit) header_ = ahead.substr(span->begin, span->end - span->begin);
  }
  if (direct) {
    stream_ = &in;
  } else {
    own_stream_ = std::make_unique<std::istream>(source);
    stream_ = own_stream_.get();
  }
}

InputText::~InputText() = default;

}  // namespace cskpi::detail
