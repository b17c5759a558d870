#include "formats/csv/csv_escapes.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

TEST(CsvEscapesTest, DecodesSnowflakeSequences) {
  CsvDialect d;
  d.delimiter = '|';
  d.unquoted_escape = '\\';
  auto decode = [&d](std::string text) {
    text.resize(DecodeUnquotedEscapes(text.data(), text.size(), d));
    return text;
  };
  EXPECT_EQ(decode("a\\tb\\nc\\rd\\be\\ff"), "a\tb\nc\rd\be\ff");
  EXPECT_EQ(decode("\\|\\\\\\\"\\\n"), "|\\\"\n");
  EXPECT_EQ(decode("\\101\\x42\\x4a"), "ABJ");
  // Anything else keeps its escape: \N still matches NULL_IF, and a path stays a path.
  EXPECT_EQ(decode("\\N"), "\\N");
  EXPECT_EQ(decode("C:\\data\\x1\\9"), "C:\\data\\x1\\9");
  EXPECT_EQ(decode("\\400\\12x"), "\\400\\12x");
  EXPECT_EQ(decode("end\\"), "end\\");
}

TEST(CsvEscapesTest, TrimSpaceReadsTheValueInsideQuotes) {
  CsvDialect d;
  std::string scratch;
  bool quoted = false;
  EXPECT_EQ(TrimSpaceField(" \t plain  ", d, &scratch, &quoted), "plain");
  EXPECT_FALSE(quoted);
  EXPECT_EQ(TrimSpaceField(" \"b \"\"x\"\"\" ", d, &scratch, &quoted), "b \"x\"");
  EXPECT_TRUE(quoted);
  EXPECT_EQ(TrimSpaceField("  \" kept \"", d, &scratch, &quoted), " kept ");
  EXPECT_TRUE(quoted);
  // The quote escape's pairs are undone too; a lone quote in an unquoted value is data.
  d.has_escape = true;
  EXPECT_EQ(TrimSpaceField(" \"a\\\"b\\\\\" ", d, &scratch, &quoted), "a\"b\\");
  EXPECT_EQ(TrimSpaceField(" a\"b ", d, &scratch, &quoted), "a\"b");
  EXPECT_FALSE(quoted);
  d.has_quote = false;
  EXPECT_EQ(TrimSpaceField(" \"a\" ", d, &scratch, &quoted), "\"a\"");
  EXPECT_FALSE(quoted);
}

}  // namespace
}  // namespace inlet
