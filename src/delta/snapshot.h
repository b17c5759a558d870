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
  /// The active data files: DataPathKey(add.path) -> the newest add for it, removes applied.
  std::map<std::string, AddFile> files;
  /// The latest txn per appId.
  std::map<std::string, SetTransaction> transactions;

  const Schema& schema() const { return delta_schema.schema; }
  /// Whether a txn for `app_id` was ever committed.
  bool HasTransaction(const std::string& app_id) const;
  /// The version of the latest txn for `app_id`, or nullopt.
  std::optional<int64_t> TransactionVersion(const std::string& app_id) const;
  /// OK when inlet may append to this table (see CheckWritable in table_features.h).
  Status CheckWritable() const;
};

/// Which log files build the snapshot at one version. This is the seam for checkpoints:
/// reading them adds the checkpoint to start from, and the commits then begin after it.
struct LogSegment {
  int64_t version = -1;
  /// Ascending and contiguous, ending at `version`.
  std::vector<int64_t> commit_versions;
};

/// Chooses the log files for `version` (the latest when nullopt) from a listing of
/// _delta_log. NotFound when the listing has no commit, or `version` is past the latest;
/// InvalidData naming the first missing version when commits have a gap; NotImplemented
/// ("checkpoints are not read yet") when the commits needed start at a checkpoint.
Result<LogSegment> BuildLogSegment(const std::vector<FileInfo>& listing,
                                   std::optional<int64_t> version);

/// Loads the snapshot of the table at `table_root` at `version` (the latest when nullopt):
/// lists _delta_log, replays the commits in order, then checks that inlet can read the table
/// (CheckReadable) and parses its schema. NotFound when there is no _delta_log commit.
Result<Snapshot> LoadSnapshot(FileSystem* fs, const std::string& table_root,
                              std::optional<int64_t> version);

}  // namespace inlet
