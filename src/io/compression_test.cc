#include "io/compression.h"

#include <brotli/encode.h>
#include <bzlib.h>
#include <gtest/gtest.h>
#include <lz4frame.h>
#include <lzma.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/trickle_input_stream.h"

namespace inlet {
namespace {

/// zlib's deflate with `window_bits` choosing the wrapper: 16 + 15 gzip, 15 zlib, -15 raw.
std::string Deflate(std::string_view data, int window_bits) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8,
                         Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string GzipCompress(std::string_view data) { return Deflate(data, 16 + MAX_WBITS); }

std::string Bzip2Compress(std::string_view data) {
  unsigned int size = static_cast<unsigned int>(data.size() + data.size() / 100 + 600);
  std::string out(size, '\0');
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(data.data()),
                                     static_cast<unsigned int>(data.size()), 9, 0, 0),
            BZ_OK);
  out.resize(size);
  return out;
}

std::string XzCompress(std::string_view data) {
  std::string out(lzma_stream_buffer_bound(data.size()), '\0');
  size_t pos = 0;
  EXPECT_EQ(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
                                    reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                                    reinterpret_cast<uint8_t*>(out.data()), &pos, out.size()),
            LZMA_OK);
  out.resize(pos);
  return out;
}

std::string Lz4Compress(std::string_view data) {
  LZ4F_preferences_t preferences{};
  preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
  std::string out(LZ4F_compressFrameBound(data.size(), &preferences), '\0');
  size_t n = LZ4F_compressFrame(out.data(), out.size(), data.data(), data.size(), &preferences);
  EXPECT_FALSE(LZ4F_isError(n));
  out.resize(n);
  return out;
}

std::string BrotliCompress(std::string_view data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size()) + 16;
  std::string out(size, '\0');
  EXPECT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW,
                                    BROTLI_MODE_GENERIC, data.size(),
                                    reinterpret_cast<const uint8_t*>(data.data()), &size,
                                    reinterpret_cast<uint8_t*>(out.data())));
  out.resize(size);
  return out;
}

/// CRC-32C, bit by bit: the test's own check of what the stream verifies.
uint32_t Crc32c(std::string_view data) {
  uint32_t crc = 0xffffffff;
  for (char c : data) {
    crc ^= static_cast<uint8_t>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0x82f63b78 & (0 - (crc & 1)));
  }
  return ~crc;
}

std::string Le24(size_t n) {
  return std::string{static_cast<char>(n & 0xff), static_cast<char>((n >> 8) & 0xff),
                     static_cast<char>((n >> 16) & 0xff)};
}

/// Snappy's framing format, as python-snappy and `snzip` write it: the stream identifier, then
/// one chunk per 64 KiB, compressed unless `uncompressed`.
std::string SnappyFramed(std::string_view data, bool uncompressed = false) {
  std::string out("\xff\x06\x00\x00sNaPpY", 10);
  for (size_t pos = 0; pos < data.size(); pos += 65536) {
    std::string_view block = data.substr(pos, 65536);
    uint32_t crc = Crc32c(block);
    crc = ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    std::string body{static_cast<char>(crc & 0xff), static_cast<char>((crc >> 8) & 0xff),
                     static_cast<char>((crc >> 16) & 0xff), static_cast<char>(crc >> 24)};
    if (uncompressed) {
      body += block;
    } else {
      std::string compressed;
      snappy::Compress(block.data(), block.size(), &compressed);
      body += compressed;
    }
    out += std::string(1, uncompressed ? '\x01' : '\x00') + Le24(body.size()) + body;
  }
  return out;
}

/// One zstd frame with a content checksum, so that corruption anywhere is detectable.
std::string ZstdCompress(std::string_view data) {
  ZSTD_CCtx* context = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress2(context, out.data(), out.size(), data.data(), data.size());
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  ZSTD_freeCCtx(context);
  return out;
}

/// The value of `result`; the test fails (and stops at the bad access) when it holds an error.
template <typename T>
T Unwrap(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return std::move(result).ValueOrDie();
}

