// The Delta log at the level of checkpoints, against tables Spark wrote: Delta's golden tables
// and the DAT cases in ../shared/testdata. Each check is a fact read off the raw log files.

#include <gtest/gtest.h>

#include <filesystem>

#include "delta/checkpoint_reader.h"
#include "delta/snapshot.h"
#include "fs/local/local_file_system.h"

namespace inlet {
namespace {

std::filesystem::path Golden() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return std::filesystem::path(source_dir != nullptr ? source_dir : ".") /
         "../shared/testdata/delta-golden/connectors/golden-tables/src/main/resources/golden";
}

std::filesystem::path Dat() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return std::filesystem::path(source_dir != nullptr ? source_dir : ".") /
         "../shared/testdata/delta-dat/tests/data/reader_tests";
}

Result<Snapshot> Load(const std::filesystem::path& table, std::optional<int64_t> version = {}) {
  LocalFileSystem fs;
  return LoadSnapshot(&fs, std::filesystem::absolute(table).lexically_normal().string(), version);
}

std::vector<std::string> ColumnNames(const Snapshot& s) {
  std::vector<std::string> names;
  for (const Field& field : s.schema().fields()) names.push_back(field.name);
  return names;
}

class DeltaLogGoldenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(Golden())) GTEST_SKIP() << "no test data at " << Golden();
  }
};

TEST_F(DeltaLogGoldenTest, ClassicCheckpointThenCommits) {
  Result<Snapshot> s = Load(Golden() / "checkpoint");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 14);
  EXPECT_EQ(s->checkpoint_version, 10);
  EXPECT_EQ(s->files.size(), 1u);
  EXPECT_EQ(s->protocol, (Protocol{1, 2, {}, {}}));
  // Time travel below the checkpoint replays the commits.
  s = Load(Golden() / "checkpoint", 9);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 9);
  EXPECT_EQ(s->checkpoint_version, -1);

  s = Load(Golden() / "basic-with-inserts-deletes-checkpoint");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 13);
  EXPECT_EQ(s->checkpoint_version, 10);
  EXPECT_EQ(s->files.size(), 7u);
}

TEST_F(DeltaLogGoldenTest, MultiPartCheckpoint) {
  Result<Snapshot> s = Load(Golden() / "multi-part-checkpoint");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 1);
  EXPECT_EQ(s->checkpoint_version, 1);
  EXPECT_EQ(s->files.size(), 10u);
  // Both parts together hold what _last_checkpoint records: 12 actions, 10 of them adds.
  LocalFileSystem fs;
  const std::string log = (Golden() / "multi-part-checkpoint/_delta_log").string();
  Result<std::vector<Action>> actions =
      ReadCheckpoint(&fs, log,
                     {log + "/00000000000000000001.checkpoint.0000000001.0000000002.parquet",
                      log + "/00000000000000000001.checkpoint.0000000002.0000000002.parquet"});
  ASSERT_TRUE(actions.ok()) << actions.status().ToString();
  EXPECT_EQ(actions->size(), 12u);
}

TEST_F(DeltaLogGoldenTest, V2CheckpointsWithSidecars) {
  for (const char* table : {"v2-checkpoint-json", "v2-checkpoint-parquet"}) {
    SCOPED_TRACE(table);
    Result<Snapshot> s = Load(Golden() / table);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->version, 2);
    EXPECT_EQ(s->checkpoint_version, 2);
    // The four adds live only in the two sidecar files.
    EXPECT_EQ(s->files.size(), 4u);
    EXPECT_EQ(s->protocol,
              (Protocol{3, 7, {"v2Checkpoint"}, {"v2Checkpoint", "appendOnly", "invariants"}}));
    EXPECT_EQ(ColumnNames(*s), std::vector<std::string>{"id"});
    EXPECT_EQ(s->metadata.configuration.at("delta.checkpointPolicy"), "v2");
    EXPECT_TRUE(s->CheckWritable().ok()) << s->CheckWritable().ToString();
  }
}

