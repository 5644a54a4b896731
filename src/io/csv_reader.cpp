#include "io/csv_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <istream>
#include <utility>

#include "cskpi/error.hpp"

// SSE2 (every x86-64) scans 16 bytes at a time; elsewhere, or with CSKPI_NO_SIMD (to test the
// portable code), eight at a time.
#if defined(__SSE2__) && !defined(CSKPI_NO_SIMD)
#define CSKPI_CSV_SSE2 1
#include <emmintrin.h>
#endif

namespace cskpi::detail {
namespace {

#if !defined(CSKPI_CSV_SSE2)
// The first separator in [first, last), or last: eight bytes at a time (a zero byte of
// word ^ ",,,,,,,," is a separator; the lowest flagged byte is always a true one).
const char* comma_in(const char* first, const char* last, char separator) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  const std::uint64_t commas = ones * static_cast<unsigned char>(separator);
  while (last - first >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, first, 8);
    if constexpr (std::endian::native == std::endian::little) {
      const std::uint64_t x = word ^ commas;
      const std::uint64_t found = (x - ones) & ~x & highs;
      if (found != 0) return first + std::countr_zero(found) / 8;
    } else {
      break;
    }
    first += 8;
  }
  while (first != last && *first != separator) ++first;
  return first;
}

// Whether every byte of [first, last) is ASCII.
bool is_ascii(const char* first, const char* last) noexcept {
  std::uint64_t any = 0;
  for (; last - first >= 8; first += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, first, 8);
    any |= word;
  }
  for (; first != last; ++first) any |= static_cast<unsigned char>(*first);
  return (any & 0x8080808080808080ull) == 0;
}

// The first LF or CR in [first, last), or last (memchr is vectorised; CR is rare).
const char* line_end_in(const char* first, const char* last) noexcept {
  const auto size = static_cast<std::size_t>(last - first);
  const auto* lf = static_cast<const char*>(std::memchr(first, '\n', size));
  const char* bound = lf != nullptr ? lf : last;
  const auto* cr = static_cast<const char*>(std::memchr(first, '\r', static_cast<std::size_t>(bound - first)));
  return cr != nullptr ? cr : bound;
}

#endif

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string name, std::size_t limit, bool simple, char separator)
    : in_(in),
      name_(std::move(name)),
      limit_(limit),
      simple_(simple),
      separator_(separator),
      tab_blank_(separator != '\t'),
      buf_(std::size_t{64} * 1024) {}  // grows by doubling as the input needs: a small file costs little

