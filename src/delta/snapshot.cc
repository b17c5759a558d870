#include "delta/snapshot.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/string_util.h"
#include "delta/checkpoint_reader.h"
#include "delta/deletion_vector.h"
#include "delta/log_files.h"
#include "delta/table_features.h"
#include "delta/transaction_retention.h"

namespace inlet {

namespace {

// Folds a checkpoint and commits into a snapshot; protocol, metadata and schema are checked
// once at the end, since only the final state decides whether inlet can read the table.
class LogReplay {
 public:
  // A checkpoint is reconciled, so its rows come in no particular order: tombstones go first,
  // and an add is never undone by a remove of an older copy of its file.
  Status ApplyCheckpoint(const std::vector<Action>& actions, int64_t version) {
    for (const Action& action : actions) {
      if (std::holds_alternative<RemoveFile>(action)) INLET_RETURN_NOT_OK(ApplyOne(action));
    }
    for (const Action& action : actions) {
      if (!std::holds_alternative<RemoveFile>(action)) INLET_RETURN_NOT_OK(ApplyOne(action));
    }
    snapshot_.version = version;
    snapshot_.checkpoint_version = version;
    return Status::OK();
  }

  Status Apply(const std::vector<Action>& actions, int64_t version) {
    for (const Action& action : actions) INLET_RETURN_NOT_OK(ApplyOne(action));
    snapshot_.version = version;
    return Status::OK();
  }

  // Whether the state so far has a protocol and a metaData (a checkpoint must hold both).
  Status CheckComplete() const {
    const std::string at = " (version " + std::to_string(snapshot_.version) + ")";
    if (!has_protocol_) {
      return Status::InvalidData("the Delta log has no protocol action" + at);
    }
    if (!has_metadata_) {
      return Status::InvalidData("the Delta log has no metaData action" + at);
    }
    return Status::OK();
  }

  Result<Snapshot> Finish() && {
    INLET_RETURN_NOT_OK(CheckComplete());
    INLET_RETURN_NOT_OK(CheckReadable(snapshot_.protocol, snapshot_.metadata));
    if (!snapshot_.metadata.schema_string.empty()) {
      INLET_ASSIGN_OR_RETURN(snapshot_.delta_schema,
                             ParseDeltaSchema(snapshot_.metadata.schema_string));
    }
    INLET_RETURN_NOT_OK(ExpireTransactions(snapshot_.metadata.configuration, NowMicros() / 1000,
                                           &snapshot_.transactions));
    return std::move(snapshot_);
  }

 private:
  Status ApplyOne(const Action& action) {
    if (const auto* add = std::get_if<AddFile>(&action)) {
      // A file is identified by its path and deletion vector: a DELETE adds the file with its new
      // DV before it removes the file with the old one.
      INLET_ASSIGN_OR_RETURN(std::string path, DataPathKey(add->path));
      INLET_ASSIGN_OR_RETURN(std::string key, LogicalFileKey(path, add->deletion_vector));
      snapshot_.tombstones.erase(key);
      snapshot_.files[key] = *add;
    } else if (const auto* remove = std::get_if<RemoveFile>(&action)) {
      INLET_ASSIGN_OR_RETURN(std::string path, DataPathKey(remove->path));
      INLET_ASSIGN_OR_RETURN(std::string key, LogicalFileKey(path, remove->deletion_vector));
      snapshot_.files.erase(key);
      snapshot_.tombstones[key] = *remove;
    } else if (const auto* txn = std::get_if<SetTransaction>(&action)) {
      snapshot_.transactions[txn->app_id] = *txn;
    } else if (const auto* domain = std::get_if<DomainMetadata>(&action)) {
      if (domain->removed) {
        snapshot_.domains.erase(domain->domain);
      } else {
        snapshot_.domains[domain->domain] = *domain;
      }
    } else if (const auto* protocol = std::get_if<Protocol>(&action)) {
      snapshot_.protocol = *protocol;
      has_protocol_ = true;
    } else if (const auto* metadata = std::get_if<Metadata>(&action)) {
      snapshot_.metadata = *metadata;
      has_metadata_ = true;
    }
    return Status::OK();
  }

