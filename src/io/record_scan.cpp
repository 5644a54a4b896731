#include "io/record_scan.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

// SSE2 (every x86-64) looks for the bytes that matter 16 at a time; CSKPI_NO_SIMD tests the rest.
#if defined(__SSE2__) && !defined(CSKPI_NO_SIMD)
#define CSKPI_SCAN_SSE2 1
#include <emmintrin.h>
#endif

namespace cskpi::detail {
namespace {

constexpr bool is_line_end(char c) noexcept { return c == '\n' || c == '\r'; }

#if defined(CSKPI_SCAN_SSE2)
// The 16 byte hits of block k of 64 bytes as bits 16k … 16k + 15 of a mask.
std::uint64_t hit_bits(__m128i hits, std::size_t k) noexcept {
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hits))) << (16 * k);
}

// Bit k of the result: byte k of the 64 at p is a, b or c. Four 16-byte compares, one mask: a
// loop over 64-byte blocks branches once per block, where 16-byte steps mispredicted an exit
// in nearly every record.
std::uint64_t block_mask(const char* p, __m128i a, __m128i b, __m128i c) noexcept {
  std::uint64_t mask = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    mask |= hit_bits(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)), _mm_cmpeq_epi8(v, c)), k);
  }
  return mask;
}
#endif

// The masks of the 64 bytes at p (PlainCsvScanner).
PlainCsvScanner::Masks scan_masks(const char* p, char separator) noexcept {
  PlainCsvScanner::Masks m;
  const bool tab_blank = separator != '\t';
#if defined(CSKPI_SCAN_SSE2)
  const __m128i sep = _mm_set1_epi8(separator);
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i blank = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8(tab_blank ? '\t' : ' ');  // a TAB separator is no blank
  for (std::size_t k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    m.separators |= hit_bits(_mm_cmpeq_epi8(v, sep), k);
    m.ends |= hit_bits(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)), k);
    m.stop |= hit_bits(_mm_or_si128(_mm_cmpeq_epi8(v, quote), v), k);  // a quote, or the top bit set
    m.blanks |= hit_bits(_mm_or_si128(_mm_cmpeq_epi8(v, blank), _mm_cmpeq_epi8(v, tab)), k);
  }
#else
  for (std::size_t k = 0; k < 64; ++k) {
    const char c = p[k];
    const std::uint64_t bit = std::uint64_t{1} << k;
    if (c == separator) m.separators |= bit;
    if (is_line_end(c)) m.ends |= bit;
    if (c == '"' || static_cast<unsigned char>(c) >= 0x80) m.stop |= bit;
    if (c == ' ' || (c == '\t' && tab_blank)) m.blanks |= bit;
  }
#endif
  return m;
}

// The masks of the 64 bytes at p, of which those before `end` may be read: when fewer than 64
// may, they are copied into zeros (no separator, line end, quote, blank or byte past ASCII).
PlainCsvScanner::Masks masks_at(const char* p, const char* end, char separator) noexcept {
  if (end - p >= 64) return scan_masks(p, separator);
  alignas(16) char tail[64] = {};
  std::memcpy(tail, p, static_cast<std::size_t>(end - p));
  return scan_masks(tail, separator);
}

// The first quote, LF or CR in [first, last), or last.
const char* quote_or_line_end(const char* first, const char* last) noexcept {
#if defined(CSKPI_SCAN_SSE2)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  for (; last - first >= 64; first += 64) {
    const std::uint64_t mask = block_mask(first, lf, cr, quote);
    if (mask != 0) return first + std::countr_zero(mask);
  }
#endif
  while (first != last && *first != '"' && !is_line_end(*first)) ++first;
  return first;
}

// The first LF or CR in [first, last), or last (memchr is vectorised; CR is rare).
const char* line_end_in(const char* first, const char* last) noexcept {
  const auto size = static_cast<std::size_t>(last - first);
  const auto* lf = static_cast<const char*>(std::memchr(first, '\n', size));
  const char* bound = lf != nullptr ? lf : last;
  const auto* cr = static_cast<const char*>(std::memchr(first, '\r', static_cast<std::size_t>(bound - first)));
  return cr != nullptr ? cr : bound;
}

