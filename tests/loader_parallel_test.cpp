// The chunked, multi-threaded loader against the sequential streaming readers (chunk_bytes = 0):
// for generated CSV and JSON Lines texts with damaged records mixed in — quoted line ends, CR /
// LF / CRLF, BOMs, blank lines, malformed quotes, too-long records, duplicate ids, no final line
// end — every thread count and chunk size gives the same data set (rows, codes), counts, rejects
// in the same order, and in strict mode the same error.
#include <catch2/catch.hpp>

#include <cskpi/error.hpp>
#include <cskpi/io/loader.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace cskpi;

namespace {

// Everything a load produced, as text: equal texts, equal loads.
std::string dump(const test::Loaded& run) {
  std::ostringstream out;
  const Loader& l = run.loader;
  for (std::size_t t = 0; t < record_type_count; ++t) {
    const InputCounts& c = l.counts(static_cast<RecordType>(t));
    out << "counts " << t << ' ' << c.accepted << ' ' << c.rejected << '\n';
  }
  for (const Reject& r : l.rejects()) {
    out << "reject " << r.file << ':' << r.line << ' ' << to_string(r.type) << ' ' << r.field << ' '
        << to_string(r.reason) << " [" << r.detail << "]\n";
  }
  const Dataset& d = run.data;
  const InteractionColumns& ic = d.interactions();
  for (std::size_t i = 0; i < ic.size(); ++i) {
    out << "interaction " << d.interaction_ids().value(static_cast<std::uint32_t>(i)) << " c" << ic.customer[i] << ' '
        << d.customers().value(ic.customer[i]);
    for (std::size_t k = 0; k < dimension_count; ++k) {
      const std::uint32_t code = ic.dim[k][i];
      out << " d" << code << '[' << d.label(static_cast<Dimension>(k), code).value_or("-") << ']';
    }
    out << ' ' << ic.created_ms[i] << ' ' << ic.first_response_ms[i] << ' ' << ic.resolved_ms[i] << ' ' << ic.contacts[i]
        << ' ' << ic.reopened[i] << ' ' << ic.handle_ms[i] << ' ' << ic.wait_ms[i] << ' ' << ic.cost[i] << ' '
        << int{ic.abandoned[i]} << '\n';
  }
  const SurveyColumns& sc = d.surveys();
  for (std::size_t i = 0; i < sc.size(); ++i) {
    out << "survey " << d.survey_ids().value(static_cast<std::uint32_t>(i)) << ' ' << static_cast<int>(sc.kind[i]) << ' '
        << sc.score[i] << ' ' << sc.responded_ms[i] << ' ' << sc.customer[i] << ' ' << sc.link_id[i] << ' '
        << sc.interaction[i];
    for (std::size_t k = 0; k < dimension_count; ++k) out << ' ' << sc.dim[k][i] << '/' << sc.effective_dim[k][i];
    out << '\n';
  }
  const InteractionEventColumns& ec = d.interaction_events();
  for (std::size_t i = 0; i < ec.size(); ++i) {
    out << "event " << d.event_interaction(i) << ' ' << ec.at_ms[i] << ' ' << static_cast<int>(ec.type[i]) << ' '
        << static_cast<int>(ec.status[i]) << ' ' << ec.agent[i] << '\n';
  }
  return out.str();
}

struct Input {
  RecordType type;
  std::string text;
  FileFormat format;
  std::string name;
};

// Loads the inputs in order, then finishes; a strict-mode error becomes the last line.
std::string load(const std::vector<Input>& inputs, LoadOptions options) {
  test::Loaded run(options);
  std::string error;
  try {
    for (const Input& in : inputs) {
      std::istringstream stream(in.text);
      run.loader.load(in.type, stream, in.name, in.format);
    }
    run.loader.finish();
  } catch (const Error& e) {
    error = std::string{"error: "} + e.what() + "\n";
  }
  return dump(run) + error;
}

std::string pick(std::mt19937_64& rng, const std::vector<std::string>& choices) {
  return choices[rng() % choices.size()];
}

std::string line_end(std::mt19937_64& rng) {
  const auto r = rng() % 10;
  return r < 6 ? "\n" : r < 9 ? "\r\n" : "\r";
}

// An interactions CSV: mostly good rows, some with quoted fields holding commas, quotes and
// line ends, and damaged ones of every kind.
std::string interactions_csv(std::mt19937_64& rng, std::size_t rows) {
  std::string text;
  if (rng() % 4 == 0) text += "\xEF\xBB\xBF";
  text += "id,customer_id,channel,topic,created_at,resolved_at,handle_seconds,priority" + line_end(rng);
  for (std::size_t i = 0; i < rows; ++i) {
    const std::string id = "I" + std::to_string(rng() % (rows + rows / 8 + 1));  // some duplicates
    const std::string topic = pick(rng, {"billing", "", "\"a, b\"", "\"line\nbreak\"", "\"cr\r\nlf\"",
                                         "\"say \"\"hi\"\"\"", "caf\xC3\xA9", "\"\"", " spaced ", "\"multi\n\n\nline\""});
    const std::string created = pick(rng, {"2026-03-01T10:00:00Z", "2026-03-02 11:30:00+01:00", "1767225600",
                                           "2026-02-30T10:00:00Z"});
    const std::string resolved = pick(rng, {"", "2026-03-05T10:00:00Z", "2026-01-01T00:00:00Z"});
    const std::string handle = pick(rng, {"", "12", "3.5", "-1", "x"});
    const std::string priority = pick(rng, {"", "high", "Low", "urgent ", "nope"});
    std::string row = id + ",c" + std::to_string(rng() % 50) + "," + pick(rng, {"chat", "email", "phone"}) + "," +
                      topic + "," + created + "," + resolved + "," + handle + "," + priority;
    switch (rng() % 24) {
      case 0: row = "   "; break;                         // a blank line
      case 1: row = ""; break;                            // an empty line
      case 2: row += ",extra"; break;                     // field count
      case 3: row = id + ",c1,chat,x\"y\",2026-03-01T10:00:00Z,,,"; break;  // a quote inside a field
      case 4: row = id + ",c1,chat,\"t\"x,2026-03-01T10:00:00Z,,,"; break;  // text after a quote
      case 5: row += std::string(60, 'z'); break;        // too long for the test limit
      case 6: row = id + ",c1,chat,\"long\n" + std::string(70, 'q') + "\",2026-03-01T10:00:00Z,,,"; break;
      case 7: row = id + ",c1,\xFF\xFE,t,2026-03-01T10:00:00Z,,,"; break;  // invalid UTF-8
      case 8: row = "\"" + id + "\",c2,chat,\"quoted\",2026-03-01T10:00:00Z,,,"; break;
      default: break;
    }
    text += row;
    if (i + 1 < rows || rng() % 3 != 0) text += line_end(rng);  // sometimes no final line end
  }
  if (rng() % 6 == 0) text += "I9,c1,chat,\"never closed,2026-03-01T10:00:00Z,,,\n\n";
  return text;
}

std::string surveys_jsonl(std::mt19937_64& rng, std::size_t rows) {
  std::string text;
  if (rng() % 4 == 0) text += "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < rows; ++i) {
    const std::string id = "S" + std::to_string(rng() % (rows + 2));
    std::string line = "{\"id\":\"" + id + "\",\"kind\":\"" + pick(rng, {"nps", "csat", "bad"}) +
                       "\",\"score\":" + pick(rng, {"9", "3", "\"4\"", "11", "9.5"}) +
                       ",\"responded_at\":\"2026-03-0" + std::to_string(1 + rng() % 9) + "T10:00:00Z\"" +
                       ",\"interaction_id\":\"I" + std::to_string(rng() % 20) + "\",\"customer_id\":\"c" +
                       std::to_string(rng() % 9) + "\"}";
    switch (rng() % 14) {
      case 0: line = "  "; break;
      case 1: line = "{not json"; break;
      case 2: line += std::string(80, ' '); break;  // too long for the test limit
      case 3: line = "[1,2]"; break;
      case 4: line = "{\"id\":\"" + id + "\",\"kind\":\"nps\",\"score\":7,\"responded_at\":\"2026-03-01T10:00:00Z\",\"topic\":\"t\xC3\xA9\"}"; break;
      default: break;
    }
    text += line;
    if (i + 1 < rows || rng() % 3 != 0) text += line_end(rng);
  }
  return text;
}

