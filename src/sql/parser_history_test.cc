#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

TEST(ParserHistoryTest, DescribeHistory) {
  EXPECT_EQ(Canonical("describe history raw.orders"), "DESCRIBE HISTORY raw.orders");
  EXPECT_EQ(Canonical("DESCRIBE HISTORY orders LIMIT 5"), "DESCRIBE HISTORY orders LIMIT 5");
  StatementPtr history = MustParse("DESCRIBE HISTORY orders LIMIT 5");
  ASSERT_EQ(history->kind, StatementKind::kDescribeHistory);
  EXPECT_EQ(*history->As<DescribeHistoryStatement>().limit, 5);
  // A table named history is described as before.
  EXPECT_EQ(MustParse("DESCRIBE history")->kind, StatementKind::kDescribe);
  EXPECT_EQ(MustParse("DESCRIBE TABLE history")->kind, StatementKind::kDescribe);
  EXPECT_EQ(ParseErrorOf("DESCRIBE HISTORY orders LIMIT x"),
            "syntax error at line 1, column 31: expected a row count after LIMIT but found \"x\"");
}

TEST(ParserHistoryTest, TimeTravel) {
  EXPECT_EQ(Canonical("SELECT * FROM orders VERSION AS OF 3"),
            "SELECT * FROM orders VERSION AS OF 3");
  EXPECT_EQ(Canonical("select id from orders timestamp as of '2026-11-23 10:00:00' o"),
            "SELECT id FROM orders TIMESTAMP AS OF '2026-11-23 10:00:00' AS o");
  StatementPtr select = MustParse("SELECT * FROM orders VERSION AS OF -1 AS x");
  const TableRef& from = *select->As<SelectStatement>().from;
  ASSERT_TRUE(from.time_travel);
  EXPECT_EQ(from.time_travel->version, -1);
  EXPECT_EQ(from.alias->text, "x");
  // Without AS OF, version is an alias as before.
  EXPECT_EQ(Canonical("SELECT * FROM orders version"), "SELECT * FROM orders AS version");
  EXPECT_EQ(ParseErrorOf("SELECT * FROM orders VERSION AS OF 'x'"),
            "syntax error at line 1, column 36: expected a row count after VERSION AS OF but "
            "found string 'x'");
  EXPECT_EQ(ParseErrorOf("SELECT * FROM orders TIMESTAMP AS OF 5"),
            "syntax error at line 1, column 38: expected a timestamp string but found \"5\"");
}

TEST(ParserHistoryTest, Vacuum) {
  EXPECT_EQ(Canonical("vacuum orders"), "VACUUM orders");
  EXPECT_EQ(Canonical("VACUUM orders RETAIN 168 HOURS DRY RUN"),
            "VACUUM orders RETAIN 168 HOURS DRY RUN");
  EXPECT_EQ(Canonical("VACUUM orders RETAIN 0.5 HOURS"), "VACUUM orders RETAIN 0.5 HOURS");
  EXPECT_EQ(Canonical("VACUUM orders DRY RUN"), "VACUUM orders DRY RUN");
  EXPECT_EQ(ParseErrorOf("VACUUM orders RETAIN HOURS"),
            "syntax error at line 1, column 22: expected a number of hours after RETAIN but "
            "found \"HOURS\"");
  EXPECT_EQ(ParseErrorOf("VACUUM orders RETAIN 7 DAYS"),
            "syntax error at line 1, column 24: expected HOURS but found \"DAYS\"");
  EXPECT_EQ(ParseErrorOf("VACUUM orders DRY"),
            "syntax error at line 1, column 18: unexpected end of input, expected RUN");
}

}  // namespace
}  // namespace inlet::sql
