#include "delta/stats.h"

#include <gtest/gtest.h>

#include <limits>

namespace inlet {
namespace {

constexpr int64_t kMicros = 1704164645123456;     // 2024-01-02 03:04:05.123456
const std::string kMaxChar = "\xF4\x8F\xBF\xBF";  // U+10FFFF

ColumnStats Column(std::string name, std::optional<Value> min, std::optional<Value> max,
                   int64_t null_count = 0) {
  ColumnStats c;
  c.name = std::move(name);
  c.min = std::move(min);
  c.max = std::move(max);
  c.null_count = null_count;
  return c;
}

TEST(StatsTest, EveryTypeAsDeltaSparkWritesIt) {
  FileStats stats;
  stats.num_records = 5;
  stats.columns = {
      Column("i8", Value::Int(LogicalType::TinyInt(), -128), Value::Int(LogicalType::TinyInt(), 1)),
      Column("i64", Value::BigInt(-3), Value::BigInt(9007199254740993)),
      Column("f32", Value::Float(0.234f), Value::Float(4.0f)),
      Column("f64", Value::Double(-0.5), Value::Double(234234.23), 1),
      Column("dec", Value::Decimal(10000, 5, 3), Value::Decimal(-5, 5, 3)),
      Column("dec0", Value::Decimal(0, 1, 0), Value::Decimal(9, 1, 0)),
      Column("s", Value::Varchar("a\"b"), Value::Varchar("zz")),
      Column("d", Value::Date(19724), Value::Date(-1)),
      Column("tz", Value::TimestampTz(kMicros), Value::TimestampTz(kMicros)),
      Column("ntz", Value::Timestamp(kMicros - 456), Value::Timestamp(kMicros - 456)),
      Column("old", Value::Timestamp(-1), Value::Timestamp(-1)),
      Column("bin", Value::Binary("\x01"), Value::Binary("\x02"), 2),
      Column("b", Value::Boolean(false), Value::Boolean(true)),
      Column("nulls", std::nullopt, Value::Null(LogicalType::Integer()), 5),
  };
  EXPECT_EQ(BuildStatsJson(stats),
            R"json({"numRecords":5,"minValues":{"i8":-128,"i64":-3,"f32":0.234,"f64":-0.5,)json"
            R"json("dec":10.000,"dec0":0,"s":"a\"b","d":"2024-01-02",)json"
            R"json("tz":"2024-01-02T03:04:05.123Z","ntz":"2024-01-02T03:04:05.123",)json"
            R"json("old":"1969-12-31T23:59:59.999"},)json"
            R"json("maxValues":{"i8":1,"i64":9007199254740993,"f32":4.0,"f64":234234.23,)json"
            R"json("dec":-0.005,"dec0":9,"s":"zz","d":"1969-12-31",)json"
            R"json("tz":"2024-01-02T03:04:05.124Z","ntz":"2024-01-02T03:04:05.123",)json"
            R"json("old":"1970-01-01T00:00:00.000"},)json"
            R"json("nullCount":{"i8":0,"i64":0,"f32":0,"f64":1,"dec":0,"dec0":0,"s":0,"d":0,)json"
            R"json("tz":0,"ntz":0,"old":0,"bin":2,"b":0,"nulls":5}})json");
}

TEST(StatsTest, NanAndInfinityLeaveBoundsOut) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  FileStats stats;
  stats.num_records = 3;
  ColumnStats flagged = Column("flagged", Value::Double(1), Value::Double(2));
  flagged.has_nan = true;
  stats.columns = {
      flagged,
      Column("nan_max", Value::Double(1), Value::Double(nan)),
      Column("inf", Value::Double(-inf), Value::Double(3)),
      Column("finf", Value::Float(1), Value::Float(static_cast<float>(inf))),
  };
  EXPECT_EQ(BuildStatsJson(stats),
            R"json({"numRecords":3,"minValues":{"finf":1.0},"maxValues":{"inf":3.0},)json"
            R"json("nullCount":{"flagged":0,"nan_max":0,"inf":0,"finf":0}})json");
}

TEST(StatsTest, ShortStringsStayWhole) {
  std::string s(32, 'a');
  EXPECT_EQ(TruncateMinString(s, 32), s);
  EXPECT_EQ(TruncateMaxString(s, 32), s);
  EXPECT_EQ(TruncateMinString("", 32), "");
}

