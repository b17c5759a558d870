#include "formats/parquet/parquet_schema.h"

#include <gtest/gtest.h>

#include "formats/parquet/schema_builder_test_util.h"

namespace inlet::parquet {
namespace {

using namespace schema_test;  // NOLINT: the element builders read like a schema
using Kind = SchemaNode::Kind;

Result<SchemaTree> Read(const std::vector<SchemaElement>& elements, LeafTypeOptions options = {}) {
  return ReadSchemaTree(elements, "f.parquet", options);
}

// The single top-level field of `elements`, which must read.
SchemaTree ReadOne(const std::vector<SchemaElement>& elements) {
  auto tree = Read(elements);
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  if (!tree.ok()) return {};
  EXPECT_EQ(tree->fields.size(), 1u);
  return std::move(*tree);
}

const LogicalType kInt = LogicalType::Integer();
const LogicalType kText = LogicalType::Varchar();

TEST(ReadSchemaTree, FlatFields) {
  SchemaTree tree = *Read({Root(2), Leaf("a", kRequired), Text("b", kOptional)});
  EXPECT_EQ(tree.ToSchema(),
            Schema({Field{"a", kInt, false, std::nullopt}, Field{"b", kText, true, std::nullopt}}));
  ASSERT_EQ(tree.leaves.size(), 2u);
  EXPECT_EQ(tree.leaves[1].name, "b");
  EXPECT_EQ(tree.leaves[1].path, std::vector<std::string>{"b"});
  EXPECT_EQ(tree.leaves[1].max_definition_level, 1);
  EXPECT_EQ(tree.leaves[1].max_repetition_level, 0);
  EXPECT_EQ(tree.fields[1].kind, Kind::kLeaf);
  EXPECT_EQ(tree.fields[1].leaf_begin, 1);
}

TEST(ReadSchemaTree, StandardThreeLevelList) {
  // optional group a (LIST) { repeated group list { optional int32 element; } }
  SchemaTree tree = ReadOne({Root(1), Group("a", kOptional, 1, ConvertedType::kList),
                             Group("list", kRepeated, 1), Leaf("element", kOptional)});
  const SchemaNode& a = tree.fields[0];
  EXPECT_EQ(a.kind, Kind::kList);
  EXPECT_EQ(a.type, LogicalType::List(kInt, true));
  EXPECT_TRUE(a.nullable);
  EXPECT_EQ(a.def_level, 1);
  EXPECT_EQ(a.repeated_def_level, 2);
  EXPECT_EQ(a.repeated_rep_level, 1);
  EXPECT_EQ(a.children[0].def_level, 3);
  EXPECT_EQ(tree.leaves[0].name, "a.list.element");
  EXPECT_EQ(tree.leaves[0].path, (std::vector<std::string>{"a", "list", "element"}));
  EXPECT_EQ(tree.leaves[0].max_definition_level, 3);
  EXPECT_EQ(tree.leaves[0].max_repetition_level, 1);

  // The LogicalType annotation alone makes a list too, and the names do not matter.
  SchemaElement annotated = Group("b", kRequired, 1);
  annotated.logical_type = LogicalTypeAnnotation{LogicalTypeAnnotation::Kind::kList};
  tree = ReadOne({Root(1), annotated, Group("bag", kRepeated, 1), Text("str", kRequired)});
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(kText, false));
  EXPECT_FALSE(tree.fields[0].nullable);
  EXPECT_EQ(tree.leaves[0].max_definition_level, 1);
}

// The five backward-compatibility rules of LogicalTypes.md, in its examples.
TEST(ReadSchemaTree, LegacyListRules) {
  // Rule 1: a repeated primitive is the element.
  SchemaTree tree = ReadOne(
      {Root(1), Group("my_list", kOptional, 1, ConvertedType::kList), Leaf("element", kRepeated)});
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(kInt, false));
  EXPECT_EQ(tree.leaves[0].max_definition_level, 2);
  EXPECT_EQ(tree.leaves[0].max_repetition_level, 1);

