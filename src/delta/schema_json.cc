#include "delta/schema_json.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "common/string_util.h"
#include "delta/json_reader.h"
#include "delta/json_writer.h"
#include "types/cast.h"

namespace inlet {

namespace {

// "decimal(10,2)" / "decimal(10, 2)" / "decimal" (Spark's default 10,0) -> precision, scale.
bool ParseDecimalTypeName(std::string_view name, int* precision, int* scale) {
  if (name == "decimal") {
    *precision = 10;
    *scale = 0;
    return true;
  }
  if (!name.starts_with("decimal(") || !name.ends_with(")")) return false;
  std::string_view params = name.substr(8, name.size() - 9);
  size_t comma = params.find(',');
  if (comma == std::string_view::npos) return false;
  std::string_view p = TrimWhitespace(params.substr(0, comma));
  std::string_view s = TrimWhitespace(params.substr(comma + 1));
  auto [pe, pec] = std::from_chars(p.data(), p.data() + p.size(), *precision);
  auto [se, sec] = std::from_chars(s.data(), s.data() + s.size(), *scale);
  return pec == std::errc() && pe == p.data() + p.size() && sec == std::errc() &&
         se == s.data() + s.size();
}

// "varchar(10)" / "char(10)" in __CHAR_VARCHAR_TYPE_STRING -> 10.
bool ParseCharVarcharLength(std::string_view text, int* length) {
  std::string lower = AsciiToLower(text);
  std::string_view rest = lower;
  if (rest.starts_with("varchar(")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("char(")) {
    rest.remove_prefix(5);
  } else {
    return false;
  }
  if (!rest.ends_with(")")) return false;
  rest.remove_suffix(1);
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), *length);
  return ec == std::errc() && end == rest.data() + rest.size() && *length >= 0;
}

Result<LogicalType> ParsePrimitiveType(std::string_view name, const std::string& column) {
  static const std::map<std::string_view, LogicalType> kTypes = {
      {"boolean", LogicalType::Boolean()},
      {"byte", LogicalType::TinyInt()},
      {"short", LogicalType::SmallInt()},
      {"integer", LogicalType::Integer()},
      {"long", LogicalType::BigInt()},
      {"float", LogicalType::Float()},
      {"double", LogicalType::Double()},
      {"string", LogicalType::Varchar()},
      {"date", LogicalType::Date()},
      {"timestamp", LogicalType::TimestampTz()},
      {"timestamp_ntz", LogicalType::Timestamp()},
      {"binary", LogicalType::Binary()},
  };
  auto it = kTypes.find(name);
  if (it != kTypes.end()) return it->second;
  int precision, scale;
  if (ParseDecimalTypeName(name, &precision, &scale)) {
    Result<LogicalType> decimal = LogicalType::MakeDecimal(precision, scale);
    if (!decimal.ok()) {
      return Status::InvalidData("column \"" + column + "\": " + decimal.status().message());
    }
    return decimal;
  }
  return Status::NotImplemented("column \"" + column + "\": Delta type \"" + std::string(name) +
                                "\" is not supported yet");
}

Result<Field> ParseField(const JsonObjectReader& r, std::map<std::string, std::string>* metadata) {
  Field field;
  INLET_ASSIGN_OR_RETURN(field.name, r.RequiredString("name"));
  simdjson::dom::element type;
  if (r.object().at_key("type").get(type)) {
    return Status::InvalidData("schema field \"" + field.name + "\": missing field \"type\"");
  }
  std::string_view type_name;
  if (type.get_string().get(type_name)) {
    // Nested types are JSON objects: {"type": "struct", "fields": [...]}, "array", "map".
    INLET_ASSIGN_OR_RETURN(JsonObjectReader nested,
                           JsonObjectReader::Make(type, "schema field \"" + field.name + "\""));
    INLET_ASSIGN_OR_RETURN(std::optional<std::string> kind, nested.OptionalString("type"));
    return Status::NotImplemented("column \"" + field.name + "\": nested type " +
                                  kind.value_or("(unknown)") + " is not supported yet");
  }
  INLET_ASSIGN_OR_RETURN(field.type, ParsePrimitiveType(type_name, field.name));
  INLET_ASSIGN_OR_RETURN(std::optional<bool> nullable, r.OptionalBool("nullable"));
  field.nullable = nullable.value_or(true);
  INLET_ASSIGN_OR_RETURN(*metadata, r.StringMap("metadata"));

  auto varchar = metadata->find(kCharVarcharMetadataKey);
  int length;
  if (varchar != metadata->end() && field.type.id() == TypeId::kVarchar &&
      ParseCharVarcharLength(varchar->second, &length)) {
    field.type = LogicalType::Varchar(length);
  }
  auto default_sql = metadata->find(kCurrentDefaultMetadataKey);
  if (default_sql != metadata->end()) {
    // Reads never need the default; a table whose default inlet cannot evaluate stays
    // readable and CheckWritable reports the expression.
    Result<Value> value = ParseDefaultSql(default_sql->second, field.type);
    if (value.ok()) field.default_value = std::move(value).ValueOrDie();
  }
  return field;
}

