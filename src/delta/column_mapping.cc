#include "delta/column_mapping.h"

#include <algorithm>
#include <charconv>

#include "common/string_util.h"
#include "delta/json_reader.h"
#include "delta/json_writer.h"
#include "types/cast.h"

namespace inlet {

namespace {

constexpr char kPhysicalNameKey[] = "delta.columnMapping.physicalName";
constexpr char kIdKey[] = "delta.columnMapping.id";

Result<PhysicalField> ParseField(simdjson::dom::element element, ColumnMappingMode mode,
                                 const std::string& path);

// The children of a field's type: a struct's fields, an array's element, a map's key and value.
Result<std::vector<PhysicalField>> ParseTypeChildren(simdjson::dom::element type,
                                                     ColumnMappingMode mode,
                                                     const std::string& path) {
  std::vector<PhysicalField> children;
  if (!type.is_object()) return children;  // a primitive type name
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(type, "type of " + path));
  INLET_ASSIGN_OR_RETURN(std::string kind, r.RequiredString("type"));
  simdjson::dom::object object = r.object();
  if (kind == "struct") {
    simdjson::dom::array fields;
    if (object["fields"].get_array().get(fields) != simdjson::SUCCESS) {
      return Status::InvalidData("schema: struct " + path + " has no fields array");
    }
    for (simdjson::dom::element field : fields) {
      INLET_ASSIGN_OR_RETURN(PhysicalField child, ParseField(field, mode, path));
      children.push_back(std::move(child));
    }
    return children;
  }
  std::vector<std::pair<const char*, const char*>> parts;
  if (kind == "array") parts = {{"elementType", "element"}};
  if (kind == "map") parts = {{"keyType", "key"}, {"valueType", "value"}};
  for (const auto& [key, name] : parts) {
    simdjson::dom::element inner;
    if (object[key].get(inner) != simdjson::SUCCESS) {
      return Status::InvalidData("schema: " + path + " has no " + key);
    }
    PhysicalField child;
    child.name = name;
    INLET_ASSIGN_OR_RETURN(child.children, ParseTypeChildren(inner, mode, path + "." + name));
    children.push_back(std::move(child));
  }
  return children;
}

Result<PhysicalField> ParseField(simdjson::dom::element element, ColumnMappingMode mode,
                                 const std::string& parent) {
  INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(element, "schema field"));
  INLET_ASSIGN_OR_RETURN(std::string name, r.RequiredString("name"));
  std::string path = parent.empty() ? name : parent + "." + name;
  PhysicalField field;
  field.name = name;
  INLET_ASSIGN_OR_RETURN(std::optional<JsonObjectReader> metadata, r.OptionalObject("metadata"));
  if (metadata) {
    INLET_ASSIGN_OR_RETURN(std::optional<std::string> physical,
                           metadata->OptionalString(kPhysicalNameKey));
    if (physical) field.name = *physical;
    INLET_ASSIGN_OR_RETURN(std::optional<int64_t> id, metadata->OptionalInt(kIdKey));
    if (id) field.id = static_cast<int32_t>(*id);
    if (mode != ColumnMappingMode::kNone && !physical) {
      return Status::InvalidData("column \"" + path + "\" has no " + kPhysicalNameKey +
                                 " although the table uses column mapping");
    }
  } else if (mode != ColumnMappingMode::kNone) {
    return Status::InvalidData("column \"" + path + "\" has no " + kPhysicalNameKey +
                               " although the table uses column mapping");
  }
  simdjson::dom::element type;
  if (r.object()["type"].get(type) != simdjson::SUCCESS) {
    return Status::InvalidData("schema: column \"" + path + "\" has no type");
  }
  INLET_ASSIGN_OR_RETURN(field.children, ParseTypeChildren(type, mode, path));
  return field;
}

const char* ModeName(ColumnMappingMode mode) {
  switch (mode) {
    case ColumnMappingMode::kNone:
      return "none";
    case ColumnMappingMode::kName:
      return "name";
    case ColumnMappingMode::kId:
      return "id";
  }
  return "none";
}

