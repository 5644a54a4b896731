// write_rejects_csv (declared in cskpi/io/loader.hpp): the `--rejects` file, one row per reject;
// file, field and detail are text (spreadsheet-safe: a detail often quotes the input).
#include <ostream>

#include "cskpi/io/loader.hpp"
#include "io/csv_writer.hpp"

namespace cskpi {

void write_rejects_csv(std::ostream& out, const std::vector<Reject>& rejects) {
  out << "file,line,record_type,field,reason,detail\n";
  for (const Reject& r : rejects) {
    detail::write_csv_text(out, r.file);
    out << ',' << r.line << ',';
    if (!is_unrouted(r)) out << to_string(r.type);
    out << ',';
    detail::write_csv_text(out, r.field);
    out << ',' << to_string(r.reason) << ',';
    detail::write_csv_text(out, r.detail);
    out << '\n';
  }
}

}  // namespace cskpi
