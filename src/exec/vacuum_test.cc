#include "exec/vacuum.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>

#include "common/string_util.h"
#include "delta/log_files.h"
#include "delta/table_properties.h"
#include "fs/local/local_file_system.h"

namespace inlet {
namespace {

constexpr int64_t kHour = 3600LL * 1000;
constexpr int64_t kDay = 24 * kHour;

class VacuumTest : public ::testing::Test {
 protected:
  VacuumTest() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "inlet-vacuum-test-XXXXXX").string();
    dir_ = ::mkdtemp(templ.data());
    root_ = dir_ + "/t";
  }
  ~VacuumTest() override { std::filesystem::remove_all(dir_); }

  DeltaTable MakeTable(std::map<std::string, std::string> configuration = {}) {
    Schema schema({Field{"id", LogicalType::BigInt(), true, std::nullopt}});
    auto created = DeltaTable::Create(fs_, root_, schema, {}, std::move(configuration));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return *created;
  }

  // Writes `relative` under the table root, last modified `age_ms` ago.
  void WriteFile(const std::string& relative, int64_t age_ms) {
    std::string path = root_ + "/" + relative;
    ASSERT_TRUE(fs_->WriteFile(path, "data").ok());
    auto when = std::chrono::file_clock::now() - std::chrono::milliseconds(age_ms);
    std::filesystem::last_write_time(path, when);
  }

  void Commit(const DeltaTable& table, std::vector<Action> actions) {
    auto snapshot = table.LoadSnapshot();
    ASSERT_TRUE(snapshot.ok());
    ASSERT_TRUE(table.Commit(snapshot->version, actions).ok());
  }

  AddFile Add(const std::string& relative) {
    AddFile add;
    add.path = EncodeDataPath(relative);
    add.size = 4;
    add.modification_time = NowMicros() / 1000;
    return add;
  }

  bool Exists(const std::string& relative) { return std::filesystem::exists(root_ + "/" + relative); }

  std::shared_ptr<FileSystem> fs_ = std::make_shared<LocalFileSystem>();
  std::string dir_;
  std::string root_;
  int64_t now_ms_ = NowMicros() / 1000;
};

TEST_F(VacuumTest, DeletesExactlyTheOldOrphans) {
  DeltaTable table = MakeTable();
  WriteFile("part-committed.parquet", 30 * kDay);
  WriteFile("year=2020/part-committed two.parquet", 30 * kDay);
  Commit(table, {Add("part-committed.parquet"), Add("year=2020/part-committed two.parquet")});
  WriteFile("part-orphan.parquet", 8 * kDay);         // a COPY killed before its commit
  WriteFile("year=2020/part-orphan.parquet", 8 * kDay);
  WriteFile("part-recent.parquet", 6 * kDay);          // maybe a COPY still running
  WriteFile("_SUCCESS", 30 * kDay);
  WriteFile(".part-orphan.parquet.crc", 30 * kDay);
  WriteFile("_tmp/part-x.parquet", 30 * kDay);
  WriteFile("deletion_vector_0c0c.bin", 30 * kDay);

  VacuumOptions options;
  options.now_ms = now_ms_;
  options.dry_run = true;
  auto dry = Vacuum(table, "t", options);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  std::vector<std::string> expected = {root_ + "/part-orphan.parquet",
                                       root_ + "/year=2020/part-orphan.parquet"};
  EXPECT_EQ(dry->files, expected);
  EXPECT_TRUE(Exists("part-orphan.parquet"));

  options.dry_run = false;
  auto done = Vacuum(table, "t", options);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->files, expected);
  EXPECT_FALSE(Exists("part-orphan.parquet"));
  EXPECT_FALSE(Exists("year=2020/part-orphan.parquet"));
  for (const char* kept : {"part-committed.parquet", "year=2020/part-committed two.parquet",
                           "part-recent.parquet", "_SUCCESS", ".part-orphan.parquet.crc",
                           "_tmp/part-x.parquet", "deletion_vector_0c0c.bin",
                           "_delta_log/00000000000000000001.json"}) {
    EXPECT_TRUE(Exists(kept)) << kept;
  }
  auto snapshot = table.LoadSnapshot();
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->files.size(), 2u);
}

