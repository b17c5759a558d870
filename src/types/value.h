#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "types/logical_type.h"

namespace inlet {

using int128_t = __int128;

/// 10 to the power `n` (0 <= n <= 38): the scale factor of DECIMAL values.
int128_t Pow10(int n);

/// One typed scalar, possibly NULL: SQL literals, DEFAULT values, query results.
/// The payload by type: BOOLEAN bool; TINYINT..BIGINT, DATE (days), TIMESTAMP[TZ] (micros) int64_t;
/// FLOAT, DOUBLE double; DECIMAL int128_t (unscaled); VARCHAR, BINARY std::string; TIME int64_t
/// (micros since midnight); STRUCT the field values in order, LIST the elements, MAP the entries
/// as STRUCT<key, value> values (a std::vector<Value>).
class Value {
 public:
  /// A NULL of type VARCHAR; use Null(type) for a typed NULL.
  Value() = default;

  static Value Null(LogicalType type);
  static Value Boolean(bool v);
  /// REQUIRES: `type` is an integer type, DATE, TIMESTAMP, TIMESTAMPTZ or TIME.
  static Value Int(LogicalType type, int64_t v);
  static Value BigInt(int64_t v) { return Int(LogicalType::BigInt(), v); }
  static Value Double(double v);
  static Value Float(float v);
  static Value Decimal(int128_t unscaled, int precision, int scale);
  static Value Varchar(std::string v);
  static Value Binary(std::string v);
  static Value Date(int32_t days) { return Int(LogicalType::Date(), days); }
  static Value Timestamp(int64_t micros) { return Int(LogicalType::Timestamp(), micros); }
  static Value TimestampTz(int64_t micros) { return Int(LogicalType::TimestampTz(), micros); }
  static Value Time(int64_t micros) { return Int(LogicalType::Time(), micros); }
  /// REQUIRES: one value per field of `type` (a STRUCT), each of the field's type or NULL.
  static Value Struct(LogicalType type, std::vector<Value> fields);
  /// REQUIRES: `type` is a LIST and each element is of its element type or NULL.
  static Value List(LogicalType type, std::vector<Value> elements);
  /// REQUIRES: `type` is a MAP; each entry is a STRUCT value of type().map_entry().
  static Value Map(LogicalType type, std::vector<Value> entries);

  const LogicalType& type() const { return type_; }
  bool is_null() const { return is_null_; }

  bool GetBool() const { return std::get<bool>(payload_); }
  int64_t GetInt() const { return std::get<int64_t>(payload_); }
  double GetDouble() const { return std::get<double>(payload_); }
  int128_t GetDecimal() const { return std::get<int128_t>(payload_); }
  const std::string& GetString() const { return std::get<std::string>(payload_); }
  /// STRUCT fields, LIST elements or MAP entries.
  const std::vector<Value>& GetChildren() const { return *std::get<Children>(payload_); }

  /// The value as text, as the shell prints it ("NULL" for NULL, ISO dates, decimals with their
  /// scale, timestamps as "2024-01-02 03:04:05.123456", TIMESTAMPTZ with "+00", TIME as
  /// "12:34:56.5"; nested values as DuckDB prints them: {'a': 1, 'b': x}, [1, 2, NULL],
  /// {k=v, k2=v2}).
  std::string ToString() const;

  /// SQL three-valued comparison is done by the caller; this orders non-NULL values of
  /// comparable types (numbers with numbers, text with text, ...): <0, 0, >0.
  /// NULLs sort last. REQUIRES: comparable types (see AreComparable).
  int Compare(const Value& other) const;
  static bool AreComparable(const LogicalType& a, const LogicalType& b);

  bool operator==(const Value& other) const;

 private:
  LogicalType type_ = LogicalType::Varchar();
  bool is_null_ = true;
  using Children = std::shared_ptr<const std::vector<Value>>;
  std::variant<std::monostate, bool, int64_t, double, int128_t, std::string, Children> payload_;
};

}  // namespace inlet