bool CsvReader::fill() {
  if (eof_) return false;
  if (!skipping_ && pos_ - rec_ > limit_) skipping_ = true;
  // Keep the record being scanned (only the unscanned bytes when it is being skipped).
  const std::size_t shift = skipping_ ? pos_ : rec_;
  if (shift > 0) {
    std::memmove(buf_.data(), buf_.data() + shift, end_ - shift);
    const auto adjust = [shift](std::size_t& x) { x = x > shift ? x - shift : 0; };
    adjust(end_);
    adjust(pos_);
    adjust(rec_);
    adjust(field_begin_);
    adjust(write_);
    for (std::size_t& b : bounds_) adjust(b);
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

void CsvReader::end_field(std::size_t end) {
  std::size_t begin = field_begin_;
  if (state_ == State::unquoted) {
    while (end > begin && blank(buf_[end - 1])) --end;
  }
  bounds_.push_back(begin);
  bounds_.push_back(end);
}

void CsvReader::finish_record(CsvRecord& out) {
  out.fields.clear();
  out.ascii = false;
  if (skipping_) {
    out.status = CsvStatus::too_long;
    return;
  }
  out.status = malformed_ ? CsvStatus::malformed_quote : CsvStatus::ok;
  for (std::size_t i = 0; i + 1 < bounds_.size(); i += 2) {
    out.fields.emplace_back(buf_.data() + bounds_[i], bounds_[i + 1] - bounds_[i]);
  }
}

// The common record, read without the state machine: a whole line already in the buffer, with
// no quote and no longer than the limit, split at commas and trimmed of blanks, exactly as the
// state machine would read it.
CsvReader::Simple CsvReader::simple_record(CsvRecord& out) {
  const char* const first = buf_.data() + pos_;
  const char* const last = buf_.data() + end_;
  const auto trimmed = [this](const char* b, const char* e) {
    while (b != e && blank(*b)) ++b;
    while (e != b && blank(e[-1])) --e;
    return std::string_view(b, static_cast<std::size_t>(e - b));
  };
  out.fields.clear();
#if defined(CSKPI_CSV_SSE2)
  // One pass, 16 bytes at a time: line end, quotes, commas, blanks and high bits as bit masks.
  // Fields are trimmed afterwards, and only when the line has a blank.
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i comma = _mm_set1_epi8(separator_);
  const __m128i space = _mm_set1_epi8(' ');
  // With a TAB separator a tab is no blank: compare with a space again instead.
  const __m128i tab = _mm_set1_epi8(tab_blank_ ? '\t' : ' ');
  // A line end must come before this: past the limit the state machine reads the record.
  const char* const bound = static_cast<std::size_t>(last - first) > limit_ ? first + limit_ + 1 : last;
  const char* field = first;
  const char* eol = nullptr;
  unsigned high = 0;
  unsigned blanks = 0;
  for (const char* block = first; eol == nullptr; block += 16) {
    if (block >= bound) return Simple::no;
    __m128i v;
    if (last - block >= 16) {
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    } else {  // the end of the buffer: zeros past it are nothing special
      alignas(16) char tail[16] = {};
      std::memcpy(tail, block, static_cast<std::size_t>(last - block));
      v = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
    }
    const auto mask_of = [&v](__m128i c) {
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, c)));
    };
    const unsigned ends = mask_of(lf) | mask_of(cr);
    unsigned keep = 0xFFFFu;  // the bytes of the block that belong to the line
    if (ends != 0) {
      const int stop = std::countr_zero(ends);
      keep = (1u << stop) - 1;
      eol = block + stop;
    }
    if ((mask_of(quote) & keep) != 0) return Simple::no;
    high |= static_cast<unsigned>(_mm_movemask_epi8(v)) & keep;
    blanks |= (mask_of(space) | mask_of(tab)) & keep;
    for (unsigned commas = mask_of(comma) & keep; commas != 0; commas &= commas - 1) {
      const char* at = block + std::countr_zero(commas);
      out.fields.emplace_back(field, static_cast<std::size_t>(at - field));
      field = at + 1;
    }
  }
  if (static_cast<std::size_t>(eol - first) > limit_) return Simple::no;
  out.fields.emplace_back(field, static_cast<std::size_t>(eol - field));
  if (blanks != 0) {
    for (std::string_view& f : out.fields) f = trimmed(f.data(), f.data() + f.size());
  }
  out.ascii = high == 0;
#else
  const char* const eol = line_end_in(first, last);
  if (eol == last) return Simple::no;  // the line end is not read yet (or this is the last line)
  const auto size = static_cast<std::size_t>(eol - first);
  if (size > limit_ || std::memchr(first, '"', size) != nullptr) return Simple::no;
  for (const char* p = first;;) {
    const char* q = comma_in(p, eol, separator_);
    out.fields.push_back(trimmed(p, q));
    if (q == eol) break;
    p = q + 1;
  }
  out.ascii = is_ascii(first, eol);
#endif
  pending_lf_ = *eol == '\r';
  pos_ = static_cast<std::size_t>(eol - buf_.data()) + 1;
  out.line = line_++;
  if (out.fields.size() == 1 && out.fields[0].empty()) return Simple::blank;  // a blank line is not a record
  out.status = CsvStatus::ok;
  return Simple::record;
}