std::string events_csv(std::mt19937_64& rng, std::size_t rows) {
  std::string text = "interaction_id,at,type,status\r\n";
  for (std::size_t i = 0; i < rows; ++i) {
    text += "I" + std::to_string(rng() % 40) + "," + pick(rng, {"2026-03-01T12:00:00Z", "2026-02-01T00:00:00Z", "x"}) +
            "," + pick(rng, {"status,solved", "status,\"open\"", "agent_reply,", "customer_message,", "status,"}) +
            line_end(rng);
  }
  return text;
}

std::vector<Input> generated_inputs(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::size_t rows = 20 + rng() % 120;
  return {{RecordType::interaction, interactions_csv(rng, rows), FileFormat::csv, "a.csv"},
          {RecordType::interaction, interactions_csv(rng, rows / 4), FileFormat::csv, "b.csv"},
          {RecordType::survey, surveys_jsonl(rng, rows), FileFormat::jsonl, "s.jsonl"},
          {RecordType::interaction_event, events_csv(rng, rows / 2), FileFormat::csv, "e.csv"}};
}

LoadOptions options(unsigned threads, std::size_t chunk, bool strict = false) {
  LoadOptions o;
  o.strict = strict;
  o.record_limit = 100;
  o.threads = threads;
  o.chunk_bytes = chunk;
  return o;
}

