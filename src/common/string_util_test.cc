#include "common/string_util.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

TEST(StringUtilTest, CaseAndTrim) {
  EXPECT_EQ(AsciiToLower("OrDeRs_1"), "orders_1");
  EXPECT_TRUE(EqualsIgnoreCase("Header", "HEADER"));
  EXPECT_FALSE(EqualsIgnoreCase("Header", "Headers"));
  EXPECT_EQ(TrimWhitespace("  a b \r\n"), "a b");
  EXPECT_EQ(TrimWhitespace("   "), "");
}

TEST(StringUtilTest, SplitJoinQuote) {
  auto parts = SplitString("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(JoinStrings(parts, "|"), "a||b");
  EXPECT_EQ(QuoteSqlString("it's"), "'it''s'");
}

TEST(StringUtilTest, EscapeInvalidUtf8KeepsValidTextAndShowsBadBytes) {
  EXPECT_EQ(EscapeInvalidUtf8("plain"), "plain");
  EXPECT_EQ(EscapeInvalidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(EscapeInvalidUtf8("bad\xFF"), "bad\\xFF");
  // A cut sequence, an overlong '/', a surrogate: each byte shown.
  EXPECT_EQ(EscapeInvalidUtf8("\xC3"), "\\xC3");
  EXPECT_EQ(EscapeInvalidUtf8("\xC0\xAF"), "\\xC0\\xAF");
  EXPECT_EQ(EscapeInvalidUtf8("\xED\xA0\x80x"), "\\xED\\xA0\\x80x");
}

TEST(StringUtilTest, Sha256MatchesKnownDigest) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(StringUtilTest, UuidHasVersion4Shape) {
  std::string a = RandomUuid();
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, RandomUuid());
}

TEST(StringUtilTest, FormatBytes) {
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
}

}  // namespace
}  // namespace inlet