  // Rule 2: a repeated group of several fields is the element.
  tree = ReadOne({Root(1), Group("my_list", kOptional, 1, ConvertedType::kList),
                  Group("element", kRepeated, 2), Text("str", kRequired), Leaf("num", kRequired)});
  LogicalType tuple = LogicalType::Struct({{"str", kText, false}, {"num", kInt, false}});
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(tuple, false));

  // Rule 3: a repeated group whose one field is repeated is the element (old_list_structure).
  tree = ReadOne({Root(1), Group("a", kRequired, 1, ConvertedType::kList),
                  Group("array", kRepeated, 1, ConvertedType::kList), Leaf("array", kRepeated)});
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(LogicalType::List(kInt, false), false));
  EXPECT_EQ(tree.leaves[0].name, "a.array.array");
  EXPECT_EQ(tree.leaves[0].max_definition_level, 2);
  EXPECT_EQ(tree.leaves[0].max_repetition_level, 2);

  // Rule 4: a one-field repeated group named "array" or "<list>_tuple" is the element.
  LogicalType one_tuple = LogicalType::Struct({{"str", kText, false}});
  for (const char* name : {"array", "my_list_tuple"}) {
    SCOPED_TRACE(name);
    tree = ReadOne({Root(1), Group("my_list", kOptional, 1, ConvertedType::kList),
                    Group(name, kRepeated, 1), Text("str", kRequired)});
    EXPECT_EQ(tree.fields[0].type, LogicalType::List(one_tuple, false));
  }

  // Rule 5: otherwise the one field of the repeated group is the element, with its repetition.
  tree = ReadOne({Root(1), Group("my_list", kOptional, 1, ConvertedType::kList),
                  Group("element", kRepeated, 1), Text("str", kOptional)});
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(kText, true));
  EXPECT_EQ(tree.leaves[0].max_definition_level, 3);
}

TEST(ReadSchemaTree, UnannotatedRepeatedFieldsAreRequiredLists) {
  // repeated_no_annotation.parquet: optional group phoneNumbers { repeated group phone {...} }
  SchemaTree tree =
      ReadOne({Root(1), Group("phoneNumbers", kOptional, 1), Group("phone", kRepeated, 2),
               Leaf("number", kRequired, Type::kInt64), Text("kind", kOptional)});
  LogicalType phone =
      LogicalType::Struct({{"number", LogicalType::BigInt(), false}, {"kind", kText, true}});
  EXPECT_EQ(tree.fields[0].type,
            LogicalType::Struct({{"phone", LogicalType::List(phone, false), false}}));
  const SchemaNode& list = tree.fields[0].children[0];
  EXPECT_EQ(list.kind, Kind::kList);
  EXPECT_EQ(list.def_level, 1);
  EXPECT_EQ(list.repeated_def_level, 2);
  EXPECT_EQ(tree.leaves[0].max_definition_level, 2);
  EXPECT_EQ(tree.leaves[1].max_definition_level, 3);
  EXPECT_EQ(tree.leaves[1].max_repetition_level, 1);

  // A repeated primitive at the top level.
  tree = ReadOne({Root(1), Leaf("Int32_list", kRepeated)});
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(kInt, false));
  EXPECT_FALSE(tree.fields[0].nullable);
  EXPECT_EQ(tree.leaves[0].max_definition_level, 1);
}

