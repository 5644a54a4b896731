#include "cskpi/model/dictionary.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "cskpi/error.hpp"
#include "detail/huge_pages.hpp"
#include "detail/same_text.hpp"

namespace cskpi {
namespace {

std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return v;
}

std::uint64_t load32(const char* p) noexcept {
  std::uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v;
}

// 128-bit multiply, folded.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ using Wide = unsigned __int128;
  const Wide r = static_cast<Wide>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
#else  // the same product from 32-bit halves
  const std::uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
  const std::uint64_t high = (hi_lo >> 32) + (cross >> 32) + hi_hi;
  const std::uint64_t low = (cross << 32) | (lo_lo & 0xFFFFFFFFu);
  return low ^ high;
#endif
}

constexpr std::uint64_t k0 = 0xa0761d6478bd642full;
constexpr std::uint64_t k1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t k2 = 0x8ebc6af09c88c6e3ull;

// A wyhash-style hash: one or two multiplies for the short labels and ids that dominate loading
// (std::hash's murmur loop is slower on them); every bit of the result depends on every input
// bit, so both the table index (low bits) and the tag (high bits) are well spread.
std::uint64_t hash_of(std::string_view value) noexcept {
  const char* p = value.data();
  const std::size_t n = value.size();
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::uint64_t seed = k0;
  if (n <= 16) {
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
          (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) | static_cast<unsigned char>(p[n - 1]);
    }
  } else {
    std::size_t i = n;
    while (i > 16) {
      seed = mix(load64(p) ^ k1, load64(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    a = load64(p + i - 16);
    b = load64(p + i - 8);
  }
  return mix(k1 ^ n, mix(a ^ k1, b ^ seed ^ k2));
}

// Shortlex order (shorter first, then bytes): < 0, 0 or > 0 as a comes before, is, or comes after b.
int shortlex(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const std::size_t n = a.size();
  if (n >= 8 && n <= 16) {  // most ids: two words in byte order (the second overlaps), no memcmp call
    const auto word = [](const char* p) {
      std::uint64_t v = 0;
      std::memcpy(&v, p, 8);
      if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
      return v;
    };
    std::uint64_t x = word(a.data());
    std::uint64_t y = word(b.data());
    if (x == y) {
      x = word(a.data() + n - 8);
      y = word(b.data() + n - 8);
    }
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  return n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
}

// A value's trailing digits (at most 18) as a number, and the text before them.
struct NumericSuffix {
  std::string_view prefix;
  std::uint64_t number = 0;
  bool found = false;
};

NumericSuffix numeric_suffix(std::string_view v) noexcept {
  constexpr std::size_t most = 18;  // below 2^63
  std::size_t i = v.size();
  while (i > 0 && v.size() - i < most && v[i - 1] >= '0' && v[i - 1] <= '9') --i;
  if (i == v.size()) return {};
  std::uint64_t n = 0;
  for (std::size_t j = i; j < v.size(); ++j) n = n * 10 + static_cast<unsigned>(v[j] - '0');
  return {v.substr(0, i), n, true};
}

constexpr std::size_t min_slots = 16;

// The load factor stays at most 7/10: linear probing with 24-bit tags still ends most probes
// at the first slot, and a reserve() for a few percent more than a power of two no longer
// doubles the table (a table at ½ did: 32 MiB instead of 16 for 1.05M ids).
constexpr bool fits(std::size_t entries, std::size_t slots) noexcept { return 10 * entries <= 7 * slots; }

// A vector of `n` zeros whose pages are advised huge before the zeros touch them.
std::vector<std::uint64_t> zeroed(std::size_t n) {
  std::vector<std::uint64_t> v;
  v.reserve(n);
  detail::advise_huge_pages(v.data(), n * sizeof(std::uint64_t));
  v.resize(n, 0);
  return v;
}

}  // namespace

// A slot: the top 24 bits of the hash over the entry's offset + 1 (40 bits: a 1 TiB arena).
constexpr std::uint64_t offset_bits = 40;
constexpr std::uint64_t offset_mask = (std::uint64_t{1} << offset_bits) - 1;
constexpr std::uint64_t tag_of(std::uint64_t hash) noexcept { return hash & ~offset_mask; }
constexpr std::uint64_t offset_in(std::uint64_t slot) noexcept { return (slot & offset_mask) - 1; }

std::uint32_t code_at(const std::string& bytes, std::uint64_t offset) noexcept {
  std::uint32_t code = 0;
  std::memcpy(&code, bytes.data() + offset, 4);
  return code;
}

std::size_t Dictionary::slot_of(std::string_view value, std::uint64_t value_hash) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = tag_of(value_hash);
  std::size_t i = static_cast<std::size_t>(value_hash) & mask;
  while (slots_[i] != 0) {
    if (tag_of(slots_[i]) == tag && detail::same_text(entry_text(offset_in(slots_[i])), value)) return i;
    i = (i + 1) & mask;
  }
  return i;
}

// The hashes are not kept (8 bytes a value): a rehash computes them again from the arena, at most
// twice per value over the table's growth, and never after reserve(). A numbered dictionary's
// table holds the values of another form only.
void Dictionary::rehash(std::size_t slot_count) {
  std::vector<std::uint64_t> slots = zeroed(slot_count);
  const std::size_t mask = slot_count - 1;
  const auto place = [&](std::uint32_t code) {
    const std::uint64_t offset = offset_of(code);
    const std::uint64_t h = hash_of(entry_text(offset));
    std::size_t i = static_cast<std::size_t>(h) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = tag_of(h) | (offset + 1);
  };
  if (numbered_) {
    for (const std::uint32_t code : other_codes_) place(code);
  } else {
    for (std::uint32_t code = 0; code < size(); ++code) place(code);
  }
  slots_ = std::move(slots);
}

namespace {

// The table size for n entries.
std::size_t slots_for(std::size_t n) noexcept {
  std::size_t want = min_slots;
  while (!fits(n, want)) want *= 2;
  return want;
}

}  // namespace

void Dictionary::push_offset(std::uint64_t offset) const {
  if (wide_offsets_.empty() && offset < narrow_limit_) {
    offsets_.push_back(static_cast<std::uint32_t>(offset));
    return;
  }
  if (wide_offsets_.empty()) {  // the first entry past 4 GiB: every offset moves to 8 bytes
    wide_offsets_.reserve(offsets_.size() + 1);
    wide_offsets_.assign(offsets_.begin(), offsets_.end());
    std::vector<std::uint32_t>().swap(offsets_);
  }
  wide_offsets_.push_back(offset);
}

void Dictionary::release_index() {
  std::vector<std::uint64_t>().swap(slots_);
  std::vector<std::uint32_t>().swap(by_number_);
}

void Dictionary::restore_index() {
  if (run_) return;  // a run's codes follow from the numbers
  if (ordered_) {
    note_last_number();
    if (guesses_well()) return;
    ordered_ = false;  // a table (or the numbers) find these values faster than a search from a poor guess
    if (numbering_possible_ && try_numbered()) return;
  }
  if (numbered_) {
    if (by_number_.empty() && size() > 0) build_numbers();
    return;
  }
  if (slots_.empty() && size() > 0) rehash(slots_for(std::max(size(), reserved_)));
}

bool Dictionary::guesses_well() const noexcept {
  constexpr std::size_t tries = 64;
  constexpr std::size_t near = 16;  // codes off: a few steps of galloping
  const std::size_t n = size();
  if (n <= near) return true;
  for (std::size_t k = 0; k < tries; ++k) {
    const std::size_t code = k * (n - 1) / (tries - 1);
    const std::size_t guess = guess_ordered(value(static_cast<std::uint32_t>(code)));
    if ((guess > code ? guess - code : code - guess) > near) return false;
  }
  return true;
}

void Dictionary::reserve(std::size_t n) {
  reserved_ = std::max(reserved_, n);
  if (run_) return;  // a run writes no entry: end_run() reserves
  const std::size_t want = slots_for(n);
  if (!ordered_ && !numbered_ && want > slots_.size()) rehash(want);
  if (wide_offsets_.empty() && n > offsets_.capacity()) {
    offsets_.reserve(n);
    detail::advise_huge_pages(offsets_.data(), offsets_.capacity() * sizeof(std::uint32_t));
  }
  // The entries at the mean size so far (24 bytes for a new dictionary: ids are mostly shorter).
  const std::size_t mean = size() == 0 ? 24 : bytes_.size() / size() + 1;
  if (n * mean > bytes_.capacity()) {
    bytes_.reserve(n * mean);
    detail::advise_huge_pages(bytes_.data(), bytes_.capacity());
  }
}

void Dictionary::unwritten_reserve(std::size_t values, std::vector<MemorySpan>& out) const {
  const auto spare = [&out](const auto& v, std::size_t n) {
    n = std::min(v.capacity() - v.size(), n);
    if (n * sizeof(v[0]) >= min_unwritten) out.push_back({v.data() + v.size(), n * sizeof(v[0])});
  };
  spare(offsets_, values);
  spare(wide_offsets_, values);
  // The arena at the mean entry so far (+ 1 byte): the reserve guessed 24 bytes before any.
  if (size() == 0) return;
  const std::size_t bytes = std::min(bytes_.capacity() - bytes_.size(), values * (bytes_.size() / size() + 1));
  if (bytes >= min_unwritten) out.push_back({bytes_.data() + bytes_.size(), bytes});  // never the short-string buffer
}

// Out of line on purpose: inlined into callers, g++ 12 drops the prefetch as dead code.
void Dictionary::prefetch(std::uint64_t value_hash) const noexcept {
  if (slots_.empty() || value_hash == 0) return;  // 0: not computed
  __builtin_prefetch(&slots_[value_hash & (slots_.size() - 1)]);
}

void Dictionary::prefetch(std::string_view value, std::uint64_t value_hash) const noexcept {
  if (!numbered_) return prefetch(value_hash);
  const auto n = number_of(value);
  if (!n) return prefetch(value_hash);  // the table of the values of another form
  if (*n < by_number_.size()) __builtin_prefetch(&by_number_[static_cast<std::size_t>(*n)]);
}

// The entry of the first slot on the value's probe path whose tag matches: at the table's load
// (up to 7/10) the value's own slot is often a few places past the home slot, and a home slot
// alone left the entry unfetched for some 40 % of the finds. The path's slots were prefetched
// before (prefetch()): they share the home slot's cache line or the next.
void Dictionary::prefetch_entry(std::uint64_t value_hash) const noexcept {
  if (slots_.empty() || value_hash == 0) return;  // 0: not computed
  constexpr int path = 8;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = tag_of(value_hash);
  std::size_t i = value_hash & mask;
  for (int step = 0; step < path; ++step, i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return;  // not in the table: nothing to fetch
    if (tag_of(slot) == tag) {
      __builtin_prefetch(bytes_.data() + offset_in(slot));
      return;
    }
  }
}

std::uint64_t Dictionary::hash(std::string_view value) noexcept { return hash_of(value); }

void Dictionary::check_room() const {
  if (size() >= no_code - 1) {
    throw Error(ErrorCode::invalid_argument, "Dictionary: more than 4294967294 distinct labels");
  }
}

std::uint32_t Dictionary::append(std::string_view value) {
  check_room();
  if (value.size() > std::numeric_limits<std::uint32_t>::max() || bytes_.size() + value.size() >= offset_mask) {
    throw Error(ErrorCode::invalid_argument, "Dictionary: the labels exceed 1 TiB");
  }
  const auto code = static_cast<std::uint32_t>(size());
  const std::uint64_t offset = bytes_.size();
  const auto length = static_cast<std::uint32_t>(value.size());
  char header[entry_header];
  std::memcpy(header, &code, 4);
  std::memcpy(header + 4, &length, 4);
  bytes_.append(header, entry_header);
  bytes_.append(value);
  push_offset(offset);
  ++count_;
  if (code == 0) {
    const NumericSuffix first = numeric_suffix(value);
    first_digits_at_ = first.prefix.size();
    first_number_ = first.number;
    first_numbered_ = first.found;
    first_digit_count_ = value.size() - first.prefix.size();
    first_prefix_.assign(first.prefix);
    note_numbering(value);
  }
  return code;
}

std::uint32_t Dictionary::continue_run(std::string_view value) {
  if (size() == 0) {
    const std::uint32_t code = append(value);
    if (!first_numbered_) end_run();  // no number: no run
    return code;
  }
  const auto n = number_of(value);
  if (!n || *n != first_number_ + size() || run_entries_.state.load(std::memory_order_acquire) != RunEntries::unwritten) {
    return no_code;  // out of the run, or its entries written (value() asked): the entries go on
  }
  check_room();
  return static_cast<std::uint32_t>(count_++);
}

std::optional<std::uint32_t> Dictionary::find_in_run(std::string_view value) const noexcept {
  const auto n = number_of(value);
  if (!n || *n < first_number_ || *n - first_number_ >= size()) return std::nullopt;
  return static_cast<std::uint32_t>(*n - first_number_);
}

void Dictionary::write_run_entries() const noexcept {
  std::atomic<int>& state = run_entries_.state;
  int seen = RunEntries::unwritten;
  if (!state.compare_exchange_strong(seen, RunEntries::writing, std::memory_order_acq_rel)) {
    while (seen != RunEntries::written) {  // another thread writes them
      state.wait(seen, std::memory_order_acquire);
      seen = state.load(std::memory_order_acquire);
    }
    return;
  }
  // The text of code 0 (written), then each next number: the digits counted up in place.
  std::string text(value(0));
  const std::size_t length = text.size();
  const std::size_t entries = size() - 1;
  bytes_.reserve(bytes_.size() + entries * (entry_header + length));
  detail::advise_huge_pages(bytes_.data(), bytes_.capacity());
  if (wide_offsets_.empty()) offsets_.reserve(size());
  char header[entry_header];
  const auto text_length = static_cast<std::uint32_t>(length);
  std::memcpy(header + 4, &text_length, 4);
  for (std::uint32_t code = 1; code < size(); ++code) {
    for (std::size_t i = length; i-- > first_digits_at_ && ++text[i] > '9';) text[i] = '0';
    push_offset(bytes_.size());
    std::memcpy(header, &code, 4);
    bytes_.append(header, entry_header);
    bytes_.append(text);
  }
  state.store(RunEntries::written, std::memory_order_release);
  state.notify_all();
}

void Dictionary::end_run() {
  if (size() > 1) write_run_entries();
  run_ = false;
  if (reserved_ > size()) reserve(reserved_);  // deferred while the run wrote no entry
}

std::uint32_t Dictionary::intern(std::string_view value, std::uint64_t value_hash) {
  if (run_) {
    if (const std::uint32_t code = continue_run(value); code != no_code) return code;
    if (run_) end_run();
  }
  if (ordered_) {
    if (size() == 0 || shortlex(this->value(static_cast<std::uint32_t>(size() - 1)), value) < 0) return append(value);
    leave_ordered();  // out of order: the values so far are indexed by number or by a table
  }
  if (numbered_) {
    const auto n = number_of(value);
    if (by_number_.empty() && size() > 0) build_numbers();  // released (release_index)
    if (!n) return intern_other(value, value_hash);
    if (*n >= by_number_.size() && dense(*n + 1, numbered_count() + 1)) {
      const std::uint64_t limit = numbers_per_value * (numbered_count() + 1) + free_numbers;
      by_number_.resize(static_cast<std::size_t>(std::max(*n + 1, std::min<std::uint64_t>(2 * by_number_.size(), limit))));
    }
    if (*n < by_number_.size()) {
      std::uint32_t& slot = by_number_[static_cast<std::size_t>(*n)];
      if (slot != 0) return slot - 1;
      const std::uint32_t code = append(value);
      slot = code + 1;
      max_number_ = std::max(max_number_, *n);
      return code;
    }
    // A number that would leave the array sparse ends the mode until the values are dense
    // again (tried at the next power of two).
    leave_numbered();
  }
  if (value_hash == 0) value_hash = hash_of(value);  // not computed by the caller (finds_by_hash())
  if (slots_.empty()) rehash(slots_for(size() + 1));  // released (release_index)
  const std::size_t i = slot_of(value, value_hash);
  if (slots_[i] != 0) return code_at(bytes_, offset_in(slots_[i]));
  const std::uint32_t code = append(value);
  // At every power of two (and as the table grows) a numbering may have become dense.
  if ((std::has_single_bit(size()) || !fits(size(), slots_.size())) && numbering_possible_ && try_numbered()) {
    return code;
  }
  if (!fits(size(), slots_.size())) {
    rehash(2 * slots_.size());  // places every entry, the new one included
  } else {
    slots_[i] = tag_of(value_hash) | (offset_of(code) + 1);
  }
  return code;
}

std::uint32_t Dictionary::intern_other(std::string_view value, std::uint64_t value_hash) {
  if (value_hash == 0) value_hash = hash_of(value);  // not computed by the caller
  if (slots_.empty()) rehash(slots_for(other_codes_.size() + 1));
  const std::size_t i = slot_of(value, value_hash);
  if (slots_[i] != 0) return code_at(bytes_, offset_in(slots_[i]));
  const std::uint32_t code = append(value);
  other_codes_.push_back(code);
  if (!few_others()) {  // no numbering after all: the table takes every value, for good
    numbering_possible_ = false;
    leave_numbered();
    std::vector<std::uint32_t>().swap(other_codes_);
  } else if (!fits(other_codes_.size(), slots_.size())) {
    rehash(2 * slots_.size());  // places every other value, the new one included
  } else {
    slots_[i] = tag_of(value_hash) | (offset_of(code) + 1);
  }
  return code;
}

void Dictionary::leave_ordered() {
  ordered_ = false;
  if (numbering_possible_ && try_numbered()) return;
  rehash(slots_for(std::max(size() + 1, reserved_)));
}

void Dictionary::note_numbering(std::string_view first) noexcept {
  const std::size_t prefix = first_digits_at_;
  const std::size_t digits = first_digit_count_;
  word_numbering_ = first_numbered_ && first.size() >= 8 && prefix <= 8 && digits <= 8;
  if (!word_numbering_) return;
  const auto low_bytes = [](std::size_t n) { return n >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1; };
  prefix_mask_ = low_bytes(prefix);
  prefix_word_ = load64(first.data()) & prefix_mask_;
  digit_mask_ = ~low_bytes(8 - digits);  // the last word's top `digits` bytes (little-endian)
}

namespace {

// The number of the `mask`ed bytes of `word` (little-endian: its first byte the first digit),
// the other bytes read as '0'; nothing when a masked byte is not a digit.
std::optional<std::uint64_t> digits_in_word(std::uint64_t word, std::uint64_t mask) noexcept {
  constexpr std::uint64_t zeros = 0x3030303030303030ull;
  constexpr std::uint64_t high = 0x8080808080808080ull;
  const std::uint64_t x = (word & mask) | (zeros & ~mask);
  // A byte below '0' borrows into bit 7 of its own difference, one above '9' carries into bit 7
  // of its sum with 0x46, one of 0x80 or more has bit 7: no false digit either way.
  if (((x - zeros) | (x + 0x4646464646464646ull) | x) & high) return std::nullopt;
  std::uint64_t v = x - zeros;                                // bytes 0–9, first digit lowest
  v = ((v * 10) + (v >> 8)) & 0x00FF00FF00FF00FFull;         // pairs
  v = ((v * 100) + (v >> 16)) & 0x0000FFFF0000FFFFull;       // fours
  return ((v * 10000) + (v >> 32)) & 0xFFFFFFFFull;          // eight
}

}  // namespace

std::optional<std::uint64_t> Dictionary::number_of(std::string_view value) const noexcept {
  if (!first_numbered_ || value.size() != first_digits_at_ + first_digit_count_) return std::nullopt;
  if (word_numbering_) {  // the common ids: "C0012345", "INC-00012345"
    if ((load64(value.data()) & prefix_mask_) != prefix_word_) return std::nullopt;  // the prefix is in the first word
    return digits_in_word(load64(value.data() + value.size() - 8), digit_mask_);
  }
  if (first_digits_at_ > 0 && std::memcmp(value.data(), first_prefix_.data(), first_digits_at_) != 0) {
    return std::nullopt;
  }
  std::uint64_t n = 0;
  for (std::size_t i = first_digits_at_; i < value.size(); ++i) {
    const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(value[i])) - unsigned{'0'};
    if (digit > 9) return std::nullopt;
    n = n * 10 + digit;
  }
  return n;
}

