#include "exec/vacuum.h"

#include <algorithm>
#include <set>

#include "common/string_util.h"
#include "delta/log_files.h"
#include "delta/table_properties.h"

namespace inlet {

namespace {

constexpr char kDeletedFileRetentionProperty[] = "delta.deletedFileRetentionDuration";

std::string Hours(int64_t ms) {
  std::string text = std::to_string(ms / 3600000);
  int64_t rest = ms % 3600000;
  if (rest != 0) {
    // Two decimals are enough to tell retentions apart in a message.
    std::string fraction = std::to_string(100 + rest * 100 / 3600000).substr(1);
    text += "." + fraction;
  }
  return text + " hours";
}

// Whether any part of `relative` starts with '_' or '.': the log, checkpoints' sidecars,
// _SUCCESS markers, .crc files and other engines' hidden files are never VACUUM's to delete.
bool IsHiddenPath(std::string_view relative) {
  for (const std::string& part : SplitString(relative, '/')) {
    if (!part.empty() && (part[0] == '_' || part[0] == '.')) return true;
  }
  return false;
}

std::string_view RelativeTo(std::string_view root, std::string_view path) {
  if (path.starts_with(root)) {
    path.remove_prefix(root.size());
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  return path;
}

}  // namespace

Result<int64_t> DeletedFileRetentionMillis(
    const std::map<std::string, std::string>& configuration) {
  auto it = configuration.find(kDeletedFileRetentionProperty);
  if (it == configuration.end()) return kDefaultDeletedFileRetentionMs;
  Result<int64_t> millis = ParseIntervalMillis(it->second);
  if (!millis.ok()) return millis.status().WithContext(kDeletedFileRetentionProperty);
  return *millis;
}

Status CheckDataFilesCommittable(const std::string& table_name,
                                 const std::map<std::string, std::string>& configuration,
                                 const std::vector<DataFile>& data_files, int64_t now_ms) {
  if (data_files.empty()) return Status::OK();
  INLET_ASSIGN_OR_RETURN(int64_t retention, DeletedFileRetentionMillis(configuration));
  const int64_t limit = retention - std::min(kCommitGuardMarginMs, retention / 2);
  int64_t oldest = data_files.front().modification_time_ms;
  for (const DataFile& file : data_files) oldest = std::min(oldest, file.modification_time_ms);
  const int64_t age = now_ms - oldest;
  if (age < limit) return Status::OK();
  return Status::Conflict("this COPY into " + table_name + " wrote its data files " + Hours(age) +
                          " ago, too long for the table's " + kDeletedFileRetentionProperty +
                          " of " + Hours(retention) +
                          ": a VACUUM may have deleted them as uncommitted; its data files are "
                          "deleted, run the COPY again");
}

Result<VacuumResult> Vacuum(const DeltaTable& table, const std::string& table_name,
                            const VacuumOptions& options) {
  auto snapshot = table.LoadSnapshot();
  if (!snapshot.ok()) return snapshot.status().WithContext("VACUUM " + table_name);
  // vacuumProtocolCheck: only a client that knows every feature of the table may vacuum it,
  // since a feature may keep files (deletion vectors, ...) that plain adds do not name.
  Status writable = snapshot->CheckWritable();
  if (!writable.ok()) return writable.WithContext("VACUUM " + table_name);

  const auto& configuration = snapshot->metadata.configuration;
  INLET_ASSIGN_OR_RETURN(int64_t table_retention, DeletedFileRetentionMillis(configuration));
  int64_t retention = options.retain_ms.value_or(table_retention);
  if (retention < 0) {
    return Status::InvalidArgument("VACUUM " + table_name + ": RETAIN cannot be negative");
  }
  auto check = configuration.find(kVacuumRetentionCheckProperty);
  bool check_retention = check == configuration.end() || !EqualsIgnoreCase(check->second, "false");
  if (check_retention && retention < table_retention) {
    return Status::InvalidArgument(
        "VACUUM " + table_name + " RETAIN " + Hours(retention) +
        " is shorter than the table's " + kDeletedFileRetentionProperty + " of " +
        Hours(table_retention) +
        ": it could delete the data files of a COPY still running, or files that an older "
        "version still reads; to allow it, set the table property " +
        kVacuumRetentionCheckProperty + " = false");
  }

  std::set<std::string> referenced;
  for (const auto& [key, add] : snapshot->files) {
    referenced.insert(key);
    INLET_ASSIGN_OR_RETURN(std::string path, table.DataFilePath(add.path));
    referenced.insert(path);
  }
  const int64_t cutoff = options.now_ms - retention;
  const std::string& root = table.table_root();
  auto listing = table.fs()->ListFiles(root, /*recursive=*/true);
  if (!listing.ok()) return listing.status().WithContext("VACUUM " + table_name);

  VacuumResult result;
  for (const FileInfo& file : *listing) {
    std::string_view relative = RelativeTo(root, file.path);
    if (relative.empty() || IsHiddenPath(relative)) continue;
    if (BaseName(file.path).starts_with("deletion_vector_")) continue;
    if (referenced.count(std::string(relative)) || referenced.count(file.path)) continue;
    if (file.mtime_micros / 1000 >= cutoff) continue;
    auto tombstone = snapshot->tombstones.find(std::string(relative));
    if (tombstone != snapshot->tombstones.end() &&
        tombstone->second.deletion_timestamp.value_or(0) >= cutoff) {
      continue;
    }
    result.files.push_back(file.path);
  }
  std::sort(result.files.begin(), result.files.end());
  if (options.dry_run) return result;
  for (const std::string& path : result.files) {
    Status deleted = table.fs()->DeleteFile(path);
    // Another VACUUM may have been first.
    if (!deleted.ok() && !deleted.IsNotFound()) {
      return deleted.WithContext("VACUUM " + table_name);
    }
  }
  return result;
}

}  // namespace inlet
