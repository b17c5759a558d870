#include "formats/parquet/value_converter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "formats/parquet/page_test_util.h"

namespace inlet::parquet {
namespace {

using page_test::Le32;
using page_test::PlainInt32;
using page_test::PlainInt64;

const std::string kWhere = "t.parquet: column \"c\"";

ColumnDescriptor Describe(LogicalType type, Type physical,
                          ValueConversion conversion = ValueConversion::kNone,
                          int32_t type_length = 0) {
  ColumnDescriptor d;
  d.name = "c";
  d.type = type;
  d.physical = physical;
  d.conversion = conversion;
  d.type_length = type_length;
  return d;
}

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// Converts `count` PLAIN values and returns them as SQL text, or the error message.
std::vector<std::string> ConvertFixed(const ColumnDescriptor& desc, const std::string& plain,
                                      int64_t count) {
  ValueConverter converter(desc, kWhere);
  Column out(desc.type);
  Status st = converter.AppendFixedWidth(Bytes(plain), count, &out);
  if (!st.ok()) return {st.message()};
  std::vector<std::string> texts;
  for (int64_t i = 0; i < out.size(); ++i) texts.push_back(out.GetValue(i).ToString());
  return texts;
}

std::vector<std::string> ConvertBytes(const ColumnDescriptor& desc,
                                      const std::vector<std::string>& values) {
  ValueConverter converter(desc, kWhere);
  Column out(desc.type);
  for (const std::string& v : values) {
    Status st = converter.AppendBytes(v, &out);
    if (!st.ok()) return {st.message()};
  }
  std::vector<std::string> texts;
  for (int64_t i = 0; i < out.size(); ++i) texts.push_back(out.GetValue(i).ToString());
  return texts;
}

using Texts = std::vector<std::string>;

TEST(HalfToFloat, SpecialValuesAndSubnormals) {
  EXPECT_EQ(HalfToFloat(0x3C00), 1.0f);
  EXPECT_EQ(HalfToFloat(0xC000), -2.0f);
  EXPECT_EQ(HalfToFloat(0x7BFF), 65504.0f);
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(HalfToFloat(0x03FF), std::ldexp(1023.0f, -24));
  EXPECT_EQ(HalfToFloat(0x0400), std::ldexp(1.0f, -14));  // smallest normal
  EXPECT_EQ(HalfToFloat(0x0000), 0.0f);
  EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
  EXPECT_EQ(HalfToFloat(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(HalfToFloat(0xFC00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7E00)));
  EXPECT_TRUE(std::isnan(HalfToFloat(0xFC01)));
}

TEST(FormatUuid, CanonicalLowercase) {
  const uint8_t bytes[16] = {0x55, 0x0e, 0x84, 0x00, 0xe2, 0x9b, 0x41, 0xd4,
                             0xa7, 0x16, 0x44, 0x66, 0x55, 0x44, 0x00, 0x0A};
  EXPECT_EQ(FormatUuid(bytes), "550e8400-e29b-41d4-a716-44665544000a");
}

TEST(ValueConverter, NarrowIntegersAreChecked) {
  auto int8 = Describe(LogicalType::TinyInt(), Type::kInt32);
  EXPECT_EQ(ConvertFixed(int8, PlainInt32({-128, 127}), 2), (Texts{"-128", "127"}));
  EXPECT_EQ(ConvertFixed(int8, PlainInt32({128}), 1),
            (Texts{kWhere + ": value 128 does not fit TINYINT"}));
  auto int16 = Describe(LogicalType::SmallInt(), Type::kInt64);
  EXPECT_EQ(ConvertFixed(int16, PlainInt64({-32769}), 1),
            (Texts{kWhere + ": value -32769 does not fit SMALLINT"}));
  auto int32_from_64 = Describe(LogicalType::Integer(), Type::kInt64);
  EXPECT_EQ(ConvertFixed(int32_from_64, PlainInt64({int64_t{1} << 31}), 1),
            (Texts{kWhere + ": value 2147483648 does not fit INTEGER"}));
}

TEST(ValueConverter, UnsignedIntegersWiden) {
  auto uint8 = Describe(LogicalType::SmallInt(), Type::kInt32, ValueConversion::kUnsigned);
  EXPECT_EQ(ConvertFixed(uint8, PlainInt32({255}), 1), (Texts{"255"}));
  EXPECT_EQ(ConvertFixed(uint8, PlainInt32({-1}), 1),
            (Texts{kWhere + ": value 4294967295 does not fit SMALLINT"}));
  auto uint32 = Describe(LogicalType::BigInt(), Type::kInt32, ValueConversion::kUnsigned);
  EXPECT_EQ(ConvertFixed(uint32, PlainInt32({-1}), 1), (Texts{"4294967295"}));
  auto uint64 = Describe(LogicalType::Decimal(20, 0), Type::kInt64, ValueConversion::kUnsigned);
  EXPECT_EQ(ConvertFixed(uint64, PlainInt64({-1, 7}), 2), (Texts{"18446744073709551615", "7"}));
}

TEST(ValueConverter, DecimalsFromIntegers) {
  auto dec = Describe(LogicalType::Decimal(9, 2), Type::kInt32);
  EXPECT_EQ(ConvertFixed(dec, PlainInt32({12345, -5}), 2), (Texts{"123.45", "-0.05"}));
  EXPECT_EQ(ConvertFixed(dec, PlainInt32({1000000000}), 1),
            (Texts{kWhere + ": value 1000000000 does not fit DECIMAL(9,2)"}));
  auto dec18 = Describe(LogicalType::Decimal(18, 4), Type::kInt64);
  EXPECT_EQ(ConvertFixed(dec18, PlainInt64({-123456789012345678}), 1),
            (Texts{"-12345678901234.5678"}));
}

TEST(ValueConverter, DecimalsFromBigEndianBytes) {
  auto dec = Describe(LogicalType::Decimal(38, 2), Type::kByteArray);
  EXPECT_EQ(ConvertBytes(dec, {std::string("\x01\x00", 2), std::string("\xff", 1), ""}),
            (Texts{"2.56", "-0.01", "0.00"}));
  // 18 bytes whose first two only repeat the sign.
  std::string wide = std::string(17, '\xff') + std::string("\x9c", 1);
  EXPECT_EQ(ConvertBytes(dec, {wide}), (Texts{"-1.00"}));
  std::string too_wide = std::string("\x01", 1) + std::string(16, '\0');
  EXPECT_EQ(ConvertBytes(dec, {too_wide}),
            (Texts{kWhere + ": value 0x0100000000000000000000000000000000 does not fit "
                            "DECIMAL(38,2)"}));
  auto small = Describe(LogicalType::Decimal(3, 1), Type::kFixedLenByteArray,
                        ValueConversion::kNone, 2);
  EXPECT_EQ(ConvertFixed(small, std::string("\x03\xe7\xfc\x19", 4), 2), (Texts{"99.9", "-99.9"}));
  EXPECT_EQ(ConvertFixed(small, std::string("\x03\xe8", 2), 1),
            (Texts{kWhere + ": value 1000 does not fit DECIMAL(3,1)"}));
}

TEST(ValueConverter, DecimalsWiderThan38DigitsBecomeDoubles) {
  auto wide = Describe(LogicalType::Double(), Type::kFixedLenByteArray,
                       ValueConversion::kDecimalToDouble, 20);
  wide.decimal_scale = 3;
  std::string minus_one_and_half = std::string(18, '\xff') + std::string("\xfa\x06", 2);  // -1530
  std::string big = std::string("\x01", 1) + std::string(19, '\0');                   // 2^152
  ValueConverter converter(wide, kWhere);
  Column out(LogicalType::Double());
  ASSERT_TRUE(converter.AppendFixedWidth(Bytes(minus_one_and_half + big), 2, &out).ok());
  EXPECT_EQ(out.GetFixed<double>(0), -1.53);
  EXPECT_DOUBLE_EQ(out.GetFixed<double>(1), std::ldexp(1.0, 152) / 1000);
  auto from_int = Describe(LogicalType::Double(), Type::kInt64, ValueConversion::kDecimalToDouble);
  from_int.decimal_scale = 2;
  EXPECT_EQ(ConvertFixed(from_int, PlainInt64({-250}), 1), (Texts{"-2.5"}));
}

TEST(ValueConverter, TimestampUnits) {
  auto millis = Describe(LogicalType::Timestamp(), Type::kInt64, ValueConversion::kMillisToMicros);
  EXPECT_EQ(ConvertFixed(millis, PlainInt64({1000, -1}), 2),
            (Texts{"1970-01-01 00:00:01", "1969-12-31 23:59:59.999"}));
  EXPECT_EQ(ConvertFixed(millis, PlainInt64({std::numeric_limits<int64_t>::max()}), 1),
            (Texts{kWhere + ": value 9223372036854775807000 does not fit TIMESTAMP"}));
  auto nanos = Describe(LogicalType::TimestampTz(), Type::kInt64, ValueConversion::kNanosToMicros);
  ValueConverter converter(nanos, kWhere);
  Column out(LogicalType::TimestampTz());
  ASSERT_TRUE(converter.AppendFixedWidth(Bytes(PlainInt64({1999, -1})), 2, &out).ok());
  EXPECT_EQ(out.GetFixed<int64_t>(0), 1);
  EXPECT_EQ(out.GetFixed<int64_t>(1), -1);  // floor, not truncation toward zero
}

TEST(ValueConverter, TimeUnitsAndRange) {
  auto millis = Describe(LogicalType::Time(), Type::kInt32, ValueConversion::kMillisToMicros);
  EXPECT_EQ(ConvertFixed(millis, PlainInt32({3723004, 86400000}), 2),
            (Texts{"01:02:03.004", "24:00:00"}));
  EXPECT_EQ(ConvertFixed(millis, PlainInt32({-1}), 1),
            (Texts{kWhere + ": value -1000 microseconds does not fit TIME"}));
  auto nanos = Describe(LogicalType::Time(), Type::kInt64, ValueConversion::kNanosToMicros);
  EXPECT_EQ(ConvertFixed(nanos, PlainInt64({1500}), 1), (Texts{"00:00:00.000001"}));
  auto utc = Describe(LogicalType::Time(), Type::kInt64);
  utc.time_adjusted_to_utc = true;
  // 01:00 at UTC+05 is 20:00 of the day before in UTC.
  EXPECT_EQ(ConvertFixed(utc, PlainInt64({-int64_t{4} * 3600 * 1000000}), 1), (Texts{"20:00:00"}));
}

TEST(ValueConverter, Int96Timestamps) {
  auto desc = Describe(LogicalType::Timestamp(), Type::kInt96, ValueConversion::kInt96Timestamp);
  auto int96 = [](int64_t nanos, int32_t julian_day) {
    return page_test::Le64(static_cast<uint64_t>(nanos)) + Le32(static_cast<uint32_t>(julian_day));
  };
  ValueConverter converter(desc, kWhere);
  Column out(desc.type);
  // 1970-01-01 00:00:01.5; and Spark's year 290000 (int96_from_spark.parquet), stored wrapped.
  std::string data = int96(1500000000, 2440588) + int96(-32509551616000, -105862232);
  ASSERT_TRUE(converter.AppendFixedWidth(Bytes(data), 2, &out).ok());
  EXPECT_EQ(out.GetFixed<int64_t>(0), 1500000);
  EXPECT_EQ(out.GetFixed<int64_t>(1), 9089380393200000000);
}

TEST(ValueConverter, FixedLengthAnnotations) {
  auto uuid = Describe(LogicalType::Varchar(), Type::kFixedLenByteArray, ValueConversion::kUuid, 16);
  EXPECT_EQ(ConvertFixed(uuid, std::string(16, '\x11'), 1),
            (Texts{"11111111-1111-1111-1111-111111111111"}));
  EXPECT_EQ(ConvertBytes(uuid, {"short"}), (Texts{kWhere + ": UUID of 5 bytes"}));
  auto half = Describe(LogicalType::Float(), Type::kFixedLenByteArray, ValueConversion::kFloat16, 2);
  EXPECT_EQ(ConvertFixed(half, std::string("\x00\x3c\x00\xc0", 4), 2), (Texts{"1.0", "-2.0"}));
  EXPECT_EQ(ConvertBytes(half, {"abc"}), (Texts{kWhere + ": FLOAT16 of 3 bytes"}));
}

}  // namespace
}  // namespace inlet::parquet