/// Compressible text that is not trivially repetitive.
std::string SampleText(size_t rows) {
  std::string out;
  for (size_t i = 0; i < rows; ++i) {
    out += std::to_string(i) + "," + std::to_string(i * 7919 % 1000003) + ",name" +
           std::to_string(i % 97) + "\n";
  }
  return out;
}

/// Reads everything in `chunk`-byte calls, so that output buffers fill up mid-block.
Result<std::string> ReadInChunks(InputStream& in, int64_t chunk) {
  std::string out;
  std::string buffer(static_cast<size_t>(chunk), '\0');
  while (true) {
    INLET_ASSIGN_OR_RETURN(int64_t n, in.Read(chunk, buffer.data()));
    if (n == 0) return out;
    out.append(buffer.data(), static_cast<size_t>(n));
  }
}

Result<std::string> Decompress(std::string compressed, std::string_view path = "",
                               int64_t source_chunk = 1 << 20, int64_t read_chunk = 1 << 16) {
  INLET_ASSIGN_OR_RETURN(
      std::unique_ptr<InputStream> in,
      OpenMaybeCompressed(std::make_unique<TrickleInputStream>(std::move(compressed), source_chunk),
                          path));
  return ReadInChunks(*in, read_chunk);
}

TEST(CompressionTest, Names) {
  EXPECT_STREQ(CompressionName(Compression::kGzip), "gzip");
  EXPECT_EQ(*CompressionFromName("GZ"), Compression::kGzip);
  EXPECT_EQ(*CompressionFromName("gzip"), Compression::kGzip);
  EXPECT_EQ(*CompressionFromName("Zst"), Compression::kZstd);
  EXPECT_EQ(*CompressionFromName("ZSTD"), Compression::kZstd);
  EXPECT_EQ(*CompressionFromName("none"), Compression::kNone);
  EXPECT_EQ(*CompressionFromName("BZ2"), Compression::kBzip2);
  EXPECT_EQ(*CompressionFromName("deflate"), Compression::kZlib);
  EXPECT_EQ(*CompressionFromName("RAW_DEFLATE"), Compression::kRawDeflate);
  EXPECT_EQ(*CompressionFromName(" Brotli "), Compression::kBrotli);
  EXPECT_EQ(*CompressionFromName("lz4"), Compression::kLz4);
  EXPECT_EQ(*CompressionFromName("snappy"), Compression::kSnappy);
  EXPECT_EQ(*CompressionFromName("xz"), Compression::kXz);
  Result<Compression> bad = CompressionFromName("lzma");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'lzma'"), std::string::npos);
}

TEST(CompressionTest, DetectsMagicBytesBeforeExtensions) {
  EXPECT_EQ(DetectCompression(std::string_view("\x1f\x8b\x08", 3), "a.csv"), Compression::kGzip);
  EXPECT_EQ(DetectCompression("\x28\xb5\x2f\xfd", "a.csv"), Compression::kZstd);
  EXPECT_EQ(DetectCompression("\x28\xb5\x2f\xfd", "a.csv.gz"), Compression::kZstd);
  EXPECT_EQ(DetectCompression("a,b\n", "a.csv"), Compression::kNone);
  EXPECT_EQ(DetectCompression("", "a.csv"), Compression::kNone);
  EXPECT_EQ(DetectCompression("a,b\n", "/x/a.csv.GZ"), Compression::kGzip);
  EXPECT_EQ(DetectCompression("a,b\n", "a.gzip"), Compression::kGzip);
  EXPECT_EQ(DetectCompression("a,b\n", "a.zst"), Compression::kZstd);
  EXPECT_EQ(DetectCompression("a,b\n", "a.zstd"), Compression::kZstd);
  EXPECT_EQ(DetectCompression("\x1f", "a.csv"), Compression::kNone);
}

TEST(CompressionTest, GzipRoundTripInSmallPieces) {
  std::string text = SampleText(50000);
  std::string compressed = GzipCompress(text);
  for (int64_t source_chunk : {1, 7, 4096, 1 << 20}) {
    for (int64_t read_chunk : {1, 13, 1 << 16}) {
      if (source_chunk == 1 && read_chunk == 1) continue;  // slow and adds nothing
      Result<std::string> out = Decompress(compressed, "", source_chunk, read_chunk);
      ASSERT_TRUE(out.ok()) << out.status().ToString();
      EXPECT_EQ(*out, text) << source_chunk << " " << read_chunk;
    }
  }
}

