// Catalog's load history: the tables `loads`, `load_files` and `load_errors` (see kMigrations).

#include <sqlite3.h>

#include <unordered_map>

#include "catalog/catalog.h"
#include "catalog/sqlite_statement.h"

namespace inlet {

namespace {

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::IOError("catalog: " + what + ": " + sqlite3_errmsg(db));
}

// A transaction rolled back unless committed, so that every early return leaves the catalog as
// it was.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (active_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  // IMMEDIATE takes the write lock up front, as Migrate does: two writers then wait on the busy
  // timeout instead of failing with SQLITE_BUSY when the first upgrades its read lock.
  Status Begin(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return SqliteError(db_, "cannot begin a transaction");
    }
    active_ = true;
    return Status::OK();
  }
  Status Commit() {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return SqliteError(db_, "cannot commit the load history");
    }
    active_ = false;
    return Status::OK();
  }

 private:
  sqlite3* db_;
  bool active_ = false;
};

Status TrimLocked(sqlite3* db, int64_t cutoff_micros) {
  static const char* const kDeletes[] = {
      "DELETE FROM load_errors WHERE query_id IN (SELECT query_id FROM loads "
      "WHERE end_micros < ?1 AND start_micros < ?1)",
      "DELETE FROM load_files WHERE query_id IN (SELECT query_id FROM loads "
      "WHERE end_micros < ?1 AND start_micros < ?1)",
      "DELETE FROM loads WHERE end_micros < ?1 AND start_micros < ?1",
  };
  for (const char* sql : kDeletes) {
    SqliteStatement remove(db, sql);
    if (!remove.ok()) return SqliteError(db, "cannot prepare the history trim");
    remove.BindInt64(1, cutoff_micros);
    INLET_RETURN_NOT_OK(remove.StepDone(db, "cannot trim the load history"));
  }
  return Status::OK();
}

