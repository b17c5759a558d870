#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "inlet/result.h"
#include "types/logical_type.h"
#include "types/schema.h"

namespace inlet::parquet {

/// How values of a Parquet physical type are turned into the inlet type (reader side).
enum class ValueConversion : uint8_t {
  kNone,            // same representation (widening casts included)
  kUnsigned,        // the physical bits are an unsigned integer
  kTimeMillis,      // TIMESTAMP in milliseconds -> micros
  kTimeNanos,       // TIMESTAMP in nanoseconds -> micros
  kInt96Timestamp,  // legacy Impala/Spark INT96 (nanos of day + Julian day) -> micros
};

/// One flat column as stored in a Parquet file: the inlet type it holds and its physical layout.
struct ColumnDescriptor {
  std::string name;
  LogicalType type;
  Type physical = Type::kInt32;
  /// Bytes per value for FIXED_LEN_BYTE_ARRAY.
  int32_t type_length = 0;
  /// 1 for an OPTIONAL column (it has definition levels), 0 for REQUIRED.
  int16_t max_definition_level = 0;
  ValueConversion conversion = ValueConversion::kNone;
};

/// Bytes of the big-endian two's complement FIXED_LEN_BYTE_ARRAY holding a DECIMAL(precision).
int DecimalByteWidth(int precision);

/// The physical layout inlet writes for `field`.
ColumnDescriptor DescribeFieldForWrite(const Field& field);

/// The Parquet schema inlet writes for `schema`: a root named "schema" and one leaf per field,
/// with the LogicalType annotation and the legacy ConvertedType where one exists.
std::vector<SchemaElement> ToParquetSchema(const Schema& schema);

/// The leaf columns of a footer's schema (flat schemas only for now). NotImplemented naming the
/// column for nested or repeated fields and for types inlet cannot map yet; InvalidData for a
/// malformed schema. Messages start with `file_name`.
Result<std::vector<ColumnDescriptor>> ColumnsFromParquetSchema(
    const std::vector<SchemaElement>& elements, const std::string& file_name);

}  // namespace inlet::parquet
