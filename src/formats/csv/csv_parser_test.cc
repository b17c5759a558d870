#include "formats/csv/csv_parser.h"

#include <gtest/gtest.h>

#include <random>

#include "formats/csv/csv_test_util.h"

namespace inlet {
namespace {

using Rows = TextRows;
using Parsed = ParsedCsv;

// Every test runs at several chunk sizes, so fields, quotes, CRLFs and BOMs land across chunk
// boundaries in every possible place.
class CsvParserTest : public ::testing::TestWithParam<int64_t> {
 protected:
  Result<Parsed> TryParse(const std::string& text, const CsvDialect& dialect = {},
                          int64_t skip_lines = 0) {
    return ParseCsvText(text, dialect, GetParam(), skip_lines);
  }
  Parsed Parse(const std::string& text, CsvDialect dialect = {}, int64_t skip_lines = 0) {
    Result<Parsed> parsed = TryParse(text, dialect, skip_lines);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() ? *parsed : Parsed{};
  }
};

TEST_P(CsvParserTest, SimpleRecordsWithLinesAndOffsets) {
  Parsed p = Parse("a,b,c\n1,22,333\n");
  EXPECT_EQ(p.rows, (Rows{{"a", "b", "c"}, {"1", "22", "333"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{0, 6}));
}

TEST_P(CsvParserTest, LastRecordWithoutNewline) {
  EXPECT_EQ(Parse("a,b\n1,2").rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Parse("a,b\n1,").rows, (Rows{{"a", "b"}, {"1", ""}}));
}

TEST_P(CsvParserTest, CrLfAndLoneCrEndRecords) {
  Parsed crlf = Parse("a,b\r\n1,2\r\n3,4");
  EXPECT_EQ(crlf.rows, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(crlf.lines, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(crlf.offsets, (std::vector<int64_t>{0, 5, 10}));
  Parsed cr = Parse("a,b\r1,2\r3,\r");
  EXPECT_EQ(cr.rows, (Rows{{"a", "b"}, {"1", "2"}, {"3", ""}}));
  EXPECT_EQ(cr.lines, (std::vector<int64_t>{1, 2, 3}));
  Parsed mixed = Parse("a\nb\r\nc\rd");
  EXPECT_EQ(mixed.rows, (Rows{{"a"}, {"b"}, {"c"}, {"d"}}));
  EXPECT_EQ(mixed.lines, (std::vector<int64_t>{1, 2, 3, 4}));
}

TEST_P(CsvParserTest, EmptyFields) {
  Parsed p = Parse(",,\n,\"\",x\n");
  EXPECT_EQ(p.rows, (Rows{{"", "", ""}, {"", "", "x"}}));
}

TEST_P(CsvParserTest, QuotedFieldsFlagTheirQuotes) {
  CsvDialect dialect;
  dialect.chunk_size = GetParam();
  CsvParser parser(std::make_unique<MemoryInputStream>("\"\",,\"x\"\n"), dialect);
  ASSERT_TRUE(*parser.NextRecord());
  ASSERT_EQ(parser.num_fields(), 3u);
  EXPECT_TRUE(parser.field_quoted(0));
  EXPECT_FALSE(parser.field_quoted(1));
  EXPECT_TRUE(parser.field_quoted(2));
}

TEST_P(CsvParserTest, BlankLinesAreNotRecords) {
  Parsed p = Parse("a\n\n\r\n\rb\n\n");
  EXPECT_EQ(p.rows, (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 5}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{0, 6}));
  EXPECT_TRUE(Parse("").rows.empty());
  EXPECT_TRUE(Parse("\n").rows.empty());
  EXPECT_TRUE(Parse("\r\n\r\n").rows.empty());
}

TEST_P(CsvParserTest, QuotedDelimitersQuotesAndNewlines) {
  Parsed p = Parse("\"a,b\",\"c\"\"d\",\"e\nf\"\nx,\"\"\"\",z\n");
  EXPECT_EQ(p.rows, (Rows{{"a,b", "c\"d", "e\nf"}, {"x", "\"", "z"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{0, 19}));
}

TEST_P(CsvParserTest, NewlinesInsideQuotesAreKeptAndCounted) {
  Parsed p = Parse("\"a\r\nb\",\"c\rd\"\r\n\"\n\n\"\r\nz\r\n");
  EXPECT_EQ(p.rows, (Rows{{"a\r\nb", "c\rd"}, {"\n\n"}, {"z"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 4, 7}));
}

// Plain fields are read where they lie in the input until a byte needs undoing (a doubled quote,
// bytes after a closing quote, an escape, a kept blank line): the record's earlier fields and
// quote flags must come through that switch unchanged, and the next records too.
TEST_P(CsvParserTest, FieldsBeforeAByteToUndoKeepTheirValues) {
  CsvDialect dialect;
  dialect.has_escape = true;
  dialect.unquoted_escape = '\\';
  dialect.skip_blank_lines = false;
  Parsed p = Parse(
      "a,\"b\",c\"d,\"e\"\"f\",\"g\"h,i\n"
      "\n"
      "j,\"k\\\"l\",m\\,n\n"
      "o,\"p\"\n",
      dialect);
  EXPECT_EQ(p.rows,
            (Rows{{"a", "b", "c\"d", "e\"f", "gh", "i"}, {""}, {"j", "k\"l", "m,n"}, {"o", "p"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{0, 24, 25, 39}));

  dialect.chunk_size = GetParam();
  CsvParser parser(std::make_unique<MemoryInputStream>("x,\"y\",\"z\"\"\"\n"), dialect);
  ASSERT_TRUE(*parser.NextRecord());
  ASSERT_EQ(parser.num_fields(), 3u);
  EXPECT_FALSE(parser.field_quoted(0));
  EXPECT_TRUE(parser.field_quoted(1));
  EXPECT_TRUE(parser.field_quoted(2));
  EXPECT_EQ(parser.field(2), "z\"");
  EXPECT_EQ(parser.RawRecord(100), "x,\"y\",\"z\"\"\"");
}

TEST_P(CsvParserTest, QuoteInsideAnUnquotedFieldIsData) {
  EXPECT_EQ(Parse("ab\"c,d\"\n5 \"in\"\n").rows, (Rows{{"ab\"c", "d\""}, {"5 \"in\""}}));
}

TEST_P(CsvParserTest, BytesAfterAClosingQuoteAreKept) {
  EXPECT_EQ(Parse("\"ab\"c,d\n").rows, (Rows{{"abc", "d"}}));
}

TEST_P(CsvParserTest, EscapeCharacterInsideQuotes) {
  CsvDialect dialect;
  dialect.has_escape = true;
  dialect.escape = '\\';
  // \" and \\ are escapes; before another byte the backslash is data; outside quotes too.
  Parsed p = Parse("\"a\\\"b\",\"c\\\\d\",\"C:\\dir\",e\\f\n\"x\\\"\"\"\"\n", dialect);
  EXPECT_EQ(p.rows, (Rows{{"a\"b", "c\\d", "C:\\dir", "e\\f"}, {"x\"\""}}));
}

TEST_P(CsvParserTest, EscapeBeforeANewlineCountsTheLine) {
  CsvDialect dialect;
  dialect.has_escape = true;
  Parsed p = Parse("\"a\\\nb\"\nc\n", dialect);
  EXPECT_EQ(p.rows, (Rows{{"a\\\nb"}, {"c"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 3}));
}

TEST_P(CsvParserTest, EscapeEqualToQuoteIsPlainDoubling) {
  CsvDialect dialect;
  dialect.has_escape = true;
  dialect.escape = '"';
  EXPECT_EQ(Parse("\"a\"\"b\"\n", dialect).rows, (Rows{{"a\"b"}}));
}

TEST_P(CsvParserTest, QuotingOff) {
  CsvDialect dialect;
  dialect.has_quote = false;
  EXPECT_EQ(Parse("\"a,b\"\n", dialect).rows, (Rows{{"\"a", "b\""}}));
}

TEST_P(CsvParserTest, OtherDelimiterAndQuote) {
  CsvDialect dialect;
  dialect.delimiter = '\t';
  dialect.quote = '\'';
  EXPECT_EQ(Parse("a\tb,c\t'd\te''f'\n", dialect).rows, (Rows{{"a", "b,c", "d\te'f"}}));
}

TEST_P(CsvParserTest, Utf8BomIsSkippedAtTheStartOnly) {
  Parsed p = Parse(
      "\xEF\xBB\xBF"
      "a,b\n\xEF\xBB\xBF"
      "1,2\n");
  EXPECT_EQ(p.rows, (Rows{{"a", "b"},
                          {"\xEF\xBB\xBF"
                           "1",
                           "2"}}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{3, 7}));
  EXPECT_TRUE(Parse("\xEF\xBB\xBF").rows.empty());
  EXPECT_EQ(Parse("\xEF\xBB").rows, (Rows{{"\xEF\xBB"}}));
}

TEST_P(CsvParserTest, UnterminatedQuoteAtEndOfInput) {
  Parsed p = Parse("a,b\n1,\"x,y\nz\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[1], (std::vector<std::string>{"1", "x,y\nz\n"}));
  EXPECT_EQ(p.unterminated, (std::vector<bool>{false, true}));
  EXPECT_EQ(p.lines[1], 2);
  EXPECT_EQ(Parse("\"").unterminated, (std::vector<bool>{true}));
  // A closing quote right at the end is fine.
  EXPECT_EQ(Parse("\"x\"").unterminated, (std::vector<bool>{false}));
}

TEST_P(CsvParserTest, SkipLinesCountsPhysicalLines) {
  Parsed p = Parse("junk \"\r\nmore\ra,b\n1,2\n", {}, 2);
  EXPECT_EQ(p.rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{13, 17}));
  // The LF of a CRLF ending the last skipped line is not a blank line of its own.
  Parsed crlf = Parse("x\r\na\r\n", {}, 1);
  EXPECT_EQ(crlf.rows, (Rows{{"a"}}));
  EXPECT_EQ(crlf.lines, (std::vector<int64_t>{2}));
  EXPECT_EQ(crlf.offsets, (std::vector<int64_t>{3}));
  EXPECT_TRUE(Parse("x\ny\n", {}, 5).rows.empty());
}

TEST_P(CsvParserTest, SkipLinesCountsCustomRecordDelimiters) {
  // Snowflake's SKIP_HEADER with RECORD_DELIMITER = ';': the header is the first record, and a
  // file without any LF must not be skipped whole.
  CsvDialect dialect;
  dialect.custom_record_delimiter = true;
  dialect.record_delimiter = ';';
  Parsed p = Parse("id,note;1,a\nb;2,c;", dialect, 1);
  EXPECT_EQ(p.rows, (Rows{{"1", "a\nb"}, {"2", "c"}}));
}

TEST_P(CsvParserTest, OversizedRecordIsAnError) {
  CsvDialect dialect;
  dialect.max_record_bytes = 16;
  Result<Parsed> p = TryParse("a\n\"" + std::string(100, 'x'), dialect);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(p.status().message().find("line 2: a record holds more than 16 B"), std::string::npos)
      << p.status().message();
}

// Random fields full of structure bytes, written the RFC 4180 way, read back exactly.
TEST_P(CsvParserTest, RandomRoundTrip) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab,\"\r\n x\xC3\xA9";
  Rows expected;
  std::string text;
  for (int r = 0; r < 200; ++r) {
    std::vector<std::string> row;
    const int fields = 1 + static_cast<int>(rng() % 5);
    for (int f = 0; f < fields; ++f) {
      std::string value;
      const int length = static_cast<int>(rng() % 8);
      for (int i = 0; i < length; ++i) value += alphabet[rng() % alphabet.size()];
      // A lone empty field would be a blank line; quote it.
      const bool quote = value.find_first_of(",\"\r\n") != std::string::npos ||
                         (fields == 1 && value.empty()) || rng() % 4 == 0;
      if (f > 0) text += ',';
      if (quote) {
        text += '"';
        for (char c : value) text += c == '"' ? std::string("\"\"") : std::string(1, c);
        text += '"';
      } else {
        text += value;
      }
      row.push_back(std::move(value));
    }
    text += rng() % 2 == 0 ? "\n" : "\r\n";
    expected.push_back(std::move(row));
  }
  EXPECT_EQ(Parse(text).rows, expected);
}

INSTANTIATE_TEST_SUITE_P(ChunkSizes, CsvParserTest, ::testing::Values(1, 2, 3, 5, 64, 1 << 20));

}  // namespace
}  // namespace inlet
