#include "formats/parquet/parquet_schema.h"

#include "common/string_util.h"

namespace inlet::parquet {

namespace {

using Kind = LogicalTypeAnnotation::Kind;
using NodeKind = SchemaNode::Kind;

// Whether `e` carries the annotation: its LogicalType when it has one, else its ConvertedType.
bool Annotated(const SchemaElement& e, Kind kind, ConvertedType converted) {
  return e.logical_type ? e.logical_type->kind == kind : e.converted_type == converted;
}

bool IsListGroup(const SchemaElement& e) { return Annotated(e, Kind::kList, ConvertedType::kList); }

// MAP_KEY_VALUE outside a MAP group means MAP (LogicalTypes.md, Maps, backward compatibility);
// inside one it is never asked about, as the key_value group is read by ParseMap itself.
bool IsMapGroup(const SchemaElement& e) {
  return Annotated(e, Kind::kMap, ConvertedType::kMap) ||
         (!e.logical_type && e.converted_type == ConvertedType::kMapKeyValue);
}

int32_t NumChildren(const SchemaElement& e) { return e.num_children.value_or(0); }

bool IsRepeated(const SchemaElement& e) { return e.repetition_type == Repetition::kRepeated; }

// Builds the tree from the depth-first element list. Elements are consumed strictly in order
// (next_ only grows), so no count in a hostile footer can make the walk revisit an element or
// run past the list, and recursion stops at kMaxSchemaDepth.
class SchemaReader {
 public:
  SchemaReader(const std::vector<SchemaElement>& elements, const std::string& file_name,
               const LeafTypeOptions& options)
      : elements_(elements), file_name_(file_name), options_(options) {}

  Result<SchemaTree> Read() {
    if (elements_.empty()) return Status::InvalidData(file_name_ + ": Parquet schema is empty");
    int32_t fields = NumChildren(elements_[0]);
    if (fields < 0)
      return Malformed("the schema root claims " + std::to_string(fields) + " fields");
    for (int32_t i = 0; i < fields; ++i) {
      SchemaNode node;
      INLET_RETURN_NOT_OK(ParseField(0, 0, 1, &node));
      tree_.fields.push_back(std::move(node));
    }
    if (next_ != elements_.size()) {
      return Malformed("the schema has " + std::to_string(elements_.size()) +
                       " elements but its root's fields take " + std::to_string(next_));
    }
    return std::move(tree_);
  }

 private:
  Status Malformed(const std::string& what) const {
    return Status::InvalidData(file_name_ + ": malformed Parquet schema: " + what);
  }

  std::string Where() const { return file_name_ + ": column \"" + JoinStrings(path_, ".") + "\""; }

  // The index of the next element, which the caller consumes.
  Result<size_t> Take(int depth) {
    if (depth > kMaxSchemaDepth) {
      return Malformed("fields nest deeper than " + std::to_string(kMaxSchemaDepth) + " levels");
    }
    if (next_ >= elements_.size()) {
      return Malformed("groups claim more fields than the schema's " +
                       std::to_string(elements_.size()) + " elements");
    }
    size_t index = next_++;
    if (NumChildren(elements_[index]) < 0) {
      return Malformed("field \"" + elements_[index].name + "\" claims " +
                       std::to_string(NumChildren(elements_[index])) + " fields");
    }
    return index;
  }

  // Reads the next field (top-level or of a group) and its subtree; the parent holds a value
  // from definition level `def`, inside `rep` repeated fields.
  Status ParseField(int16_t def, int16_t rep, int depth, SchemaNode* node) {
    INLET_ASSIGN_OR_RETURN(size_t index, Take(depth));
    const SchemaElement& e = elements_[index];
    if (!IsRepeated(e)) {
      // Writers leave the repetition out of some fields; OPTIONAL is the safe reading.
      bool optional = e.repetition_type.value_or(Repetition::kOptional) == Repetition::kOptional;
      return ParseValue(index, optional, def, rep, depth, node);
    }
    // A repeated field outside LIST and MAP groups is a required list of required elements.
    SchemaNode element;
    INLET_RETURN_NOT_OK(ParseValue(index, false, def + 1, rep + 1, depth, &element));
    MakeList(e.name, false, def, rep, std::move(element), node);
    return Status::OK();
  }

  // Fills `node` as a LIST (not NULL when `optional` is false) of `element`.
  void MakeList(const std::string& name, bool optional, int16_t def_level, int16_t rep,
                SchemaNode element, SchemaNode* node) {
    node->kind = NodeKind::kList;
    node->name = name;
    node->optional = node->nullable = optional;
    node->def_level = def_level;
    node->repeated_def_level = static_cast<int16_t>(def_level + 1);
    node->repeated_rep_level = static_cast<int16_t>(rep + 1);
    node->type = LogicalType::List(element.type, element.nullable);
    node->leaf_begin = element.leaf_begin;
    node->leaf_end = element.leaf_end;
    node->children.clear();
    node->children.push_back(std::move(element));
  }

