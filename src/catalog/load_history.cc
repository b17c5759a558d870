#include "catalog/load_history.h"

namespace inlet {

const char* FileLoadStatusName(FileLoadStatus status) {
  switch (status) {
    case FileLoadStatus::kLoaded: return "LOADED";
    case FileLoadStatus::kPartiallyLoaded: return "PARTIALLY_LOADED";
    case FileLoadStatus::kLoadFailed: return "LOAD_FAILED";
    case FileLoadStatus::kSkipped: return "SKIPPED";
  }
  return "UNKNOWN";
}

std::optional<FileLoadStatus> FileLoadStatusFromName(std::string_view name) {
  for (FileLoadStatus status : {FileLoadStatus::kLoaded, FileLoadStatus::kPartiallyLoaded,
                                FileLoadStatus::kLoadFailed, FileLoadStatus::kSkipped}) {
    if (name == FileLoadStatusName(status)) return status;
  }
  return std::nullopt;
}

}  // namespace inlet