TEST(CompressionTest, ReportsCompressedBytesConsumed) {
  std::string text = SampleText(20000);
  for (const std::string& compressed : {GzipCompress(text), ZstdCompress(text)}) {
    auto in = Unwrap(OpenMaybeCompressed(std::make_unique<MemoryInputStream>(compressed), "x"));
    EXPECT_EQ(*in->ReadAll(), text);
    EXPECT_EQ(in->source_bytes_read(), static_cast<int64_t>(compressed.size()));
  }
}

TEST(CompressionTest, PlainDataPassesThroughWithPeekedBytesIntact) {
  for (std::string text :
       {std::string(""), std::string("a"), std::string("ab,cd\n"), SampleText(100)}) {
    auto in = Unwrap(OpenMaybeCompressed(std::make_unique<TrickleInputStream>(text, 3), "x.csv"));
    EXPECT_EQ(in->source_bytes_read(), 0);
    EXPECT_EQ(*ReadInChunks(*in, 5), text);
    EXPECT_EQ(in->source_bytes_read(), static_cast<int64_t>(text.size()));
  }
}

TEST(CompressionTest, ForcedCompressionSkipsDetection) {
  std::string compressed = GzipCompress("hello");
  Compression none = Compression::kNone;
  auto raw =
      Unwrap(OpenMaybeCompressed(std::make_unique<MemoryInputStream>(compressed), "x.gz", &none));
  EXPECT_EQ(*raw->ReadAll(), compressed);
  Compression gzip = Compression::kGzip;
  auto in =
      Unwrap(OpenMaybeCompressed(std::make_unique<MemoryInputStream>(compressed), "x", &gzip));
  EXPECT_EQ(*in->ReadAll(), "hello");
}

TEST(CompressionTest, GzipMultiMember) {
  std::string a = SampleText(1000);
  std::string b = "second member\n";
  std::string c = SampleText(10);
  std::string joined = GzipCompress(a) + GzipCompress(b) + GzipCompress("") + GzipCompress(c);
  Result<std::string> out = Decompress(joined, "", 5, 17);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, a + b + c);
}

TEST(CompressionTest, ZstdRoundTripAndMultiFrame) {
  std::string a = SampleText(30000);
  std::string b = SampleText(7);
  Result<std::string> one = Decompress(ZstdCompress(a), "", 1000, 1);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(*one, a);
  Result<std::string> two = Decompress(ZstdCompress(a) + ZstdCompress(b), "", 3, 4096);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(*two, a + b);
}

void ExpectInvalidData(const std::string& compressed, Compression codec, std::string_view what) {
  auto in = Unwrap(MakeDecompressingStream(std::make_unique<MemoryInputStream>(compressed), codec));
  Result<std::string> out = in->ReadAll();
  ASSERT_FALSE(out.ok()) << what;
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidData) << what;
  std::string prefix = std::string(CompressionName(codec)) + ": ";
  EXPECT_TRUE(out.status().message().starts_with(prefix)) << out.status().message();
}

TEST(CompressionTest, TruncatedInputIsInvalidData) {
  std::string text = SampleText(2000);
  for (Compression codec : {Compression::kGzip, Compression::kZstd}) {
    std::string compressed = codec == Compression::kGzip ? GzipCompress(text) : ZstdCompress(text);
    // Every proper prefix: the end of a gzip member and of a checksummed zstd frame is explicit.
    for (size_t cut = 0; cut < compressed.size(); cut += 1 + cut / 64) {
      ExpectInvalidData(compressed.substr(0, cut), codec, "cut at " + std::to_string(cut));
    }
  }
}

