#include "delta/partition_values.h"

#include <gtest/gtest.h>

#include <cmath>

#include "types/cast.h"

namespace inlet {
namespace {

std::string Serialized(const Value& value) {
  Result<std::optional<std::string>> text = SerializePartitionValue(value);
  if (!text.ok()) return "error: " + text.status().message();
  return text->value_or("<null>");
}

TEST(PartitionValuesTest, SerializesEveryTypeAsTheProtocolSays) {
  EXPECT_EQ(Serialized(Value::Varchar("a b/c")), "a b/c");
  EXPECT_EQ(Serialized(Value::Int(LogicalType::TinyInt(), -7)), "-7");
  EXPECT_EQ(Serialized(Value::BigInt(9007199254740993)), "9007199254740993");
  EXPECT_EQ(Serialized(Value::Double(1)), "1.0");
  EXPECT_EQ(Serialized(Value::Double(0.1)), "0.1");
  EXPECT_EQ(Serialized(Value::Float(2.5f)), "2.5");
  EXPECT_EQ(Serialized(Value::Double(std::nan(""))), "NaN");
  EXPECT_EQ(Serialized(Value::Double(-INFINITY)), "-Infinity");
  EXPECT_EQ(Serialized(Value::Decimal(-12345, 10, 2)), "-123.45");
  EXPECT_EQ(Serialized(Value::Boolean(true)), "true");
  EXPECT_EQ(Serialized(Value::Date(0)), "1970-01-01");
  EXPECT_EQ(Serialized(Value::Timestamp(1'500'000)), "1970-01-01 00:00:01.5");
  EXPECT_EQ(Serialized(Value::Timestamp(0)), "1970-01-01 00:00:00");
  EXPECT_EQ(Serialized(Value::TimestampTz(123'456)), "1970-01-01T00:00:00.123456Z");
  EXPECT_EQ(Serialized(Value::Binary(std::string("\x01\x02", 2))), std::string("\x01\x02", 2));
}

TEST(PartitionValuesTest, NullAndEmptyStringAreNull) {
  EXPECT_EQ(Serialized(Value::Null(LogicalType::Integer())), "<null>");
  EXPECT_EQ(Serialized(Value::Varchar("")), "<null>");
}

TEST(PartitionValuesTest, RefusesNestedAndTime) {
  EXPECT_EQ(Serialized(Value::Time(0)), "error: a TIME value cannot be a partition value");
  EXPECT_EQ(CheckPartitionColumnType("t", LogicalType::Time()).message(),
            "partition column \"t\" has type TIME; a partition column must have a primitive type");
  EXPECT_TRUE(CheckPartitionColumnType("d", LogicalType::Decimal(10, 2)).ok());
}

TEST(PartitionValuesTest, ParsesWhatSparkAndInletWrite) {
  auto parse = [](std::optional<std::string> text, const LogicalType& type) {
    Result<Value> value = ParsePartitionValue(text, type);
    return value.ok() ? value->ToString() : "error: " + value.status().message();
  };
  EXPECT_EQ(parse(std::nullopt, LogicalType::Integer()), "NULL");
  EXPECT_EQ(parse("", LogicalType::Varchar()), "NULL");
  EXPECT_EQ(parse("-5", LogicalType::SmallInt()), "-5");
  EXPECT_EQ(parse("Infinity", LogicalType::Double()), "inf");
  EXPECT_EQ(parse("NaN", LogicalType::Float()), "nan");
  EXPECT_EQ(parse("1.50", LogicalType::Decimal(5, 2)), "1.50");
  EXPECT_EQ(parse("2021-09-08 11:11:11", LogicalType::Timestamp()), "2021-09-08 11:11:11");
  // Spark writes TIMESTAMP partitions without a zone (its session zone), others in ISO 8601 UTC.
  EXPECT_EQ(parse("2021-09-08 11:11:11", LogicalType::TimestampTz()), "2021-09-08 11:11:11+00");
  EXPECT_EQ(parse("2021-09-08T11:11:11.5Z", LogicalType::TimestampTz()),
            "2021-09-08 11:11:11.5+00");
  EXPECT_EQ(parse("false", LogicalType::Boolean()), "false");
  EXPECT_EQ(parse("2024-02-30", LogicalType::Date()),
            "error: partition value '2024-02-30' is not a valid DATE");
}

TEST(PartitionValuesTest, EscapesFolderNamesAsSpark) {
  EXPECT_EQ(EscapePartitionPathPart("a b"), "a b");
  EXPECT_EQ(EscapePartitionPathPart("bar+%21"), "bar+%2521");
  EXPECT_EQ(EscapePartitionPathPart("x/y=z:w"), "x%2Fy%3Dz%3Aw");
  EXPECT_EQ(EscapePartitionPathPart("\"#'*?\\{[]^\x01\x7f"),
            "%22%23%27%2A%3F%5C%7B%5B%5D%5E%01%7F");
  EXPECT_EQ(EscapePartitionPathPart("é"), "é");
  EXPECT_EQ(PartitionFolder({{"year", "2024"}, {"city", std::nullopt}}),
            "year=2024/city=__HIVE_DEFAULT_PARTITION__/");
}

}  // namespace
}  // namespace inlet
