#include "types/value.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

LogicalType PairType() {
  return LogicalType::Struct({{"a", LogicalType::Integer()}, {"b", LogicalType::Varchar()}});
}

Value Pair(int a, std::string b) {
  return Value::Struct(PairType(), {Value::Int(LogicalType::Integer(), a), Value::Varchar(b)});
}

TEST(ValueTest, TimePrintsLikeTimestampsDo) {
  EXPECT_EQ(Value::Time(0).ToString(), "00:00:00");
  EXPECT_EQ(Value::Time(45296500000).ToString(), "12:34:56.5");
  EXPECT_EQ(Value::Time(45296000001).ToString(), "12:34:56.000001");
  EXPECT_EQ(Value::Time(86400000000).ToString(), "24:00:00");
}

TEST(ValueTest, NestedToStringFollowsDuckDb) {
  EXPECT_EQ(Pair(1, "text").ToString(), "{'a': 1, 'b': text}");
  LogicalType ints = LogicalType::List(LogicalType::Integer());
  EXPECT_EQ(Value::List(
                ints, {Value::Int(LogicalType::Integer(), 1), Value::Int(LogicalType::Integer(), 2),
                       Value::Null(LogicalType::Integer())})
                .ToString(),
            "[1, 2, NULL]");
  EXPECT_EQ(Value::List(ints, {}).ToString(), "[]");
  LogicalType map_type = LogicalType::Map(LogicalType::Varchar(), LogicalType::Double());
  auto entry = [&](std::string k, Value v) {
    return Value::Struct(map_type.map_entry(), {Value::Varchar(std::move(k)), std::move(v)});
  };
  EXPECT_EQ(Value::Map(map_type, {entry("k", Value::Double(1.5)), entry("k 2", Value::Double(2))})
                .ToString(),
            "{k=1.5, k 2=2.0}");
  EXPECT_EQ(Value::Map(map_type, {}).ToString(), "{}");
  // Only a top-level string is printed bare; nested text is quoted where DuckDB quotes it.
  EXPECT_EQ(Value::Varchar("a,b").ToString(), "a,b");
}

TEST(ValueTest, NestedTextIsQuotedOnlyWhenAmbiguous) {
  LogicalType texts = LogicalType::List(LogicalType::Varchar());
  std::vector<Value> elements;
  for (const char* s : {"plain", "y z", "a,b", "", " x", "x\t", "NuLL", "it's", "a\\b", "{a}",
                        "k=v", "a:b", "q\"q", "(x)", "[y]"}) {
    elements.push_back(Value::Varchar(s));
  }
  EXPECT_EQ(Value::List(texts, elements).ToString(),
            "[plain, y z, 'a,b', '', ' x', 'x\t', 'NuLL', 'it\\'s', a\\b, '{a}', 'k=v', 'a:b', "
            "'q\"q', '(x)', '[y]']");
  LogicalType odd = LogicalType::Struct({{"it's", LogicalType::Timestamp()}});
  EXPECT_EQ(Value::Struct(odd, {Value::Timestamp(0)}).ToString(),
            "{'it\\'s': '1970-01-01 00:00:00'}");
  LogicalType with_backslash = LogicalType::List(LogicalType::Varchar());
  EXPECT_EQ(Value::List(with_backslash, {Value::Varchar("a\\b,")}).ToString(), "['a\\\\b,']");
}

TEST(ValueTest, NestedEqualityIsDeep) {
  EXPECT_EQ(Pair(1, "x"), Pair(1, "x"));
  EXPECT_FALSE(Pair(1, "x") == Pair(1, "y"));
  EXPECT_FALSE(Pair(1, "x") == Value::Null(PairType()));
  EXPECT_EQ(Value::Null(PairType()), Value::Null(PairType()));
  LogicalType list = LogicalType::List(PairType());
  EXPECT_EQ(Value::List(list, {Pair(1, "x")}), Value::List(list, {Pair(1, "x")}));
  EXPECT_FALSE(Value::List(list, {Pair(1, "x")}) == Value::List(list, {}));
  EXPECT_FALSE(Value::List(list, {Pair(1, "x")}) ==
               Value::List(LogicalType::List(PairType(), false), {Pair(1, "x")}));
}

TEST(ValueTest, NestedAndTimeComparability) {
  EXPECT_FALSE(Value::AreComparable(PairType(), PairType()));
  EXPECT_FALSE(Value::AreComparable(LogicalType::List(LogicalType::Integer()),
                                    LogicalType::List(LogicalType::Integer())));
  EXPECT_FALSE(
      Value::AreComparable(LogicalType::Integer(), LogicalType::List(LogicalType::Integer())));
  EXPECT_TRUE(Value::AreComparable(LogicalType::Time(), LogicalType::Time()));
  EXPECT_FALSE(Value::AreComparable(LogicalType::Time(), LogicalType::Timestamp()));
  EXPECT_LT(Value::Time(1).Compare(Value::Time(2)), 0);
  EXPECT_EQ(Value::Time(5).Compare(Value::Time(5)), 0);
}

}  // namespace
}  // namespace inlet
