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

// Reads a column type as Spark's catalogString spells it (__CHAR_VARCHAR_TYPE_STRING holds one:
// "varchar(10)", "array<varchar(5)>", "struct<a:char(3),b:int>") alongside the type the JSON
// gave, to recover the VARCHAR(n) lengths Spark stores as plain "string". Field names are
// matched against the known ones rather than parsed, since they may hold ':' or ','.
class CatalogStringReader {
 public:
  explicit CatalogStringReader(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }

  // `type` with the lengths the text records; nullopt when the text does not describe `type`.
  std::optional<LogicalType> Read(const LogicalType& type) {
    switch (type.id()) {
      case TypeId::kVarchar: {
        if (Consume("string")) return type;
        if (!Consume("varchar(") && !Consume("char(")) return std::nullopt;
        int length;
        auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), length);
        if (ec != std::errc() || length < 0) return std::nullopt;
        pos_ = end - text_.data();
        if (!Consume(")")) return std::nullopt;
        return LogicalType::Varchar(length);
      }
      case TypeId::kStruct: {
        if (!Consume("struct<")) return std::nullopt;
        std::vector<StructField> fields = type.struct_fields();
        for (size_t i = 0; i < fields.size(); ++i) {
          if ((i > 0 && !Consume(",")) || !ConsumeExact(fields[i].name) || !Consume(":")) {
            return std::nullopt;
          }
          std::optional<LogicalType> field_type = Read(fields[i].type);
          if (!field_type) return std::nullopt;
          fields[i].type = std::move(*field_type);
        }
        if (!Consume(">")) return std::nullopt;
        return LogicalType::Struct(std::move(fields));
      }
      case TypeId::kList: {
        if (!Consume("array<")) return std::nullopt;
        std::optional<LogicalType> element = Read(type.list_element());
        if (!element || !Consume(">")) return std::nullopt;
        return LogicalType::List(std::move(*element), type.list_element_nullable());
      }
      case TypeId::kMap: {
        if (!Consume("map<")) return std::nullopt;
        std::optional<LogicalType> key = Read(type.map_key());
        if (!key || !Consume(",")) return std::nullopt;
        std::optional<LogicalType> value = Read(type.map_value());
        if (!value || !Consume(">")) return std::nullopt;
        return LogicalType::Map(std::move(*key), std::move(*value), type.map_value_nullable());
      }
      default:
        return SkipPrimitive() ? std::optional<LogicalType>(type) : std::nullopt;
    }
  }

 private:
  bool Consume(std::string_view token) {
    if (text_.size() - pos_ < token.size() ||
        !EqualsIgnoreCase(text_.substr(pos_, token.size()), token)) {
      return false;
    }
    pos_ += token.size();
    return true;
  }
  bool ConsumeExact(std::string_view token) {
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }
  // A primitive type name such as "int" or "decimal(10,2)".
  bool SkipPrimitive() {
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '(') {
      size_t close = text_.find(')', pos_);
      if (close == std::string_view::npos) return false;
      pos_ = close + 1;
    }
    return pos_ > start;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// Spark's catalogString of `type`, the form __CHAR_VARCHAR_TYPE_STRING records.
std::string SparkCatalogString(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kTinyInt:
      return "tinyint";
    case TypeId::kSmallInt:
      return "smallint";
    case TypeId::kInteger:
      return "int";
    case TypeId::kBigInt:
      return "bigint";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp_ntz";
    case TypeId::kTimestampTz:
      return "timestamp";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kTime:
      return "time";
    case TypeId::kVarchar:
      return type.max_length() < 0 ? "string"
                                   : "varchar(" + std::to_string(type.max_length()) + ")";
    case TypeId::kStruct: {
      std::string out = "struct<";
      for (size_t i = 0; i < type.struct_fields().size(); ++i) {
        const StructField& field = type.struct_fields()[i];
        if (i > 0) out += ",";
        out += field.name + ":" + SparkCatalogString(field.type);
      }
      return out + ">";
    }
    case TypeId::kList:
      return "array<" + SparkCatalogString(type.list_element()) + ">";
    case TypeId::kMap:
      return "map<" + SparkCatalogString(type.map_key()) + "," +
             SparkCatalogString(type.map_value()) + ">";
  }
  return "string";
}

bool HasBoundedVarchar(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kVarchar:
      return type.max_length() >= 0;
    case TypeId::kStruct:
      for (const StructField& field : type.struct_fields()) {
        if (HasBoundedVarchar(field.type)) return true;
      }
      return false;
    case TypeId::kList:
      return HasBoundedVarchar(type.list_element());
    case TypeId::kMap:
      return HasBoundedVarchar(type.map_key()) || HasBoundedVarchar(type.map_value());
    default:
      return false;
  }
}

Result<LogicalType> ParseDeltaType(simdjson::dom::element type, const std::string& column);

