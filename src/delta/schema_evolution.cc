#include "delta/schema_evolution.h"

#include <algorithm>

#include "common/string_util.h"
#include "delta/json_reader.h"
#include "delta/json_writer.h"
#include "delta/schema_json.h"

namespace inlet {

namespace {

int IntegerRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInteger:
      return 3;
    case TypeId::kBigInt:
      return 4;
    default:
      return 0;
  }
}

// DECIMAL(p + k1, s + k2) with k1 >= k2 >= 0, for a source of `precision` and `scale`.
bool IsDecimalWidening(int precision, int scale, const LogicalType& to) {
  int k1 = to.precision() - precision;
  int k2 = to.scale() - scale;
  return k2 >= 0 && k1 >= k2;
}

Status Incompatible(const std::string& column, const LogicalType& table_type,
                    const std::string& file_name, const LogicalType& file_type,
                    const std::string& hint) {
  return Status::InvalidArgument("cannot merge column \"" + column + "\": the table has " +
                                 table_type.ToString() + " but " + file_name + " has " +
                                 file_type.ToString() + hint);
}

}  // namespace

bool IsTypeWideningEnabled(const Metadata& metadata) {
  auto it = metadata.configuration.find(kEnableTypeWideningProperty);
  return it != metadata.configuration.end() && EqualsIgnoreCase(it->second, "true");
}

bool IsSupportedWidening(const LogicalType& from, const LogicalType& to) {
  int from_rank = IntegerRank(from.id());
  switch (to.id()) {
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      return from_rank > 0 && from_rank < IntegerRank(to.id());
    case TypeId::kDouble:
      return from.id() == TypeId::kFloat || (from_rank > 0 && from.id() != TypeId::kBigInt);
    case TypeId::kTimestamp:
      return from.id() == TypeId::kDate;
    case TypeId::kDecimal:
      if (from.id() == TypeId::kDecimal) {
        return !(from == to) && IsDecimalWidening(from.precision(), from.scale(), to);
      }
      if (from.id() == TypeId::kBigInt) return IsDecimalWidening(20, 0, to);
      return from_rank > 0 && IsDecimalWidening(10, 0, to);
    default:
      return false;
  }
}

Status MergeFileSchema(const Schema& file_schema, const std::string& file_name,
                       ExistingColumnTypes existing, SchemaMerge* merge) {
  std::vector<Field>& fields = merge->schema.mutable_fields();
  for (const Field& file_field : file_schema.fields()) {
    int index = merge->schema.FindField(file_field.name);
    if (index < 0) {
      fields.push_back(Field{file_field.name, file_field.type, true, std::nullopt});
      merge->added.push_back(file_field.name);
      continue;
    }
    if (existing == ExistingColumnTypes::kKeep) continue;
    Field& field = fields[index];
    const LogicalType& file_type = file_field.type;
    // A VARCHAR(n) column takes any text: the length is checked row by row.
    bool same = field.type == file_type || (field.type.is_string() && file_type.is_string());
    if (same || IsSupportedWidening(file_type, field.type)) continue;
    if (!IsSupportedWidening(field.type, file_type)) {
      return Incompatible(field.name, field.type, file_name, file_type,
                          field.type.is_nested() || file_type.is_nested()
                              ? "; nested types are not merged"
                              : "; only widening type changes are allowed");
    }
    if (existing == ExistingColumnTypes::kNoWidening) {
      return Incompatible(field.name, field.type, file_name, file_type,
                          "; widening the column needs the table property " +
                              std::string(kEnableTypeWideningProperty) + " = true");
    }
    auto change = std::find_if(merge->widened.begin(), merge->widened.end(),
                               [&](const TypeChange& c) { return c.column == field.name; });
    if (change == merge->widened.end()) {
      merge->widened.push_back(TypeChange{field.name, field.type, file_type});
    } else {
      change->to = file_type;
    }
    field.type = file_type;
  }
  return Status::OK();
}

Result<std::string> EvolveSchemaString(std::string_view schema_string, const SchemaMerge& merge) {
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element doc,
                         ParseJson(&parser, schema_string, "schemaString"));
  simdjson::dom::array fields;
  if (doc["fields"].get_array().get(fields)) {
    return Status::InvalidData("schemaString: \"fields\" must be an array");
  }
  JsonWriter w;
  w.BeginObject();
  w.StringMember("type", "struct");
  w.Key("fields");
  w.BeginArray();
  for (simdjson::dom::element field : fields) {
    std::string_view name;
    if (field["name"].get_string().get(name)) {
      return Status::InvalidData("schemaString: a field has no name");
    }
    auto change = std::find_if(merge.widened.begin(), merge.widened.end(),
                               [&](const TypeChange& c) { return c.column == name; });
    if (change == merge.widened.end()) {
      w.Raw(JsonText(field));
      continue;
    }
    INLET_ASSIGN_OR_RETURN(std::string from, DeltaTypeName(change->from));
    INLET_ASSIGN_OR_RETURN(std::string to, DeltaTypeName(change->to));
    w.BeginObject();
    simdjson::dom::object members = field.get_object();
    simdjson::dom::object metadata;
    for (auto member : members) {
      if (member.key == "metadata") {
        if (member.value.get_object().get(metadata)) {
          return Status::InvalidData("schemaString: the metadata of \"" + std::string(name) +
                                     "\" is not an object");
        }
        continue;
      }
      w.Key(member.key);
      if (member.key == "type") {
        w.String(to);
      } else {
        w.Raw(JsonText(member.value));
      }
    }
    w.Key("metadata");
    w.BeginObject();
    simdjson::dom::array history;
    bool has_history = false;
    for (auto member : metadata) {
      if (member.key == kTypeChangesMetadataKey) {
        has_history = !member.value.get_array().get(history);
        continue;
      }
      w.Key(member.key);
      w.Raw(JsonText(member.value));
    }
    w.Key(kTypeChangesMetadataKey);
    w.BeginArray();
    if (has_history) {
      for (simdjson::dom::element entry : history) w.Raw(JsonText(entry));
    }
    w.BeginObject();
    w.StringMember("fromType", from);
    w.StringMember("toType", to);
    w.EndObject();
    w.EndArray();
    w.EndObject();
    w.EndObject();
  }
  if (!merge.added.empty()) {
    std::vector<Field> added;
    for (const std::string& column : merge.added) {
      added.push_back(merge.schema.field(merge.schema.FindFieldExact(column)));
    }
    INLET_ASSIGN_OR_RETURN(std::string added_json, SchemaToDeltaJson(Schema(std::move(added))));
    simdjson::dom::parser added_parser;
    INLET_ASSIGN_OR_RETURN(simdjson::dom::element added_doc,
                           ParseJson(&added_parser, added_json, "added columns"));
    simdjson::dom::array added_fields = added_doc["fields"].get_array();
    for (simdjson::dom::element field : added_fields) w.Raw(JsonText(field));
  }
  w.EndArray();
  w.EndObject();
  return std::move(w).Take();
}

}  // namespace inlet
