// Private (C API): records pushed one by one become JSON Lines text, read by the loader as a
// file would be.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cskpi/io/reject.hpp"

namespace cskpi::capi {

/// "interactions", "interaction_events" / "events", "surveys", "customer_events" /
/// "customers", "agent_events" / "agents" → the record type; nullopt otherwise.
[[nodiscard]] std::optional<RecordType> parse_record_type_name(std::string_view name) noexcept;

/// `{"name":"value",...}` on one line: names and values as JSON strings, their bytes kept as
/// they are (the reader then rejects invalid UTF-8 as it would in a file) but for `"`, `\` and
/// control characters, which are escaped. A null value leaves its pair out.
[[nodiscard]] std::string json_object_of(const char* const* names, const char* const* values, std::size_t count);

/// True when `text` has no line break (a pushed JSON record must be one line).
[[nodiscard]] bool one_line(std::string_view text) noexcept;

}  // namespace cskpi::capi