// One field of a nested struct type. Its metadata is not kept: Spark records column metadata
// (defaults, CHAR/VARCHAR lengths, identity) on top-level fields only.
Result<StructField> ParseNestedField(simdjson::dom::element item, const std::string& parent) {
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r,
                         JsonObjectReader::Make(item, "column \"" + parent + "\": struct field"));
  StructField field;
  INLET_ASSIGN_OR_RETURN(field.name, r.RequiredString("name"));
  const std::string column = parent + "." + field.name;
  simdjson::dom::element type;
  if (r.object().at_key("type").get(type)) {
    return Status::InvalidData("schema field \"" + column + "\": missing field \"type\"");
  }
  INLET_ASSIGN_OR_RETURN(field.type, ParseDeltaType(type, column));
  INLET_ASSIGN_OR_RETURN(std::optional<bool> nullable, r.OptionalBool("nullable"));
  field.nullable = nullable.value_or(true);
  return field;
}

// A child type member ("elementType", "keyType", "valueType") of a nested type.
Result<LogicalType> ParseChildType(const JsonObjectReader& r, std::string_view key,
                                   const std::string& column, std::string_view child_name) {
  simdjson::dom::element child;
  if (r.object().at_key(key).get(child)) {
    return Status::InvalidData("schema field \"" + column + "\": missing field \"" +
                               std::string(key) + "\"");
  }
  return ParseDeltaType(child, column + "." + std::string(child_name));
}

// A Delta type: a primitive type name, or an object for struct, array and map
// (PROTOCOL.md, "Schema Serialization Format"). `column` is the dotted path for messages.
Result<LogicalType> ParseDeltaType(simdjson::dom::element type, const std::string& column) {
  std::string_view type_name;
  if (!type.get_string().get(type_name)) return ParsePrimitiveType(type_name, column);
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r,
                         JsonObjectReader::Make(type, "schema field \"" + column + "\""));
  INLET_ASSIGN_OR_RETURN(std::string kind, r.RequiredString("type"));
  if (kind == "struct") {
    simdjson::dom::array fields;
    simdjson::dom::element fields_element;
    if (r.object().at_key("fields").get(fields_element) || fields_element.get_array().get(fields)) {
      return Status::InvalidData("schema field \"" + column + "\": \"fields\" must be an array");
    }
    std::vector<StructField> parsed;
    for (simdjson::dom::element item : fields) {
      INLET_ASSIGN_OR_RETURN(StructField field, ParseNestedField(item, column));
      parsed.push_back(std::move(field));
    }
    Result<LogicalType> result = LogicalType::MakeStruct(std::move(parsed));
    if (!result.ok()) {
      return Status::InvalidData("column \"" + column + "\": " + result.status().message());
    }
    return result;
  }
  if (kind == "array") {
    INLET_ASSIGN_OR_RETURN(LogicalType element,
                           ParseChildType(r, "elementType", column, "element"));
    INLET_ASSIGN_OR_RETURN(std::optional<bool> contains_null, r.OptionalBool("containsNull"));
    return LogicalType::List(std::move(element), contains_null.value_or(true));
  }
  if (kind == "map") {
    INLET_ASSIGN_OR_RETURN(LogicalType key, ParseChildType(r, "keyType", column, "key"));
    INLET_ASSIGN_OR_RETURN(LogicalType value, ParseChildType(r, "valueType", column, "value"));
    INLET_ASSIGN_OR_RETURN(std::optional<bool> contains_null, r.OptionalBool("valueContainsNull"));
    Result<LogicalType> result =
        LogicalType::MakeMap(std::move(key), std::move(value), contains_null.value_or(true));
    if (!result.ok()) {
      return Status::NotImplemented("column \"" + column + "\": " + result.status().message() +
                                    " yet");
    }
    return result;
  }
  return Status::NotImplemented("column \"" + column + "\": nested type " + kind +
                                " is not supported yet");
}

