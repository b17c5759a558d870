#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/schema.h"
#include "types/value.h"

namespace inlet {

/// Column metadata key Spark uses to remember CHAR(n)/VARCHAR(n) of a "string" column.
inline constexpr char kCharVarcharMetadataKey[] = "__CHAR_VARCHAR_TYPE_STRING";
/// Column metadata key of the Delta column-defaults feature: the DEFAULT as SQL text.
inline constexpr char kCurrentDefaultMetadataKey[] = "CURRENT_DEFAULT";

/// A table schema as a Delta log records it: inlet's Schema plus every column's metadata.
struct DeltaSchema {
  Schema schema;
  /// One map per field, in field order: metadata key -> value (string values as they are,
  /// other JSON values as their JSON text). Holds keys inlet maps onto Field too.
  std::vector<std::map<std::string, std::string>> field_metadata;
};

/// The Delta type name of `type`: "integer", "decimal(10,2)", "timestamp_ntz", ...
std::string DeltaTypeName(const LogicalType& type);

/// `schema` as a Delta schemaString (Spark StructType JSON): nullable from Field::nullable,
/// VARCHAR(n) as "string" with metadata "__CHAR_VARCHAR_TYPE_STRING": "varchar(n)", and a
/// DEFAULT as metadata "CURRENT_DEFAULT" holding its SQL literal.
std::string SchemaToDeltaJson(const Schema& schema);

/// Parses a schemaString. Struct, array, map and other types inlet lacks are NotImplemented
/// naming the column; malformed JSON is InvalidData. A CURRENT_DEFAULT that is not a literal
/// inlet understands leaves Field::default_value empty (reads do not need it; CheckWritable
/// refuses the table).
Result<DeltaSchema> ParseDeltaSchema(std::string_view schema_string);

/// The SQL literal Spark would accept for `value` as a DEFAULT: 42, 'text', DATE '2024-01-02',
/// TIMESTAMP '2024-01-02 03:04:05+00:00', TIMESTAMP_NTZ '...', X'00FF', NULL.
std::string DefaultValueToSql(const Value& value);

/// Parses DEFAULT SQL text (a literal, optionally typed or inside CAST(... AS type)) into a
/// value of `type`. NotImplemented for other expressions such as current_date().
Result<Value> ParseDefaultSql(std::string_view sql, const LogicalType& type);

}  // namespace inlet
