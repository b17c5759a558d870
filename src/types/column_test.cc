#include "types/column.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace inlet {
namespace {

TEST(ColumnTest, ValidityBitmapAppearsWithFirstNull) {
  Column c(LogicalType::Integer());
  for (int i = 0; i < 10; ++i) c.AppendFixed<int32_t>(i);
  EXPECT_EQ(c.validity_bitmap(), nullptr);
  c.AppendNull();
  c.AppendFixed<int32_t>(42);
  ASSERT_NE(c.validity_bitmap(), nullptr);
  EXPECT_EQ(c.size(), 12);
  EXPECT_EQ(c.null_count(), 1);
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(c.IsNull(i));
  EXPECT_TRUE(c.IsNull(10));
  EXPECT_EQ(c.GetFixed<int32_t>(11), 42);
  // Arrow layout: bits 0..9 and 11 set.
  EXPECT_EQ(c.validity_bitmap()[0], 0xFF);
  EXPECT_EQ(c.validity_bitmap()[1], 0x0B);
}

TEST(ColumnTest, BooleansAreBitPacked) {
  Column c(LogicalType::Boolean());
  bool pattern[] = {true, false, true, true, false, false, false, true, true};
  for (bool b : pattern) c.AppendBool(b);
  c.AppendNull();
  EXPECT_EQ(c.values_buffer()[0], 0x8D);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(c.GetBool(i), pattern[i]);
  EXPECT_TRUE(c.IsNull(9));
}

TEST(ColumnTest, StringsUseOffsets) {
  Column c(LogicalType::Varchar());
  c.AppendString("ab");
  c.AppendNull();
  c.AppendString("");
  c.AppendString("xyz");
  EXPECT_EQ(c.GetString(0), "ab");
  EXPECT_EQ(c.GetString(2), "");
  EXPECT_EQ(c.GetString(3), "xyz");
  EXPECT_EQ(c.offsets()[4], 5);
  EXPECT_EQ(c.GetValue(1).is_null(), true);
  c.Clear();
  EXPECT_EQ(c.size(), 0);
  c.AppendString("q");
  EXPECT_EQ(c.GetString(0), "q");
}

TEST(ColumnTest, ValuesRoundTrip) {
  Column d(LogicalType::Decimal(10, 2));
  d.AppendValue(Value::Decimal(-12345, 10, 2));
  EXPECT_EQ(d.GetValue(0).ToString(), "-123.45");
  Column t(LogicalType::Timestamp());
  t.AppendValue(Value::Timestamp(1700000000123456));
  EXPECT_EQ(t.GetValue(0).ToString(), "2023-11-14 22:13:20.123456");
  Column other(LogicalType::Timestamp());
  other.AppendFrom(t, 0);
  EXPECT_EQ(other.GetValue(0), t.GetValue(0));
}

TEST(ColumnTest, TimeIsInt64) {
  Column c(LogicalType::Time());
  c.AppendFixed<int64_t>(45296789000);
  c.AppendValue(Value::Time(0));
  EXPECT_EQ(c.GetValue(0).ToString(), "12:34:56.789");
  EXPECT_EQ(c.GetValue(1), Value::Time(0));
}

LogicalType PersonType() {
  return LogicalType::Struct(
      {{"id", LogicalType::Integer(), false}, {"name", LogicalType::Varchar(), true}});
}

TEST(ColumnTest, StructRowsAreBuiltChildrenFirst) {
  Column c(PersonType());
  ASSERT_EQ(c.num_children(), 2u);
  c.mutable_child(0)->AppendFixed<int32_t>(1);
  c.mutable_child(1)->AppendString("ann");
  c.FinishStruct();
  c.AppendNull();  // pads both children
  c.mutable_child(0)->AppendFixed<int32_t>(3);
  c.mutable_child(1)->AppendNull();
  c.FinishStruct();

  EXPECT_EQ(c.size(), 3);
  EXPECT_EQ(c.null_count(), 1);
  EXPECT_EQ(c.child(0).size(), 3);
  EXPECT_EQ(c.child(1).size(), 3);
  EXPECT_TRUE(c.IsNull(1));
  EXPECT_TRUE(c.child(0).IsNull(1));
  EXPECT_TRUE(c.child(1).IsNull(1));
  EXPECT_FALSE(c.IsNull(2));
  EXPECT_TRUE(c.child(1).IsNull(2));
  EXPECT_EQ(c.GetValue(0).ToString(), "{'id': 1, 'name': ann}");
  EXPECT_TRUE(c.GetValue(1).is_null());
  EXPECT_EQ(c.GetValue(2).ToString(), "{'id': 3, 'name': NULL}");
}

TEST(ColumnTest, ListOffsetsPointIntoOneChild) {
  Column c(LogicalType::List(LogicalType::BigInt()));
  ASSERT_EQ(c.num_children(), 1u);
  Column* elements = c.mutable_child(0);
  elements->AppendFixed<int64_t>(1);
  elements->AppendFixed<int64_t>(2);
  c.FinishList();
  c.AppendNull();
  c.FinishList();  // empty list
  elements->AppendNull();
  c.FinishList();

  EXPECT_EQ(c.size(), 4);
  EXPECT_EQ(c.null_count(), 1);
  const int64_t expected_offsets[] = {0, 2, 2, 2, 3};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.offsets()[i], expected_offsets[i]) << i;
  EXPECT_EQ(c.list_begin(3), 2);
  EXPECT_EQ(c.list_end(3), 3);
  EXPECT_EQ(c.GetValue(0).ToString(), "[1, 2]");
  EXPECT_TRUE(c.GetValue(1).is_null());
  EXPECT_EQ(c.GetValue(2).ToString(), "[]");
  EXPECT_EQ(c.GetValue(3).ToString(), "[NULL]");
}

