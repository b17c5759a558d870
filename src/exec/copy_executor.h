#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/thread_pool.h"
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
};

/// What a COPY did: the reference's metric rows (plus files_skipped).
struct CopyOutcome {
  int64_t rows_copied = 0;
  int64_t files_processed = 0;
  int64_t files_skipped = 0;
  int64_t files_added = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
  int64_t target_version = -1;
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
/// files stay.
Result<CopyOutcome> ExecuteCopy(const CopyPlan& plan, const CopySettings& settings);

/// Checks `options` against the options `format` accepts (keys lower-case), then their values.
/// An unknown key is an error listing the valid ones.
Status ValidateFormatOptions(const FileFormat& format, const FormatOptions& options);

}  // namespace inlet