  // Reads element `index` (taken already; its fields come next) as a value that is OPTIONAL or
  // not at its own level, whatever its repetition says.
  Status ParseValue(size_t index, bool optional, int16_t def, int16_t rep, int depth,
                    SchemaNode* node) {
    const SchemaElement& e = elements_[index];
    path_.push_back(e.name);
    int16_t own_def = static_cast<int16_t>(def + (optional ? 1 : 0));
    Status status;
    if (NumChildren(e) == 0) {
      status = ParseLeaf(e, own_def, rep, node);
    } else if (IsListGroup(e)) {
      status = ParseList(e, own_def, rep, depth, node);
    } else if (IsMapGroup(e)) {
      status = ParseMap(e, own_def, rep, depth, node);
    } else {
      status = ParseStruct(e, own_def, rep, depth, node);
    }
    path_.pop_back();
    INLET_RETURN_NOT_OK(status);
    node->name = e.name;
    node->optional = node->nullable = optional;
    return Status::OK();
  }

  Status ParseLeaf(const SchemaElement& e, int16_t def, int16_t rep, SchemaNode* node) {
    if (!e.type) return Malformed("field \"" + JoinStrings(path_, ".") + "\" has no type");
    ColumnDescriptor d;
    d.name = JoinStrings(path_, ".");
    d.path = path_;
    d.physical = *e.type;
    d.type_length = e.type_length.value_or(0);
    d.max_definition_level = def;
    d.max_repetition_level = rep;
    // Messages about the leaf name its whole path, not just "element".
    SchemaElement named = e;
    named.name = d.name;
    INLET_RETURN_NOT_OK(MapLeafType(named, file_name_, options_, &d));
    node->kind = NodeKind::kLeaf;
    node->type = d.type;
    node->def_level = def;
    node->leaf_begin = static_cast<int>(tree_.leaves.size());
    node->leaf_end = node->leaf_begin + 1;
    tree_.leaves.push_back(std::move(d));
    return Status::OK();
  }

  Status ParseStruct(const SchemaElement& e, int16_t def, int16_t rep, int depth,
                     SchemaNode* node) {
    node->kind = NodeKind::kStruct;
    node->def_level = def;
    node->leaf_begin = static_cast<int>(tree_.leaves.size());
    std::vector<StructField> fields;
    for (int32_t i = 0; i < NumChildren(e); ++i) {
      SchemaNode child;
      INLET_RETURN_NOT_OK(ParseField(def, rep, depth + 1, &child));
      fields.push_back(StructField{child.name, child.type, child.nullable});
      node->children.push_back(std::move(child));
    }
    node->leaf_end = static_cast<int>(tree_.leaves.size());
    auto type = LogicalType::MakeStruct(std::move(fields));
    if (!type.ok()) return Status::NotImplemented(Where() + ": " + type.status().message());
    node->type = std::move(*type);
    return Status::OK();
  }

  // A LIST group: its single field must be repeated. Which level is the element follows the
  // five rules of LogicalTypes.md (Lists, backward compatibility).
  Status ParseList(const SchemaElement& e, int16_t def, int16_t rep, int depth, SchemaNode* node) {
    if (NumChildren(e) != 1) {
      return Malformed("LIST group \"" + JoinStrings(path_, ".") + "\" has " +
                       std::to_string(NumChildren(e)) + " fields instead of one");
    }
    INLET_ASSIGN_OR_RETURN(size_t repeated_index, Take(depth + 1));
    const SchemaElement& repeated = elements_[repeated_index];
    if (!IsRepeated(repeated)) {
      return Malformed("LIST group \"" + JoinStrings(path_, ".") + "\" holds field \"" +
                       repeated.name + "\", which is not repeated");
    }
    int16_t element_def = static_cast<int16_t>(def + 1);
    int16_t element_rep = static_cast<int16_t>(rep + 1);
    bool one_field = NumChildren(repeated) == 1;
    bool repeated_is_element =
        NumChildren(repeated) == 0 ||                                               // rule 1
        NumChildren(repeated) > 1 ||                                                // rule 2
        (one_field && next_ < elements_.size() && IsRepeated(elements_[next_])) ||  // rule 3
        repeated.name == "array" || repeated.name == e.name + "_tuple";             // rule 4
    SchemaNode element;
    if (repeated_is_element) {
      INLET_RETURN_NOT_OK(
          ParseValue(repeated_index, false, element_def, element_rep, depth + 1, &element));
    } else {  // rule 5, the standard 3-level list
      path_.push_back(repeated.name);
      Status status = ParseField(element_def, element_rep, depth + 2, &element);
      path_.pop_back();
      INLET_RETURN_NOT_OK(status);
    }
    MakeList(e.name, false, def, rep, std::move(element), node);
    return Status::OK();
  }

