#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "formats/parquet/parquet_types.h"
#include "inlet/status.h"
#include "types/column.h"

namespace inlet::parquet {

/// Turns physical Parquet values into values of the descriptor's inlet type and appends them to
/// a column: integer widening and checked narrowing, unsigned integers, DECIMAL from any
/// physical type, time units, INT96, FLOAT16 and UUID. A value the target type cannot hold is
/// InvalidData naming the value; messages start with `where`. Stateless apart from constants
/// derived from the descriptor, so one converter serves a whole column chunk.
class ValueConverter {
 public:
  /// `desc` and `where` must outlive the converter.
  ValueConverter(const ColumnDescriptor& desc, const std::string& where);

  /// Bytes per value of the physical type in AppendFixedWidth's layout: 4, 8, 12, or the
  /// FIXED_LEN_BYTE_ARRAY length; 0 for BOOLEAN and BYTE_ARRAY, which it does not take.
  int physical_width() const { return physical_width_; }

  /// Appends `count` physical values stored back to back, little endian (the PLAIN layout of
  /// INT32, INT64, INT96, FLOAT, DOUBLE and FIXED_LEN_BYTE_ARRAY).
  /// REQUIRES: physical_width() > 0 and `data` holds count * physical_width() bytes.
  Status AppendFixedWidth(const uint8_t* data, int64_t count, Column* out) const;

  /// True when AppendBytes appends byte arrays unchanged (VARCHAR and BINARY targets), so hot
  /// loops may call Column::AppendString themselves.
  bool keeps_bytes() const { return keeps_bytes_; }

  /// Appends one BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value (the caller checked a FIXED_LEN_BYTE_ARRAY
  /// value's length).
  Status AppendBytes(std::string_view value, Column* out) const;

 private:
  // What an integer becomes, chosen once from the descriptor.
  enum class IntegerTarget : uint8_t { kInt8, kInt16, kInt32, kInt64, kDecimal, kTime, kDouble };

  Status AppendInteger(int128_t v, Column* out) const;
  Status AppendDecimalBytes(std::string_view bytes, Column* out) const;
  Status OutOfRange(const std::string& value) const;

  const ColumnDescriptor& desc_;
  const std::string& where_;
  int physical_width_ = 0;
  bool keeps_bytes_ = false;
  IntegerTarget integer_target_ = IntegerTarget::kInt64;
  // Largest magnitude a DECIMAL(p) target holds: 10^p - 1.
  int128_t decimal_limit_ = 0;
  // 10^scale for DECIMAL read as DOUBLE.
  double decimal_divisor_ = 1;
};

/// The IEEE single-precision value of a half-precision float (FLOAT16), NaN, infinities and
/// subnormals included.
float HalfToFloat(uint16_t half);

/// The canonical text of a 16-byte UUID: 8-4-4-4-12 lowercase hex digits.
std::string FormatUuid(const uint8_t* bytes);

}  // namespace inlet::parquet
