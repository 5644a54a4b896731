// cskpi/model/dataset.hpp: all accepted records of a run, held column-wise with
// dictionary-coded labels, so the one-pass engine scans tens of millions of rows fast.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/model/agent_event.hpp"
#include "cskpi/model/code_column.hpp"
#include "cskpi/model/customer_event.hpp"
#include "cskpi/model/dictionary.hpp"
#include "cskpi/model/dimension.hpp"
#include "cskpi/model/instant_column.hpp"
#include "cskpi/model/integer_column.hpp"
#include "cskpi/model/interaction.hpp"
#include "cskpi/model/interaction_event.hpp"
#include "cskpi/model/optional_column.hpp"
#include "cskpi/model/survey.hpp"

namespace cskpi {

/// Column sentinel for an absent count or duration in milliseconds.
inline constexpr std::int64_t no_value = -1;


/// Interactions, one vector per field; row i of every vector is interaction i.
struct InteractionColumns {
  std::array<CodeColumn, dimension_count> dim;  // codes; no_code = absent (no memory while all are)
  std::vector<std::vector<std::uint32_t>> custom;  // [k]: codes of custom dimension k (Dataset::custom_dictionary(k))
  std::vector<std::uint32_t> customer;                         // Dataset::customers() code, no_code = absent
  InstantColumn created_ms;
  InstantColumn first_response_ms;  // no_instant = none yet
  InstantColumn resolved_ms;        // no_instant = open
  // The optional fields take memory only once a record carries them (OptionalColumn).
  IntegerColumn contacts{no_value};   // no_value = absent
  IntegerColumn reopened{no_value};   // no_value = absent (counts as 0)
  IntegerColumn handle_ms{no_value};  // no_value = absent
  IntegerColumn wait_ms{no_value};    // no_value = absent
  OptionalColumn<double> cost{std::numeric_limits<double>::quiet_NaN()};  // NaN = absent
  OptionalColumn<std::uint8_t> abandoned{0};         // 0 / 1
  [[nodiscard]] std::size_t size() const noexcept { return created_ms.size(); }
};

/// Survey responses. `dim` holds the explicit values; `effective_dim` (filled by
/// Dataset::link) adds what is inherited from the linked interaction.
struct SurveyColumns {
  std::vector<SurveyKind> kind;
  std::vector<std::int16_t> score;
  InstantColumn responded_ms;
  std::vector<std::uint32_t> customer;     // Dataset::customers() code, no_code = absent
  /// Dataset::survey_links() code of an interaction_id no accepted interaction had when the
  /// survey was added (link() looks for it again); no_code: none, or found at once.
  std::vector<std::uint32_t> link_id;
  std::vector<std::uint32_t> interaction;  // linked accepted interaction row, no_code = none (after link())
  std::array<CodeColumn, dimension_count> dim;  // explicit values (no memory while none has one)
  /// Explicit, else inherited from the linked interaction (after link()); no memory for a
  /// dimension that neither the surveys nor the interactions carry.
  std::array<CodeColumn, dimension_count> effective_dim;
  std::size_t linked = 0;  // the surveys link() has seen (size() after it)
  std::vector<std::vector<std::uint32_t>> custom;            // [k]: explicit values of custom dimension k
  std::vector<std::vector<std::uint32_t>> effective_custom;  // [k]: explicit, else inherited (after link())
  [[nodiscard]] std::size_t size() const noexcept { return responded_ms.size(); }
};

struct InteractionEventColumns {
  /// Row of each event's interaction; empty while the events have come by interaction and
  /// instant, as exports list them (Dataset::event_interaction gives the row either way).
  std::vector<std::uint32_t> interaction;
  InstantColumn at_ms;
  std::vector<InteractionEventType> type;
  std::vector<TicketStatus> status;  // meaningful when type == status
  CodeColumn agent;  // agent dimension code, no_code = absent (1, 2 or 4 bytes a row, as the codes need)
  [[nodiscard]] std::size_t size() const noexcept { return at_ms.size(); }
};

struct CustomerEventColumns {
  std::vector<std::uint32_t> customer;  // Dataset::customers() code
  std::vector<CustomerEventType> type;
  std::vector<std::int64_t> at_ms;
  std::vector<std::uint32_t> product;  // product dimension code, no_code = absent
  std::vector<double> mrr;             // NaN = absent
  std::vector<std::vector<std::uint32_t>> custom;  // [k]: codes of custom dimension k; empty columns = none
  [[nodiscard]] std::size_t size() const noexcept { return at_ms.size(); }
};

struct AgentEventColumns {
  std::vector<std::uint32_t> agent;  // agent dimension code
  std::vector<AgentEventType> type;
  std::vector<std::int64_t> at_ms;
  std::vector<std::uint32_t> team;        // team dimension code, no_code = absent
  std::vector<std::uint32_t> department;  // department dimension code, no_code = absent
  [[nodiscard]] std::size_t size() const noexcept { return at_ms.size(); }
};

/// A view of row numbers: rows[first, last) of an array of them, or, without one, the numbers
/// first … last − 1 themselves (C++17 has no std::span).
class RowRange {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::uint32_t*;
    using reference = std::uint32_t;
    Iterator() = default;
    Iterator(const std::uint32_t* rows, std::uint32_t at) noexcept : rows_(rows), at_(at) {}
    [[nodiscard]] std::uint32_t operator*() const noexcept { return rows_ != nullptr ? rows_[at_] : at_; }
    Iterator& operator++() noexcept {
      ++at_;
      return *this;
    }
    Iterator operator++(int) noexcept {
      Iterator before = *this;
      ++at_;
      return before;
    }
    [[nodiscard]] bool operator==(const Iterator& o) const noexcept { return at_ == o.at_ && rows_ == o.rows_; }
    [[nodiscard]] bool operator!=(const Iterator& o) const noexcept { return !(*this == o); }

