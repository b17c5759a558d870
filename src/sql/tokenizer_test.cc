#include "sql/tokenizer.h"

#include <gtest/gtest.h>

namespace inlet::sql {
namespace {

std::vector<Token> MustTokenize(std::string_view sql) {
  Result<std::vector<Token>> tokens = Tokenize(sql);
  EXPECT_TRUE(tokens.ok()) << tokens.status().ToString();
  return tokens.ok() ? *tokens : std::vector<Token>{};
}

std::string TokenizeError(std::string_view sql) {
  Result<std::vector<Token>> tokens = Tokenize(sql);
  EXPECT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.status().code(), StatusCode::kParseError);
  return tokens.status().message();
}

TEST(TokenizerTest, KeywordsAndIdentifiersKeepTextAndLowerCaseValue) {
  auto tokens = MustTokenize("SELECT Qty FROM Orders_2024");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].type, TokenType::kKeyword);
  EXPECT_EQ(tokens[0].text, "SELECT");
  EXPECT_EQ(tokens[0].value, "select");
  EXPECT_EQ(tokens[1].type, TokenType::kIdentifier);
  EXPECT_EQ(tokens[1].text, "Qty");
  EXPECT_EQ(tokens[1].value, "qty");
  EXPECT_EQ(tokens[2].type, TokenType::kKeyword);
  EXPECT_EQ(tokens[3].value, "orders_2024");
  EXPECT_EQ(tokens[4].type, TokenType::kEnd);
  EXPECT_TRUE(tokens[0].IsWord("select"));
  EXPECT_TRUE(tokens[1].IsWord("qty"));
}

TEST(TokenizerTest, NonReservedKeywordsAreIdentifiers) {
  auto tokens = MustTokenize("delta location date files");
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(tokens[i].type, TokenType::kIdentifier) << i;
  EXPECT_TRUE(IsReservedKeyword("select"));
  EXPECT_TRUE(IsReservedKeyword("where"));
  EXPECT_TRUE(IsReservedKeyword("all"));
  EXPECT_TRUE(IsReservedKeyword("when"));
  EXPECT_FALSE(IsReservedKeyword("SELECT"));  // callers pass the lower-cased form
  EXPECT_FALSE(IsReservedKeyword("location"));
}

TEST(TokenizerTest, QuotedIdentifiersPreserveCaseAndUnescapeDoubledQuotes) {
  auto tokens = MustTokenize(R"("Order ""Id""" "select")");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].type, TokenType::kQuotedIdentifier);
  EXPECT_EQ(tokens[0].value, "Order \"Id\"");
  EXPECT_EQ(tokens[0].text, R"("Order ""Id""")");
  EXPECT_EQ(tokens[1].type, TokenType::kQuotedIdentifier);
  EXPECT_EQ(tokens[1].value, "select");
  EXPECT_FALSE(tokens[1].IsWord("select"));
}

TEST(TokenizerTest, BackQuotedIdentifiersAsDatabricksWritesThem) {
  auto tokens = MustTokenize("`Order ``Id``` `a;b`");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].type, TokenType::kQuotedIdentifier);
  EXPECT_EQ(tokens[0].value, "Order `Id`");
  EXPECT_EQ(tokens[0].text, "`Order ``Id```");
  EXPECT_EQ(tokens[1].value, "a;b");
  EXPECT_EQ(TokenizeError("SELECT `abc"),
            "syntax error at line 1, column 8: unterminated quoted identifier");
  EXPECT_EQ(TokenizeError("SELECT ``"),
            "syntax error at line 1, column 8: zero-length quoted identifier");
}

TEST(TokenizerTest, StringsUnescapeDoubledQuotesAndKeepBackslashes) {
  auto tokens = MustTokenize(R"('it''s' '' '\t')");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].type, TokenType::kString);
  EXPECT_EQ(tokens[0].value, "it's");
  EXPECT_EQ(tokens[1].value, "");
  // Backslash escapes are the binder's business (delimiter = '\t'); the tokenizer keeps them.
  EXPECT_EQ(tokens[2].value, "\\t");
}

TEST(TokenizerTest, Numbers) {
  auto tokens = MustTokenize("42 3.14 .5 7. 1e10 2.5E-3 6e+2 1e");
  std::vector<std::string> numbers;
  for (const Token& token : tokens) {
    if (token.type == TokenType::kNumber) numbers.push_back(token.text);
  }
  EXPECT_EQ(numbers,
            (std::vector<std::string>{"42", "3.14", ".5", "7.", "1e10", "2.5E-3", "6e+2", "1"}));
  // "1e" with no exponent digits is the number 1 followed by the identifier e.
  EXPECT_EQ(tokens[8].type, TokenType::kIdentifier);
  EXPECT_EQ(tokens[8].text, "e");
}