int64_t MaxId(const std::vector<PhysicalField>& fields) {
  int64_t max_id = 0;
  for (const PhysicalField& field : fields) {
    max_id = std::max({max_id, static_cast<int64_t>(field.id.value_or(0)), MaxId(field.children)});
  }
  return max_id;
}

// Copies a schemaString, giving each struct field without them a column id and a physical name.
// Ids are given parent first, in schema order, as Spark gives them.
class MappingWriter {
 public:
  MappingWriter(PhysicalNaming naming, int64_t max_id) : naming_(naming), max_id_(max_id) {}

  int64_t max_id() const { return max_id_; }
  int assigned() const { return assigned_; }

  // A data type: a primitive's name as it is, a struct's fields and the types inside an array or
  // map copied with their struct fields mapped.
  Status WriteType(simdjson::dom::element type, JsonWriter* w) {
    simdjson::dom::object object;
    if (type.get_object().get(object) != simdjson::SUCCESS) {
      w->Raw(JsonText(type));
      return Status::OK();
    }
    w->BeginObject();
    for (auto member : object) {
      w->Key(member.key);
      // ParsePhysicalFields has checked the schema's shape already.
      simdjson::dom::array fields;
      if (member.key == "fields" && member.value.get_array().get(fields) == simdjson::SUCCESS) {
        w->BeginArray();
        for (simdjson::dom::element field : fields) INLET_RETURN_NOT_OK(WriteField(field, w));
        w->EndArray();
      } else if (member.key == "elementType" || member.key == "keyType" ||
                 member.key == "valueType") {
        INLET_RETURN_NOT_OK(WriteType(member.value, w));
      } else {
        w->Raw(JsonText(member.value));
      }
    }
    w->EndObject();
    return Status::OK();
  }

 private:
  Status WriteField(simdjson::dom::element element, JsonWriter* w) {
    INLET_ASSIGN_OR_RETURN(JsonObjectReader r, JsonObjectReader::Make(element, "schema field"));
    INLET_ASSIGN_OR_RETURN(std::string name, r.RequiredString("name"));
    INLET_ASSIGN_OR_RETURN(std::optional<JsonObjectReader> metadata, r.OptionalObject("metadata"));
    bool has_id = metadata && metadata->Has(kIdKey);
    bool has_physical = metadata && metadata->Has(kPhysicalNameKey);
    int64_t id = 0;
    if (!has_id) id = ++max_id_;
    std::string physical;
    if (!has_physical) physical = naming_ == PhysicalNaming::kFresh ? "col-" + RandomUuid() : name;
    if (!has_id || !has_physical) ++assigned_;
    // Writes the mapping keys the field lacks into its (open) metadata object.
    auto write_missing = [&] {
      if (!has_id) {
        w->Key(kIdKey);
        w->Int(id);
      }
      if (!has_physical) w->StringMember(kPhysicalNameKey, physical);
    };
    w->BeginObject();
    for (auto member : r.object()) {
      w->Key(member.key);
      if (member.key == "type") {
        INLET_RETURN_NOT_OK(WriteType(member.value, w));
      } else if (member.key == "metadata" && metadata) {
        w->BeginObject();
        for (auto entry : metadata->object()) {
          w->Key(entry.key);
          w->Raw(JsonText(entry.value));
        }
        write_missing();
        w->EndObject();
      } else {
        w->Raw(JsonText(member.value));
      }
    }
    if (!metadata) {
      w->Key("metadata");
      w->BeginObject();
      write_missing();
      w->EndObject();
    }
    w->EndObject();
    return Status::OK();
  }

  PhysicalNaming naming_;
  int64_t max_id_;
  int assigned_ = 0;
};

// Checks that every struct field inside `type` has its column id.
Status CheckNestedIds(const PhysicalField& node, const LogicalType& type, const std::string& path);

Status CheckFieldId(const PhysicalField& field, const LogicalType& type, const std::string& path) {
  if (!field.id) {
    return Status::InvalidData("column \"" + path + "\" has no " + kIdKey +
                               " although the table uses column mapping");
  }
  return CheckNestedIds(field, type, path);
}

