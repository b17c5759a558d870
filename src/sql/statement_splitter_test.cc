#include <gtest/gtest.h>

#include "inlet/database.h"

namespace inlet {
namespace {

using Statements = std::vector<std::string>;

TEST(StatementSplitterTest, SplitsAtTopLevelSemicolons) {
  EXPECT_EQ(SplitStatements("SELECT 1; SELECT 2;"), (Statements{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(SplitStatements("SELECT 1"), (Statements{"SELECT 1"}));
  EXPECT_EQ(SplitStatements("  SELECT 1 ;\n\n SELECT\n  2  "),
            (Statements{"SELECT 1", "SELECT\n  2"}));
}

TEST(StatementSplitterTest, DropsEmptyStatements) {
  EXPECT_EQ(SplitStatements(""), Statements{});
  EXPECT_EQ(SplitStatements(" ;; ; \n"), Statements{});
  EXPECT_EQ(SplitStatements("SELECT 1;;\n;SELECT 2"), (Statements{"SELECT 1", "SELECT 2"}));
  // A piece holding only comments is empty too.
  EXPECT_EQ(SplitStatements("SELECT 1; -- done\n/* really */"), (Statements{"SELECT 1"}));
}

TEST(StatementSplitterTest, IgnoresSemicolonsInStringsIdentifiersAndComments) {
  EXPECT_EQ(SplitStatements("COPY INTO t FROM 'a;b' FORMAT_OPTIONS (delimiter = ';'); SHOW TABLES"),
            (Statements{"COPY INTO t FROM 'a;b' FORMAT_OPTIONS (delimiter = ';')", "SHOW TABLES"}));
  EXPECT_EQ(SplitStatements("SELECT 'it''s; fine'; SELECT 2"),
            (Statements{"SELECT 'it''s; fine'", "SELECT 2"}));
  EXPECT_EQ(SplitStatements("SELECT \"a;\"\"b\" FROM t; SELECT 2"),
            (Statements{"SELECT \"a;\"\"b\" FROM t", "SELECT 2"}));
  EXPECT_EQ(SplitStatements("SELECT `a;``b` FROM t; SELECT 2"),
            (Statements{"SELECT `a;``b` FROM t", "SELECT 2"}));
  EXPECT_EQ(SplitStatements("SELECT 1 -- not here; \n + 1; SELECT /* nor; here */ 2"),
            (Statements{"SELECT 1 -- not here; \n + 1", "SELECT /* nor; here */ 2"}));
  // Comments before a statement stay with it: the text is kept as written.
  EXPECT_EQ(SplitStatements("-- load\nCOPY INTO t FROM 'x';"),
            (Statements{"-- load\nCOPY INTO t FROM 'x'"}));
}

TEST(StatementSplitterTest, UnterminatedInputDoesNotFail) {
  EXPECT_EQ(SplitStatements("SELECT 1; SELECT 'abc;"), (Statements{"SELECT 1", "SELECT 'abc;"}));
  EXPECT_EQ(SplitStatements("SELECT \"x; y"), (Statements{"SELECT \"x; y"}));
  EXPECT_EQ(SplitStatements("SELECT 1 /* ; "), (Statements{"SELECT 1 /* ;"}));
  EXPECT_EQ(SplitStatements("'"), (Statements{"'"}));
  EXPECT_EQ(SplitStatements("/*"), Statements{});
  EXPECT_EQ(SplitStatements("-"), (Statements{"-"}));
}

TEST(StatementSplitterTest, IsCompleteStatement) {
  EXPECT_TRUE(IsCompleteStatement("SELECT 1;"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 1;  \n"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 1; -- trailing comment"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 1; SELECT 2;"));
  EXPECT_TRUE(IsCompleteStatement("COPY INTO t\nFROM 'x'\nFILE_FORMAT = CSV;"));

  EXPECT_FALSE(IsCompleteStatement(""));
  EXPECT_FALSE(IsCompleteStatement("   "));
  EXPECT_FALSE(IsCompleteStatement(";"));
  EXPECT_FALSE(IsCompleteStatement("-- only a comment;"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1; SELECT 2"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 'a;"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 'a;'';"));
  EXPECT_FALSE(IsCompleteStatement("SELECT \"a;"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1 -- ;"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1; /* still open"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1 /* ; */"));
}

}  // namespace
}  // namespace inlet
