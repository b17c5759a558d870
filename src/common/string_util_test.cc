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
