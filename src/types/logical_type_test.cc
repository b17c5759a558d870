#include "types/logical_type.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

TEST(LogicalTypeTest, NamesAndSynonyms) {
  EXPECT_EQ(LogicalTypeFromName("int", {})->ToString(), "INTEGER");
  EXPECT_EQ(LogicalTypeFromName("Int8", {})->ToString(), "BIGINT");
  EXPECT_EQ(LogicalTypeFromName("numeric", {10, 2})->ToString(), "DECIMAL(10,2)");
  EXPECT_EQ(LogicalTypeFromName("varchar", {20})->ToString(), "VARCHAR(20)");
  EXPECT_EQ(LogicalTypeFromName("text", {})->ToString(), "VARCHAR");
  EXPECT_EQ(LogicalTypeFromName("timestamp with time zone", {})->ToString(), "TIMESTAMPTZ");
  EXPECT_EQ(LogicalTypeFromName("double precision", {})->ToString(), "DOUBLE");
}

TEST(LogicalTypeTest, BadTypesAreClearErrors) {
  auto r = LogicalTypeFromName("decimal", {40, 2});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "DECIMAL precision must be between 1 and 38, got 40");
  r = LogicalTypeFromName("decimal", {5, 6});
  EXPECT_EQ(r.status().message(), "DECIMAL scale must be between 0 and the precision (5), got 6");
  r = LogicalTypeFromName("int", {3});
  EXPECT_EQ(r.status().message(), "type INT takes no parameters");
  r = LogicalTypeFromName("money", {});
  EXPECT_NE(r.status().message().find("unknown type money"), std::string::npos);
}

TEST(LogicalTypeTest, PhysicalLayout) {
  EXPECT_EQ(LogicalType::Date().physical_type(), PhysicalType::kInt32);
  EXPECT_EQ(LogicalType::Decimal(10, 2).fixed_width(), 16);
  EXPECT_EQ(LogicalType::Boolean().physical_type(), PhysicalType::kBit);
  EXPECT_EQ(LogicalType::Binary().physical_type(), PhysicalType::kString);
}

TEST(LogicalTypeTest, TimeIsMicrosSinceMidnight) {
  EXPECT_EQ(LogicalTypeFromName("time", {})->ToString(), "TIME");
  EXPECT_EQ(LogicalType::Time().physical_type(), PhysicalType::kInt64);
  EXPECT_EQ(LogicalType::Time().fixed_width(), 8);
  EXPECT_TRUE(LogicalType::Time().is_temporal());
}

LogicalType PointType() {
  return LogicalType::Struct(
      {{"a", LogicalType::Integer(), false}, {"b", LogicalType::Varchar(), true}});
}

TEST(LogicalTypeTest, NestedSpellingIsDatabricks) {
  EXPECT_EQ(PointType().ToString(), "STRUCT<a: INTEGER NOT NULL, b: VARCHAR>");
  EXPECT_EQ(LogicalType::List(LogicalType::BigInt()).ToString(), "ARRAY<BIGINT>");
  EXPECT_EQ(LogicalType::List(LogicalType::BigInt(), false).ToString(), "ARRAY<BIGINT NOT NULL>");
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::Double()).ToString(),
            "MAP<VARCHAR, DOUBLE>");
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::Double(), false).ToString(),
            "MAP<VARCHAR, DOUBLE NOT NULL>");
  LogicalType deep = LogicalType::List(LogicalType::Struct(
      {{"x y", LogicalType::Map(LogicalType::Integer(), LogicalType::List(LogicalType::Date()))},
       {"1st", LogicalType::Boolean()},
       {"tick`s", LogicalType::Time()}}));
  EXPECT_EQ(deep.ToString(),
            "ARRAY<STRUCT<`x y`: MAP<INTEGER, ARRAY<DATE>>, `1st`: BOOLEAN, `tick``s`: TIME>>");
}

TEST(LogicalTypeTest, NestedAccessorsAndLayout) {
  LogicalType point = PointType();
  ASSERT_EQ(point.struct_fields().size(), 2u);
  EXPECT_EQ(point.struct_fields()[1].name, "b");
  EXPECT_FALSE(point.struct_fields()[0].nullable);
  EXPECT_EQ(point.physical_type(), PhysicalType::kStruct);
  EXPECT_EQ(point.fixed_width(), 0);
  EXPECT_TRUE(point.is_nested());

  LogicalType list = LogicalType::List(point, false);
  EXPECT_EQ(list.list_element(), point);
  EXPECT_FALSE(list.list_element_nullable());
  EXPECT_EQ(list.physical_type(), PhysicalType::kList);

  LogicalType map = LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer(), false);
  EXPECT_EQ(map.map_key(), LogicalType::Varchar());
  EXPECT_EQ(map.map_value(), LogicalType::Integer());
  EXPECT_FALSE(map.map_value_nullable());
  EXPECT_EQ(map.physical_type(), PhysicalType::kList);
  EXPECT_EQ(map.map_entry().ToString(), "STRUCT<key: VARCHAR NOT NULL, value: INTEGER NOT NULL>");
  EXPECT_FALSE(LogicalType::Integer().is_nested());
}

TEST(LogicalTypeTest, NestedEqualityIsDeep) {
  EXPECT_EQ(PointType(), PointType());
  EXPECT_FALSE(PointType() == LogicalType::Struct({{"a", LogicalType::Integer(), true},
                                                   {"b", LogicalType::Varchar(), true}}));
  EXPECT_FALSE(PointType() == LogicalType::Struct({{"A", LogicalType::Integer(), false},
                                                   {"b", LogicalType::Varchar(), true}}));
  EXPECT_FALSE(PointType() == LogicalType::Struct({{"a", LogicalType::Integer(), false},
                                                   {"b", LogicalType::Varchar(5), true}}));
  EXPECT_EQ(LogicalType::List(PointType()), LogicalType::List(PointType()));
  EXPECT_FALSE(LogicalType::List(PointType()) == LogicalType::List(PointType(), false));
  EXPECT_FALSE(LogicalType::List(LogicalType::Integer()) ==
               LogicalType::Map(LogicalType::Integer(), LogicalType::Integer()));
  EXPECT_FALSE(LogicalType::Map(LogicalType::Integer(), LogicalType::Integer()) ==
               LogicalType::Map(LogicalType::BigInt(), LogicalType::Integer()));
  EXPECT_FALSE(LogicalType::List(LogicalType::Integer()) == LogicalType::Integer());
}

TEST(LogicalTypeTest, CheckedNestedConstructorsRejectBadShapes) {
  auto empty = LogicalType::MakeStruct({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "a STRUCT needs at least one field");
  auto duplicate = LogicalType::MakeStruct(
      {{"Name", LogicalType::Integer(), true}, {"name", LogicalType::Varchar(), true}});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().message(), "duplicate STRUCT field name \"name\"");
  EXPECT_TRUE(LogicalType::MakeStruct({{"a", LogicalType::Integer(), true}}).ok());

  auto nested_key =
      LogicalType::MakeMap(LogicalType::List(LogicalType::Integer()), LogicalType::Integer());
  ASSERT_FALSE(nested_key.ok());
  EXPECT_EQ(nested_key.status().message(),
            "MAP keys must be of a primitive type, not ARRAY<INTEGER>");
  auto map = LogicalType::MakeMap(LogicalType::Varchar(), PointType());
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->ToString(), "MAP<VARCHAR, STRUCT<a: INTEGER NOT NULL, b: VARCHAR>>");
}

}  // namespace
}  // namespace inlet
