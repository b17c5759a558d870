#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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

/// The warehouse catalog: names of tables (and later stages, file formats, locations, jobs and
/// load history), kept in SQLite in WAL mode in `<warehouse>/catalog.db` so several processes can
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

 private:
  Catalog(std::string warehouse_dir, sqlite3* db) : warehouse_dir_(std::move(warehouse_dir)), db_(db) {}
  Status Migrate();
  Status Exec(const std::string& sql);

  std::string warehouse_dir_;
  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace inlet