Status InsertFiles(sqlite3* db, int64_t query_id, const std::vector<FileLoadRecord>& files) {
  SqliteStatement insert(
      db,
      "INSERT INTO load_files (query_id, file_index, file_name, status, skip_reason, file_bytes, "
      "rows_parsed, rows_loaded, error_limit, errors_seen, first_error, first_error_line, "
      "first_error_character, first_error_column_name, split) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return SqliteError(db, "cannot prepare the load files insert");
  for (size_t i = 0; i < files.size(); ++i) {
    const FileLoadRecord& file = files[i];
    insert.BindInt64(1, query_id);
    insert.BindInt64(2, static_cast<int64_t>(i));
    insert.BindText(3, file.file_name);
    insert.BindText(4, FileLoadStatusName(file.status));
    insert.BindText(5, file.skip_reason);
    insert.BindInt64(6, file.file_bytes);
    insert.BindInt64(7, file.rows_parsed);
    insert.BindInt64(8, file.rows_loaded);
    insert.BindInt64(9, file.error_limit);
    insert.BindInt64(10, file.errors_seen);
    insert.BindText(11, file.first_error);
    insert.BindInt64(12, file.first_error_line);
    insert.BindInt64(13, file.first_error_character);
    insert.BindText(14, file.first_error_column_name);
    insert.BindInt64(15, file.split ? 1 : 0);
    INLET_RETURN_NOT_OK(insert.StepDone(db, "cannot record the file " + file.file_name));
  }
  return Status::OK();
}

Status InsertErrors(sqlite3* db, int64_t query_id, const std::vector<LoadErrorRecord>& errors) {
  SqliteStatement insert(
      db,
      "INSERT INTO load_errors (query_id, error_index, file_name, line_number, byte_offset, "
      "column_name, column_type, column_length, position, raw_line, raw_field_value, "
      "error_code, category, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return SqliteError(db, "cannot prepare the load errors insert");
  for (size_t i = 0; i < errors.size(); ++i) {
    const LoadErrorRecord& error = errors[i];
    insert.BindInt64(1, query_id);
    insert.BindInt64(2, static_cast<int64_t>(i));
    insert.BindText(3, error.file_name);
    insert.BindInt64(4, error.line_number);
    insert.BindInt64(5, error.byte_offset);
    insert.BindText(6, error.column_name);
    insert.BindText(7, error.column_type);
    insert.BindInt64(8, error.column_length);
    insert.BindInt64(9, error.position);
    insert.BindText(10, error.raw_line);
    insert.BindText(11, error.raw_field_value);
    insert.BindInt64(12, error.error_code);
    insert.BindText(13, error.category);
    insert.BindText(14, error.error_message);
    INLET_RETURN_NOT_OK(insert.StepDone(db, "cannot record a load error"));
  }
  return Status::OK();
}

// Binds ?1 to the query id asked for, or NULL for every COPY.
void BindQueryId(SqliteStatement* select, const LoadHistoryQuery& query) {
  if (query.query_id) {
    select->BindInt64(1, *query.query_id);
  } else {
    sqlite3_bind_null(select->get(), 1);
  }
}

Result<std::vector<LoadRecord>> SelectLoads(sqlite3* db, const LoadHistoryQuery& query) {
  SqliteStatement select(
      db,
      "SELECT query_id, table_name, status, start_micros, end_micros, data_source, file_format, "
      "loaded_rows, loaded_bytes, source_file_count, source_file_bytes, file_count_scanned, "
      "file_bytes_scanned, error_count, table_version, error_message FROM loads "
      "WHERE ?1 IS NULL OR query_id = ?1 ORDER BY query_id");
  if (!select.ok()) return SqliteError(db, "cannot prepare the load history listing");
  BindQueryId(&select, query);
  std::vector<LoadRecord> loads;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    LoadRecord load;
    load.query_id = select.ColumnInt64(0);
    load.table_name = select.ColumnText(1);
    load.status = select.ColumnText(2);
    load.start_micros = select.ColumnInt64(3);
    load.end_micros = select.ColumnInt64(4);
    load.data_source = select.ColumnText(5);
    load.file_format = select.ColumnText(6);
    load.loaded_rows = select.ColumnInt64(7);
    load.loaded_bytes = select.ColumnInt64(8);
    load.source_file_count = select.ColumnInt64(9);
    load.source_file_bytes = select.ColumnInt64(10);
    load.file_count_scanned = select.ColumnInt64(11);
    load.file_bytes_scanned = select.ColumnInt64(12);
    load.error_count = select.ColumnInt64(13);
    load.table_version = select.ColumnInt64(14);
    load.error_message = select.ColumnText(15);
    loads.push_back(std::move(load));
  }
  if (rc != SQLITE_DONE) return SqliteError(db, "cannot list the load history");
  return loads;
}

Status SelectFiles(sqlite3* db, const LoadHistoryQuery& query,
                   const std::unordered_map<int64_t, LoadRecord*>& by_id) {
  SqliteStatement select(
      db,
      "SELECT query_id, file_name, status, skip_reason, file_bytes, rows_parsed, rows_loaded, "
      "error_limit, errors_seen, first_error, first_error_line, first_error_character, "
      "first_error_column_name, split FROM load_files "
      "WHERE ?1 IS NULL OR query_id = ?1 ORDER BY query_id, file_index");
  if (!select.ok()) return SqliteError(db, "cannot prepare the load files listing");
  BindQueryId(&select, query);
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    auto load = by_id.find(select.ColumnInt64(0));
    if (load == by_id.end()) continue;
    FileLoadRecord file;
    file.file_name = select.ColumnText(1);
    std::string status = select.ColumnText(2);
    std::optional<FileLoadStatus> parsed = FileLoadStatusFromName(status);
    if (!parsed) {
      return Status::IOError("catalog: unknown file load status '" + status + "' of " +
                             file.file_name + " in the load history");
    }
    file.status = *parsed;
    file.skip_reason = select.ColumnText(3);
    file.file_bytes = select.ColumnInt64(4);
    file.rows_parsed = select.ColumnInt64(5);
    file.rows_loaded = select.ColumnInt64(6);
    file.error_limit = select.ColumnInt64(7);
    file.errors_seen = select.ColumnInt64(8);
    file.first_error = select.ColumnText(9);
    file.first_error_line = select.ColumnInt64(10);
    file.first_error_character = select.ColumnInt64(11);
    file.first_error_column_name = select.ColumnText(12);
    file.split = select.ColumnInt64(13) != 0;
    load->second->files.push_back(std::move(file));
  }
  if (rc != SQLITE_DONE) return SqliteError(db, "cannot list the load files");
  return Status::OK();
}

Status SelectErrors(sqlite3* db, const LoadHistoryQuery& query,
                    const std::unordered_map<int64_t, LoadRecord*>& by_id) {
  SqliteStatement select(
      db,
      "SELECT query_id, file_name, line_number, byte_offset, column_name, column_type, "
      "column_length, position, raw_line, raw_field_value, error_code, category, error_message "
      "FROM load_errors WHERE ?1 IS NULL OR query_id = ?1 ORDER BY query_id, error_index");
  if (!select.ok()) return SqliteError(db, "cannot prepare the load errors listing");
  BindQueryId(&select, query);
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    auto load = by_id.find(select.ColumnInt64(0));
    if (load == by_id.end()) continue;
    LoadErrorRecord error;
    error.file_name = select.ColumnText(1);
    error.line_number = select.ColumnInt64(2);
    error.byte_offset = select.ColumnInt64(3);
    error.column_name = select.ColumnText(4);
    error.column_type = select.ColumnText(5);
    error.column_length = select.ColumnInt64(6);
    error.position = select.ColumnInt64(7);
    error.raw_line = select.ColumnText(8);
    error.raw_field_value = select.ColumnText(9);
    error.error_code = static_cast<int>(select.ColumnInt64(10));
    error.category = select.ColumnText(11);
    error.error_message = select.ColumnText(12);
    load->second->errors.push_back(std::move(error));
  }
  if (rc != SQLITE_DONE) return SqliteError(db, "cannot list the load errors");
  return Status::OK();
}

}  // namespace