TEST(ReadSchemaTree, Maps) {
  // The standard form, and the legacy MAP_KEY_VALUE annotations with other names.
  LogicalType map = LogicalType::Map(kText, kInt, true);
  SchemaTree tree =
      ReadOne({Root(1), Group("m", kOptional, 1, ConvertedType::kMap),
               Group("key_value", kRepeated, 2), Text("key", kRequired), Leaf("value", kOptional)});
  const SchemaNode& m = tree.fields[0];
  EXPECT_EQ(m.kind, Kind::kMap);
  EXPECT_EQ(m.type, map);
  EXPECT_EQ(m.children[0].type, map.map_entry());
  EXPECT_EQ(m.children[0].def_level, 2);
  EXPECT_EQ(m.repeated_rep_level, 1);
  EXPECT_EQ(tree.leaves[1].name, "m.key_value.value");
  EXPECT_EQ(tree.leaves[1].max_definition_level, 3);

  tree = ReadOne({Root(1), Group("m", kOptional, 1, ConvertedType::kMapKeyValue),
                  Group("map", kRepeated, 2, ConvertedType::kMapKeyValue), Text("str", kRequired),
                  Leaf("num", kOptional)});
  EXPECT_EQ(tree.fields[0].type, map);

  // incorrect_map_schema.parquet: an OPTIONAL key is read as a key, which may not be NULL.
  tree =
      ReadOne({Root(1), Group("m", kOptional, 1, ConvertedType::kMap),
               Group("key_value", kRepeated, 2), Text("key", kOptional), Text("value", kOptional)});
  EXPECT_EQ(tree.fields[0].type, LogicalType::Map(kText, kText, true));
  const SchemaNode& key = tree.fields[0].children[0].children[0];
  EXPECT_TRUE(key.optional);
  EXPECT_FALSE(key.nullable);
  EXPECT_EQ(key.def_level, 3);
}

TEST(ReadSchemaTree, MapWithoutValueIsAListOfKeys) {
  SchemaTree tree = ReadOne({Root(1), Group("my_map_no_v", kRequired, 1, ConvertedType::kMap),
                             Group("key_value", kRepeated, 1), Leaf("key", kRequired)});
  EXPECT_EQ(tree.fields[0].kind, Kind::kList);
  EXPECT_EQ(tree.fields[0].type, LogicalType::List(kInt, false));
}

TEST(ReadSchemaTree, NestedMapKeysAreNotSupported) {
  auto tree = Read({Root(1), Group("m", kOptional, 1, ConvertedType::kMap),
                    Group("key_value", kRepeated, 2), Group("key", kRequired, 1),
                    Leaf("k", kRequired), Leaf("value", kOptional)});
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), StatusCode::kNotImplemented);
  EXPECT_NE(tree.status().message().find("f.parquet: column \"m\": "), std::string::npos)
      << tree.status().ToString();
}

TEST(ReadSchemaTree, StructFieldsMayNotRepeatANameIgnoringCase) {
  auto tree = Read({Root(1), Group("s", kOptional, 2), Leaf("a", kOptional), Leaf("A", kOptional)});
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), StatusCode::kNotImplemented);
  EXPECT_NE(tree.status().message().find("f.parquet: column \"s\""), std::string::npos)
      << tree.status().ToString();
}

TEST(ReadSchemaTree, LeafMessagesNameTheWholePath) {
  SchemaElement half = Leaf("element", kOptional, Type::kFixedLenByteArray);
  half.type_length = 2;
  half.logical_type = LogicalTypeAnnotation{LogicalTypeAnnotation::Kind::kDate};
  auto tree = Read(
      {Root(1), Group("a", kOptional, 1, ConvertedType::kList), Group("list", kRepeated, 1), half});
  ASSERT_FALSE(tree.ok());
  EXPECT_NE(tree.status().message().find("\"a.list.element\""), std::string::npos)
      << tree.status().ToString();
}

TEST(ReadSchemaTree, BinaryAsText) {
  std::vector<SchemaElement> elements = {Root(1), Group("s", kOptional, 1),
                                         Leaf("b", kOptional, Type::kByteArray)};
  EXPECT_EQ(Read(elements)->fields[0].type,
            LogicalType::Struct({{"b", LogicalType::Binary(), true}}));
  LeafTypeOptions options;
  options.binary_as_text = true;
  EXPECT_EQ(Read(elements, options)->fields[0].type, LogicalType::Struct({{"b", kText, true}}));
}

