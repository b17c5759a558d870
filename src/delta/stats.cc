#include "delta/stats.h"

#include <cmath>
#include <cstdio>

#include "delta/json_writer.h"
#include "types/cast.h"

namespace inlet {

namespace {

constexpr int64_t kMicrosPerMilli = 1000;
constexpr int64_t kMillisPerDay = 86400000;
constexpr uint32_t kAsciiMax = 0x7F;
constexpr uint32_t kUtf8Max = 0x10FFFF;

// One character of a UTF-8 string, with the UTF-16 code units Java counts for it.
struct Char {
  uint32_t code_point;
  size_t end;  // byte offset just past it
  int units;
};

std::vector<Char> SplitChars(std::string_view s) {
  std::vector<Char> chars;
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t cp = 0xFFFD;  // invalid bytes count as one character each
    NextUtf8CodePoint(s, &pos, &cp);
    chars.push_back({cp, pos, cp >= 0x10000 ? 2 : 1});
  }
  return chars;
}

int TotalUnits(const std::vector<Char>& chars) {
  int units = 0;
  for (const Char& c : chars) units += c.units;
  return units;
}

// How many leading characters Delta's min truncation keeps: `prefix_length` code units, plus
// the rest of a surrogate pair it would otherwise split.
size_t MinPrefixChars(const std::vector<Char>& chars, int prefix_length) {
  size_t n = 0;
  int units = 0;
  while (n < chars.size() && units < prefix_length) units += chars[n++].units;
  return n;
}

std::string FormatStatsTimestamp(int64_t micros, bool round_up, bool utc_suffix) {
  int64_t millis = micros / kMicrosPerMilli;
  int64_t rest = micros % kMicrosPerMilli;
  if (rest < 0) --millis;  // floor, also before 1970
  if (round_up && rest != 0) ++millis;
  int64_t days = millis / kMillisPerDay;
  int64_t in_day = millis % kMillisPerDay;
  if (in_day < 0) {
    in_day += kMillisPerDay;
    --days;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02d.%03d%s", static_cast<int>(in_day / 3600000),
                static_cast<int>(in_day / 60000 % 60), static_cast<int>(in_day / 1000 % 60),
                static_cast<int>(in_day % 1000), utc_suffix ? "Z" : "");
  return FormatDate(static_cast<int32_t>(days)) + buf;
}

bool HasMinMax(TypeId id) { return id != TypeId::kBoolean && id != TypeId::kBinary; }

// Writes `value` as a bound of its column; false (and nothing written) when the bound cannot
// be expressed, so the caller leaves it out.
bool WriteBound(JsonWriter* w, const std::string& name, const Value& value, bool is_max) {
  switch (value.type().id()) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      w->Key(name);
      w->Int(value.GetInt());
      return true;
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (!std::isfinite(value.GetDouble())) return false;
      w->Key(name);
      if (value.type().id() == TypeId::kFloat) {
        w->Float(static_cast<float>(value.GetDouble()));
      } else {
        w->Double(value.GetDouble());
      }
      return true;
    case TypeId::kDecimal:
      w->Key(name);
      w->Raw(FormatDecimal(value.GetDecimal(), value.type().scale()));
      return true;
    case TypeId::kVarchar: {
      if (!is_max) {
        w->Key(name);
        w->String(TruncateMinString(value.GetString(), kStatsStringPrefixLength));
        return true;
      }
      std::optional<std::string> bound =
          TruncateMaxString(value.GetString(), kStatsStringPrefixLength);
      if (!bound) return false;
      w->Key(name);
      w->String(*bound);
      return true;
    }
    case TypeId::kDate:
      w->Key(name);
      w->String(FormatDate(static_cast<int32_t>(value.GetInt())));
      return true;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      w->Key(name);
      w->String(
          FormatStatsTimestamp(value.GetInt(), is_max, value.type().id() == TypeId::kTimestampTz));
      return true;
    case TypeId::kBoolean:
    case TypeId::kBinary:
    case TypeId::kTime:
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      return false;
  }
  return false;
}

bool IsNan(const std::optional<Value>& v) {
  return v && !v->is_null() &&
         (v->type().id() == TypeId::kFloat || v->type().id() == TypeId::kDouble) &&
         std::isnan(v->GetDouble());
}

// Writes an object with the bounds of `columns`, STRUCT fields as nested objects.
void WriteBoundsObject(JsonWriter* w, const std::vector<ColumnStats>& columns, bool is_max) {
  w->BeginObject();
  for (const ColumnStats& column : columns) {
    if (!column.fields.empty()) {
      // A struct none of whose fields has a bound is left out rather than written as {}.
      JsonWriter fields;
      WriteBoundsObject(&fields, column.fields, is_max);
      if (fields.str() != "{}") {
        w->Key(column.name);
        w->Raw(fields.str());
      }
      continue;
    }
    // A NaN bound means NaNs were seen even if the caller did not say so.
    if (column.has_nan || IsNan(column.min) || IsNan(column.max)) continue;
    const std::optional<Value>& bound = is_max ? column.max : column.min;
    if (!bound || bound->is_null() || !HasMinMax(bound->type().id())) continue;
    WriteBound(w, column.name, *bound, is_max);
  }
  w->EndObject();
}

void WriteNullCountObject(JsonWriter* w, const std::vector<ColumnStats>& columns) {
  w->BeginObject();
  for (const ColumnStats& column : columns) {
    w->Key(column.name);
    if (column.fields.empty()) {
      w->Int(column.null_count);
    } else {
      WriteNullCountObject(w, column.fields);
    }
  }
  w->EndObject();
}

}  // namespace

std::string TruncateMinString(std::string_view value, int prefix_length) {
  std::vector<Char> chars = SplitChars(value);
  if (TotalUnits(chars) <= prefix_length) return std::string(value);
  size_t n = MinPrefixChars(chars, prefix_length);
  return std::string(value.substr(0, n == 0 ? 0 : chars[n - 1].end));
}

std::optional<std::string> TruncateMaxString(std::string_view value, int prefix_length) {
  std::vector<Char> chars = SplitChars(value);
  if (TotalUnits(chars) <= prefix_length) return std::string(value);
  if (prefix_length <= 0) return std::nullopt;
  // Appending a tie-breaker to a prefix bounds the string only if the character it replaces is
  // smaller; U+10FFFF itself can never be beaten, so the prefix grows past it.
  const int max_units = 2 * prefix_length;
  size_t n = MinPrefixChars(chars, prefix_length);
  int units = 0;
  for (size_t i = 0; i < n; ++i) units += chars[i].units;
  while (units <= max_units) {
    if (n >= chars.size()) return std::string(value);
    const Char& next = chars[n];
    if (next.code_point == kUtf8Max) {
      units += next.units;
      ++n;
      continue;
    }
    std::string bound(value.substr(0, n == 0 ? 0 : chars[n - 1].end));
    AppendUtf8(next.code_point < kAsciiMax ? kAsciiMax : kUtf8Max, &bound);
    return bound;
  }
  return std::nullopt;
}

std::string BuildStatsJson(const FileStats& stats) {
  JsonWriter w;
  w.BeginObject();
  w.Key("numRecords");
  w.Int(stats.num_records);
  w.Key("minValues");
  WriteBoundsObject(&w, stats.columns, /*is_max=*/false);
  w.Key("maxValues");
  WriteBoundsObject(&w, stats.columns, /*is_max=*/true);
  w.Key("nullCount");
  WriteNullCountObject(&w, stats.columns);
  w.EndObject();
  return std::move(w).Take();
}

}  // namespace inlet
