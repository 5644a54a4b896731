// Private: a small writer of inline SVG for the HTML report. It knows shapes and text, not
// charts; every text and title goes through markup_escape, so the result is well-formed XML
// whatever the labels hold. Styling is by CSS class (the page's stylesheet), so the charts
// follow the page and stay readable in grey-scale (patterns and dash styles, not hue alone).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cskpi::detail {

struct SvgPoint {
  double x = 0.0;
  double y = 0.0;
};

enum class TextAnchor : unsigned char { start, middle, end };

/// `text` cut to `max_chars` code points with `…` when longer (chart labels have a fixed width;
/// the full label stays in the tooltip and the tables). Cuts only between UTF-8 sequences.
[[nodiscard]] std::string clip_label(std::string_view text, std::size_t max_chars);

class SvgWriter {
 public:
  /// A picture `width` × `height` px; `title` is its accessible name (`<title>`).
  SvgWriter(double width, double height, std::string_view title);

  void rect(double x, double y, double width, double height, std::string_view css_class,
            std::string_view tooltip = {});
  void line(SvgPoint from, SvgPoint to, std::string_view css_class);
  /// An open polyline through `points` (nothing for fewer than two).
  void polyline(const std::vector<SvgPoint>& points, std::string_view css_class);
  /// A closed polygon (nothing for fewer than three points).
  void polygon(const std::vector<SvgPoint>& points, std::string_view css_class);
  void circle(SvgPoint centre, double radius, std::string_view css_class, std::string_view tooltip = {});
  void text(SvgPoint at, std::string_view content, TextAnchor anchor = TextAnchor::start,
            std::string_view css_class = {});

  /// The `<svg>` element.
  [[nodiscard]] std::string str() const;

 private:
  double width_;
  double height_;
  std::string title_;
  std::string body_;
};

}  // namespace cskpi::detail
