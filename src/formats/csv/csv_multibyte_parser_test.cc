#include "formats/csv/csv_multibyte_parser.h"

#include <gtest/gtest.h>

#include <random>

#include "formats/csv/csv_test_util.h"

namespace inlet {
namespace {

using Rows = TextRows;
using Parsed = ParsedCsv;

CsvDialect Multi(std::string field, std::string record = "") {
  CsvDialect d;
  d.delimiter = field[0];
  if (field.size() > 1) d.multibyte_delimiter = field;
  if (!record.empty()) {
    d.custom_record_delimiter = true;
    d.record_delimiter = record[0];
    if (record.size() > 1) d.multibyte_record_delimiter = record;
  }
  return d;
}

// Chunks of 3 bytes and up put delimiters across chunk ends everywhere.
class CsvMultiByteParserTest : public ::testing::TestWithParam<int64_t> {
 protected:
  Parsed Parse(const std::string& text, const CsvDialect& dialect, int64_t skip_lines = 0) {
    Result<Parsed> parsed = ParseCsvText(text, dialect, GetParam(), skip_lines);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() ? *parsed : Parsed{};
  }
};

TEST_P(CsvMultiByteParserTest, FieldDelimiterOfTwoBytesWithQuotesHoldingIt) {
  Parsed p = Parse("a||b||c\r\n1||\"x||\"\"y\"\"\"||3\n||\n", Multi("||"));
  EXPECT_EQ(p.rows, (Rows{{"a", "b", "c"}, {"1", "x||\"y\"", "3"}, {"", ""}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(p.offsets, (std::vector<int64_t>{0, 9, 26}));
  // A lone byte of the delimiter is data.
  EXPECT_EQ(Parse("a|b||c", Multi("||")).rows, (Rows{{"a|b", "c"}}));
}

TEST_P(CsvMultiByteParserTest, RecordDelimiterOfSeveralBytes) {
  // '##\n' alone ends records: a lone newline or # is data, also inside quotes.
  Parsed p = Parse("a,b##\n\"x##\ny\",c\nd##\ne", Multi(",", "##\n"));
  EXPECT_EQ(p.rows, (Rows{{"a", "b"}, {"x##\ny", "c\nd"}, {"e"}}));
  // Lines are counted by the record delimiter, quoted ones included.
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(Parse("1,2|~3,4|~", Multi(",", "|~")).rows, (Rows{{"1", "2"}, {"3", "4"}}));
}

TEST_P(CsvMultiByteParserTest, BothDelimitersOfSeveralBytes) {
  EXPECT_EQ(Parse("a::b;;c::d;;", Multi("::", ";;")).rows, (Rows{{"a", "b"}, {"c", "d"}}));
}

TEST_P(CsvMultiByteParserTest, OneNonAsciiCharacterAsDelimiter) {
  EXPECT_EQ(Parse("a\xC2\xA6" "b\nc\xC2\xA6\xC3\xA9\n", Multi("\xC2\xA6")).rows,
            (Rows{{"a", "b"}, {"c", "\xC3\xA9"}}));
}

TEST_P(CsvMultiByteParserTest, BlankLines) {
  EXPECT_EQ(Parse("a||b\n\n\r\nc||d\n", Multi("||")).rows, (Rows{{"a", "b"}, {"c", "d"}}));
  CsvDialect keep = Multi("||", "##");
  keep.skip_blank_lines = false;
  Parsed p = Parse("a||b####c||d##", keep);
  EXPECT_EQ(p.rows, (Rows{{"a", "b"}, {""}, {"c", "d"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST_P(CsvMultiByteParserTest, UnquotedEscapeTakesAWholeDelimiter) {
  CsvDialect d = Multi("||", "~~");
  d.unquoted_escape = '\\';
  EXPECT_EQ(Parse("a\\||b||c\\~~d~~\\t\\N~~", d).rows,
            (Rows{{"a||b", "c~~d"}, {"\t\\N"}}));
}

TEST_P(CsvMultiByteParserTest, EscapeInsideQuotes) {
  CsvDialect d = Multi("||");
  d.has_escape = true;
  EXPECT_EQ(Parse("\"a\\\"||b\"||c\n", d).rows, (Rows{{"a\"||b", "c"}}));
}

TEST_P(CsvMultiByteParserTest, UnterminatedQuote) {
  Parsed p = Parse("a||\"b||c\n", Multi("||"));
  EXPECT_EQ(p.rows, (Rows{{"a", "b||c\n"}}));
  EXPECT_EQ(p.unterminated, (std::vector<bool>{true}));
}

TEST_P(CsvMultiByteParserTest, SkipLinesCountsRecordDelimiters) {
  Parsed p = Parse("skip\nme##x::y##1::2##", Multi("::", "##"), 2);
  EXPECT_EQ(p.rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{3}));
  Parsed lines = Parse("skip\r\nme\n1::2\n", Multi("::"), 2);
  EXPECT_EQ(lines.rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(lines.lines, (std::vector<int64_t>{3}));
}

TEST_P(CsvMultiByteParserTest, OversizedRecordIsAnError) {
  CsvDialect d = Multi("||");
  d.max_record_bytes = 64;
  Result<Parsed> parsed = ParseCsvText("a||b\n\"" + std::string(1000, 'x') + "\n", d,
                                       std::max<int64_t>(GetParam(), 16));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "line 2: a record holds more than 64 B; is a quote left unclosed?");
}

// The multi-byte loop reads what the one-byte loop reads: random texts written once with ','
// and ';' and once with '||' and '##\n' give the same fields, lines and quote errors.
TEST_P(CsvMultiByteParserTest, ReadsWhatTheOneByteLoopReads) {
  std::mt19937 random(7);
  const std::string alphabet = "aD\"R\\\nxt\r";
  for (int round = 0; round < 300; ++round) {
    std::string shape;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) shape.push_back(alphabet[random() % alphabet.size()]);
    for (bool custom_record : {false, true}) {
      // 'R' is the record delimiter, or plain data without a custom one.
      std::string one_byte, multi_text;
      for (char c : shape) {
        one_byte += c == 'D' ? "," : c == 'R' && custom_record ? ";" : std::string(1, c);
        multi_text += c == 'D' ? "||" : c == 'R' && custom_record ? "##\n" : std::string(1, c);
      }
      CsvDialect one;
      one.unquoted_escape = '\\';
      one.has_escape = random() % 2 == 0;
      one.skip_blank_lines = random() % 2 == 0;
      CsvDialect multi = Multi("||", custom_record ? "##\n" : "");
      multi.unquoted_escape = one.unquoted_escape;
      multi.has_escape = one.has_escape;
      multi.skip_blank_lines = one.skip_blank_lines;
      if (custom_record) {
        one.custom_record_delimiter = true;
        one.record_delimiter = ';';
      }
      Result<Parsed> expected = ParseCsvText(one_byte, one, GetParam());
      Result<Parsed> got = ParseCsvText(multi_text, multi, GetParam());
      ASSERT_TRUE(expected.ok() && got.ok());
      Rows mapped = got->rows;
      for (auto& row : mapped) {
        for (std::string& field : row) {
          std::string back;
          for (size_t i = 0; i < field.size();) {
            if (field.compare(i, 2, "||") == 0) {
              back += ',';
              i += 2;
            } else if (custom_record && field.compare(i, 3, "##\n") == 0) {
              back += ';';
              i += 3;
            } else {
              back += field[i++];
            }
          }
          field = back;
        }
      }
      EXPECT_EQ(mapped, expected->rows) << testing::PrintToString(multi_text);
      EXPECT_EQ(got->lines, expected->lines) << testing::PrintToString(multi_text);
      EXPECT_EQ(got->unterminated, expected->unterminated) << testing::PrintToString(multi_text);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ChunkSizes, CsvMultiByteParserTest,
                         ::testing::Values(3, 4, 7, 64, 1 << 20));

}  // namespace
}  // namespace inlet
