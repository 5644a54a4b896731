// Private: labels made safe for a terminal. Input text (a channel, an agent, a product) is
// customer-typed; printed raw, an ESC could recolour, move the cursor or retitle the terminal,
// and a CR or BS could overwrite what was printed (docs/reliability.md).
#pragma once

#include <string>
#include <string_view>

namespace cskpi::detail {

/// `text` with every control character shown as an escape: C0 (U+0000–U+001F, newline and TAB
/// included: a label is one cell of one line) and DEL as `\xNN`, C1 (U+0080–U+009F) as `\u00NN`.
/// Everything else, multi-byte UTF-8 included, is kept.
[[nodiscard]] std::string terminal_safe(std::string_view text);

}  // namespace cskpi::detail
