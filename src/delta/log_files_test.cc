#include "delta/log_files.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

TEST(LogFilesTest, CommitNames) {
  EXPECT_EQ(CommitFileName(0), "00000000000000000000.json");
  EXPECT_EQ(CommitFileName(123), "00000000000000000123.json");
  EXPECT_EQ(CommitFilePath("/t/orders", 1), "/t/orders/_delta_log/00000000000000000001.json");
}

TEST(LogFilesTest, ClassifiesLogFiles) {
  using Kind = LogFileName::Kind;
  auto kind = [](std::string_view name) -> std::string {
    std::optional<LogFileName> parsed = ParseLogFileName(name);
    if (!parsed) return "-";
    const char* names[] = {"commit ", "checkpoint ", "checksum "};
    return names[static_cast<int>(parsed->kind)] + std::to_string(parsed->version);
  };
  EXPECT_EQ(kind("00000000000000000012.json"), "commit 12");
  EXPECT_EQ(kind("00000000000000000010.checkpoint.parquet"), "checkpoint 10");
  EXPECT_EQ(kind("00000000000000000001.checkpoint.0000000001.0000000002.parquet"), "checkpoint 1");
  EXPECT_EQ(kind("00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json"),
            "checkpoint 2");
  EXPECT_EQ(kind("00000000000000000000.crc"), "checksum 0");
  EXPECT_EQ(kind(".00000000000000000000.json.crc"), "-");
  EXPECT_EQ(kind("_last_checkpoint"), "-");
  EXPECT_EQ(kind("00000000000000000001.00000000000000000003.compacted.json"), "-");
  EXPECT_EQ(kind("0000000000000000001.json"), "-");
  EXPECT_EQ(kind(".00000000000000000001.json.tmp-1234"), "-");
}

TEST(LogFilesTest, ClassifiesCheckpointKinds) {
  using CheckpointKind = LogFileName::CheckpointKind;
  EXPECT_EQ(CheckpointFileName(10), "00000000000000000010.checkpoint.parquet");
  std::optional<LogFileName> classic = ParseLogFileName(CheckpointFileName(10));
  ASSERT_TRUE(classic);
  EXPECT_EQ(classic->checkpoint_kind, CheckpointKind::kClassic);
  std::optional<LogFileName> part =
      ParseLogFileName("00000000000000000001.checkpoint.0000000002.0000000003.parquet");
  ASSERT_TRUE(part);
  EXPECT_EQ(part->checkpoint_kind, CheckpointKind::kMultiPart);
  EXPECT_EQ(part->part, 2);
  EXPECT_EQ(part->num_parts, 3);
  std::optional<LogFileName> uuid = ParseLogFileName(
      "00000000000000000002.checkpoint.e8fa2696-9728-4e9c-b285-634743fdd4fb.parquet");
  ASSERT_TRUE(uuid);
  EXPECT_EQ(uuid->checkpoint_kind, CheckpointKind::kUuid);
  // A part number past the count, or a bare extension, is no checkpoint.
  EXPECT_FALSE(ParseLogFileName("00000000000000000001.checkpoint.0000000004.0000000003.parquet"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000001.checkpoint..json"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000001.checkpoint.x.txt"));
}

TEST(LogFilesTest, EncodesDataPathsAsUris) {
  EXPECT_EQ(EncodeDataPath("part-00000-6f0c1c4e-8d3c-4c56-a1a5-5f1e4fb0d8e9-c000.snappy.parquet"),
            "part-00000-6f0c1c4e-8d3c-4c56-a1a5-5f1e4fb0d8e9-c000.snappy.parquet");
  EXPECT_EQ(EncodeDataPath("day=2024-01-01 10:00/x y%.parquet"),
            "day%3D2024-01-01%2010%3A00/x%20y%25.parquet");
  EXPECT_EQ(EncodeDataPath("é"), "%C3%A9");
}

TEST(LogFilesTest, DecodesDataPaths) {
  EXPECT_EQ(*DecodeDataPath("letter=%252F%252520%2525f/p.parquet"),
            "letter=%2F%2520%25f/p.parquet");
  EXPECT_EQ(*DecodeDataPath("data=😈/p"), "data=😈/p");
  for (std::string raw : {"a b/c%d:é=+&", "plain"}) {
    EXPECT_EQ(*DecodeDataPath(EncodeDataPath(raw)), raw);
  }
  Result<std::string> bad = DecodeDataPath("a%2");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(DecodeDataPath("a%zz").status().code(), StatusCode::kInvalidData);
}

TEST(LogFilesTest, PathKeysCanonicalizeFileUris) {
  EXPECT_EQ(*DataPathKey("/some/with%20space/p@%23h"), "/some/with space/p@#h");
  EXPECT_EQ(*DataPathKey("file:/some/with%20space/p@%23h"), "/some/with space/p@#h");
  EXPECT_EQ(*DataPathKey("file:///some/with%20space/p@%23h"), "/some/with space/p@#h");
  EXPECT_EQ(*DataPathKey("s3://bucket/x%20y"), "s3://bucket/x y");
}

}  // namespace
}  // namespace inlet
