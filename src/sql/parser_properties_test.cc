// TBLPROPERTIES in CREATE TABLE, ALTER TABLE SET / UNSET TBLPROPERTIES, SHOW TBLPROPERTIES.

#include <gtest/gtest.h>

#include "sql/parser.h"
#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

TEST(ParserPropertiesTest, CreateTableWithProperties) {
  StatementPtr statement = MustParse(
      "CREATE TABLE t (a INT) LOCATION '/data/t'\n"
      "TBLPROPERTIES ('delta.targetFileSize' = '64mb', inlet.parquet.Compression = 'zstd',\n"
      "  'inlet.parquet.compressionLevel' = 9, delta.appendOnly = TRUE, \"quoted\".key "
      "'no-equals',\n"
      "  'negative' = -1.5)");
  ASSERT_NE(statement, nullptr);
  const auto& create = statement->As<CreateTableStatement>();
  ASSERT_TRUE(create.location.has_value());
  ASSERT_EQ(create.properties.size(), 6u);
  EXPECT_EQ(create.properties[0].key.value, "delta.targetFileSize");
  EXPECT_EQ(create.properties[0].value.value, "64mb");
  EXPECT_EQ(create.properties[0].key.position.line, 2);
  EXPECT_EQ(create.properties[0].key.position.column, 16);
  EXPECT_EQ(create.properties[0].value.position.column, 41);
  // Words keep their spelling; numbers and booleans their text.
  EXPECT_EQ(create.properties[1].key.value, "inlet.parquet.Compression");
  EXPECT_EQ(create.properties[1].key.position.column, 49);
  EXPECT_EQ(create.properties[2].value.value, "9");
  EXPECT_EQ(create.properties[3].key.value, "delta.appendOnly");
  EXPECT_EQ(create.properties[3].value.value, "true");
  EXPECT_EQ(create.properties[4].key.value, "quoted.key");
  EXPECT_EQ(create.properties[4].value.value, "no-equals");
  EXPECT_EQ(create.properties[5].value.value, "-1.5");

  EXPECT_EQ(Canonical("create table t (a int) tblproperties ('k' = 'v') location 'x'"),
            "CREATE TABLE t (a INT) LOCATION 'x' TBLPROPERTIES ('k' = 'v')");
  EXPECT_EQ(Canonical("CREATE TABLE t (a INT) TBLPROPERTIES (a.b = 1, 'it''s' = false)"),
            "CREATE TABLE t (a INT) TBLPROPERTIES ('a.b' = '1', 'it''s' = 'false')");
  // Without columns the clause parses; binding explains that it needs them.
  EXPECT_EQ(Canonical("CREATE DELTA TABLE t LOCATION 'x' TBLPROPERTIES ('k' = 'v')"),
            "CREATE DELTA TABLE t LOCATION 'x' TBLPROPERTIES ('k' = 'v')");
}

TEST(ParserPropertiesTest, PropertyListErrors) {
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES ()"),
            "syntax error at line 1, column 39: expected property key but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES 'k' = 'v'"),
            "syntax error at line 1, column 38: expected '(' but found string 'k'");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES ('k' = )"),
            "syntax error at line 1, column 45: expected property value (a string, number, TRUE "
            "or FALSE) but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES ('k' = v)"),
            "syntax error at line 1, column 45: expected property value (a string, number, TRUE "
            "or FALSE) but found \"v\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES ('k' = 'v' 'w' = 'x')"),
            "syntax error at line 1, column 49: expected ',' or ')' but found string 'w'");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES (a. = 'v')"),
            "syntax error at line 1, column 42: expected property key but found \"=\"");
  EXPECT_EQ(
      ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES ('a' = 'b') TBLPROPERTIES ('c' = 'd')"),
      "syntax error at line 1, column 50: duplicate TBLPROPERTIES");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) LOCATION 'x' LOCATION 'y'"),
            "syntax error at line 1, column 37: duplicate LOCATION");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) TBLPROPERTIES ('a' = 'b'"),
            "syntax error at line 1, column 48: unexpected end of input, expected ',' or ')'");
}

