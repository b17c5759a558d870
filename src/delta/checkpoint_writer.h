#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "delta/last_checkpoint.h"
#include "delta/snapshot.h"
#include "fs/file_system.h"
#include "inlet/result.h"
#include "types/column.h"

namespace inlet {

/// delta.checkpointInterval when a table does not set it.
inline constexpr int64_t kDefaultCheckpointInterval = 10;
/// delta.deletedFileRetentionDuration when a table does not set it: one week.
inline constexpr int64_t kDefaultDeletedFileRetentionMillis = 7LL * 24 * 3600 * 1000;

/// The checkpoint of `snapshot` as one batch, one action per row in the protocol's checkpoint
/// schema (columns txn, add, remove, metaData, protocol, domainMetadata, and checkpointMetadata
/// for a table with the v2Checkpoint feature): the protocol, the metadata, every live txn and
/// domain, every active file, and the remove tombstones deleted less than
/// delta.deletedFileRetentionDuration before `now_millis`. add.stats is written unless
/// delta.checkpoint.writeStatsAsJson is false. InvalidData when a deletion vector's JSON is
/// malformed, or a retention property is.
Result<RecordBatchPtr> MakeCheckpointBatch(const Snapshot& snapshot, int64_t now_millis);

/// Writes the classic checkpoint of `snapshot` (_delta_log/N.checkpoint.parquet, V2 content for a
/// table with v2Checkpoint) through OutputStream, so it appears only complete, then
/// _last_checkpoint unless that already names a newer checkpoint. Returns what _last_checkpoint
/// records. Crash points: "delta.checkpoint.mid_write" (rows written, file not closed) and
/// "delta.checkpoint.before_last_checkpoint".
Result<LastCheckpoint> WriteCheckpoint(FileSystem* fs, const std::string& table_root,
                                       const Snapshot& snapshot, int64_t now_millis);

/// The table's delta.checkpointInterval (kDefaultCheckpointInterval when unset).
/// InvalidData for a value that is not a positive integer.
Result<int64_t> CheckpointInterval(const Metadata& metadata);

/// What a commit does after version `version` is in the log: when `version` is at least
/// delta.checkpointInterval past the newest checkpoint (or past 0), writes its checkpoint, then
/// cleans up expired log files (CleanUpExpiredLog). A checkpoint lost to a crash is therefore
/// written by a later commit. Returns the version checkpointed, or nullopt when none was due;
/// errors are for logs and tests only, since the commit itself already succeeded.
Result<std::optional<int64_t>> CheckpointIfDue(FileSystem* fs, const std::string& table_root,
                                               int64_t version);

}  // namespace inlet