void check_all_ways(const std::vector<Input>& inputs, bool strict) {
  const std::string reference = load(inputs, options(1, 0, strict));
  for (const unsigned threads : {1u, 2u, 3u, 8u}) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{4096}}) {
      INFO("threads " << threads << ", chunk " << chunk << " bytes");
      CHECK(load(inputs, options(threads, chunk, strict)) == reference);
    }
  }
}

}  // namespace

TEST_CASE("Chunked loading gives the sequential result for every thread count and chunk size", "[io][parallel]") {
  std::string seen;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    INFO("seed " << seed);
    check_all_ways(generated_inputs(seed), false);
    seen += load(generated_inputs(seed), options(1, 0));
  }
  // The generated inputs hold every kind of record the comparison is meant to cover.
  for (const char* what : {"interaction I", "survey S", "event ", " malformed_quote ", " line_too_long ",
                           " duplicate_id ", " field_count ", " invalid_utf8 ", " malformed_json ", " bad_instant ",
                           " unknown_interaction ", "[multi\n\n\nline]", "[cr\r\nlf]"}) {
    INFO(what);
    CHECK(seen.find(what) != std::string::npos);
  }
}

TEST_CASE("Chunked loading in strict mode stops at the same record", "[io][parallel]") {
  for (std::uint64_t seed = 100; seed <= 105; ++seed) {
    INFO("seed " << seed);
    check_all_ways(generated_inputs(seed), true);
  }
}

TEST_CASE("Chunked CSV: boundaries inside quotes, at CR LF pairs and after a BOM", "[io][parallel]") {
  const std::string header = "id,customer_id,channel,topic,created_at\r\n";
  const std::vector<std::string> texts = {
      // A quoted field whose line ends look like record starts to a chunk that begins after them.
      "\xEF\xBB\xBF" + header + "I1,c1,chat,\"a\nI2,c2,chat,x,2026-03-01T10:00:00Z\nb\",2026-03-01T10:00:00Z\r\n"
          "I3,c1,chat,t,2026-03-01T10:00:00Z",
      // Quoted CR LF, CR alone, LF alone; CR-only line ends; blank lines between.
      header + "I1,c1,chat,\"x\r\ny\ry\nz\",2026-03-01T10:00:00Z\r\r\n\n  \nI2,c1,chat,\"\",2026-03-01T10:00:00Z\r"
               "I3,c1,chat,t,2026-03-01T10:00:00Z\r",
      // An unclosed quote swallows the rest of the file.
      header + "I1,c1,chat,t,2026-03-01T10:00:00Z\nI2,c1,chat,\"open\nI3,c1,chat,t,2026-03-01T10:00:00Z\n",
      // A BOM only; a header only; a header without a line end.
      "\xEF\xBB\xBF", header, "id,customer_id,channel,created_at",
      // Blank lines before the header; a too-long record at the end without a line end.
      "\n \n" + header + "I1,c1,chat,t,2026-03-01T10:00:00Z\nI2,c1,chat," + std::string(200, 'x'),
      // Trailing blanks at the end of the file are no record, however long.
      header + "I1,c1,chat,t,2026-03-01T10:00:00Z\n" + std::string(300, ' '),
  };
  for (const std::string& text : texts) {
    INFO("text: " << text);
    check_all_ways({{RecordType::interaction, text, FileFormat::csv, "x.csv"}}, false);
  }
}

