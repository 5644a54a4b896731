#include "io/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <istream>
#include <utility>

#include "cskpi/error.hpp"

namespace cskpi::detail {
namespace {

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

// Bytes that end a run of plain text in an unquoted field.
constexpr bool is_unquoted_special(char c) noexcept { return c == ',' || c == '\n' || c == '\r' || c == '"'; }

// The first LF or CR in [first, last), or last (memchr is vectorised; CR is rare).
const char* line_end_in(const char* first, const char* last) noexcept {
  const auto size = static_cast<std::size_t>(last - first);
  const auto* lf = static_cast<const char*>(std::memchr(first, '\n', size));
  const char* bound = lf != nullptr ? lf : last;
  const auto* cr = static_cast<const char*>(std::memchr(first, '\r', static_cast<std::size_t>(bound - first)));
  return cr != nullptr ? cr : bound;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string name, std::size_t limit, bool simple)
    : in_(in), name_(std::move(name)), limit_(limit), simple_(simple), buf_(chunk_bytes) {}

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
    while (end > begin && is_blank(buf_[end - 1])) --end;
  }
  bounds_.push_back(begin);
  bounds_.push_back(end);
}

void CsvReader::finish_record(CsvRecord& out) {
  out.fields.clear();
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
  const char* const eol = line_end_in(first, last);
  if (eol == last) return Simple::no;  // the line end is not read yet (or this is the last line)
  const auto size = static_cast<std::size_t>(eol - first);
  if (size > limit_ || std::memchr(first, '"', size) != nullptr) return Simple::no;
  out.fields.clear();
  const char* p = first;
  for (;;) {
    const char* q = p;
    while (q != eol && *q != ',') ++q;
    const char* b = p;
    const char* e = q;
    while (b != e && is_blank(*b)) ++b;
    while (e != b && is_blank(e[-1])) --e;
    out.fields.emplace_back(b, static_cast<std::size_t>(e - b));
    if (q == eol) break;
    p = q + 1;
  }
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
          if (is_blank(c)) {
            ++pos_;
          } else if (c == '"') {
            state_ = State::quoted;
            any_quoted_ = true;
            ++pos_;
            field_begin_ = write_ = pos_;
            quoted_cr = false;
          } else if (c == ',') {
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
          while (pos_ < end_ && !is_unquoted_special(buf_[pos_])) ++pos_;
          if (pos_ == end_) break;
          if (buf_[pos_] == '"') {
            malformed_ = true;  // a quote inside an unquoted field: kept as text, record rejected
            ++pos_;
          } else {
            end_field(pos_);
            if (buf_[pos_] == ',') {
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
          if (!is_blank(c) && c != ',' && c != '\n' && c != '\r') malformed_ = true;  // text after the closing quote
          break;
        case State::after_quote:
          if (c == ',' || c == '\n' || c == '\r') {
            bounds_.push_back(field_begin_);
            bounds_.push_back(quoted_end);
            if (c == ',') {
              state_ = State::field_start;
              ++pos_;
            } else {
              line_end = c;
            }
          } else {
            if (!is_blank(c)) malformed_ = true;
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
