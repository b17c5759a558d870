#include "formats/parquet/delta_encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace inlet::parquet {
namespace {

void PutUleb(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutZigzag(int64_t v, std::string* out) {
  PutUleb((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63), out);
}

int BitsFor(uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

// A reference DELTA_BINARY_PACKED encoder, written from Encodings.md for these tests.
std::string EncodeDelta(const std::vector<int64_t>& values, uint64_t block_size = 128,
                        uint64_t miniblocks = 4) {
  std::string out;
  PutUleb(block_size, &out);
  PutUleb(miniblocks, &out);
  PutUleb(values.size(), &out);
  PutZigzag(values.empty() ? 0 : values[0], &out);
  const uint64_t per_miniblock = block_size / miniblocks;
  for (size_t begin = 1; begin < values.size(); begin += block_size) {
    size_t end = std::min(values.size(), begin + block_size);
    std::vector<uint64_t> deltas;
    for (size_t i = begin; i < end; ++i) {
      deltas.push_back(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]));
    }
    int64_t min_delta = static_cast<int64_t>(deltas[0]);
    for (uint64_t d : deltas) min_delta = std::min(min_delta, static_cast<int64_t>(d));
    PutZigzag(min_delta, &out);
    for (uint64_t& d : deltas) d -= static_cast<uint64_t>(min_delta);
    std::string widths;
    std::string bodies;
    for (uint64_t m = 0; m < miniblocks; ++m) {
      size_t first = m * per_miniblock;
      if (first >= deltas.size()) {
        widths.push_back('\x2a');  // unused miniblock: any width, no body
        continue;
      }
      int width = 0;
      for (size_t i = first; i < std::min(deltas.size(), first + per_miniblock); ++i) {
        width = std::max(width, BitsFor(deltas[i]));
      }
      widths.push_back(static_cast<char>(width));
      std::string body(per_miniblock * width / 8, '\0');
      uint64_t bit = 0;
      for (size_t i = first; i < first + per_miniblock; ++i) {
        uint64_t d = i < deltas.size() ? deltas[i] : 0;
        for (int b = 0; b < width; ++b, ++bit) {
          if ((d >> b) & 1) body[bit / 8] = static_cast<char>(body[bit / 8] | (1 << (bit % 8)));
        }
      }
      bodies += body;
    }
    out += widths + bodies;
  }
  return out;
}

std::vector<int64_t> Decode(const std::string& data, int64_t count, size_t* used = nullptr) {
  std::vector<uint64_t> out(static_cast<size_t>(count));
  auto result = DecodeDeltaBinaryPacked(data, count, out.data());
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (used != nullptr && result.ok()) *used = *result;
  return std::vector<int64_t>(out.begin(), out.end());
}

Status DecodeError(const std::string& data, int64_t count) {
  std::vector<uint64_t> out(static_cast<size_t>(count));
  return DecodeDeltaBinaryPacked(data, count, out.data()).status();
}

TEST(DeltaBinaryPacked, SpecExampleShapes) {
  EXPECT_EQ(Decode(EncodeDelta({1, 2, 3, 4, 5}), 5), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Decode(EncodeDelta({7, 5, 3, 1, 2, 3, 4, 5}), 8),
            (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(Decode(EncodeDelta({42}), 1), (std::vector<int64_t>{42}));
  EXPECT_TRUE(Decode(EncodeDelta({}), 0).empty());
}

TEST(DeltaBinaryPacked, RoundTripsAcrossBlocksAndWidthsUpTo64) {
  std::mt19937_64 rng(5);
  for (int shift : {0, 1, 7, 20, 31, 33, 62, 63}) {
    std::vector<int64_t> values(1000);
    for (int64_t& v : values) v = static_cast<int64_t>(rng() >> shift) * ((rng() & 1) ? 1 : -1);
    // Extremes make 64-bit deltas that only wrap-around arithmetic restores.
    values[10] = std::numeric_limits<int64_t>::max();
    values[11] = std::numeric_limits<int64_t>::min();
    values[12] = std::numeric_limits<int64_t>::max();
    for (auto [block, mini] : {std::pair<uint64_t, uint64_t>{128, 4}, {256, 8}, {128, 1}}) {
      std::string encoded = EncodeDelta(values, block, mini) + "trailing bytes";
      size_t used = 0;
      EXPECT_EQ(Decode(encoded, 1000, &used), values) << shift << " " << block << "/" << mini;
      EXPECT_EQ(used, encoded.size() - 14);
    }
  }
}

TEST(DeltaBinaryPacked, ReportsTheBytesOfAPartialLastBlock) {
  std::vector<int64_t> values = {5, 100, -3, 7};
  std::string encoded = EncodeDelta(values);
  size_t used = 0;
  Decode(encoded + "xyz", 4, &used);
  EXPECT_EQ(used, encoded.size());
}

TEST(DeltaBinaryPacked, CountMismatchIsAnError) {
  EXPECT_EQ(DecodeError(EncodeDelta({1, 2, 3}), 4).message(),
            "DELTA_BINARY_PACKED data holds 3 values where the page has 4");
}

TEST(DeltaBinaryPacked, InvalidHeadersAreErrors) {
  std::string bad;
  PutUleb(100, &bad);  // not a multiple of 128
  PutUleb(4, &bad);
  PutUleb(1, &bad);
  PutZigzag(0, &bad);
  EXPECT_EQ(DecodeError(bad, 1).message(),
            "DELTA_BINARY_PACKED header has an invalid block of 100 values in 4 miniblocks");
  bad.clear();
  PutUleb(128, &bad);
  PutUleb(8, &bad);  // 16 values per miniblock: not a multiple of 32
  PutUleb(1, &bad);
  PutZigzag(0, &bad);
  EXPECT_EQ(DecodeError(bad, 1).code(), StatusCode::kInvalidData);
  bad.clear();
  PutUleb(128, &bad);
  PutUleb(0, &bad);
  EXPECT_EQ(DecodeError(bad, 1).message(),
            "DELTA_BINARY_PACKED data ends inside its value count");
  EXPECT_EQ(DecodeError(std::string(11, '\xff'), 1).message(),
            "DELTA_BINARY_PACKED block size is over 64 bits");
}

TEST(DeltaBinaryPacked, TruncatedOrWideMiniblocksAreErrors) {
  std::vector<int64_t> values(50);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i * i * 1000);
  std::string encoded = EncodeDelta(values);
  EXPECT_EQ(DecodeError(encoded.substr(0, encoded.size() - 1), 50).message(),
            "DELTA_BINARY_PACKED data ends inside a miniblock");
  // Header (4 bytes here) + min delta, then only two of the four bit widths.
  std::string header = EncodeDelta({0, 1});
  EXPECT_EQ(DecodeError(header.substr(0, 7), 2).message(),
            "DELTA_BINARY_PACKED data ends inside a block's bit widths");
  std::string wide = header;
  wide[6] = 65;  // first miniblock's bit width
  EXPECT_EQ(DecodeError(wide, 2).message(), "DELTA_BINARY_PACKED miniblock bit width 65 is above 64");
}

std::string EncodeLengths(const std::vector<std::string>& values) {
  std::vector<int64_t> lengths;
  for (const std::string& v : values) lengths.push_back(static_cast<int64_t>(v.size()));
  return EncodeDelta(lengths);
}

TEST(DeltaLengthByteArray, SpecExample) {
  std::vector<std::string> values = {"Hello", "World", "Foobar", "ABCDEF"};
  std::string data = EncodeLengths(values) + "HelloWorldFoobarABCDEF";
  std::vector<std::string_view> out;
  ASSERT_TRUE(DecodeDeltaLengthByteArray(data, 4, &out).ok());
  EXPECT_EQ(std::vector<std::string>(out.begin(), out.end()), values);
}

TEST(DeltaLengthByteArray, LengthsPastTheDataOrNegativeAreErrors) {
  std::vector<std::string_view> out;
  std::string data = EncodeLengths({"Hello", "World"}) + "HelloWorl";
  EXPECT_EQ(DecodeDeltaLengthByteArray(data, 2, &out).message(),
            "DELTA_LENGTH_BYTE_ARRAY values need more than the 9 bytes left in the page");
  data = EncodeDelta({3, -1}) + "abc";
  EXPECT_EQ(DecodeDeltaLengthByteArray(data, 2, &out).message(),
            "DELTA_LENGTH_BYTE_ARRAY value 1 has length -1");
}

TEST(DeltaByteArray, SpecExample) {
  std::string data = EncodeDelta({0, 2, 0, 3}) + EncodeDelta({4, 2, 6, 5}) + "axislebabbleyhood";
  std::string arena;
  std::vector<uint64_t> ends;
  ASSERT_TRUE(DecodeDeltaByteArray(data, 4, 1 << 20, &arena, &ends).ok());
  EXPECT_EQ(arena, "axisaxlebabblebabyhood");
  EXPECT_EQ(ends, (std::vector<uint64_t>{4, 8, 14, 22}));
}

TEST(DeltaByteArray, PrefixLongerThanThePreviousValueIsAnError) {
  std::string data = EncodeDelta({0, 5}) + EncodeDelta({2, 1}) + "abc";
  std::string arena;
  std::vector<uint64_t> ends;
  EXPECT_EQ(DecodeDeltaByteArray(data, 2, 1 << 20, &arena, &ends).message(),
            "DELTA_BYTE_ARRAY value 1 shares 5 bytes with a previous value of 2");
}

TEST(DeltaByteArray, ExpansionPastTheBoundIsAnError) {
  // Each value repeats the previous 100 bytes: a few bytes of page, a lot of output.
  std::vector<int64_t> prefixes(200, 100);
  prefixes[0] = 0;
  std::vector<int64_t> suffixes(200, 0);
  suffixes[0] = 100;
  std::string data = EncodeDelta(prefixes) + EncodeDelta(suffixes) + std::string(100, 'x');
  std::string arena;
  std::vector<uint64_t> ends;
  EXPECT_EQ(DecodeDeltaByteArray(data, 200, 10000, &arena, &ends).message(),
            "DELTA_BYTE_ARRAY page expands to more than 10000 bytes");
  EXPECT_TRUE(DecodeDeltaByteArray(data, 200, 20000, &arena, &ends).ok());
}

}  // namespace
}  // namespace inlet::parquet
