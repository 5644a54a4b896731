// Private: text made safe for HTML and for SVG read as XML. Both the page and its inline SVG
// take every label through markup_escape, so a label is always text, never markup.
#pragma once

#include <string>
#include <string_view>

namespace cskpi::detail {

/// `&`, `<`, `>`, `"` and `'` as entities; C0 control characters other than tab, newline and
/// carriage return (not allowed in XML 1.0) as U+FFFD. The result is valid in HTML text, in
/// quoted HTML attributes and in XML text and attributes.
[[nodiscard]] std::string markup_escape(std::string_view text);

}  // namespace cskpi::detail
