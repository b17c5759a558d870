#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "delta/delta_table.h"
#include "exec/data_file_sink.h"
#include "inlet/result.h"

// VACUUM: deleting the files of a table folder that no version in reach needs (data files of
// COPYs that never committed, files removed longer ago than the retention), and the guard that
// keeps a slow COPY from committing files a VACUUM may already have deleted.

namespace inlet {

/// delta.deletedFileRetentionDuration when a table does not set it: one week, as in Delta.
inline constexpr int64_t kDefaultDeletedFileRetentionMs = 7LL * 24 * 3600 * 1000;
/// How much sooner than the retention a COPY stops committing the files it wrote, for clock skew
/// between machines and the store, and for the time a commit takes (at most half the retention).
inline constexpr int64_t kCommitGuardMarginMs = 3600LL * 1000;

/// The table's delta.deletedFileRetentionDuration in milliseconds (the default when unset).
/// InvalidArgument naming the property when it is not a Delta interval.
Result<int64_t> DeletedFileRetentionMillis(const std::map<std::string, std::string>& configuration);

/// OK when a COPY may still commit `data_files` at `now_ms` into a table with `configuration`:
/// the oldest of them was written less than the retention minus the margin ago. Otherwise
/// Conflict naming the table, the age and the retention: a VACUUM may have deleted them, and a
/// new run of the COPY writes new ones. InvalidArgument when the retention is malformed.
Status CheckDataFilesCommittable(const std::string& table_name,
                                 const std::map<std::string, std::string>& configuration,
                                 const std::vector<DataFile>& data_files, int64_t now_ms);

struct VacuumOptions {
  /// RETAIN n HOURS in milliseconds; nullopt for the table's retention.
  std::optional<int64_t> retain_ms;
  bool dry_run = false;
  int64_t now_ms = 0;
};

struct VacuumResult {
  /// The files deleted (or, in a dry run, that would be), full paths in the table's file
  /// system, sorted.
  std::vector<std::string> files;
};

/// Deletes the files under the table folder that the latest snapshot does not reference and
/// that are older than the retention: a file never committed by its last-modified time, a
/// removed one by that and its remove's deletionTimestamp. Never touches a path with a part that
/// starts with '_' or '.' (_delta_log, _SUCCESS, .crc files) nor deletion vector files. Checks
/// first that inlet can write the table (vacuumProtocolCheck asks VACUUM to know every feature).
/// InvalidArgument for a RETAIN shorter than the table's retention unless the table sets
/// inlet.vacuum.retentionDurationCheck = false; NotFound for a table without a log.
Result<VacuumResult> Vacuum(const DeltaTable& table, const std::string& table_name,
                            const VacuumOptions& options);

}  // namespace inlet
