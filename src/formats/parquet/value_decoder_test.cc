#include "formats/parquet/value_decoder.h"

#include <gtest/gtest.h>

#include <cstring>

#include "formats/parquet/page_test_util.h"

namespace inlet::parquet {
namespace {

using namespace page_test;  // NOLINT

const std::string kWhere = "t.parquet: column \"c\"";

ColumnDescriptor Describe(LogicalType type, Type physical, int32_t type_length = 0) {
  ColumnDescriptor d;
  d.name = "c";
  d.type = type;
  d.physical = physical;
  d.type_length = type_length;
  return d;
}

// Splits `plain` (values of `width` bytes) into BYTE_STREAM_SPLIT's streams.
std::string ByteStreamSplit(const std::string& plain, size_t width) {
  size_t count = plain.size() / width;
  std::string out(plain.size(), '\0');
  for (size_t i = 0; i < count; ++i) {
    for (size_t b = 0; b < width; ++b) out[b * count + i] = plain[i * width + b];
  }
  return out;
}

template <typename T>
std::string PlainOf(const std::vector<T>& values) {
  std::string out(values.size() * sizeof(T), '\0');
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

std::vector<std::string> Texts(const Column& c) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < c.size(); ++i) out.push_back(c.GetValue(i).ToString());
  return out;
}

Status DecodeInto(const ColumnDescriptor& desc, Encoding encoding, const std::string& data,
                  int64_t count, Column* out) {
  ValueDecoder decoder(desc, kWhere);
  return decoder.Decode(encoding, data, count, nullptr, out);
}

TEST(ValueDecoder, PlainEveryPhysicalType) {
  Column booleans(LogicalType::Boolean());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Boolean(), Type::kBoolean), Encoding::kPlain,
                         "\x05\x01", 9, &booleans)
                  .ok());
  EXPECT_EQ(Texts(booleans), (std::vector<std::string>{"true", "false", "true", "false", "false",
                                                       "false", "false", "false", "true"}));
  Column doubles(LogicalType::Double());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Double(), Type::kDouble), Encoding::kPlain,
                         PlainOf<double>({1.5, -2}), 2, &doubles)
                  .ok());
  EXPECT_EQ(doubles.GetFixed<double>(1), -2);
  Column fixed(LogicalType::Binary());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Binary(), Type::kFixedLenByteArray, 3),
                         Encoding::kPlain, "abcdef", 2, &fixed)
                  .ok());
  EXPECT_EQ(fixed.GetString(1), "def");
  Column strings(LogicalType::Varchar());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Varchar(), Type::kByteArray), Encoding::kPlain,
                         PlainStrings({"", "xyz"}), 2, &strings)
                  .ok());
  EXPECT_EQ(strings.GetString(1), "xyz");
}

TEST(ValueDecoder, PlainShortPagesAreErrors) {
  Column out(LogicalType::Integer());
  EXPECT_EQ(DecodeInto(Describe(LogicalType::Integer(), Type::kInt32), Encoding::kPlain,
                       PlainInt32({1, 2}), 3, &out)
                .message(),
            kWhere + ": page holds 8 bytes of values but needs 12");
  Column strings(LogicalType::Varchar());
  auto desc = Describe(LogicalType::Varchar(), Type::kByteArray);
  EXPECT_EQ(DecodeInto(desc, Encoding::kPlain, PlainStrings({"ab"}).substr(0, 5), 1, &strings)
                .message(),
            kWhere + ": page ends after 0 of 1 values");
  EXPECT_EQ(DecodeInto(desc, Encoding::kPlain, PlainStrings({"ab"}), 2, &strings).message(),
            kWhere + ": page ends after 1 of 2 values");
  Column booleans(LogicalType::Boolean());
  EXPECT_EQ(DecodeInto(Describe(LogicalType::Boolean(), Type::kBoolean), Encoding::kPlain, "\x01",
                       9, &booleans)
                .message(),
            kWhere + ": page holds 1 bytes of values but needs 2");
  Column empty(LogicalType::Binary());
  EXPECT_EQ(DecodeInto(Describe(LogicalType::Binary(), Type::kFixedLenByteArray, 0),
                       Encoding::kPlain, "", 1, &empty)
                .message(),
            kWhere + ": FIXED_LEN_BYTE_ARRAY of length 0");
}