Status CheckNestedIds(const PhysicalField& node, const LogicalType& type, const std::string& path) {
  const std::vector<PhysicalField>& children = node.children;
  auto child = [&](size_t i) -> Result<const PhysicalField*> {
    if (i < children.size()) return &children[i];
    return Status::InvalidData("the column mapping of column \"" + path +
                               "\" does not match its type");
  };
  switch (type.id()) {
    case TypeId::kStruct: {
      const std::vector<StructField>& fields = type.struct_fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        INLET_ASSIGN_OR_RETURN(const PhysicalField* field, child(i));
        INLET_RETURN_NOT_OK(CheckFieldId(*field, fields[i].type, path + "." + fields[i].name));
      }
      return Status::OK();
    }
    case TypeId::kList: {
      INLET_ASSIGN_OR_RETURN(const PhysicalField* element, child(0));
      return CheckNestedIds(*element, type.list_element(), path + ".element");
    }
    case TypeId::kMap: {
      INLET_ASSIGN_OR_RETURN(const PhysicalField* key, child(0));
      INLET_ASSIGN_OR_RETURN(const PhysicalField* value, child(1));
      INLET_RETURN_NOT_OK(CheckNestedIds(*key, type.map_key(), path + ".key"));
      return CheckNestedIds(*value, type.map_value(), path + ".value");
    }
    default:
      return Status::OK();
  }
}

}  // namespace

Status AssignColumnMapping(Metadata* metadata, PhysicalNaming naming) {
  INLET_ASSIGN_OR_RETURN(ColumnMappingMode mode, GetColumnMappingMode(*metadata));
  if (mode == ColumnMappingMode::kNone) return Status::OK();
  INLET_ASSIGN_OR_RETURN(std::vector<PhysicalField> fields,
                         ParsePhysicalFields(metadata->schema_string, ColumnMappingMode::kNone));
  int64_t max_id = MaxId(fields);
  auto recorded = metadata->configuration.find(kMaxColumnIdProperty);
  if (recorded != metadata->configuration.end()) {
    const std::string& text = recorded->second;
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      return Status::InvalidData(std::string(kMaxColumnIdProperty) + " must be an integer, not '" +
                                 text + "'");
    }
    max_id = std::max(max_id, value);
  }
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element root,
                         ParseJson(&parser, metadata->schema_string, "schemaString"));
  MappingWriter writer(naming, max_id);
  JsonWriter w;
  INLET_RETURN_NOT_OK(writer.WriteType(root, &w));
  if (writer.assigned() > 0) metadata->schema_string = std::move(w).Take();
  metadata->configuration[kMaxColumnIdProperty] = std::to_string(writer.max_id());
  return Status::OK();
}

Status ChangeColumnMapping(const Metadata& before, Metadata* after) {
  INLET_ASSIGN_OR_RETURN(ColumnMappingMode from, GetColumnMappingMode(before));
  INLET_ASSIGN_OR_RETURN(ColumnMappingMode to, GetColumnMappingMode(*after));
  // Keeping the mode still restores delta.columnMapping.maxColumnId should it have been unset.
  if (from == to) return AssignColumnMapping(after, PhysicalNaming::kFresh);
  if (from == ColumnMappingMode::kNone && to == ColumnMappingMode::kName) {
    return AssignColumnMapping(after, PhysicalNaming::kDisplayName);
  }
  return Status::InvalidArgument(
      std::string("delta.columnMapping.mode cannot change from ") + ModeName(from) + " to " +
      ModeName(to) +
      ": the table's data files would not match its schema; inlet turns column "
      "mapping on from none to name only");
}

Result<std::vector<PhysicalField>> PhysicalFieldsForWrite(const Metadata& metadata,
                                                          const Schema& schema) {
  INLET_ASSIGN_OR_RETURN(ColumnMappingMode mode, GetColumnMappingMode(metadata));
  if (mode == ColumnMappingMode::kNone) return std::vector<PhysicalField>();
  INLET_ASSIGN_OR_RETURN(std::vector<PhysicalField> fields,
                         ParsePhysicalFields(metadata.schema_string, mode));
  if (fields.size() != schema.num_fields()) {
    return Status::InvalidData("the schema's column mapping does not match its columns");
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& field = schema.field(i);
    INLET_RETURN_NOT_OK(CheckFieldId(fields[i], field.type, field.name));
  }
  return fields;
}