bool is_ascii(std::string_view s) noexcept {
  const char* p = s.data();
  const char* const last = p + s.size();
  std::uint64_t any = 0;
  for (; last - p >= 8; p += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    any |= word;
  }
  for (; p != last; ++p) any |= static_cast<unsigned char>(*p);
  return (any & 0x8080808080808080ull) == 0;
}

// Blanks around unquoted fields: spaces and tabs, or spaces alone when TAB separates fields.
struct Blanks {
  bool tab;
  [[nodiscard]] bool operator()(char c) const noexcept { return c == ' ' || (c == '\t' && tab); }
};

std::string_view trimmed(const char* b, const char* e, Blanks is_blank) noexcept {
  while (b != e && is_blank(*b)) ++b;
  while (e != b && is_blank(e[-1])) --e;
  return {b, static_cast<std::size_t>(e - b)};
}

// A plain record's fields once cut at the separators: trimmed only when the record holds a
// blank at all (most hold none); ASCII, status ok.
void finish_plain(CsvRecord& out, bool any_blank, char separator) noexcept {
  if (any_blank) {
    const Blanks is_blank{separator != '\t'};
    for (std::string_view& f : out.fields) f = trimmed(f.data(), f.data() + f.size(), is_blank);
  }
  out.status = CsvStatus::ok;
  out.ascii = true;
}

}  // namespace

const char* RecordEnd::skip_quoted(const char* p, const char* last) noexcept {
  for (; p != last; ++p) {
    const char c = *p;
    if (c == '"') break;
    if (c == '\r' || (c == '\n' && !quoted_cr_)) ++inner_lines_;
    quoted_cr_ = c == '\r';
  }
  return p;
}

const char* RecordEnd::step(const char* p, const char* last) noexcept {
  while (p != last) {
    const char c = *p;
    switch (state_) {
      case State::field_start:
        if (c == '"') {
          state_ = State::quoted;
          quoted_cr_ = false;
        } else if (is_line_end(c)) {
          return p;
        } else if (c != separator_ && !blank(c)) {
          state_ = State::unquoted;
        }
        ++p;
        break;
      case State::unquoted:
        if (is_line_end(c)) return p;
        if (c == separator_) state_ = State::field_start;
        ++p;
        break;
      case State::quoted:
        p = skip_quoted(p, last);
        if (p != last) {
          state_ = State::quote_in_quoted;
          ++p;
        }
        break;
      case State::quote_in_quoted:
        if (c == '"') {  // "" is one quote
          state_ = State::quoted;
          quoted_cr_ = false;
          ++p;
        } else {
          state_ = State::after_quote;  // c is read again as after the quote
        }
        break;
      case State::after_quote:
        if (is_line_end(c)) return p;
        if (c == separator_) state_ = State::field_start;
        ++p;
        break;
    }
  }
  return last;
}

const char* RecordEnd::find(const char* first, const char* last) noexcept {
  if (!csv_) return line_end_in(first, last);
  const char* p = first;
  while (p != last) {
    if (state_ == State::field_start || state_ == State::unquoted || state_ == State::after_quote) {
      // Outside quotes only a quote can change what a line end means.
      const char* q = quote_or_line_end(p, last);
      if (q != last && *q != '"') return q;
      if (q == last) return step(p, last);  // keeps the state for the bytes that follow
      const char* end = step(p, q + 1);
      if (end != q + 1) return end;
      p = q + 1;
    } else {
      const char* end = step(p, last);
      if (end != last) return end;
      p = last;
    }
  }
  return last;
}

bool all_blank(std::string_view record, char separator) noexcept {
  const Blanks is_blank{separator != '\t'};
  for (const char c : record) {
    if (!is_blank(c)) return false;
  }
  return true;
}

