#include "types/value.h"

#include <cmath>
#include <cstdio>

#include "types/cast.h"

namespace inlet {

Value Value::Null(LogicalType type) {
  Value v;
  v.type_ = type;
  return v;
}

Value Value::Boolean(bool b) {
  Value v;
  v.type_ = LogicalType::Boolean();
  v.is_null_ = false;
  v.payload_ = b;
  return v;
}

Value Value::Int(LogicalType type, int64_t i) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.payload_ = i;
  return v;
}

Value Value::Double(double d) {
  Value v;
  v.type_ = LogicalType::Double();
  v.is_null_ = false;
  v.payload_ = d;
  return v;
}

Value Value::Float(float f) {
  Value v = Double(f);
  v.type_ = LogicalType::Float();
  return v;
}

Value Value::Decimal(int128_t unscaled, int precision, int scale) {
  Value v;
  v.type_ = LogicalType::Decimal(precision, scale);
  v.is_null_ = false;
  v.payload_ = unscaled;
  return v;
}

Value Value::Varchar(std::string s) {
  Value v;
  v.type_ = LogicalType::Varchar();
  v.is_null_ = false;
  v.payload_ = std::move(s);
  return v;
}

Value Value::Binary(std::string s) {
  Value v = Varchar(std::move(s));
  v.type_ = LogicalType::Binary();
  return v;
}

namespace {

std::string FormatDouble(double d, bool is_float) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // The shortest text that reads back as the same value, as DuckDB and Python print it.
  char buf[64];
  for (int precision = is_float ? 6 : 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, d);
    if (is_float ? static_cast<float>(std::strtod(buf, nullptr)) == static_cast<float>(d)
                 : std::strtod(buf, nullptr) == d) {
      break;
    }
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string HexBytes(const std::string& bytes) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

// A rank that groups the types that compare with each other.
int ComparisonClass(const LogicalType& t) {
  if (t.is_numeric()) return 0;
  if (t.id() == TypeId::kVarchar) return 1;
  if (t.id() == TypeId::kBinary) return 2;
  if (t.id() == TypeId::kBoolean) return 3;
  if (t.is_temporal()) return 4;
  return 5;
}

long double AsLongDouble(const Value& v) {
  switch (v.type().id()) {
    case TypeId::kFloat:
    case TypeId::kDouble: return v.GetDouble();
    case TypeId::kDecimal: {
      long double x = static_cast<long double>(v.GetDecimal());
      for (int i = 0; i < v.type().scale(); ++i) x /= 10;
      return x;
    }
    default: return static_cast<long double>(v.GetInt());
  }
}

// Timestamps compare in microseconds; a DATE is midnight of its day.
int64_t AsMicros(const Value& v) {
  if (v.type().id() == TypeId::kDate) return v.GetInt() * 86400LL * 1000000LL;
  return v.GetInt();
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kBoolean: return GetBool() ? "true" : "false";
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: return std::to_string(GetInt());
    case TypeId::kFloat: return FormatDouble(GetDouble(), true);
    case TypeId::kDouble: return FormatDouble(GetDouble(), false);
    case TypeId::kDecimal: return FormatDecimal(GetDecimal(), type_.scale());
    case TypeId::kVarchar: return GetString();
    case TypeId::kBinary: return HexBytes(GetString());
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(GetInt()));
    case TypeId::kTimestamp: return FormatTimestamp(GetInt());
    case TypeId::kTimestampTz: return FormatTimestamp(GetInt()) + "+00";
  }
  return "?";
}

bool Value::AreComparable(const LogicalType& a, const LogicalType& b) {
  return ComparisonClass(a) == ComparisonClass(b);
}

int Value::Compare(const Value& other) const {
  if (is_null_ || other.is_null_) return Cmp(is_null_, other.is_null_);
  const LogicalType& a = type_;
  const LogicalType& b = other.type_;
  if (a.is_integer() && b.is_integer()) return Cmp(GetInt(), other.GetInt());
  if (a.id() == TypeId::kDecimal && b.id() == TypeId::kDecimal && a.scale() == b.scale()) {
    return Cmp(GetDecimal(), other.GetDecimal());
  }
  if (a.is_numeric() && b.is_numeric()) return Cmp(AsLongDouble(*this), AsLongDouble(other));
  if (a.is_temporal() && b.is_temporal()) return Cmp(AsMicros(*this), AsMicros(other));
  if (a.id() == TypeId::kBoolean) return Cmp(GetBool(), other.GetBool());
  return GetString().compare(other.GetString()) < 0
             ? -1
             : (GetString() == other.GetString() ? 0 : 1);
}

bool Value::operator==(const Value& other) const {
  if (is_null_ || other.is_null_) return is_null_ == other.is_null_ && type_ == other.type_;
  return type_ == other.type_ && payload_ == other.payload_;
}

}  // namespace inlet
