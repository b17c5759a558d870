#include "types/text_cast.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

std::string Int64(std::string_view text) {
  int64_t v = 0;
  return ParseInt64(text, &v) ? std::to_string(v) : "invalid";
}

TEST(TextCastTest, Int64AtTheEdgesOfTheFastPath) {
  EXPECT_EQ(Int64("0"), "0");
  EXPECT_EQ(Int64("-0"), "0");
  EXPECT_EQ(Int64("+17"), "17");
  EXPECT_EQ(Int64("000000000000000042"), "42");
  EXPECT_EQ(Int64("999999999999999999"), "999999999999999999");     // 18 digits
  EXPECT_EQ(Int64("-999999999999999999"), "-999999999999999999");
  EXPECT_EQ(Int64("9223372036854775807"), "9223372036854775807");   // 19: the general path
  EXPECT_EQ(Int64("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(Int64("9223372036854775808"), "invalid");
  EXPECT_EQ(Int64("00000000000000000000001"), "1");
  for (std::string_view bad : {"", "-", "+", "1.0", "12a", " 1", "1 ", "--1", "0x10"}) {
    EXPECT_EQ(Int64(bad), "invalid") << "'" << bad << "'";
  }
}

std::string Decimal(std::string_view text, int precision, int scale) {
  int128_t v = 0;
  std::string error;
  if (!ParseDecimal(text, precision, scale, &v, &error)) return "error: " + error;
  const bool negative = v < 0;
  std::string digits;
  unsigned __int128 m = negative ? -static_cast<unsigned __int128>(v) : v;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  return (negative ? "-" : "") + digits;
}

TEST(TextCastTest, DecimalFastAndGeneralPathsAgree) {
  // The unscaled value, as lineitem's prices and quantities are read.
  EXPECT_EQ(Decimal("123.45", 15, 2), "12345");
  EXPECT_EQ(Decimal("-7.5", 15, 2), "-750");
  EXPECT_EQ(Decimal("+7", 15, 2), "700");
  EXPECT_EQ(Decimal(".5", 15, 2), "50");
  EXPECT_EQ(Decimal("5.", 15, 2), "500");
  EXPECT_EQ(Decimal("-0.00", 15, 2), "0");
  EXPECT_EQ(Decimal("00012.30", 5, 2), "1230");
  EXPECT_EQ(Decimal("999.99", 5, 2), "99999");
  EXPECT_EQ(Decimal("1000.00", 5, 2), "error: value out of range for DECIMAL(5,2)");
  EXPECT_EQ(Decimal("0001000", 5, 2), "error: value out of range for DECIMAL(5,2)");
  EXPECT_EQ(Decimal("99999", 5, 0), "99999");
  EXPECT_EQ(Decimal("100000", 5, 0), "error: value out of range for DECIMAL(5,0)");
  // 18 digits once scaled is the fast path's limit; past it the general path gives the value.
  EXPECT_EQ(Decimal("1234567890123456.78", 18, 2), "123456789012345678");
  EXPECT_EQ(Decimal("12345678901234567.8", 20, 2), "1234567890123456780");
  EXPECT_EQ(Decimal("1", 38, 30), "1" + std::string(30, '0'));
  // Rounding, exponents and bad text are the general path's.
  EXPECT_EQ(Decimal("1.005", 15, 2), "101");
  EXPECT_EQ(Decimal("-1.005", 15, 2), "-101");
  EXPECT_EQ(Decimal("999.995", 5, 2), "error: value out of range for DECIMAL(5,2)");
  EXPECT_EQ(Decimal("1.5e2", 15, 2), "15000");
  for (std::string_view bad : {"", "-", ".", "1.2.3", "1,5", "12a", " 1"}) {
    EXPECT_EQ(Decimal(bad, 15, 2), "error: invalid DECIMAL value") << "'" << bad << "'";
  }
}

TEST(TextCastTest, AppenderChosenOnceMatchesAppendTextAsType) {
  const LogicalType types[] = {LogicalType::TinyInt(), LogicalType::Integer(),
                               LogicalType::BigInt(),  LogicalType::Decimal(15, 2),
                               LogicalType::Date(),    LogicalType::Varchar(3)};
  const std::string_view texts[] = {"12", "300", "-70000", "4000000000", "1.25", "1998-12-01",
                                    "abcd", "x"};
  for (const LogicalType& type : types) {
    const TextAppender append = TextAppenderFor(type);
    for (std::string_view text : texts) {
      Column by_appender(type), by_switch(type);
      std::string appender_error, switch_error;
      const bool appended = append(text, type, &by_appender, &appender_error, CastOptions{});
      EXPECT_EQ(appended, AppendTextAsType(text, type, &by_switch, &switch_error))
          << type.ToString() << " '" << text << "'";
      EXPECT_EQ(appender_error, switch_error);
      ASSERT_EQ(by_appender.size(), by_switch.size());
      if (appended) {
        EXPECT_EQ(by_appender.GetValue(0), by_switch.GetValue(0));
      }
    }
  }
  std::string error;
  Column tiny(LogicalType::TinyInt());
  EXPECT_FALSE(TextAppenderFor(tiny.type())("128", tiny.type(), &tiny, &error, CastOptions{}));
  EXPECT_EQ(error, "value out of range for TINYINT");
  EXPECT_EQ(tiny.size(), 0);
}

}  // namespace
}  // namespace inlet
