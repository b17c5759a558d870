#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "inlet/result.h"

namespace inlet {

/// The SQL types a table column can have.
enum class TypeId : uint8_t {
  kBoolean,
  kTinyInt,
  kSmallInt,
  kInteger,
  kBigInt,
  kFloat,
  kDouble,
  kDecimal,      // DECIMAL(p, s), 1 <= p <= 38, 0 <= s <= p
  kVarchar,      // UTF-8 text, optionally with a maximum length in characters
  kDate,         // days since 1970-01-01
  kTimestamp,    // microseconds since 1970-01-01 00:00:00, no time zone (wall clock)
  kTimestampTz,  // microseconds since 1970-01-01 00:00:00 UTC, an instant
  kBinary,       // raw bytes
  kTime,         // microseconds since midnight, no time zone; read from files (Delta has no TIME)
  kStruct,       // named child fields, each with its own type and nullability
  kList,         // a variable-length list of one element type (Databricks ARRAY<T>)
  kMap,          // key/value pairs; stored as a list of STRUCT<key, value> (Arrow's map layout)
};

/// How a column's values are laid out in memory (Arrow layouts).
enum class PhysicalType : uint8_t {
  kBit,     // booleans, one bit per value, LSB first
  kInt8,
  kInt16,
  kInt32,   // also DATE
  kInt64,   // also TIMESTAMP, TIMESTAMPTZ
  kFloat,
  kDouble,
  kInt128,  // DECIMAL: the unscaled value, little endian two's complement (Arrow decimal128)
  kString,  // VARCHAR, BINARY: int64 offsets + data bytes (Arrow large_utf8 / large_binary)
  kStruct,  // validity + one child column per field, each as long as the parent
  kList,    // LIST and MAP: validity + int64 offsets (length + 1) into one child column
};

class LogicalType;

/// One field of a STRUCT type (a Field without a DEFAULT, which only table columns have).
struct StructField;

/// A column type: the id plus its parameters (decimal precision/scale, varchar length).
class LogicalType {
 public:
  LogicalType() = default;

  static LogicalType Boolean() { return LogicalType(TypeId::kBoolean); }
  static LogicalType TinyInt() { return LogicalType(TypeId::kTinyInt); }
  static LogicalType SmallInt() { return LogicalType(TypeId::kSmallInt); }
  static LogicalType Integer() { return LogicalType(TypeId::kInteger); }
  static LogicalType BigInt() { return LogicalType(TypeId::kBigInt); }
  static LogicalType Float() { return LogicalType(TypeId::kFloat); }
  static LogicalType Double() { return LogicalType(TypeId::kDouble); }
  /// REQUIRES: 1 <= precision <= 38 and 0 <= scale <= precision (MakeDecimal checks this).
  static LogicalType Decimal(int precision, int scale);
  /// A checked DECIMAL(p, s) for user input.
  static Result<LogicalType> MakeDecimal(int precision, int scale);
  /// `max_length` < 0 means unbounded (VARCHAR / TEXT).
  static LogicalType Varchar(int max_length = -1);
  static LogicalType Date() { return LogicalType(TypeId::kDate); }
  static LogicalType Timestamp() { return LogicalType(TypeId::kTimestamp); }
  static LogicalType TimestampTz() { return LogicalType(TypeId::kTimestampTz); }
  static LogicalType Binary() { return LogicalType(TypeId::kBinary); }
  static LogicalType Time() { return LogicalType(TypeId::kTime); }
  /// REQUIRES: field names unique ignoring ASCII case (MakeStruct checks this).
  static LogicalType Struct(std::vector<StructField> fields);
  static Result<LogicalType> MakeStruct(std::vector<StructField> fields);
  static LogicalType List(LogicalType element, bool element_nullable = true);
  /// REQUIRES: `key` is not a nested type (MakeMap checks this). Keys are never NULL.
  static LogicalType Map(LogicalType key, LogicalType value, bool value_nullable = true);
  static Result<LogicalType> MakeMap(LogicalType key, LogicalType value, bool value_nullable = true);

  TypeId id() const { return id_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  /// Maximum length in characters of a VARCHAR(n), or -1.
  int max_length() const { return max_length_; }

  /// STRUCT: its fields. REQUIRES: id() == kStruct.
  const std::vector<StructField>& struct_fields() const;
  /// LIST: the element type and whether elements may be NULL. REQUIRES: id() == kList.
  const LogicalType& list_element() const;
  bool list_element_nullable() const;
  /// MAP: key and value types. REQUIRES: id() == kMap.
  const LogicalType& map_key() const;
  const LogicalType& map_value() const;
  bool map_value_nullable() const;
  /// The STRUCT<key NOT NULL, value> a MAP's entries are stored as. REQUIRES: id() == kMap.
  const LogicalType& map_entry() const;

  PhysicalType physical_type() const;
  /// Bytes per value for fixed-width types; 0 for kBit and kString.
  int fixed_width() const;

  bool is_integer() const;
  bool is_numeric() const;  // integers, floats and decimals
  bool is_string() const { return id_ == TypeId::kVarchar; }
  bool is_temporal() const;
  bool is_nested() const {
    return id_ == TypeId::kStruct || id_ == TypeId::kList || id_ == TypeId::kMap;
  }

  /// SQL spelling: "INTEGER", "DECIMAL(10,2)", "VARCHAR(20)", "TIMESTAMPTZ", and the Databricks
  /// spelling of nested types: "STRUCT<a: INTEGER NOT NULL, b: VARCHAR>", "ARRAY<BIGINT>",
  /// "MAP<VARCHAR, DOUBLE>".
  std::string ToString() const;

  /// Deep equality: nested types compare their children (names exactly, types, nullability).
  bool operator==(const LogicalType& other) const;

 private:
  struct Nested;
  explicit LogicalType(TypeId id) : id_(id) {}

  TypeId id_ = TypeId::kVarchar;
  int precision_ = 0;
  int scale_ = 0;
  int max_length_ = -1;
  // Children of STRUCT, LIST and MAP; shared because types are copied freely and never mutated.
  std::shared_ptr<const Nested> nested_;
};

struct StructField {
  std::string name;
  LogicalType type;
  bool nullable = true;

  bool operator==(const StructField& other) const = default;
};

/// Parses a SQL type name with its parameters already split off: ("DECIMAL", {10, 2}).
/// Accepts the usual synonyms (INT, INT4, INT8, LONG, STRING, TEXT, REAL, FLOAT8, NUMERIC, ...).
Result<LogicalType> LogicalTypeFromName(const std::string& name, const std::vector<int>& params);

}  // namespace inlet
