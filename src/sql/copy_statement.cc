#include "sql/copy_statement.h"

#include <set>

#include "common/string_util.h"
#include "exec/copy_executor.h"
#include "exec/error_files.h"
#include "sql/copy_binder.h"
#include "sql/system_views.h"

namespace inlet::sql {

namespace {

LoadErrorRecord ToLoadErrorRecord(const RowError& error) {
  LoadErrorRecord record;
  record.file_name = error.file;
  record.line_number = error.line;
  record.byte_offset = error.byte_offset;
  record.column_name = error.column_name;
  record.column_type = error.column_type;
  record.position = error.position;
  record.raw_line = error.raw_line;
  record.raw_field_value = error.raw_value;
  record.error_code = error.code;
  record.category = RowErrorKindName(error.kind);
  record.error_message = error.reason;
  return record;
}

// The history row of a COPY that ran (or failed) with `outcome`.
void FillLoadRecord(const CopyOutcome& outcome, LoadRecord* record) {
  record->file_format = AsciiToLower(outcome.format_name);
  record->loaded_rows = outcome.rows_copied;
  record->loaded_bytes = outcome.bytes_written;
  record->error_count = outcome.errors_seen;
  record->table_version = outcome.target_version;
  record->files = outcome.files;
  record->source_file_count = 0;
  record->source_file_bytes = 0;
  record->file_count_scanned = 0;
  record->file_bytes_scanned = 0;
  for (const FileLoadRecord& file : outcome.files) {
    if (file.status == FileLoadStatus::kSkipped) continue;
    ++record->file_count_scanned;
    record->file_bytes_scanned += file.file_bytes;
    if (file.status == FileLoadStatus::kLoadFailed) continue;
    ++record->source_file_count;
    record->source_file_bytes += file.file_bytes;
  }
  record->errors.clear();
  for (const RowError& error : outcome.errors) record->errors.push_back(ToLoadErrorRecord(error));
}

Value TextOrNull(const std::string& text) {
  return text.empty() ? Value::Null(LogicalType::Varchar()) : Value::Varchar(text);
}

Value NumberOrNull(int64_t n) {
  return n < 0 ? Value::Null(LogicalType::BigInt()) : Value::BigInt(n);
}

ResultSet MetricRows(const CopyOutcome& outcome) {
  ResultSet result;
  result.names = {"metric", "value"};
  result.types = {LogicalType::Varchar(), LogicalType::BigInt()};
  auto add = [&result](const char* metric, int64_t value) {
    result.rows.push_back({Value::Varchar(metric), Value::BigInt(value)});
  };
  int64_t files_failed = 0;
  for (const FileLoadRecord& file : outcome.files) {
    files_failed += file.status == FileLoadStatus::kLoadFailed;
  }
  add("rows_copied", outcome.rows_copied);
  add("files_processed", outcome.files_processed);
  add("files_skipped", outcome.files_skipped);
  add("files_added", outcome.files_added);
  add("bytes_read", outcome.bytes_read);
  add("bytes_written", outcome.bytes_written);
  add("target_version", outcome.target_version);
  // Nothing is dropped silently: rejected rows and failed files are counted in every result.
  add("rows_rejected", outcome.errors_seen);
  add("files_failed", files_failed);
  return result;
}

ResultSet FileRows(const CopyOutcome& outcome, bool failed_only) {
  ResultSet result;
  result.names = {"file",       "status",      "rows_parsed",     "rows_loaded",
                  "error_limit", "errors_seen", "first_error",     "first_error_line",
                  "first_error_character", "first_error_column_name", "skip_reason",
                  "bytes",      "table_version"};
  const LogicalType text = LogicalType::Varchar(), number = LogicalType::BigInt();
  result.types = {text,   text,   number, number, number, number, text,
                  number, number, text,   text,   number, number};
  for (const FileLoadRecord& file : outcome.files) {
    const bool failed = file.status == FileLoadStatus::kLoadFailed ||
                        file.status == FileLoadStatus::kPartiallyLoaded;
    if (failed_only && !failed) continue;
    const bool read = file.status != FileLoadStatus::kSkipped;
    const bool committed = read && file.status != FileLoadStatus::kLoadFailed;
    result.rows.push_back({
        Value::Varchar(file.file_name),
        Value::Varchar(FileLoadStatusName(file.status)),
        read ? Value::BigInt(file.rows_parsed) : Value::Null(number),
        read ? Value::BigInt(file.rows_loaded) : Value::Null(number),
        read ? Value::BigInt(file.error_limit) : Value::Null(number),
        read ? Value::BigInt(file.errors_seen) : Value::Null(number),
        TextOrNull(file.first_error),
        NumberOrNull(file.first_error_line),
        NumberOrNull(file.first_error_character),
        TextOrNull(file.first_error_column_name),
        TextOrNull(file.skip_reason),
        Value::BigInt(file.file_bytes),
        committed ? NumberOrNull(outcome.target_version) : Value::Null(number),
    });
  }
  return result;
}

ResultSet RowsOf(const CopyOutcome& outcome) {
  ResultSet result;
  if (!outcome.rows_schema) return result;
  for (const Field& field : outcome.rows_schema->fields()) {
    result.names.push_back(field.name);
    result.types.push_back(field.type);
  }
  for (const RecordBatchPtr& batch : outcome.rows) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      Row row;
      for (const ColumnPtr& column : batch->columns()) row.push_back(column->GetValue(r));
      result.rows.push_back(std::move(row));
    }
  }
  return result;
}