namespace {

// The inputs written to files named by their names in a fresh temporary folder.
std::vector<Input> in_files(std::vector<Input> inputs, const std::string& folder) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / folder;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (Input& in : inputs) {
    in.name = (dir / in.name).string();
    std::ofstream(in.name, std::ios::binary) << in.text;
  }
  return inputs;
}

// Loads the inputs by path (Loader::load(type, path): a file is mapped, not read).
std::string load_paths(const std::vector<Input>& inputs, LoadOptions options) {
  test::Loaded run(options);
  std::string error;
  try {
    for (const Input& in : inputs) run.loader.load(in.type, in.name);
    run.loader.finish();
  } catch (const Error& e) {
    error = std::string{"error: "} + e.what() + "\n";
  }
  return dump(run) + error;
}

}  // namespace

TEST_CASE("Chunked loading of files read in place (mapped) gives the sequential result", "[io][parallel]") {
  const std::string header = "id,customer_id,channel,topic,created_at\r\n";
  std::vector<std::vector<Input>> cases = {
      {{RecordType::interaction, "\xEF\xBB\xBF" + header + "I1,c1,chat,\"a\nI2,c2,chat,x,2026-03-01T10:00:00Z\nb\",2026-03-01T10:00:00Z\r\n"
        "I3,c1,chat,t,2026-03-01T10:00:00Z", FileFormat::csv, "bom.csv"}},
      {{RecordType::interaction, header + "I1,c1,chat,t,2026-03-01T10:00:00Z\nI2,c1,chat," + std::string(200, 'x'),
        FileFormat::csv, "long.csv"}},
      {{RecordType::interaction, "", FileFormat::csv, "empty.csv"}}};
  for (std::uint64_t seed = 300; seed <= 303; ++seed) {
    std::vector<Input> generated = generated_inputs(seed);
    for (std::size_t i = 0; i < generated.size(); ++i) generated[i].name = std::to_string(i) + generated[i].name;
    cases.push_back(generated);
  }
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const std::vector<Input> files = in_files(cases[k], "cskpi_mapped_test_" + std::to_string(k));
    INFO("case " << k << ": " << files.front().name);
    const std::string reference = load(files, options(1, 0));  // the streams, sequentially
    for (const unsigned threads : {1u, 2u, 3u}) {
      for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{4096}}) {
        INFO("threads " << threads << ", chunk " << chunk << " bytes");
        CHECK(load_paths(files, options(threads, chunk)) == reference);
      }
    }
    std::filesystem::remove_all(std::filesystem::path(files.front().name).parent_path());
  }
}

TEST_CASE("Chunked loading refuses a bad header like the sequential reader", "[io][parallel]") {
  const std::vector<std::string> texts = {"id,id,channel\nI1,I1,chat\n", "id,\"chan\"x\nI1,chat\n",
                                          std::string(300, 'h') + "\nI1\n"};
  for (const std::string& text : texts) {
    check_all_ways({{RecordType::interaction, text, FileFormat::csv, "x.csv"}}, false);
  }
}

