#include "types/schema.h"

#include "common/string_util.h"

namespace inlet {

int Schema::FindField(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (EqualsIgnoreCase(fields_[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

int Schema::FindFieldExact(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string Schema::ToString() const {
  std::string out = "(";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += ", ";
    out += fields_[i].name + " " + fields_[i].type.ToString();
    if (!fields_[i].nullable) out += " NOT NULL";
  }
  return out + ")";
}

}  // namespace inlet
