// io/plain_record.hpp: the common interaction, survey or interaction event read without the general rules'
// strings and detours. Every field must have a common spelling — a text value known to be UTF-8,
// an instant parse_instant() reads (`YYYY-MM-DDThh:mm:ssZ` the fastest), a plain decimal, an
// enumerated value spelled as cskpi writes it — and the record must be valid; then the values
// are exactly those RecordBuilder::build() gives. Anything else is declined (false), and the
// general rules read the record and name its problem, if any.
#pragma once

#include <cstddef>

#include "cskpi/model/survey.hpp"
#include "io/plain_values.hpp"
#include "io/record_fields.hpp"
#include "io/record_pack.hpp"

namespace cskpi::detail {

/// Not thread-safe (it remembers the last date read): one per thread.
class PlainRecordReader {
 public:
  /// `custom_count`: the custom dimensions configured. Use only when instants are read without
  /// a format or an input time zone (InstantReader::plain()).
  PlainRecordReader(const SurveyScales& scales, std::size_t custom_count) : scales_(scales), custom_count_(custom_count) {}

  [[nodiscard]] bool read(const RawRecord& v, InteractionValues& out);
  [[nodiscard]] bool read(const RawRecord& v, SurveyValues& out);
  [[nodiscard]] bool read(const RawRecord& v, EventValues& out);

  /// An interaction event's five field texts (empty: absent), each valid UTF-8.
  struct EventTexts {
    std::string_view interaction;
    std::string_view at;
    std::string_view type;
    std::string_view status;
    std::string_view agent;
  };
  /// The event from its texts, as read() from values holding them: what a CSV record's columns
  /// give without being laid out as values first.
  [[nodiscard]] bool read(const EventTexts& t, EventValues& out);

 private:
  SurveyScales scales_;
  std::size_t custom_count_ = 0;
  UtcInstantReader instants_;
};

}  // namespace cskpi::detail
