#include "render/svg_writer.hpp"

#include <fmt/format.h>

#include "render/markup.hpp"

namespace cskpi::detail {
namespace {

[[nodiscard]] std::string_view anchor_name(const TextAnchor anchor) noexcept {
  switch (anchor) {
    case TextAnchor::start: return "start";
    case TextAnchor::middle: return "middle";
    case TextAnchor::end: return "end";
  }
  return "start";
}

[[nodiscard]] std::string points_attribute(const std::vector<SvgPoint>& points) {
  std::string out;
  for (const SvgPoint& p : points) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:.1f},{:.1f}", p.x, p.y);
  }
  return out;
}

/// A child `<title>` (a native tooltip) and the closing tag, or a self-closing end.
[[nodiscard]] std::string close_with_tooltip(std::string_view tag, std::string_view tooltip) {
  if (tooltip.empty()) return "/>";
  return fmt::format("><title>{}</title></{}>", markup_escape(tooltip), tag);
}

}  // namespace

std::string clip_label(const std::string_view text, const std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool continuation = (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U;
    if (continuation) continue;
    if (chars == max_chars - 1) {
      std::size_t rest = 0;  // code points from here on
      for (std::size_t k = i; k < text.size(); ++k) rest += (static_cast<unsigned char>(text[k]) & 0xC0U) != 0x80U;
      if (rest > 1) return std::string{text.substr(0, i)} + "…";
      return std::string{text};
    }
    ++chars;
  }
  return std::string{text};
}

SvgWriter::SvgWriter(const double width, const double height, const std::string_view title)
    : width_(width), height_(height), title_(title) {}

void SvgWriter::rect(const double x, const double y, const double width, const double height,
                     const std::string_view css_class, const std::string_view tooltip) {
  body_ += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" class=\"{}\"", x, y,
                       width, height, markup_escape(css_class));
  body_ += close_with_tooltip("rect", tooltip);
}

void SvgWriter::line(const SvgPoint from, const SvgPoint to, const std::string_view css_class) {
  body_ += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"{}\"/>", from.x, from.y,
                       to.x, to.y, markup_escape(css_class));
}

void SvgWriter::polyline(const std::vector<SvgPoint>& points, const std::string_view css_class) {
  if (points.size() < 2) return;
  body_ += fmt::format("<polyline points=\"{}\" class=\"{}\"/>", points_attribute(points), markup_escape(css_class));
}

void SvgWriter::polygon(const std::vector<SvgPoint>& points, const std::string_view css_class) {
  if (points.size() < 3) return;
  body_ += fmt::format("<polygon points=\"{}\" class=\"{}\"/>", points_attribute(points), markup_escape(css_class));
}

void SvgWriter::circle(const SvgPoint centre, const double radius, const std::string_view css_class,
                       const std::string_view tooltip) {
  body_ += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" class=\"{}\"", centre.x, centre.y, radius,
                       markup_escape(css_class));
  body_ += close_with_tooltip("circle", tooltip);
}

void SvgWriter::text(const SvgPoint at, const std::string_view content, const TextAnchor anchor,
                     const std::string_view css_class) {
  body_ += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"", at.x, at.y, anchor_name(anchor));
  if (!css_class.empty()) body_ += fmt::format(" class=\"{}\"", markup_escape(css_class));
  body_ += fmt::format(">{}</text>", markup_escape(content));
}

std::string SvgWriter::str() const {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} {1:.0f}\" "
      "role=\"img\"><title>{2}</title>{3}</svg>",
      width_, height_, markup_escape(title_), body_);
}

}  // namespace cskpi::detail
