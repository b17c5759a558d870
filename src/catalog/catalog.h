#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/load_history.h"
#include "inlet/result.h"

struct sqlite3;

namespace inlet {

/// A table the catalog knows: its name and where its Delta log lives.
struct TableEntry {
  /// Normalized qualified name: unquoted parts lower-cased, joined with '.' ("bronze.raw.orders").
  std::string name;
  /// Where the table lives, as a location the FileSystemRegistry resolves (absolute path or URI).
  std::string location;
  int64_t created_micros = 0;
};

/// The warehouse catalog: names of tables and load history (and later stages, file formats,
/// locations and jobs), kept in SQLite in WAL mode in `<warehouse>/catalog.db` so several processes can
/// share a warehouse. A table's schema and data live in its Delta log, never here, so a catalog
/// lost or rebuilt loses names only. Thread safe.
class Catalog {
 public:
  /// Opens or creates the catalog in `warehouse_dir` (created if missing), upgrading its schema.
  static Result<std::unique_ptr<Catalog>> Open(const std::string& warehouse_dir);
  ~Catalog();

  const std::string& warehouse_dir() const { return warehouse_dir_; }

  /// AlreadyExists (naming the table) when the name is taken.
  Status CreateTable(const TableEntry& entry);
  /// NotFound "table t does not exist".
  Result<TableEntry> GetTable(const std::string& name);
  /// NotFound when absent. Removes the name only; the Delta table's files stay where they are.
  Status DropTable(const std::string& name);
  /// Every table, sorted by name.
  Result<std::vector<TableEntry>> ListTables();

  /// Where a table created without LOCATION lives: `<warehouse>/<part>/<part>/...`.
  std::string DefaultTableLocation(const std::vector<std::string>& name_parts) const;

  // Load history (load_history_store.cc): one row per COPY, its files and its rejected rows.

  /// Records `record` (table, start time, source, format) as a running COPY; returns its query
  /// id, greater than every id given before in this warehouse, by any process.
  Result<int64_t> BeginLoad(const LoadRecord& record);
  /// Completes the COPY `record.query_id` (status, end time, counts, version, error message)
  /// and adds its files and errors, in one transaction; then deletes the COPYs that ended more
  /// than `retention_micros` before `record.end_micros`. NotFound when the id is unknown.
  Status FinishLoad(const LoadRecord& record,
                    int64_t retention_micros = kDefaultLoadHistoryRetentionMicros);
  /// Deletes the COPYs (with their files and errors) that ended before `cutoff_micros`; a COPY
  /// still running counts from its start, so one whose process died is trimmed too.
  Status TrimLoadHistory(int64_t cutoff_micros);
  /// The COPYs in query id order, each with its files and errors when `query` asks for them.
  Result<std::vector<LoadRecord>> ListLoads(const LoadHistoryQuery& query = {});

 private:
  Catalog(std::string warehouse_dir, sqlite3* db) : warehouse_dir_(std::move(warehouse_dir)), db_(db) {}
  Status Migrate();
  Status Exec(const std::string& sql);

  std::string warehouse_dir_;
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace inlet
