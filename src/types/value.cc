#include "types/value.h"

#include <cstdint>

#include <cmath>
#include <cstdio>

#include "common/macros.h"
#include "common/string_util.h"
#include "types/cast.h"

namespace inlet {

int128_t Pow10(int n) {
  int128_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

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

Value Value::Struct(LogicalType type, std::vector<Value> fields) {
  INLET_DCHECK(type.id() == TypeId::kStruct && fields.size() == type.struct_fields().size());
  Value v;
  v.type_ = std::move(type);
  v.is_null_ = false;
  v.payload_ = std::make_shared<const std::vector<Value>>(std::move(fields));
  return v;
}

Value Value::List(LogicalType type, std::vector<Value> elements) {
  INLET_DCHECK(type.id() == TypeId::kList);
  Value v;
  v.type_ = std::move(type);
  v.is_null_ = false;
  v.payload_ = std::make_shared<const std::vector<Value>>(std::move(elements));
  return v;
}

Value Value::Map(LogicalType type, std::vector<Value> entries) {
  INLET_DCHECK(type.id() == TypeId::kMap);
  Value v;
  v.type_ = std::move(type);
  v.is_null_ = false;
  v.payload_ = std::make_shared<const std::vector<Value>>(std::move(entries));
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

// Whether a scalar's text must be quoted inside a nested value for the nesting to stay readable
// (and parseable): DuckDB's rule, which quotes text that is empty, has surrounding whitespace,
// reads as NULL, or holds a character that delimits nested values.
bool NeedsQuotesInNested(std::string_view text) {
  if (text.empty() || EqualsIgnoreCase(text, "null")) return true;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  if (is_space(text.front()) || is_space(text.back())) return true;
  return text.find_first_of("[]{}(),=:'\"") != std::string_view::npos;
}

// `text` in single quotes with quotes and backslashes escaped by a backslash, as DuckDB prints
// quoted text inside nested values.
std::string QuoteInNested(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

// A value as it appears inside a STRUCT, LIST or MAP.
std::string NestedElementToString(const Value& v) {
  if (v.is_null() || v.type().is_nested()) return v.ToString();
  std::string text = v.ToString();
  return NeedsQuotesInNested(text) ? QuoteInNested(text) : text;
}

// A rank that groups the types that compare with each other; -1 for types that compare with
// nothing (nested values: the SELECT engine reports an error rather than inventing an order).
int ComparisonClass(const LogicalType& t) {
  if (t.is_nested()) return -1;
  if (t.is_numeric()) return 0;
  if (t.id() == TypeId::kVarchar) return 1;
  if (t.id() == TypeId::kBinary) return 2;
  if (t.id() == TypeId::kBoolean) return 3;
  // A time of day has no date, so it compares only with other times.
  if (t.id() == TypeId::kTime) return 5;
  if (t.is_temporal()) return 4;
  return 6;
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
  if (v.type().id() != TypeId::kDate) return v.GetInt();
  // A DATE past what a TIMESTAMP holds still compares after (or before) every TIMESTAMP.
  int64_t micros = 0;
  if (__builtin_mul_overflow(v.GetInt(), int64_t{86400} * 1000000, &micros)) {
    return v.GetInt() < 0 ? INT64_MIN : INT64_MAX;
  }
  return micros;
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
    case TypeId::kTime: return FormatTime(GetInt());
    case TypeId::kStruct: {
      const std::vector<StructField>& fields = type_.struct_fields();
      const std::vector<Value>& values = GetChildren();
      std::string out = "{";
      for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteInNested(fields[i].name) + ": " + NestedElementToString(values[i]);
      }
      return out + "}";
    }
    case TypeId::kList: {
      std::string out = "[";
      const std::vector<Value>& elements = GetChildren();
      for (size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out += ", ";
        out += NestedElementToString(elements[i]);
      }
      return out + "]";
    }
    case TypeId::kMap: {
      std::string out = "{";
      const std::vector<Value>& entries = GetChildren();
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) out += ", ";
        const std::vector<Value>& key_value = entries[i].GetChildren();
        out += NestedElementToString(key_value[0]) + "=" + NestedElementToString(key_value[1]);
      }
      return out + "}";
    }
  }
  return "?";
}

bool Value::AreComparable(const LogicalType& a, const LogicalType& b) {
  int rank = ComparisonClass(a);
  return rank >= 0 && rank == ComparisonClass(b);
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
  if (!(type_ == other.type_)) return false;
  if (type_.is_nested()) return GetChildren() == other.GetChildren();
  return payload_ == other.payload_;
}

}  // namespace inlet