// Hostile footers: wrong counts, endless nesting, wrong shapes. Each is InvalidData naming the
// file, and none crashes or overflows the stack.
TEST(ReadSchemaTree, MalformedSchemas) {
  auto invalid = [](const std::vector<SchemaElement>& elements, const std::string& expected) {
    auto tree = Read(elements);
    ASSERT_FALSE(tree.ok());
    EXPECT_EQ(tree.status().code(), StatusCode::kInvalidData);
    EXPECT_EQ(tree.status().message(), expected);
  };
  invalid({}, "f.parquet: Parquet schema is empty");
  invalid({Root(3), Leaf("a", kOptional)},
          "f.parquet: malformed Parquet schema: groups claim more fields than the schema's 2 "
          "elements");
  invalid({Root(-1)}, "f.parquet: malformed Parquet schema: the schema root claims -1 fields");
  invalid({Root(1), Group("s", kOptional, -5)},
          "f.parquet: malformed Parquet schema: field \"s\" claims -5 fields");
  invalid({Root(1), Leaf("a", kOptional), Leaf("b", kOptional)},
          "f.parquet: malformed Parquet schema: the schema has 3 elements but its root's fields "
          "take 2");
  invalid({Root(1), Group("s", kOptional, 2), Leaf("a", kOptional)},
          "f.parquet: malformed Parquet schema: groups claim more fields than the schema's 3 "
          "elements");
  SchemaElement untyped;
  untyped.name = "x";
  invalid({Root(1), untyped}, "f.parquet: malformed Parquet schema: field \"x\" has no type");
  invalid({Root(1), Group("l", kOptional, 2, ConvertedType::kList), Leaf("a", kRepeated),
           Leaf("b", kRepeated)},
          "f.parquet: malformed Parquet schema: LIST group \"l\" has 2 fields instead of one");
  invalid({Root(1), Group("l", kOptional, 1, ConvertedType::kList), Leaf("a", kOptional)},
          "f.parquet: malformed Parquet schema: LIST group \"l\" holds field \"a\", which is not "
          "repeated");
  invalid({Root(1), Group("m", kOptional, 1, ConvertedType::kMap), Leaf("k", kRepeated)},
          "f.parquet: malformed Parquet schema: MAP group \"m\" holds \"k\", which is not a "
          "repeated group of a key and a value");
  invalid({Root(1), Group("m", kOptional, 2, ConvertedType::kMap), Leaf("k", kRepeated),
           Leaf("v", kRepeated)},
          "f.parquet: malformed Parquet schema: MAP group \"m\" has 2 fields instead of one");

  // A chain of groups far deeper than any real schema.
  std::vector<SchemaElement> deep = {Root(1)};
  for (int i = 0; i < 100000; ++i) deep.push_back(Group("g", kOptional, 1));
  deep.push_back(Leaf("x", kOptional));
  invalid(deep, "f.parquet: malformed Parquet schema: fields nest deeper than 64 levels");
  // Lists nest two elements per level; the limit holds for them too.
  std::vector<SchemaElement> lists = {Root(1)};
  for (int i = 0; i < 1000; ++i) {
    lists.push_back(Group("l", kOptional, 1, ConvertedType::kList));
    lists.push_back(Group("list", kRepeated, 1));
  }
  lists.push_back(Leaf("x", kOptional));
  invalid(lists, "f.parquet: malformed Parquet schema: fields nest deeper than 64 levels");
}