std::string FormatShortestDouble(double value, bool is_float) {
  char buf[32];
  auto [end, ec] = is_float ? std::to_chars(buf, buf + sizeof(buf), static_cast<float>(value))
                            : std::to_chars(buf, buf + sizeof(buf), value);
  return std::string(buf, end);
}

// Spark SQL string literal: backslash escapes, quote with a backslash.
std::string QuoteSparkString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

// A scanner for the literal forms of DEFAULT SQL text.
class SqlLiteralScanner {
 public:
  explicit SqlLiteralScanner(std::string_view sql) : sql_(sql) {}

  void SkipSpace() {
    while (pos_ < sql_.size() && std::isspace(static_cast<unsigned char>(sql_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ == sql_.size();
  }
  bool Peek(char c) {
    SkipSpace();
    return pos_ < sql_.size() && sql_[pos_] == c;
  }
  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  // A keyword or identifier, upper-cased; empty when none is next.
  std::string Word() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < sql_.size() &&
           (std::isalnum(static_cast<unsigned char>(sql_[pos_])) || sql_[pos_] == '_')) {
      ++pos_;
    }
    return AsciiToUpper(sql_.substr(start, pos_ - start));
  }
  // A number with optional sign, fraction, exponent and Spark type suffix (L, S, Y, D, F, BD).
  bool Number(std::string* text) {
    SkipSpace();
    size_t start = pos_;
    if (pos_ < sql_.size() && (sql_[pos_] == '-' || sql_[pos_] == '+')) ++pos_;
    size_t digits_start = pos_;
    while (pos_ < sql_.size() &&
           (std::isdigit(static_cast<unsigned char>(sql_[pos_])) || sql_[pos_] == '.')) {
      ++pos_;
    }
    if (pos_ == digits_start) {
      pos_ = start;
      return false;
    }
    if (pos_ < sql_.size() && (sql_[pos_] == 'e' || sql_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < sql_.size() && (sql_[pos_] == '-' || sql_[pos_] == '+')) ++pos_;
      while (pos_ < sql_.size() && std::isdigit(static_cast<unsigned char>(sql_[pos_]))) ++pos_;
    }
    *text = std::string(sql_.substr(start, pos_ - start));
    // A suffix is glued to the digits ("7L"); "7 AS" is a number followed by a keyword.
    size_t suffix_start = pos_;
    while (pos_ < sql_.size() && std::isalpha(static_cast<unsigned char>(sql_[pos_]))) ++pos_;
    std::string suffix = AsciiToUpper(sql_.substr(suffix_start, pos_ - suffix_start));
    return suffix.empty() || suffix == "L" || suffix == "S" || suffix == "Y" || suffix == "D" ||
           suffix == "F" || suffix == "BD";
  }
  // One or more adjacent quoted strings ('a' 'b' is "ab" in Spark), with backslash escapes.
  bool QuotedString(std::string* text) {
    if (!Peek('\'') && !Peek('"')) return false;
    text->clear();
    while (Peek('\'') || Peek('"')) {
      char quote = sql_[pos_++];
      while (true) {
        if (pos_ >= sql_.size()) return false;
        char c = sql_[pos_++];
        if (c == quote) break;
        if (c == '\\' && pos_ < sql_.size()) {
          char e = sql_[pos_++];
          switch (e) {
            case 'n':
              c = '\n';
              break;
            case 't':
              c = '\t';
              break;
            case 'r':
              c = '\r';
              break;
            case 'b':
              c = '\b';
              break;
            case '0':
              c = '\0';
              break;
            case 'Z':
              c = '\x1A';
              break;
            default:
              c = e;
          }
        }
        text->push_back(c);
      }
    }
    return true;
  }

 private:
  std::string_view sql_;
  size_t pos_ = 0;
};

// What a literal evaluates to before it meets the column type.
struct SqlLiteral {
  enum class Kind { kNull, kText, kBytes } kind = Kind::kNull;
  std::string text;
};

bool HexDigit(char c, int* v) {
  if (c >= '0' && c <= '9') return *v = c - '0', true;
  if (c >= 'a' && c <= 'f') return *v = c - 'a' + 10, true;
  if (c >= 'A' && c <= 'F') return *v = c - 'A' + 10, true;
  return false;
}

bool ScanLiteral(SqlLiteralScanner* s, SqlLiteral* out) {
  if (s->QuotedString(&out->text)) {
    out->kind = SqlLiteral::Kind::kText;
    return true;
  }
  if (s->Number(&out->text)) {
    out->kind = SqlLiteral::Kind::kText;
    return true;
  }
  std::string word = s->Word();
  if (word == "NULL") {
    out->kind = SqlLiteral::Kind::kNull;
    return true;
  }
  if (word == "TRUE" || word == "FALSE") {
    out->kind = SqlLiteral::Kind::kText;
    out->text = word;
    return true;
  }
  if (word == "DATE" || word == "TIMESTAMP" || word == "TIMESTAMP_NTZ" || word == "TIMESTAMP_LTZ") {
    out->kind = SqlLiteral::Kind::kText;
    return s->QuotedString(&out->text);
  }
  if (word == "X") {
    std::string hex;
    if (!s->QuotedString(&hex) || hex.size() % 2 != 0) return false;
    out->kind = SqlLiteral::Kind::kBytes;
    out->text.clear();
    for (size_t i = 0; i < hex.size(); i += 2) {
      int hi, lo;
      if (!HexDigit(hex[i], &hi) || !HexDigit(hex[i + 1], &lo)) return false;
      out->text.push_back(static_cast<char>(hi * 16 + lo));
    }
    return true;
  }
  if (word == "CAST") {
    // CAST(<literal> AS <type>): the column type decides the result, so the named type only
    // needs to be well formed.
    if (!s->Consume('(') || !ScanLiteral(s, out) || s->Word() != "AS" || s->Word().empty()) {
      return false;
    }
    if (s->Consume('(')) {
      while (!s->Peek(')') && !s->AtEnd()) {
        std::string ignored;
        if (!s->Number(&ignored) && !s->Consume(',')) return false;
      }
      if (!s->Consume(')')) return false;
    }
    return s->Consume(')');
  }
  return false;
}

}  // namespace