Result<ColumnMappingMode> GetColumnMappingMode(const Metadata& metadata) {
  auto it = metadata.configuration.find("delta.columnMapping.mode");
  if (it == metadata.configuration.end() || EqualsIgnoreCase(it->second, "none")) {
    return ColumnMappingMode::kNone;
  }
  if (EqualsIgnoreCase(it->second, "name")) return ColumnMappingMode::kName;
  if (EqualsIgnoreCase(it->second, "id")) return ColumnMappingMode::kId;
  return Status::InvalidData("unknown delta.columnMapping.mode '" + it->second +
                             "' (expected none, name or id)");
}

Result<std::vector<PhysicalField>> ParsePhysicalFields(std::string_view schema_string,
                                                       ColumnMappingMode mode) {
  simdjson::dom::parser parser;
  INLET_ASSIGN_OR_RETURN(simdjson::dom::element root,
                         ParseJson(&parser, schema_string, "schemaString"));
  INLET_ASSIGN_OR_RETURN(std::vector<PhysicalField> fields, ParseTypeChildren(root, mode, ""));
  return fields;
}

Result<Value> ToLogicalValue(const Value& value, const LogicalType& type,
                             const PhysicalField& physical) {
  if (value.is_null()) return Value::Null(type);
  switch (type.id()) {
    case TypeId::kStruct: {
      if (value.type().id() != TypeId::kStruct) return CastValue(value, type);
      const std::vector<StructField>& logical = type.struct_fields();
      const std::vector<StructField>& in_file = value.type().struct_fields();
      std::vector<Value> fields;
      for (size_t i = 0; i < logical.size(); ++i) {
        const PhysicalField* child = i < physical.children.size() ? &physical.children[i] : nullptr;
        const std::string& name = child ? child->name : logical[i].name;
        size_t j = 0;
        while (j < in_file.size() && in_file[j].name != name) ++j;
        if (j == in_file.size()) {
          fields.push_back(Value::Null(logical[i].type));
          continue;
        }
        INLET_ASSIGN_OR_RETURN(Value field, ToLogicalValue(value.GetChildren()[j], logical[i].type,
                                                           child ? *child : PhysicalField{}));
        fields.push_back(std::move(field));
      }
      return Value::Struct(type, std::move(fields));
    }
    case TypeId::kList: {
      if (value.type().id() != TypeId::kList) return CastValue(value, type);
      PhysicalField element = physical.children.empty() ? PhysicalField{} : physical.children[0];
      std::vector<Value> elements;
      for (const Value& e : value.GetChildren()) {
        INLET_ASSIGN_OR_RETURN(Value converted, ToLogicalValue(e, type.list_element(), element));
        elements.push_back(std::move(converted));
      }
      return Value::List(type, std::move(elements));
    }
    case TypeId::kMap: {
      if (value.type().id() != TypeId::kMap) return CastValue(value, type);
      PhysicalField key = physical.children.size() > 0 ? physical.children[0] : PhysicalField{};
      PhysicalField item = physical.children.size() > 1 ? physical.children[1] : PhysicalField{};
      std::vector<Value> entries;
      for (const Value& entry : value.GetChildren()) {
        const std::vector<Value>& kv = entry.GetChildren();
        INLET_ASSIGN_OR_RETURN(Value k, ToLogicalValue(kv[0], type.map_key(), key));
        INLET_ASSIGN_OR_RETURN(Value v, ToLogicalValue(kv[1], type.map_value(), item));
        entries.push_back(Value::Struct(type.map_entry(), {std::move(k), std::move(v)}));
      }
      return Value::Map(type, std::move(entries));
    }
    default:
      if (value.type() == type) return value;
      return CastValue(value, type);
  }
}

}  // namespace inlet