namespace {

// The generated CSV with another separator: quoted fields that held commas now hold it.
std::string with_separator(std::string text, char separator) {
  for (char& c : text) {
    if (c == ',') c = separator;
  }
  return text;
}

// UTF-8 bytes → UTF-16 LE with a BOM; a byte that is not UTF-8 becomes a lone low surrogate,
// which the reader turns back into a byte that is not UTF-8 (the record stays invalid_utf8).
std::string to_utf16(const std::string& utf8) {
  std::u16string units = u"\xFEFF";
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : 0;
    bool ok = len > 0 && i + len <= utf8.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(utf8[i + k]) & 0xC0) == 0x80;
    if (!ok) {
      units += static_cast<char16_t>(0xDC00 + c);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : (c & 0x0Fu);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    units += static_cast<char16_t>(cp);
    i += len;
  }
  std::string out;
  for (const char16_t u : units) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  }
  return out;
}

}  // namespace

TEST_CASE("Chunked loading of semicolon, tab and pipe files gives the sequential result", "[io][parallel]") {
  for (std::uint64_t seed = 200; seed <= 205; ++seed) {
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    const std::size_t rows = 20 + rng() % 120;
    const std::string csv = interactions_csv(rng, rows);
    const std::string events = events_csv(rng, rows / 2);
    for (const char sep : {';', '\t', '|'}) {
      INFO("separator " << static_cast<int>(sep));
      const std::vector<Input> inputs = {{RecordType::interaction, with_separator(csv, sep), FileFormat::csv, "a.csv"},
                                         {RecordType::interaction_event, with_separator(events, sep), FileFormat::csv,
                                          "e.csv"}};
      check_all_ways(inputs, false);
      // The separator was detected: the same records as the comma file (but for the quoted
      // commas now being the separator).
      CHECK(load(inputs, options(1, 0)).find("interaction I") != std::string::npos);
    }
  }
}

TEST_CASE("Chunked loading of event files with agents, any column order and unread columns", "[io][parallel]") {
  // The workers read an events file's records from their columns directly: each field from
  // wherever the header puts it, absent columns as empty, anything unusual (other instant
  // spellings, bad types and statuses, a status on a reply, bytes past ASCII, blanks, quotes)
  // declined to the general rules. The sequential readers do not take that path.
  const std::vector<std::vector<std::string>> orders = {{"interaction_id", "at", "type", "status", "agent_id"},
                                                        {"agent_id", "note", "type", "at", "interaction_id", "status"},
                                                        {"type", "interaction_id", "at"}};
  const auto value = [](std::mt19937_64& rng, const std::string& column) -> std::string {
    if (column == "interaction_id") return pick(rng, {"I1", "I2", "I3", "I7", "I7", "nobody", "", " I2 "});
    if (column == "at") {
      return pick(rng, {"2026-03-01T12:00:00Z", "2026-03-01T12:30:00Z", "2026-03-01 13:00:00", "2026-02-30T00:00:00Z",
                        "2026-03-01T13:00:00+01:00", "", "x"});
    }
    if (column == "type") return pick(rng, {"status", "agent_reply", "customer_message", "Status", "", "reply"});
    if (column == "status") return pick(rng, {"solved", "open", "on_hold", "", "", "Solved", "bogus"});
    if (column == "agent_id") return pick(rng, {"A1", "A1", "A2", "", "Ag\xC3\xA9nt", "A\xFF", " A3 ", "\"A4\""});
    return pick(rng, {"n", "", "caf\xC3\xA9"});
  };
  std::string seen;
  for (std::uint64_t seed = 400; seed <= 411; ++seed) {
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    const std::vector<std::string>& columns = orders[seed % orders.size()];
    std::string events;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k > 0) events += ',';
      events += columns[k];
    }
    events += "\n";
    for (std::size_t row = 0; row < 150; ++row) {
      for (std::size_t k = 0; k < columns.size(); ++k) {
        if (k > 0) events += ',';
        events += value(rng, columns[k]);
      }
      events += line_end(rng);
    }
    const std::string interactions =
        "id,customer_id,channel,created_at\nI1,C1,email,2026-03-01T11:00:00Z\nI2,C2,chat,2026-03-01T12:15:00Z\n"
        "I3,C1,phone,2026-02-01T00:00:00Z\nI7,C3,email,2026-03-01T00:00:00Z\n";
    const std::vector<Input> inputs = {{RecordType::interaction, interactions, FileFormat::csv, "i.csv"},
                                       {RecordType::interaction_event, events, FileFormat::csv, "e.csv"}};
    check_all_ways(inputs, false);
    seen += load(inputs, options(1, 0));
  }
  // Accepted events with and without agents, and the general rules' rejects, were all compared.
  for (const char* what : {"event 0 ", "event 3 ", " bad_instant ", " unknown_value ", " missing_field ", " invalid_utf8 ",
                           " unknown_interaction "}) {
    INFO(what);
    CHECK(seen.find(what) != std::string::npos);
  }
}

