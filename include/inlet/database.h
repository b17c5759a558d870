#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "inlet/settings.h"
#include "inlet/status.h"

namespace inlet {

class Catalog;
class FileSystemRegistry;
class FormatRegistry;
class ThreadPool;

/// How a Database opens.
struct DatabaseOptions {
  /// The warehouse folder: the catalog lives here, and tables created without LOCATION too.
  std::string warehouse_dir = "./inlet-data";
  /// Worker threads for loads; 0 means one per core.
  size_t threads = 0;
  /// Source files at least this big are cut into parts that several threads read at once
  /// (Parquet: runs of row groups); unset means 32 MiB.
  std::optional<int64_t> split_min_bytes;
};

/// The rows a statement returns, as text (NULL is an empty optional). Statements that return no
/// rows (CREATE, DROP, ...) have no columns.
struct QueryResult {
  std::vector<std::string> column_names;
  /// SQL type of each column ("BIGINT", "VARCHAR", ...), so clients can render numbers as numbers.
  std::vector<std::string> column_types;
  std::vector<std::vector<std::optional<std::string>>> rows;
  /// Problems that did not fail the statement (a source file PURGE could not delete, error
  /// files that could not be written), one message each; the shell prints them to stderr.
  std::vector<std::string> warnings;
};

class Connection;

/// An open warehouse. Thread safe; share one per process and open a Connection per thread.
class Database {
 public:
  /// Opens (creating if needed) the warehouse folder and its catalog.
  static Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);
  ~Database();

  std::unique_ptr<Connection> Connect();

  const DatabaseOptions& options() const { return options_; }
  Catalog& catalog() { return *catalog_; }
  FileSystemRegistry& file_systems() { return *file_systems_; }
  const FormatRegistry& formats() const { return *formats_; }
  ThreadPool& thread_pool() { return *thread_pool_; }

 private:
  Database() = default;

  DatabaseOptions options_;
  std::unique_ptr<Catalog> catalog_;
  std::shared_ptr<FileSystemRegistry> file_systems_;
  std::shared_ptr<FormatRegistry> formats_;
  std::unique_ptr<ThreadPool> thread_pool_;
};

/// A session: runs statements one at a time. Not thread safe.
class Connection {
 public:
  explicit Connection(Database* database) : database_(database) {}

  /// Runs one SQL statement (a trailing ';' is allowed). Errors carry a message that names the
  /// place in the statement ("... at line 1, column 13") or the file, line and column of bad data.
  Result<QueryResult> Query(std::string_view sql);

  /// The session's settings, which SET, RESET and SHOW change and show.
  SessionSettings& settings() { return settings_; }
  /// Where the progress lines of long statements go; nowhere until an embedder sets a stream.
  void set_progress_output(ProgressOutput output) { progress_output_ = output; }

 private:
  Database* database_;
  SessionSettings settings_;
  ProgressOutput progress_output_;
};

/// Splits a script into statements at top-level ';' (not inside quotes or comments); empty
/// statements are dropped. The text of each statement is kept as written.
std::vector<std::string> SplitStatements(std::string_view script);
/// True when `text` holds at least one statement and ends with a top-level ';' (the shell reads
/// lines until this is true).
bool IsCompleteStatement(std::string_view text);

}  // namespace inlet