// RETURN_ALL_ERRORS: the errors earlier COPYs into the table recorded for the files this one
// lists that they loaded partially (and this one therefore skips as loaded).
Result<std::vector<LoadErrorRecord>> EarlierPartialLoadErrors(Catalog& catalog,
                                                              const std::string& table,
                                                              const CopyOutcome& outcome) {
  std::set<std::string> skipped;
  for (const FileLoadRecord& file : outcome.files) {
    if (file.status == FileLoadStatus::kSkipped) skipped.insert(file.file_name);
  }
  std::vector<LoadErrorRecord> errors;
  if (skipped.empty()) return errors;
  LoadHistoryQuery query;
  query.with_files = true;
  query.with_errors = true;
  INLET_ASSIGN_OR_RETURN(std::vector<LoadRecord> loads, catalog.ListLoads(query));
  for (const LoadRecord& load : loads) {
    if (load.table_name != table || load.status != "completed") continue;
    std::set<std::string> partial;
    for (const FileLoadRecord& file : load.files) {
      if (file.status == FileLoadStatus::kPartiallyLoaded && skipped.count(file.file_name)) {
        partial.insert(file.file_name);
      }
    }
    for (const LoadErrorRecord& error : load.errors) {
      if (partial.count(error.file_name)) errors.push_back(error);
    }
  }
  return errors;
}

// The result rows of a COPY that ran: see ExecuteCopyInto.
Result<ResultSet> CopyResult(const CopyIntoStatement& copy, const CopyPlan& plan,
                             const CopyOutcome& outcome, Database& db,
                             const SessionSettings& session) {
  if (plan.validate_rows >= 0) return RowsOf(outcome);
  if (plan.validate_only) {
    std::vector<LoadErrorRecord> errors;
    if (plan.validate_all_errors) {
      INLET_ASSIGN_OR_RETURN(errors,
                             EarlierPartialLoadErrors(db.catalog(), plan.table.name, outcome));
    }
    for (const RowError& error : outcome.errors) errors.push_back(ToLoadErrorRecord(error));
    return ValidationErrorRows(errors);
  }
  CopyResultShape shape = session.copy_result;
  if (shape == CopyResultShape::kAuto) {
    shape = SpeaksFileResultDialect(copy) ? CopyResultShape::kFiles : CopyResultShape::kMetrics;
  }
  return shape == CopyResultShape::kFiles ? FileRows(outcome, plan.return_failed_only)
                                          : MetricRows(outcome);
}

}  // namespace

Result<ResultSet> ExecuteCopyInto(const CopyIntoStatement& copy, Database& db,
                                  const SessionSettings& session, CopyProgress* progress) {
  CopyBindContext context{&db.catalog(), &db.file_systems(), &db.formats()};
  INLET_ASSIGN_OR_RETURN(CopyPlan plan, BindCopy(copy, context));
  CopySettings settings;
  settings.pool = &db.thread_pool();
  settings.formats = &db.formats();
  if (db.options().split_min_bytes) settings.split_min_bytes = *db.options().split_min_bytes;
  settings.progress = progress;
  const bool validates = plan.validate_only || plan.validate_rows >= 0;

  LoadRecord record;
  record.table_name = plan.table.name;
  record.start_micros = NowMicros();
  record.data_source = plan.source.location.display;
  if (!validates) {
    INLET_ASSIGN_OR_RETURN(record.query_id, db.catalog().BeginLoad(record));
  }
  std::vector<std::string> warnings;
  CopyOutcome failure;
  Result<CopyOutcome> outcome = ExecuteCopy(plan, settings, &failure);
  if (!validates) {
    FillLoadRecord(outcome.ok() ? *outcome : failure, &record);
    record.end_micros = NowMicros();
    record.status = outcome.ok() ? "completed" : "aborted";
    if (!outcome.ok()) record.error_message = outcome.status().message();
    Status recorded = db.catalog().FinishLoad(
        record, session.load_history_retention_days * int64_t{86400} * 1000000);
    // The load itself is done (or failed) either way: a history that cannot be written must
    // not turn a committed COPY into an error.
    if (!recorded.ok()) warnings.push_back("load history not recorded: " + recorded.message());
  }
  const CopyOutcome& done = outcome.ok() ? *outcome : failure;
  if (!done.warnings.empty()) warnings.push_back(done.warnings);
  if (plan.error_file && !validates && !done.errors.empty()) {
    // Firebolt writes its error files for a load that fails as for one that goes on.
    Result<ErrorFilesWritten> written =
        WriteErrorFiles(*plan.error_file->fs, plan.error_file->path, record.start_micros,
                        std::to_string(record.query_id), done.errors);
    if (!written.ok()) warnings.push_back(written.status().message());
  }
  if (!outcome.ok()) return outcome.status();
  Result<ResultSet> result = CopyResult(copy, plan, *outcome, db, session);
  if (result.ok()) result->warnings = std::move(warnings);
  return result;
}

}  // namespace inlet::sql