TEST(CompressionTest, CorruptInputIsInvalidData) {
  std::string text = SampleText(2000);
  std::string gzip = GzipCompress(text);
  gzip[gzip.size() / 2] ^= 0x55;
  ExpectInvalidData(gzip, Compression::kGzip, "flipped byte");
  ExpectInvalidData(GzipCompress(text) + "trailing garbage", Compression::kGzip, "garbage");
  ExpectInvalidData("not gzip at all", Compression::kGzip, "no header");

  std::string zstd = ZstdCompress(text);
  zstd[zstd.size() / 2] ^= 0x55;
  ExpectInvalidData(zstd, Compression::kZstd, "flipped byte");
  ExpectInvalidData(ZstdCompress(text) + "trailing garbage", Compression::kZstd, "garbage");
}

struct Codec {
  Compression compression;
  std::string (*compress)(std::string_view);
  const char* extension;
  bool has_magic;
};

std::string ZlibOf(std::string_view d) { return Deflate(d, MAX_WBITS); }
std::string RawDeflateOf(std::string_view d) { return Deflate(d, -MAX_WBITS); }
std::string SnappyOf(std::string_view d) { return SnappyFramed(d); }

const Codec kCodecs[] = {
    {Compression::kGzip, GzipCompress, ".gz", true},
    {Compression::kZlib, ZlibOf, ".zz", true},
    {Compression::kRawDeflate, RawDeflateOf, nullptr, false},
    {Compression::kBzip2, Bzip2Compress, ".bz2", true},
    {Compression::kXz, XzCompress, ".xz", true},
    {Compression::kZstd, ZstdCompress, ".zst", true},
    {Compression::kLz4, Lz4Compress, ".lz4", true},
    {Compression::kSnappy, SnappyOf, ".sz", true},
    {Compression::kBrotli, BrotliCompress, ".br", false},
};

Result<std::string> DecompressForced(std::string compressed, Compression codec,
                                     int64_t source_chunk, int64_t read_chunk) {
  INLET_ASSIGN_OR_RETURN(
      std::unique_ptr<InputStream> in,
      MakeDecompressingStream(
          std::make_unique<TrickleInputStream>(std::move(compressed), source_chunk), codec));
  return ReadInChunks(*in, read_chunk);
}

TEST(CompressionTest, EveryCodecRoundTripsDetectedAndForced) {
  std::string text = SampleText(40000);  // over 1 MB: many blocks and chunks of every codec
  for (const Codec& codec : kCodecs) {
    SCOPED_TRACE(CompressionName(codec.compression));
    std::string compressed = codec.compress(text);
    ASSERT_LT(compressed.size(), text.size());
    for (auto [source_chunk, read_chunk] :
         {std::pair<int64_t, int64_t>{1 << 20, 1 << 16}, {7, 13}, {4096, 3}, {65536, 100000}}) {
      Result<std::string> out = DecompressForced(compressed, codec.compression, source_chunk,
                                                 read_chunk);
      ASSERT_TRUE(out.ok()) << out.status().ToString();
      EXPECT_EQ(*out, text) << source_chunk << " " << read_chunk;
    }
    if (codec.has_magic) {
      EXPECT_EQ(DetectCompression(compressed.substr(0, 10), "data.csv"), codec.compression);
      Result<std::string> detected = Decompress(compressed, "data.csv");
      ASSERT_TRUE(detected.ok()) << detected.status().ToString();
      EXPECT_EQ(*detected, text);
    }
    if (codec.extension != nullptr) {
      Result<std::string> by_name = Decompress(compressed, std::string("d.csv") + codec.extension);
      ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
      EXPECT_EQ(*by_name, text);
    }
  }
}

