#include "types/logical_type.h"

#include "common/macros.h"
#include "common/string_util.h"

namespace inlet {

// The parameters of a nested type. Only the members of the type's own kind are set.
struct LogicalType::Nested {
  std::vector<StructField> fields;  // STRUCT
  LogicalType element;              // LIST
  bool element_nullable = true;     // LIST
  LogicalType entry;                // MAP: STRUCT<key NOT NULL, value>

  bool operator==(const Nested& other) const = default;
};

namespace {

// A struct field name as SQL can read it back: bare when it is a plain identifier, otherwise in
// backticks (Spark's and Databricks' identifier quoting).
std::string FieldNameForSql(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      plain = false;
    }
  }
  if (plain) return name;
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`') quoted.push_back('`');
    quoted.push_back(c);
  }
  return quoted + "`";
}

}  // namespace

LogicalType LogicalType::Decimal(int precision, int scale) {
  LogicalType t(TypeId::kDecimal);
  t.precision_ = precision;
  t.scale_ = scale;
  return t;
}

Result<LogicalType> LogicalType::MakeDecimal(int precision, int scale) {
  if (precision < 1 || precision > 38) {
    return Status::InvalidArgument("DECIMAL precision must be between 1 and 38, got " +
                                   std::to_string(precision));
  }
  if (scale < 0 || scale > precision) {
    return Status::InvalidArgument("DECIMAL scale must be between 0 and the precision (" +
                                   std::to_string(precision) + "), got " + std::to_string(scale));
  }
  return Decimal(precision, scale);
}

LogicalType LogicalType::Varchar(int max_length) {
  LogicalType t(TypeId::kVarchar);
  t.max_length_ = max_length;
  return t;
}

LogicalType LogicalType::Struct(std::vector<StructField> fields) {
  LogicalType t(TypeId::kStruct);
  auto nested = std::make_shared<Nested>();
  nested->fields = std::move(fields);
  t.nested_ = std::move(nested);
  return t;
}

Result<LogicalType> LogicalType::MakeStruct(std::vector<StructField> fields) {
  if (fields.empty()) return Status::InvalidArgument("a STRUCT needs at least one field");
  for (size_t i = 0; i < fields.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (EqualsIgnoreCase(fields[i].name, fields[j].name)) {
        return Status::InvalidArgument("duplicate STRUCT field name \"" + fields[i].name + "\"");
      }
    }
  }
  return Struct(std::move(fields));
}

LogicalType LogicalType::List(LogicalType element, bool element_nullable) {
  LogicalType t(TypeId::kList);
  auto nested = std::make_shared<Nested>();
  nested->element = std::move(element);
  nested->element_nullable = element_nullable;
  t.nested_ = std::move(nested);
  return t;
}

LogicalType LogicalType::Map(LogicalType key, LogicalType value, bool value_nullable) {
  LogicalType t(TypeId::kMap);
  auto nested = std::make_shared<Nested>();
  nested->entry = Struct({StructField{"key", std::move(key), false},
                          StructField{"value", std::move(value), value_nullable}});
  t.nested_ = std::move(nested);
  return t;
}

Result<LogicalType> LogicalType::MakeMap(LogicalType key, LogicalType value, bool value_nullable) {
  if (key.is_nested()) {
    return Status::InvalidArgument("MAP keys must be of a primitive type, not " + key.ToString());
  }
  return Map(std::move(key), std::move(value), value_nullable);
}

const std::vector<StructField>& LogicalType::struct_fields() const {
  INLET_DCHECK(id_ == TypeId::kStruct);
  return nested_->fields;
}

const LogicalType& LogicalType::list_element() const {
  INLET_DCHECK(id_ == TypeId::kList);
  return nested_->element;
}

bool LogicalType::list_element_nullable() const {
  INLET_DCHECK(id_ == TypeId::kList);
  return nested_->element_nullable;
}

const LogicalType& LogicalType::map_key() const { return map_entry().struct_fields()[0].type; }

const LogicalType& LogicalType::map_value() const { return map_entry().struct_fields()[1].type; }

bool LogicalType::map_value_nullable() const { return map_entry().struct_fields()[1].nullable; }

const LogicalType& LogicalType::map_entry() const {
  INLET_DCHECK(id_ == TypeId::kMap);
  return nested_->entry;
}

bool LogicalType::operator==(const LogicalType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_ ||
      max_length_ != other.max_length_) {
    return false;
  }
  if (nested_ == other.nested_) return true;
  if (nested_ == nullptr || other.nested_ == nullptr) return false;
  return *nested_ == *other.nested_;
}

PhysicalType LogicalType::physical_type() const {
  switch (id_) {
    case TypeId::kBoolean: return PhysicalType::kBit;
    case TypeId::kTinyInt: return PhysicalType::kInt8;
    case TypeId::kSmallInt: return PhysicalType::kInt16;
    case TypeId::kInteger:
    case TypeId::kDate: return PhysicalType::kInt32;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime: return PhysicalType::kInt64;
    case TypeId::kFloat: return PhysicalType::kFloat;
    case TypeId::kDouble: return PhysicalType::kDouble;
    case TypeId::kDecimal: return PhysicalType::kInt128;
    case TypeId::kVarchar:
    case TypeId::kBinary: return PhysicalType::kString;
    case TypeId::kStruct: return PhysicalType::kStruct;
    case TypeId::kList:
    case TypeId::kMap: return PhysicalType::kList;
  }
  return PhysicalType::kString;
}

int LogicalType::fixed_width() const {
  switch (physical_type()) {
    case PhysicalType::kInt8: return 1;
    case PhysicalType::kInt16: return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt128: return 16;
    case PhysicalType::kBit:
    case PhysicalType::kString:
    case PhysicalType::kStruct:
    case PhysicalType::kList: return 0;
  }
  return 0;
}

