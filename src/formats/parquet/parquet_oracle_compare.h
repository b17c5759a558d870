#pragma once

// How the DuckDB-oracle tests compare values: as JSON rows whose leaves are canonical text both
// sides can produce (DuckDB by SQL, inlet from Values). STRUCTs become objects, LISTs arrays and
// MAPs arrays of {"key", "value"} objects, as test/oracle/query.mjs prints them.

#include <string>
#include <vector>

#include "formats/parquet/parquet_schema.h"
#include "types/schema.h"
#include "types/value.h"

namespace inlet::parquet_test {

/// A file system folder for one test's files, removed at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// SQL turning the DuckDB expression `expr` of inlet type `type` into its canonical form: text
/// leaves, STRUCTs and LISTs kept, MAPs as lists of key/value structs. `depth` names the lambda
/// variables apart. `naming`, when set, gives the names STRUCT fields have in the file (Delta
/// column mapping); the canonical form keeps the type's names.
std::string CanonicalSql(const std::string& expr, const LogicalType& type, int depth = 0,
                         const parquet::FieldNaming* naming = nullptr);

/// One row as query.mjs prints what CanonicalSql makes of it.
std::string JsonRow(const std::vector<Value>& row);

/// DuckDB's reading of the Parquet file `path` (whose columns have `schema`'s types), in file
/// order, one JsonRow per row.
std::vector<std::string> DuckDbRows(const std::string& path, const Schema& schema);

/// inlet's reading of the Parquet file `path`, one JsonRow per row; `*schema` receives the file's
/// schema.
std::vector<std::string> InletRows(const std::string& path, Schema* schema);

}  // namespace inlet::parquet_test
