#include "formats/parquet/parquet_projection.h"

#include <gtest/gtest.h>

#include "formats/parquet/parquet_test_util.h"

namespace inlet::parquet {
namespace {

using parquet_test::MakeField;

const LogicalType kInt = LogicalType::Integer();
const LogicalType kText = LogicalType::Varchar();

Value Int(int64_t v) { return Value::Int(kInt, v); }

SchemaTree Tree(std::vector<Field> fields) { return SchemaTreeForWrite(Schema(std::move(fields))); }

TEST(ProjectForLoad, FileColumnNamedTwice) {
  SchemaTree tree = Tree({MakeField("a", kInt), MakeField("A", kText)});
  auto projection = ProjectForLoad(tree, Schema({MakeField("a", kInt)}), "f.parquet");
  EXPECT_EQ(projection.status().message(),
            "f.parquet: column \"A\" appears more than once in the file");
}

TEST(ProjectForLoad, SelectionsAreSharedAndPruned) {
  LogicalType s = LogicalType::Struct({{"x", kInt, true}, {"y.z", kText, true}, {"w", kInt, true}});
  SchemaTree tree = Tree({MakeField("id", kInt), MakeField("s", s)});
  // Two table columns naming the same file column read it once; a STRUCT column reads only the
  // fields it names; a name with a dot of its own still resolves.
  auto projection =
      ProjectForLoad(tree,
                     Schema({MakeField("ID", kInt), MakeField("id", LogicalType::BigInt()),
                             MakeField("missing", kInt)}),
                     "f.parquet");
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  EXPECT_EQ(projection->field_to_selection, (std::vector<int>{0, 0, -1}));
  ASSERT_EQ(projection->selections.size(), 1u);
  EXPECT_EQ(projection->selections[0].path, std::vector<int>{0});

  projection = ProjectForLoad(tree, Schema({MakeField("s.Y.Z", kText), MakeField("S.w", kInt)}),
                              "f.parquet");
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  ASSERT_EQ(projection->selections.size(), 2u);
  EXPECT_EQ(projection->selections[0].path, (std::vector<int>{1, 1}));
  EXPECT_EQ(projection->selections[1].path, (std::vector<int>{1, 2}));

  LogicalType only_w = LogicalType::Struct({{"W", kInt, true}});
  projection = ProjectForLoad(tree, Schema({MakeField("s", only_w)}), "f.parquet");
  ASSERT_TRUE(projection.ok());
  EXPECT_EQ(projection->selections[0].leaves, std::vector<int>{3});
  // No shared field: the first leaf still tells which structs are NULL.
  LogicalType none = LogicalType::Struct({{"q", kInt, true}});
  projection = ProjectForLoad(tree, Schema({MakeField("s", none)}), "f.parquet");
  ASSERT_TRUE(projection.ok());
  EXPECT_EQ(projection->selections[0].leaves, std::vector<int>{1});
  // Every field: the whole column, as an empty leaf list says.
  projection = ProjectForLoad(tree, Schema({MakeField("s", s)}), "f.parquet");
  ASSERT_TRUE(projection.ok());
  EXPECT_TRUE(projection->selections[0].leaves.empty());
}

TEST(ShreddedSchema, StructFieldsBecomeDottedColumns) {
  LogicalType inner = LogicalType::Struct({{"c", kInt, false}});
  LogicalType s = LogicalType::Struct(
      {{"a", kInt, false}, {"inner", inner, true}, {"l", LogicalType::List(inner), true}});
  SchemaTree tree = Tree({MakeField("s", s, false), MakeField("t", kText)});
  EXPECT_EQ(ShreddedSchema(tree),
            Schema({MakeField("s.a", kInt, false), MakeField("s.inner.c", kInt, true),
                    MakeField("s.l", LogicalType::List(inner), true), MakeField("t", kText)}));
}

TEST(ConvertForLoad, NullsWhereTheTableSaysNotNull) {
  LogicalType source_map = LogicalType::Map(kText, kInt);
  Value map =
      Value::Map(source_map,
                 {Value::Struct(source_map.map_entry(), {Value::Varchar("k"), Value::Null(kInt)})});
  LogicalType strict_map = LogicalType::Map(kText, LogicalType::BigInt(), false);
  EXPECT_EQ(ConvertForLoad(map, strict_map).status().message(),
            "NULL value where MAP<VARCHAR, BIGINT NOT NULL> is NOT NULL");
  LogicalType int_keys = LogicalType::Map(kInt, kInt);
  Value text_key = Value::Map(
      source_map, {Value::Struct(source_map.map_entry(), {Value::Varchar("x"), Int(1)})});
  EXPECT_EQ(ConvertForLoad(text_key, int_keys).status().code(), StatusCode::kCastError);

  LogicalType list = LogicalType::List(kInt);
  Value with_null = Value::List(list, {Int(1), Value::Null(kInt)});
  EXPECT_EQ(ConvertForLoad(with_null, LogicalType::List(kInt, false)).status().message(),
            "NULL element where ARRAY<INTEGER NOT NULL> is NOT NULL");
  auto widened = ConvertForLoad(with_null, LogicalType::List(LogicalType::BigInt()));
  ASSERT_TRUE(widened.ok());
  EXPECT_EQ(widened->GetChildren()[0], Value::BigInt(1));

  // A nested value into a text column is its text.
  EXPECT_EQ(*ConvertForLoad(with_null, kText), Value::Varchar("[1, NULL]"));
}

}  // namespace
}  // namespace inlet::parquet