TEST_F(DeltaLogGoldenTest, LastCheckpointIsOnlyAHint) {
  // `corrupted-last-checkpoint` has a _last_checkpoint without its fields; the kernel variant
  // one that names nothing readable. Both load from the listing.
  Result<Snapshot> s = Load(Golden() / "corrupted-last-checkpoint");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 10);
  EXPECT_EQ(s->checkpoint_version, 10);
  EXPECT_EQ(s->files.size(), 11u);
  s = Load(Golden() / "corrupted-last-checkpoint-kernel");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 11);
  EXPECT_EQ(s->checkpoint_version, 10);
  EXPECT_EQ(s->files.size(), 2u);
}

TEST_F(DeltaLogGoldenTest, TheNewestOfSeveralCheckpoints) {
  Result<Snapshot> s = Load(Golden() / "only-checkpoint-files");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 2);
  EXPECT_EQ(s->checkpoint_version, 2);
  EXPECT_EQ(s->files.size(), 7u);
  s = Load(Golden() / "only-checkpoint-files", 1);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->checkpoint_version, 1);
}

TEST_F(DeltaLogGoldenTest, CheckpointsWithoutProtocolOrMetadataGiveWayToCommits) {
  for (const char* table : {"deltalog-state-reconstruction-from-checkpoint-missing-metadata",
                            "deltalog-state-reconstruction-from-checkpoint-missing-protocol"}) {
    SCOPED_TRACE(table);
    Result<Snapshot> s = Load(Golden() / table);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->version, 10);
    EXPECT_EQ(s->checkpoint_version, -1);
    EXPECT_EQ(s->files.size(), 11u);
  }
}

TEST_F(DeltaLogGoldenTest, LogReplayCases) {
  Result<Snapshot> s = Load(Golden() / "log-replay-latest-metadata-protocol");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 2);
  // The protocol of version 2 and the schema of version 1 win over those of version 0.
  EXPECT_EQ(s->protocol, (Protocol{3, 7, {}, {"appendOnly", "invariants"}}));
  EXPECT_EQ(ColumnNames(*s), (std::vector<std::string>{"col1", "col2"}));

  s = Load(Golden() / "versions-not-contiguous");
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(s.status().message().find("missing version 1 (00000000000000000001.json)"),
            std::string::npos)
      << s.status().ToString();
  s = Load(Golden() / "deltalog-invalid-protocol-version");
  EXPECT_EQ(s.status().code(), StatusCode::kNotImplemented);
  EXPECT_NE(s.status().message().find("reader version 99"), std::string::npos);
  s = Load(Golden() / "no-delta-log-folder");
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("_delta_log does not exist"), std::string::npos);
}

TEST_F(DeltaLogGoldenTest, DatCheckpointCases) {
  if (!std::filesystem::exists(Dat())) GTEST_SKIP() << "no test data at " << Dat();
  // no_replay: commits 0 and 1 are gone; the checkpoint at 2 stands in for them.
  // stats_as_struct keeps the checkpoint's stats only as stats_parsed, which inlet does not read
  // (stats are optional).
  for (const char* table : {"no_replay", "with_checkpoint", "stats_as_struct"}) {
    SCOPED_TRACE(table);
    Result<Snapshot> s = Load(Dat() / table / "delta");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->version, 3);
    EXPECT_EQ(s->checkpoint_version, 2);
    EXPECT_EQ(s->files.size(), 1u);
    EXPECT_EQ(s->protocol, (Protocol{1, 2, {}, {}}));
  }
  Result<Snapshot> s = Load(Dat() / "no_replay/delta", 1);
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find("version 1 of the table is no longer available; the "
                                      "oldest is 2"),
            std::string::npos)
      << s.status().ToString();
  s = Load(Dat() / "no_replay/delta", 2);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 2);
}

}  // namespace
}  // namespace inlet
