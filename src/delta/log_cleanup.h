#pragma once

#include <cstdint>
#include <string>

#include "delta/actions.h"
#include "fs/file_system.h"
#include "inlet/result.h"

namespace inlet {

/// delta.logRetentionDuration when a table does not set it: 30 days.
inline constexpr int64_t kDefaultLogRetentionMillis = 30LL * 24 * 3600 * 1000;

/// Deletes the log files no version within delta.logRetentionDuration needs, as the protocol's
/// metadata cleanup does, unless delta.enableExpiredLogCleanup is false (`metadata` is the
/// table's). The cutoff commit is the newest one whose file is older than the retention at
/// `now_millis`; the newest complete checkpoint at or below it is kept with its commit and every
/// later one, and the commits, checkpoints and .crc files before that checkpoint are deleted,
/// oldest first, so a crash midway leaves a log every kept version still loads from. Returns the
/// number of files deleted. InvalidData for a malformed retention property.
Result<int64_t> CleanUpExpiredLog(FileSystem* fs, const std::string& table_root,
                                  const Metadata& metadata, int64_t now_millis);

}  // namespace inlet
