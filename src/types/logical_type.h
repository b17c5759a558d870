#pragma once

#include <cstdint>
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
};

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

  TypeId id() const { return id_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  /// Maximum length in characters of a VARCHAR(n), or -1.
  int max_length() const { return max_length_; }

  PhysicalType physical_type() const;
  /// Bytes per value for fixed-width types; 0 for kBit and kString.
  int fixed_width() const;

  bool is_integer() const;
  bool is_numeric() const;  // integers, floats and decimals
  bool is_string() const { return id_ == TypeId::kVarchar; }
  bool is_temporal() const;

  /// SQL spelling: "INTEGER", "DECIMAL(10,2)", "VARCHAR(20)", "TIMESTAMPTZ".
  std::string ToString() const;

  bool operator==(const LogicalType& other) const = default;

 private:
  explicit LogicalType(TypeId id) : id_(id) {}

  TypeId id_ = TypeId::kVarchar;
  int precision_ = 0;
  int scale_ = 0;
  int max_length_ = -1;
};

/// Parses a SQL type name with its parameters already split off: ("DECIMAL", {10, 2}).
/// Accepts the usual synonyms (INT, INT4, INT8, LONG, STRING, TEXT, REAL, FLOAT8, NUMERIC, ...).
Result<LogicalType> LogicalTypeFromName(const std::string& name, const std::vector<int>& params);

}  // namespace inlet
