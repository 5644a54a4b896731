// Hostile labels in the outputs people open (docs/reliability.md): CSV text fields that start
// like a spreadsheet formula get a leading ' (OWASP), numbers stay numbers; HTML and SVG escape
// every character that could end an element or an attribute.
#include <catch2/catch.hpp>

#include <cskpi/io/loader.hpp>
#include <cskpi/render/csv.hpp>
#include <cskpi/render/html.hpp>
#include <cskpi/render/text.hpp>
#include <cskpi/render/trace_csv.hpp>
#include <cskpi/report/engine.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "io/csv_writer.hpp"
#include "render/terminal_text.hpp"

using namespace cskpi;

namespace {

std::string text_field(std::string_view text) {
  std::string line;
  detail::append_csv_text(line, text);
  return line;
}

Interaction interaction(std::string id, std::string channel, std::string topic) {
  Interaction r;
  r.id = std::move(id);
  r.channel = std::move(channel);
  r.topic = std::move(topic);
  r.created_at = *parse_instant("2026-03-02T10:00:00Z").value;
  r.resolved_at = *parse_instant("2026-03-02T11:00:00Z").value;  // so the HTML draws a resolution chart
  r.customer_id = "@cust";
  return r;
}

/// Two interactions with hostile channel and topic labels, grouped by channel and by topic.
struct Hostile {
  Hostile() {
    data.add(interaction("=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+topic"));
    data.add(interaction("-2", "<script>alert('x')</script>", "\tTAB"));
    data.link();
    spec.groupings = {parse_grouping("channel"), parse_grouping("topic")};
  }
  Dataset data;
  ReportSpec spec;
};

}  // namespace

TEST_CASE("CSV text starting with = + - @ TAB or CR gets a leading quote, other text is unchanged", "[csv_writer]") {
  CHECK(text_field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(text_field("+1") == "'+1");
  CHECK(text_field("-1") == "'-1");  // as text (a label "-1"), it is neutralised too
  CHECK(text_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(text_field("\tx") == "'\tx");  // the tab is no longer leading: no quotes needed
  CHECK(text_field("\rx") == "\"'\rx\"");
  CHECK(text_field("a=b") == "a=b");  // only the first character matters
  CHECK(text_field(" =x") == "\" =x\"");  // a leading space is not OWASP's list
  CHECK(text_field("") == "");
  std::string number;
  detail::append_csv_field(number, "-4.1");
  CHECK(number == "-4.1");  // numbers are written verbatim
}

TEST_CASE("The CSV report neutralises labels in by and key, never the numbers in value", "[csv_writer][render]") {
  const Hostile h;
  const Report report = compute_report(h.data, h.spec);
  std::ostringstream out;
  render_csv(out, report);
  const std::string csv = out.str();
  CHECK(csv.find("channel,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",volume,count,1\n") != std::string::npos);
  CHECK(csv.find("topic,'+topic,volume,count,1\n") != std::string::npos);
  CHECK(csv.find("topic,'\tTAB,volume,count,1\n") != std::string::npos);
  CHECK(csv.find(",=") == std::string::npos);
  CHECK(csv.find(",\"=") == std::string::npos);
  CHECK(csv.find(",+") == std::string::npos);
}

TEST_CASE("The detail file neutralises ids, customers and labels", "[csv_writer][detail]") {
  const Hostile h;
  std::ostringstream out;
  write_trace_csv(out, h.data, h.spec);
  const std::string csv = out.str();
  CHECK(csv.find("\n'=1+1,'@cust,\"'=HYPERLINK(") != std::string::npos);
  CHECK(csv.find("\n'-2,'@cust,<script>alert('x')</script>,'\tTAB,") != std::string::npos);
}

TEST_CASE("The rejects file neutralises the file, field and detail text", "[csv_writer][io]") {
  Reject r;
  r.file = "-input.csv";
  r.line = 3;
  r.field = "handle_seconds";
  r.reason = RejectReason::out_of_range;
  r.detail = "-5: handle_seconds must be >= 0";
  std::ostringstream out;
  write_rejects_csv(out, {r});
  CHECK(out.str() ==
        "file,line,record_type,field,reason,detail\n"
        "'-input.csv,3,interaction,handle_seconds,out_of_range,'-5: handle_seconds must be >= 0\n");
}

TEST_CASE("The HTML report escapes hostile labels in tables and SVG charts", "[render]") {
  const Hostile h;
  const Report report = compute_report(h.data, h.spec);
  std::ostringstream out;
  render_html(out, report);
  const std::string html = out.str();
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)") != std::string::npos);
  // In the chart's SVG too: a bar label is text of a <text> element.
  CHECK(html.find("text-anchor=\"end\">&lt;script&gt;") != std::string::npos);
}

TEST_CASE("The text dashboard shows control characters in labels as escapes, not as terminal commands",
          "[render][text]") {
  // ESC [ 2 J clears the screen, ESC ] 0 ; … BEL retitles the window, CR overwrites the line,
  // U+009B (C1 CSI, bytes C2 9B) starts a command on some terminals.
  CHECK(detail::terminal_safe("\x1b[2Jx") == "\\x1b[2Jx");
  CHECK(detail::terminal_safe("a\rb\tc\nd\x7f") == "a\\x0db\\x09c\\x0ad\\x7f");
  CHECK(detail::terminal_safe("\xc2\x9b" "1m") == "\\u009b1m");
  CHECK(detail::terminal_safe("Réclamation ▲ 東京") == "Réclamation ▲ 東京");  // printable UTF-8 stays
  Dataset data;
  data.add(interaction("x", "\x1b]0;owned\x07phone", "\x1b[31mred"));
  data.link();
  ReportSpec spec;
  spec.groupings = {parse_grouping("channel"), parse_grouping("topic")};
  std::ostringstream out;
  render_text(out, compute_report(data, spec));
  const std::string text = out.str();
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("\\x1b]0;owned\\x07phone") != std::string::npos);
  CHECK(text.find("\\x1b[31mred") != std::string::npos);
}
