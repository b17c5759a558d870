#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/load_history.h"
#include "common/thread_pool.h"
#include "exec/copy_progress.h"
#include "exec/load_errors.h"
#include "exec/row_constraints.h"
#include "exec/source_listing.h"
#include "formats/format.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/registry.h"
#include "fs/registry.h"
#include "inlet/result.h"

namespace inlet {

/// A bound COPY INTO: what to read, how, and where it goes.
struct CopyPlan {
  TableEntry table;
  ResolvedLocation table_location;
  SourceSelection source;
  /// FILE_FORMAT; null means "from the files' extensions" (CSV when none is recognized).
  std::shared_ptr<FileFormat> format;
  /// Format options with lower-case keys (FILE_FORMAT (...) entries and FORMAT_OPTIONS merged).
  FormatOptions format_options;
  /// Reload files even when the table's log says they were loaded.
  bool force = false;
  /// LOAD_UNCERTAIN_FILES and MODIFIED_FILES (LoadPolicy in source_listing.h); `force` is
  /// plan.force.
  bool load_uncertain_files = false;
  std::optional<ModifiedFilePolicy> modified_files;
  /// COPY_OPTIONS mergeSchema: columns the files add join the table, and types widen where the
  /// table allows it (delta/schema_evolution.h).
  bool merge_schema = false;
  /// Binds the table's CHECK constraints and invariants; required when the table has any.
  ConstraintBinder bind_constraints;
  /// What bad rows and bad files do (ON_ERROR, MAX_ERRORS_PER_FILE).
  ErrorPolicy error_policy;
  /// VALIDATION_MODE = RETURN_ERRORS / RETURN_ALL_ERRORS: read every file that would load,
  /// collect every error, write and commit nothing.
  bool validate_only = false;
  /// VALIDATION_MODE = RETURN_<n>_ROWS: n, or -1. Reads the first n rows the COPY would load, in
  /// file order, failing at the first bad row or file as ABORT_STATEMENT does; writes and
  /// commits nothing. The rows come back in CopyOutcome::rows.
  int64_t validate_rows = -1;
  /// ENFORCE_LENGTH = FALSE / TRUNCATECOLUMNS = TRUE: text longer than a VARCHAR(n) is cut to n
  /// characters rather than rejected.
  bool truncate_columns = false;
  /// VALIDATION_MODE = RETURN_ALL_ERRORS: validate_only, and the result also lists the errors
  /// earlier COPYs recorded for files they loaded partially (the caller reads them from history).
  bool validate_all_errors = false;
  /// RETURN_FAILED_ONLY: the per-file result lists only files that did not load completely.
  bool return_failed_only = false;
  /// SIZE_LIMIT and MAX_FILES: how much of what is new one COPY takes.
  LoadLimits limits;
  /// PURGE = TRUE: delete the source files loaded once the commit succeeded.
  bool purge = false;
  /// Firebolt's ERROR_FILE: the folder that receives rejected_rows.csv and error_reasons.csv.
  std::optional<ResolvedLocation> error_file;
};

/// How a load runs: threads, batch size, data file shape.
struct CopySettings {
  ThreadPool* pool = nullptr;
  const FormatRegistry* formats = nullptr;
  int64_t batch_rows = 16 * 1024;
  /// A data file is closed and a new one started past this size.
  int64_t target_file_bytes = int64_t{128} << 20;
  /// Files at least this big are cut into splits (FileFormat::PlanSplits) read by several threads.
  int64_t split_min_bytes = int64_t{32} << 20;
  ParquetWriterOptions parquet;
  /// Memory the load's open data files share for their buffered row groups, whatever the number
  /// of threads and partitions (RowGroupMemoryBudget); each row group still closes at
  /// parquet.row_group_rows / row_group_bytes when those come first.
  int64_t row_group_memory_bytes = int64_t{64} << 20;
  /// Commit attempts before giving up when other writers keep winning the race.
  int max_commit_attempts = 100;
  /// Where the load counts files, rows and bytes as it goes (a progress line); null: nowhere.
  CopyProgress* progress = nullptr;
};

/// What a COPY did: the reference's metric rows (plus files_skipped), one record per listed
/// source file, and the rejected rows.
struct CopyOutcome {
  int64_t rows_copied = 0;
  int64_t files_processed = 0;
  int64_t files_skipped = 0;
  int64_t files_added = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
  int64_t target_version = -1;
  /// The files read, in listing order, then the files skipped (already loaded, ...).
  std::vector<FileLoadRecord> files;
  /// Rejected rows and file errors, by file then line (all of them up to a memory cap).
  std::vector<RowError> errors;
  /// Every error, kept or not.
  int64_t errors_seen = 0;
  /// The format's name ("CSV", "PARQUET").
  std::string format_name;
  /// Problems that did not fail the COPY (a source file PURGE could not delete), one per line.
  std::string warnings;
  /// CopyPlan::validate_rows: the rows read, with the table's schema.
  std::vector<RecordBatchPtr> rows;
  SchemaPtr rows_schema;
};

/// Runs a COPY: list and filter the source files, skip those the table's log already holds
/// (unless FORCE), read them in parallel into new Parquet data files in the table folder (one
/// open file per thread, shared by the source files that thread reads, rolled at
/// target_file_bytes; the table's properties delta.targetFileSize and inlet.parquet.* override
/// `settings`' file size, codec, zstd level and row-group size), and commit data and source-file tracking together as one Delta version.
/// A table without a schema yet takes it from the first file. A commit that loses a race re-reads
/// the winners; when they loaded some of the same source files, this COPY drops its data files
/// and loads the remaining files again before the next attempt. On any error no version is
/// committed and the data files written so far are deleted, except UnknownOutcome (the store
/// lost the commit's reply and the read-back failed): the version may be committed, so the data
/// files stay; `*on_failure` (when given) then receives the errors seen before the failure.
/// Bad rows and files follow plan.error_policy: a file the policy skips is not committed (its
/// rows are dropped) nor recorded as loaded, so a later COPY tries it again; a partially loaded
/// file is recorded as loaded. With plan.validate_only or plan.validate_rows nothing is written
/// or committed.
Result<CopyOutcome> ExecuteCopy(const CopyPlan& plan, const CopySettings& settings,
                                CopyOutcome* on_failure = nullptr);


/// Checks `options` against the options `format` accepts (keys lower-case), then their values.
/// An unknown key is an error listing the valid ones.
Status ValidateFormatOptions(const FileFormat& format, const FormatOptions& options);

}  // namespace inlet
