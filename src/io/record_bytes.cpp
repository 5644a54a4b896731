#include "io/record_bytes.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "cskpi/error.hpp"
#include "cskpi/io/loader.hpp"
#include "io/input_text.hpp"
#include "io/json_fields.hpp"

namespace cskpi::detail {
namespace {

// How the bytes of a file map to the text the readers see (SPEC §8): as they are, byte for byte
// (UTF-8, or a single-byte encoding: ASCII bytes stay where they are), or UTF-16 code units.
enum class RawEncoding : unsigned char { ascii_compatible, utf16le, utf16be };

struct RawLayout {
  RawEncoding encoding = RawEncoding::ascii_compatible;
  bool transcoded = false;  // the readers see other bytes than the file's (decoded text needed)
  std::size_t bom = 0;      // bytes of a byte order mark
};

// The choice InputText makes: a UTF-16 BOM, then a UTF-8 one, then the configured encoding (CSV).
RawLayout layout_of(std::string_view raw, std::optional<InputEncoding> configured) {
  if (raw.substr(0, 2) == "\xFF\xFE") return {RawEncoding::utf16le, true, 2};
  if (raw.substr(0, 2) == "\xFE\xFF") return {RawEncoding::utf16be, true, 2};
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") return {RawEncoding::ascii_compatible, false, 3};
  if (configured == InputEncoding::utf16) {
    return {!raw.empty() && raw[0] == '\0' ? RawEncoding::utf16be : RawEncoding::utf16le, true, 0};
  }
  const bool single_byte = configured == InputEncoding::latin1 || configured == InputEncoding::windows1252;
  return {RawEncoding::ascii_compatible, single_byte, 0};
}

// UTF-16 code units as one byte each (ASCII as itself, anything else as 'x'): record boundaries
// depend on ASCII quotes, separators and line ends only, so they fall where they fall in the text.
std::string ascii_shadow(std::string_view units, bool little_endian) {
  std::string out;
  out.reserve(units.size() / 2 + 1);
  for (std::size_t i = 0; i < units.size(); i += 2) {
    if (i + 1 == units.size()) {  // an odd last byte
      out += 'x';
      break;
    }
    const unsigned a = static_cast<unsigned char>(units[i]);
    const unsigned b = static_cast<unsigned char>(units[i + 1]);
    const unsigned unit = little_endian ? a | (b << 8U) : (a << 8U) | b;
    out += unit < 0x80 ? static_cast<char>(unit) : 'x';
  }
  return out;
}

std::string read_all(std::istream& in, const std::string& path) {
  std::string out;
  std::array<char, 1 << 16> block{};
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    out.append(block.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw Error(ErrorCode::io_error, "cannot read " + path);
  return out;
}

std::ifstream open_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw Error(ErrorCode::io_error, fmt::format("cannot open {}: {}", path, err != 0 ? std::strerror(err) : "failed"));
  }
  return in;
}

std::string_view text_of(const RawValue& v) noexcept {
  return v.kind == ValueKind::text || v.kind == ValueKind::number ? v.text : std::string_view{};
}

}  // namespace

std::vector<RecordSpan> scan_records(std::string_view text, TextFormat format, char separator, std::size_t limit) {
  std::vector<RecordSpan> out;
  std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::uint64_t line = 1;
  RecordEnd end(format, separator);
  const char* const first = text.data();
  const char* const last = first + text.size();
  while (pos < text.size()) {
    end.reset();
    const char* const t = end.find(first + pos, last);
    const bool at_end = t == last;
    const auto stop = static_cast<std::size_t>(t - first);
    const std::string_view record = text.substr(pos, stop - pos);
    const bool blank = all_blank(record, separator);
    std::size_t next = stop;
    if (!at_end) {
      ++next;
      if (*t == '\r' && next < text.size() && text[next] == '\n') ++next;
    }
    // As RecordParser::parse: at the end, trailing blanks (CSV) or nothing (lines) are no record;
    // an over-long record is one (rejected line_too_long), a blank line is none.
    const bool none_at_end = at_end && (format == TextFormat::csv ? blank : record.empty());
    if (!none_at_end && (record.size() > limit || !blank)) out.push_back(RecordSpan{line, pos, stop, next});
    line += end.inner_lines() + (at_end ? 0 : 1);
    pos = next;
  }
  return out;
}

RecordFile::RecordFile(const std::string& path, std::optional<RecordType> type, const InputMapping& mapping,
                       const CustomNames& custom, std::size_t limit)
    : path_(path), type_(type), limit_(limit) {
  csv_ = type && format_from_path(path) == FileFormat::csv;
  for (std::size_t t = 0; t < record_type_count; ++t) {
    fields_[t] = FieldMap(static_cast<RecordType>(t), mapping.columns[t], custom);
  }
  const std::optional<InputEncoding> configured = csv_ ? mapping.encoding : std::nullopt;
  {
    std::ifstream in = open_file(path);
    raw_ = read_all(in, path);
  }
  const RawLayout layout = layout_of(raw_, configured);
  if (layout.transcoded) {  // the text as the Loader decodes it
    std::ifstream in = open_file(path);
    InputText decoded(in, path, csv_, configured, limit);
    decoded_ = read_all(decoded.stream(), path);
  }
  const std::string_view text = layout.transcoded ? std::string_view(decoded_) : std::string_view(raw_);
  if (csv_) {  // as the Loader: given, or detected from the header record
    const auto header = find_header(text, true);
    separator_ = mapping.delimiter.value_or(
        header ? detect_separator(fields_[static_cast<std::size_t>(*type)], text.substr(header->begin, header->end - header->begin))
               : ',');
  }
  text_spans_ = scan_records(text, csv_ ? TextFormat::csv : TextFormat::lines, separator_, limit);
  locate_in_raw(layout.transcoded, layout.encoding == RawEncoding::ascii_compatible ? std::nullopt
                                   : std::optional<bool>{layout.encoding == RawEncoding::utf16le}, layout.bom);
  prefix_end_ = layout.bom;
  if (csv_) read_header(text);
}