TEST_F(VacuumTest, RemovedFilesWaitForTheirDeletionToAge) {
  DeltaTable table = MakeTable();
  WriteFile("part-a.parquet", 30 * kDay);
  WriteFile("part-b.parquet", 30 * kDay);
  Commit(table, {Add("part-a.parquet"), Add("part-b.parquet")});
  RemoveFile recent{"part-a.parquet", now_ms_ - kDay};
  RemoveFile old{"part-b.parquet", now_ms_ - 10 * kDay};
  Commit(table, {Action(recent), Action(old)});

  VacuumOptions options;
  options.now_ms = now_ms_;
  auto done = Vacuum(table, "t", options);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->files, std::vector<std::string>{root_ + "/part-b.parquet"});
  EXPECT_TRUE(Exists("part-a.parquet"));
}

TEST_F(VacuumTest, ShortRetainIsRefusedUnlessTheTableAllowsIt) {
  DeltaTable table = MakeTable();
  WriteFile("part-orphan.parquet", 2 * kHour);
  VacuumOptions options;
  options.now_ms = now_ms_;
  options.retain_ms = kHour;
  auto refused = Vacuum(table, "t", options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "VACUUM t RETAIN 1 hours is shorter than the table's "
            "delta.deletedFileRetentionDuration of 168 hours: it could delete the data files of "
            "a COPY still running, or files that an older version still reads; to allow it, set "
            "the table property inlet.vacuum.retentionDurationCheck = false");
  EXPECT_TRUE(Exists("part-orphan.parquet"));

  ASSERT_TRUE(table.SetProperties({{kVacuumRetentionCheckProperty, "false"}}).ok());
  auto done = Vacuum(table, "t", options);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->files.size(), 1u);
  EXPECT_FALSE(Exists("part-orphan.parquet"));
}

TEST_F(VacuumTest, TheTablesRetentionIsTheDefault) {
  DeltaTable table = MakeTable({{"delta.deletedFileRetentionDuration", "interval 2 days"}});
  WriteFile("part-3d.parquet", 3 * kDay);
  WriteFile("part-1d.parquet", 1 * kDay);
  VacuumOptions options;
  options.now_ms = now_ms_;
  auto done = Vacuum(table, "t", options);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->files, std::vector<std::string>{root_ + "/part-3d.parquet"});
}

TEST_F(VacuumTest, TableWithAFeatureInletDoesNotKnowIsNotVacuumed) {
  DeltaTable table = MakeTable();
  Protocol protocol;
  protocol.min_reader_version = 1;
  protocol.min_writer_version = 7;
  protocol.writer_features = {"someFutureFeature"};
  Commit(table, {Action(protocol)});
  WriteFile("part-orphan.parquet", 30 * kDay);
  VacuumOptions options;
  options.now_ms = now_ms_;
  auto refused = Vacuum(table, "t", options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("someFutureFeature"), std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(Exists("part-orphan.parquet"));
}

TEST_F(VacuumTest, TableWithoutLogIsNotFound) {
  DeltaTable table(fs_, root_);
  VacuumOptions options;
  EXPECT_TRUE(Vacuum(table, "t", options).status().IsNotFound());
}

TEST(CommitGuardTest, OldDataFilesAreNotCommitted) {
  const int64_t now = 1'800'000'000'000;
  std::vector<DataFile> files(2);
  files[0].modification_time_ms = now - kHour;
  files[1].modification_time_ms = now - 10 * kHour;
  EXPECT_TRUE(CheckDataFilesCommittable("t", {}, files, now).ok());
  // The default week, less the hour of margin.
  files[1].modification_time_ms = now - 167 * kHour;
  Status refused = CheckDataFilesCommittable("t", {}, files, now);
  EXPECT_TRUE(refused.IsConflict());
  EXPECT_EQ(refused.message(),
            "this COPY into t wrote its data files 167 hours ago, too long for the table's "
            "delta.deletedFileRetentionDuration of 168 hours: a VACUUM may have deleted them as "
            "uncommitted; its data files are deleted, run the COPY again");
  // A short retention keeps half of itself as the margin.
  std::map<std::string, std::string> short_retention = {
      {"delta.deletedFileRetentionDuration", "interval 1 hour"}};
  files[1].modification_time_ms = now - 29 * 60 * 1000;
  EXPECT_FALSE(CheckDataFilesCommittable("t", short_retention, files, now).ok());
  files = {files[1]};
  EXPECT_TRUE(CheckDataFilesCommittable("t", short_retention, files, now).ok());
  EXPECT_TRUE(CheckDataFilesCommittable("t", {}, {}, now).ok());
  Status malformed = CheckDataFilesCommittable(
      "t", {{"delta.deletedFileRetentionDuration", "soon"}}, files, now);
  EXPECT_NE(malformed.message().find("delta.deletedFileRetentionDuration"), std::string::npos);
}

}  // namespace
}  // namespace inlet