  Snapshot snapshot_;
  bool has_protocol_ = false;
  bool has_metadata_ = false;
};

// How much a checkpoint kind is preferred among several of one version: a UUID-named one was
// written by a V2-aware writer; a multi-part one cannot be checked as a whole.
int Preference(LogFileName::CheckpointKind kind) {
  switch (kind) {
    case LogFileName::CheckpointKind::kUuid: return 0;
    case LogFileName::CheckpointKind::kClassic: return 1;
    case LogFileName::CheckpointKind::kMultiPart: return 2;
  }
  return 3;
}

std::string VersionText(int64_t version) { return "version " + std::to_string(version); }

// Reads the checkpoint of `segment` into `replay`; the error names the checkpoint's file.
Status ReplayCheckpoint(FileSystem* fs, const std::string& log_dir, const CheckpointFiles& files,
                        LogReplay* replay) {
  Result<std::vector<Action>> actions = ReadCheckpoint(fs, log_dir, files.paths);
  if (!actions.ok()) return actions.status();
  INLET_RETURN_NOT_OK(replay->ApplyCheckpoint(*actions, files.version));
  Status complete = replay->CheckComplete();
  if (!complete.ok()) {
    return Status::InvalidData("checkpoint " + files.paths.front() + " is incomplete: " +
                               complete.message());
  }
  return Status::OK();
}

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

std::vector<CheckpointFiles> CompleteCheckpoints(const std::vector<FileInfo>& listing) {
  // (version, preference, num_parts) -> the parts found, by part number.
  std::map<std::tuple<int64_t, int, int32_t, std::string>, std::map<int32_t, std::string>> groups;
  for (const FileInfo& file : listing) {
    std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
    if (!name || name->kind != LogFileName::Kind::kCheckpoint) continue;
    // UUID-named checkpoints of one version are separate checkpoints; parts of a multi-part one
    // are grouped by their count.
    std::string key = name->checkpoint_kind == LogFileName::CheckpointKind::kUuid ? file.path : "";
    groups[{name->version, Preference(name->checkpoint_kind), name->num_parts, key}][name->part] =
        file.path;
  }
  std::vector<CheckpointFiles> out;
  for (auto& [key, parts] : groups) {
    const int32_t num_parts = std::get<2>(key);
    if (static_cast<int32_t>(parts.size()) != num_parts) continue;
    CheckpointFiles files;
    files.version = std::get<0>(key);
    for (auto& [part, path] : parts) files.paths.push_back(std::move(path));
    out.push_back(std::move(files));
  }
  return out;
}

Result<LogSegment> BuildLogSegment(const std::vector<FileInfo>& listing,
                                   std::optional<int64_t> version) {
  std::set<int64_t> commits;
  for (const FileInfo& file : listing) {
    std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
    if (name && name->kind == LogFileName::Kind::kCommit) commits.insert(name->version);
  }
  std::vector<CheckpointFiles> checkpoints = CompleteCheckpoints(listing);
  if (commits.empty() && checkpoints.empty()) {
    return Status::NotFound("no Delta table: _delta_log holds no commit");
  }
  int64_t latest = std::max(commits.empty() ? -1 : *commits.rbegin(),
                            checkpoints.empty() ? -1 : checkpoints.back().version);
  int64_t target = version.value_or(latest);
  if (target < 0) return Status::InvalidArgument("a table version cannot be negative");
  if (target > latest) {
    return Status::NotFound(VersionText(target) + " of the table does not exist; the latest is " +
                            std::to_string(latest));
  }
  // The first commit missing from (from, target], or -1.
  auto first_missing = [&commits, target](int64_t from) -> int64_t {
    for (int64_t v = from + 1; v <= target; ++v) {
      if (!commits.count(v)) return v;
    }
    return -1;
  };

  LogSegment segment;
  segment.version = target;
  // The newest checkpoint at or below the target, among those of its version the preferred
  // one (CompleteCheckpoints lists it first).
  const CheckpointFiles* base = nullptr;
  for (const CheckpointFiles& checkpoint : checkpoints) {
    if (checkpoint.version > target) break;
    if (base == nullptr || checkpoint.version > base->version) base = &checkpoint;
  }
  const int64_t from = base ? base->version : -1;
  const int64_t missing = first_missing(from);
  if (missing < 0) {
    if (base) segment.checkpoint = *base;
    for (int64_t v = from + 1; v <= target; ++v) segment.commit_versions.push_back(v);
    return segment;
  }
  // A version older than every checkpoint, whose early commits log cleanup deleted.
  if (base == nullptr && !checkpoints.empty() && checkpoints.front().version > target) {
    return Status::NotFound(VersionText(target) +
                            " of the table is no longer available; the oldest is " +
                            std::to_string(checkpoints.front().version));
  }
  return Status::InvalidData("the Delta log is missing " + VersionText(missing) + " (" +
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
  while (segment->checkpoint) {
    Status read = ReplayCheckpoint(fs, log_dir, *segment->checkpoint, &replay);
    if (read.ok()) break;
    // Pass over the unreadable checkpoint for an older one, or the commits, when they reach the
    // same version; otherwise its error is the one to act on.
    const std::vector<std::string>& bad = segment->checkpoint->paths;
    std::erase_if(*listing, [&bad](const FileInfo& file) {
      return std::find(bad.begin(), bad.end(), file.path) != bad.end();
    });
    Result<LogSegment> fallback = BuildLogSegment(*listing, segment->version);
    if (!fallback.ok()) return read.WithContext(table_root);
    segment = std::move(fallback);
    replay = LogReplay();
  }
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