bool Dictionary::read_numbers() {
  if (size() > 0 && !first_numbered_) numbering_possible_ = false;  // the first value has no digits
  for (; numbering_possible_ && numbers_read_ < size(); ++numbers_read_) {
    const auto code = static_cast<std::uint32_t>(numbers_read_);
    if (const auto n = number_of(value(code))) {
      max_number_ = std::max(max_number_, *n);
    } else {
      other_codes_.push_back(code);
      if (!few_others()) numbering_possible_ = false;  // more than half of another form: for good
    }
  }
  if (!numbering_possible_) std::vector<std::uint32_t>().swap(other_codes_);
  return numbering_possible_;
}

bool Dictionary::try_numbered() {
  if (!read_numbers() || !dense(max_number_ + 1, numbered_count())) return false;  // denser later, perhaps
  std::vector<std::uint64_t>().swap(slots_);
  build_numbers();
  return true;
}

void Dictionary::build_numbers() {
  numbered_ = true;
  by_number_.assign(static_cast<std::size_t>(max_number_ + 1), 0);
  for (std::uint32_t code = 0; code < size(); ++code) {
    if (const auto n = number_of(value(code))) by_number_[static_cast<std::size_t>(*n)] = code + 1;
  }
  if (!other_codes_.empty()) rehash(slots_for(other_codes_.size()));
}

