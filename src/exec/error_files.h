#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/row_error.h"
#include "fs/file_system.h"
#include "inlet/result.h"

namespace inlet {

/// What ERROR_FILE wrote for one COPY.
struct ErrorFilesWritten {
  /// The COPY's folder, a path within the file system: <dir>/<YYYYMMDD-HHMMSS>-<query id>.
  std::string folder;
  /// Rows in rejected_rows.csv; 0 when it was not written (no rejected row has a text form).
  int64_t rejected_rows = 0;
  /// Rows in error_reasons.csv, below its header.
  int64_t error_reasons = 0;
};

/// "20220330-173205-42": the COPY's start time in UTC, then its query id (Firebolt's
/// YearMonthDay-HourMinuteSecond plus a query id).
std::string ErrorFilesFolderName(int64_t start_micros, std::string_view query_id);

/// ERROR_FILE = 'dir': writes the errors of one COPY under `dir` (a path within `fs`, which may be
/// an object store) in a folder of its own (ErrorFilesFolderName), created as needed:
///  - rejected_rows.csv: the raw text of each rejected row, in order, exactly as it was in its
///    file, one after the other, without a header. A row with several errors is written once.
///    Only when some error has a raw line: Parquet rows and file-level errors have none.
///  - error_reasons.csv: a header, then one row per error: file_name, source_line_num (0 for an
///    error of a whole file), error_message, quoted as CSV needs.
/// REQUIRES: `errors` sorted by file, then line; file-level errors have line -1. Each file appears
/// complete or not at all. On failure the error names the file that could not be written; the
/// caller reports it as a warning, since the load itself is done.
Result<ErrorFilesWritten> WriteErrorFiles(FileSystem& fs, std::string_view dir,
                                          int64_t start_micros, std::string_view query_id,
                                          const std::vector<RowError>& errors);

}  // namespace inlet