TEST(TokenizerTest, Operators) {
  auto tokens = MustTokenize("= <> != < <= > >= + - * / % || :: ( ) , ; . : [ ]");
  std::vector<std::string> ops;
  for (const Token& token : tokens) {
    if (token.type == TokenType::kOperator) ops.push_back(token.text);
  }
  EXPECT_EQ(ops,
            (std::vector<std::string>{"=", "<>", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
                                      "%", "||", "::", "(", ")", ",", ";", ".", ":", "[", "]"}));
  // Nested type brackets close one at a time; a colon is not a cast.
  auto nested = MustTokenize("ARRAY<ARRAY<INT>> a:INT[]");
  ASSERT_EQ(nested.size(), 13u);
  EXPECT_EQ(nested[5].text, ">");
  EXPECT_EQ(nested[6].text, ">");
  EXPECT_EQ(nested[8].text, ":");
  EXPECT_EQ(nested[10].text, "[");
  auto tight = MustTokenize("a<=b||'x'::int");
  ASSERT_EQ(tight.size(), 8u);
  EXPECT_EQ(tight[1].text, "<=");
  EXPECT_EQ(tight[3].text, "||");
  EXPECT_EQ(tight[5].text, "::");
}

TEST(TokenizerTest, Parameters) {
  auto tokens = MustTokenize("$1 + $12");
  EXPECT_EQ(tokens[0].type, TokenType::kParameter);
  EXPECT_EQ(tokens[0].value, "1");
  EXPECT_EQ(tokens[2].type, TokenType::kParameter);
  EXPECT_EQ(tokens[2].text, "$12");
  EXPECT_EQ(TokenizeError("SELECT $x"),
            "syntax error at line 1, column 8: unexpected character '$'");
}

TEST(TokenizerTest, CommentsAreSkipped) {
  auto tokens = MustTokenize("SELECT -- a comment; with ' quote\n 1 /* block\n ; */ + 2 -- end");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[1].text, "1");
  EXPECT_EQ(tokens[1].position.line, 2);
  EXPECT_EQ(tokens[2].text, "+");
  EXPECT_EQ(tokens[2].position.line, 3);
  EXPECT_EQ(tokens[2].position.column, 7);
  // A minus sign followed by a number is not a comment.
  auto minus = MustTokenize("1 - -2");
  EXPECT_EQ(minus.size(), 5u);
}

TEST(TokenizerTest, PositionsAreOneBasedAndCountCharacters) {
  auto tokens = MustTokenize("SELECT a,\n  \"é\", b\r\nFROM t");
  // SELECT
  EXPECT_EQ(tokens[0].position.offset, 0u);
  EXPECT_EQ(tokens[0].position.line, 1);
  EXPECT_EQ(tokens[0].position.column, 1);
  // a
  EXPECT_EQ(tokens[1].position.column, 8);
  // "é" on line 2
  EXPECT_EQ(tokens[3].position.line, 2);
  EXPECT_EQ(tokens[3].position.column, 3);
  EXPECT_EQ(tokens[3].position.offset, 12u);
  // ',' after the two-byte é counts it as one column
  EXPECT_EQ(tokens[4].position.column, 6);
  EXPECT_EQ(tokens[5].position.column, 8);
  // FROM after \r\n
  EXPECT_EQ(tokens[6].position.line, 3);
  EXPECT_EQ(tokens[6].position.column, 1);
  // The end token sits just past the last character.
  EXPECT_EQ(tokens.back().type, TokenType::kEnd);
  EXPECT_EQ(tokens.back().position.line, 3);
  EXPECT_EQ(tokens.back().position.column, 7);
}

TEST(TokenizerTest, NonAsciiIdentifiers) {
  auto tokens = MustTokenize("SELECT größe FROM t");
  EXPECT_EQ(tokens[1].type, TokenType::kIdentifier);
  EXPECT_EQ(tokens[1].text, "größe");
  EXPECT_EQ(tokens[2].position.column, 14);
}

TEST(TokenizerTest, Errors) {
  EXPECT_EQ(TokenizeError("SELECT 1;\n'abc"),
            "syntax error at line 2, column 1: unterminated string literal");
  EXPECT_EQ(TokenizeError("SELECT 'it''s"),
            "syntax error at line 1, column 8: unterminated string literal");
  EXPECT_EQ(TokenizeError("SELECT \"abc"),
            "syntax error at line 1, column 8: unterminated quoted identifier");
  EXPECT_EQ(TokenizeError("SELECT \"\""),
            "syntax error at line 1, column 8: zero-length quoted identifier");
  EXPECT_EQ(TokenizeError("SELECT 1 /* never closed"),
            "syntax error at line 1, column 10: unterminated comment");
  EXPECT_EQ(TokenizeError("COPY INTO t FROM @stage"),
            "syntax error at line 1, column 18: unexpected character '@'");
  EXPECT_EQ(TokenizeError("SELECT a | b"),
            "syntax error at line 1, column 10: unexpected character '|'");
  EXPECT_EQ(TokenizeError("SELECT \x01"), "syntax error at line 1, column 8: unexpected byte 0x01");
}

TEST(TokenizerTest, EmptyInputIsOnlyTheEndToken) {
  auto tokens = MustTokenize("  -- nothing\n");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].type, TokenType::kEnd);
  EXPECT_EQ(tokens[0].position.line, 2);
}

}  // namespace
}  // namespace inlet::sql