TEST_CASE("Chunked loading of UTF-16 files gives the sequential result", "[io][parallel]") {
  for (std::uint64_t seed = 300; seed <= 305; ++seed) {
    INFO("seed " << seed);
    std::mt19937_64 rng(seed);
    const std::size_t rows = 20 + rng() % 120;
    std::string csv = interactions_csv(rng, rows);
    if (csv.rfind("\xEF\xBB\xBF", 0) == 0) csv.erase(0, 3);  // the UTF-16 BOM replaces it
    std::string json = surveys_jsonl(rng, rows);
    if (json.rfind("\xEF\xBB\xBF", 0) == 0) json.erase(0, 3);
    const std::vector<Input> inputs = {{RecordType::interaction, to_utf16(csv), FileFormat::csv, "a.csv"},
                                       {RecordType::survey, to_utf16(json), FileFormat::jsonl, "s.jsonl"}};
    check_all_ways(inputs, false);
    // UTF-16 reads as the UTF-8 text would (record limits aside: the same test limit applies to
    // the decoded bytes).
    const std::string utf8 = load({{RecordType::interaction, csv, FileFormat::csv, "a.csv"},
                                   {RecordType::survey, json, FileFormat::jsonl, "s.jsonl"}},
                                  options(1, 0));
    CHECK(load(inputs, options(1, 0)).substr(0, 40) == utf8.substr(0, 40));
  }
}

TEST_CASE("Ids the workers leave unhashed while in order or numbered are found once the order breaks",
          "[io][parallel]") {
  // Ids and customers in order and numbered for thousands of rows (the workers skip their hashes),
  // then out of order with duplicates, customers of another form and sparse numbers (the
  // dictionaries take tables mid-file): the duplicates are found and the codes are those of the
  // sequential load, for every thread count and chunk size.
  std::mt19937_64 rng(77);
  std::string interactions = "id,customer_id,channel,created_at\n";
  std::string surveys = "id,kind,score,responded_at,customer_id,interaction_id\n";
  constexpr int ordered_rows = 6000;
  for (int i = 0; i < ordered_rows + 3000; ++i) {
    const bool late = i >= ordered_rows;
    const std::string id = "I" + std::to_string(late ? rng() % (ordered_rows + 2000) : static_cast<std::uint64_t>(i));
    std::string customer = "C" + std::to_string(100000 + rng() % 3000);
    if (late && rng() % 5 == 0) customer = rng() % 2 == 0 ? "guest-" + std::to_string(rng() % 40) : "C" + std::to_string(900000 + rng() % 9);
    interactions += id + "," + customer + ",chat,2026-03-01T10:00:00Z\n";
    const std::string survey = "S" + std::to_string(late ? rng() % (ordered_rows + 2000) : static_cast<std::uint64_t>(i));
    surveys += survey + ",csat,4,2026-03-02T10:00:00Z," + customer + ",I" + std::to_string(rng() % (ordered_rows + 3000)) + "\n";
  }
  const std::vector<Input> inputs{{RecordType::interaction, interactions, FileFormat::csv, "i.csv"},
                                  {RecordType::survey, surveys, FileFormat::csv, "s.csv"}};
  const std::string reference = load(inputs, options(1, 0));
  CHECK(reference.find(" duplicate_id ") != std::string::npos);
  for (const unsigned threads : {2u, 3u}) {
    for (const std::size_t chunk : {std::size_t{512}, std::size_t{4096}, std::size_t{65536}}) {
      INFO("threads " << threads << ", chunk " << chunk << " bytes");
      CHECK(load(inputs, options(threads, chunk)) == reference);
    }
  }
}
