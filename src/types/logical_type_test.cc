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

}  // namespace
}  // namespace inlet