TEST(StatsTest, TruncatesStringsLikeDeltaSpark) {
  std::string a32(32, 'a');
  std::string a31(31, 'a');
  EXPECT_EQ(TruncateMinString(a32 + "bcd", 32), a32);
  EXPECT_EQ(TruncateMaxString(a32 + "bcd", 32), a32 + "\x7F");
  // A non-ASCII next character needs the biggest tie-breaker.
  EXPECT_EQ(TruncateMaxString(a32 + "é", 32), a32 + kMaxChar);
  // Characters, not bytes: é is one character.
  EXPECT_EQ(TruncateMinString(a31 + "éxyz", 32), a31 + "é");
  EXPECT_EQ(TruncateMaxString(a31 + "éxyz", 32), a31 + "é\x7F");
  // An astral character counts twice, as in Java, and is never split.
  EXPECT_EQ(TruncateMinString(a31 + "😈b", 32), a31 + "😈");
  EXPECT_EQ(TruncateMaxString(a31 + "😈b", 32), a31 + "😈\x7F");
  // The prefix grows past U+10FFFF, which no tie-breaker can beat...
  std::string ten_max;
  for (int i = 0; i < 10; ++i) ten_max += kMaxChar;
  EXPECT_EQ(TruncateMaxString(a32 + ten_max + "b", 32), a32 + ten_max + "\x7F");
  // ...up to twice the prefix length, after which there is no bound.
  std::string many_max;
  for (int i = 0; i < 20; ++i) many_max += kMaxChar;
  EXPECT_EQ(TruncateMaxString(a32 + many_max + "b", 32), std::nullopt);
  // ...unless the string ends first.
  EXPECT_EQ(TruncateMaxString(a32 + kMaxChar, 32), a32 + kMaxChar);
}

TEST(StatsTest, LongStringBoundsInJson) {
  FileStats stats;
  stats.num_records = 1;
  std::string long_value(40, 'x');
  std::string many_max(32, 'a');
  for (int i = 0; i < 40; ++i) many_max += kMaxChar;
  stats.columns = {Column("s", Value::Varchar(long_value), Value::Varchar(long_value)),
                   Column("m", Value::Varchar("a"), Value::Varchar(many_max))};
  EXPECT_EQ(BuildStatsJson(stats), "{\"numRecords\":1,\"minValues\":{\"s\":\"" +
                                       std::string(32, 'x') +
                                       "\",\"m\":\"a\"},\"maxValues\":{"
                                       "\"s\":\"" +
                                       std::string(32, 'x') +
                                       "\x7F\"},"
                                       "\"nullCount\":{\"s\":0,\"m\":0}}");
}

ColumnStats Struct(std::string name, std::vector<ColumnStats> fields) {
  ColumnStats c;
  c.name = std::move(name);
  c.fields = std::move(fields);
  return c;
}

// The shape of the stats Delta-Spark wrote for DAT's nested_types table: struct fields nest,
// booleans and lists/maps get no bounds, lists and maps get a nullCount.
TEST(StatsTest, NestedColumnsAsDeltaSparkWritesThem) {
  FileStats stats;
  stats.num_records = 5;
  stats.columns = {
      Column("pk", Value::Int(LogicalType::Integer(), 0), Value::Int(LogicalType::Integer(), 4)),
      Struct("struct", {Column("float64", Value::Double(0), Value::Double(4)),
                        Column("bool", Value::Boolean(false), Value::Boolean(true))}),
      Column("array", std::nullopt, std::nullopt),
      Column("map", std::nullopt, std::nullopt, 2),
  };
  EXPECT_EQ(BuildStatsJson(stats),
            R"json({"numRecords":5,"minValues":{"pk":0,"struct":{"float64":0.0}},)json"
            R"json("maxValues":{"pk":4,"struct":{"float64":4.0}},)json"
            R"json("nullCount":{"pk":0,"struct":{"float64":0,"bool":0},"array":0,"map":2}})json");
}

TEST(StatsTest, DeepStructsNestAndBoundlessStructsAreLeftOut) {
  FileStats stats;
  stats.num_records = 2;
  ColumnStats nan_field = Column("nan", Value::Double(1), Value::Double(2), 1);
  nan_field.has_nan = true;
  stats.columns = {
      Struct("outer", {Struct("inner", {Column("s", Value::Varchar("a"), Value::Varchar("b"), 1)}),
                       Struct("empty", {Column("flag", Value::Boolean(true), Value::Boolean(true)),
                                        nan_field}),
                       Column("t", Value::Timestamp(0), std::nullopt)}),
  };
  EXPECT_EQ(BuildStatsJson(stats),
            R"json({"numRecords":2,"minValues":{"outer":{"inner":{"s":"a"},)json"
            R"json("t":"1970-01-01T00:00:00.000"}},)json"
            R"json("maxValues":{"outer":{"inner":{"s":"b"}}},)json"
            R"json("nullCount":{"outer":{"inner":{"s":1},"empty":{"flag":0,"nan":1},"t":0}}})json");
}

TEST(StatsTest, TimeAndNestedValuesGetNoBounds) {
  FileStats stats;
  stats.num_records = 1;
  LogicalType list = LogicalType::List(LogicalType::Integer());
  Value empty_list = Value::List(list, {});
  stats.columns = {Column("t", Value::Time(1), Value::Time(2)),
                   Column("l", empty_list, empty_list)};
  EXPECT_EQ(BuildStatsJson(stats),
            R"json({"numRecords":1,"minValues":{},"maxValues":{},"nullCount":{"t":0,"l":0}})json");
}

}  // namespace
}  // namespace inlet
