#include "types/cast.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "common/string_util.h"

namespace inlet {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

bool ParseDigits(std::string_view s, size_t* pos, int min_digits, int max_digits, int64_t* out) {
  int64_t v = 0;
  int n = 0;
  while (*pos < s.size() && n < max_digits && s[*pos] >= '0' && s[*pos] <= '9') {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  *out = v;
  return n >= min_digits;
}

unsigned DaysInMonth(int64_t year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// The value of the digits s[pos, pos + n), or -1 when one is not a digit.
int64_t FixedDigits(std::string_view s, size_t pos, int n) {
  int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[pos + i]) - '0';
    if (d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// Reads "YYYY-MM-DD" at *pos exactly as the general path of ParseDatePart would (4 year digits
// stop at the '-', then 2 + 2), so it may answer for it; false when the text has another shape.
bool ParseIsoDateDigits(std::string_view s, size_t* pos, int64_t* year, int64_t* month,
                        int64_t* day) {
  const size_t p = *pos;
  if (s.size() - p < 10 || s[p + 4] != '-' || s[p + 7] != '-') return false;
  *year = FixedDigits(s, p, 4);
  *month = FixedDigits(s, p + 5, 2);
  *day = FixedDigits(s, p + 8, 2);
  if (*year < 0 || *month < 0 || *day < 0) return false;
  *pos = p + 10;
  return true;
}

bool ParseDatePart(std::string_view s, size_t* pos, int32_t* days) {
  int64_t year, month, day;
  // PERF NOTES: the common ISO form skips the variable-width digit reads below.
  if (ParseIsoDateDigits(s, pos, &year, &month, &day)) {
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
    *days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return true;
  }
  if (!ParseDigits(s, pos, 4, 6, &year)) return false;
  if (*pos >= s.size() || (s[*pos] != '-' && s[*pos] != '/')) return false;
  char sep = s[(*pos)++];
  if (!ParseDigits(s, pos, 1, 2, &month)) return false;
  if (*pos >= s.size() || s[(*pos)++] != sep) return false;
  if (!ParseDigits(s, pos, 1, 2, &day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
  *days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return true;
}

// Reads "H[H]:MM[:SS[.ffffff]]" at *pos as microseconds since midnight.
bool ParseTimeOfDay(std::string_view s, size_t* pos, int64_t* micros) {
  int64_t hour, minute, second = 0;
  if (!ParseDigits(s, pos, 1, 2, &hour)) return false;
  if (*pos >= s.size() || s[(*pos)++] != ':') return false;
  if (!ParseDigits(s, pos, 2, 2, &minute)) return false;
  int64_t fraction = 0;
  if (*pos < s.size() && s[*pos] == ':') {
    ++*pos;
    if (!ParseDigits(s, pos, 2, 2, &second)) return false;
    if (*pos < s.size() && s[*pos] == '.') {
      ++*pos;
      int digits = 0;
      while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') {
        // Digits past microseconds are dropped (truncated), as DuckDB and Spark do.
        if (digits < 6) fraction = fraction * 10 + (s[*pos] - '0');
        ++digits;
        ++*pos;
      }
      if (digits == 0) return false;
      for (int d = digits; d < 6; ++d) fraction *= 10;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) {
    // 24:00:00 is the end of the day in ISO 8601.
    if (!(hour == 24 && minute == 0 && second == 0 && fraction == 0)) return false;
  }
  *micros = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return true;
}

// ".ffffff" without its trailing zeros, or nothing for a whole second.
std::string FormatFraction(int64_t fraction_micros) {
  if (fraction_micros == 0) return "";
  char digits[8];
  std::snprintf(digits, sizeof(digits), "%06lld", static_cast<long long>(fraction_micros));
  std::string f = digits;
  while (f.back() == '0') f.pop_back();
  return "." + f;
}


}  // namespace

int32_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil, public-domain algorithm description.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + static_cast<int64_t>(doe) - 719468);
}

void CivilFromDays(int32_t days, int64_t* year, unsigned* month, unsigned* day) {
  int64_t z = static_cast<int64_t>(days) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int64_t>(yoe) + era * 400 + (*month <= 2);
}

namespace {

// PERF NOTES: a DATE column of a CSV file is mostly "YYYY-MM-DD" (year 1 on): its ten bytes are
// read at fixed places and the day counted from 0001-01-01 with divisions by constants, in
// three quarters of the instructions of the general path (ParseIsoDateDigits, DaysInMonth,
// DaysFromCivil). Other text, and a date this rejects, is left to the general path, which gives
// the same day for every date this accepts.
bool ParseIsoDate(std::string_view text, int32_t* days) {
  static constexpr uint16_t kDaysBeforeMonth[12] = {0,   31,  59,  90,  120, 151,
                                                    181, 212, 243, 273, 304, 334};
  static constexpr uint8_t kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  // 0001-01-01 is day -719162 of the Unix epoch.
  constexpr int32_t kDaysBeforeEpoch = 719162;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const auto digit = [&](size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0';
  };
  const unsigned d0 = digit(0), d1 = digit(1), d2 = digit(2), d3 = digit(3), d5 = digit(5),
                 d6 = digit(6), d8 = digit(8), d9 = digit(9);
  if (d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || d5 > 9 || d6 > 9 || d8 > 9 || d9 > 9) return false;
  const unsigned year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const unsigned month = d5 * 10 + d6;
  const unsigned day = d8 * 10 + d9;
  if (year == 0 || month - 1 > 11 || day == 0) return false;
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  if (day > kDaysInMonth[month - 1] + (month == 2 && leap)) return false;
  const unsigned y = year - 1;
  *days = static_cast<int32_t>(y * 365 + y / 4 - y / 100 + y / 400 + kDaysBeforeMonth[month - 1] +
                               (month > 2 && leap) + day - 1) -
          kDaysBeforeEpoch;
  return true;
}

}  // namespace

bool ParseDate(std::string_view text, int32_t* days) {
  if (ParseIsoDate(text, days)) return true;
  size_t pos = 0;
  return ParseDatePart(text, &pos, days) && pos == text.size();
}

bool ParseTimestamp(std::string_view s, int64_t* micros, bool* had_zone) {
  size_t pos = 0;
  int32_t days;
  *had_zone = false;
  if (!ParseDatePart(s, &pos, &days)) return false;
  int64_t time = 0;
  if (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T')) {
    ++pos;
    if (!ParseTimeOfDay(s, &pos, &time)) return false;
  }
  if (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos < s.size()) {
    int64_t offset_minutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (EqualsIgnoreCase(s.substr(pos), "UTC")) {
      pos = s.size();
    } else if (s[pos] == '+' || s[pos] == '-') {
      int sign = s[pos++] == '-' ? -1 : 1;
      int64_t hh, mm = 0;
      if (!ParseDigits(s, &pos, 2, 2, &hh)) return false;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !ParseDigits(s, &pos, 2, 2, &mm)) return false;
      if (hh > 18 || mm > 59) return false;
      offset_minutes = sign * (hh * 60 + mm);
    } else {
      return false;
    }
    if (pos != s.size()) return false;
    *had_zone = true;
    time -= offset_minutes * 60 * kMicrosPerSecond;
  }
  // Six-digit years reach past what microseconds in 64 bits can hold (about 292,000 years).
  int64_t day_micros = 0;
  return !__builtin_mul_overflow(static_cast<int64_t>(days), kMicrosPerDay, &day_micros) &&
         !__builtin_add_overflow(day_micros, time, micros);
}

std::string FormatDate(int32_t days) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  if (y >= 0 && y <= 9999) {
    std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  } else {
    std::snprintf(buf, sizeof(buf), "%lld-%02u-%02u", static_cast<long long>(y), m, d);
  }
  return buf;
}

std::string FormatTimestamp(int64_t micros) {
  int64_t days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  int64_t seconds = rest / kMicrosPerSecond;
  int64_t fraction = rest % kMicrosPerSecond;
  char buf[48];
  int n = std::snprintf(buf, sizeof(buf), "%s %02lld:%02lld:%02lld",
                        FormatDate(static_cast<int32_t>(days)).c_str(),
                        static_cast<long long>(seconds / 3600),
                        static_cast<long long>(seconds / 60 % 60),
                        static_cast<long long>(seconds % 60));
  return std::string(buf, n) + FormatFraction(fraction);
}

bool ParseTime(std::string_view text, int64_t* micros) {
  size_t pos = 0;
  return ParseTimeOfDay(text, &pos, micros) && pos == text.size();
}

std::string FormatTime(int64_t micros) {
  int64_t seconds = micros / kMicrosPerSecond;
  char buf[32];
  int n = std::snprintf(buf, sizeof(buf), "%02lld:%02lld:%02lld",
                        static_cast<long long>(seconds / 3600),
                        static_cast<long long>(seconds / 60 % 60),
                        static_cast<long long>(seconds % 60));
  return std::string(buf, n) + FormatFraction(micros % kMicrosPerSecond);
}

std::string FormatDecimal(int128_t unscaled, int scale) {
  bool negative = unscaled < 0;
  // Work with the magnitude as unsigned so the most negative value does not overflow.
  unsigned __int128 magnitude =
      negative ? static_cast<unsigned __int128>(-(unscaled + 1)) + 1
               : static_cast<unsigned __int128>(unscaled);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::string out = negative ? "-" : "";
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (scale > 0 && static_cast<int>(i) == scale) out.push_back('.');
  }
  return out;
}


