#include "delta/snapshot.h"

#include <algorithm>
#include <set>

#include "delta/log_files.h"
#include "delta/table_features.h"

namespace inlet {

namespace {

// Folds commits into a snapshot; protocol, metadata and schema are checked once at the end,
// since only the final state decides whether inlet can read the table.
class LogReplay {
 public:
  Status Apply(const std::vector<Action>& actions, int64_t version) {
    for (const Action& action : actions) {
      if (const auto* add = std::get_if<AddFile>(&action)) {
        INLET_ASSIGN_OR_RETURN(std::string key, DataPathKey(add->path));
        snapshot_.files[key] = *add;
      } else if (const auto* remove = std::get_if<RemoveFile>(&action)) {
        INLET_ASSIGN_OR_RETURN(std::string key, DataPathKey(remove->path));
        snapshot_.files.erase(key);
      } else if (const auto* txn = std::get_if<SetTransaction>(&action)) {
        snapshot_.transactions[txn->app_id] = *txn;
      } else if (const auto* protocol = std::get_if<Protocol>(&action)) {
        snapshot_.protocol = *protocol;
        has_protocol_ = true;
      } else if (const auto* metadata = std::get_if<Metadata>(&action)) {
        snapshot_.metadata = *metadata;
        has_metadata_ = true;
      }
    }
    snapshot_.version = version;
    return Status::OK();
  }

  Result<Snapshot> Finish() && {
    const std::string at = " (version " + std::to_string(snapshot_.version) + ")";
    if (!has_protocol_) {
      return Status::InvalidData("the Delta log has no protocol action" + at);
    }
    if (!has_metadata_) {
      return Status::InvalidData("the Delta log has no metaData action" + at);
    }
    INLET_RETURN_NOT_OK(CheckReadable(snapshot_.protocol, snapshot_.metadata));
    if (!snapshot_.metadata.schema_string.empty()) {
      INLET_ASSIGN_OR_RETURN(snapshot_.delta_schema,
                             ParseDeltaSchema(snapshot_.metadata.schema_string));
    }
    return std::move(snapshot_);
  }

 private:
  Snapshot snapshot_;
  bool has_protocol_ = false;
  bool has_metadata_ = false;
};

}  // namespace

bool Snapshot::HasTransaction(const std::string& app_id) const {
  return transactions.count(app_id) > 0;
}

std::optional<int64_t> Snapshot::TransactionVersion(const std::string& app_id) const {
  auto it = transactions.find(app_id);
  if (it == transactions.end()) return std::nullopt;
  return it->second.version;
}

Status Snapshot::CheckWritable() const {
  return inlet::CheckWritable(protocol, metadata, delta_schema);
}

Result<LogSegment> BuildLogSegment(const std::vector<FileInfo>& listing,
                                   std::optional<int64_t> version) {
  std::set<int64_t> commits;
  std::set<int64_t> checkpoints;
  for (const FileInfo& file : listing) {
    std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
    if (!name) continue;
    (name->kind == LogFileName::Kind::kCommit ? commits : checkpoints).insert(name->version);
  }
  if (commits.empty() && checkpoints.empty()) {
    return Status::NotFound("no Delta table: _delta_log holds no commit");
  }
  int64_t latest = std::max(commits.empty() ? -1 : *commits.rbegin(),
                            checkpoints.empty() ? -1 : *checkpoints.rbegin());
  int64_t target = version.value_or(latest);
  if (target < 0) return Status::InvalidArgument("a table version cannot be negative");
  if (target > latest) {
    return Status::NotFound("version " + std::to_string(target) +
                            " of the table does not exist; the latest is " +
                            std::to_string(latest));
  }

  // The first missing commit in 0..target, if any.
  int64_t missing = -1;
  for (int64_t v = 0; v <= target; ++v) {
    if (!commits.count(v)) {
      missing = v;
      break;
    }
  }
  LogSegment segment;
  segment.version = target;
  if (missing < 0) {
    // Every commit from 0 is there: replaying them gives the same state a checkpoint would.
    for (int64_t v = 0; v <= target; ++v) segment.commit_versions.push_back(v);
    return segment;
  }
  // Otherwise the state must come from the newest checkpoint that the commits after it reach.
  for (auto it = checkpoints.upper_bound(target); it != checkpoints.begin();) {
    int64_t checkpoint = *--it;
    bool reachable = true;
    for (int64_t v = checkpoint + 1; v <= target && reachable; ++v) reachable = commits.count(v);
    if (reachable) {
      return Status::NotImplemented("the Delta log must be read from its checkpoint at version " +
                                    std::to_string(checkpoint) +
                                    ", and checkpoints are not read yet");
    }
  }
  return Status::InvalidData("the Delta log is missing version " + std::to_string(missing) + " (" +
                             CommitFileName(missing) + ")");
}

Result<Snapshot> LoadSnapshot(FileSystem* fs, const std::string& table_root,
                              std::optional<int64_t> version) {
  const std::string log_dir = JoinPath(table_root, kDeltaLogDir);
  Result<std::vector<FileInfo>> listing = fs->ListFiles(log_dir, /*recursive=*/false);
  if (!listing.ok()) {
    if (listing.status().IsNotFound()) {
      return Status::NotFound("no Delta table at " + table_root + ": " + log_dir +
                              " does not exist");
    }
    return listing.status();
  }
  Result<LogSegment> segment = BuildLogSegment(*listing, version);
  if (!segment.ok()) return segment.status().WithContext(table_root);

  LogReplay replay;
  for (int64_t v : segment->commit_versions) {
    const std::string path = CommitFilePath(table_root, v);
    INLET_ASSIGN_OR_RETURN(std::string contents, fs->ReadFile(path));
    Result<std::vector<Action>> actions = ParseCommit(contents);
    if (!actions.ok()) return actions.status().WithContext(path);
    INLET_RETURN_NOT_OK(replay.Apply(*actions, v).WithContext(path));
  }
  Result<Snapshot> snapshot = std::move(replay).Finish();
  if (!snapshot.ok()) return snapshot.status().WithContext(table_root);
  return snapshot;
}

}  // namespace inlet
