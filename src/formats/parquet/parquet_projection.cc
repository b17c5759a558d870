#include "formats/parquet/parquet_projection.h"

#include <algorithm>
#include <unordered_map>

#include "common/string_util.h"
#include "types/cast.h"

namespace inlet::parquet {

namespace {

using NodeKind = SchemaNode::Kind;

// The index of the item named `name` (by `get_name`): an exact match first, else one ignoring
// ASCII case; -1 when none.
template <typename Named, typename GetName>
int FindByName(const std::vector<Named>& items, std::string_view name, GetName get_name) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (get_name(items[i]) == name) return static_cast<int>(i);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (EqualsIgnoreCase(get_name(items[i]), name)) return static_cast<int>(i);
  }
  return -1;
}

int FindChild(const SchemaNode& node, std::string_view name) {
  return FindByName(node.children, name,
                    [](const SchemaNode& n) -> const std::string& { return n.name; });
}

// Adds the leaves of `node` that a column of type `target` needs to `leaves`.
void AddNeededLeaves(const SchemaNode& node, const LogicalType& target, std::vector<int>* leaves) {
  if (node.kind == NodeKind::kStruct && target.id() == TypeId::kStruct) {
    size_t before = leaves->size();
    for (const StructField& field : target.struct_fields()) {
      int child = FindChild(node, field.name);
      if (child >= 0) AddNeededLeaves(node.children[child], field.type, leaves);
    }
    // Without a shared field one leaf still says which structs are NULL.
    if (leaves->size() == before) leaves->push_back(node.leaf_begin);
    return;
  }
  if (node.kind == NodeKind::kList && target.id() == TypeId::kList) {
    AddNeededLeaves(node.children[0], target.list_element(), leaves);
    return;
  }
  for (int l = node.leaf_begin; l < node.leaf_end; ++l) leaves->push_back(l);
}

// Finds the field that the dotted name `rest` reaches from `nodes` through STRUCTs, comparing
// names ignoring ASCII case; names may hold dots themselves. Appends its path to `path`.
bool FindDottedPath(const std::vector<SchemaNode>& nodes, std::string_view rest,
                    std::vector<int>* path) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    const std::string& name = nodes[i].name;
    if (rest.size() < name.size() || !EqualsIgnoreCase(rest.substr(0, name.size()), name)) {
      continue;
    }
    if (rest.size() == name.size()) {
      path->push_back(static_cast<int>(i));
      return true;
    }
    if (rest[name.size()] != '.' || nodes[i].kind != NodeKind::kStruct) continue;
    path->push_back(static_cast<int>(i));
    if (FindDottedPath(nodes[i].children, rest.substr(name.size() + 1), path)) return true;
    path->pop_back();
  }
  return false;
}

void AddShreddedFields(const SchemaNode& node, const std::string& name, bool nullable,
                       std::vector<Field>* out) {
  if (node.kind != NodeKind::kStruct) {
    out->push_back(Field{name, node.type, nullable, std::nullopt});
    return;
  }
  for (const SchemaNode& child : node.children) {
    AddShreddedFields(child, name + "." + child.name, nullable || child.nullable, out);
  }
}

Status NullWhereNotNull(const std::string& what, const LogicalType& target) {
  return Status::CastError("NULL " + what + " where " + target.ToString() + " is NOT NULL");
}

}  // namespace