TEST(CompressionTest, CodecsWithoutMagicAreNotGuessedFromContent) {
  std::string text = SampleText(100);
  EXPECT_EQ(DetectCompression(BrotliCompress(text).substr(0, 10), "a.csv"), Compression::kNone);
  EXPECT_EQ(DetectCompression(BrotliCompress(text).substr(0, 10), "a.csv.BR"),
            Compression::kBrotli);
  EXPECT_EQ(DetectCompression(RawDeflateOf(text).substr(0, 10), "a.csv"), Compression::kNone);
  // Plain text that merely starts like a magic number stays plain.
  EXPECT_EQ(DetectCompression("BZh,x\n", "a.csv"), Compression::kNone);
  EXPECT_EQ(DetectCompression("BZh9", "a.csv"), Compression::kBzip2);
  EXPECT_EQ(DetectCompression("x^abc", "a.csv"), Compression::kNone);
  EXPECT_EQ(DetectCompression("a", "a.csv.xz"), Compression::kXz);
  EXPECT_EQ(DetectCompression("a", "a.csv.bz2"), Compression::kBzip2);
  EXPECT_EQ(DetectCompression("a", "a.csv.lz4"), Compression::kLz4);
  EXPECT_EQ(DetectCompression("a", "a.csv.snappy"), Compression::kSnappy);
  EXPECT_EQ(DetectCompression("a", "a.csv.deflate"), Compression::kZlib);
  EXPECT_EQ(StripCompressionExtension("/d/a.TSV.bz2"), "/d/a.TSV");
  EXPECT_EQ(StripCompressionExtension("a.tsv"), "a.tsv");
  EXPECT_EQ(StripCompressionExtension(".gz"), ".gz");
}

TEST(CompressionTest, ConcatenatedStreamsDecodeWhole) {
  std::string a = SampleText(3000);
  std::string b = "second part\n";
  for (const Codec& codec : kCodecs) {
    Compression c = codec.compression;
    // zlib, raw deflate and brotli streams end explicitly and have no concatenated form.
    if (c == Compression::kZlib || c == Compression::kRawDeflate || c == Compression::kBrotli) {
      continue;
    }
    Result<std::string> out =
        DecompressForced(codec.compress(a) + codec.compress(b), c, 5, 4096);
    ASSERT_TRUE(out.ok()) << CompressionName(c) << ": " << out.status().ToString();
    EXPECT_EQ(*out, a + b) << CompressionName(c);
  }
}

TEST(CompressionTest, EveryCodecReportsTruncation) {
  std::string text = SampleText(2000);
  for (const Codec& codec : kCodecs) {
    std::string compressed = codec.compress(text);
    // Every codec marks its end explicitly, so every proper prefix is an error, except that
    // snappy's framing format may end after any chunk: here after the 10-byte identifier.
    for (size_t cut = 0; cut < compressed.size(); cut += 1 + cut / 16) {
      if (codec.compression == Compression::kSnappy && cut == 10) continue;
      ExpectInvalidData(compressed.substr(0, cut), codec.compression,
                        "cut at " + std::to_string(cut));
    }
  }
}

TEST(CompressionTest, EveryChecksummedCodecReportsCorruption) {
  std::string text = SampleText(2000);
  for (const Codec& codec : kCodecs) {
    std::string compressed = codec.compress(text);
    // Raw deflate and brotli carry no checksum: a flipped bit may decode to other text.
    if (codec.compression != Compression::kRawDeflate &&
        codec.compression != Compression::kBrotli) {
      for (size_t at : {compressed.size() / 3, compressed.size() / 2, compressed.size() - 2}) {
        std::string bad = compressed;
        bad[at] ^= 0x10;
        ExpectInvalidData(bad, codec.compression, "flipped byte at " + std::to_string(at));
      }
    }
    ExpectInvalidData(compressed + "trailing garbage", codec.compression, "garbage");
    ExpectInvalidData("not compressed at all, just a sentence of text", codec.compression,
                      "plain text");
  }
}

TEST(CompressionTest, CorruptErrorsSayWhatAndWhere) {
  std::string bad = SnappyFramed("abc");
  bad[bad.size() - 1] ^= 1;
  auto in = Unwrap(MakeDecompressingStream(std::make_unique<MemoryInputStream>(bad),
                                           Compression::kSnappy));
  Result<std::string> out = in->ReadAll();
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "snappy: corrupt data near compressed byte " + std::to_string(bad.size()) +
                ": checksum mismatch");
  auto truncated = Unwrap(MakeDecompressingStream(
      std::make_unique<MemoryInputStream>(Bzip2Compress("hello").substr(0, 20)),
      Compression::kBzip2));
  EXPECT_EQ(truncated->ReadAll().status().message(),
            "bz2: compressed data ends unexpectedly (truncated file?) after 20 bytes");
}

