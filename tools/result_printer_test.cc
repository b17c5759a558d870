#include "tools/result_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace inlet::tools {
namespace {

QueryResult MakeResult(std::vector<std::string> names, std::vector<std::string> types,
                       std::vector<std::vector<std::optional<std::string>>> rows) {
  QueryResult result;
  result.column_names = std::move(names);
  result.column_types = std::move(types);
  result.rows = std::move(rows);
  return result;
}

std::string Print(const QueryResult& result, OutputMode mode) {
  std::ostringstream out;
  PrintResult(result, mode, out);
  return out.str();
}

QueryResult SampleResult() {
  return MakeResult({"id", "name"}, {"BIGINT", "VARCHAR"}, {{"1", "apple"}, {"42", std::nullopt}});
}

TEST(ParseOutputModeTest, KnowsEveryMode) {
  EXPECT_EQ(ParseOutputMode("table"), OutputMode::kTable);
  EXPECT_EQ(ParseOutputMode("csv"), OutputMode::kCsv);
  EXPECT_EQ(ParseOutputMode("json"), OutputMode::kJson);
  EXPECT_EQ(ParseOutputMode("line"), OutputMode::kLine);
  EXPECT_EQ(ParseOutputMode("box"), std::nullopt);
}

TEST(DisplayWidthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("héllo"), 5u);  // é is 2 bytes
  EXPECT_EQ(DisplayWidth("日本"), 2u);   // 3 bytes each
  EXPECT_EQ(DisplayWidth("🦆!"), 2u);  // 4 bytes
}

TEST(IsNumericTypeTest, ByTypeName) {
  EXPECT_TRUE(IsNumericType("BIGINT"));
  EXPECT_TRUE(IsNumericType("integer"));
  EXPECT_TRUE(IsNumericType("DECIMAL(10,2)"));
  EXPECT_TRUE(IsNumericType("DOUBLE"));
  EXPECT_FALSE(IsNumericType("VARCHAR"));
  EXPECT_FALSE(IsNumericType("DATE"));
  EXPECT_FALSE(IsNumericType("BOOLEAN"));
  EXPECT_FALSE(IsNumericType(""));
  // Nested types are text however numeric their children are.
  EXPECT_FALSE(IsNumericType("ARRAY<BIGINT>"));
  EXPECT_FALSE(IsNumericType("STRUCT<a: DECIMAL(10,2)>"));
  EXPECT_FALSE(IsNumericType("MAP<INTEGER, DOUBLE>"));
  EXPECT_FALSE(IsNumericType("TIME"));
}

TEST(JsonModeTest, NestedValuesAreTheirText) {
  QueryResult result = MakeResult({"s", "l"}, {"STRUCT<a: INTEGER>", "ARRAY<BIGINT>"},
                                  {{"{'a': 1}", "[1, 2]"}, {std::nullopt, "[]"}});
  EXPECT_EQ(Print(result, OutputMode::kJson),
            "[\n  {\"s\": \"{'a': 1}\", \"l\": \"[1, 2]\"},\n  {\"s\": null, \"l\": \"[]\"}\n]\n");
}

TEST(TableModeTest, AlignsNumbersRightAndTextLeft) {
  EXPECT_EQ(Print(SampleResult(), OutputMode::kTable),
            "┌────────┬─────────┐\n"
            "│ id     │ name    │\n"
            "│ BIGINT │ VARCHAR │\n"
            "├────────┼─────────┤\n"
            "│      1 │ apple   │\n"
            "│     42 │ NULL    │\n"
            "└────────┴─────────┘\n"
            "(2 rows)\n");
}

TEST(TableModeTest, PadsByCodePoints) {
  QueryResult result = MakeResult({"city"}, {"VARCHAR"}, {{"Zürich"}, {"東京"}});
  EXPECT_EQ(Print(result, OutputMode::kTable),
            "┌─────────┐\n"
            "│ city    │\n"
            "│ VARCHAR │\n"
            "├─────────┤\n"
            "│ Zürich  │\n"
            "│ 東京      │\n"  // 2 code points + 5 padding
            "└─────────┘\n"
            "(2 rows)\n");
}

