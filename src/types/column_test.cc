#include "types/column.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace inlet
