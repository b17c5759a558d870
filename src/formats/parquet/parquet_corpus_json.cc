#include "formats/parquet/parquet_corpus_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "types/cast.h"

namespace inlet::parquet_corpus {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr int64_t kNanosPerMicro = 1000;
constexpr int64_t kMicrosPerMilli = 1000;
constexpr int128_t kNanosPerDay = int128_t{86400} * 1000 * 1000 * 1000;

std::string Minified(element e) { return simdjson::minify(e); }

std::string Describe(const std::string& path, element expected, const std::string& got) {
  return (path.empty() ? "" : path + ": ") + "expected " + Minified(expected) + ", got " + got;
}

std::optional<double> AsDouble(element e) {
  double d;
  if (e.get_double().get(d) == simdjson::SUCCESS) return d;
  return std::nullopt;
}

std::optional<std::string_view> AsString(element e) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return s;
  return std::nullopt;
}

// Structural JSON equality: numbers by value (1 equals 1.0), objects ignoring key order.
bool JsonEqual(element a, element b) {
  if (a.is_number() && b.is_number()) return *AsDouble(a) == *AsDouble(b);
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case element_type::ARRAY: {
      simdjson::dom::array x = a.get_array().value_unsafe();
      simdjson::dom::array y = b.get_array().value_unsafe();
      if (x.size() != y.size()) return false;
      auto it = y.begin();
      for (element item : x) {
        if (!JsonEqual(item, *it)) return false;
        ++it;
      }
      return true;
    }
    case element_type::OBJECT: {
      simdjson::dom::object x = a.get_object().value_unsafe();
      simdjson::dom::object y = b.get_object().value_unsafe();
      if (x.size() != y.size()) return false;
      for (auto field : x) {
        element other;
        if (y.at_key(field.key).get(other) != simdjson::SUCCESS) return false;
        if (!JsonEqual(field.value, other)) return false;
      }
      return true;
    }
    case element_type::STRING:
      return *AsString(a) == *AsString(b);
    case element_type::BOOL:
      return a.get_bool().value_unsafe() == b.get_bool().value_unsafe();
    default:
      return true;  // both null
  }
}

// --- text forms of binary values ---