TEST(ValueDecoder, ByteStreamSplitEveryType) {
  Column floats(LogicalType::Float());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Float(), Type::kFloat), Encoding::kByteStreamSplit,
                         ByteStreamSplit(PlainOf<float>({1.5f, -0.25f, 3e9f}), 4), 3, &floats)
                  .ok());
  EXPECT_EQ(Texts(floats), (std::vector<std::string>{"1.5", "-0.25", "3e+09"}));
  Column doubles(LogicalType::Double());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Double(), Type::kDouble),
                         Encoding::kByteStreamSplit, ByteStreamSplit(PlainOf<double>({2.5, -7}), 8),
                         2, &doubles)
                  .ok());
  EXPECT_EQ(doubles.GetFixed<double>(0), 2.5);
  Column ints(LogicalType::Integer());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Integer(), Type::kInt32),
                         Encoding::kByteStreamSplit, ByteStreamSplit(PlainInt32({-1, 65536}), 4),
                         2, &ints)
                  .ok());
  EXPECT_EQ(Texts(ints), (std::vector<std::string>{"-1", "65536"}));
  Column longs(LogicalType::BigInt());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::BigInt(), Type::kInt64),
                         Encoding::kByteStreamSplit,
                         ByteStreamSplit(PlainInt64({int64_t{1} << 40, -5}), 8), 2, &longs)
                  .ok());
  EXPECT_EQ(Texts(longs), (std::vector<std::string>{"1099511627776", "-5"}));
  Column fixed(LogicalType::Binary());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Binary(), Type::kFixedLenByteArray, 3),
                         Encoding::kByteStreamSplit, ByteStreamSplit("abcdef", 3), 2, &fixed)
                  .ok());
  EXPECT_EQ(fixed.GetString(0), "abc");
  EXPECT_EQ(fixed.GetString(1), "def");
}

TEST(ValueDecoder, ByteStreamSplitSizeErrors) {
  Column out(LogicalType::Integer());
  auto desc = Describe(LogicalType::Integer(), Type::kInt32);
  EXPECT_EQ(DecodeInto(desc, Encoding::kByteStreamSplit, std::string(7, 'x'), 1, &out).message(),
            kWhere + ": BYTE_STREAM_SPLIT data of 7 bytes cannot hold 1 values of 4 bytes");
  EXPECT_EQ(DecodeInto(desc, Encoding::kByteStreamSplit, std::string(8, 'x'), 3, &out).message(),
            kWhere + ": BYTE_STREAM_SPLIT data of 8 bytes cannot hold 3 values of 4 bytes");
}

TEST(ValueDecoder, RleBooleans) {
  std::string hybrid;
  EncodeRleBitPacked({1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}, 1, &hybrid);
  Column out(LogicalType::Boolean());
  auto desc = Describe(LogicalType::Boolean(), Type::kBoolean);
  ASSERT_TRUE(DecodeInto(desc, Encoding::kRle, Le32(static_cast<uint32_t>(hybrid.size())) + hybrid,
                         13, &out)
                  .ok());
  EXPECT_EQ(out.GetBool(2), false);
  EXPECT_EQ(out.GetBool(11), true);
  EXPECT_EQ(out.GetBool(12), false);
  EXPECT_EQ(DecodeInto(desc, Encoding::kRle, Le32(100) + hybrid, 13, &out).message(),
            kWhere + ": RLE booleans run past the page");
  EXPECT_EQ(DecodeInto(desc, Encoding::kRle, Le32(1) + hybrid, 13, &out).code(),
            StatusCode::kInvalidData);
}

