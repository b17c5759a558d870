#include "delta/log_cleanup.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "common/string_util.h"
#include "delta/log_files.h"
#include "delta/snapshot.h"
#include "delta/table_properties.h"

namespace inlet {

Result<int64_t> CleanUpExpiredLog(FileSystem* fs, const std::string& table_root,
                                  const Metadata& metadata, int64_t now_millis) {
  auto enabled = metadata.configuration.find("delta.enableExpiredLogCleanup");
  if (enabled != metadata.configuration.end() && EqualsIgnoreCase(enabled->second, "false")) {
    return 0;
  }
  int64_t retention = kDefaultLogRetentionMillis;
  auto duration = metadata.configuration.find("delta.logRetentionDuration");
  if (duration != metadata.configuration.end()) {
    Result<int64_t> millis = ParseIntervalMillis(duration->second);
    if (!millis.ok()) {
      return Status::InvalidData("delta.logRetentionDuration " + millis.status().message());
    }
    retention = *millis;
  }
  const int64_t cutoff_millis = now_millis - retention;

  const std::string log_dir = JoinPath(table_root, kDeltaLogDir);
  INLET_ASSIGN_OR_RETURN(std::vector<FileInfo> listing, fs->ListFiles(log_dir, false));
  std::optional<int64_t> cutoff_commit;
  for (const FileInfo& file : listing) {
    std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
    if (!name || name->kind != LogFileName::Kind::kCommit) continue;
    if (file.mtime_micros / 1000 > cutoff_millis) continue;
    cutoff_commit = std::max(cutoff_commit.value_or(name->version), name->version);
  }
  if (!cutoff_commit) return 0;
  std::optional<int64_t> keep_from;
  for (const CheckpointFiles& checkpoint : CompleteCheckpoints(listing)) {
    if (checkpoint.version <= *cutoff_commit) keep_from = checkpoint.version;
  }
  if (!keep_from) return 0;

  std::vector<std::pair<int64_t, std::string>> expired;
  for (const FileInfo& file : listing) {
    std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
    if (name && name->version < *keep_from) expired.emplace_back(name->version, file.path);
  }
  std::sort(expired.begin(), expired.end());
  int64_t deleted = 0;
  for (const auto& [version, path] : expired) {
    Status status = fs->DeleteFile(path);
    // Another writer cleaning up at the same moment deleted it first.
    if (status.IsNotFound()) continue;
    INLET_RETURN_NOT_OK(status);
    ++deleted;
  }
  return deleted;
}

}  // namespace inlet
