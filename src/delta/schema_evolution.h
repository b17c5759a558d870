#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "inlet/result.h"
#include "types/schema.h"

// Schema evolution on load (COPY_OPTIONS ('mergeSchema' = 'true')): the columns a file adds to a
// table, and the type widenings of the Delta typeWidening feature. Pure functions.

namespace inlet {

inline constexpr char kFeatureTypeWidening[] = "typeWidening";
inline constexpr char kEnableTypeWideningProperty[] = "delta.enableTypeWidening";
inline constexpr char kTypeChangesMetadataKey[] = "delta.typeChanges";

/// Whether the table property delta.enableTypeWidening is true: loads may widen column types.
bool IsTypeWideningEnabled(const Metadata& metadata);

/// A column's type widened by a load.
struct TypeChange {
  std::string column;
  LogicalType from;
  LogicalType to;

  bool operator==(const TypeChange&) const = default;
};

/// A table schema merged with the schemas of the files a load reads.
struct SchemaMerge {
  Schema schema;
  /// Columns the files add, appended to the table's in this order (nullable).
  std::vector<std::string> added;
  /// Existing columns whose type the files widen, from the table's type to the final one.
  std::vector<TypeChange> widened;

  bool changed() const { return !added.empty() || !widened.empty(); }
};

/// Whether the Delta protocol's Type Widening lets a column of type `from` become `to`:
/// TINYINT -> SMALLINT -> INTEGER -> BIGINT; FLOAT -> DOUBLE; TINYINT, SMALLINT, INTEGER ->
/// DOUBLE; DATE -> TIMESTAMP (timestamp_ntz); DECIMAL(p, s) -> DECIMAL(p + k1, s + k2) with
/// k1 >= k2 >= 0; TINYINT, SMALLINT, INTEGER -> DECIMAL(10 + k1, k2) and BIGINT ->
/// DECIMAL(20 + k1, k2) with k1 >= k2 >= 0. False when the types are equal.
bool IsSupportedWidening(const LogicalType& from, const LogicalType& to);

/// How a load treats an existing column whose type differs in a file.
enum class ExistingColumnTypes {
  /// The file's types are guesses from a sample (CSV): the table's types stay, and rows are cast
  /// to them one by one as without mergeSchema.
  kKeep,
  /// The table allows type widening (delta.enableTypeWidening = true).
  kWiden,
  /// A widening is an error that says how to allow it.
  kNoWidening,
};

/// Merges the schema a file has into `merge`, whose `schema` starts as the table's. Columns are
/// matched by name (ASCII case-insensitive). A column the table lacks is appended, nullable. A
/// column whose file type the table type holds (equal, or a widening of the file's type) keeps
/// the table type. Under kWiden a column whose file type is a supported widening of the table
/// type takes the file type (recorded in `widened`). Any other difference (narrowing, unrelated,
/// nested, a widening under kNoWidening) is InvalidArgument naming the column, the table's type,
/// the file and its type.
Status MergeFileSchema(const Schema& file_schema, const std::string& file_name,
                       ExistingColumnTypes existing, SchemaMerge* merge);

/// The Delta schemaString of the merged table: `schema_string` (the table's) with each widened
/// column's type replaced and {"fromType", "toType"} appended to its delta.typeChanges metadata,
/// then the added columns. Everything else in the table's JSON is kept as it is.
Result<std::string> EvolveSchemaString(std::string_view schema_string, const SchemaMerge& merge);

}  // namespace inlet
