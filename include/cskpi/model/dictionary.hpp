// cskpi/model/dictionary.hpp: interned labels, so columns hold 32-bit codes instead of strings.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cskpi {

/// The code of an absent label (the `null` key of a group).
inline constexpr std::uint32_t no_code = 0xFFFFFFFFu;

/// Bytes of memory: [data, data + size).
struct MemorySpan {
  const void* data = nullptr;
  std::size_t size = 0;
};

/// The smallest spare room unwritten_reserve() lists (smaller is not worth a thread's call).
inline constexpr std::size_t min_unwritten = std::size_t{64} << 10;

/// Assigns dense codes 0, 1, 2, … to distinct strings in first-seen order.
/// The strings live back to back in one byte arena (no allocation per label), each entry its
/// code, its length and its bytes; an open-addressing table (linear probing) whose slots hold
/// 24 bits of the hash and the entry's offset finds them, so a probe touches the slot and, on a
/// tag match, the entry: two cache lines, both of which the loader prefetches.
/// Interning ids and customers is the hot path of loading: the large tables are placed on
/// transparent huge pages where the system allows, which saves a TLB miss per probe.
/// Ordered values need no table: while every value is greater than the one before (shorter
/// first, then byte order: "I9" < "I10", "INC001" < "INC002", as most exports number their
/// tickets), each is certainly new, and a search of the sorted entries finds one (guessed from a
/// numeric suffix, then galloping). The first value out of order builds the table.
/// Numbered values need no table either: when the values are one prefix and then a number of
/// one count of digits ("C0012345", "A07"), the first value's, and the numbers are dense (the
/// largest below `numbers_per_value` times the numbered values' count, or a few thousand beyond),
/// a value's number indexes an array of codes: one probe of 4 bytes a number, no hash and no text
/// compared (the text of a number is that prefix and its digits, and no other). Values of another
/// form (an agent id among customer ids) are found by a table that holds them alone, while they
/// are at most half the values; past half the table takes every value, for good. A number that
/// would make the array sparse builds the whole table too, until the numbers are dense again.
/// A run needs no entries at all: while every value is the first value's prefix and digits
/// numbered one more than the value before ("I00000001", "I00000002", …, as exports number their
/// tickets), a value's code is its number minus the first's, and its text follows from the code.
/// The entries are written only when a value breaks the run or value() is first asked for.
class Dictionary {
 public:
  Dictionary() = default;
  /// A dictionary whose entry offsets take 8 bytes from an arena of `narrow_limit` bytes on
  /// instead of 4 GiB (for tests of that switch).
  explicit Dictionary(std::uint64_t narrow_limit) : narrow_limit_(narrow_limit) {}