TEST(ValueDecoder, DeltaIntegersKeepTheLow32BitsForInt32) {
  // Deltas computed in 64 bits across INT32's range wrap back into it.
  std::string data;
  data += "\x80\x01\x04\x02";         // block 128, 4 miniblocks, 2 values
  data += "\xfe\xff\xff\xff\x0f";     // first value: zigzag(INT32_MAX)
  data.push_back('\0');               // min delta 0
  data += std::string("\x21\x00\x00\x00", 4);  // widths: 33 bits, then unused
  std::string body(32 * 33 / 8, '\0');
  body[0] = 1;  // delta 1 (INT32_MAX + 1 wraps to INT32_MIN)
  data += body;
  Column out(LogicalType::Integer());
  Status st = DecodeInto(Describe(LogicalType::Integer(), Type::kInt32),
                         Encoding::kDeltaBinaryPacked, data, 2, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Texts(out), (std::vector<std::string>{"2147483647", "-2147483648"}));
  EXPECT_EQ(DecodeInto(Describe(LogicalType::Integer(), Type::kInt32),
                       Encoding::kDeltaBinaryPacked, data, 3, &out)
                .message(),
            kWhere + ": DELTA_BINARY_PACKED data holds 2 values where the page has 3");
}

TEST(ValueDecoder, DeltaByteArraysCheckFixedLengths) {
  // DELTA_LENGTH_BYTE_ARRAY of "ab", "cde": lengths 2, 3.
  std::string lengths = std::string("\x80\x01\x04\x02\x04\x02\x00\x00\x00\x00", 10);
  Column out(LogicalType::Binary());
  auto fixed2 = Describe(LogicalType::Binary(), Type::kFixedLenByteArray, 2);
  EXPECT_EQ(DecodeInto(fixed2, Encoding::kDeltaLengthByteArray, lengths + "abcde", 2, &out)
                .message(),
            kWhere + ": FIXED_LEN_BYTE_ARRAY(2) value of 3 bytes");
  Column strings(LogicalType::Varchar());
  ASSERT_TRUE(DecodeInto(Describe(LogicalType::Varchar(), Type::kByteArray),
                         Encoding::kDeltaLengthByteArray, lengths + "abcde", 2, &strings)
                  .ok());
  EXPECT_EQ(Texts(strings), (std::vector<std::string>{"ab", "cde"}));
  // DELTA_BYTE_ARRAY of "ab", "ac": prefixes 0, 1; suffixes "ab", "c".
  std::string prefixes = std::string("\x80\x01\x04\x02\x00\x02\x00\x00\x00\x00", 10);
  std::string suffixes = std::string("\x80\x01\x04\x02\x04\x01\x00\x00\x00\x00", 10);
  Column pairs(LogicalType::Binary());
  Status st = DecodeInto(fixed2, Encoding::kDeltaByteArray, prefixes + suffixes + "abc", 2, &pairs);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(pairs.GetString(1), "ac");
  EXPECT_EQ(DecodeInto(fixed2, Encoding::kDeltaByteArray, prefixes, 2, &pairs).code(),
            StatusCode::kInvalidData);
}