  // A MAP group: one repeated group of a key and an optional value, named anything.
  Status ParseMap(const SchemaElement& e, int16_t def, int16_t rep, int depth, SchemaNode* node) {
    if (NumChildren(e) != 1) {
      return Malformed("MAP group \"" + JoinStrings(path_, ".") + "\" has " +
                       std::to_string(NumChildren(e)) + " fields instead of one");
    }
    INLET_ASSIGN_OR_RETURN(size_t entry_index, Take(depth + 1));
    const SchemaElement& entry = elements_[entry_index];
    int32_t entry_fields = NumChildren(entry);
    if (!IsRepeated(entry) || entry_fields < 1 || entry_fields > 2) {
      return Malformed("MAP group \"" + JoinStrings(path_, ".") + "\" holds \"" + entry.name +
                       "\", which is not a repeated group of a key and a value");
    }
    int16_t entry_def = static_cast<int16_t>(def + 1);
    int16_t entry_rep = static_cast<int16_t>(rep + 1);
    path_.push_back(entry.name);
    SchemaNode key;
    SchemaNode value;
    Status status = ParseField(entry_def, entry_rep, depth + 2, &key);
    if (status.ok() && entry_fields == 2) {
      status = ParseField(entry_def, entry_rep, depth + 2, &value);
    }
    path_.pop_back();
    INLET_RETURN_NOT_OK(status);
    key.nullable = false;
    if (entry_fields == 1) {
      // A map without values is a set of keys (LogicalTypes.md, Maps): read as a list of them.
      MakeList(e.name, false, def, rep, std::move(key), node);
      return Status::OK();
    }
    auto type = LogicalType::MakeMap(key.type, value.type, value.nullable);
    if (!type.ok()) return Status::NotImplemented(Where() + ": " + type.status().message());
    SchemaNode entry_node;
    entry_node.kind = NodeKind::kStruct;
    entry_node.name = entry.name;
    entry_node.type = type->map_entry();
    entry_node.def_level = entry_def;
    entry_node.leaf_begin = key.leaf_begin;
    entry_node.leaf_end = value.leaf_end;
    entry_node.children.push_back(std::move(key));
    entry_node.children.push_back(std::move(value));
    node->kind = NodeKind::kMap;
    node->type = std::move(*type);
    node->def_level = def;
    node->repeated_def_level = entry_def;
    node->repeated_rep_level = entry_rep;
    node->leaf_begin = entry_node.leaf_begin;
    node->leaf_end = entry_node.leaf_end;
    node->children.push_back(std::move(entry_node));
    return Status::OK();
  }

  const std::vector<SchemaElement>& elements_;
  const std::string& file_name_;
  const LeafTypeOptions& options_;
  size_t next_ = 1;
  // Names from the top-level field down to the element being read.
  std::vector<std::string> path_;
  SchemaTree tree_;
};

// Builds the write tree and the elements of one inlet schema together, so they cannot disagree.
class SchemaWriter {
 public:
  void AddField(const std::string& name, const LogicalType& type, bool nullable,
                const FieldNaming* naming) {
    SchemaNode node;
    AddNode(naming ? naming->name : name, type,
            nullable ? Repetition::kOptional : Repetition::kRequired, 0, 0, naming, &node);
    tree.fields.push_back(std::move(node));
  }

  SchemaTree tree;
  std::vector<SchemaElement> elements;

 private:
  // The naming of child `i` of `naming`, or nullptr when it names none.
  static const FieldNaming* Child(const FieldNaming* naming, size_t i) {
    return naming && i < naming->children.size() ? &naming->children[i] : nullptr;
  }

