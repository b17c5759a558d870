#include "exec/purge.h"

namespace inlet {

PurgeResult PurgeSourceFiles(FileSystem& fs, const std::vector<std::string>& paths) {
  PurgeResult result;
  for (const std::string& path : paths) {
    Status status = fs.DeleteFile(path);
    if (status.ok() || status.IsNotFound()) {
      ++result.deleted;
    } else {
      result.failures.push_back({path, status.message()});
    }
  }
  return result;
}

std::string PurgeWarning(const PurgeResult& result, size_t max_listed) {
  if (result.failures.empty()) return "";
  size_t total = static_cast<size_t>(result.deleted) + result.failures.size();
  std::string out = "PURGE could not delete " + std::to_string(result.failures.size()) + " of " +
                    std::to_string(total) + " source files: ";
  for (size_t i = 0; i < result.failures.size() && i < max_listed; ++i) {
    if (i > 0) out += "; ";
    out += result.failures[i].message;
  }
  if (result.failures.size() > max_listed) {
    out += "; and " + std::to_string(result.failures.size() - max_listed) + " more";
  }
  return out;
}

}  // namespace inlet
