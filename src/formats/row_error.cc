#include "formats/row_error.h"

namespace inlet {

std::string RowError::ToString() const {
  std::string out = file;
  if (line >= 0) {
    out += ':';
    out += std::to_string(line);
  }
  out += ": ";
  if (!column_name.empty()) out += "column \"" + column_name + "\": ";
  out += reason;
  return out;
}

}  // namespace inlet
