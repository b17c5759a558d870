#include "sql/parser.h"

#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

TEST(ParserTest, CreateTableWithColumns) {
  StatementPtr statement = MustParse(
      "CREATE TABLE IF NOT EXISTS bronze.raw.Orders (\n"
      "  id BIGINT NOT NULL,\n"
      "  amount DECIMAL(10, 2) DEFAULT 0,\n"
      "  note VARCHAR(20) DEFAULT 'n/a' NOT NULL,\n"
      "  created TIMESTAMP WITH TIME ZONE,\n"
      "  local_time timestamp without time zone NULL,\n"
      "  ratio DOUBLE PRECISION DEFAULT -1.5,\n"
      "  \"Date\" DATE\n"
      ") LOCATION '/data/orders'");
  ASSERT_NE(statement, nullptr);
  ASSERT_EQ(statement->kind, StatementKind::kCreateTable);
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_FALSE(create.delta);
  ASSERT_EQ(create.table.parts.size(), 3u);
  EXPECT_EQ(create.table.parts[0].normalized, "bronze");
  EXPECT_EQ(create.table.back().text, "Orders");
  EXPECT_EQ(create.table.back().normalized, "orders");
  EXPECT_EQ(create.table.position.column, 28);
  ASSERT_EQ(create.columns.size(), 7u);

  const ColumnDefinition& id = create.columns[0];
  EXPECT_EQ(id.name.normalized, "id");
  EXPECT_EQ(id.type.name, "BIGINT");
  EXPECT_TRUE(id.not_null);
  EXPECT_EQ(id.default_value, nullptr);
  EXPECT_EQ(id.position.line, 2);
  EXPECT_EQ(id.position.column, 3);

  const ColumnDefinition& amount = create.columns[1];
  EXPECT_EQ(amount.type.name, "DECIMAL");
  EXPECT_EQ(amount.type.params, (std::vector<int>{10, 2}));
  EXPECT_FALSE(amount.not_null);
  ASSERT_NE(amount.default_value, nullptr);
  EXPECT_EQ(amount.default_value->ToString(), "0");

  const ColumnDefinition& note = create.columns[2];
  EXPECT_EQ(note.type.ToString(), "VARCHAR(20)");
  EXPECT_TRUE(note.not_null);
  EXPECT_EQ(note.default_value->As<LiteralExpression>().value, "n/a");

  EXPECT_EQ(create.columns[3].type.name, "TIMESTAMP WITH TIME ZONE");
  EXPECT_EQ(create.columns[4].type.name, "TIMESTAMP WITHOUT TIME ZONE");
  EXPECT_FALSE(create.columns[4].not_null);
  EXPECT_EQ(create.columns[5].type.name, "DOUBLE PRECISION");
  const auto& ratio_default = create.columns[5].default_value->As<LiteralExpression>();
  EXPECT_EQ(ratio_default.literal_kind, LiteralKind::kDecimal);
  EXPECT_EQ(ratio_default.value, "-1.5");

  EXPECT_TRUE(create.columns[6].name.quoted);
  EXPECT_EQ(create.columns[6].name.normalized, "Date");
  EXPECT_EQ(create.columns[6].type.name, "DATE");

  ASSERT_TRUE(create.location.has_value());
  EXPECT_EQ(create.location->value, "/data/orders");
  EXPECT_EQ(create.location->position.line, 9);
  EXPECT_EQ(create.location->position.column, 12);
}

TEST(ParserTest, CreateTablePrintsBack) {
  EXPECT_EQ(Canonical("create delta table t (a int, b varchar(3) not null default 'x')"),
            "CREATE DELTA TABLE t (a INT, b VARCHAR(3) NOT NULL DEFAULT 'x')");
  EXPECT_EQ(Canonical("CREATE TABLE t (ts timestamp with time zone, d decimal(38,0))"),
            "CREATE TABLE t (ts TIMESTAMP WITH TIME ZONE, d DECIMAL(38,0))");
  EXPECT_EQ(Canonical("CREATE DELTA TABLE sales LOCATION 's3://lake/sales/'"),
            "CREATE DELTA TABLE sales LOCATION 's3://lake/sales/'");
}

TEST(ParserTest, CreateDeltaTableFromLocationOnly) {
  StatementPtr statement = MustParse("CREATE DELTA TABLE events LOCATION '/lake/events';");
  ASSERT_NE(statement, nullptr);
  const auto& create = statement->As<CreateTableStatement>();
  EXPECT_TRUE(create.delta);
  EXPECT_TRUE(create.columns.empty());
  EXPECT_EQ(create.location->value, "/lake/events");
}