TEST(ColumnTest, MapStoresEntriesAsStructs) {
  LogicalType type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Double());
  Column c(type);
  ASSERT_EQ(c.num_children(), 1u);
  EXPECT_EQ(c.child(0).type(), type.map_entry());
  Column* entries = c.mutable_child(0);
  entries->mutable_child(0)->AppendString("a");
  entries->mutable_child(1)->AppendFixed<double>(1.5);
  entries->FinishStruct();
  entries->mutable_child(0)->AppendString("b");
  entries->mutable_child(1)->AppendNull();
  entries->FinishStruct();
  c.FinishList();
  c.AppendNull();
  EXPECT_EQ(c.GetValue(0).ToString(), "{a=1.5, b=NULL}");
  EXPECT_TRUE(c.GetValue(1).is_null());
  EXPECT_EQ(c.GetValue(0).GetChildren().size(), 2u);
}

// ARRAY<STRUCT<id, tags ARRAY<VARCHAR>>> with NULLs at every level.
LogicalType DeepType() {
  return LogicalType::List(
      LogicalType::Struct({{"id", LogicalType::Integer(), true},
                           {"tags", LogicalType::List(LogicalType::Varchar()), true}}));
}

std::vector<Value> DeepRows() {
  LogicalType list = DeepType();
  LogicalType item = list.list_element();
  LogicalType tags = item.struct_fields()[1].type;
  auto tag_list = [&](std::vector<Value> v) { return Value::List(tags, std::move(v)); };
  return {
      Value::List(
          list, {Value::Struct(
                     item, {Value::Int(LogicalType::Integer(), 1),
                            tag_list({Value::Varchar("x"), Value::Null(LogicalType::Varchar())})}),
                 Value::Null(item),
                 Value::Struct(item, {Value::Null(LogicalType::Integer()), Value::Null(tags)})}),
      Value::Null(list),
      Value::List(list, {}),
      Value::List(list,
                  {Value::Struct(item, {Value::Int(LogicalType::Integer(), 2), tag_list({})})}),
  };
}