bool CsvReader::next(CsvRecord& out) {
  if (!started_) {
    started_ = true;
    fill();
    if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  for (;;) {
    // A new record starts at pos_.
    state_ = State::field_start;
    malformed_ = false;
    skipping_ = false;
    any_quoted_ = false;
    bounds_.clear();
    std::size_t quoted_end = 0;  // end of the unescaped text of a closed quoted field
    bool quoted_cr = false;      // the previous byte inside quotes was CR
    rec_ = pos_;
    if (pending_lf_) {  // the previous record ended with CR: a following LF belongs to it
      if (pos_ == end_) fill();
      if (pos_ < end_ && buf_[pos_] == '\n') ++pos_;
      pending_lf_ = false;
      rec_ = pos_;
    }
    const Simple simple = simple_ ? simple_record(out) : Simple::no;
    if (simple == Simple::record) return true;
    if (simple == Simple::blank) continue;
    const std::uint64_t first_line = line_;
    bool at_eof = false;
    char line_end = 0;
    while (line_end == 0) {
      if (pos_ == end_) {
        if (!fill()) {
          at_eof = true;
          break;
        }
      }
      const char c = buf_[pos_];
      switch (state_) {
        case State::field_start:
          if (blank(c)) {
            ++pos_;
          } else if (c == '"') {
            state_ = State::quoted;
            any_quoted_ = true;
            ++pos_;
            field_begin_ = write_ = pos_;
            quoted_cr = false;
          } else if (c == separator_) {
            field_begin_ = pos_;
            end_field(pos_);
            ++pos_;
          } else if (c == '\n' || c == '\r') {
            field_begin_ = pos_;
            end_field(pos_);
            line_end = c;
          } else {
            state_ = State::unquoted;
            field_begin_ = pos_;
          }
          break;
        case State::unquoted:
          while (pos_ < end_ && !unquoted_special(buf_[pos_])) ++pos_;
          if (pos_ == end_) break;
          if (buf_[pos_] == '"') {
            malformed_ = true;  // a quote inside an unquoted field: kept as text, record rejected
            ++pos_;
          } else {
            end_field(pos_);
            if (buf_[pos_] == separator_) {
              state_ = State::field_start;
              ++pos_;
            } else {
              line_end = buf_[pos_];
            }
          }
          break;
        case State::quoted:
          while (pos_ < end_) {
            const char q = buf_[pos_];
            if (q == '"') break;
            if (q == '\r' || (q == '\n' && !quoted_cr)) ++line_;
            quoted_cr = q == '\r';
            buf_[write_++] = q;
            ++pos_;
          }
          if (pos_ < end_) {
            state_ = State::quote_in_quoted;
            ++pos_;
          }
          break;
        case State::quote_in_quoted:
          if (c == '"') {  // "" is one quote
            buf_[write_++] = '"';
            state_ = State::quoted;
            quoted_cr = false;
            ++pos_;
            break;
          }
          quoted_end = write_;
          state_ = State::after_quote;
          if (!blank(c) && c != separator_ && c != '\n' && c != '\r') malformed_ = true;  // text after the closing quote
          break;
        case State::after_quote:
          if (c == separator_ || c == '\n' || c == '\r') {
            bounds_.push_back(field_begin_);
            bounds_.push_back(quoted_end);
            if (c == separator_) {
              state_ = State::field_start;
              ++pos_;
            } else {
              line_end = c;
            }
          } else {
            if (!blank(c)) malformed_ = true;
            ++pos_;
          }
          break;
      }
    }
    if (at_eof) {
      switch (state_) {
        case State::field_start:
          if (bounds_.empty()) return false;  // nothing (or only spaces) after the last line end
          field_begin_ = pos_;
          end_field(pos_);
          break;
        case State::unquoted: end_field(pos_); break;
        case State::quoted:
          malformed_ = true;  // the quote is never closed
          bounds_.push_back(field_begin_);
          bounds_.push_back(write_);
          break;
        case State::quote_in_quoted:
          bounds_.push_back(field_begin_);
          bounds_.push_back(write_);
          break;
        case State::after_quote:
          bounds_.push_back(field_begin_);
          bounds_.push_back(quoted_end);
          break;
      }
    } else {
      ++pos_;  // the line end
      ++line_;
      pending_lf_ = line_end == '\r';
    }
    if (!skipping_ && pos_ - rec_ > limit_ + (at_eof ? 0 : 1)) skipping_ = true;
    // A blank line (empty or only spaces) is not a record.
    if (!skipping_ && !any_quoted_ && bounds_.size() == 2 && bounds_[0] == bounds_[1]) {
      if (at_eof) return false;
      continue;
    }
    out.line = first_line;
    finish_record(out);
    return true;
  }
}

}  // namespace cskpi::detail
