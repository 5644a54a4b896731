// The HTML dashboard (issue 9): labels are text in HTML and in the inline SVG, the period is
// read in the reporting zone, metrics without inputs are left out, numbers are in human units,
// targets show on the tiles. tests/browser/ renders the page in Chromium.
#include <catch2/catch.hpp>

#include <cskpi/model/dataset.hpp>
#include <cskpi/render/html.hpp>
#include <cskpi/report/engine.hpp>

#include <sstream>
#include <string>

#include "render/human_units.hpp"
#include "render/markup.hpp"
#include "render/svg_writer.hpp"

namespace {

cskpi::TimePoint at(std::int64_t seconds) { return cskpi::from_millis(seconds * 1000); }

constexpr std::int64_t jan_5_2026 = 1'767'571'200;  // 2026-01-05T00:00:00Z, a Monday

/// Six interactions over two months, chat and a hostile channel and topic, no surveys.
cskpi::Dataset interactions(const std::string& channel, const std::string& topic) {
  cskpi::Dataset data;
  for (int i = 0; i < 6; ++i) {
    cskpi::Interaction r;
    r.id = "i" + std::to_string(i);
    r.customer_id = "c" + std::to_string(i);
    r.channel = i % 2 == 0 ? "chat" : channel;
    r.topic = topic;
    r.created_at = at(jan_5_2026 + i * 10 * 86'400);
    r.first_response_at = at(jan_5_2026 + i * 10 * 86'400 + 600 * (i + 1));
    r.resolved_at = at(jan_5_2026 + i * 10 * 86'400 + 4320);
    REQUIRE(data.add(r));
  }
  data.link();
  return data;
}

std::string html_of(const cskpi::Dataset& data, cskpi::ReportSpec spec) {
  std::ostringstream out;
  cskpi::render_html(out, cskpi::compute_report(data, spec));
  return out.str();
}

cskpi::ReportSpec spec_by(std::initializer_list<const char*> groupings) {
  cskpi::ReportSpec spec;
  for (const char* g : groupings) spec.groupings.push_back(cskpi::parse_grouping(g));
  return spec;
}

}  // namespace

TEST_CASE("Numbers are written in human units", "[html]") {
  using namespace cskpi::detail;
  CHECK(human_duration(42) == "42 s");
  CHECK(human_duration(4320) == "1h 12m");
  CHECK(human_duration(3600) == "1h");
  CHECK(human_duration(200'000) == "2d 8h");  // 55.6 h rounds to 56 h
  CHECK(human_percent(81.24) == "81.2 %");
  CHECK(human_count(12'480) == "12,480");
  CHECK(human_count(-1'000'000) == "-1,000,000");
  CHECK(sample_size(95) == "n = 95");
  CHECK(human_number(std::nullopt, cskpi::FieldUnit::percent) == "—");
  CHECK(human_number(12.34, cskpi::FieldUnit::points) == "+12.3");
}

TEST_CASE("Markup escaping makes any label text in HTML and XML", "[html]") {
  using cskpi::detail::markup_escape;
  CHECK(markup_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(markup_escape("\"><img src=x onerror=alert(1)>") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  CHECK(markup_escape("]]>") == "]]&gt;");
  CHECK(markup_escape("&amp;") == "&amp;amp;");
  CHECK(markup_escape("it's") == "it&#39;s");
  CHECK(markup_escape(std::string{"a\x01" "b"}) == "a\xEF\xBF\xBD" "b");  // not allowed in XML 1.0
  CHECK(markup_escape("café\tok") == "café\tok");
}

TEST_CASE("The SVG writer escapes texts, titles and classes", "[html]") {
  cskpi::detail::SvgWriter svg(100, 50, "a <title>");
  svg.text({1, 2}, "<b>&", cskpi::detail::TextAnchor::middle, "x\"y");
  svg.rect(0, 0, 10, 10, "bar", "tip <i>");
  const std::string s = svg.str();
  CHECK(s.find("<title>a &lt;title&gt;</title>") != std::string::npos);
  CHECK(s.find(">&lt;b&gt;&amp;</text>") != std::string::npos);
  CHECK(s.find("class=\"x&quot;y\"") != std::string::npos);
  CHECK(s.find("<title>tip &lt;i&gt;</title></rect>") != std::string::npos);
  CHECK(s.find("<b>") == std::string::npos);
}

TEST_CASE("Hostile labels stay text in the page and its charts", "[html]") {
  const std::string html = html_of(interactions("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"),
                                   spec_by({"channel", "channel,month", "topic"}));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
}

TEST_CASE("The header shows the period in the reporting zone", "[html]") {
  cskpi::ReportSpec spec = spec_by({"month"});
  spec.time_zone = "Europe/Rome";
  spec.from = at(jan_5_2026 - 4 * 86'400 - 3600);  // 2026-01-01T00:00+01:00
  spec.to = at(jan_5_2026 + 60 * 86'400);           // 2026-03-06T01:00+01:00
  const std::string html = html_of(interactions("email", "billing"), spec);
  CHECK(html.find("2026-01-01 00:00 (UTC+01:00) to 2026-03-06 01:00 (UTC+01:00)") != std::string::npos);
  CHECK(html.find("zone Europe/Rome") != std::string::npos);
}

TEST_CASE("Metrics without inputs are left out; durations and rates read in units", "[html]") {
  const std::string html = html_of(interactions("email", "billing"), spec_by({"channel"}));
  CHECK(html.find("NPS") == std::string::npos);  // no surveys: no tile, no table, no chart
  CHECK(html.find("CSAT") == std::string::npos);
  CHECK(html.find("Phone queue") == std::string::npos);
  CHECK(html.find("Resolution time") != std::string::npos);
  CHECK(html.find("<td>1h 12m</td>") != std::string::npos);  // every resolution took 4320 s
  CHECK(html.find("median_s") == std::string::npos);         // no JSON field names as headers
  CHECK(html.find("class=\"scroll\"") != std::string::npos);
}

TEST_CASE("Tiles show the target status of the overall group", "[html]") {
  cskpi::ReportSpec spec = spec_by({"channel"});
  spec.config.targets.push_back(cskpi::TargetSpec{"first_response.median_s", std::nullopt, 3600.0, {}});
  const std::string html = html_of(interactions("email", "billing"), spec);
  CHECK(html.find("target ≤ 1h: ✓ met") != std::string::npos);
}

TEST_CASE("Chart labels are clipped between UTF-8 sequences", "[html]") {
  using cskpi::detail::clip_label;
  CHECK(clip_label("chat", 26) == "chat");
  CHECK(clip_label("abcdef", 6) == "abcdef");
  CHECK(clip_label("abcdefg", 6) == "abcde…");
  CHECK(clip_label("ééééééé", 4) == "ééé…");  // two bytes each: never half a character
}

TEST_CASE("Time charts need a calendar time grouping; hour_of_week is not one", "[html]") {
  CHECK(html_of(interactions("email", "billing"), spec_by({"month"})).find("Volume over time") != std::string::npos);
  const std::string weekly = html_of(interactions("email", "billing"), spec_by({"hour_of_week", "channel"}));
  CHECK(weekly.find("Volume over time") == std::string::npos);
  CHECK(weekly.find("<h2>By hour_of_week</h2>") != std::string::npos);
}
