#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fs/file_system.h"

namespace inlet {

/// A source file PURGE could not delete, and why.
struct PurgeFailure {
  std::string path;
  /// The store's error ("cannot delete '/in/a.csv': Permission denied").
  std::string message;
};

/// What PURGE did.
struct PurgeResult {
  /// Files removed, counting those already gone (another COPY with PURGE may have removed them).
  int64_t deleted = 0;
  std::vector<PurgeFailure> failures;
};

/// PURGE = TRUE: deletes each of `paths` (paths within `fs`, in order). Call it only after the
/// COPY's commit succeeded, with the files whose rows that commit holds. A delete that fails is
/// collected and the rest go on: the load is done, so a file left behind is reported, never
/// fatal.
PurgeResult PurgeSourceFiles(FileSystem& fs, const std::vector<std::string>& paths);

/// The warning a COPY shows for `result`, empty when every file went: "PURGE could not delete 1
/// of 3 source files: cannot delete '/in/b.csv': Permission denied". Past `max_listed` failures
/// the rest are counted ("... and 4 more").
std::string PurgeWarning(const PurgeResult& result, size_t max_listed = 5);

}  // namespace inlet