std::string DeltaTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kTinyInt:
      return "byte";
    case TypeId::kSmallInt:
      return "short";
    case TypeId::kInteger:
      return "integer";
    case TypeId::kBigInt:
      return "long";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kVarchar:
      return "string";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp_ntz";
    case TypeId::kTimestampTz:
      return "timestamp";
    case TypeId::kBinary:
      return "binary";
  }
  return "string";
}

std::string SchemaToDeltaJson(const Schema& schema) {
  JsonWriter w;
  w.BeginObject();
  w.StringMember("type", "struct");
  w.Key("fields");
  w.BeginArray();
  for (const Field& field : schema.fields()) {
    w.BeginObject();
    w.StringMember("name", field.name);
    w.StringMember("type", DeltaTypeName(field.type));
    w.Key("nullable");
    w.Bool(field.nullable);
    w.Key("metadata");
    w.BeginObject();
    if (field.type.id() == TypeId::kVarchar && field.type.max_length() >= 0) {
      w.StringMember(kCharVarcharMetadataKey,
                     "varchar(" + std::to_string(field.type.max_length()) + ")");
    }
    if (field.default_value) {
      w.StringMember(kCurrentDefaultMetadataKey, DefaultValueToSql(*field.default_value));
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::move(w).Take();
}

Result<DeltaSchema> ParseDeltaSchema(std::string_view schema_string) {
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element doc,
                         ParseJson(&parser, schema_string, "schemaString"));
  INLET_ASSIGN_OR_RETURN(JsonObjectReader root, JsonObjectReader::Make(doc, "schemaString"));
  INLET_ASSIGN_OR_RETURN(std::string type, root.RequiredString("type"));
  if (type != "struct") {
    return Status::InvalidData("schemaString: the table schema must be a struct, got " + type);
  }
  simdjson::dom::array fields;
  simdjson::dom::element fields_element;
  if (root.object().at_key("fields").get(fields_element) ||
      fields_element.get_array().get(fields)) {
    return Status::InvalidData("schemaString: \"fields\" must be an array");
  }
  DeltaSchema out;
  std::vector<Field> parsed;
  std::set<std::string> names;
  for (simdjson::dom::element item : fields) {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(item, "schema field"));
    std::map<std::string, std::string> metadata;
    INLET_ASSIGN_OR_RETURN(Field field, ParseField(r, &metadata));
    if (!names.insert(AsciiToLower(field.name)).second) {
      return Status::InvalidData("schemaString: duplicate column \"" + field.name + "\"");
    }
    parsed.push_back(std::move(field));
    out.field_metadata.push_back(std::move(metadata));
  }
  out.schema = Schema(std::move(parsed));
  return out;
}