TEST(ParserTest, CreateTableErrors) {
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t"),
            "syntax error at line 1, column 15: unexpected end of input, expected '(' or LOCATION");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t ()"),
            "syntax error at line 1, column 17: expected column name but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT b INT)"),
            "syntax error at line 1, column 23: expected ',' or ')' but found \"b\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a)"),
            "syntax error at line 1, column 18: expected type name but found \")\"");
  EXPECT_EQ(
      ParseErrorOf("CREATE TABLE t (a DECIMAL(10,x))"),
      "syntax error at line 1, column 30: expected an integer type parameter but found \"x\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a TIMESTAMP WITH ZONE)"),
            "syntax error at line 1, column 34: expected TIME but found \"ZONE\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE select (a INT)"),
            "syntax error at line 1, column 14: expected table name but found \"select\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT NOT NULL NULL)"),
            "syntax error at line 1, column 32: column cannot be both NULL and NOT NULL");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT DEFAULT 1 DEFAULT 2)"),
            "syntax error at line 1, column 33: duplicate DEFAULT");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (a INT) LOCATION /tmp"),
            "syntax error at line 1, column 33: expected location string but found \"/\"");
  EXPECT_EQ(ParseErrorOf("CREATE VIEW v"),
            "syntax error at line 1, column 8: expected TABLE but found \"VIEW\"");
}

TEST(ParserTest, OpenDropShowDescribe) {
  StatementPtr open = MustParse("open delta table lake.events location 's3://b/events/'");
  ASSERT_NE(open, nullptr);
  ASSERT_EQ(open->kind, StatementKind::kOpenDeltaTable);
  EXPECT_EQ(open->As<OpenDeltaTableStatement>().table.ToString(), "lake.events");
  EXPECT_EQ(open->As<OpenDeltaTableStatement>().location.value, "s3://b/events/");
  EXPECT_EQ(open->ToString(), "OPEN DELTA TABLE lake.events LOCATION 's3://b/events/'");

  StatementPtr drop = MustParse("DROP TABLE IF EXISTS \"My Table\"");
  ASSERT_NE(drop, nullptr);
  ASSERT_EQ(drop->kind, StatementKind::kDropTable);
  EXPECT_TRUE(drop->As<DropTableStatement>().if_exists);
  EXPECT_EQ(drop->As<DropTableStatement>().table.back().normalized, "My Table");
  EXPECT_EQ(Canonical("drop table t"), "DROP TABLE t");
  EXPECT_EQ(Canonical("DROP TABLE IF EXISTS \"My Table\""), "DROP TABLE IF EXISTS \"My Table\"");

  StatementPtr show = MustParse("SHOW TABLES;");
  ASSERT_NE(show, nullptr);
  EXPECT_EQ(show->kind, StatementKind::kShowTables);
  EXPECT_EQ(show->ToString(), "SHOW TABLES");

  StatementPtr describe = MustParse("DESCRIBE TABLE raw.orders");
  ASSERT_NE(describe, nullptr);
  ASSERT_EQ(describe->kind, StatementKind::kDescribe);
  EXPECT_EQ(describe->As<DescribeStatement>().table.parts.size(), 2u);
  EXPECT_EQ(Canonical("describe orders"), "DESCRIBE orders");

  EXPECT_EQ(ParseErrorOf("OPEN TABLE t LOCATION 'x'"),
            "syntax error at line 1, column 6: expected DELTA but found \"TABLE\"");
  EXPECT_EQ(ParseErrorOf("OPEN DELTA TABLE t"),
            "syntax error at line 1, column 19: unexpected end of input, expected LOCATION");
  EXPECT_EQ(ParseErrorOf("DROP TABLE IF t"),
            "syntax error at line 1, column 15: expected EXISTS but found \"t\"");
  EXPECT_EQ(ParseErrorOf("SHOW TABLE"),
            "syntax error at line 1, column 6: expected TABLES, TBLPROPERTIES, ALL or a setting "
            "name but found \"TABLE\"");
}

TEST(ParserTest, IdentifiersAreCaseInsensitiveUnlessQuoted) {
  StatementPtr a = MustParse("DROP TABLE Sales.ORDERS");
  StatementPtr b = MustParse("drop table sales.orders");
  StatementPtr c = MustParse("DROP TABLE \"Sales\".\"ORDERS\"");
  ASSERT_TRUE(a && b && c);
  const Name& name_a = a->As<DropTableStatement>().table;
  const Name& name_b = b->As<DropTableStatement>().table;
  const Name& name_c = c->As<DropTableStatement>().table;
  EXPECT_EQ(name_a.parts[1].normalized, name_b.parts[1].normalized);
  EXPECT_EQ(name_a.parts[1].text, "ORDERS");
  EXPECT_FALSE(name_a.parts[1].quoted);
  EXPECT_EQ(name_c.parts[1].normalized, "ORDERS");
  EXPECT_TRUE(name_c.parts[1].quoted);
  EXPECT_NE(name_c.parts[1].normalized, name_b.parts[1].normalized);
  // A quoted reserved word is an ordinary name.
  StatementPtr quoted = MustParse("DESCRIBE \"select\"");
  ASSERT_NE(quoted, nullptr);
  EXPECT_EQ(quoted->ToString(), "DESCRIBE \"select\"");
  EXPECT_EQ(Canonical("DESCRIBE \"a\"\"b\""), "DESCRIBE \"a\"\"b\"");
}

