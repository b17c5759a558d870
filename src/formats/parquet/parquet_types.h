#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "inlet/status.h"
#include "types/logical_type.h"
#include "types/schema.h"

/// The mapping between one Parquet leaf column (physical type plus annotations) and an inlet type,
/// in both directions.
namespace inlet::parquet {

/// How values of a Parquet physical type are turned into the inlet type (reader side), beyond
/// what the target type itself implies (INT32 into SMALLINT is a checked narrowing, INT32 into
/// DECIMAL a widening).
enum class ValueConversion : uint8_t {
  kNone,             // same representation, or implied by the target type
  kUnsigned,         // the physical bits are an unsigned integer
  kMillisToMicros,   // TIMESTAMP or TIME in milliseconds
  kNanosToMicros,    // TIMESTAMP or TIME in nanoseconds
  kInt96Timestamp,   // legacy Impala/Spark INT96 (nanos of day + Julian day) -> micros
  kFloat16,          // FIXED_LEN_BYTE_ARRAY(2) IEEE half-precision float -> FLOAT
  kUuid,             // FIXED_LEN_BYTE_ARRAY(16) -> canonical 8-4-4-4-12 lowercase text
  kDecimalToDouble,  // DECIMAL wider than 38 digits -> DOUBLE (see decimal_scale)
};

/// Reader choices that change how Parquet types map to inlet types.
struct LeafTypeOptions {
  /// Read BYTE_ARRAY columns without a text annotation as VARCHAR instead of BINARY (for
  /// writers that never annotate strings).
  bool binary_as_text = false;
};

/// One flat column as stored in a Parquet file: the inlet type it holds and its physical layout.
struct ColumnDescriptor {
  std::string name;
  LogicalType type;
  Type physical = Type::kInt32;
  /// Bytes per value for FIXED_LEN_BYTE_ARRAY.
  int32_t type_length = 0;
  /// The names from the schema root's child down to this leaf ({"name"} for a flat column).
  std::vector<std::string> path;
  /// The number of OPTIONAL and REPEATED fields on the path (1 for a flat OPTIONAL column).
  int16_t max_definition_level = 0;
  /// The number of REPEATED fields on the path (0 for every flat column).
  int16_t max_repetition_level = 0;
  ValueConversion conversion = ValueConversion::kNone;
  /// The scale of a DECIMAL read as DOUBLE (kDecimalToDouble).
  int32_t decimal_scale = 0;
  /// A TIME normalized to UTC: writers subtract the zone offset from the local time, which can
  /// leave the day, so values wrap around midnight instead of being out of range.
  bool time_adjusted_to_utc = false;
};

/// Bytes of the big-endian two's complement FIXED_LEN_BYTE_ARRAY holding a DECIMAL(precision).
int DecimalByteWidth(int precision);

/// The physical layout inlet writes for `field`. REQUIRES: a field of a type that is not nested.
ColumnDescriptor DescribeFieldForWrite(const Field& field);

/// Fills the physical type and annotations of a leaf element written for `desc`.
void AnnotateLeaf(const ColumnDescriptor& desc, SchemaElement* e);

/// Sets d->type and d->conversion for the primitive element `e`, whose physical type and length
/// are already in `d`. An annotation this version does not know (from a newer writer) is ignored,
/// as the spec asks, and the physical type decides. InvalidData for contradictory annotations
/// (a DATE on a DOUBLE); messages start with `file_name` and name the column.
Status MapLeafType(const SchemaElement& e, const std::string& file_name,
                   const LeafTypeOptions& options, ColumnDescriptor* d);

}  // namespace inlet::parquet