std::string DefaultValueToSql(const Value& value) {
  if (value.is_null()) return "NULL";
  const LogicalType& type = value.type();
  switch (type.id()) {
    case TypeId::kBoolean:
      return value.GetBool() ? "true" : "false";
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      return std::to_string(value.GetInt());
    case TypeId::kFloat:
    case TypeId::kDouble: {
      bool is_float = type.id() == TypeId::kFloat;
      double d = value.GetDouble();
      if (!std::isfinite(d)) {
        std::string text = std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        return "CAST('" + text + "' AS " + (is_float ? "FLOAT" : "DOUBLE") + ")";
      }
      return FormatShortestDouble(d, is_float);
    }
    case TypeId::kDecimal:
      return FormatDecimal(value.GetDecimal(), type.scale());
    case TypeId::kVarchar:
      return QuoteSparkString(value.GetString());
    case TypeId::kDate:
      return "DATE '" + FormatDate(static_cast<int32_t>(value.GetInt())) + "'";
    case TypeId::kTimestamp:
      return "TIMESTAMP_NTZ '" + FormatTimestamp(value.GetInt()) + "'";
    case TypeId::kTimestampTz:
      return "TIMESTAMP '" + FormatTimestamp(value.GetInt()) + "+00:00'";
    case TypeId::kBinary: {
      static const char kHex[] = "0123456789ABCDEF";
      std::string out = "X'";
      for (unsigned char c : value.GetString()) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
      return out + "'";
    }
  }
  return "NULL";
}

Result<Value> ParseDefaultSql(std::string_view sql, const LogicalType& type) {
  SqlLiteralScanner scanner(sql);
  SqlLiteral literal;
  if (!ScanLiteral(&scanner, &literal) || !scanner.AtEnd()) {
    return Status::NotImplemented("DEFAULT expression " + QuoteSqlString(sql) +
                                  " is not supported yet: inlet evaluates literals only");
  }
  switch (literal.kind) {
    case SqlLiteral::Kind::kNull:
      return Value::Null(type);
    case SqlLiteral::Kind::kBytes:
      if (type.id() != TypeId::kBinary) {
        return Status::InvalidData("DEFAULT " + QuoteSqlString(sql) +
                                   " is binary but the column is " + type.ToString());
      }
      return Value::Binary(std::move(literal.text));
    case SqlLiteral::Kind::kText:
      if (type.id() == TypeId::kBinary) return Value::Binary(std::move(literal.text));
      return CastTextToValue(literal.text, type);
  }
  return Status::Internal("unreachable");
}

}  // namespace inlet
