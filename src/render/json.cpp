#include "cskpi/render/json.hpp"

#include "render/report_json.hpp"

namespace cskpi {

void render_json(std::ostream& out, const Report& report) {
  out << detail::report_json(report).dump(2) << '\n';
}

}  // namespace cskpi
