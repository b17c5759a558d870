#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/actions.h"
#include "delta/snapshot.h"

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
/// appId of a `txn` action, "inlet-file-" + a hash of the file's URI + "-" + a hash of its size
/// and etag (or mtime where the store has no etag). A file changed in place gets a new identity
/// and loads again; the identities of one path share a prefix (SourceFilePathPrefix).
std::string SourceFileTrackingId(const std::string& scheme, const FileInfo& file);

/// The prefix every tracking id of the file's path starts with, whatever its content.
std::string SourceFilePathPrefix(const std::string& scheme, const FileInfo& file);

/// The tracking id inlet wrote before ids had a path part ("inlet-copy-" + one hash of URI, size
/// and etag or mtime); a file loaded under it counts as loaded.
std::string LegacySourceFileTrackingId(const std::string& scheme, const FileInfo& file);

/// What a COPY does with a source file that was loaded before under the same path but has
/// changed since (another size, etag or mtime).
enum class ModifiedFilePolicy {
  kReload,  // load it as a new file (Snowflake's behaviour)
  kSkip,    // skip it: the path was loaded
};

/// "reload" or "skip" (case-insensitive); nullopt for anything else.
std::optional<ModifiedFilePolicy> ModifiedFilePolicyFromName(std::string_view name);

/// What the table's log says of a source file.
enum class SourceFileStatus {
  kNew,        // never loaded: load it
  kLoaded,     // loaded with this content
  kModified,   // its path was loaded, with other content
  kUncertain,  // not tracked, but old enough that its tracking may have expired
};

/// What a COPY needs to classify source files.
struct LoadTracking {
  /// The table's txns (Snapshot::transactions); null for a table without a log yet.
  const std::map<std::string, SetTransaction>* transactions = nullptr;
  /// delta.setTransactionRetentionDuration in milliseconds; nullopt keeps tracking forever.
  std::optional<int64_t> retention_ms;
  /// When the table began to take loads (its metaData.createdTime); nullopt when unknown, which
  /// counts as long ago.
  std::optional<int64_t> loads_began_ms;
  int64_t now_ms = 0;
};

/// How a COPY treats files the log knows of.
struct LoadPolicy {
  /// Load every file, whatever its status.
  bool force = false;
  /// LOAD_UNCERTAIN_FILES: load kUncertain files rather than skip them.
  bool load_uncertain = false;
  /// nullopt: the table's inlet.copy.modifiedFiles (kCopyModifiedFilesProperty), else kReload.
  std::optional<ModifiedFilePolicy> modified;
};

/// A listed file a COPY does not read, and why ("already loaded", ...): results show it as
/// SKIPPED.
struct SkippedFile {
  FileInfo file;
  std::string reason;
};

/// The files of `listed` (from a store of `scheme`) a COPY into the table at `snapshot` (null for
/// a table without a log) loads, each with its tracking id; the others are appended to
/// `*skipped`. InvalidArgument naming the property when the table's
/// delta.setTransactionRetentionDuration or inlet.copy.modifiedFiles is malformed.
Result<std::vector<std::pair<FileInfo, std::string>>> SelectFilesToLoad(
    const std::vector<FileInfo>& listed, const std::string& scheme, const Snapshot* snapshot,
    const LoadPolicy& policy, int64_t now_ms, std::vector<SkippedFile>* skipped);

/// The status of `file` (listed from a store of `scheme`) for `tracking`. Snowflake's rule for an
/// uncertain file: it is not tracked, its last-modified time is older than the retention, and the
/// table took loads before the retention window began, so a load of it may have been forgotten.
SourceFileStatus ClassifySourceFile(const LoadTracking& tracking, const std::string& scheme,
                                    const FileInfo& file);

/// How much one COPY loads at most (SIZE_LIMIT, MAX_FILES); unset means no limit.
struct LoadLimits {
  /// SIZE_LIMIT: once the files taken add up to more than this many bytes, the COPY takes no
  /// more; it always takes the first. REQUIRES: > 0.
  std::optional<int64_t> size_limit;
  /// MAX_FILES: at most this many files. REQUIRES: > 0.
  std::optional<int64_t> max_files;
};

/// The value of SIZE_LIMIT or MAX_FILES (`option` names it in the message) from its text: a whole
/// number greater than 0, else InvalidArgument ("SIZE_LIMIT must be a whole number greater than
/// 0, not '-5'").
Result<int64_t> ParseLoadLimit(std::string_view option, std::string_view text);

/// Cuts `*to_load` (the files SelectFilesToLoad chose, in the listing's order) to `limits`,
/// appending the files left out to `*skipped` with the reason "MAX_FILES reached" or "SIZE_LIMIT
/// reached", whichever stopped the COPY. Snowflake's example: files of 10 MB with SIZE_LIMIT 25 MB
/// load three.
void ApplyLoadLimits(const LoadLimits& limits,
                     std::vector<std::pair<FileInfo, std::string>>* to_load,
                     std::vector<SkippedFile>* skipped);

}  // namespace inlet
