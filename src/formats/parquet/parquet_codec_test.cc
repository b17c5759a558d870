#include "formats/parquet/parquet_codec.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <lz4.h>

#include <random>

namespace inlet::parquet {
namespace {

// Compressible but not trivial: words with random numbers.
std::string SampleText(size_t size) {
  std::mt19937 rng(11);
  std::string out;
  while (out.size() < size) out += "value-" + std::to_string(rng() % 1000) + ";";
  out.resize(size);
  return out;
}

std::string BigEndian32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

std::string Lz4Block(std::string_view input) {
  std::string out(static_cast<size_t>(LZ4_compressBound(static_cast<int>(input.size()))), '\0');
  int n = LZ4_compress_default(input.data(), out.data(), static_cast<int>(input.size()),
                               static_cast<int>(out.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(ParquetCodec, WritableCodecsRoundTrip) {
  std::string input = SampleText(100000);
  for (Codec codec : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd,
                      Codec::kLz4Raw}) {
    auto compressed = CompressPage(codec, 3, input);
    ASSERT_TRUE(compressed.ok()) << CodecName(codec);
    if (codec != Codec::kUncompressed) {
      EXPECT_LT(compressed->size(), input.size() / 2);
    }
    auto back = DecompressPage(codec, *compressed, input.size());
    ASSERT_TRUE(back.ok()) << CodecName(codec) << ": " << back.status().ToString();
    EXPECT_EQ(*back, input) << CodecName(codec);
  }
}

TEST(ParquetCodec, ZstdLevelChangesTheOutput) {
  std::string input = SampleText(200000);
  auto fast = CompressPage(Codec::kZstd, 1, input);
  auto small = CompressPage(Codec::kZstd, 19, input);
  ASSERT_TRUE(fast.ok() && small.ok());
  EXPECT_LT(small->size(), fast->size());
  EXPECT_EQ(*DecompressPage(Codec::kZstd, *small, input.size()), input);
}

TEST(ParquetCodec, GzipLevelChangesTheOutput) {
  std::string input = SampleText(200000);
  auto fast = CompressPage(Codec::kGzip, 1, input);
  auto small = CompressPage(Codec::kGzip, 9, input);
  auto standard = CompressPage(Codec::kGzip, 0, input);  // zlib's default, 6
  ASSERT_TRUE(fast.ok() && small.ok() && standard.ok());
  EXPECT_LT(small->size(), fast->size());
  for (const std::string* compressed : {&*fast, &*small, &*standard}) {
    EXPECT_EQ(*DecompressPage(Codec::kGzip, *compressed, input.size()), input);
  }
  EXPECT_EQ(CompressPage(Codec::kGzip, 42, input).status().message(),
            "cannot initialize zlib at level 42");
}

TEST(ParquetCodec, EmptyPages) {
  for (Codec codec : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd,
                      Codec::kLz4Raw}) {
    auto compressed = CompressPage(codec, 3, "");
    ASSERT_TRUE(compressed.ok());
    auto back = DecompressPage(codec, *compressed, 0);
    ASSERT_TRUE(back.ok()) << CodecName(codec) << ": " << back.status().ToString();
    EXPECT_EQ(*back, "");
  }
  // Zero bytes of input stand for an empty page whatever the codec.
  EXPECT_TRUE(DecompressPage(Codec::kBrotli, "", 0).ok());
}

TEST(ParquetCodec, ConcatenatedGzipMembers) {
  std::string first = SampleText(5000);
  std::string second = "second member";
  std::string input = *CompressPage(Codec::kGzip, 0, first) + *CompressPage(Codec::kGzip, 0, second);
  auto back = DecompressPage(Codec::kGzip, input, first.size() + second.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, first + second);
}

TEST(ParquetCodec, HadoopFramedLz4WithSeveralBlocks) {
  std::string a = SampleText(3000);
  std::string b = SampleText(1000);
  std::string framed;
  for (const std::string& part : {a, b}) {
    std::string block = Lz4Block(part);
    framed += BigEndian32(static_cast<uint32_t>(part.size())) +
              BigEndian32(static_cast<uint32_t>(block.size())) + block;
  }
  auto back = DecompressPage(Codec::kLz4, framed, a.size() + b.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, a + b);
}

TEST(ParquetCodec, BareLz4BlockUnderTheLz4Codec) {
  std::string input = SampleText(4000);
  auto back = DecompressPage(Codec::kLz4, Lz4Block(input), input.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, input);
}

TEST(ParquetCodec, Brotli) {
  std::string input = SampleText(50000);
  std::string compressed(BrotliEncoderMaxCompressedSize(input.size()), '\0');
  size_t length = compressed.size();
  ASSERT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW,
                                    BROTLI_DEFAULT_MODE, input.size(),
                                    reinterpret_cast<const uint8_t*>(input.data()), &length,
                                    reinterpret_cast<uint8_t*>(compressed.data())));
  compressed.resize(length);
  auto back = DecompressPage(Codec::kBrotli, compressed, input.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, input);
  // A header that understates the size does not make the decoder write past it.
  auto shorter = DecompressPage(Codec::kBrotli, compressed, input.size() - 1);
  EXPECT_EQ(shorter.status().code(), StatusCode::kInvalidData);
  auto longer = DecompressPage(Codec::kBrotli, compressed, input.size() + 1);
  EXPECT_EQ(longer.status().message(),
            "BROTLI page decompresses to 50000 bytes, the page header says 50001");
  auto corrupt = DecompressPage(Codec::kBrotli, "not brotli at all", 10);
  EXPECT_EQ(corrupt.status().message(), "corrupt BROTLI page, or more than 10 bytes");
}

TEST(ParquetCodec, SizeMismatchesAreErrors) {
  std::string input = SampleText(1000);
  for (Codec codec : {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd,
                      Codec::kLz4Raw, Codec::kLz4}) {
    std::string compressed = codec == Codec::kLz4 ? Lz4Block(input) : *CompressPage(codec, 3, input);
    for (size_t size : {input.size() - 1, input.size() + 1}) {
      auto back = DecompressPage(codec, compressed, size);
      EXPECT_EQ(back.status().code(), StatusCode::kInvalidData) << CodecName(codec) << " " << size;
    }
  }
  EXPECT_EQ(DecompressPage(Codec::kSnappy, *CompressPage(Codec::kSnappy, 0, input), 999)
                .status()
                .message(),
            "SNAPPY page decompresses to 1000 bytes, the page header says 999");
  EXPECT_EQ(DecompressPage(Codec::kGzip, *CompressPage(Codec::kGzip, 0, input), 999)
                .status()
                .message(),
            "GZIP page decompresses to more bytes than its header says");
}

TEST(ParquetCodec, CorruptInputIsInvalidData) {
  std::string garbage = "\xff\x13garbage that is no compressed stream\x01\x02";
  // A valid snappy length (40) followed by a copy from before the start.
  EXPECT_EQ(DecompressPage(Codec::kSnappy, "\x28\x0a\xff\xff", 40).status().message(),
            "corrupt SNAPPY page");
  EXPECT_EQ(DecompressPage(Codec::kGzip, garbage, 40).status().message(), "corrupt GZIP page");
  EXPECT_EQ(DecompressPage(Codec::kZstd, garbage, 40).status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(DecompressPage(Codec::kLz4Raw, garbage, 40).status().message(),
            "corrupt LZ4_RAW page, or not of 40 bytes");
  EXPECT_EQ(DecompressPage(Codec::kLz4, garbage, 40).status().message(),
            "corrupt LZ4 page (neither Hadoop-framed nor a bare LZ4 block of 40 bytes)");
  // Hadoop framing whose block claims more than the page holds.
  std::string framed = BigEndian32(100) + BigEndian32(4) + "abcd";
  EXPECT_EQ(DecompressPage(Codec::kLz4, framed, 40).status().code(), StatusCode::kInvalidData);
}

TEST(ParquetCodec, LzoAndUnknownCodecsAreNotImplemented) {
  auto lzo = DecompressPage(Codec::kLzo, "x", 1);
  EXPECT_EQ(lzo.status().code(), StatusCode::kNotImplemented);
  EXPECT_EQ(lzo.status().message(), "LZO-compressed Parquet is not supported");
  auto unknown = DecompressPage(static_cast<Codec>(42), "x", 1);
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotImplemented);
  EXPECT_EQ(unknown.status().message(), "Parquet codec 42 is not supported");
  auto write = CompressPage(Codec::kBrotli, 0, "x");
  EXPECT_EQ(write.status().message(), "writing Parquet with codec BROTLI");
}

}  // namespace
}  // namespace inlet::parquet
