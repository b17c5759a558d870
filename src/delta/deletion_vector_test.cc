#include "delta/deletion_vector.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>

#include "fs/local/local_file_system.h"

namespace inlet {
namespace {

void PutLe(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void PutBe32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

// A RoaringBitmapArray of one bucket (key `high`) holding one container of each kind: an array
// container at 0x0000 {1, 5}, a run container at 0x0001 [0x10000, 0x10003), and a bitmap
// container at 0x0002 with 5000 values (every even low value below 10000).
std::string ThreeContainerBitmap(uint32_t high) {
  std::string out;
  PutLe(&out, 1681511377, 4);
  PutLe(&out, 1, 8);                   // buckets
  PutLe(&out, high, 4);                // key
  PutLe(&out, 12347 | (2u << 16), 4);  // cookie with runs, 3 containers
  out.push_back(0b010);                // container 1 is a run container
  PutLe(&out, 0, 2);
  PutLe(&out, 1, 2);  // key 0, cardinality 2
  PutLe(&out, 1, 2);
  PutLe(&out, 2, 2);  // key 1, cardinality 3
  PutLe(&out, 2, 2);
  PutLe(&out, 4999, 2);  // key 2, cardinality 5000
  // Fewer than 4 containers with runs: no offset header.
  PutLe(&out, 1, 2);
  PutLe(&out, 5, 2);
  PutLe(&out, 1, 2);
  PutLe(&out, 0, 2);
  PutLe(&out, 2, 2);  // one run: start 0, length 3
  std::string bitmap(8192, '\0');
  for (int v = 0; v < 10000; v += 2) bitmap[v / 8] |= static_cast<char>(1 << (v % 8));
  return out + bitmap;
}

// The bitmap of a DV file Spark wrote (golden table log-replay-dv-key-cases), inline. (The
// protocol's own inline example holds the older "native" format, which Delta no longer writes.)
TEST(DeletionVectorTest, DecodesAnInlineVector) {
  DeletionVectorDescriptor dv;
  dv.storage_type = 'i';
  dv.path_or_inline_dv = "^Bg9^0rr910000000000iXQKl0rr91000625c8Xg000l74GDFe";
  dv.size_in_bytes = 38;
  dv.cardinality = 3;
  Result<RowIndexSet> set = LoadDeletionVector(nullptr, "/unused", dv);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  std::vector<uint64_t> rows;
  for (uint64_t r = 0; r < 40; ++r) {
    if (set->Contains(r)) rows.push_back(r);
  }
  EXPECT_EQ(rows, (std::vector<uint64_t>{0, 7, 14}));
  EXPECT_EQ(dv.UniqueId(), "i^Bg9^0rr910000000000iXQKl0rr91000625c8Xg000l74GDFe");
  dv.size_in_bytes = 41;
  EXPECT_EQ(LoadDeletionVector(nullptr, "/unused", dv).status().message(),
            "inline deletion vector: sizeInBytes 41 is past the 40 bytes it encodes");
}

TEST(DeletionVectorTest, ReadsArrayRunAndBitmapContainersInEveryBucket) {
  Result<RowIndexSet> set = ParseRoaringBitmapArray(ThreeContainerBitmap(3));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->size(), 2u + 3u + 5000u);
  uint64_t high = uint64_t{3} << 32;
  EXPECT_TRUE(set->Contains(high + 1));
  EXPECT_FALSE(set->Contains(high + 2));
  EXPECT_TRUE(set->Contains(high + 0x10002));
  EXPECT_FALSE(set->Contains(high + 0x10003));
  EXPECT_TRUE(set->Contains(high + 0x20000 + 9998));
  EXPECT_FALSE(set->Contains(high + 0x20000 + 9999));
  EXPECT_FALSE(set->Contains(5));  // another bucket
  // Asked out of order, the answers are the same.
  EXPECT_TRUE(set->Contains(high + 5));
}

TEST(DeletionVectorTest, RejectsCorruptBitmapsWithReasons) {
  std::string good = ThreeContainerBitmap(0);
  auto message = [](std::string_view bytes) {
    Result<RowIndexSet> set = ParseRoaringBitmapArray(bytes);
    return set.ok() ? std::string("ok") : set.status().message();
  };
  EXPECT_EQ(message(good), "ok");
  std::string bad_magic = good;
  bad_magic[0] ^= 1;
  EXPECT_EQ(message(bad_magic), "deletion vector has magic number 1681511376, not 1681511377");
  EXPECT_EQ(message(good.substr(0, 40)),
            "deletion vector bitmap ends inside its runs (at byte 39 of 40)");
  EXPECT_EQ(message(good + "x"), "deletion vector has 1 bytes after its bitmap");
  std::string top_bit = good;
  top_bit[15] = static_cast<char>(0x80);
  EXPECT_EQ(message(top_bit), "deletion vector bucket key 2147483648 has its top bit set");
  std::string bad_cookie = good;
  bad_cookie[16] = 0;
  EXPECT_EQ(message(bad_cookie).substr(0, 53),
            "deletion vector bitmap has an unknown Roaring cookie ");
  // A huge container count fails on the bytes left, without allocating for it.
  std::string huge;
  PutLe(&huge, 1681511377, 4);
  PutLe(&huge, 1, 8);
  PutLe(&huge, 0, 4);
  PutLe(&huge, 12346, 4);
  PutLe(&huge, 0xFFFFFFFF, 4);
  EXPECT_EQ(message(huge),
            "deletion vector bitmap ends inside its container headers (at byte 24 "
            "of 24)");
}

TEST(DeletionVectorTest, Z85) {
  Result<std::string> hello = DecodeZ85("HelloWorld");
  ASSERT_TRUE(hello.ok());
  EXPECT_EQ(*hello, std::string("\x86\x4F\xD2\x6F\xB5\x59\xF7\x5B", 8));
  EXPECT_EQ(DecodeZ85("abcd").status().message(),
            "Z85 text of 4 characters is not a multiple of 5 long");
  EXPECT_EQ(DecodeZ85("abc d").status().message(), "' ' at offset 3 is not a Z85 character");
  EXPECT_EQ(DecodeZ85("#####").status().message(), "Z85 group at offset 0 overflows 32 bits");
}

TEST(DeletionVectorTest, ParsesDescriptorsAndKeysLogicalFiles) {
  Result<DeletionVectorDescriptor> dv = ParseDeletionVectorDescriptor(
      R"({"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":4,)"
      R"("sizeInBytes":40,"cardinality":6})");
  ASSERT_TRUE(dv.ok()) << dv.status().ToString();
  EXPECT_EQ(dv->UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@4");
  EXPECT_EQ(*LogicalFileKey("a.parquet", std::nullopt), "a.parquet");
  EXPECT_EQ(*LogicalFileKey("a.parquet", R"({"storageType":"i","pathOrInlineDv":"x",)"
                                         R"("sizeInBytes":1,"cardinality":1})"),
            "a.parquet#ix");
  EXPECT_EQ(ParseDeletionVectorDescriptor(R"({"storageType":"q","pathOrInlineDv":"x",)"
                                          R"("sizeInBytes":1,"cardinality":1})")
                .status()
                .message(),
            "deletionVector: unknown storageType 'q' (expected u, p or i)");
}

class DeletionVectorFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("inlet_dv_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "ab");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes a DV file under ab/ holding `data` at offset 1 with `checksum`, and returns the
  // descriptor of a 'u' DV naming it (the UUID Z85 of the protocol's example).
  DeletionVectorDescriptor WriteFile(const std::string& data, uint32_t checksum) {
    std::string file(1, '\x01');
    PutBe32(&file, static_cast<uint32_t>(data.size()));
    file += data;
    PutBe32(&file, checksum);
    FILE* f = std::fopen(
        (dir_ / "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin").c_str(), "wb");
    std::fwrite(file.data(), 1, file.size(), f);
    std::fclose(f);
    DeletionVectorDescriptor dv;
    dv.storage_type = 'u';
    dv.path_or_inline_dv = "ab^-aqEH.-t@S}K{vb[*k^";
    dv.offset = 1;
    dv.size_in_bytes = static_cast<int64_t>(data.size());
    dv.cardinality = 5005;
    return dv;
  }

  static uint32_t Crc(const std::string& data) {
    return static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  }

  std::filesystem::path dir_;
  LocalFileSystem fs_;
};

TEST_F(DeletionVectorFileTest, ReadsAUuidNamedFileWithPrefixAndChecksAnError) {
  std::string data = ThreeContainerBitmap(0);
  DeletionVectorDescriptor dv = WriteFile(data, Crc(data));
  Result<RowIndexSet> set = LoadDeletionVector(&fs_, dir_.string(), dv);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_TRUE(set->Contains(0x10001));

  dv.cardinality = 7;
  EXPECT_EQ(LoadDeletionVector(&fs_, dir_.string(), dv).status().message(),
            (dir_ / "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin").string() +
                ": the deletion vector holds 5005 rows, but its cardinality is 7");
  dv.cardinality = 5005;
  dv.size_in_bytes += 100;
  EXPECT_NE(
      LoadDeletionVector(&fs_, dir_.string(), dv).status().message().find("is not inside the"),
      std::string::npos);
}

TEST_F(DeletionVectorFileTest, RefusesAFileWhoseChecksumDiffers) {
  std::string data = ThreeContainerBitmap(0);
  DeletionVectorDescriptor dv = WriteFile(data, Crc(data) ^ 1);
  Result<RowIndexSet> set = LoadDeletionVector(&fs_, dir_.string(), dv);
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("fails its CRC-32 check"), std::string::npos)
      << set.status().ToString();
}

}  // namespace
}  // namespace inlet