TEST(ParserPropertiesTest, AlterTableSetAndUnset) {
  StatementPtr set = MustParse("ALTER TABLE raw.orders SET TBLPROPERTIES ('a' = 'b', c.d = 2)");
  ASSERT_NE(set, nullptr);
  ASSERT_EQ(set->kind, StatementKind::kAlterTable);
  const auto& alter = set->As<AlterTableStatement>();
  EXPECT_EQ(alter.action, AlterTableStatement::Action::kSetProperties);
  EXPECT_EQ(alter.table.ToString(), "raw.orders");
  ASSERT_EQ(alter.properties.size(), 2u);
  EXPECT_EQ(alter.properties[1].key.value, "c.d");
  EXPECT_EQ(alter.properties[1].value.value, "2");

  StatementPtr unset = MustParse("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a', Delta.X)");
  ASSERT_NE(unset, nullptr);
  const auto& alter_unset = unset->As<AlterTableStatement>();
  EXPECT_EQ(alter_unset.action, AlterTableStatement::Action::kUnsetProperties);
  EXPECT_TRUE(alter_unset.if_exists);
  ASSERT_EQ(alter_unset.keys.size(), 2u);
  EXPECT_EQ(alter_unset.keys[1].value, "Delta.X");
  EXPECT_EQ(alter_unset.keys[1].position.column, 51);

  EXPECT_EQ(Canonical("alter table t set tblproperties (k = 'v')"),
            "ALTER TABLE t SET TBLPROPERTIES ('k' = 'v')");
  EXPECT_EQ(Canonical("alter table t unset tblproperties ('k', 'l')"),
            "ALTER TABLE t UNSET TBLPROPERTIES ('k', 'l')");
  EXPECT_EQ(Canonical("alter table t unset tblproperties if exists (k)"),
            "ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('k')");

  StatementPtr add = MustParse("alter table t add constraint Positive check ( amount  >0 )");
  ASSERT_NE(add, nullptr);
  const auto& alter_add = add->As<AlterTableStatement>();
  EXPECT_EQ(alter_add.action, AlterTableStatement::Action::kAddConstraint);
  EXPECT_EQ(alter_add.constraint.text, "Positive");
  EXPECT_EQ(alter_add.check_text, "amount >0");
  EXPECT_EQ(Canonical("alter table t add constraint c check (a > 0 and b is not null)"),
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0 AND b IS NOT NULL)");
  EXPECT_EQ(Canonical("alter table t drop constraint if exists c"),
            "ALTER TABLE t DROP CONSTRAINT IF EXISTS c");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t ADD CONSTRAINT c (a > 0)"),
            "syntax error at line 1, column 32: expected CHECK but found \"(\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0"),
            "syntax error at line 1, column 44: unexpected end of input, expected ')'");

  EXPECT_EQ(ParseErrorOf("ALTER t SET TBLPROPERTIES ('a' = 'b')"),
            "syntax error at line 1, column 7: expected TABLE but found \"t\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t ADD COLUMN x INT"),
            "syntax error at line 1, column 19: expected CONSTRAINT but found \"COLUMN\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t RENAME TO u"),
            "syntax error at line 1, column 15: expected SET, UNSET, ADD CONSTRAINT or DROP "
            "CONSTRAINT but found \"RENAME\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t SET ('a' = 'b')"),
            "syntax error at line 1, column 19: expected TBLPROPERTIES but found \"(\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t UNSET TBLPROPERTIES ('a' = 'b')"),
            "syntax error at line 1, column 40: expected ',' or ')' but found \"=\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t UNSET TBLPROPERTIES IF ('a')"),
            "syntax error at line 1, column 38: expected EXISTS but found \"(\"");
  EXPECT_EQ(ParseErrorOf("ALTER TABLE t UNSET TBLPROPERTIES"),
            "syntax error at line 1, column 34: unexpected end of input, expected '('");
}

TEST(ParserPropertiesTest, ShowTableProperties) {
  StatementPtr all = MustParse("SHOW TBLPROPERTIES bronze.orders");
  ASSERT_NE(all, nullptr);
  ASSERT_EQ(all->kind, StatementKind::kShowTableProperties);
  EXPECT_EQ(all->As<ShowTablePropertiesStatement>().table.ToString(), "bronze.orders");
  EXPECT_FALSE(all->As<ShowTablePropertiesStatement>().key.has_value());

  StatementPtr one = MustParse("SHOW TBLPROPERTIES t (delta.appendOnly)");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(one->As<ShowTablePropertiesStatement>().key->value, "delta.appendOnly");

  EXPECT_EQ(Canonical("show tblproperties t"), "SHOW TBLPROPERTIES t");
  EXPECT_EQ(Canonical("show tblproperties t ('k')"), "SHOW TBLPROPERTIES t ('k')");
  EXPECT_EQ(Canonical("show tables"), "SHOW TABLES");

  EXPECT_EQ(ParseErrorOf("SHOW TBLPROPERTIES"),
            "syntax error at line 1, column 19: unexpected end of input, expected table name");
  EXPECT_EQ(ParseErrorOf("SHOW TBLPROPERTIES t ('a', 'b')"),
            "syntax error at line 1, column 26: expected ')' but found \",\"");
  EXPECT_EQ(ParseErrorOf("SHOW 'columns'"),
            "syntax error at line 1, column 6: expected TABLES, TBLPROPERTIES, ALL or a setting "
            "name but found string 'columns'");
}

}  // namespace
}  // namespace inlet::sql