bool LogicalType::is_integer() const {
  return id_ == TypeId::kTinyInt || id_ == TypeId::kSmallInt || id_ == TypeId::kInteger ||
         id_ == TypeId::kBigInt;
}

bool LogicalType::is_numeric() const {
  return is_integer() || id_ == TypeId::kFloat || id_ == TypeId::kDouble ||
         id_ == TypeId::kDecimal;
}

bool LogicalType::is_temporal() const {
  return id_ == TypeId::kDate || id_ == TypeId::kTimestamp || id_ == TypeId::kTimestampTz ||
         id_ == TypeId::kTime;
}

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kBoolean: return "BOOLEAN";
    case TypeId::kTinyInt: return "TINYINT";
    case TypeId::kSmallInt: return "SMALLINT";
    case TypeId::kInteger: return "INTEGER";
    case TypeId::kBigInt: return "BIGINT";
    case TypeId::kFloat: return "FLOAT";
    case TypeId::kDouble: return "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kVarchar:
      return max_length_ < 0 ? "VARCHAR" : "VARCHAR(" + std::to_string(max_length_) + ")";
    case TypeId::kDate: return "DATE";
    case TypeId::kTimestamp: return "TIMESTAMP";
    case TypeId::kTimestampTz: return "TIMESTAMPTZ";
    case TypeId::kBinary: return "BINARY";
    case TypeId::kTime: return "TIME";
    case TypeId::kStruct: {
      std::string out = "STRUCT<";
      for (size_t i = 0; i < nested_->fields.size(); ++i) {
        const StructField& field = nested_->fields[i];
        if (i > 0) out += ", ";
        out += FieldNameForSql(field.name) + ": " + field.type.ToString();
        if (!field.nullable) out += " NOT NULL";
      }
      return out + ">";
    }
    case TypeId::kList:
      return "ARRAY<" + list_element().ToString() +
             (list_element_nullable() ? "" : " NOT NULL") + ">";
    case TypeId::kMap:
      return "MAP<" + map_key().ToString() + ", " + map_value().ToString() +
             (map_value_nullable() ? "" : " NOT NULL") + ">";
  }
  return "UNKNOWN";
}

Result<LogicalType> LogicalTypeFromName(const std::string& name, const std::vector<int>& params) {
  std::string n = AsciiToUpper(name);
  auto no_params = [&](LogicalType t) -> Result<LogicalType> {
    if (!params.empty()) {
      return Status::InvalidArgument("type " + n + " takes no parameters");
    }
    return t;
  };
  if (n == "BOOLEAN" || n == "BOOL") return no_params(LogicalType::Boolean());
  if (n == "TINYINT" || n == "INT1" || n == "BYTE") return no_params(LogicalType::TinyInt());
  if (n == "SMALLINT" || n == "INT2" || n == "SHORT") return no_params(LogicalType::SmallInt());
  if (n == "INTEGER" || n == "INT" || n == "INT4") return no_params(LogicalType::Integer());
  if (n == "BIGINT" || n == "INT8" || n == "LONG") return no_params(LogicalType::BigInt());
  if (n == "FLOAT" || n == "REAL" || n == "FLOAT4") return no_params(LogicalType::Float());
  if (n == "DOUBLE" || n == "FLOAT8" || n == "DOUBLE PRECISION") {
    return no_params(LogicalType::Double());
  }
  if (n == "DECIMAL" || n == "NUMERIC" || n == "NUMBER" || n == "DEC") {
    if (params.size() > 2) return Status::InvalidArgument("DECIMAL takes at most 2 parameters");
    // Snowflake's NUMBER and the SQL standard default to (38, 0) and (p, 0).
    int precision = params.empty() ? 38 : params[0];
    int scale = params.size() == 2 ? params[1] : 0;
    return LogicalType::MakeDecimal(precision, scale);
  }
  if (n == "VARCHAR" || n == "TEXT" || n == "STRING" || n == "CHAR" || n == "CHARACTER" ||
      n == "CHARACTER VARYING" || n == "NVARCHAR") {
    if (n == "TEXT" || n == "STRING") return no_params(LogicalType::Varchar());
    if (params.size() > 1) return Status::InvalidArgument(n + " takes at most 1 parameter");
    if (!params.empty() && params[0] < 1) {
      return Status::InvalidArgument(n + " length must be at least 1");
    }
    return LogicalType::Varchar(params.empty() ? -1 : params[0]);
  }
  if (n == "DATE") return no_params(LogicalType::Date());
  if (n == "TIMESTAMP" || n == "DATETIME" || n == "TIMESTAMP_NTZ" ||
      n == "TIMESTAMP WITHOUT TIME ZONE") {
    return no_params(LogicalType::Timestamp());
  }
  if (n == "TIMESTAMPTZ" || n == "TIMESTAMP_TZ" || n == "TIMESTAMP_LTZ" ||
      n == "TIMESTAMP WITH TIME ZONE") {
    return no_params(LogicalType::TimestampTz());
  }
  if (n == "BINARY" || n == "VARBINARY" || n == "BLOB" || n == "BYTEA" || n == "BYTES") {
    return no_params(LogicalType::Binary());
  }
  if (n == "TIME" || n == "TIME WITHOUT TIME ZONE") return no_params(LogicalType::Time());
  return Status::InvalidArgument(
      "unknown type " + name +
      "; supported types: BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, "
      "DECIMAL(p,s), VARCHAR[(n)], TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, BINARY, "
      "STRUCT<...>, ARRAY<...>, MAP<..., ...>");
}

}  // namespace inlet
