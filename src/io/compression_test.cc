#include "io/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace inlet {
namespace {

std::string GzipCompress(std::string_view data, int level = Z_DEFAULT_COMPRESSION) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
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

/// Hands out at most `chunk` bytes per Read, as a network stream may.
class TrickleInputStream : public InputStream {
 public:
  TrickleInputStream(std::string data, int64_t chunk) : inner_(std::move(data)), chunk_(chunk) {}
  Result<int64_t> Read(int64_t nbytes, void* out) override {
    return inner_.Read(std::min(nbytes, chunk_), out);
  }
  int64_t source_bytes_read() const override { return inner_.source_bytes_read(); }

 private:
  MemoryInputStream inner_;
  int64_t chunk_;
};

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