   private:
    const std::uint32_t* rows_ = nullptr;
    std::uint32_t at_ = 0;
  };

  RowRange() = default;
  /// The rows [first, last) of an array.
  RowRange(const std::uint32_t* first, const std::uint32_t* last) noexcept
      : rows_(first), last_(static_cast<std::uint32_t>(last - first)) {}
  /// rows[first, last), or the numbers first … last − 1 when rows is null.
  RowRange(const std::uint32_t* rows, std::uint32_t first, std::uint32_t last) noexcept
      : rows_(rows), first_(first), last_(last) {}
  [[nodiscard]] Iterator begin() const noexcept { return {rows_, first_}; }
  [[nodiscard]] Iterator end() const noexcept { return {rows_, last_}; }
  [[nodiscard]] std::size_t size() const noexcept { return last_ - first_; }
  [[nodiscard]] bool empty() const noexcept { return first_ == last_; }

 private:
  const std::uint32_t* rows_ = nullptr;
  std::uint32_t first_ = 0;
  std::uint32_t last_ = 0;
};

namespace detail {

/// A label as the loader appends it: its text and Dictionary::hash(text), computed beforehand
/// (on the loader's worker threads, so the append phase only probes).
struct HashedLabel {
  std::string_view text;
  std::uint64_t hash = 0;
};

/// The distinct dimension labels of the rows the loader appends from one batch, by Dimension
/// index: a row holds positions into them (batch codes), and each label is interned into the
/// data set when the first accepted row uses it (so a rejected row adds no label, and codes
/// follow the accepted rows' order exactly as if every row were interned itself).
struct BatchLabelCodes {
  /// A label not interned yet (never a code: a Dictionary holds fewer than no_code − 1 labels).
  static constexpr std::uint32_t unresolved = no_code - 1;
  std::array<std::vector<HashedLabel>, dimension_count> labels;
  std::array<std::vector<std::uint32_t>, dimension_count> codes;  // unresolved until interned
};

/// An interaction's instants, counts and amounts in column units: milliseconds, no_instant /
/// no_value when absent, cost NaN when absent. The loader's stages (checked values, packed rows,
/// appended rows) share it.
struct InteractionMeasures {
  std::int64_t created_ms = 0;
  std::int64_t first_response_ms = no_instant;
  std::int64_t resolved_ms = no_instant;
  std::int64_t contacts = no_value;
  std::int64_t reopened = no_value;
  std::int64_t handle_ms = no_value;
  std::int64_t wait_ms = no_value;
  double cost = std::numeric_limits<double>::quiet_NaN();
  bool abandoned = false;
};

/// A checked interaction as the loader appends it: instants and durations already in the
/// column units (no_instant / no_value when absent), dimension labels as batch codes of
/// `labels` (no_code when absent; priority: its enum name), custom labels as views.
struct InteractionRow {
  HashedLabel id;
  std::optional<HashedLabel> customer;
  BatchLabelCodes* labels = nullptr;
  std::array<std::uint32_t, dimension_count> dim{};
  std::array<std::optional<std::string_view>, max_custom_dimensions> custom;  // by custom dimension
  InteractionMeasures measures;
};

/// A checked survey response as the loader appends it (the `kind` dimension is never explicit).
struct SurveyRow {
  HashedLabel id;
  std::optional<HashedLabel> customer;
  std::optional<HashedLabel> link;  // interaction_id
  SurveyKind kind = SurveyKind::nps;
  std::int16_t score = 0;
  std::int64_t responded_ms = 0;
  BatchLabelCodes* labels = nullptr;
  std::array<std::uint32_t, dimension_count> dim{};  // batch codes, as InteractionRow::dim
  std::array<std::optional<std::string_view>, max_custom_dimensions> custom;  // by custom dimension
};

/// A checked interaction event as the loader adds it: the row of its interaction (found
/// beforehand), its instant in ms, and its agent as a batch code of `labels` (no_code: none),
/// interned when the first accepted event uses it.
struct EventRow {
  std::uint32_t interaction = 0;
  std::int64_t at_ms = 0;
  InteractionEventType type = InteractionEventType::status;
  std::optional<TicketStatus> status;
  BatchLabelCodes* labels = nullptr;
  std::uint32_t agent = no_code;
};

}  // namespace detail

