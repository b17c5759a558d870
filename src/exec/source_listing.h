#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fs/file_system.h"
#include "fs/registry.h"
#include "inlet/result.h"

namespace inlet {

/// Which source files a COPY reads: a location plus the FILES list or a PATTERN glob.
struct SourceSelection {
  ResolvedLocation location;
  /// FILES = (...): names relative to the location; when set, the pattern is ignored.
  std::vector<std::string> files;
  /// PATTERN = '<glob>', combined with the location as <location>/<pattern>.
  std::optional<std::string> pattern;
};

/// Lists the files a COPY reads, sorted by path. A glob may be in the location itself
/// ('/data/2024-*.csv'). Without FILES, names starting with '.' or '_' (hidden files, _SUCCESS,
/// _delta_log) are skipped, as Spark does. A location that does not exist or a FILES entry that
/// is missing is a NotFound error naming it; a pattern that matches nothing is an empty list.
Result<std::vector<FileInfo>> ListSourceFiles(const SourceSelection& selection);

/// The identity under which a loaded source file is remembered in the table's Delta log: the
/// appId of a `txn` action, derived from the file's URI, size and etag (or mtime where the
/// store has no etag). A file changed in place gets a new identity and loads again.
std::string SourceFileTrackingId(const std::string& scheme, const FileInfo& file);

}  // namespace inlet