  /// The code of `value`, adding it when new.
  std::uint32_t intern(std::string_view value) { return intern(value, hash(value)); }
  /// The same with `hash(value)` computed beforehand (the loader hashes ids on its worker
  /// threads), or 0: then the hash is computed where it is needed (see finds_by_hash()).
  std::uint32_t intern(std::string_view value, std::uint64_t value_hash);
  /// The code of `value` when present.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view value) const { return find(value, hash(value)); }
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view value, std::uint64_t value_hash) const;
  /// Whether intern() and find() read a value's hash now: false while the values are ordered or
  /// numbered (a value of another form among numbered ones is rare: its 0 hash is computed), so
  /// that callers may pass 0 instead of hashing. The mode may change at the next intern().
  [[nodiscard]] bool finds_by_hash() const noexcept { return !ordered_ && !numbered_; }
  /// The hash the table uses (stable within a build; not for persisting).
  [[nodiscard]] static std::uint64_t hash(std::string_view value) noexcept;
  /// The string of a code (precondition: code < size()); valid until the next intern(). The
  /// first call on a run writes the run's entries (safe from several threads at once; the program
  /// ends when their memory cannot be had, as for any allocation in a noexcept function).
  [[nodiscard]] std::string_view value(std::uint32_t code) const noexcept {
    if (run_ && code != 0) write_run_entries();
    return entry_text(offset_of(code));
  }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  /// Starts loading the table slot where `value_hash` is probed first, so that an intern() or
  /// find() of it a few rows later does not wait for memory (a hint: no effect on results).
  void prefetch(std::uint64_t value_hash) const noexcept;
  /// The same for a numbered dictionary too (whose array is indexed by the value's number).
  void prefetch(std::string_view value, std::uint64_t value_hash) const noexcept;
  /// The second step, a few rows after prefetch(): starts loading the entry of the first slot on
  /// the probe path whose tag matches the value's (nothing when the path meets an empty slot).
  void prefetch_entry(std::uint64_t value_hash) const noexcept;
  /// Prepares for `n` values without rehashing.
  void reserve(std::size_t n);
  /// Appends the reserved memory the next `values` new values will write (the offsets' spare
  /// room, the arena's at the mean entry so far), each part when at least min_unwritten bytes.
  void unwritten_reserve(std::size_t values, std::vector<MemorySpan>& out) const;
  /// Frees the lookup table (8 bytes a slot: 11–23 bytes a label) of a dictionary that is read
  /// by code from now on, as the ids of a loaded data set are. value() and size() are unchanged;
  /// the next intern() builds the table again, and until then find() compares every label (O(n))
  /// — or searches them, when the values are ordered (they need no table).
  void release_index();
  /// Builds the lookup table again after release_index() (nothing when it is there). Callers
  /// call it before many finds: ordered values keep no table when the numeric suffix guesses
  /// their place well (numbering with few gaps, as most exports'), and get one otherwise (a
  /// search from a poor guess costs a cache miss a step where a table costs one or two).
  void restore_index();
  /// Whether find() is quick: ordered values (a search), numbered ones or a table; false once
  /// release_index() freed the array or table (find() then compares every value).
  [[nodiscard]] bool indexed() const noexcept {
    return ordered_ || size() == 0 || (numbered_ ? !by_number_.empty() : !slots_.empty());
  }
  /// Whether every value so far came after the one before (shorter first, then byte order), so
  /// that no table is kept (a hint for tests and diagnostics).
  [[nodiscard]] bool ordered() const noexcept { return ordered_; }
  /// Whether the values are found by their numbers (see the class comment): no table is kept.
  [[nodiscard]] bool numbered() const noexcept { return numbered_; }
  /// Whether the values so far are a run (see the class comment; true while empty): their codes
  /// follow from their numbers, and their entries are not written until value() asks.
  [[nodiscard]] bool run() const noexcept { return run_; }

  /// The array of a numbered dictionary stays below this many numbers per value, beyond a first
  /// `free_numbers` (4 bytes a number: 64 bytes a value at most where a table takes 11–23, but
  /// only a numbering as sparse as a sixteenth comes near it; a dense one takes 4).
  static constexpr std::uint64_t numbers_per_value = 16;
  static constexpr std::uint64_t free_numbers = 4096;

 private:
  [[nodiscard]] std::size_t slot_of(std::string_view value, std::uint64_t value_hash) const noexcept;
  void rehash(std::size_t slot_count);
  /// Appends a value known to be new; its code.
  std::uint32_t append(std::string_view value);
  /// Throws when no code is left for another value.
  void check_room() const;
  /// The code of `value` while the values are a run: the next code when `value` continues it,
  /// no_code when it breaks the run (the caller ends it). A plain code, not an optional: g++ 12
  /// builds an optional's two parts on the stack and reads them back as one word, a stall per id.
  [[nodiscard]] std::uint32_t continue_run(std::string_view value);
  /// The code of `value` in the run, when present.
  [[nodiscard]] std::optional<std::uint32_t> find_in_run(std::string_view value) const noexcept;
  /// Writes the entries of the run's codes 1 … size() − 1 once (code 0's is always written); the
  /// first caller writes them, any other waits until they are.
  void write_run_entries() const noexcept;
  /// Leaves the run: its entries are written, and the reserve() it deferred is made.
  void end_run();
  /// The code of `value` among ordered values (a guess, galloping, then halving).
  [[nodiscard]] std::optional<std::uint32_t> find_ordered(std::string_view value) const noexcept;
  [[nodiscard]] std::size_t guess_ordered(std::string_view value) const noexcept;
  /// Whether guess_ordered() lands within a few codes of the values (tried on up to 64 spread
  /// over the codes).
  [[nodiscard]] bool guesses_well() const noexcept;
  /// Leaves the ordered mode (a value came out of order): the numbered mode when the values
  /// allow it, else the table.
  void leave_ordered();
  /// The code of `value`, of another form than the numbered values' (numbered mode): the table
  /// of those values finds it or adds it.
  std::uint32_t intern_other(std::string_view value, std::uint64_t value_hash);
  /// Whether the values of another form are at most half the values (a numbering still).
  [[nodiscard]] bool few_others() const noexcept { return 2 * other_codes_.size() <= size(); }
  /// The numbered values among those read (every value while numbered).
  [[nodiscard]] std::size_t numbered_count() const noexcept { return size() - other_codes_.size(); }
  /// The number of `value` under the first value's numbering (its prefix, then as many digits).
  [[nodiscard]] std::optional<std::uint64_t> number_of(std::string_view value) const noexcept;
  /// Prepares number_of()'s word-at-a-time path from the first value.
  void note_numbering(std::string_view first) noexcept;
  /// Whether `numbers` numbers for `values` values keep the array dense.
  [[nodiscard]] static bool dense(std::uint64_t numbers, std::size_t values) noexcept {
    return numbers <= numbers_per_value * values + free_numbers;
  }
  /// Reads the numbers of the entries not read yet (the others' codes into other_codes_); false
  /// when the values are no numbering.
  bool read_numbers();
  /// Enters the numbered mode when the values are a numbering and the numbers dense: builds the
  /// array and the others' table. False otherwise.
  bool try_numbered();
  /// Indexes every numbered entry by its number, the others by a table (numbered_ is set).
  void build_numbers();
  /// Leaves the numbered mode: the table takes over.
  void leave_numbered();

  static constexpr std::size_t entry_header = 8;  // code (4 bytes), length (4 bytes)
  [[nodiscard]] std::string_view entry_text(std::uint64_t offset) const noexcept {
    std::uint32_t length = 0;
    std::memcpy(&length, bytes_.data() + offset + 4, 4);
    return {bytes_.data() + offset + entry_header, length};
  }

  // The entries back to back. The arena and the offsets are mutable: value() writes a run's
  // entries when first asked (write_run_entries(), once, whatever the threads).
  mutable std::string bytes_;
  /// The offset of a code's entry in bytes_.
  [[nodiscard]] std::uint64_t offset_of(std::uint32_t code) const noexcept {
    return wide_offsets_.empty() ? std::uint64_t{offsets_[code]} : wide_offsets_[code];
  }
  /// Appends the offset of the next code's entry (const: write_run_entries() calls it too).
  void push_offset(std::uint64_t offset) const;
  // By code: the offset of its entry in bytes_, 4 bytes while the arena is under 4 GiB (ids of
  // 10M interactions take ≈ 160 MB), then 8 (wide_offsets_ takes them all over; offsets_ is emptied).
  mutable std::vector<std::uint32_t> offsets_;
  mutable std::vector<std::uint64_t> wide_offsets_;
  std::size_t count_ = 0;  // the values (a run's entries may not be written: offsets_ is not their count)
  bool run_ = true;        // the values are a run (see the class comment): codes ≥ 1 may have no entry
  /// Whether a run's entries are written: 0 not yet, 1 being written, 2 written. An atomic that
  /// copies and moves as its value (the rest of the dictionary is copied with it).
  class RunEntries {
   public:
    static constexpr int unwritten = 0;
    static constexpr int writing = 1;
    static constexpr int written = 2;
    RunEntries() = default;
    RunEntries(const RunEntries& other) noexcept : state(other.state.load()) {}
    RunEntries& operator=(const RunEntries& other) noexcept {
      state.store(other.state.load());
      return *this;
    }
    ~RunEntries() = default;
    mutable std::atomic<int> state{unwritten};
  };
  RunEntries run_entries_;
  // The first value's text before its numeric suffix, for number_of(): kept apart from entry 0,
  // since a find() may read it while another thread's value() writes a run's entries (bytes_ moves).
  std::string first_prefix_;
  std::uint64_t narrow_limit_ = std::uint64_t{1} << 32;
  std::vector<std::uint64_t> slots_;    // top 24 bits of the hash << 40 | (offset + 1); 0 = empty; a power of two
  bool ordered_ = true;        // every value came after the one before: no table (slots_ empty)
  // The numbered mode: by_number_[n] is the code + 1 of the value numbered n (0: none); no table.
  bool numbered_ = false;
  bool numbering_possible_ = true;  // the entries read so far are a numbering (read_numbers())
  std::size_t numbers_read_ = 0;    // the entries read_numbers() has read
  std::uint64_t max_number_ = 0;    // the largest number among them
  std::vector<std::uint32_t> by_number_;
  // The codes of the values of another form among those read (and, while numbered, all).
  std::vector<std::uint32_t> other_codes_;
  std::size_t reserved_ = 0;   // the values reserve() prepared for: the table's size once built
  // The first value's numeric suffix (for the guesses of find()): its digits' start and number.
  std::size_t first_digits_at_ = 0;
  std::size_t first_digit_count_ = 0;
  // number_of()'s fast path for values of 8 bytes or more whose prefix takes at most 8 and
  // digits at most 8: the prefix's first word (and its mask), the last word's digit mask.
  std::uint64_t prefix_word_ = 0;
  std::uint64_t prefix_mask_ = 0;
  std::uint64_t digit_mask_ = 0;
  bool word_numbering_ = false;
  std::uint64_t first_number_ = 0;
  bool first_numbered_ = false;
  // The last value's number, as restore_index() read it for the finds that follow: valid while
  // the size is last_for_size_ (0: none); usable when it has the first value's prefix and a
  // larger number (else guesses start in the middle).
  std::size_t last_for_size_ = 0;
  std::uint64_t last_number_ = 0;
  bool last_usable_ = false;
  void note_last_number();
};

}  // namespace cskpi