/// What happened to an added interaction event.
enum class EventAdd : unsigned char { accepted, unknown_interaction, before_created };

/// The accepted records of a run. Labels of one dimension share one dictionary across
/// record types, so a survey's channel code equals its interaction's channel code.
/// Custom dimensions (config `dimensions`, SPEC §8) are extra label columns of interactions,
/// surveys and customer events, by position; the records' `custom` values follow that order.
/// Not thread-safe while adding; const access may be shared.
class Dataset {
 public:
  Dataset() = default;
  /// A data set with these custom dimensions (at most max_custom_dimensions, distinct and
  /// non-empty: Error(invalid_argument) otherwise).
  explicit Dataset(std::vector<std::string> custom_dimensions);

  /// Adds an interaction; false (nothing stored) when its id is already taken.
  bool add(const Interaction& record);
  /// Adds a survey response; false (nothing stored) when its id is already taken.
  bool add(const SurveyResponse& record);
  /// Adds an interaction event; refused when the interaction is unknown or the event
  /// is before the interaction's created_at.
  EventAdd add(const InteractionEvent& record);
  void add(const CustomerEvent& record);
  void add(const AgentEvent& record);
  /// The same as add(const Interaction&) / add(const SurveyResponse&) for the loader's rows.
  bool add(const detail::InteractionRow& row);
  bool add(const detail::SurveyRow& row);
  /// The same as add(const InteractionEvent&) for the loader's events (never unknown_interaction:
  /// the row is given).
  EventAdd add(const detail::EventRow& row);
  /// Frees the lookup tables of the interaction id, survey id, survey link and customer
  /// dictionaries (≈ 29 bytes an interaction at 10M) once every record is added and link() is
  /// done: the engine reads them by code only. Ids and customers stay readable by code; the
  /// next add() or link() builds the tables again.
  void release_lookup_tables();
  /// Builds them again (nothing when they are there): before looking ids up by text.
  void restore_lookup_tables();
  /// Builds the interaction ids' table only, when they need one (Dictionary::restore_index):
  /// before many find_interaction() calls, as adding deferred events makes.
  void restore_interaction_lookup() { interaction_ids_.restore_index(); }
  /// Prepares the columns and id dictionaries for `n` more interactions / surveys, so that
  /// loading neither rehashes nor moves columns.
  void reserve_interactions(std::size_t n);
  void reserve_surveys(std::size_t n);
  /// Prepares the interaction event columns for `n` more events.
  void reserve_events(std::size_t n);
  /// Puts the interaction events in `order` (order[k]: the event that becomes event k; a
  /// permutation of all of them): how the loader puts deferred events back in input order.
  void reorder_events(const std::vector<std::uint32_t>& order);
  /// The reserved memory the next `rows` interactions (surveys) will write, in their columns
  /// allocated so far and their id dictionaries, each part when at least min_unwritten bytes: a
  /// loader has its pages faulted in on a spare thread while it adds them (the first write to a
  /// fresh page waits for the kernel to zero it). Take it on the thread that adds; what it spans
  /// is only valid until the next add.
  [[nodiscard]] std::vector<MemorySpan> unwritten_interaction_reserve(std::size_t rows) const;
  [[nodiscard]] std::vector<MemorySpan> unwritten_survey_reserve(std::size_t rows) const;
  [[nodiscard]] std::vector<MemorySpan> unwritten_event_reserve(std::size_t rows) const;