void Dictionary::leave_numbered() {
  numbered_ = false;
  numbers_read_ = size();  // every entry so far is read: max_number_ the largest number, other_codes_ the rest
  std::vector<std::uint32_t>().swap(by_number_);
  rehash(slots_for(std::max(size() + 1, reserved_)));
}

void Dictionary::note_last_number() {
  const std::size_t n = size();
  last_for_size_ = 0;
  if (n == 0) return;
  const NumericSuffix last = numeric_suffix(value(static_cast<std::uint32_t>(n - 1)));
  last_number_ = last.number;
  last_usable_ = last.found && first_numbered_ && last.prefix.size() == first_digits_at_ &&
                 detail::same_text(last.prefix, value(0).substr(0, first_digits_at_)) && last.number > first_number_;
  last_for_size_ = n;
}

// Where `value` would be were the numeric suffixes spread evenly over the codes (ids numbered
// in order: exact when none is missing); the middle when the values have no common numbering.
std::size_t Dictionary::guess_ordered(std::string_view value) const noexcept {
  const std::size_t n = size();
  const NumericSuffix v = numeric_suffix(value);
  if (!v.found) return n / 2;
  if (!first_numbered_ || v.prefix.size() != first_digits_at_ ||
      !detail::same_text(v.prefix, this->value(0).substr(0, first_digits_at_))) {
    return n / 2;
  }
  std::uint64_t last_number = last_number_;  // of the last value, whose prefix is then v's
  if (last_for_size_ == n) {
    if (!last_usable_) return n / 2;
  } else {
    const NumericSuffix last = numeric_suffix(this->value(static_cast<std::uint32_t>(n - 1)));
    if (!last.found || last.prefix != v.prefix || last.number <= first_number_) return n / 2;
    last_number = last.number;
  }
  if (v.number <= first_number_) return 0;
  if (v.number >= last_number) return n - 1;
  if (last_number - first_number_ == n - 1) return v.number - first_number_;  // numbered without gaps
  const double share = static_cast<double>(v.number - first_number_) / static_cast<double>(last_number - first_number_);
  return std::min(n - 1, static_cast<std::size_t>(std::llround(share * static_cast<double>(n - 1))));
}

