#include "formats/parquet/column_assembler.h"

#include <gtest/gtest.h>

#include "formats/parquet/parquet_test_util.h"
#include "formats/parquet/schema_builder_test_util.h"

namespace inlet::parquet {
namespace {

using namespace schema_test;  // NOLINT: the element builders read like a schema

const LogicalType kInt = LogicalType::Integer();
const LogicalType kText = LogicalType::Varchar();

Value Int(int64_t v) { return Value::Int(kInt, v); }

SchemaTree ReadTree(const std::vector<SchemaElement>& elements) {
  auto tree = ReadSchemaTree(elements, "f.parquet", {});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return tree.ok() ? std::move(*tree) : SchemaTree{};
}

// A decoded leaf chunk: its levels and the values of its slots at the maximum level.
LeafChunk Chunk(std::vector<int16_t> def, std::vector<int16_t> rep, const LogicalType& type,
                const std::vector<Value>& values) {
  LeafChunk chunk;
  chunk.num_slots = static_cast<int64_t>(std::max(def.size(), rep.size()));
  chunk.def_levels = std::move(def);
  chunk.rep_levels = std::move(rep);
  chunk.values = std::make_shared<Column>(type);
  for (const Value& v : values) chunk.values->AppendValue(v);
  return chunk;
}

// Assembles top-level field `field` of `tree` from `chunks` (one per leaf of the tree).
Result<std::vector<Value>> Assemble(const SchemaTree& tree, size_t field,
                                    const std::vector<LeafChunk>& chunks, int64_t num_rows) {
  std::vector<AssemblyLeaf> leaves;
  for (size_t i = 0; i < chunks.size(); ++i) {
    leaves.push_back(AssemblyLeaf{tree.leaves[i].name, &chunks[i]});
  }
  const SchemaNode& node = tree.fields[field];
  Column column(node.type);
  INLET_RETURN_NOT_OK(AssembleColumn(node, leaves, num_rows, "f.parquet: row group 0", &column));
  std::vector<Value> rows;
  for (int64_t r = 0; r < column.size(); ++r) rows.push_back(column.GetValue(r));
  return rows;
}

// optional group a (LIST) { repeated group list { optional int32 element; } }
std::vector<SchemaElement> ListOfInts() {
  return {Root(1), Group("a", kOptional, 1, ConvertedType::kList), Group("list", kRepeated, 1),
          Leaf("element", kOptional)};
}

TEST(AssembleColumn, ListsWithNullsAndEmptyLists) {
  SchemaTree tree = ReadTree(ListOfInts());
  // [1, 2], NULL, [], [NULL, 3]
  auto rows = Assemble(
      tree, 0, {Chunk({3, 3, 0, 1, 2, 3}, {0, 1, 0, 0, 0, 1}, kInt, {Int(1), Int(2), Int(3)})}, 4);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  LogicalType list = LogicalType::List(kInt);
  EXPECT_EQ(*rows, (std::vector<Value>{Value::List(list, {Int(1), Int(2)}), Value::Null(list),
                                       Value::List(list, {}),
                                       Value::List(list, {Value::Null(kInt), Int(3)})}));
}

TEST(AssembleColumn, ListOfStructs) {
  SchemaTree tree = ReadTree({Root(1), Group("a", kOptional, 1, ConvertedType::kList),
                              Group("list", kRepeated, 1), Group("element", kOptional, 2),
                              Leaf("x", kOptional), Text("y", kOptional)});
  // [{1, 'a'}, NULL, {NULL, 'b'}], [], NULL
  std::vector<LeafChunk> chunks = {
      Chunk({4, 2, 3, 1, 0}, {0, 1, 1, 0, 0}, kInt, {Int(1)}),
      Chunk({4, 2, 4, 1, 0}, {0, 1, 1, 0, 0}, kText, {Value::Varchar("a"), Value::Varchar("b")})};
  auto rows = Assemble(tree, 0, chunks, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  LogicalType point = LogicalType::Struct({{"x", kInt, true}, {"y", kText, true}});
  LogicalType list = LogicalType::List(point);
  EXPECT_EQ(*rows,
            (std::vector<Value>{
                Value::List(
                    list, {Value::Struct(point, {Int(1), Value::Varchar("a")}), Value::Null(point),
                           Value::Struct(point, {Value::Null(kInt), Value::Varchar("b")})}),
                Value::List(list, {}), Value::Null(list)}));
}

TEST(AssembleColumn, StructOfLists) {
  SchemaTree tree = ReadTree({Root(1), Group("s", kOptional, 2), Leaf("id", kOptional),
                              Group("l", kOptional, 1, ConvertedType::kList),
                              Group("list", kRepeated, 1), Leaf("element", kRequired)});
  // {1, [5, 6]}, NULL, {NULL, NULL}, {2, []}
  std::vector<LeafChunk> chunks = {Chunk({2, 0, 1, 2}, {}, kInt, {Int(1), Int(2)}),
                                   Chunk({3, 3, 0, 1, 2}, {0, 1, 0, 0, 0}, kInt, {Int(5), Int(6)})};
  auto rows = Assemble(tree, 0, chunks, 4);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  LogicalType list = LogicalType::List(kInt, false);
  LogicalType s = LogicalType::Struct({{"id", kInt, true}, {"l", list, true}});
  EXPECT_EQ(*rows, (std::vector<Value>{
                       Value::Struct(s, {Int(1), Value::List(list, {Int(5), Int(6)})}),
                       Value::Null(s), Value::Struct(s, {Value::Null(kInt), Value::Null(list)}),
                       Value::Struct(s, {Int(2), Value::List(list, {})})}));
}

TEST(AssembleColumn, Maps) {
  SchemaTree tree = ReadTree({Root(1), Group("m", kOptional, 1, ConvertedType::kMap),
                              Group("key_value", kRepeated, 2), Text("key", kRequired),
                              Leaf("value", kOptional)});
  // {a=1, b=NULL}, NULL, {}
  std::vector<LeafChunk> chunks = {
      Chunk({2, 2, 0, 1}, {0, 1, 0, 0}, kText, {Value::Varchar("a"), Value::Varchar("b")}),
      Chunk({3, 2, 0, 1}, {0, 1, 0, 0}, kInt, {Int(1)})};
  auto rows = Assemble(tree, 0, chunks, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  LogicalType map = LogicalType::Map(kText, kInt);
  const LogicalType& entry = map.map_entry();
  EXPECT_EQ(*rows,
            (std::vector<Value>{
                Value::Map(map, {Value::Struct(entry, {Value::Varchar("a"), Int(1)}),
                                 Value::Struct(entry, {Value::Varchar("b"), Value::Null(kInt)})}),
                Value::Null(map), Value::Map(map, {})}));
}

TEST(AssembleColumn, ThreeListsDeep) {
  std::vector<SchemaElement> elements = {Root(1)};
  for (const char* name : {"a", "element", "element"}) {
    elements.push_back(Group(name, kOptional, 1, ConvertedType::kList));
    elements.push_back(Group("list", kRepeated, 1));
  }
  elements.push_back(Leaf("element", kOptional));
  SchemaTree tree = ReadTree(elements);
  ASSERT_EQ(tree.leaves[0].max_definition_level, 7);
  ASSERT_EQ(tree.leaves[0].max_repetition_level, 3);
  // [[[1, 2], []], NULL, [[NULL]]], NULL, []
  auto rows = Assemble(
      tree, 0, {Chunk({7, 7, 5, 2, 6, 0, 1}, {0, 3, 2, 1, 1, 0, 0}, kInt, {Int(1), Int(2)})}, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  LogicalType l1 = LogicalType::List(kInt);
  LogicalType l2 = LogicalType::List(l1);
  LogicalType l3 = LogicalType::List(l2);
  EXPECT_EQ(*rows,
            (std::vector<Value>{
                Value::List(
                    l3, {Value::List(l2, {Value::List(l1, {Int(1), Int(2)}), Value::List(l1, {})}),
                         Value::Null(l2), Value::List(l2, {Value::List(l1, {Value::Null(kInt)})})}),
                Value::Null(l3), Value::List(l3, {})}));
}

TEST(AssembleColumn, AFieldBelowOptionalStructsIsNullWhereTheyAre) {
  SchemaTree tree = ReadTree({Root(1), Group("s", kOptional, 1), Leaf("x", kRequired)});
  // The node s.x on its own, as a shredded "s.x" column reads it.
  SchemaNode x = tree.fields[0].children[0];
  x.nullable = true;
  LeafChunk chunk = Chunk({1, 0, 1}, {}, kInt, {Int(4), Int(5)});
  std::vector<AssemblyLeaf> leaves = {AssemblyLeaf{"s.x", &chunk}};
  Column column(kInt);
  ASSERT_TRUE(AssembleColumn(x, leaves, 3, "f.parquet: row group 0", &column).ok());
  EXPECT_EQ(column.GetValue(0), Int(4));
  EXPECT_TRUE(column.IsNull(1));
  EXPECT_EQ(column.GetValue(2), Int(5));
}

TEST(AssembleColumn, InconsistentLevelsAreInvalidData) {
  auto error = [](const SchemaTree& tree, const std::vector<LeafChunk>& chunks, int64_t rows) {
    auto result = Assemble(tree, 0, chunks, rows);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidData);
    return result.status().message();
  };
  SchemaTree list = ReadTree(ListOfInts());
  EXPECT_EQ(error(list, {Chunk({3, 3, 0}, {0, 1, 0}, kInt, {Int(1), Int(2)})}, 3),
            "f.parquet: row group 0: column \"a.list.element\" holds 2 rows but the row group "
            "has 3");
  EXPECT_EQ(error(list, {Chunk({3, 0}, {0, 0}, kInt, {Int(1)})}, 1),
            "f.parquet: row group 0: column \"a.list.element\" holds more rows than the row "
            "group's 1");
  EXPECT_EQ(error(list, {Chunk({3, 3}, {1, 0}, kInt, {Int(1), Int(2)})}, 2),
            "f.parquet: row group 0: column \"a.list.element\": inconsistent repetition and "
            "definition levels at level slot 0 (a row starts inside a list)");
  EXPECT_EQ(error(list, {Chunk({3, 3}, {0, 0}, kInt, {Int(1)})}, 2),
            "f.parquet: row group 0: column \"a.list.element\": inconsistent repetition and "
            "definition levels at level slot 1 (its values and levels disagree)");
  EXPECT_EQ(error(list, {Chunk({4}, {0}, kInt, {Int(1)})}, 1),
            "f.parquet: row group 0: column \"a.list.element\": inconsistent repetition and "
            "definition levels at level slot 0 (its values and levels disagree)");
  EXPECT_EQ(error(list, {Chunk({3, 0}, {0, 0}, kInt, {Int(1), Int(2)})}, 2),
            "f.parquet: row group 0: column \"a.list.element\": inconsistent repetition and "
            "definition levels at level slot 2 (it has more values than slots at the maximum "
            "definition level)");

  // Two leaves of one list disagree on its length, or on which entry is NULL.
  SchemaTree points = ReadTree({Root(1), Group("a", kOptional, 1, ConvertedType::kList),
                                Group("list", kRepeated, 1), Group("element", kOptional, 2),
                                Leaf("x", kOptional), Leaf("y", kOptional)});
  EXPECT_EQ(error(points,
                  {Chunk({4, 4}, {0, 1}, kInt, {Int(1), Int(2)}),
                   Chunk({4, 4}, {0, 0}, kInt, {Int(1), Int(2)})},
                  2),
            "f.parquet: row group 0: column \"a.list.element.y\": inconsistent repetition and "
            "definition levels at level slot 1 (the leaves of a list disagree on its length)");
  EXPECT_EQ(error(points, {Chunk({0}, {0}, kInt, {}), Chunk({1}, {0}, kInt, {})}, 1),
            "f.parquet: row group 0: column \"a.list.element.y\": inconsistent repetition and "
            "definition levels at level slot 0 (column \"a.list.element.x\" says the value is "
            "NULL or empty there)");

  EXPECT_EQ(
      error(points,
            {Chunk({4, 4}, {0, 1}, kInt, {Int(1), Int(2)}), Chunk({4}, {0}, kInt, {Int(1)})}, 1),
      "f.parquet: row group 0: column \"a.list.element.y\": inconsistent repetition and "
      "definition levels at level slot 1 (it ends inside a list)");

  // Two fields of one STRUCT disagree on whether it is NULL.
  SchemaTree pair =
      ReadTree({Root(1), Group("s", kOptional, 2), Leaf("x", kOptional), Leaf("y", kOptional)});
  EXPECT_EQ(error(pair, {Chunk({2}, {}, kInt, {Int(1)}), Chunk({0}, {}, kInt, {})}, 1),
            "f.parquet: row group 0: column \"s.y\": inconsistent repetition and definition "
            "levels at level slot 0 (a field is NULL inside a value)");

  // incorrect_map_schema.parquet declares its keys OPTIONAL; a NULL one cannot be read.
  SchemaTree map = ReadTree({Root(1), Group("m", kOptional, 1, ConvertedType::kMap),
                             Group("key_value", kRepeated, 2), Text("key", kOptional),
                             Text("value", kOptional)});
  EXPECT_EQ(error(map, {Chunk({2}, {0}, kText, {}), Chunk({2}, {0}, kText, {})}, 1),
            "f.parquet: row group 0: column \"m.key_value.key\" holds a NULL map key");
}

// Chunks that break LeafChunk's contract, or a node without leaves, are the caller's bug.
TEST(AssembleColumn, MisusedInputsAreInternalErrors) {
  SchemaTree tree = ReadTree(ListOfInts());
  LeafChunk short_levels = Chunk({3, 3}, {0}, kInt, {Int(1), Int(2)});
  std::vector<AssemblyLeaf> leaves = {AssemblyLeaf{"a.list.element", &short_levels}};
  Column column(tree.fields[0].type);
  Status st = AssembleColumn(tree.fields[0], leaves, 1, "f.parquet: row group 0", &column);
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(st.message(),
            "f.parquet: row group 0: column \"a.list.element\": decoded levels do not match its "
            "slot count");
  SchemaNode empty = tree.fields[0];
  empty.leaf_end = empty.leaf_begin;
  st = AssembleColumn(empty, leaves, 1, "f.parquet: row group 0", &column);
  EXPECT_EQ(st.code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace inlet::parquet