  /// Hints that rows with these ids / customers / links (their texts and Dictionary::hash) are
  /// added soon: the loader calls them a few rows ahead, so the probes of large tables overlap.
  void prefetch_interaction(std::uint64_t id_hash, const detail::HashedLabel& customer) const noexcept {
    interaction_ids_.prefetch(id_hash);
    customers_.prefetch(customer.text, customer.hash);
  }
  void prefetch_survey(std::uint64_t id_hash, const detail::HashedLabel& customer,
                       const detail::HashedLabel& link) const noexcept {
    survey_ids_.prefetch(id_hash);
    customers_.prefetch(customer.text, customer.hash);
    interaction_ids_.prefetch(link.text, link.hash);  // a link is looked up among the interactions first
  }
  /// The second step, a few rows later: the entries of the labels already present (a customer
  /// seen before; a new id has no entry to compare).
  void prefetch_interaction_entries(std::uint64_t id_hash, std::uint64_t customer_hash) const noexcept {
    interaction_ids_.prefetch_entry(id_hash);
    customers_.prefetch_entry(customer_hash);
  }
  void prefetch_survey_entries(std::uint64_t id_hash, std::uint64_t customer_hash,
                               std::uint64_t link_hash) const noexcept {
    survey_ids_.prefetch_entry(id_hash);
    customers_.prefetch_entry(customer_hash);
    interaction_ids_.prefetch_entry(link_hash);
  }

  /// Resolves survey links to interactions, fills SurveyColumns::effective_dim and groups
  /// interaction events by interaction. Call after the last add; idempotent. It runs on
  /// `threads` threads (the calling one among them).
  void link(unsigned threads = 1);

  [[nodiscard]] const InteractionColumns& interactions() const noexcept { return interactions_; }
  [[nodiscard]] const SurveyColumns& surveys() const noexcept { return surveys_; }
  [[nodiscard]] const InteractionEventColumns& interaction_events() const noexcept { return events_; }
  [[nodiscard]] const CustomerEventColumns& customer_events() const noexcept { return customer_events_; }
  [[nodiscard]] const AgentEventColumns& agent_events() const noexcept { return agent_events_; }

  /// Labels of a dimension (priority labels are the enum names).
  [[nodiscard]] const Dictionary& dictionary(Dimension d) const noexcept { return dims_[index_of(d)]; }
  /// The custom dimensions' names, in configuration order.
  [[nodiscard]] const std::vector<std::string>& custom_dimensions() const noexcept { return custom_names_; }
  /// The position of a custom dimension, or nullopt when the data set has none of that name.
  [[nodiscard]] std::optional<std::size_t> find_custom_dimension(std::string_view name) const noexcept;
  /// Labels of custom dimension k (shared by interactions, surveys and customer events).
  [[nodiscard]] const Dictionary& custom_dictionary(std::size_t k) const { return custom_dims_.at(k); }
  /// Customer ids (interactions, surveys, customer events).
  [[nodiscard]] const Dictionary& customers() const noexcept { return customers_; }
  /// Interaction ids: code == row.
  [[nodiscard]] const Dictionary& interaction_ids() const noexcept { return interaction_ids_; }
  /// Survey ids: code == row.
  [[nodiscard]] const Dictionary& survey_ids() const noexcept { return survey_ids_; }
  /// The interaction ids that surveys link to and that no accepted interaction had when the
  /// survey was added (a link to an interaction already added is resolved then: no text kept).
  [[nodiscard]] const Dictionary& survey_links() const noexcept { return survey_links_; }

