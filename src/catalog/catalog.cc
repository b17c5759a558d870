#include "catalog/catalog.h"

#include <sqlite3.h>

#include <filesystem>

#include "catalog/sqlite_statement.h"
#include "common/string_util.h"

namespace inlet {

namespace {

// Each entry upgrades the catalog by one version (PRAGMA user_version); later stages, file
// formats, locations, jobs and load history arrive as new entries, never as edits of old ones.
const char* const kMigrations[] = {
    "CREATE TABLE tables ("
    "  name TEXT PRIMARY KEY,"
    "  location TEXT NOT NULL,"
    "  created_micros INTEGER NOT NULL)",
    // Load history (load_history_store.cc). AUTOINCREMENT: a query id is never reused, even
    // after the newest COPYs are trimmed, so an old job id cannot name a newer COPY.
    "CREATE TABLE loads ("
    "  query_id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  table_name TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  start_micros INTEGER NOT NULL,"
    "  end_micros INTEGER NOT NULL,"
    "  data_source TEXT NOT NULL,"
    "  file_format TEXT NOT NULL,"
    "  loaded_rows INTEGER NOT NULL,"
    "  loaded_bytes INTEGER NOT NULL,"
    "  source_file_count INTEGER NOT NULL,"
    "  source_file_bytes INTEGER NOT NULL,"
    "  file_count_scanned INTEGER NOT NULL,"
    "  file_bytes_scanned INTEGER NOT NULL,"
    "  error_count INTEGER NOT NULL,"
    "  table_version INTEGER NOT NULL,"
    "  error_message TEXT NOT NULL);"
    "CREATE INDEX loads_by_table ON loads (table_name, query_id);"
    "CREATE INDEX loads_by_time ON loads (end_micros, start_micros);"
    "CREATE TABLE load_files ("
    "  query_id INTEGER NOT NULL,"
    "  file_index INTEGER NOT NULL,"
    "  file_name TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  skip_reason TEXT NOT NULL,"
    "  file_bytes INTEGER NOT NULL,"
    "  rows_parsed INTEGER NOT NULL,"
    "  rows_loaded INTEGER NOT NULL,"
    "  error_limit INTEGER NOT NULL,"
    "  errors_seen INTEGER NOT NULL,"
    "  first_error TEXT NOT NULL,"
    "  first_error_line INTEGER NOT NULL,"
    "  first_error_character INTEGER NOT NULL,"
    "  first_error_column_name TEXT NOT NULL,"
    "  split INTEGER NOT NULL,"
    "  PRIMARY KEY (query_id, file_index));"
    "CREATE TABLE load_errors ("
    "  query_id INTEGER NOT NULL,"
    "  error_index INTEGER NOT NULL,"
    "  file_name TEXT NOT NULL,"
    "  line_number INTEGER NOT NULL,"
    "  byte_offset INTEGER NOT NULL,"
    "  column_name TEXT NOT NULL,"
    "  column_type TEXT NOT NULL,"
    "  column_length INTEGER NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  raw_line TEXT NOT NULL,"
    "  raw_field_value TEXT NOT NULL,"
    "  error_code INTEGER NOT NULL,"
    "  category TEXT NOT NULL,"
    "  error_message TEXT NOT NULL,"
    "  PRIMARY KEY (query_id, error_index))",
};

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::IOError("catalog: " + what + ": " + sqlite3_errmsg(db));
}

}  // namespace

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& warehouse_dir) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(warehouse_dir, ec);
  if (ec) return Status::IOError("cannot resolve warehouse folder '" + warehouse_dir + "'");
  dir = dir.lexically_normal();
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::IOError("cannot create warehouse folder '" + dir.string() + "': " +
                           ec.message());
  }
  std::string path = (dir / "catalog.db").string();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status s = Status::IOError("cannot open catalog '" + path + "': " +
                               (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return s;
  }
  std::string dir_string = dir.string();
  if (dir_string.size() > 1 && dir_string.back() == '/') dir_string.pop_back();
  std::unique_ptr<Catalog> catalog(new Catalog(dir_string, db));
  // Other processes may hold the catalog briefly; wait rather than fail.
  sqlite3_busy_timeout(db, 10000);
  INLET_RETURN_NOT_OK(catalog->Exec("PRAGMA journal_mode=WAL"));
  INLET_RETURN_NOT_OK(catalog->Migrate());
  return catalog;
}

