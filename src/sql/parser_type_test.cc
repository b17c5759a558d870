// The type grammar: Databricks/Spark and DuckDB spellings of nested types, and TIME.

#include <gtest/gtest.h>

#include "sql/parser.h"
#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

// The type of the single column of "CREATE TABLE t (c <type>)".
TypeName ColumnType(const std::string& type) {
  StatementPtr statement = MustParse("CREATE TABLE t (c " + type + ")");
  if (!statement) return TypeName{};
  return statement->As<CreateTableStatement>().columns[0].type;
}

std::string PrintedType(const std::string& type) { return ColumnType(type).ToString(); }

TEST(ParserTypeTest, DatabricksSpellings) {
  EXPECT_EQ(PrintedType("STRUCT<a: INT, b STRING>"), "STRUCT<a: INT, b: STRING>");
  EXPECT_EQ(PrintedType("struct<a:int not null,b:string>"), "STRUCT<a: INT NOT NULL, b: STRING>");
  EXPECT_EQ(PrintedType("ARRAY<BIGINT>"), "ARRAY<BIGINT>");
  EXPECT_EQ(PrintedType("array<bigint not null>"), "ARRAY<BIGINT NOT NULL>");
  EXPECT_EQ(PrintedType("MAP<STRING, INT>"), "MAP<STRING, INT>");
  EXPECT_EQ(PrintedType("map<string, decimal(10, 2) not null>"),
            "MAP<STRING, DECIMAL(10,2) NOT NULL>");
  EXPECT_EQ(PrintedType("time"), "TIME");
}

TEST(ParserTypeTest, DuckDbSpellings) {
  EXPECT_EQ(PrintedType("STRUCT(a INT, b VARCHAR)"), "STRUCT<a: INT, b: VARCHAR>");
  EXPECT_EQ(PrintedType("ROW(a INT)"), "STRUCT<a: INT>");
  EXPECT_EQ(PrintedType("INT[]"), "ARRAY<INT>");
  EXPECT_EQ(PrintedType("VARCHAR(3)[][]"), "ARRAY<ARRAY<VARCHAR(3)>>");
  EXPECT_EQ(PrintedType("MAP(VARCHAR, INT)"), "MAP<VARCHAR, INT>");
  EXPECT_EQ(PrintedType("LIST<INT>"), "ARRAY<INT>");
  EXPECT_EQ(PrintedType("STRUCT(a INT)[]"), "ARRAY<STRUCT<a: INT>>");
}

TEST(ParserTypeTest, NestsArbitrarily) {
  EXPECT_EQ(PrintedType("ARRAY<STRUCT<id: BIGINT NOT NULL, tags: ARRAY<STRING>, "
                        "attrs: MAP<STRING, STRUCT(x DOUBLE, y DOUBLE)>>>"),
            "ARRAY<STRUCT<id: BIGINT NOT NULL, tags: ARRAY<STRING>, attrs: MAP<STRING, "
            "STRUCT<x: DOUBLE, y: DOUBLE>>>>");
  EXPECT_EQ(PrintedType("MAP<INT, MAP<INT, INT[]>>"), "MAP<INT, MAP<INT, ARRAY<INT>>>");
}

TEST(ParserTypeTest, TreeKeepsNamesAndPositions) {
  TypeName type = ColumnType("STRUCT<\"Mixed Case\": INT, `back``tick` STRING, from DATE>");
  ASSERT_EQ(type.name, "STRUCT");
  ASSERT_EQ(type.children.size(), 3u);
  EXPECT_EQ(type.children[0].name.text, "Mixed Case");
  EXPECT_TRUE(type.children[0].name.quoted);
  EXPECT_EQ(type.children[1].name.text, "back`tick");
  EXPECT_EQ(type.children[2].name.text, "from");
  EXPECT_EQ(type.children[2].position.column, 66);
  EXPECT_EQ(type.children[2].type.position.column, 71);
  EXPECT_EQ(type.position.column, 19);

  TypeName map = ColumnType("MAP<STRING, INT NOT NULL>");
  ASSERT_EQ(map.children.size(), 2u);
  EXPECT_EQ(map.children[0].type.name, "STRING");
  EXPECT_EQ(map.children[1].type.name, "INT");
  EXPECT_TRUE(map.children[1].not_null);
  EXPECT_EQ(map.children[1].position.column, 31);
}

TEST(ParserTypeTest, CreateTableAndCastPrintBack) {
  EXPECT_EQ(Canonical("CREATE TABLE t (s STRUCT(a INT, \"b c\" INT[]) NOT NULL, m MAP<STRING, "
                      "INT>, t TIME)"),
            "CREATE TABLE t (s STRUCT<a: INT, \"b c\": ARRAY<INT>> NOT NULL, m MAP<STRING, INT>, "
            "t TIME)");
  EXPECT_EQ(Canonical("SELECT CAST(x AS ARRAY<INT>), y::MAP(VARCHAR, INT) FROM t"),
            "SELECT CAST(x AS ARRAY<INT>), y::MAP<VARCHAR, INT> FROM t");
}

TEST(ParserTypeTest, ErrorsPointAtTheExactPlace) {
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT)"),
            "syntax error at line 1, column 25: expected '<' or '(' but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT<>)"),
            "syntax error at line 1, column 25: expected '<' or '(' but found \"<>\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT<a INT)"),
            "syntax error at line 1, column 31: expected ',' or '>' but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT(a INT>)"),
            "syntax error at line 1, column 31: expected ',' or ')' but found \">\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT<a: 5>)"),
            "syntax error at line 1, column 29: expected type name but found \"5\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT<'a': INT>)"),
            "syntax error at line 1, column 26: expected field name but found string 'a'");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (l ARRAY(INT))"),
            "syntax error at line 1, column 24: expected '<' but found \"(\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (l ARRAY<INT)"),
            "syntax error at line 1, column 28: expected '>' but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (l INT[3])"),
            "syntax error at line 1, column 23: expected ']' (fixed-size arrays are not "
            "supported) but found \"3\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (m MAP<INT>)"),
            "syntax error at line 1, column 26: expected ',' but found \">\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (m MAP)"),
            "syntax error at line 1, column 22: expected '<' or '(' but found \")\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (m MAP(INT, INT>)"),
            "syntax error at line 1, column 31: expected ')' but found \">\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (m MAP<INT NOT NULL, INT>)"),
            "syntax error at line 1, column 27: expected ',' but found \"NOT\"");
  EXPECT_EQ(ParseErrorOf("CREATE TABLE t (s STRUCT<a `b` INT>)"),
            "syntax error at line 1, column 28: expected type name but found `b`");
}

TEST(ParserTypeTest, DeepTypesAreAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "ARRAY<";
  EXPECT_NE(ParseErrorOf("CREATE TABLE t (a " + deep + "INT)").find("type nested too deeply"),
            std::string::npos);
  std::string ok;
  for (int i = 0; i < 50; ++i) ok += "ARRAY<";
  EXPECT_NE(MustParse("CREATE TABLE t (a " + ok + "INT" + std::string(50, '>') + ")"), nullptr);
}

}  // namespace
}  // namespace inlet::sql