Result<Field> ParseField(const JsonObjectReader& r, std::map<std::string, std::string>* metadata) {
  Field field;
  INLET_ASSIGN_OR_RETURN(field.name, r.RequiredString("name"));
  simdjson::dom::element type;
  if (r.object().at_key("type").get(type)) {
    return Status::InvalidData("schema field \"" + field.name + "\": missing field \"type\"");
  }
  INLET_ASSIGN_OR_RETURN(field.type, ParseDeltaType(type, field.name));
  INLET_ASSIGN_OR_RETURN(std::optional<bool> nullable, r.OptionalBool("nullable"));
  field.nullable = nullable.value_or(true);
  INLET_ASSIGN_OR_RETURN(*metadata, r.StringMap("metadata"));

  auto varchar = metadata->find(kCharVarcharMetadataKey);
  if (varchar != metadata->end()) {
    // A text that does not match the JSON type is ignored: the column stays plain STRING.
    CatalogStringReader reader(varchar->second);
    std::optional<LogicalType> with_lengths = reader.Read(field.type);
    if (with_lengths && reader.AtEnd()) field.type = std::move(*with_lengths);
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

Result<std::string> DeltaTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return std::string("boolean");
    case TypeId::kTinyInt:
      return std::string("byte");
    case TypeId::kSmallInt:
      return std::string("short");
    case TypeId::kInteger:
      return std::string("integer");
    case TypeId::kBigInt:
      return std::string("long");
    case TypeId::kFloat:
      return std::string("float");
    case TypeId::kDouble:
      return std::string("double");
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kVarchar:
      return std::string("string");
    case TypeId::kDate:
      return std::string("date");
    case TypeId::kTimestamp:
      return std::string("timestamp_ntz");
    case TypeId::kTimestampTz:
      return std::string("timestamp");
    case TypeId::kBinary:
      return std::string("binary");
    case TypeId::kTime:
      return Status::InvalidArgument("Delta Lake has no TIME type; declare the column as STRING");
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      break;
  }
  return Status::InvalidArgument(type.ToString() +
                                 " has no Delta type name: nested types are JSON objects");
}

namespace {

Status WriteDeltaType(JsonWriter* w, const LogicalType& type, const std::string& column) {
  switch (type.id()) {
    case TypeId::kStruct:
      w->BeginObject();
      w->StringMember("type", "struct");
      w->Key("fields");
      w->BeginArray();
      for (const StructField& field : type.struct_fields()) {
        w->BeginObject();
        w->StringMember("name", field.name);
        w->Key("type");
        INLET_RETURN_NOT_OK(WriteDeltaType(w, field.type, column + "." + field.name));
        w->Key("nullable");
        w->Bool(field.nullable);
        w->Key("metadata");
        w->BeginObject();
        w->EndObject();
        w->EndObject();
      }
      w->EndArray();
      w->EndObject();
      return Status::OK();
    case TypeId::kList:
      w->BeginObject();
      w->StringMember("type", "array");
      w->Key("elementType");
      INLET_RETURN_NOT_OK(WriteDeltaType(w, type.list_element(), column + ".element"));
      w->Key("containsNull");
      w->Bool(type.list_element_nullable());
      w->EndObject();
      return Status::OK();
    case TypeId::kMap:
      w->BeginObject();
      w->StringMember("type", "map");
      w->Key("keyType");
      INLET_RETURN_NOT_OK(WriteDeltaType(w, type.map_key(), column + ".key"));
      w->Key("valueType");
      INLET_RETURN_NOT_OK(WriteDeltaType(w, type.map_value(), column + ".value"));
      w->Key("valueContainsNull");
      w->Bool(type.map_value_nullable());
      w->EndObject();
      return Status::OK();
    default: {
      Result<std::string> name = DeltaTypeName(type);
      if (!name.ok()) return name.status().WithContext("column \"" + column + "\"");
      w->String(*name);
      return Status::OK();
    }
  }
}

}  // namespace

Result<std::string> SchemaToDeltaJson(const Schema& schema) {
  JsonWriter w;
  w.BeginObject();
  w.StringMember("type", "struct");
  w.Key("fields");
  w.BeginArray();
  for (const Field& field : schema.fields()) {
    w.BeginObject();
    w.StringMember("name", field.name);
    w.Key("type");
    INLET_RETURN_NOT_OK(WriteDeltaType(&w, field.type, field.name));
    w.Key("nullable");
    w.Bool(field.nullable);
    w.Key("metadata");
    w.BeginObject();
    if (HasBoundedVarchar(field.type)) {
      w.StringMember(kCharVarcharMetadataKey, SparkCatalogString(field.type));
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
    case TypeId::kTime:
      return "TIME '" + FormatTime(value.GetInt()) + "'";
    case TypeId::kStruct: {
      std::string out = "named_struct(";
      for (size_t i = 0; i < value.GetChildren().size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteSparkString(type.struct_fields()[i].name) + ", " +
               DefaultValueToSql(value.GetChildren()[i]);
      }
      return out + ")";
    }
    case TypeId::kList:
    case TypeId::kMap: {
      // A map's entries are (key, value) structs; Spark's map() takes them flattened.
      bool is_map = type.id() == TypeId::kMap;
      std::string out = is_map ? "map(" : "array(";
      for (size_t i = 0; i < value.GetChildren().size(); ++i) {
        if (i > 0) out += ", ";
        const Value& child = value.GetChildren()[i];
        out += is_map ? DefaultValueToSql(child.GetChildren()[0]) + ", " +
                            DefaultValueToSql(child.GetChildren()[1])
                      : DefaultValueToSql(child);
      }
      return out + ")";
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