TEST(TableModeTest, DoesNotTruncateLongValues) {
  std::string long_value(300, 'x');
  std::string out = Print(MakeResult({"v"}, {"VARCHAR"}, {{long_value}}), OutputMode::kTable);
  EXPECT_NE(out.find("│ " + long_value + " │"), std::string::npos);
  EXPECT_NE(out.find("(1 row)\n"), std::string::npos);
}

TEST(TableModeTest, DrawsEachLineOfAMultiLineValue) {
  QueryResult result = MakeResult({"n", "note"}, {"INTEGER", "VARCHAR"}, {{"7", "ab\ncdef"}});
  EXPECT_EQ(Print(result, OutputMode::kTable),
            "┌─────────┬─────────┐\n"
            "│ n       │ note    │\n"
            "│ INTEGER │ VARCHAR │\n"
            "├─────────┼─────────┤\n"
            "│       7 │ ab      │\n"
            "│         │ cdef    │\n"
            "└─────────┴─────────┘\n"
            "(1 row)\n");
}

TEST(TableModeTest, EmptyResultKeepsTheHeader) {
  QueryResult result = MakeResult({"a"}, {"VARCHAR"}, {});
  EXPECT_EQ(Print(result, OutputMode::kTable),
            "┌─────────┐\n"
            "│ a       │\n"
            "│ VARCHAR │\n"
            "├─────────┤\n"
            "└─────────┘\n"
            "(0 rows)\n");
}

TEST(PrintResultTest, NoColumnsPrintsNothingInEveryMode) {
  QueryResult result;
  for (OutputMode mode :
       {OutputMode::kTable, OutputMode::kCsv, OutputMode::kJson, OutputMode::kLine}) {
    EXPECT_EQ(Print(result, mode), "");
  }
}

TEST(CsvModeTest, HeaderRowsAndNullAsEmpty) {
  EXPECT_EQ(Print(SampleResult(), OutputMode::kCsv), "id,name\n1,apple\n42,\n");
}

TEST(CsvModeTest, QuotesOnlyWhatNeedsQuoting) {
  QueryResult result = MakeResult({"a,b", "c"}, {"VARCHAR", "VARCHAR"},
                                  {{"say \"hi\"", "two\nlines"}, {"", "plain"}});
  EXPECT_EQ(Print(result, OutputMode::kCsv),
            "\"a,b\",c\n"
            "\"say \"\"hi\"\"\",\"two\nlines\"\n"
            "\"\",plain\n");
}

TEST(JsonModeTest, TypesDecideQuoting) {
  QueryResult result =
      MakeResult({"id", "price", "ok", "name", "d"},
                 {"BIGINT", "DECIMAL(5,2)", "BOOLEAN", "VARCHAR", "DOUBLE"},
                 {{"1", "9.50", "true", "a", "inf"}, {"-2", std::nullopt, "false", "7", "1e-3"}});
  EXPECT_EQ(Print(result, OutputMode::kJson),
            "[\n"
            "  {\"id\": 1, \"price\": 9.50, \"ok\": true, \"name\": \"a\", \"d\": \"inf\"},\n"
            "  {\"id\": -2, \"price\": null, \"ok\": false, \"name\": \"7\", \"d\": 1e-3}\n"
            "]\n");
}

TEST(JsonModeTest, EscapesStrings) {
  QueryResult result = MakeResult({"s"}, {"VARCHAR"}, {{"q\"b\\n\nt\tc\x01é"}});
  EXPECT_EQ(Print(result, OutputMode::kJson), "[\n  {\"s\": \"q\\\"b\\\\n\\nt\\tc\\u0001é\"}\n]\n");
}

TEST(JsonModeTest, EmptyResultIsAnEmptyArray) {
  EXPECT_EQ(Print(MakeResult({"a"}, {"VARCHAR"}, {}), OutputMode::kJson), "[]\n");
}

TEST(LineModeTest, OneColumnPerLineBlankLineBetweenRows) {
  EXPECT_EQ(Print(SampleResult(), OutputMode::kLine),
            "  id = 1\n"
            "name = apple\n"
            "\n"
            "  id = 42\n"
            "name = NULL\n");
}

TEST(LineModeTest, AlignsNamesByCodePoints) {
  QueryResult result = MakeResult({"größe", "a"}, {"INTEGER", "INTEGER"}, {{"1", "2"}});
  EXPECT_EQ(Print(result, OutputMode::kLine), "größe = 1\n    a = 2\n");
}

}  // namespace
}  // namespace inlet::tools