TEST(ColumnTest, DeepNestingRoundTripsThroughValues) {
  Column c(DeepType());
  for (const Value& row : DeepRows()) c.AppendValue(row);
  ASSERT_EQ(c.size(), 4);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.GetValue(i), DeepRows()[i]) << i;
  EXPECT_EQ(c.GetValue(0).ToString(),
            "[{'id': 1, 'tags': [x, NULL]}, NULL, {'id': NULL, 'tags': NULL}]");
  // The element struct column holds the 4 items of all lists; its NULL item padded its children.
  const Column& items = c.child(0);
  EXPECT_EQ(items.size(), 4);
  EXPECT_TRUE(items.IsNull(1));
  EXPECT_TRUE(items.child(0).IsNull(1));
  EXPECT_EQ(items.child(1).size(), 4);
  EXPECT_EQ(items.child(1).child(0).size(), 2);

  Column copy(DeepType());
  for (int i = 3; i >= 0; --i) copy.AppendFrom(c, i);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(copy.GetValue(i), c.GetValue(3 - i)) << i;
}

TEST(ColumnTest, NestedClearReserveAndMemory) {
  Column c(DeepType());
  int64_t empty_usage = c.MemoryUsage();
  c.Reserve(100);
  for (const Value& row : DeepRows()) c.AppendValue(row);
  EXPECT_GT(c.MemoryUsage(), empty_usage);
  c.Clear();
  EXPECT_EQ(c.size(), 0);
  EXPECT_EQ(c.child(0).size(), 0);
  EXPECT_EQ(c.child(0).child(1).child(0).size(), 0);
  c.AppendValue(DeepRows()[3]);
  EXPECT_EQ(c.offsets()[0], 0);
  EXPECT_EQ(c.GetValue(0), DeepRows()[3]);

  Column s(PersonType());
  s.Reserve(10);
  s.AppendValue(Value::Null(PersonType()));
  EXPECT_EQ(s.child(0).size(), 1);
}

TEST(RecordBatchTest, EmptyBatchHasNestedColumns) {
  auto schema = std::make_shared<Schema>(std::vector<Field>{{"p", PersonType(), true, {}}});
  auto batch = RecordBatch::MakeEmpty(schema);
  EXPECT_EQ(batch->column(0)->num_children(), 2u);
}

}  // namespace
// AppendRange gives exactly what AppendFrom row by row gives, for every layout, with and without
// NULLs on either side.
TEST(ColumnTest, AppendRangeEqualsRowByRow) {
  std::vector<LogicalType> types = {LogicalType::Integer(), LogicalType::Varchar(),
                                    LogicalType::Boolean(), LogicalType::Decimal(20, 2),
                                    LogicalType::List(LogicalType::BigInt())};
  for (const LogicalType& type : types) {
    for (bool source_nulls : {false, true}) {
      for (bool target_nulls : {false, true}) {
        Column source(type);
        for (int64_t i = 0; i < 40; ++i) {
          if (source_nulls && i % 7 == 3) {
            source.AppendNull();
          } else if (type.id() == TypeId::kList) {
            source.mutable_child(0)->AppendFixed<int64_t>(i);
            source.FinishList();
          } else if (type.id() == TypeId::kVarchar) {
            source.AppendString("v" + std::to_string(i));
          } else if (type.id() == TypeId::kBoolean) {
            source.AppendBool(i % 3 == 0);
          } else if (type.id() == TypeId::kDecimal) {
            source.AppendFixed<int128_t>(i * 100);
          } else {
            source.AppendFixed<int32_t>(static_cast<int32_t>(i));
          }
        }
        Column bulk(type);
        Column one_by_one(type);
        if (target_nulls) {
          bulk.AppendNull();
          one_by_one.AppendNull();
        }
        bulk.AppendRange(source, 5, 33);
        for (int64_t r = 5; r < 33; ++r) one_by_one.AppendFrom(source, r);
        bulk.AppendRange(source, 10, 10);
        ASSERT_EQ(bulk.size(), one_by_one.size()) << type.ToString();
        EXPECT_EQ(bulk.null_count(), one_by_one.null_count()) << type.ToString();
        for (int64_t r = 0; r < bulk.size(); ++r) {
          EXPECT_EQ(bulk.GetValue(r), one_by_one.GetValue(r)) << type.ToString() << " row " << r;
        }
        // Appending after a bulk range keeps the layout consistent.
        bulk.AppendNull();
        EXPECT_TRUE(bulk.IsNull(bulk.size() - 1));
        EXPECT_EQ(bulk.IsNull(bulk.size() - 2), one_by_one.IsNull(one_by_one.size() - 1));
      }
    }
  }
}

}  // namespace inlet