Result<Value> CastTextToValue(std::string_view text, const LogicalType& type) {
  if (type.is_nested()) {
    return Status::NotImplemented("cannot cast text to " + type.ToString() +
                                  " yet: text is not parsed into nested values");
  }
  Column column(type);
  std::string error;
  if (!AppendTextAsType(text, type, &column, &error)) {
    return Status::CastError("cannot cast " + QuoteSqlString(text) + " to " + type.ToString() +
                             ": " + error);
  }
  Value v = column.GetValue(0);
  return v;
}

namespace {

Result<Value> NumericToNumeric(const Value& value, const LogicalType& target) {
  const LogicalType& source = value.type();
  auto out_of_range = [&] {
    return Status::CastError("value " + value.ToString() + " is out of range for " +
                             target.ToString());
  };
  if (target.is_integer()) {
    int64_t v;
    if (source.is_integer()) {
      v = value.GetInt();
    } else if (source.id() == TypeId::kDecimal) {
      int128_t scaled = value.GetDecimal();
      int128_t divisor = Pow10(source.scale());
      int128_t q = scaled / divisor, r = scaled % divisor;
      if (r * 2 >= divisor) ++q;
      if (r * 2 <= -divisor) --q;
      if (q > INT64_MAX || q < INT64_MIN) return out_of_range();
      v = static_cast<int64_t>(q);
    } else {
      double d = std::nearbyint(value.GetDouble());
      if (!std::isfinite(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18) {
        return out_of_range();
      }
      v = static_cast<int64_t>(d);
    }
    int bits = target.fixed_width() * 8;
    if (bits < 64) {
      int64_t max = (int64_t{1} << (bits - 1)) - 1;
      if (v > max || v < -max - 1) return out_of_range();
    }
    return Value::Int(target, v);
  }
  if (target.id() == TypeId::kFloat || target.id() == TypeId::kDouble) {
    double d;
    if (source.is_integer()) {
      d = static_cast<double>(value.GetInt());
    } else if (source.id() == TypeId::kDecimal) {
      d = static_cast<double>(value.GetDecimal()) / std::pow(10.0, source.scale());
    } else {
      d = value.GetDouble();
    }
    return target.id() == TypeId::kFloat ? Value::Float(static_cast<float>(d)) : Value::Double(d);
  }
  // To DECIMAL: go through text, which applies the same rounding and range rules as loads.
  std::string text = source.id() == TypeId::kDouble || source.id() == TypeId::kFloat
                         ? [&] {
                             char buf[64];
                             std::snprintf(buf, sizeof(buf), "%.17g", value.GetDouble());
                             return std::string(buf);
                           }()
                         : value.ToString();
  auto result = CastTextToValue(text, target);
  if (!result.ok()) return out_of_range();
  return result;
}

Status NestedCastError(const LogicalType& source, const LogicalType& target,
                       const std::string& reason) {
  return Status::CastError("cannot cast " + source.ToString() + " to " + target.ToString() + ": " +
                           reason);
}

// Casts a nested child value, refusing a NULL where the target does not allow one.
Result<Value> CastChild(const Value& child, const LogicalType& target, bool nullable,
                        const std::string& what) {
  if (child.is_null() && !nullable) {
    return Status::CastError("NULL " + what + " where " + target.ToString() + " is NOT NULL");
  }
  return CastValue(child, target);
}

// STRUCT to STRUCT matches fields by name (exactly, else ignoring case), so reordered fields
// keep their values; every target field must have a source field and no source field may be
// left over, because dropping data silently is worse than an error.
Result<Value> StructToStruct(const Value& value, const LogicalType& target) {
  const std::vector<StructField>& from = value.type().struct_fields();
  const std::vector<StructField>& to = target.struct_fields();
  if (from.size() != to.size()) {
    return NestedCastError(value.type(), target, "the field counts differ");
  }
  std::vector<Value> fields;
  fields.reserve(to.size());
  for (const StructField& field : to) {
    int match = -1;
    for (size_t i = 0; i < from.size() && match < 0; ++i) {
      if (from[i].name == field.name) match = static_cast<int>(i);
    }
    for (size_t i = 0; i < from.size() && match < 0; ++i) {
      if (EqualsIgnoreCase(from[i].name, field.name)) match = static_cast<int>(i);
    }
    if (match < 0) {
      return NestedCastError(value.type(), target, "no field named \"" + field.name + "\"");
    }
    INLET_ASSIGN_OR_RETURN(Value cast, CastChild(value.GetChildren()[match], field.type,
                                                 field.nullable, "field \"" + field.name + "\""));
    fields.push_back(std::move(cast));
  }
  return Value::Struct(target, std::move(fields));
}

Result<Value> ListToList(const Value& value, const LogicalType& target) {
  std::vector<Value> elements;
  elements.reserve(value.GetChildren().size());
  for (const Value& element : value.GetChildren()) {
    INLET_ASSIGN_OR_RETURN(Value cast, CastChild(element, target.list_element(),
                                                 target.list_element_nullable(), "element"));
    elements.push_back(std::move(cast));
  }
  return Value::List(target, std::move(elements));
}

Result<Value> MapToMap(const Value& value, const LogicalType& target) {
  std::vector<Value> entries;
  entries.reserve(value.GetChildren().size());
  for (const Value& entry : value.GetChildren()) {
    const std::vector<Value>& key_value = entry.GetChildren();
    INLET_ASSIGN_OR_RETURN(Value key, CastChild(key_value[0], target.map_key(), false, "key"));
    INLET_ASSIGN_OR_RETURN(Value mapped, CastChild(key_value[1], target.map_value(),
                                                   target.map_value_nullable(), "value"));
    entries.push_back(Value::Struct(target.map_entry(), {std::move(key), std::move(mapped)}));
  }
  return Value::Map(target, std::move(entries));
}

}  // namespace

Result<Value> CastValue(const Value& value, const LogicalType& target) {
  if (value.type() == target) return value;
  if (value.is_null()) return Value::Null(target);
  const LogicalType& source = value.type();
  if (source.is_numeric() && target.is_numeric()) return NumericToNumeric(value, target);
  if (source.id() == TypeId::kVarchar || source.id() == TypeId::kBinary) {
    if (target.id() == TypeId::kBinary) return Value::Binary(value.GetString());
    return CastTextToValue(value.GetString(), target);
  }
  if (target.id() == TypeId::kVarchar) return CastTextToValue(value.ToString(), target);
  if (source.id() == target.id() && source.is_nested()) {
    switch (source.id()) {
      case TypeId::kStruct: return StructToStruct(value, target);
      case TypeId::kList: return ListToList(value, target);
      default: return MapToMap(value, target);
    }
  }
  if (source.id() == TypeId::kTime || target.id() == TypeId::kTime) {
    // Only a timestamp carries a time of day; a TIME has no date to become one.
    if (target.id() == TypeId::kTime &&
        (source.id() == TypeId::kTimestamp || source.id() == TypeId::kTimestampTz)) {
      int64_t time = value.GetInt() % kMicrosPerDay;
      return Value::Time(time < 0 ? time + kMicrosPerDay : time);
    }
  } else if (source.is_temporal() && target.is_temporal()) {
    int64_t micros = value.GetInt();
    if (source.id() == TypeId::kDate &&
        __builtin_mul_overflow(value.GetInt(), kMicrosPerDay, &micros)) {
      return Status::CastError("cannot cast DATE " + value.ToString() + " to " +
                               target.ToString() + ": out of the range of " + target.ToString());
    }
    if (target.id() == TypeId::kDate) {
      int64_t days = micros / kMicrosPerDay - (micros % kMicrosPerDay < 0 ? 1 : 0);
      return Value::Date(static_cast<int32_t>(days));
    }
    return Value::Int(target, micros);
  }
  if (source.id() == TypeId::kBoolean && target.is_integer()) {
    return Value::Int(target, value.GetBool() ? 1 : 0);
  }
  return Status::CastError("cannot cast " + source.ToString() + " value " + value.ToString() +
                           " to " + target.ToString());
}

}  // namespace inlet