  /// Rows of interaction_events() of one interaction, ordered by `at`, then input order
  /// (after link()). Empty when the interaction has no events.
  [[nodiscard]] RowRange events_of(std::size_t interaction_row) const noexcept;
  /// Whether any interaction event was accepted.
  [[nodiscard]] bool has_events() const noexcept { return events_.size() > 0; }
  /// The row of the interaction of interaction event `event` (< interaction_events().size()).
  [[nodiscard]] std::uint32_t event_interaction(std::size_t event) const;

  [[nodiscard]] std::optional<std::uint32_t> find_interaction(std::string_view id) const {
    return interaction_ids_.find(id);
  }
  /// Row i back as a value type.
  [[nodiscard]] Interaction interaction(std::size_t row) const;
  /// The label of a code, or nullopt for no_code.
  [[nodiscard]] std::optional<std::string_view> label(Dimension d, std::uint32_t code) const;

 private:
  std::uint32_t code(Dimension d, const std::optional<std::string>& value);
  std::uint32_t code(std::size_t d, std::uint32_t batch_code, detail::BatchLabelCodes& labels);
  /// Appends an accepted interaction event (the checks of both add()s done).
  void push_event(std::uint32_t row, std::int64_t at_ms, InteractionEventType type, std::optional<TicketStatus> status,
                  std::uint32_t agent);
  /// Records the interaction row of the event about to be appended: as a start in event_start_
  /// while the events come by row and instant, in the row column once they do not.
  void note_event_row(std::uint32_t row, std::int64_t at_ms);
  /// Writes the row column from event_start_ (the events so far came in order; they may not now).
  void write_event_rows();
  /// The dictionaries looked up by text while loading and linking (release_lookup_tables).
  [[nodiscard]] std::array<Dictionary*, 4> lookup_dictionaries() noexcept {
    return {&interaction_ids_, &survey_ids_, &survey_links_, &customers_};
  }
  /// The two halves of link(): events grouped by interaction; surveys' rows and effective labels.
  void link_events(unsigned threads);
  /// Events already by interaction, then instant (as most exports list them): the starts of
  /// each interaction's events, found on `threads` threads. False, with no start written, when
  /// the events are in another order.
  bool start_events_in_order(unsigned threads);
  void link_surveys(unsigned threads);
  /// A survey's link when it is added: the row of the interaction of that id, or (none yet) the
  /// code of the id in survey_links_, for link().
  struct SurveyLink {
    std::uint32_t interaction = no_code;
    std::uint32_t pending = no_code;
  };
  SurveyLink link_of(std::string_view id, std::uint64_t id_hash);
  /// The effective codes of dimension `d` (the index of a Dimension) for link_surveys().
  [[nodiscard]] CodeColumn effective_codes(std::size_t d, unsigned threads) const;

  std::array<Dictionary, dimension_count> dims_;
  std::vector<std::string> custom_names_;
  std::vector<Dictionary> custom_dims_;
  Dictionary customers_;
  Dictionary interaction_ids_;
  Dictionary survey_ids_;
  Dictionary survey_links_;
  InteractionColumns interactions_;
  SurveyColumns surveys_;
  InteractionEventColumns events_;
  CustomerEventColumns customer_events_;
  AgentEventColumns agent_events_;

  // Events grouped by interaction (built by link()): event_order_[event_start_[r] ..
  // event_start_[r + 1]) are interaction r's event rows in (at, input) order; event_order_ is
  // empty when it would be 0, 1, 2, … (the events came in that order: by row, then time).
  // While the events come in that order, event_start_[0, event_rows_) is built as they are
  // added (the rows up to the last event's), and events_.interaction stays empty: the 4 bytes
  // an event it would take, link() would only read to build the same starts.
  std::vector<std::uint32_t> event_start_;
  std::vector<std::uint32_t> event_order_;
  bool events_in_order_ = true;
  std::uint32_t event_rows_ = 0;
};

}  // namespace cskpi