bool split_plain_csv_record(std::string_view record, CsvRecord& out, char separator, std::size_t readable) {
  out.fields.clear();
  const char* const data = record.data();
  const std::size_t n = record.size();
  std::size_t field_begin = 0;
  // Fields are cut at the separators as they are found, and trimmed afterwards (finish_plain).
  const auto field_to = [&](std::size_t end) {
    out.fields.emplace_back(data + field_begin, end - field_begin);
    field_begin = end + 1;
  };
  bool any_blank = false;
  // 64 bytes at a time, each bit past the record masked off (the block's other bytes are read
  // when readable, copied into zeros when not).
  for (std::size_t i = 0; i < n; i += 64) {
    const std::size_t size = std::min<std::size_t>(64, n - i);
    const PlainCsvScanner::Masks m = masks_at(data + i, data + std::max(readable, n), separator);
    const std::uint64_t within = size == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size) - 1;
    if ((m.stop & within) != 0) return false;
    any_blank = any_blank || (m.blanks & within) != 0;
    for (std::uint64_t mask = m.separators & within; mask != 0; mask &= mask - 1) {
      field_to(i + static_cast<std::size_t>(std::countr_zero(mask)));
    }
  }
  field_to(n);
  finish_plain(out, any_blank, separator);
  return true;
}

// The masks of the 64 bytes from the record's start: one block holds most records whole (a
// block aligned to the chunk would split three records in four of a 50-byte file).
const char* PlainCsvScanner::next(const char* p, CsvRecord& out, bool& blank) const noexcept {
  out.fields.clear();
  const char* field_begin = p;
  std::uint64_t blanks = 0;     // any blank in the record
  std::uint64_t nonblanks = 0;  // any other byte
  for (const char* base = p; base < last_; base += 64) {
    const Masks m = masks_at(base, last_, separator_);
    // The record's bits in this block: all, or those before its end.
    const std::uint64_t within = m.ends == 0 ? ~std::uint64_t{0} : (m.ends & (~m.ends + 1)) - 1;
    if ((m.stop & within) != 0) return nullptr;
    for (std::uint64_t s = m.separators & within; s != 0; s &= s - 1) {
      const char* const separator = base + std::countr_zero(s);
      out.fields.emplace_back(field_begin, static_cast<std::size_t>(separator - field_begin));
      field_begin = separator + 1;
    }
    blanks |= m.blanks & within;
    nonblanks |= ~m.blanks & within;
    if (m.ends == 0) continue;
    const char* const end = base + std::countr_zero(m.ends);
    out.fields.emplace_back(field_begin, static_cast<std::size_t>(end - field_begin));
    finish_plain(out, blanks != 0, separator_);
    blank = nonblanks == 0;
    return end;
  }
  return nullptr;  // no line end before `last`
}

void split_csv_record(std::string_view record, CsvRecord& out, std::string& scratch, char separator) {
  const Blanks is_blank{separator != '\t'};
  out.fields.clear();
  out.status = CsvStatus::ok;
  out.ascii = is_ascii(record);
  const char* p = record.data();
  const char* const e = p + record.size();
  if (std::memchr(p, '"', record.size()) == nullptr) {  // the common record: split at separators
    for (;;) {
      const auto* comma = static_cast<const char*>(std::memchr(p, separator, static_cast<std::size_t>(e - p)));
      const char* field_end = comma != nullptr ? comma : e;
      out.fields.push_back(trimmed(p, field_end, is_blank));
      if (comma == nullptr) return;
      p = comma + 1;
    }
  }
  scratch.clear();
  scratch.reserve(record.size());  // never grows past this: views into it stay valid
  bool malformed = false;
  for (;;) {
    while (p != e && is_blank(*p)) ++p;
    if (p != e && *p == '"') {
      ++p;
      const std::size_t begin = scratch.size();
      bool closed = false;
      while (p != e) {
        if (*p == '"') {
          if (p + 1 != e && p[1] == '"') {
            scratch += '"';
            p += 2;
            continue;
          }
          ++p;
          closed = true;
          break;
        }
        scratch += *p++;
      }
      if (!closed) malformed = true;  // the quote is never closed
      while (p != e && *p != separator) {
        if (!is_blank(*p)) malformed = true;  // text after the closing quote
        ++p;
      }
      out.fields.emplace_back(scratch.data() + begin, scratch.size() - begin);
    } else {
      const char* const field_begin = p;
      while (p != e && *p != separator) {
        if (*p == '"') malformed = true;  // a quote inside an unquoted field: kept as text
        ++p;
      }
      out.fields.push_back(trimmed(field_begin, p, is_blank));
    }
    if (p == e) break;
    ++p;  // the separator
  }
  if (malformed) out.status = CsvStatus::malformed_quote;
}

}  // namespace cskpi::detail