Result<LoadProjection> ProjectForLoad(const SchemaTree& tree, const Schema& target,
                                      const std::string& file_name) {
  std::unordered_map<std::string, int> by_name;
  std::vector<std::string> names;
  for (size_t i = 0; i < tree.fields.size(); ++i) {
    names.push_back(tree.fields[i].name);
    if (!by_name.emplace(AsciiToLower(tree.fields[i].name), static_cast<int>(i)).second) {
      return Status::InvalidData(file_name + ": column \"" + tree.fields[i].name +
                                 "\" appears more than once in the file");
    }
  }
  bool shred = std::none_of(target.fields().begin(), target.fields().end(),
                            [](const Field& f) { return f.type.id() == TypeId::kStruct; });
  LoadProjection projection;
  bool any = false;
  for (const Field& field : target.fields()) {
    ParquetColumnSelection selection;
    auto top = by_name.find(AsciiToLower(field.name));
    if (top != by_name.end()) {
      selection.path = {top->second};
    } else if (!shred || !FindDottedPath(tree.fields, field.name, &selection.path)) {
      projection.field_to_selection.push_back(-1);
      continue;
    }
    any = true;
    const SchemaNode* node = &tree.fields[selection.path[0]];
    for (size_t i = 1; i < selection.path.size(); ++i) node = &node->children[selection.path[i]];
    if (field.type.is_nested() && node->kind != NodeKind::kLeaf) {
      AddNeededLeaves(*node, field.type, &selection.leaves);
      std::sort(selection.leaves.begin(), selection.leaves.end());
      // Reading every leaf is what an empty list says, and it compares equal across fields.
      if (static_cast<int>(selection.leaves.size()) == node->leaf_end - node->leaf_begin) {
        selection.leaves.clear();
      }
    }
    auto same = std::find_if(projection.selections.begin(), projection.selections.end(),
                             [&](const ParquetColumnSelection& s) {
                               return s.path == selection.path && s.leaves == selection.leaves;
                             });
    projection.field_to_selection.push_back(static_cast<int>(same - projection.selections.begin()));
    if (same == projection.selections.end()) projection.selections.push_back(std::move(selection));
  }
  if (!any && !target.empty()) {
    std::vector<std::string> table;
    for (const Field& field : target.fields()) table.push_back(field.name);
    return Status::InvalidData(file_name + ": none of the file's columns (" +
                               JoinStrings(names, ", ") + ") match a column of the table (" +
                               JoinStrings(table, ", ") + ")");
  }
  return projection;
}

Schema ShreddedSchema(const SchemaTree& tree) {
  std::vector<Field> fields;
  for (const SchemaNode& node : tree.fields) {
    AddShreddedFields(node, node.name, node.nullable, &fields);
  }
  return Schema(std::move(fields));
}

Result<Value> ConvertForLoad(const Value& value, const LogicalType& target) {
  if (value.is_null()) return Value::Null(target);
  const LogicalType& source = value.type();
  if (source == target) return value;
  if (!target.is_nested() || source.id() != target.id()) return CastValue(value, target);
  const std::vector<Value>& children = value.GetChildren();
  std::vector<Value> out;
  out.reserve(target.id() == TypeId::kStruct ? target.struct_fields().size() : children.size());
  switch (target.id()) {
    case TypeId::kStruct:
      for (const StructField& field : target.struct_fields()) {
        int match = FindByName(source.struct_fields(), field.name,
                               [](const StructField& f) -> const std::string& { return f.name; });
        Value converted = Value::Null(field.type);
        if (match >= 0) {
          INLET_ASSIGN_OR_RETURN(converted, ConvertForLoad(children[match], field.type));
        }
        if (converted.is_null() && !field.nullable) {
          return NullWhereNotNull("field \"" + field.name + "\"", target);
        }
        out.push_back(std::move(converted));
      }
      return Value::Struct(target, std::move(out));
    case TypeId::kList:
      for (const Value& element : children) {
        INLET_ASSIGN_OR_RETURN(Value converted, ConvertForLoad(element, target.list_element()));
        if (converted.is_null() && !target.list_element_nullable()) {
          return NullWhereNotNull("element", target);
        }
        out.push_back(std::move(converted));
      }
      return Value::List(target, std::move(out));
    default: {  // MAP
      for (const Value& entry : children) {
        const std::vector<Value>& key_value = entry.GetChildren();
        // Keys are never NULL, and no cast makes a value NULL.
        INLET_ASSIGN_OR_RETURN(Value key, ConvertForLoad(key_value[0], target.map_key()));
        INLET_ASSIGN_OR_RETURN(Value mapped, ConvertForLoad(key_value[1], target.map_value()));
        if (mapped.is_null() && !target.map_value_nullable()) {
          return NullWhereNotNull("value", target);
        }
        out.push_back(Value::Struct(target.map_entry(), {std::move(key), std::move(mapped)}));
      }
      return Value::Map(target, std::move(out));
    }
  }
}

}  // namespace inlet::parquet