std::string UuidText(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    unsigned char c = bytes[i];
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

// DuckDB's BLOB -> VARCHAR cast: printable ASCII except the two quotes as is, others \xHH.
std::string DuckDbBlobText(std::string_view bytes) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f && c != '\'' && c != '"') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Reads little- or big-endian numbers from a WKB value, failing instead of reading past the end.
class WkbCursor {
 public:
  explicit WkbCursor(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return pos_ == bytes_.size(); }
  bool ReadByte(uint8_t* out) {
    if (pos_ >= bytes_.size()) return false;
    *out = static_cast<uint8_t>(bytes_[pos_++]);
    return true;
  }
  template <typename T>
  bool Read(bool little_endian, T* out) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    unsigned char raw[sizeof(T)];
    std::memcpy(raw, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    if (!little_endian) std::reverse(raw, raw + sizeof(T));
    std::memcpy(out, raw, sizeof(T));
    return true;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

// One WKB geometry as GeoJSON text, as hyparquet decodes GEOMETRY columns: ISO type codes
// (1000s add Z or M, 3000s both), every coordinate in the position array.
bool WkbToGeoJson(WkbCursor* in, std::string* out, int depth = 0) {
  uint8_t order;
  uint32_t raw_type;
  if (depth > 32 || !in->ReadByte(&order) || !in->Read(order == 1, &raw_type)) return false;
  bool little = order == 1;
  uint32_t kind = raw_type % 1000;
  int dims = 2 + (raw_type / 1000 > 0 ? 1 : 0) + (raw_type / 1000 == 3 ? 1 : 0);
  auto position = [&](std::string* s) {
    *s += "[";
    for (int d = 0; d < dims; ++d) {
      double v;
      if (!in->Read(little, &v)) return false;
      char buffer[32];
      std::snprintf(buffer, sizeof(buffer), "%.17g", v);
      *s += (d > 0 ? "," : "") + std::string(std::isfinite(v) ? buffer : "null");
    }
    *s += "]";
    return true;
  };
  auto line = [&](std::string* s) {
    uint32_t n;
    if (!in->Read(little, &n)) return false;
    *s += "[";
    for (uint32_t i = 0; i < n; ++i) {
      if (i > 0) *s += ",";
      if (!position(s)) return false;
    }
    *s += "]";
    return true;
  };
  auto polygon = [&](std::string* s) {
    uint32_t rings;
    if (!in->Read(little, &rings)) return false;
    *s += "[";
    for (uint32_t i = 0; i < rings; ++i) {
      if (i > 0) *s += ",";
      if (!line(s)) return false;
    }
    *s += "]";
    return true;
  };
  static const char* kNames[] = {
      "",           "Point",           "LineString",   "Polygon",
      "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"};
  if (kind < 1 || kind > 7) return false;
  *out += std::string("{\"type\":\"") + kNames[kind] + "\",";
  *out += kind == 7 ? "\"geometries\":" : "\"coordinates\":";
  bool ok = true;
  switch (kind) {
    case 1:
      ok = position(out);
      break;
    case 2:
      ok = line(out);
      break;
    case 3:
      ok = polygon(out);
      break;
    default: {
      // A multi-geometry's parts each carry their own byte order and type header.
      uint32_t n;
      if (!in->Read(little, &n)) return false;
      *out += "[";
      for (uint32_t i = 0; i < n && ok; ++i) {
        if (i > 0) *out += ",";
        if (kind == 7) {
          ok = WkbToGeoJson(in, out, depth + 1);
          continue;
        }
        uint8_t part_order = 1;
        uint32_t part_type = 0;
        ok = in->ReadByte(&part_order) && in->Read(part_order == 1, &part_type);
        little = part_order == 1;
        dims = 2 + (part_type / 1000 > 0 ? 1 : 0) + (part_type / 1000 == 3 ? 1 : 0);
        if (ok) ok = kind == 4 ? position(out) : kind == 5 ? line(out) : polygon(out);
      }
      *out += "]";
    }
  }
  *out += "}";
  return ok;
}

// --- temporal text ---

// Reads `digits` (or, with digits = 0, one or more) decimal digits.
bool ReadNumber(std::string_view* s, size_t digits, int64_t* out) {
  size_t n = 0;
  *out = 0;
  // At most 18 digits, so the value fits in int64_t.
  while (n < s->size() && n < 18 && (digits == 0 || n < digits) && (*s)[n] >= '0' &&
         (*s)[n] <= '9') {
    *out = *out * 10 + ((*s)[n] - '0');
    ++n;
  }
  if (n == 0 || (digits != 0 && n != digits)) return false;
  s->remove_prefix(n);
  return true;
}

bool Consume(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

// "HH:MM:SS[.fffffffff]" as nanoseconds since midnight.
bool ReadTimeOfDay(std::string_view* s, int128_t* nanos) {
  int64_t h, m, sec;
  if (!ReadNumber(s, 2, &h) || !Consume(s, ":") || !ReadNumber(s, 2, &m) || !Consume(s, ":") ||
      !ReadNumber(s, 2, &sec)) {
    return false;
  }
  int64_t fraction = 0;
  if (Consume(s, ".")) {
    size_t digits = 0;
    while (digits < s->size() && (*s)[digits] >= '0' && (*s)[digits] <= '9') ++digits;
    if (digits == 0 || digits > 9 || !ReadNumber(s, digits, &fraction)) return false;
    for (size_t i = digits; i < 9; ++i) fraction *= 10;
  }
  *nanos = ((int128_t{h} * 60 + m) * 60 + sec) * 1000000000 + fraction;
  return true;
}

// A zone suffix: "Z", "+00", "+05:30", "-08". UTC only in the files we compare, but any offset
// is applied.
bool ReadZone(std::string_view* s, int128_t* offset_nanos) {
  *offset_nanos = 0;
  if (Consume(s, "Z")) return true;
  if (s->empty() || ((*s)[0] != '+' && (*s)[0] != '-')) return true;
  int sign = (*s)[0] == '-' ? -1 : 1;
  s->remove_prefix(1);
  int64_t h, m = 0;
  if (!ReadNumber(s, 2, &h)) return false;
  if (Consume(s, ":") && !ReadNumber(s, 2, &m)) return false;
  *offset_nanos = sign * (int128_t{h} * 60 + m) * 60 * 1000000000;
  return true;
}

// A date or timestamp as DuckDB ("2009-01-01 00:00:00.5", "0044-03-15 (BC)", "+00") or
// JavaScript ("2009-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z") print it: nanoseconds
// since the epoch, UTC for zoned text.
std::optional<int128_t> ParseTemporal(std::string_view s) {
  int sign = 1;
  if (Consume(&s, "-")) {
    sign = -1;
  } else {
    Consume(&s, "+");
  }
  int64_t year, month, day;
  if (!ReadNumber(&s, 0, &year) || !Consume(&s, "-") || !ReadNumber(&s, 2, &month) ||
      !Consume(&s, "-") || !ReadNumber(&s, 2, &day) || month < 1 || month > 12 || day < 1 ||
      day > 31) {
    return std::nullopt;
  }
  bool before_christ = Consume(&s, " (BC)");
  year *= sign;
  if (before_christ) year = 1 - year;  // 1 BC is year 0
  int128_t nanos = int128_t{DaysFromCivil(year, month, day)} * kNanosPerDay;
  if (Consume(&s, " ") || Consume(&s, "T")) {
    int128_t time;
    if (!ReadTimeOfDay(&s, &time)) return std::nullopt;
    nanos += time;
    int128_t offset;
    if (!ReadZone(&s, &offset)) return std::nullopt;
    nanos -= offset;
  }
  if (!s.empty()) return std::nullopt;
  return nanos;
}

int128_t FloorDiv(int128_t a, int128_t b) {
  int128_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::string Int128Text(int128_t v) { return FormatDecimal(v, 0); }

class Matcher {
 public:
  explicit Matcher(JsonConvention convention) : convention_(convention) {}

  // `nullable`: whether the schema lets `got` be NULL.
  std::string Match(const Value& got, element expected, const std::string& path,
                    bool nullable) const {
    if (got.is_null()) {
      return expected.is_null() ? "" : Describe(path, expected, "NULL");
    }
    switch (got.type().id()) {
      case TypeId::kBoolean: {
        bool b;
        if (expected.get_bool().get(b) == simdjson::SUCCESS && b == got.GetBool()) return "";
        return Describe(path, expected, got.ToString());
      }
      case TypeId::kTinyInt:
      case TypeId::kSmallInt:
      case TypeId::kInteger:
      case TypeId::kBigInt:
        return MatchInteger(got.GetInt(), got, expected, path);
      case TypeId::kFloat:
      case TypeId::kDouble:
        return MatchFloat(got.GetDouble(), got, expected, path);
      case TypeId::kDecimal:
        return MatchDecimal(got, expected, path);
      case TypeId::kVarchar:
        return MatchText(got.GetString(), got, expected, path);
      case TypeId::kBinary:
        return MatchBinary(got.GetString(), got, expected, path);
      case TypeId::kDate:
        return MatchTimestamp(int128_t{got.GetInt()} * kNanosPerDay, got, expected, path);
      case TypeId::kTimestamp:
      case TypeId::kTimestampTz:
        return MatchTimestamp(int128_t{got.GetInt()} * kNanosPerMicro, got, expected, path);
      case TypeId::kTime:
        return MatchTime(got.GetInt(), got, expected, path);
      case TypeId::kStruct:
        return MatchStruct(got, expected, path);
      case TypeId::kList:
        // hyparquet writes an empty list that cannot be NULL (a REQUIRED list, or a bare
        // repeated field) as null.
        if (convention_ == JsonConvention::kHyparquet && !nullable && got.GetChildren().empty() &&
            expected.is_null()) {
          return "";
        }
        return MatchList(got.GetChildren(), got.type().list_element_nullable(), expected, path);
      case TypeId::kMap:
        return MatchMap(got, expected, path);
    }
    return Describe(path, expected, got.ToString());
  }

 private:
  std::string MatchInteger(int64_t v, const Value& got, element expected,
                           const std::string& path) const {
    int64_t i;
    if (expected.get_int64().get(i) == simdjson::SUCCESS && i == v) return "";
    auto s = AsString(expected);
    if (s && *s == std::to_string(v)) return "";
    // A JS number: 64-bit integers were rounded to the nearest double.
    auto d = AsDouble(expected);
    if (convention_ == JsonConvention::kHyparquet && d && *d == static_cast<double>(v)) return "";
    return Describe(path, expected, got.ToString());
  }

  std::string MatchFloat(double v, const Value& got, element expected,
                         const std::string& path) const {
    if (!std::isfinite(v)) {
      if (convention_ == JsonConvention::kHyparquet) {
        return expected.is_null() ? "" : Describe(path, expected, got.ToString());
      }
      auto s = AsString(expected);
      const char* text = std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
      return s && *s == text ? "" : Describe(path, expected, got.ToString());
    }
    auto d = AsDouble(expected);
    if (d && *d == v) return "";
    return Describe(path, expected, got.ToString());
  }

  std::string MatchDecimal(const Value& got, element expected, const std::string& path) const {
    int scale = got.type().scale();
    std::string text = FormatDecimal(got.GetDecimal(), scale);
    auto s = AsString(expected);
    if (s && *s == text) return "";
    // hyparquet multiplies the unscaled value, as a double, by 10^-scale; DuckDB reads decimals
    // wider than 38 digits as DOUBLE. Either way only the double's precision is comparable.
    auto d = AsDouble(expected);
    if (d) {
      double v = static_cast<double>(got.GetDecimal()) * std::pow(10.0, -scale);
      if (std::fabs(v - *d) <= 1e-12 * std::max(1.0, std::fabs(*d))) return "";
    }
    return Describe(path, expected, text);
  }

  std::string MatchText(const std::string& v, const Value& got, element expected,
                        const std::string& path) const {
    auto s = AsString(expected);
    if (s) return *s == v ? "" : Describe(path, expected, "\"" + v + "\"");
    // A JSON column, which hyparquet parses.
    simdjson::dom::parser parser;
    element parsed;
    if (parser.parse(v).get(parsed) == simdjson::SUCCESS && JsonEqual(parsed, expected)) return "";
    return Describe(path, expected, got.ToString());
  }

  std::string MatchBinary(const std::string& v, const Value& got, element expected,
                          const std::string& path) const {
    std::string shown = "x'" + DuckDbBlobText(v) + "'";
    if (auto s = AsString(expected)) {
      // hyparquet decodes unannotated BYTE_ARRAY as UTF-8; UUIDs (FIXED_LEN_BYTE_ARRAY(16)) are
      // printed as text by both.
      if (convention_ == JsonConvention::kHyparquet && *s == v) return "";
      if (convention_ == JsonConvention::kDuckDb && *s == DuckDbBlobText(v)) return "";
      if (v.size() == 16 && *s == UuidText(v)) return "";
      return Describe(path, expected, shown);
    }
    simdjson::dom::array bytes;
    if (expected.get_array().get(bytes) == simdjson::SUCCESS) {
      std::string expected_bytes;
      for (element b : bytes) {
        int64_t byte;
        if (b.get_int64().get(byte) != simdjson::SUCCESS) return Describe(path, expected, shown);
        expected_bytes.push_back(static_cast<char>(byte));
      }
      return expected_bytes == v ? "" : Describe(path, expected, shown);
    }
    simdjson::dom::object object;
    if (expected.get_object().get(object) == simdjson::SUCCESS) {
      // DuckDB's INTERVAL (FIXED_LEN_BYTE_ARRAY(12): months, days, milliseconds, little endian).
      int64_t months, days, micros_value;
      if (v.size() == 12 && object["months"].get_int64().get(months) == simdjson::SUCCESS &&
          object["days"].get_int64().get(days) == simdjson::SUCCESS) {
        std::string_view micros_text;
        if (object["micros"].get_string().get(micros_text) == simdjson::SUCCESS) {
          micros_value = std::stoll(std::string(micros_text));
        } else if (object["micros"].get_int64().get(micros_value) != simdjson::SUCCESS) {
          return Describe(path, expected, shown);
        }
        uint32_t parts[3];
        std::memcpy(parts, v.data(), 12);
        return parts[0] == months && parts[1] == days && int64_t{parts[2]} * 1000 == micros_value
                   ? ""
                   : Describe(path, expected, shown);
      }
      // hyparquet's GeoJSON of a WKB geometry.
      WkbCursor cursor(v);
      std::string geojson;
      simdjson::dom::parser parser;
      element parsed;
      if (WkbToGeoJson(&cursor, &geojson) &&
          parser.parse(geojson).get(parsed) == simdjson::SUCCESS && JsonEqual(parsed, expected)) {
        return "";
      }
    }
    return Describe(path, expected, shown);
  }

  std::string MatchTimestamp(int128_t nanos, const Value& got, element expected,
                             const std::string& path) const {
    auto s = AsString(expected);
    std::optional<int128_t> want = s ? ParseTemporal(*s) : std::nullopt;
    if (!want) return Describe(path, expected, got.ToString());
    if (convention_ == JsonConvention::kHyparquet) {
      // JavaScript Dates hold milliseconds; hyparquet truncates finer units toward zero.
      int128_t millis = *want / 1000000;
      int128_t got_micros = nanos / kNanosPerMicro;
      if (got_micros / kMicrosPerMilli == millis ||
          FloorDiv(got_micros, kMicrosPerMilli) == millis) {
        return "";
      }
      return Describe(path, expected, got.ToString());
    }
    // DuckDB keeps nanoseconds, inlet microseconds.
    if (*want == nanos || FloorDiv(*want, kNanosPerMicro) * kNanosPerMicro == nanos ||
        *want / kNanosPerMicro * kNanosPerMicro == nanos) {
      return "";
    }
    return Describe(path, expected, got.ToString() + " (" + Int128Text(nanos) + " ns)");
  }

  std::string MatchTime(int64_t micros, const Value& got, element expected,
                        const std::string& path) const {
    if (convention_ == JsonConvention::kHyparquet) {
      // The raw number in the file's unit, which the value alone does not tell.
      auto d = AsDouble(expected);
      if (d && (*d == static_cast<double>(micros) || *d * kMicrosPerMilli == micros ||
                std::floor(*d / kNanosPerMicro) == static_cast<double>(micros))) {
        return "";
      }
      return Describe(path, expected, got.ToString());
    }
    auto s = AsString(expected);
    int128_t nanos, offset;
    if (s) {
      std::string_view rest = *s;
      if (ReadTimeOfDay(&rest, &nanos) && ReadZone(&rest, &offset) && rest.empty() &&
          FloorDiv(nanos, kNanosPerMicro) == micros) {
        return "";
      }
    }
    return Describe(path, expected, got.ToString());
  }

  std::string MatchStruct(const Value& got, element expected, const std::string& path) const {
    simdjson::dom::object object;
    if (expected.get_object().get(object) != simdjson::SUCCESS) {
      return Describe(path, expected, got.ToString());
    }
    const auto& fields = got.type().struct_fields();
    const auto& values = got.GetChildren();
    size_t matched_keys = 0;
    for (size_t i = 0; i < fields.size(); ++i) {
      element field;
      std::string field_path = path + "." + fields[i].name;
      if (object.at_key(fields[i].name).get(field) == simdjson::SUCCESS) {
        ++matched_keys;
        std::string why = Match(values[i], field, field_path, fields[i].nullable);
        if (!why.empty()) return why;
      } else if (!values[i].is_null()) {
        // hyparquet leaves NULL fields out of the object; any other value must be there.
        return field_path + ": missing from the expected object, got " + values[i].ToString();
      }
    }
    if (matched_keys != object.size()) {
      return Describe(path, expected, got.ToString()) + " (the expected object has other keys)";
    }
    return "";
  }

  std::string MatchList(const std::vector<Value>& items, bool items_nullable, element expected,
                        const std::string& path) const {
    simdjson::dom::array array;
    if (expected.get_array().get(array) != simdjson::SUCCESS || array.size() != items.size()) {
      return Describe(path, expected, std::to_string(items.size()) + " elements");
    }
    size_t i = 0;
    for (element item : array) {
      std::string why = Match(items[i], item, path + "[" + std::to_string(i) + "]", items_nullable);
      if (!why.empty()) return why;
      ++i;
    }
    return "";
  }

  std::string MatchMap(const Value& got, element expected, const std::string& path) const {
    const std::vector<Value>& entries = got.GetChildren();
    if (convention_ == JsonConvention::kDuckDb) {
      return MatchList(entries, /*items_nullable=*/false, expected, path);
    }
    // hyparquet builds a JS object: keys become strings and a repeated key keeps its last value.
    simdjson::dom::object object;
    if (expected.get_object().get(object) != simdjson::SUCCESS) {
      return Describe(path, expected, got.ToString());
    }
    std::map<std::string, const Value*> by_key;
    for (const Value& entry : entries) {
      const Value& key = entry.GetChildren()[0];
      by_key[key.type().id() == TypeId::kVarchar ? key.GetString() : key.ToString()] =
          &entry.GetChildren()[1];
    }
    if (by_key.size() != object.size()) {
      return Describe(path, expected, got.ToString());
    }
    for (const auto& [key, value] : by_key) {
      element field;
      if (object.at_key(key).get(field) != simdjson::SUCCESS) {
        return Describe(path, expected, got.ToString()) + " (no key \"" + key + "\")";
      }
      std::string why =
          Match(*value, field, path + "[\"" + key + "\"]", got.type().map_value_nullable());
      if (!why.empty()) return why;
    }
    return "";
  }

  JsonConvention convention_;
};

}  // namespace

std::string JsonMismatch(const Value& got, element expected, JsonConvention convention,
                         bool nullable) {
  return Matcher(convention).Match(got, expected, "", nullable);
}

}  // namespace inlet::parquet_corpus
