#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "delta/actions.h"
#include "delta/delta_table.h"
#include "inlet/result.h"

// A table's history: the commits still in its _delta_log, each with the timestamp the Delta
// protocol gives it, and the version a timestamp selects (TIMESTAMP AS OF).

namespace inlet {

/// Table properties of the inCommitTimestamp feature (written by Spark and Databricks).
inline constexpr char kEnableInCommitTimestampsProperty[] = "delta.enableInCommitTimestamps";
inline constexpr char kInCommitTimestampEnablementVersionProperty[] =
    "delta.inCommitTimestampEnablementVersion";

/// One commit of the log.
struct CommitHistoryEntry {
  int64_t version = -1;
  /// Milliseconds since the epoch: commitInfo.inCommitTimestamp for commits made while the table
  /// has in-commit timestamps, otherwise the commit file's modification time, raised where needed
  /// so that timestamps strictly increase with versions (as Spark does, since file times can
  /// go backwards between commits written by different machines).
  int64_t timestamp_ms = 0;
  /// The commit's commitInfo; nullopt when a writer left it out.
  std::optional<CommitInfo> commit_info;
};

/// The commits still in the log of `table`, newest first, at most `limit` of them: the unbroken
/// run of commit files that ends at the latest one (older commits cleaned up from the log are
/// gone from its history, as in Spark). NotFound when the table has no commit; InvalidData
/// naming the version when a commit of an in-commit-timestamps table has no inCommitTimestamp.
Result<std::vector<CommitHistoryEntry>> ReadHistory(const DeltaTable& table,
                                                    std::optional<int64_t> limit = std::nullopt);

/// The version of `table` as of `timestamp_ms`: the latest one committed at or before it.
/// InvalidArgument, naming the timestamps, when it is before the first commit still in the log
/// or after the latest commit (as Databricks refuses it: a later commit could still come).
Result<int64_t> VersionAsOfTimestamp(const DeltaTable& table, int64_t timestamp_ms);

}  // namespace inlet
