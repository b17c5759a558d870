#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inlet {

/// How a source file fared in a COPY (Snowflake's status words; SKIPPED with a reason).
enum class FileLoadStatus : uint8_t {
  kLoaded,           // every row loaded
  kPartiallyLoaded,  // some rows rejected (ON_ERROR = CONTINUE, MAX_ERRORS_PER_FILE)
  kLoadFailed,       // no row of the file loaded: the file was skipped or failed
  kSkipped,          // not read: see FileLoadRecord::skip_reason
};

/// "LOADED", "PARTIALLY_LOADED", "LOAD_FAILED", "SKIPPED".
const char* FileLoadStatusName(FileLoadStatus status);

/// The status FileLoadStatusName spells `name`, or nullopt.
std::optional<FileLoadStatus> FileLoadStatusFromName(std::string_view name);

/// How long the catalog keeps a COPY's history after it ends: 30 days.
inline constexpr int64_t kDefaultLoadHistoryRetentionMicros = int64_t{30} * 24 * 3600 * 1000000;

/// One rejected row (or one file-level error) of a COPY, as the load-error views show it. A
/// file-level error has line -1 and an empty column.
struct LoadErrorRecord {
  std::string file_name;
  int64_t line_number = -1;
  int64_t byte_offset = -1;
  std::string column_name;
  std::string column_type;
  int64_t column_length = -1;  // VARCHAR(n)'s n, else -1
  int64_t position = -1;       // 1-based character of the bad field in the line
  std::string raw_line;
  std::string raw_field_value;
  int error_code = 0;          // Redshift's load error code
  std::string category;        // "cast", "not_null", ... or "file"
  std::string error_message;
};

/// One source file of a COPY: Snowflake's per-file result, plus bytes.
struct FileLoadRecord {
  std::string file_name;
  FileLoadStatus status = FileLoadStatus::kLoaded;
  /// For kSkipped: "already loaded", "modified since loaded (MODIFIED_FILES = SKIP)",
  /// "load status uncertain", "SIZE_LIMIT reached", "MAX_FILES reached".
  std::string skip_reason;
  int64_t file_bytes = 0;
  int64_t rows_parsed = 0;
  int64_t rows_loaded = 0;
  /// The errors that fail or skip the file (Snowflake's error_limit); -1 when unlimited.
  int64_t error_limit = -1;
  int64_t errors_seen = 0;
  std::string first_error;
  int64_t first_error_line = -1;
  int64_t first_error_character = -1;
  std::string first_error_column_name;
  /// Whether the file was read in ranges by several threads (STL_LOAD_COMMITS.is_partial).
  bool split = false;
};

/// One COPY: SYS_LOAD_HISTORY's row, its files and its rejected rows.
struct LoadRecord {
  /// Assigned by Catalog::BeginLoad; the COPY's job id (VALIDATE(table, job_id => '...')).
  int64_t query_id = 0;
  std::string table_name;
  /// "running", "completed" or "aborted".
  std::string status = "running";
  int64_t start_micros = 0;
  int64_t end_micros = 0;
  /// The source location as the user wrote it, without credentials.
  std::string data_source;
  std::string file_format;  // "csv", "parquet", ...
  int64_t loaded_rows = 0;
  int64_t loaded_bytes = 0;       // bytes of data files written
  int64_t source_file_count = 0;  // files loaded (fully or partially)
  int64_t source_file_bytes = 0;
  int64_t file_count_scanned = 0; // files read, loaded or not
  int64_t file_bytes_scanned = 0;
  int64_t error_count = 0;
  /// The Delta version committed, -1 when none.
  int64_t table_version = -1;
  /// Why an aborted COPY failed (its error message, without credentials).
  std::string error_message;
  std::vector<FileLoadRecord> files;
  /// The rejected rows kept (every one up to LoadErrorCollector's memory cap; error_count is
  /// exact either way).
  std::vector<LoadErrorRecord> errors;
};

/// What Catalog::ListLoads returns: every COPY, or one; with or without its files and errors.
struct LoadHistoryQuery {
  std::optional<int64_t> query_id;
  bool with_files = false;
  bool with_errors = false;
};

}  // namespace inlet
