#include "formats/parquet/rle_encoding.h"

#include <gtest/gtest.h>

#include <random>

namespace inlet::parquet {
namespace {

// Packs values LSB first, the reference the unpacker is checked against.
std::string PackLsbFirst(const std::vector<uint64_t>& values, int bit_width) {
  std::string out((values.size() * bit_width + 7) / 8, '\0');
  uint64_t bit = 0;
  for (uint64_t v : values) {
    for (int b = 0; b < bit_width; ++b, ++bit) {
      if ((v >> b) & 1) out[bit / 8] = static_cast<char>(out[bit / 8] | (1 << (bit % 8)));
    }
  }
  return out;
}

TEST(UnpackBitsLsbFirst, EveryWidthFromZeroTo64) {
  std::mt19937_64 rng(3);
  for (int width = 0; width <= 64; ++width) {
    uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
    std::vector<uint64_t> values(77);
    for (uint64_t& v : values) v = rng() & mask;
    std::string packed = PackLsbFirst(values, width);
    const auto* data = reinterpret_cast<const uint8_t*>(packed.data());
    std::vector<uint64_t> all(values.size());
    UnpackBitsLsbFirst(data, width, 0, static_cast<int64_t>(values.size()), all.data());
    EXPECT_EQ(all, values) << "width " << width;
    // From the middle of the range, ending at its very last byte.
    std::vector<uint64_t> tail(10);
    UnpackBitsLsbFirst(data, width, 67, 10, tail.data());
    EXPECT_EQ(tail, std::vector<uint64_t>(values.begin() + 67, values.end())) << "width " << width;
  }
}

TEST(RleBitPacked, DecodesLevelsAsInt16) {
  std::vector<uint32_t> values = {0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1};
  std::string encoded;
  EncodeRleBitPacked(values, 2, &encoded);
  std::vector<int16_t> levels(values.size());
  RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(), 2);
  ASSERT_TRUE(decoder.Get(levels.data(), static_cast<int64_t>(levels.size())).ok());
  EXPECT_EQ(levels, (std::vector<int16_t>{0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1}));
}

TEST(RleBitPacked, EncodesEveryWidthFrom1To32) {
  std::mt19937_64 rng(5);
  for (int width = 1; width <= 32; ++width) {
    const uint64_t mask = (uint64_t{1} << width) - 1;
    // Literal groups of every length mod 8 around RLE runs, and a short group at the very end.
    std::vector<uint32_t> values;
    for (int part = 0; part < 9; ++part) {
      for (int k = 0; k < 8 + part; ++k) values.push_back(static_cast<uint32_t>(rng() & mask));
      values.insert(values.end(), 20, static_cast<uint32_t>(mask));
    }
    for (int k = 0; k < 5; ++k) values.push_back(static_cast<uint32_t>(rng() & mask));
    std::string encoded;
    EncodeRleBitPacked(values, width, &encoded);
    std::vector<uint32_t> decoded(values.size());
    RleBitPackedDecoder decoder(reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size(),
                                width);
    ASSERT_TRUE(decoder.Get(decoded.data(), static_cast<int64_t>(decoded.size())).ok());
    EXPECT_EQ(decoded, values) << "width " << width;
  }
}

TEST(RleBitPacked, RunValueKeepsOnlyItsBitWidth) {
  // An RLE run of 4 with the byte 0xFF at bit width 2: the value is 3, not 255.
  const uint8_t run[] = {4 << 1, 0xFF};
  std::vector<uint32_t> out(4);
  RleBitPackedDecoder decoder(run, sizeof(run), 2);
  ASSERT_TRUE(decoder.Get(out.data(), 4).ok());
  EXPECT_EQ(out, (std::vector<uint32_t>{3, 3, 3, 3}));
}

TEST(RleBitPacked, BitWidthAbove32IsAnError) {
  const uint8_t run[] = {2, 1, 0, 0, 0, 0};
  uint32_t out[1];
  RleBitPackedDecoder decoder(run, sizeof(run), 33);
  Status st = decoder.Get(out, 1);
  EXPECT_EQ(st.code(), StatusCode::kInvalidData);
  EXPECT_EQ(st.message(), "RLE/bit-packed bit width 33 is above 32");
}

TEST(RleBitPacked, EmptyRunIsAnError) {
  const uint8_t run[] = {0, 0};
  uint32_t out[1];
  RleBitPackedDecoder decoder(run, sizeof(run), 1);
  EXPECT_EQ(decoder.Get(out, 1).message(), "RLE/bit-packed data has an empty run");
}

TEST(RleBitPacked, TruncatedLastGroupYieldsOnlyWhatIsThere) {
  // A bit-packed run claiming 2 groups (16 values) at width 8, with only 3 bytes present.
  const uint8_t run[] = {(2 << 1) | 1, 7, 8, 9};
  std::vector<uint32_t> out(4);
  RleBitPackedDecoder decoder(run, sizeof(run), 8);
  ASSERT_TRUE(decoder.Get(out.data(), 3).ok());
  EXPECT_EQ(out[2], 9u);
  EXPECT_EQ(decoder.Get(out.data(), 1).message(),
            "RLE/bit-packed data ends inside a run header");
}

TEST(LegacyBitPacked, SpecExample) {
  // Encodings.md: 0..7 at bit width 3, packed MSB first.
  const uint8_t packed[] = {0b00000101, 0b00111001, 0b01110111};
  std::vector<int16_t> out(8);
  ASSERT_TRUE(DecodeLegacyBitPacked(packed, sizeof(packed), 3, 8, out.data()).ok());
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(LegacyBitPackedSize(8, 3), 3u);
  EXPECT_EQ(LegacyBitPackedSize(30, 2), 8u);
}

TEST(LegacyBitPacked, ShortInputAndWideLevelsAreErrors) {
  const uint8_t packed[] = {0xFF};
  int16_t out[16];
  EXPECT_EQ(DecodeLegacyBitPacked(packed, 1, 3, 3, out).message(),
            "BIT_PACKED data holds 1 bytes, 3 values need 2");
  EXPECT_EQ(DecodeLegacyBitPacked(packed, 1, 16, 0, out).message(),
            "BIT_PACKED bit width 16 is above 15");
}

}  // namespace
}  // namespace inlet::parquet