TEST(ValueDecoder, EncodingsTheTypeCannotHaveAreInvalid) {
  Column out(LogicalType::Integer());
  auto ints = Describe(LogicalType::Integer(), Type::kInt32);
  EXPECT_EQ(DecodeInto(ints, Encoding::kRle, "xxxx", 1, &out).message(),
            kWhere + ": encoding RLE cannot hold INT32 values");
  EXPECT_EQ(DecodeInto(ints, Encoding::kDeltaByteArray, "", 1, &out).code(),
            StatusCode::kInvalidData);
  EXPECT_EQ(DecodeInto(ints, Encoding::kDeltaLengthByteArray, "", 1, &out).code(),
            StatusCode::kInvalidData);
  EXPECT_EQ(DecodeInto(ints, Encoding::kBitPacked, "", 1, &out).message(),
            kWhere + ": encoding BIT_PACKED cannot hold INT32 values");
  Column doubles(LogicalType::Double());
  EXPECT_EQ(DecodeInto(Describe(LogicalType::Double(), Type::kDouble),
                       Encoding::kDeltaBinaryPacked, "", 1, &doubles)
                .message(),
            kWhere + ": encoding DELTA_BINARY_PACKED cannot hold DOUBLE values");
  Column strings(LogicalType::Varchar());
  EXPECT_EQ(DecodeInto(Describe(LogicalType::Varchar(), Type::kByteArray),
                       Encoding::kByteStreamSplit, "", 1, &strings)
                .message(),
            kWhere + ": encoding BYTE_STREAM_SPLIT cannot hold BYTE_ARRAY values");
}

TEST(ValueDecoder, UnknownEncodingIsNotImplemented) {
  Column out(LogicalType::Double());
  Status st = DecodeInto(Describe(LogicalType::Double(), Type::kDouble), static_cast<Encoding>(10),
                         "", 1, &out);
  EXPECT_EQ(st.code(), StatusCode::kNotImplemented);
  EXPECT_EQ(st.message(), kWhere + ": encoding 10 is not supported");
  // A page without values needs no decoding at all.
  EXPECT_TRUE(DecodeInto(Describe(LogicalType::Double(), Type::kDouble), static_cast<Encoding>(10),
                         "", 0, &out)
                  .ok());
}

TEST(ValueDecoder, DictionaryIndexErrors) {
  ValueDecoder decoder(Describe(LogicalType::Integer(), Type::kInt32), kWhere);
  uint32_t indices[2];
  EXPECT_EQ(decoder.DecodeIndices("", 2, 5, indices).message(),
            kWhere + ": dictionary indices are missing");
  EXPECT_EQ(decoder.DecodeIndices("\x21\x02", 2, 5, indices).message(),
            kWhere + ": dictionary index bit width 33 is above 32");
  EXPECT_EQ(decoder.DecodeIndices(std::string("\x03\x04", 2), 2, 5, indices).message(),
            kWhere + ": dictionary indices: RLE/bit-packed data ends in a run");
  EXPECT_TRUE(decoder.DecodeIndices(std::string("\x03\x04\x04", 3), 2, 5, indices).ok());
  EXPECT_EQ(indices[1], 4u);
}

// A dictionary of one 1 MiB string and a page of 300 indices repeating it: 300 MiB of text from a
// few bytes of page, refused before anything is copied.
TEST(ValueDecoder, DictionaryPageCannotExpandWithoutBound) {
  ColumnDescriptor desc = Describe(LogicalType::Varchar(), Type::kByteArray);
  Column dictionary(LogicalType::Varchar());
  dictionary.AppendString(std::string(size_t{1} << 20, 'x'));
  // Bit width 0, then one RLE run of 300 (header 300 << 1 as a varint: 0xd8 0x04).
  std::string page("\x00\xd8\x04", 3);
  ValueDecoder decoder(desc, kWhere);
  Column out(LogicalType::Varchar());
  Status st = decoder.Decode(Encoding::kRleDictionary, page, 300, &dictionary, &out);
  EXPECT_EQ(st.message(), kWhere + ": a dictionary-encoded page expands past 256 MiB of values");
  EXPECT_EQ(out.size(), 0);
  // The same page with 200 repetitions stays under the limit.
  Column fits(LogicalType::Varchar());
  ASSERT_TRUE(decoder.Decode(Encoding::kRleDictionary, std::string("\x00\x90\x03", 3), 200,
                             &dictionary, &fits)
                  .ok());
  EXPECT_EQ(fits.size(), 200);
}

}  // namespace
}  // namespace inlet::parquet
