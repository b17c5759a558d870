#include "test/sqllogictest/test_file.h"

#include <gtest/gtest.h>

namespace inlet::slt {
namespace {

std::vector<Record> ParseOk(std::string_view text) {
  Result<std::vector<Record>> records = ParseTestFile(text, "t.test");
  EXPECT_TRUE(records.ok()) << records.status().ToString();
  return records.ValueOr({});
}

std::string ParseError(std::string_view text) {
  Result<std::vector<Record>> records = ParseTestFile(text, "t.test");
  EXPECT_FALSE(records.ok());
  return records.status().message();
}

TEST(ParseTestFileTest, ReadsEveryKindOfRecord) {
  std::vector<Record> records = ParseOk(
      "# a comment\n"
      "statement ok\n"
      "CREATE TABLE t (a INT)\n"
      "\n"
      "statement error\n"
      "SELEC 1\n"
      "----\n"
      "syntax error\n"
      "\n"
      "query IT rowsort\n"
      "SELECT a,\n"
      "  b FROM t\n"
      "----\n"
      "1\tx\n"
      "2\t(empty)\n"
      "\n"
      "shell\n"
      "echo hi\n"
      "----\n"
      "hi\n"
      "\n"
      "shell ok\n"
      "true\n"
      "\n"
      "restart\n");
  ASSERT_EQ(records.size(), 6u);

  EXPECT_EQ(records[0].kind, RecordKind::kStatementOk);
  EXPECT_EQ(records[0].line, 2);
  EXPECT_EQ(records[0].body, "CREATE TABLE t (a INT)");

  EXPECT_EQ(records[1].kind, RecordKind::kStatementError);
  EXPECT_TRUE(records[1].has_expected);
  EXPECT_EQ(records[1].expected, std::vector<std::string>{"syntax error"});

  EXPECT_EQ(records[2].kind, RecordKind::kQuery);
  EXPECT_EQ(records[2].line, 10);
  EXPECT_EQ(records[2].column_letters, "IT");
  EXPECT_EQ(records[2].sort, SortMode::kRowSort);
  EXPECT_EQ(records[2].body, "SELECT a,\n  b FROM t");
  EXPECT_EQ(records[2].expected, (std::vector<std::string>{"1\tx", "2\t(empty)"}));

  EXPECT_EQ(records[3].kind, RecordKind::kShell);
  EXPECT_EQ(records[3].expected, std::vector<std::string>{"hi"});
  EXPECT_EQ(records[4].kind, RecordKind::kShellOk);
  EXPECT_EQ(records[5].kind, RecordKind::kRestart);
}

TEST(ParseTestFileTest, StatementErrorWithoutExpectedMessage) {
  std::vector<Record> records = ParseOk("statement error\nSELEC 1\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_FALSE(records[0].has_expected);
}

TEST(ParseTestFileTest, QueryWithEmptyResultAndCrlfLines) {
  std::vector<Record> records = ParseOk("query I nosort\r\nSELECT 1 WHERE false\r\n----\r\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].body, "SELECT 1 WHERE false");
  EXPECT_EQ(records[0].sort, SortMode::kNoSort);
  EXPECT_TRUE(records[0].expected.empty());
}

TEST(ParseTestFileTest, RejectsUnknownDirectives) {
  EXPECT_EQ(ParseError("\nrequire parquet\n"),
            "t.test:2: cannot read directive \"require parquet\"; expected statement ok|error, "
            "query <letters> [rowsort|nosort], shell [ok] or restart");
  EXPECT_NE(ParseError("query I valuesort\nSELECT 1\n----\n1\n").find("unknown sort mode"),
            std::string::npos);
  EXPECT_NE(ParseError("query itr\nSELECT 1\n----\n1\n").find("cannot read directive"),
            std::string::npos);
}

TEST(ParseTestFileTest, RejectsMisplacedOrMissingSections) {
  EXPECT_EQ(ParseError("statement ok\n\n"), "t.test:1: \"statement\" needs a body");
  EXPECT_EQ(ParseError("statement ok\nSELECT 1\n----\n1\n"),
            "t.test:1: no \"----\" section is allowed here");
  EXPECT_EQ(ParseError("query I\nSELECT 1\n"), "t.test:1: a \"----\" section must follow");
  EXPECT_EQ(ParseError("shell\necho\n"), "t.test:1: a \"----\" section must follow");
}

TEST(SubstituteVariablesTest, ReplacesKnownNamesOnly) {
  std::map<std::string, std::string> variables = {{"TEMP_DIR", "/tmp/x"}, {"A", "1"}};
  EXPECT_EQ(SubstituteVariables("${TEMP_DIR}/f.csv and ${A}${A}", variables),
            "/tmp/x/f.csv and 11");
  EXPECT_EQ(SubstituteVariables("for f in *; do echo ${f}; done", variables),
            "for f in *; do echo ${f}; done");
  EXPECT_EQ(SubstituteVariables("unclosed ${TEMP_DIR", variables), "unclosed ${TEMP_DIR");
  EXPECT_EQ(SubstituteVariables("", variables), "");
}

}  // namespace
}  // namespace inlet::slt