  // Adds the element of a field named `name` and its subtree; the parent holds a value from
  // definition level `def`, inside `rep` repeated fields. `naming`, when set, gives the element's
  // field id and its descendants' names and ids.
  void AddNode(const std::string& name, const LogicalType& type, Repetition repetition, int16_t def,
               int16_t rep, const FieldNaming* naming, SchemaNode* node) {
    bool optional = repetition == Repetition::kOptional;
    // A REPEATED element is the repeated group of a list or map: its own level is the entry's.
    int16_t own_def = static_cast<int16_t>(def + (repetition == Repetition::kRequired ? 0 : 1));
    node->name = name;
    node->type = type;
    node->optional = node->nullable = optional;
    node->def_level = own_def;
    node->leaf_begin = static_cast<int>(tree.leaves.size());
    path_.push_back(name);
    SchemaElement e;
    e.name = name;
    e.repetition_type = repetition;
    if (naming) e.field_id = naming->field_id;
    switch (type.id()) {
      case TypeId::kStruct: {
        node->kind = SchemaNode::Kind::kStruct;
        e.num_children = static_cast<int32_t>(type.struct_fields().size());
        elements.push_back(std::move(e));
        const std::vector<StructField>& fields = type.struct_fields();
        for (size_t i = 0; i < fields.size(); ++i) {
          const FieldNaming* child_naming = Child(naming, i);
          SchemaNode child;
          AddNode(child_naming ? child_naming->name : fields[i].name, fields[i].type,
                  fields[i].nullable ? Repetition::kOptional : Repetition::kRequired, own_def, rep,
                  child_naming, &child);
          node->children.push_back(std::move(child));
        }
        break;
      }
      case TypeId::kList:
      case TypeId::kMap: {
        bool is_list = type.id() == TypeId::kList;
        node->kind = is_list ? SchemaNode::Kind::kList : SchemaNode::Kind::kMap;
        node->repeated_def_level = static_cast<int16_t>(own_def + 1);
        node->repeated_rep_level = static_cast<int16_t>(rep + 1);
        LogicalTypeAnnotation annotation;
        annotation.kind = is_list ? Kind::kList : Kind::kMap;
        e.logical_type = annotation;
        e.converted_type = is_list ? ConvertedType::kList : ConvertedType::kMap;
        e.num_children = 1;
        elements.push_back(std::move(e));
        SchemaNode child;
        if (is_list) {
          SchemaElement list;
          list.name = "list";
          list.repetition_type = Repetition::kRepeated;
          list.num_children = 1;
          elements.push_back(std::move(list));
          path_.push_back("list");
          AddNode("element", type.list_element(),
                  type.list_element_nullable() ? Repetition::kOptional : Repetition::kRequired,
                  node->repeated_def_level, node->repeated_rep_level, Child(naming, 0), &child);
          path_.pop_back();
        } else {
          // The entry STRUCT<key, value> is the repeated group key_value itself; the key and the
          // value keep their standard names whatever `naming` calls them.
          std::optional<FieldNaming> entry;
          if (naming) {
            entry.emplace();
            for (size_t i = 0; i < 2; ++i) {
              const FieldNaming* part = Child(naming, i);
              FieldNaming& renamed = entry->children.emplace_back();
              renamed.name = i == 0 ? "key" : "value";
              if (part) {
                renamed.field_id = part->field_id;
                renamed.children = part->children;
              }
            }
          }
          AddNode("key_value", type.map_entry(), Repetition::kRepeated, own_def, rep + 1,
                  entry ? &*entry : nullptr, &child);
        }
        node->children.push_back(std::move(child));
        break;
      }
      default: {
        node->kind = SchemaNode::Kind::kLeaf;
        ColumnDescriptor d = DescribeFieldForWrite(Field{name, type, optional, std::nullopt});
        d.name = JoinStrings(path_, ".");
        d.path = path_;
        d.max_definition_level = own_def;
        d.max_repetition_level = rep;
        AnnotateLeaf(d, &e);
        elements.push_back(std::move(e));
        tree.leaves.push_back(std::move(d));
        break;
      }
    }
    path_.pop_back();
    node->leaf_end = static_cast<int>(tree.leaves.size());
  }

  std::vector<std::string> path_;
};

SchemaWriter WriteSchema(const Schema& schema, const std::vector<FieldNaming>& naming) {
  SchemaWriter writer;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(schema.num_fields());
  writer.elements.push_back(std::move(root));
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    writer.AddField(field.name, field.type, field.nullable,
                    i < naming.size() ? &naming[i] : nullptr);
  }
  return writer;
}

}  // namespace

Schema SchemaTree::ToSchema() const {
  std::vector<Field> out;
  for (const SchemaNode& node : fields) {
    out.push_back(Field{node.name, node.type, node.nullable, std::nullopt});
  }
  return Schema(std::move(out));
}

Result<SchemaTree> ReadSchemaTree(const std::vector<SchemaElement>& elements,
                                  const std::string& file_name, const LeafTypeOptions& options) {
  return SchemaReader(elements, file_name, options).Read();
}

SchemaTree SchemaTreeForWrite(const Schema& schema, const std::vector<FieldNaming>& naming) {
  return WriteSchema(schema, naming).tree;
}

std::vector<SchemaElement> ToParquetSchema(const Schema& schema,
                                           const std::vector<FieldNaming>& naming) {
  return WriteSchema(schema, naming).elements;
}

}  // namespace inlet::parquet
