#include "formats/parquet/value_converter.h"

#include <cmath>
#include <cstring>

namespace inlet::parquet {

namespace {

// Days from the Julian day epoch to 1970-01-01, for INT96 timestamps.
constexpr int64_t kJulianDayOfEpoch = 2440588;
constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000 * 1000;

template <typename T>
T LoadLittleEndian(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

int128_t FloorDiv(int128_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string Int128ToString(int128_t v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(v) : v;
  std::string digits;
  while (magnitude > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  return negative ? "-" + digits : digits;
}

std::string HexBytes(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

}  // namespace

float HalfToFloat(uint16_t half) {
  uint32_t sign = static_cast<uint32_t>(half >> 15) << 31;
  uint32_t exponent = (half >> 10) & 0x1F;
  uint32_t mantissa = half & 0x3FF;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in single precision.
    float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);  // infinity, or NaN keeping its payload
  } else {
    bits = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
  }
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

std::string FormatUuid(const uint8_t* bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

ValueConverter::ValueConverter(const ColumnDescriptor& desc, const std::string& where)
    : desc_(desc), where_(where) {
  switch (desc.physical) {
    case Type::kInt32:
    case Type::kFloat:
      physical_width_ = 4;
      break;
    case Type::kInt64:
    case Type::kDouble:
      physical_width_ = 8;
      break;
    case Type::kInt96:
      physical_width_ = 12;
      break;
    case Type::kFixedLenByteArray:
      physical_width_ = desc.type_length;
      break;
    default:
      physical_width_ = 0;
      break;
  }
  switch (desc.type.id()) {
    case TypeId::kTinyInt:
      integer_target_ = IntegerTarget::kInt8;
      break;
    case TypeId::kSmallInt:
      integer_target_ = IntegerTarget::kInt16;
      break;
    case TypeId::kInteger:
    case TypeId::kDate:
      integer_target_ = IntegerTarget::kInt32;
      break;
    case TypeId::kDecimal:
      integer_target_ = IntegerTarget::kDecimal;
      decimal_limit_ = 1;
      for (int i = 0; i < desc.type.precision(); ++i) decimal_limit_ *= 10;
      decimal_limit_ -= 1;
      break;
    case TypeId::kTime:
      integer_target_ = IntegerTarget::kTime;
      break;
    case TypeId::kDouble:
      integer_target_ = IntegerTarget::kDouble;
      decimal_divisor_ = std::pow(10.0, desc.decimal_scale);
      break;
    default:  // BIGINT, TIMESTAMP, TIMESTAMPTZ
      integer_target_ = IntegerTarget::kInt64;
      break;
  }
  keeps_bytes_ = (desc.type.id() == TypeId::kVarchar || desc.type.id() == TypeId::kBinary) &&
                 desc.conversion == ValueConversion::kNone;
}

Status ValueConverter::OutOfRange(const std::string& value) const {
  return Status::InvalidData(where_ + ": value " + value + " does not fit " +
                             desc_.type.ToString());
}

Status ValueConverter::AppendInteger(int128_t v, Column* out) const {
  if (desc_.conversion == ValueConversion::kMillisToMicros) {
    v *= 1000;
  } else if (desc_.conversion == ValueConversion::kNanosToMicros) {
    v = FloorDiv(v, 1000);
  }
  switch (integer_target_) {
    case IntegerTarget::kInt8:
      if (v < INT8_MIN || v > INT8_MAX) return OutOfRange(Int128ToString(v));
      out->AppendFixed(static_cast<int8_t>(v));
      return Status::OK();
    case IntegerTarget::kInt16:
      if (v < INT16_MIN || v > INT16_MAX) return OutOfRange(Int128ToString(v));
      out->AppendFixed(static_cast<int16_t>(v));
      return Status::OK();
    case IntegerTarget::kInt32:
      if (v < INT32_MIN || v > INT32_MAX) return OutOfRange(Int128ToString(v));
      out->AppendFixed(static_cast<int32_t>(v));
      return Status::OK();
    case IntegerTarget::kInt64:
      if (v < INT64_MIN || v > INT64_MAX) return OutOfRange(Int128ToString(v));
      out->AppendFixed(static_cast<int64_t>(v));
      return Status::OK();
    case IntegerTarget::kTime:
      if (desc_.time_adjusted_to_utc && (v < 0 || v > kMicrosPerDay)) {
        v = v - FloorDiv(v, kMicrosPerDay) * kMicrosPerDay;
      }
      // 24:00:00 is a valid end-of-day time in Parquet and SQL.
      if (v < 0 || v > kMicrosPerDay) return OutOfRange(Int128ToString(v) + " microseconds");
      out->AppendFixed(static_cast<int64_t>(v));
      return Status::OK();
    case IntegerTarget::kDecimal:
      if (v < -decimal_limit_ || v > decimal_limit_) return OutOfRange(Int128ToString(v));
      out->AppendFixed(v);
      return Status::OK();
    case IntegerTarget::kDouble:
      out->AppendFixed(static_cast<double>(v) / decimal_divisor_);
      return Status::OK();
  }
  return Status::OK();
}

Status ValueConverter::AppendFixedWidth(const uint8_t* data, int64_t count, Column* out) const {
  const bool plain = desc_.conversion == ValueConversion::kNone;
  // PERF NOTES: the common same-representation cases get their own loops, without the per-value
  // switch of AppendInteger; they are the Parquet -> Delta hot path.
  switch (desc_.physical) {
    case Type::kInt32:
      if (plain && integer_target_ == IntegerTarget::kInt32) {
        for (int64_t i = 0; i < count; ++i) out->AppendFixed(LoadLittleEndian<int32_t>(data + 4 * i));
        return Status::OK();
      }
      for (int64_t i = 0; i < count; ++i) {
        int32_t v = LoadLittleEndian<int32_t>(data + 4 * i);
        bool is_unsigned = desc_.conversion == ValueConversion::kUnsigned;
        INLET_RETURN_NOT_OK(
            AppendInteger(is_unsigned ? int128_t{static_cast<uint32_t>(v)} : int128_t{v}, out));
      }
      return Status::OK();
    case Type::kInt64:
      if (plain && integer_target_ == IntegerTarget::kInt64) {
        for (int64_t i = 0; i < count; ++i) out->AppendFixed(LoadLittleEndian<int64_t>(data + 8 * i));
        return Status::OK();
      }
      for (int64_t i = 0; i < count; ++i) {
        int64_t v = LoadLittleEndian<int64_t>(data + 8 * i);
        bool is_unsigned = desc_.conversion == ValueConversion::kUnsigned;
        INLET_RETURN_NOT_OK(
            AppendInteger(is_unsigned ? int128_t{static_cast<uint64_t>(v)} : int128_t{v}, out));
      }
      return Status::OK();
    case Type::kInt96:
      for (int64_t i = 0; i < count; ++i) {
        int64_t nanos = LoadLittleEndian<int64_t>(data + 12 * i);
        int64_t julian_day = LoadLittleEndian<int32_t>(data + 12 * i + 8);
        // Spark computes (julian_day - epoch) * day + micros in wrapping 64-bit arithmetic, so
        // timestamps near the end of the microsecond range are stored with a wrapped day; the
        // same wrapping arithmetic gives them back.
        uint64_t micros = static_cast<uint64_t>(julian_day - kJulianDayOfEpoch) *
                              static_cast<uint64_t>(kMicrosPerDay) +
                          static_cast<uint64_t>(static_cast<int64_t>(FloorDiv(nanos, 1000)));
        out->AppendFixed(static_cast<int64_t>(micros));
      }
      return Status::OK();
    case Type::kFloat:
      for (int64_t i = 0; i < count; ++i) out->AppendFixed(LoadLittleEndian<float>(data + 4 * i));
      return Status::OK();
    case Type::kDouble:
      for (int64_t i = 0; i < count; ++i) out->AppendFixed(LoadLittleEndian<double>(data + 8 * i));
      return Status::OK();
    case Type::kFixedLenByteArray: {
      size_t width = static_cast<size_t>(physical_width_);
      for (int64_t i = 0; i < count; ++i) {
        std::string_view value(reinterpret_cast<const char*>(data) + i * width, width);
        INLET_RETURN_NOT_OK(AppendBytes(value, out));
      }
      return Status::OK();
    }
    default:
      return Status::Internal(where_ + ": " + TypeName(desc_.physical) +
                              " values are not fixed-width");
  }
}

Status ValueConverter::AppendBytes(std::string_view value, Column* out) const {
  const auto* p = reinterpret_cast<const uint8_t*>(value.data());
  switch (desc_.conversion) {
    case ValueConversion::kUuid:
      if (value.size() != 16) {
        return Status::InvalidData(where_ + ": UUID of " + std::to_string(value.size()) +
                                   " bytes");
      }
      out->AppendString(FormatUuid(p));
      return Status::OK();
    case ValueConversion::kFloat16:
      if (value.size() != 2) {
        return Status::InvalidData(where_ + ": FLOAT16 of " + std::to_string(value.size()) +
                                   " bytes");
      }
      out->AppendFixed(HalfToFloat(static_cast<uint16_t>(p[0] | (p[1] << 8))));
      return Status::OK();
    default:
      break;
  }
  // Byte arrays become numbers only as DECIMAL (read as DOUBLE past 38 digits).
  if (integer_target_ == IntegerTarget::kDecimal || integer_target_ == IntegerTarget::kDouble) {
    return AppendDecimalBytes(value, out);
  }
  out->AppendString(value);
  return Status::OK();
}

Status ValueConverter::AppendDecimalBytes(std::string_view bytes, Column* out) const {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t length = bytes.size();
  bool negative = length > 0 && (p[0] & 0x80);
  if (integer_target_ == IntegerTarget::kDouble) {
    // Big-endian two's complement of any length: accumulate the magnitude (for a negative
    // number, of its one's complement, then add one) so that no bits cancel in floating point.
    double magnitude = 0;
    for (size_t b = 0; b < length; ++b) magnitude = magnitude * 256 + (negative ? 255 - p[b] : p[b]);
    double value = negative ? -(magnitude + 1) : magnitude;
    out->AppendFixed(value / decimal_divisor_);
    return Status::OK();
  }
  // Bytes beyond 16 are allowed when they only repeat the sign.
  while (length > 16 && (p[0] == (negative ? 0xFF : 0x00)) && ((p[1] & 0x80) != 0) == negative) {
    ++p;
    --length;
  }
  if (length > 16) return OutOfRange(HexBytes(bytes));
  // Some writers store zero as an empty byte array.
  int128_t v = negative ? -1 : 0;
  for (size_t b = 0; b < length; ++b) {
    v = static_cast<int128_t>((static_cast<unsigned __int128>(v) << 8) | p[b]);
  }
  if (v < -decimal_limit_ || v > decimal_limit_) return OutOfRange(Int128ToString(v));
  out->AppendFixed(v);
  return Status::OK();
}

}  // namespace inlet::parquet