TEST(ParserTest, ScriptsSplitOnSemicolons) {
  Result<std::vector<StatementPtr>> script = ParseScript(
      ";; CREATE TABLE t (a INT);\n"
      "-- load it\n"
      "COPY INTO t FROM '/in/' ; ;\n"
      "SELECT count(*) FROM t");
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  ASSERT_EQ(script->size(), 3u);
  EXPECT_EQ((*script)[0]->kind, StatementKind::kCreateTable);
  EXPECT_EQ((*script)[1]->kind, StatementKind::kCopyInto);
  EXPECT_EQ((*script)[1]->position.line, 3);
  EXPECT_EQ((*script)[2]->kind, StatementKind::kSelect);

  Result<std::vector<StatementPtr>> empty = ParseScript("  -- nothing\n ; ");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());

  Result<std::vector<StatementPtr>> bad = ParseScript("SHOW TABLES;\nSHOW TABLES x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "syntax error at line 2, column 13: expected end of statement but found \"x\"");
}

TEST(ParserTest, SingleStatementRules) {
  EXPECT_NE(MustParse("SHOW TABLES ;  -- trailing comment"), nullptr);
  EXPECT_EQ(ParseErrorOf("SHOW TABLES; SHOW TABLES"),
            "syntax error at line 1, column 14: expected end of input but found \"SHOW\"");
  EXPECT_EQ(ParseErrorOf(""),
            "syntax error at line 1, column 1: unexpected end of input, expected SELECT, COPY, "
            "CREATE, OPEN, DROP, ALTER, SHOW, DESCRIBE, VACUUM, SET or RESET");
  EXPECT_EQ(ParseErrorOf("SELEC 1"),
            "syntax error at line 1, column 1: expected SELECT, COPY, CREATE, OPEN, DROP, ALTER, "
            "SHOW, DESCRIBE, VACUUM, SET or RESET but found \"SELEC\"");
}

TEST(ParserTest, ErrorsNameTheExactPlace) {
  EXPECT_EQ(ParseErrorOf("COPY INTO orders FORM '/data/'"),
            "syntax error at line 1, column 18: expected FROM but found \"FORM\"");
  EXPECT_EQ(ParseErrorOf("SELECT 1,\n'abc"),
            "syntax error at line 2, column 1: unterminated string literal");
  EXPECT_EQ(ParseErrorOf("SELECT (1 + 2"),
            "syntax error at line 1, column 14: unexpected end of input, expected ')'");
  EXPECT_EQ(ParseErrorOf("SELECT a\n  FROM t\n WHERE a = = 1"),
            "syntax error at line 3, column 12: expected expression but found \"=\"");
  EXPECT_EQ(ParseErrorOf("SELECT a FROM t WHERE b = 'x"),
            "syntax error at line 1, column 27: unterminated string literal");
  EXPECT_EQ(ParseErrorOf("SELECT a FROM 'file.csv'"),
            "syntax error at line 1, column 15: expected table name but found string 'file.csv'");
  EXPECT_EQ(ParseErrorOf("SELECT \"Quoted\" \"Alias\" x"),
            "syntax error at line 1, column 25: expected end of statement but found \"x\"");
  EXPECT_EQ(ParseErrorOf("SELECT f(1 2)"),
            "syntax error at line 1, column 12: expected ')' but found \"2\"");
  // Long tokens are cut short in messages.
  std::string long_name(100, 'x');
  EXPECT_EQ(ParseErrorOf("SHOW TABLES " + long_name),
            "syntax error at line 1, column 13: expected end of statement but found \"" +
                std::string(40, 'x') + "...\"");
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "SELECT " + std::string(10000, '(') + "1" + std::string(10000, ')');
  EXPECT_NE(ParseErrorOf(deep).find("expression nested too deeply"), std::string::npos);
  std::string nots = "SELECT ";
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  EXPECT_NE(ParseErrorOf(nots + "x").find("nested too deeply"), std::string::npos);
  // Spaced, because "--" would start a comment.
  std::string minus = "SELECT ";
  for (int i = 0; i < 10000; ++i) minus += "- ";
  EXPECT_NE(ParseErrorOf(minus + "1").find("nested too deeply"), std::string::npos);
  std::string lists = "COPY INTO t FROM 'x' NULL_IF = " + std::string(10000, '(');
  EXPECT_NE(ParseErrorOf(lists).find("nested too deeply"), std::string::npos);
  // Reasonable nesting is fine.
  EXPECT_NE(MustParse("SELECT " + std::string(50, '(') + "1" + std::string(50, ')')), nullptr);
}

}  // namespace
}  // namespace inlet::sql
