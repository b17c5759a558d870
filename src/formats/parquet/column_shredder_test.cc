#include "formats/parquet/column_shredder.h"

#include <gtest/gtest.h>

#include <random>

#include "formats/parquet/column_assembler.h"
#include "formats/parquet/parquet_test_util.h"

namespace inlet::parquet {
namespace {

const LogicalType kInt = LogicalType::Integer();
const LogicalType kText = LogicalType::Varchar();

Value Int(int64_t v) { return Value::Int(kInt, v); }

// The write tree of one nullable column `c` of `type`.
SchemaTree TreeOf(const LogicalType& type, bool nullable = true) {
  return SchemaTreeForWrite(Schema({Field{"c", type, nullable, std::nullopt}}));
}

ColumnPtr ColumnOf(const LogicalType& type, const std::vector<Value>& rows) {
  auto column = std::make_shared<Column>(type);
  for (const Value& v : rows) column->AppendValue(v);
  return column;
}

struct Levels {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  std::vector<Value> values;
};

Result<std::vector<Levels>> Shred(const SchemaTree& tree, const Column& column) {
  std::vector<ShreddedLeaf> leaves(tree.leaves.size());
  INLET_RETURN_NOT_OK(ShredColumn(tree.fields[0], column, 0, column.size(), &leaves));
  std::vector<Levels> out;
  for (const ShreddedLeaf& leaf : leaves) {
    Levels levels{leaf.def_levels, leaf.rep_levels, {}};
    for (int64_t row : leaf.value_rows) levels.values.push_back(leaf.values->GetValue(row));
    out.push_back(std::move(levels));
  }
  return out;
}

TEST(ShredColumn, ListsWithNullsAndEmptyLists) {
  LogicalType list = LogicalType::List(kInt);
  SchemaTree tree = TreeOf(list);
  ColumnPtr column =
      ColumnOf(list, {Value::List(list, {Int(1), Int(2)}), Value::Null(list), Value::List(list, {}),
                      Value::List(list, {Value::Null(kInt), Int(3)})});
  auto levels = Shred(tree, *column);
  ASSERT_TRUE(levels.ok()) << levels.status().ToString();
  ASSERT_EQ(levels->size(), 1u);
  EXPECT_EQ((*levels)[0].def, (std::vector<int16_t>{3, 3, 0, 1, 2, 3}));
  EXPECT_EQ((*levels)[0].rep, (std::vector<int16_t>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ((*levels)[0].values, (std::vector<Value>{Int(1), Int(2), Int(3)}));
}

TEST(ShredColumn, StructsOfListsAndMaps) {
  LogicalType list = LogicalType::List(kInt, false);
  LogicalType map = LogicalType::Map(kText, kInt);
  LogicalType s = LogicalType::Struct({{"l", list, true}, {"m", map, false}});
  SchemaTree tree = TreeOf(s);
  const LogicalType& entry = map.map_entry();
  ColumnPtr column = ColumnOf(
      s,
      {Value::Struct(
           s, {Value::List(list, {Int(5), Int(6)}),
               Value::Map(map, {Value::Struct(entry, {Value::Varchar("a"), Int(1)}),
                                Value::Struct(entry, {Value::Varchar("b"), Value::Null(kInt)})})}),
       Value::Null(s), Value::Struct(s, {Value::Null(list), Value::Map(map, {})})});
  auto levels = Shred(tree, *column);
  ASSERT_TRUE(levels.ok()) << levels.status().ToString();
  ASSERT_EQ(levels->size(), 3u);  // l.list.element, m.key_value.key, m.key_value.value
  EXPECT_EQ((*levels)[0].def, (std::vector<int16_t>{3, 3, 0, 1}));
  EXPECT_EQ((*levels)[0].rep, (std::vector<int16_t>{0, 1, 0, 0}));
  // m is NOT NULL: no level of its own.
  EXPECT_EQ((*levels)[1].def, (std::vector<int16_t>{2, 2, 0, 1}));
  EXPECT_EQ((*levels)[1].rep, (std::vector<int16_t>{0, 1, 0, 0}));
  EXPECT_EQ((*levels)[1].values, (std::vector<Value>{Value::Varchar("a"), Value::Varchar("b")}));
  EXPECT_EQ((*levels)[2].def, (std::vector<int16_t>{3, 2, 0, 1}));
  EXPECT_EQ((*levels)[2].values, (std::vector<Value>{Int(1)}));
}

TEST(ShredColumn, NullsWhereTheTypeSaysNotNull) {
  auto error = [](const LogicalType& type, bool nullable, const Value& row) {
    SchemaTree tree = TreeOf(type, nullable);
    ColumnPtr column = ColumnOf(type, {row});
    auto levels = Shred(tree, *column);
    EXPECT_EQ(levels.status().code(), StatusCode::kInvalidArgument);
    return levels.status().message();
  };
  LogicalType s = LogicalType::Struct({{"x", kInt, false}});
  EXPECT_EQ(error(s, false, Value::Null(s)),
            "column \"c\" is NOT NULL but a NULL was written to it");
  EXPECT_EQ(error(s, true, Value::Struct(s, {Value::Null(kInt)})),
            "column \"c\": \"x\" is NOT NULL but a NULL was written to it");
  LogicalType list = LogicalType::List(kInt, false);
  EXPECT_EQ(error(list, true, Value::List(list, {Value::Null(kInt)})),
            "column \"c\": \"element\" is NOT NULL but a NULL was written to it");
}

// A deterministic random value of `type`, NULL about one time in five where allowed.
Value RandomValue(const LogicalType& type, bool nullable, std::mt19937* rng, int depth = 0) {
  if (nullable && (*rng)() % 5 == 0) return Value::Null(type);
  switch (type.id()) {
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const StructField& f : type.struct_fields()) {
        fields.push_back(RandomValue(f.type, f.nullable, rng, depth + 1));
      }
      return Value::Struct(type, std::move(fields));
    }
    case TypeId::kList: {
      std::vector<Value> elements((*rng)() % 4);
      for (Value& e : elements) {
        e = RandomValue(type.list_element(), type.list_element_nullable(), rng, depth + 1);
      }
      return Value::List(type, std::move(elements));
    }
    case TypeId::kMap: {
      std::vector<Value> entries;
      for (size_t i = (*rng)() % 3; i > 0; --i) {
        entries.push_back(Value::Struct(
            type.map_entry(),
            {RandomValue(type.map_key(), false, rng, depth + 1),
             RandomValue(type.map_value(), type.map_value_nullable(), rng, depth + 1)}));
      }
      return Value::Map(type, std::move(entries));
    }
    case TypeId::kVarchar:
      return Value::Varchar("v" + std::to_string((*rng)() % 100));
    default:
      return Int(static_cast<int32_t>((*rng)() % 1000));
  }
}

// Shredding then assembling gives the rows back, for nestings up to three levels deep.
TEST(ShredColumn, AssemblyUndoesShredding) {
  LogicalType point =
      LogicalType::Struct({{"x", kInt, true}, {"tags", LogicalType::List(kText), true}});
  std::vector<LogicalType> types = {
      LogicalType::List(LogicalType::List(LogicalType::List(kInt))),
      LogicalType::List(point, false),
      LogicalType::Struct({{"p", point, true}, {"n", kInt, false}}),
      LogicalType::Map(kText, LogicalType::List(point)),
      LogicalType::Struct(
          {{"m", LogicalType::Map(kInt, kText, false), true},
           {"s", LogicalType::Struct({{"deep", LogicalType::List(kInt, false), true}}), true}}),
  };
  std::mt19937 rng(7);
  for (const LogicalType& type : types) {
    SCOPED_TRACE(type.ToString());
    SchemaTree tree = TreeOf(type);
    std::vector<Value> rows;
    for (int i = 0; i < 300; ++i) rows.push_back(RandomValue(type, true, &rng));
    ColumnPtr column = ColumnOf(type, rows);
    std::vector<ShreddedLeaf> shredded(tree.leaves.size());
    // In two calls, as the writer does for two batches.
    ASSERT_TRUE(ShredColumn(tree.fields[0], *column, 0, 120, &shredded).ok());
    ASSERT_TRUE(ShredColumn(tree.fields[0], *column, 120, 300, &shredded).ok());
    std::vector<LeafChunk> chunks(shredded.size());
    std::vector<AssemblyLeaf> leaves;
    for (size_t l = 0; l < shredded.size(); ++l) {
      const ShreddedLeaf& leaf = shredded[l];
      LeafChunk& chunk = chunks[l];
      chunk.num_slots = static_cast<int64_t>(leaf.def_levels.size());
      if (tree.leaves[l].max_definition_level > 0) chunk.def_levels = leaf.def_levels;
      if (tree.leaves[l].max_repetition_level > 0) chunk.rep_levels = leaf.rep_levels;
      chunk.values = std::make_shared<Column>(tree.leaves[l].type);
      for (int64_t row : leaf.value_rows) chunk.values->AppendFrom(*leaf.values, row);
      leaves.push_back(AssemblyLeaf{tree.leaves[l].name, &chunk});
    }
    Column assembled(type);
    Status st = AssembleColumn(tree.fields[0], leaves, 300, "t", &assembled);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_EQ(assembled.size(), 300);
    for (int64_t r = 0; r < 300; ++r) ASSERT_EQ(assembled.GetValue(r), rows[r]) << r;
  }
}

}  // namespace
}  // namespace inlet::parquet