Catalog::~Catalog() { sqlite3_close(db_); }

Status Catalog::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::IOError("catalog: " + message);
  }
  return Status::OK();
}

Status Catalog::Migrate() {
  std::lock_guard<std::mutex> lock(mutex_);
  INLET_RETURN_NOT_OK(Exec("BEGIN IMMEDIATE"));
  SqliteStatement version(db_, "PRAGMA user_version");
  if (!version.ok() || sqlite3_step(version.get()) != SQLITE_ROW) {
    (void)Exec("ROLLBACK");
    return SqliteError(db_, "cannot read the catalog version");
  }
  int current = sqlite3_column_int(version.get(), 0);
  int latest = static_cast<int>(std::size(kMigrations));
  if (current > latest) {
    (void)Exec("ROLLBACK");
    return Status::NotImplemented("the catalog was written by a newer inlet (catalog version " +
                                  std::to_string(current) + ", this build knows " +
                                  std::to_string(latest) + ")");
  }
  for (int v = current; v < latest; ++v) {
    Status s = Exec(kMigrations[v]);
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
  }
  INLET_RETURN_NOT_OK(Exec("PRAGMA user_version = " + std::to_string(latest)));
  return Exec("COMMIT");
}

Status Catalog::CreateTable(const TableEntry& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  SqliteStatement insert(db_,
                         "INSERT INTO tables (name, location, created_micros) VALUES (?, ?, ?)");
  if (!insert.ok()) return SqliteError(db_, "cannot prepare insert");
  insert.BindText(1, entry.name);
  insert.BindText(2, entry.location);
  sqlite3_bind_int64(insert.get(), 3, entry.created_micros);
  int rc = sqlite3_step(insert.get());
  if (rc == SQLITE_CONSTRAINT) {
    return Status::AlreadyExists("table " + entry.name + " already exists");
  }
  if (rc != SQLITE_DONE) return SqliteError(db_, "cannot register table " + entry.name);
  return Status::OK();
}

Result<TableEntry> Catalog::GetTable(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  SqliteStatement select(db_,
                         "SELECT name, location, created_micros FROM tables WHERE name = ?");
  if (!select.ok()) return SqliteError(db_, "cannot prepare lookup");
  select.BindText(1, name);
  int rc = sqlite3_step(select.get());
  if (rc == SQLITE_DONE) return Status::NotFound("table " + name + " does not exist");
  if (rc != SQLITE_ROW) return SqliteError(db_, "cannot look up table " + name);
  return TableEntry{select.ColumnText(0), select.ColumnText(1),
                    sqlite3_column_int64(select.get(), 2)};
}

Status Catalog::DropTable(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  SqliteStatement remove(db_, "DELETE FROM tables WHERE name = ?");
  if (!remove.ok()) return SqliteError(db_, "cannot prepare delete");
  remove.BindText(1, name);
  if (sqlite3_step(remove.get()) != SQLITE_DONE) {
    return SqliteError(db_, "cannot drop table " + name);
  }
  if (sqlite3_changes(db_) == 0) return Status::NotFound("table " + name + " does not exist");
  return Status::OK();
}

Result<std::vector<TableEntry>> Catalog::ListTables() {
  std::lock_guard<std::mutex> lock(mutex_);
  SqliteStatement select(db_, "SELECT name, location, created_micros FROM tables ORDER BY name");
  if (!select.ok()) return SqliteError(db_, "cannot prepare listing");
  std::vector<TableEntry> tables;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    tables.push_back(TableEntry{select.ColumnText(0), select.ColumnText(1),
                                sqlite3_column_int64(select.get(), 2)});
  }
  if (rc != SQLITE_DONE) return SqliteError(db_, "cannot list tables");
  return tables;
}

std::string Catalog::DefaultTableLocation(const std::vector<std::string>& name_parts) const {
  std::string location = warehouse_dir_;
  for (const std::string& part : name_parts) location += "/" + part;
  return location;
}

}  // namespace inlet
