#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/schema_json.h"
#include "fs/file_system.h"
#include "inlet/result.h"

namespace inlet {

/// The state of a Delta table at one version, from replaying its log.
struct Snapshot {
  int64_t version = -1;
  Protocol protocol;
  Metadata metadata;
  /// The parsed metadata.schemaString (empty when the log has none).
  DeltaSchema delta_schema;
  /// The active data files: LogicalFileKey (the path key, plus the deletion vector's id when the
  /// add has one) -> the newest add for it, removes applied.
  std::map<std::string, AddFile> files;
  /// The latest txn per appId.
  std::map<std::string, SetTransaction> transactions;
  /// The live metadata domains: the latest domainMetadata per domain, removed ones dropped.
  std::map<std::string, DomainMetadata> domains;
  /// The remove actions since the last add of their file, by DataPathKey: the tombstones a
  /// checkpoint carries until delta.deletedFileRetentionDuration has passed.
  std::map<std::string, RemoveFile> tombstones;
  /// The checkpoint the replay started from, or -1 when it replayed commits from version 0.
  int64_t checkpoint_version = -1;

  const Schema& schema() const { return delta_schema.schema; }
  /// Whether a txn for `app_id` was ever committed.
  bool HasTransaction(const std::string& app_id) const;
  /// The version of the latest txn for `app_id`, or nullopt.
  std::optional<int64_t> TransactionVersion(const std::string& app_id) const;
  /// OK when inlet may append to this table (see CheckWritable in table_features.h).
  Status CheckWritable() const;
};

/// The files of one complete checkpoint.
struct CheckpointFiles {
  int64_t version = -1;
  /// One path, or every part of a multi-part checkpoint in part order.
  std::vector<std::string> paths;
};

/// Which log files build the snapshot at one version: the newest complete checkpoint at or
/// below it whose later commits are all there, then those commits.
struct LogSegment {
  int64_t version = -1;
  /// The checkpoint to start from; nullopt to replay every commit from version 0.
  std::optional<CheckpointFiles> checkpoint;
  /// Ascending and contiguous, after the checkpoint (or from 0), ending at `version`.
  std::vector<int64_t> commit_versions;
};

/// The complete checkpoints of a listing of _delta_log, oldest first; for one version the
/// preferred one first (UUID-named V2, then classic, then multi-part). A multi-part checkpoint
/// counts only when all of its parts are there.
std::vector<CheckpointFiles> CompleteCheckpoints(const std::vector<FileInfo>& listing);

/// Chooses the log files for `version` (the latest when nullopt) from a listing of
/// _delta_log. NotFound when the listing has no commit or checkpoint, or `version` is past the
/// latest; NotFound "version 3 of the table is no longer available; the oldest is 10" when log
/// cleanup removed what `version` needs; InvalidData naming the first missing version when
/// commits have a gap.
Result<LogSegment> BuildLogSegment(const std::vector<FileInfo>& listing,
                                   std::optional<int64_t> version);

/// Loads the snapshot of the table at `table_root` at `version` (the latest when nullopt):
/// lists _delta_log, reads the segment's checkpoint and replays the commits after it, then
/// checks that inlet can read the table (CheckReadable) and parses its schema. A checkpoint
/// that cannot be read, or lacks protocol or metaData, is passed over for an older one or the
/// commits; when nothing else covers the version, its error (naming the file) is returned.
/// _last_checkpoint is not consulted: the full listing finds every checkpoint, so a stale or
/// corrupt hint cannot mislead the reader. NotFound when there is no _delta_log commit.
Result<Snapshot> LoadSnapshot(FileSystem* fs, const std::string& table_root,
                              std::optional<int64_t> version);

}  // namespace inlet