void RecordFile::locate_in_raw(bool transcoded, std::optional<bool> utf16_little_endian, std::size_t bom) {
  const TextFormat format = csv_ ? TextFormat::csv : TextFormat::lines;
  if (!utf16_little_endian) {  // ASCII bytes are where they are in the text
    raw_spans_ = transcoded ? scan_records(raw_, format, separator_, limit_) : text_spans_;
  } else {
    const std::string shadow = ascii_shadow(std::string_view(raw_).substr(bom), *utf16_little_endian);
    raw_spans_ = scan_records(shadow, format, separator_, limit_);
    const auto at = [&](std::size_t i) { return std::min(raw_.size(), bom + 2 * i); };
    for (RecordSpan& s : raw_spans_) s = RecordSpan{s.line, at(s.begin), at(s.end), at(s.next)};
  }
  const auto same_lines = [](const RecordSpan& a, const RecordSpan& b) { return a.line == b.line; };
  if (raw_spans_.size() != text_spans_.size() ||
      !std::equal(raw_spans_.begin(), raw_spans_.end(), text_spans_.begin(), same_lines)) {
    throw Error(ErrorCode::io_error, fmt::format("{}: cannot match the records of the text with the file's bytes", path_));
  }
}

void RecordFile::read_header(std::string_view text) {
  if (raw_spans_.empty()) {  // no header: the file is copied whole (blank lines, a BOM)
    prefix_end_ = raw_.size();
    return;
  }
  prefix_end_ = raw_spans_.front().next;
  first_record_ = 1;
  CsvRecord header;
  const RecordSpan& h = text_spans_.front();
  split_csv_record(text.substr(h.begin, h.end - h.begin), header, scratch_, separator_);
  HeaderCheck check = check_header(fields_[static_cast<std::size_t>(*type_)], header.fields);
  if (!check.problem.empty()) throw Error(ErrorCode::bad_input, fmt::format("{}:{}: {}", path_, h.line, check.problem));
  plan_ = std::move(check.plan);
}

void RecordFile::visit(const std::function<void(const FileRecord&)>& visitor) {
  const std::string_view text = decoded_.empty() ? std::string_view(raw_) : std::string_view(decoded_);
  JsonFields json;
  for (std::size_t i = first_record_; i < raw_spans_.size(); ++i) {
    const RecordSpan& t = text_spans_[i];
    const RecordSpan& r = raw_spans_[i];
    FileRecord record;
    record.line = r.line;
    record.bytes = std::string_view(raw_).substr(r.begin, r.next - r.begin);
    record.type = type_;
    const std::string_view record_text = text.substr(t.begin, t.end - t.begin);
    if (record_text.size() > limit_) {
      if (!type_) record.type.reset();  // an over-long mixed line has no type
    } else if (csv_) {
      keys_of_csv(record_text, record);
    } else {
      keys_of_json(json, record_text, record);
    }
    visitor(record);
  }
}

void RecordFile::keys_of(const RawRecord& v, FileRecord& out) const {
  switch (*out.type) {
    case RecordType::interaction:
      out.id = text_of(v[interaction_field::id]);
      out.customer_id = text_of(v[interaction_field::customer_id]);
      break;
    case RecordType::survey:
      out.id = text_of(v[survey_field::id]);
      out.customer_id = text_of(v[survey_field::customer_id]);
      out.interaction_id = text_of(v[survey_field::interaction_id]);
      break;
    case RecordType::interaction_event: out.interaction_id = text_of(v[event_field::interaction_id]); break;
    case RecordType::customer_event: out.customer_id = text_of(v[customer_event_field::customer_id]); break;
    case RecordType::agent_event: break;
  }
}

void RecordFile::keys_of_csv(std::string_view text, FileRecord& out) {
  constexpr std::size_t none = max_fields;
  CsvRecord record;
  split_csv_record(text, record, scratch_, separator_);
  if (record.status != CsvStatus::ok || record.fields.size() != plan_.slots.size()) return;  // rejected
  RawRecord values;
  for (std::size_t col = 0; col < plan_.slots.size(); ++col) {
    const std::size_t slot = plan_.slots[col];
    if (slot != none && !record.fields[col].empty()) values[slot] = RawValue{ValueKind::text, record.fields[col], false};
  }
  plan_.fields->apply_constants(values);
  if (plan_.synthesize_id) {  // SPEC §8: FILE:LINE, as the Loader names it
    synthesized_id_ = fmt::format("{}:{}", path_, out.line);
    values[survey_field::id] = RawValue{ValueKind::text, synthesized_id_, true};
  }
  keys_of(values, out);
}

void RecordFile::keys_of_json(JsonFields& json, std::string_view text, FileRecord& out) {
  constexpr std::string_view record_member = "record";
  if (json.parse(text)) {  // malformed: rejected (a mixed line: with no type)
    if (!type_) out.type.reset();
    return;
  }
  if (!type_) {
    const RawValue record = json.member(record_member);
    out.type = record.kind == ValueKind::text ? parse_record_type(record.text) : std::nullopt;
    if (!out.type) return;
  }
  const FieldMap& map = fields_[static_cast<std::size_t>(*out.type)];
  RawRecord values;
  json.fields(map, values, nullptr, type_ ? std::string_view{} : record_member);
  map.apply_constants(values);
  keys_of(values, out);
}

}  // namespace cskpi::detail
