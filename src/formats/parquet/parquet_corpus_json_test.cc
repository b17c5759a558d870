// The corpus test's value comparison: each convention's spelling matches, and a different value
// does not (a comparison that matched everything would make the corpus test pass vacuously).
#include "formats/parquet/parquet_corpus_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace inlet::parquet_corpus {
namespace {

class CorpusJsonTest : public ::testing::Test {
 protected:
  // "" when `got` matches the JSON text `expected`.
  std::string Mismatch(const Value& got, const std::string& expected, JsonConvention convention,
                       bool nullable = true) {
    simdjson::dom::element element;
    EXPECT_EQ(parser_.parse(expected).get(element), simdjson::SUCCESS) << expected;
    return JsonMismatch(got, element, convention, nullable);
  }
  bool Matches(const Value& got, const std::string& expected, JsonConvention convention,
               bool nullable = true) {
    return Mismatch(got, expected, convention, nullable).empty();
  }

 private:
  simdjson::dom::parser parser_;
};

constexpr JsonConvention kHyparquet = JsonConvention::kHyparquet;
constexpr JsonConvention kDuckDb = JsonConvention::kDuckDb;

TEST_F(CorpusJsonTest, Integers) {
  int64_t big = (int64_t{1} << 60) + 1;
  EXPECT_TRUE(Matches(Value::BigInt(big), "1152921504606846977", kHyparquet));
  // A JS number lost the last digits.
  EXPECT_TRUE(Matches(Value::BigInt(big), "1152921504606846976", kHyparquet));
  EXPECT_FALSE(Matches(Value::BigInt(big), "1152921504606846976", kDuckDb));
  EXPECT_TRUE(Matches(Value::BigInt(big), "\"1152921504606846977\"", kDuckDb));
  EXPECT_FALSE(Matches(Value::BigInt(7), "8", kHyparquet));
  EXPECT_FALSE(Matches(Value::BigInt(7), "null", kDuckDb));
  EXPECT_FALSE(Matches(Value::Null(LogicalType::BigInt()), "0", kDuckDb));
}

TEST_F(CorpusJsonTest, FloatsAndDecimals) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(Matches(Value::Double(nan), "null", kHyparquet));
  EXPECT_TRUE(Matches(Value::Double(nan), "\"NaN\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Double(-INFINITY), "\"-Infinity\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Double(-0.0), "0", kHyparquet));
  EXPECT_TRUE(Matches(Value::Float(0.1f), "0.10000000149011612", kDuckDb));
  EXPECT_FALSE(Matches(Value::Float(0.1f), "0.1", kDuckDb));
  EXPECT_TRUE(Matches(Value::Decimal(-1234567, 9, 2), "-12345.67", kHyparquet));
  EXPECT_TRUE(Matches(Value::Decimal(110, 9, 2), "\"1.10\"", kDuckDb));
  EXPECT_FALSE(Matches(Value::Decimal(111, 9, 2), "\"1.10\"", kDuckDb));
  EXPECT_FALSE(Matches(Value::Decimal(111, 9, 2), "1.1", kHyparquet));
}

TEST_F(CorpusJsonTest, TextAndBytes) {
  EXPECT_TRUE(Matches(Value::Varchar("abc"), "\"abc\"", kDuckDb));
  EXPECT_FALSE(Matches(Value::Varchar("abc"), "\"abd\"", kDuckDb));
  // hyparquet parses JSON columns.
  EXPECT_TRUE(Matches(Value::Varchar("{\"a\": [1, 2]}"), "{\"a\": [1.0, 2]}", kHyparquet));
  EXPECT_FALSE(Matches(Value::Varchar("{\"a\": [1, 3]}"), "{\"a\": [1, 2]}", kHyparquet));
  std::string bytes("\x00'a\\\xff", 5);
  EXPECT_TRUE(Matches(Value::Binary(bytes), R"("\\x00\\x27a\\\\xFF")", kDuckDb));
  EXPECT_TRUE(Matches(Value::Binary(bytes), "[0, 39, 97, 92, 255]", kHyparquet));
  EXPECT_FALSE(Matches(Value::Binary(bytes), "[0, 39, 97, 92, 254]", kHyparquet));
  EXPECT_TRUE(Matches(Value::Binary("abc"), "\"abc\"", kHyparquet));
  std::string uuid("\x55\x0e\x84\x00\xe2\x9b\x41\xd4\xa7\x16\x44\x66\x55\x44\x00\x00", 16);
  EXPECT_TRUE(Matches(Value::Binary(uuid), "\"550e8400-e29b-41d4-a716-446655440000\"", kHyparquet));
}

TEST_F(CorpusJsonTest, DatesAndTimes) {
  EXPECT_TRUE(Matches(Value::Date(14245), "\"2009-01-01\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Date(14245), "\"2009-01-01T00:00:00.000Z\"", kHyparquet));
  EXPECT_FALSE(Matches(Value::Date(14246), "\"2009-01-01\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Date(-719528), "\"0001-01-01 (BC)\"", kDuckDb));
  int64_t micros = int64_t{14245} * 86400000000 + 123456;
  EXPECT_TRUE(Matches(Value::Timestamp(micros), "\"2009-01-01 00:00:00.123456\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Timestamp(micros), "\"2009-01-01 00:00:00.123456789\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::TimestampTz(micros), "\"2009-01-01 00:00:00.123456+00\"", kDuckDb));
  EXPECT_FALSE(Matches(Value::Timestamp(micros), "\"2009-01-01 00:00:00.123457\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Timestamp(micros), "\"2009-01-01T00:00:00.123Z\"", kHyparquet));
  EXPECT_FALSE(Matches(Value::Timestamp(micros), "\"2009-01-01T00:00:00.124Z\"", kHyparquet));
  EXPECT_TRUE(Matches(Value::Time(3723500000), "\"01:02:03.5\"", kDuckDb));
  EXPECT_TRUE(Matches(Value::Time(3723500000), "3723500", kHyparquet));  // TIME_MILLIS
  EXPECT_FALSE(Matches(Value::Time(3723500000), "\"01:02:03\"", kDuckDb));
}

TEST_F(CorpusJsonTest, NestedValues) {
  LogicalType point =
      LogicalType::Struct({{"x", LogicalType::Integer(), true},
                           {"tags", LogicalType::List(LogicalType::Varchar()), false}});
  Value tags = Value::List(LogicalType::List(LogicalType::Varchar()),
                           {Value::Varchar("a"), Value::Null(LogicalType::Varchar())});
  Value p = Value::Struct(point, {Value::Int(LogicalType::Integer(), 1), tags});
  EXPECT_TRUE(Matches(p, R"({"tags": ["a", null], "x": 1})", kDuckDb));
  EXPECT_EQ(Mismatch(p, R"({"x": 1, "tags": ["a", "b"]})", kDuckDb),
            R"(.tags[1]: expected "b", got NULL)");
  EXPECT_FALSE(Matches(p, R"({"x": 1, "tags": ["a", null], "y": 2})", kDuckDb));
  // hyparquet leaves NULL fields out, and writes an empty list that may not be NULL as null.
  Value empty_tags = Value::List(LogicalType::List(LogicalType::Varchar()), {});
  Value q = Value::Struct(point, {Value::Null(LogicalType::Integer()), empty_tags});
  EXPECT_TRUE(Matches(q, R"({"tags": null})", kHyparquet));
  EXPECT_FALSE(Matches(q, R"({"tags": null})", kDuckDb));
  EXPECT_FALSE(Matches(empty_tags, "null", kHyparquet, /*nullable=*/true));
  EXPECT_EQ(Mismatch(p, R"({"tags": ["a", null]})", kHyparquet),
            ".x: missing from the expected object, got 1");

  LogicalType map_type = LogicalType::Map(LogicalType::Integer(), LogicalType::Double());
  auto entry = [&](int key, double value) {
    return Value::Struct(map_type.map_entry(),
                         {Value::Int(LogicalType::Integer(), key), Value::Double(value)});
  };
  Value map = Value::Map(map_type, {entry(1, 1.5), entry(2, 2.5)});
  EXPECT_TRUE(Matches(map, R"({"2": 2.5, "1": 1.5})", kHyparquet));
  EXPECT_FALSE(Matches(map, R"({"1": 1.5})", kHyparquet));
  EXPECT_TRUE(Matches(map, R"([{"key": 1, "value": 1.5}, {"key": 2, "value": 2.5}])", kDuckDb));
  EXPECT_FALSE(Matches(map, R"([{"key": 2, "value": 2.5}, {"key": 1, "value": 1.5}])", kDuckDb));
}

TEST_F(CorpusJsonTest, WkbAsGeoJson) {
  // POINT (30 10), little endian.
  std::string wkb("\x01\x01\x00\x00\x00", 5);
  for (double v : {30.0, 10.0}) wkb.append(reinterpret_cast<const char*>(&v), sizeof(v));
  EXPECT_TRUE(
      Matches(Value::Binary(wkb), R"({"type": "Point", "coordinates": [30, 10]})", kHyparquet));
  EXPECT_FALSE(
      Matches(Value::Binary(wkb), R"({"type": "Point", "coordinates": [30, 11]})", kHyparquet));
  EXPECT_FALSE(Matches(Value::Binary(wkb.substr(0, 12)),
                       R"({"type": "Point", "coordinates": [30, 10]})", kHyparquet));
}

}  // namespace
}  // namespace inlet::parquet_corpus
