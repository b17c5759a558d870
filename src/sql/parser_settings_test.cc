#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

TEST(ParserSettingsTest, SetTakesStringsNumbersAndWords) {
  EXPECT_EQ(Canonical("set progress = 'off'"), "SET progress = 'off'");
  EXPECT_EQ(Canonical("SET progress TO off"), "SET progress = off");
  EXPECT_EQ(Canonical("SET load_history_retention_days = 7"),
            "SET load_history_retention_days = 7");
  EXPECT_EQ(Canonical("SET load_history_retention_days = -1"),
            "SET load_history_retention_days = -1");
  EXPECT_EQ(Canonical("SET copy_result = 'it''s'"), "SET copy_result = 'it''s'");
  StatementPtr set = MustParse("SET Progress = 'ON';");
  ASSERT_EQ(set->kind, StatementKind::kSet);
  const SetStatement& statement = set->As<SetStatement>();
  EXPECT_EQ(statement.name.normalized, "progress");
  EXPECT_EQ(statement.value, "ON");
  EXPECT_TRUE(statement.value_is_string);
  EXPECT_EQ(statement.value_position.column, 16);
}

TEST(ParserSettingsTest, ResetAndShow) {
  EXPECT_EQ(Canonical("reset progress"), "RESET progress");
  EXPECT_EQ(Canonical("RESET ALL"), "RESET ALL");
  EXPECT_FALSE(MustParse("RESET ALL")->As<ResetStatement>().name);
  EXPECT_EQ(Canonical("show progress"), "SHOW progress");
  EXPECT_EQ(Canonical("SHOW all"), "SHOW ALL");
  EXPECT_EQ(MustParse("SHOW ALL")->kind, StatementKind::kShowSetting);
  // SHOW TABLES keeps its meaning.
  EXPECT_EQ(MustParse("SHOW TABLES")->kind, StatementKind::kShowTables);
}

TEST(ParserSettingsTest, Errors) {
  EXPECT_EQ(ParseErrorOf("SET progress"),
            "syntax error at line 1, column 13: unexpected end of input, expected '=' or TO");
  EXPECT_EQ(ParseErrorOf("SET progress ="),
            "syntax error at line 1, column 15: unexpected end of input, expected a setting "
            "value (a string, number or word)");
  EXPECT_EQ(ParseErrorOf("SET progress = (1)"),
            "syntax error at line 1, column 16: expected a setting value (a string, number or "
            "word) but found \"(\"");
  EXPECT_EQ(ParseErrorOf("SET = 1"),
            "syntax error at line 1, column 5: expected setting name but found \"=\"");
  EXPECT_EQ(ParseErrorOf("SET progress = on off"),
            "syntax error at line 1, column 19: expected end of statement but found \"off\"");
  EXPECT_EQ(ParseErrorOf("RESET"),
            "syntax error at line 1, column 6: unexpected end of input, expected ALL or a "
            "setting name");
  EXPECT_EQ(ParseErrorOf("SHOW"),
            "syntax error at line 1, column 5: unexpected end of input, expected TABLES, "
            "TBLPROPERTIES, ALL or a setting name");
}

}  // namespace
}  // namespace inlet::sql
