// cskpi/model/customer_event.hpp: a subscription lifecycle event (SPEC §1, CustomerEvent).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cskpi/time.hpp"

namespace cskpi {

enum class CustomerEventType : unsigned char { start, cancel, renew, purchase, adopt };

[[nodiscard]] constexpr std::string_view to_string(CustomerEventType t) noexcept {
  switch (t) {
    case CustomerEventType::start: return "start";
    case CustomerEventType::cancel: return "cancel";
    case CustomerEventType::renew: return "renew";
    case CustomerEventType::purchase: return "purchase";
    case CustomerEventType::adopt: return "adopt";
  }
  return "start";
}

struct CustomerEvent {
  std::string customer_id;
  CustomerEventType type = CustomerEventType::start;
  TimePoint at{};
  std::optional<std::string> product;
  std::optional<double> mrr;  // monthly recurring revenue after the event, >= 0
  /// Values of the data set's custom dimensions, by position (Dataset::custom_dimensions()).
  std::vector<std::optional<std::string>> custom{};
};

}  // namespace cskpi
