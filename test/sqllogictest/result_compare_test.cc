#include "test/sqllogictest/result_compare.h"

#include <gtest/gtest.h>

namespace inlet::slt {
namespace {

QueryResult TwoColumns() {
  QueryResult result;
  result.column_names = {"a", "b"};
  result.column_types = {"INTEGER", "VARCHAR"};
  result.rows = {{"2", "x y"}, {"1", std::nullopt}, {"3", ""}};
  return result;
}

TEST(FormatRowsTest, TabsNullAndEmpty) {
  EXPECT_EQ(FormatRows(TwoColumns()),
            (std::vector<std::string>{"2\tx y", "1\tNULL", "3\t(empty)"}));
}

TEST(CompareQueryResultTest, MatchesRowsInOrder) {
  EXPECT_TRUE(
      CompareQueryResult(TwoColumns(), "IT", SortMode::kNoSort, {"2\tx y", "1\tNULL", "3\t(empty)"})
          .ok());
  Status status = CompareQueryResult(TwoColumns(), "IT", SortMode::kNoSort,
                                     {"1\tNULL", "2\tx y", "3\t(empty)"});
  EXPECT_EQ(status.message(), "row 1 differs: expected \"1\tNULL\", got \"2\tx y\"");
}

TEST(CompareQueryResultTest, RowSortIgnoresOrder) {
  EXPECT_TRUE(CompareQueryResult(TwoColumns(), "IT", SortMode::kRowSort,
                                 {"3\t(empty)", "2\tx y", "1\tNULL"})
                  .ok());
}

TEST(CompareQueryResultTest, AcceptsOneValuePerLine) {
  EXPECT_TRUE(CompareQueryResult(TwoColumns(), "IT", SortMode::kNoSort,
                                 {"2", "x y", "1", "NULL", "3", "(empty)"})
                  .ok());
}

TEST(CompareQueryResultTest, ReportsShapeMismatches) {
  EXPECT_EQ(CompareQueryResult(TwoColumns(), "I", SortMode::kNoSort, {}).message(),
            "the record declares 1 columns (I) but the query returns 2");
  EXPECT_EQ(CompareQueryResult(TwoColumns(), "IT", SortMode::kNoSort, {"2\tx y"}).message(),
            "expected 1 rows, got 3");
  EXPECT_EQ(CompareQueryResult(TwoColumns(), "IT", SortMode::kNoSort, {"2 x y"}).message(),
            "expected row 1 has 1 values but the query returns 2 columns (separate values with "
            "tabs)");
}

TEST(CompareQueryResultTest, EmptyResult) {
  QueryResult result;
  result.column_names = {"a"};
  result.column_types = {"INTEGER"};
  EXPECT_TRUE(CompareQueryResult(result, "I", SortMode::kNoSort, {}).ok());
}

}  // namespace
}  // namespace inlet::slt