std::optional<std::uint32_t> Dictionary::find_ordered(std::string_view value) const noexcept {
  const std::size_t n = size();
  if (n == 0) return std::nullopt;
  const auto compare = [&](std::size_t code) { return shortlex(this->value(static_cast<std::uint32_t>(code)), value); };
  const auto found = [](std::size_t code) { return std::optional<std::uint32_t>{static_cast<std::uint32_t>(code)}; };
  const std::size_t guess = guess_ordered(value);
  if (detail::same_text(this->value(static_cast<std::uint32_t>(guess)), value)) return found(guess);  // most finds
  const int at_guess = compare(guess);
  if (at_guess == 0) return found(guess);
  std::size_t lo = 0;  // the value, if present, has a code in [lo, hi)
  std::size_t hi = n;
  if (at_guess < 0) {  // gallop up from the guess
    lo = guess + 1;
    for (std::size_t step = 1; lo + step - 1 < n; step *= 2) {
      const std::size_t i = lo + step - 1;
      const int c = compare(i);
      if (c == 0) return found(i);
      if (c > 0) {
        hi = i;
        break;
      }
      lo = i + 1;
    }
  } else {  // gallop down
    hi = guess;
    for (std::size_t step = 1; step <= hi; step *= 2) {
      const std::size_t i = hi - step;
      const int c = compare(i);
      if (c == 0) return found(i);
      if (c < 0) {
        lo = i + 1;
        break;
      }
      hi = i;
    }
  }
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const int c = compare(mid);
    if (c == 0) return found(mid);
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view value, std::uint64_t value_hash) const {
  if (run_) return find_in_run(value);
  if (ordered_) return find_ordered(value);
  if (numbered_ && !by_number_.empty()) {
    const auto n = number_of(value);
    if (n) {
      if (*n >= by_number_.size() || by_number_[static_cast<std::size_t>(*n)] == 0) return std::nullopt;
      return by_number_[static_cast<std::size_t>(*n)] - 1;
    }
    if (other_codes_.empty()) return std::nullopt;  // no value of another form: no table either
  }
  if (slots_.empty()) {  // released: every label is compared
    for (std::uint32_t code = 0; code < size(); ++code) {
      if (detail::same_text(this->value(code), value)) return code;
    }
    return std::nullopt;
  }
  const std::size_t i = slot_of(value, value_hash != 0 ? value_hash : hash_of(value));  // 0: not computed
  if (slots_[i] == 0) return std::nullopt;
  return code_at(bytes_, offset_in(slots_[i]));
}

}  // namespace cskpi