TEST(SchemaTreeForWrite, StandardFormsAndLevels) {
  LogicalType point = LogicalType::Struct(
      {{"x", LogicalType::Double(), false}, {"tags", LogicalType::List(kText, true), true}});
  Schema schema({Field{"id", LogicalType::BigInt(), false, std::nullopt},
                 Field{"p", point, true, std::nullopt},
                 Field{"m", LogicalType::Map(kText, LogicalType::List(kInt, false), true), true,
                       std::nullopt}});
  std::vector<SchemaElement> elements = ToParquetSchema(schema);
  std::vector<std::string> names;
  for (const SchemaElement& e : elements) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"schema", "id", "p", "x", "tags", "list", "element",
                                             "m", "key_value", "key", "value", "list", "element"}));
  EXPECT_EQ(elements[4].converted_type, ConvertedType::kList);
  EXPECT_EQ(elements[4].logical_type->kind, LogicalTypeAnnotation::Kind::kList);
  EXPECT_EQ(elements[5].repetition_type, Repetition::kRepeated);
  EXPECT_EQ(elements[7].converted_type, ConvertedType::kMap);
  EXPECT_EQ(elements[8].repetition_type, Repetition::kRepeated);
  EXPECT_FALSE(elements[8].converted_type.has_value());
  EXPECT_EQ(elements[9].repetition_type, Repetition::kRequired);
  EXPECT_EQ(elements[9].converted_type, ConvertedType::kUtf8);

  // Reading the elements back gives the same types and levels as the write tree.
  SchemaTree written = SchemaTreeForWrite(schema);
  auto read = ReadSchemaTree(elements, "w.parquet", {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->ToSchema(), schema);
  ASSERT_EQ(written.leaves.size(), read->leaves.size());
  for (size_t i = 0; i < written.leaves.size(); ++i) {
    SCOPED_TRACE(written.leaves[i].name);
    EXPECT_EQ(written.leaves[i].name, read->leaves[i].name);
    EXPECT_EQ(written.leaves[i].path, read->leaves[i].path);
    EXPECT_EQ(written.leaves[i].max_definition_level, read->leaves[i].max_definition_level);
    EXPECT_EQ(written.leaves[i].max_repetition_level, read->leaves[i].max_repetition_level);
  }
  EXPECT_EQ(written.leaves[4].name, "m.key_value.value.list.element");
  EXPECT_EQ(written.leaves[4].max_definition_level, 4);
  EXPECT_EQ(written.leaves[4].max_repetition_level, 2);
  const SchemaNode& m = written.fields[2];
  EXPECT_EQ(m.repeated_def_level, read->fields[2].repeated_def_level);
  EXPECT_EQ(m.children[0].children[1].repeated_rep_level, 2);
}

TEST(SchemaTreeForWrite, NamingRenamesFieldsAndSetsFieldIds) {
  LogicalType point = LogicalType::Struct({{"x", LogicalType::Double(), false}});
  Schema schema({Field{"id", LogicalType::BigInt(), false, std::nullopt},
                 Field{"p", LogicalType::List(point, true), true, std::nullopt},
                 Field{"m", LogicalType::Map(kText, point, true), true, std::nullopt}});
  FieldNaming x{"col-x", 4, {}};
  std::vector<FieldNaming> naming = {
      {"col-id", 1, {}},
      {"col-p", 2, {{"element", std::nullopt, {x}}}},
      // The map's key and value keep their standard names; only their ids come from here.
      {"col-m", 3, {{"ignored", 5, {}}, {"ignored", std::nullopt, {{"col-mx", 6, {}}}}}}};
  std::vector<SchemaElement> elements = ToParquetSchema(schema, naming);
  std::vector<std::string> names;
  std::vector<std::optional<int32_t>> ids;
  for (const SchemaElement& e : elements) {
    names.push_back(e.name);
    ids.push_back(e.field_id);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"schema", "col-id", "col-p", "list", "element",
                                             "col-x", "col-m", "key_value", "key", "value",
                                             "col-mx"}));
  const std::optional<int32_t> none;
  EXPECT_EQ(ids, (std::vector<std::optional<int32_t>>{none, 1, 2, none, none, 4, 3, none, 5,
                                                      none, 6}));
  SchemaTree written = SchemaTreeForWrite(schema, naming);
  EXPECT_EQ(written.leaves[1].name, "col-p.list.element.col-x");
  EXPECT_EQ(written.leaves[3].name, "col-m.key_value.value.col-mx");
  auto read = ReadSchemaTree(elements, "w.parquet", {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->fields[1].name, "col-p");
}

}  // namespace
}  // namespace inlet::parquet