TEST(CompressionTest, SnappyFramingRules) {
  const std::string id("\xff\x06\x00\x00sNaPpY", 10);
  // Skippable chunks (0x80-0xfe) and an empty stream are fine; uncompressed chunks too.
  std::string skippable = std::string("\x80") + Le24(3) + "xyz";
  Result<std::string> out =
      DecompressForced(id + skippable + SnappyFramed("hi", true).substr(10), Compression::kSnappy,
                       3, 5);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "hi");
  EXPECT_EQ(*DecompressForced(id, Compression::kSnappy, 1, 1), "");
  ExpectInvalidData(SnappyFramed("hi").substr(10), Compression::kSnappy, "no identifier");
  ExpectInvalidData(id + std::string("\x02") + Le24(1) + "x", Compression::kSnappy, "reserved");
  ExpectInvalidData(id + std::string("\x01") + Le24(70000) + std::string(70000, 'a'),
                    Compression::kSnappy, "oversized chunk");
  ExpectInvalidData(std::string("\xff\x06\x00\x00sNaPpX", 10), Compression::kSnappy,
                    "bad identifier");
}

TEST(CompressionTest, DecompressionBombIsStreamed) {
  // 64 MiB of zeros in a few KiB: reading the start must not inflate the whole file first.
  std::string zeros(64 << 20, '\0');
  std::string bomb = ZstdCompress(zeros);
  zeros.clear();
  zeros.shrink_to_fit();
  auto in = Unwrap(OpenMaybeCompressed(std::make_unique<MemoryInputStream>(bomb), "b.zst"));
  std::string buffer(1 << 16, 'x');
  EXPECT_EQ(*in->Read(static_cast<int64_t>(buffer.size()), buffer.data()), 1 << 16);
  EXPECT_EQ(buffer, std::string(1 << 16, '\0'));
}

// Real files from DuckDB's test data: compressed ones must decompress to their plain twins.
class RealFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* source_dir = std::getenv("INLET_SOURCE_DIR");
    dir_ = std::filesystem::path(source_dir != nullptr ? source_dir : ".") /
           "../shared/testdata/duckdb/data/csv";
    if (!std::filesystem::exists(dir_)) GTEST_SKIP() << "no test data at " << dir_;
  }

  std::string Slurp(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
  }

  Result<std::string> DecompressFile(const std::filesystem::path& path) {
    return Decompress(Slurp(path), path.string(), 1 << 16, 1 << 16);
  }

  std::filesystem::path dir_;
};

TEST_F(RealFilesTest, CompressedFilesMatchTheirPlainTwins) {
  for (const char* name : {"encodings/utf16.csv", "encodings/latin1.csv"}) {
    Result<std::string> out = DecompressFile(dir_ / (std::string(name) + ".gz"));
    ASSERT_TRUE(out.ok()) << name << ": " << out.status().ToString();
    EXPECT_EQ(*out, Slurp(dir_ / name)) << name;
  }
  Result<std::string> gzip = DecompressFile(dir_ / "lineitem1k.tbl.gz");
  Result<std::string> zstd = DecompressFile(dir_ / "zstd/lineitem1k.tbl.zst");
  ASSERT_TRUE(gzip.ok()) << gzip.status().ToString();
  ASSERT_TRUE(zstd.ok()) << zstd.status().ToString();
  EXPECT_FALSE(gzip->empty());
  EXPECT_EQ(*gzip, *zstd);
}

TEST_F(RealFilesTest, EveryCompressedFileDecompresses) {
  int count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_)) {
    std::string ext = entry.path().extension().string();
    if (ext != ".gz" && ext != ".zst") continue;
    Result<std::string> out = DecompressFile(entry.path());
    EXPECT_TRUE(out.ok()) << entry.path() << ": " << out.status().ToString();
    ++count;
  }
  EXPECT_GT(count, 20);
}

TEST_F(RealFilesTest, ConcatenatedGzipHasBothMembers) {
  // concat.gz is two gzip members, as `cat a.gz b.gz` makes; both start with the same row.
  Result<std::string> out = DecompressFile(dir_ / "test/concat.gz");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  size_t first = out->find("chr1\t28736\t");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(out->find("chr1\t28736\t", first + 1), std::string::npos);
}

}  // namespace
}  // namespace inlet
