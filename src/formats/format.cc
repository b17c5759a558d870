#include "formats/format.h"

#include <unordered_map>

#include "common/string_util.h"

namespace inlet {

Result<std::vector<int>> MatchColumnsByName(const std::vector<std::string>& source_names,
                                            const Schema& target, const std::string& file_name) {
  std::unordered_map<std::string, int> by_name;
  for (size_t i = 0; i < source_names.size(); ++i) {
    auto [it, inserted] = by_name.emplace(AsciiToLower(source_names[i]), static_cast<int>(i));
    if (!inserted) {
      return Status::InvalidData(file_name + ": column \"" + source_names[i] +
                                 "\" appears more than once in the file");
    }
  }
  std::vector<int> mapping(target.num_fields(), -1);
  bool any = false;
  for (size_t f = 0; f < target.num_fields(); ++f) {
    auto it = by_name.find(AsciiToLower(target.field(f).name));
    if (it != by_name.end()) {
      mapping[f] = it->second;
      any = true;
    }
  }
  if (!any && !target.empty()) {
    std::vector<std::string> names;
    for (const Field& field : target.fields()) names.push_back(field.name);
    return Status::InvalidData(file_name + ": none of the file's columns (" +
                               JoinStrings(source_names, ", ") +
                               ") match a column of the table (" + JoinStrings(names, ", ") + ")");
  }
  return mapping;
}

}  // namespace inlet