Result<int64_t> Catalog::BeginLoad(const LoadRecord& record) {
  std::lock_guard<std::mutex> lock(mutex_);
  SqliteStatement insert(
      db_,
      "INSERT INTO loads (table_name, status, start_micros, end_micros, data_source, "
      "file_format, loaded_rows, loaded_bytes, source_file_count, source_file_bytes, "
      "file_count_scanned, file_bytes_scanned, error_count, table_version, error_message) "
      "VALUES (?, 'running', ?, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, -1, '')");
  if (!insert.ok()) return SqliteError(db_, "cannot prepare the load insert");
  insert.BindText(1, record.table_name);
  insert.BindInt64(2, record.start_micros);
  insert.BindText(3, record.data_source);
  insert.BindText(4, record.file_format);
  INLET_RETURN_NOT_OK(insert.StepDone(db_, "cannot record the COPY into " + record.table_name));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status Catalog::FinishLoad(const LoadRecord& record, int64_t retention_micros) {
  std::lock_guard<std::mutex> lock(mutex_);
  Transaction transaction(db_);
  INLET_RETURN_NOT_OK(transaction.Begin("BEGIN IMMEDIATE"));
  SqliteStatement update(
      db_,
      "UPDATE loads SET status = ?, end_micros = ?, loaded_rows = ?, loaded_bytes = ?, "
      "source_file_count = ?, source_file_bytes = ?, file_count_scanned = ?, "
      "file_bytes_scanned = ?, error_count = ?, table_version = ?, error_message = ?, "
      "file_format = ? WHERE query_id = ?");
  if (!update.ok()) return SqliteError(db_, "cannot prepare the load update");
  update.BindText(1, record.status);
  update.BindInt64(2, record.end_micros);
  update.BindInt64(3, record.loaded_rows);
  update.BindInt64(4, record.loaded_bytes);
  update.BindInt64(5, record.source_file_count);
  update.BindInt64(6, record.source_file_bytes);
  update.BindInt64(7, record.file_count_scanned);
  update.BindInt64(8, record.file_bytes_scanned);
  update.BindInt64(9, record.error_count);
  update.BindInt64(10, record.table_version);
  update.BindText(11, record.error_message);
  // The format is known only once the files were listed (by their extensions).
  update.BindText(12, record.file_format);
  update.BindInt64(13, record.query_id);
  INLET_RETURN_NOT_OK(update.StepDone(db_, "cannot record the end of COPY " +
                                               std::to_string(record.query_id)));
  if (sqlite3_changes(db_) == 0) {
    return Status::NotFound("no COPY with query id " + std::to_string(record.query_id) +
                            " in the load history");
  }
  INLET_RETURN_NOT_OK(InsertFiles(db_, record.query_id, record.files));
  INLET_RETURN_NOT_OK(InsertErrors(db_, record.query_id, record.errors));
  INLET_RETURN_NOT_OK(TrimLocked(db_, record.end_micros - retention_micros));
  return transaction.Commit();
}

Status Catalog::TrimLoadHistory(int64_t cutoff_micros) {
  std::lock_guard<std::mutex> lock(mutex_);
  Transaction transaction(db_);
  INLET_RETURN_NOT_OK(transaction.Begin("BEGIN IMMEDIATE"));
  INLET_RETURN_NOT_OK(TrimLocked(db_, cutoff_micros));
  return transaction.Commit();
}

Result<std::vector<LoadRecord>> Catalog::ListLoads(const LoadHistoryQuery& query) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One read transaction: the three listings see the same history while others write.
  Transaction transaction(db_);
  INLET_RETURN_NOT_OK(transaction.Begin("BEGIN"));
  INLET_ASSIGN_OR_RETURN(std::vector<LoadRecord> loads, SelectLoads(db_, query));
  std::unordered_map<int64_t, LoadRecord*> by_id;
  for (LoadRecord& load : loads) by_id[load.query_id] = &load;
  if (query.with_files) INLET_RETURN_NOT_OK(SelectFiles(db_, query, by_id));
  if (query.with_errors) INLET_RETURN_NOT_OK(SelectErrors(db_, query, by_id));
  INLET_RETURN_NOT_OK(transaction.Commit());
  return loads;
}

}  // namespace inlet
