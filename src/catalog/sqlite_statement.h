#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "inlet/status.h"

namespace inlet {

/// A prepared SQLite statement that finalizes itself. Text is bound and read as bytes, so
/// values that are not UTF-8 (a rejected row's raw line) come back exactly as they went in.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~SqliteStatement() { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }

  /// `index` is 1-based, as SQLite counts parameters.
  void BindText(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindInt64(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

  /// `column` is 0-based, as SQLite counts result columns.
  std::string ColumnText(int column) {
    const void* bytes = sqlite3_column_blob(stmt_, column);
    int size = sqlite3_column_bytes(stmt_, column);
    return bytes ? std::string(static_cast<const char*>(bytes), size) : std::string();
  }
  int64_t ColumnInt64(int column) { return sqlite3_column_int64(stmt_, column); }

  /// Runs a statement that returns no rows, then resets it for the next bindings.
  Status StepDone(sqlite3* db, const std::string& what) {
    int rc = sqlite3_step(stmt_);
    Status status = rc == SQLITE_DONE
                        ? Status::OK()
                        : Status::IOError("catalog: " + what + ": " + sqlite3_errmsg(db));
    sqlite3_reset(stmt_);
    return status;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

}  // namespace inlet
