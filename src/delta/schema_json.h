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

/// The Delta type name of a primitive `type`: "integer", "decimal(10,2)", "timestamp_ntz", ...
/// InvalidArgument for TIME, which Delta lacks, and for nested types, which Delta writes as JSON
/// objects (see SchemaToDeltaJson).
Result<std::string> DeltaTypeName(const LogicalType& type);

/// `schema` as a Delta schemaString (Spark StructType JSON): nullable from Field::nullable,
/// STRUCT/ARRAY/MAP as Delta's nested type objects, a VARCHAR(n) anywhere in a column's type as
/// "string" with the column's metadata "__CHAR_VARCHAR_TYPE_STRING" holding the type in Spark's
/// spelling ("varchar(10)", "array<varchar(10)>"), and a DEFAULT as metadata "CURRENT_DEFAULT"
/// holding its SQL literal. InvalidArgument naming the column for a TIME anywhere in it.
Result<std::string> SchemaToDeltaJson(const Schema& schema);

/// Parses a schemaString, nested struct, array and map types included. Types inlet lacks (and
/// MAP keys of a nested type) are NotImplemented naming the column path ("s.a", "tags.element",
/// "m.key"); malformed JSON is InvalidData. A CURRENT_DEFAULT that is not a literal
/// inlet understands leaves Field::default_value empty (reads do not need it; CheckWritable
/// refuses the table).
Result<DeltaSchema> ParseDeltaSchema(std::string_view schema_string);

/// The SQL literal Spark would accept for `value` as a DEFAULT: 42, 'text', DATE '2024-01-02',
/// TIMESTAMP '2024-01-02 03:04:05+00:00', TIMESTAMP_NTZ '...', X'00FF', NULL,
/// named_struct('a', 1), array(1, 2), map('k', 1).
std::string DefaultValueToSql(const Value& value);

/// Parses DEFAULT SQL text (a literal, optionally typed or inside CAST(... AS type)) into a
/// value of `type`. NotImplemented for other expressions such as current_date().
Result<Value> ParseDefaultSql(std::string_view sql, const LogicalType& type);

}  // namespace inlet
