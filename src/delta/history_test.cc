#include "delta/history.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>

#include "delta/log_files.h"
#include "fs/local/local_file_system.h"

namespace inlet {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kBase = 1'700'000'000'000;  // 2023-11-14 22:13:20 UTC, in ms

class HistoryTest : public ::testing::Test {
 protected:
  HistoryTest() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "inlet-history-test-XXXXXX").string();
    dir_ = ::mkdtemp(templ.data());
    root_ = dir_ + "/t";
  }
  ~HistoryTest() override { std::filesystem::remove_all(dir_); }

  // Creates the table (version 0) and `appends` more versions, each a COPY INTO commitInfo.
  DeltaTable MakeTable(int appends, std::map<std::string, std::string> configuration = {},
                       bool in_commit_timestamps = false) {
    Schema schema({Field{"id", LogicalType::BigInt(), true, std::nullopt}});
    auto created = DeltaTable::Create(fs_, root_, schema, {}, std::move(configuration));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    for (int i = 1; i <= appends; ++i) {
      CommitInfo info = MakeCommitInfo("COPY INTO");
      info.operation_parameters = {{"source", "/in/" + std::to_string(i) + ".csv"}};
      info.operation_metrics = {{"numOutputRows", std::to_string(10 * i)}};
      info.extras.emplace_back("readVersion", std::to_string(i - 1));
      info.extras.emplace_back("isBlindAppend", "true");
      if (in_commit_timestamps) {
        info.extras.emplace_back("inCommitTimestamp", std::to_string(kBase + i * kDay));
      }
      auto committed = created->Commit(i - 1, {Action(std::move(info))});
      EXPECT_TRUE(committed.ok()) << committed.status().ToString();
    }
    return *created;
  }

  void SetCommitTime(int64_t version, int64_t ms) {
    auto when = std::chrono::file_clock::from_sys(std::chrono::sys_time<std::chrono::milliseconds>(
        std::chrono::milliseconds(ms)));
    std::filesystem::last_write_time(CommitFilePath(root_, version), when);
  }

  std::shared_ptr<FileSystem> fs_ = std::make_shared<LocalFileSystem>();
  std::string dir_;
  std::string root_;
};

TEST_F(HistoryTest, ListsCommitsNewestFirstWithTheirCommitInfo) {
  DeltaTable table = MakeTable(2);
  for (int v = 0; v <= 2; ++v) SetCommitTime(v, kBase + v * kDay);

  auto history = ReadHistory(table);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].version, 2);
  EXPECT_EQ((*history)[0].timestamp_ms, kBase + 2 * kDay);
  ASSERT_TRUE((*history)[0].commit_info);
  EXPECT_EQ((*history)[0].commit_info->operation, "COPY INTO");
  EXPECT_EQ((*history)[0].commit_info->operation_parameters.at("source"), "/in/2.csv");
  EXPECT_EQ((*history)[2].version, 0);
  EXPECT_EQ((*history)[2].commit_info->operation, "CREATE TABLE");

  auto limited = ReadHistory(table, 1);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ((*limited)[0].version, 2);
}

TEST_F(HistoryTest, FileTimesThatGoBackwardsAreRaisedToKeepOrder) {
  DeltaTable table = MakeTable(2);
  SetCommitTime(0, kBase);
  SetCommitTime(1, kBase + kDay);
  SetCommitTime(2, kBase + 1000);  // written by a machine whose clock is behind

  auto history = ReadHistory(table);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ((*history)[0].timestamp_ms, kBase + kDay + 1);
}

TEST_F(HistoryTest, VersionAsOfTimestampIsTheLatestCommitAtOrBeforeIt) {
  DeltaTable table = MakeTable(3);
  for (int v = 0; v <= 3; ++v) SetCommitTime(v, kBase + v * kDay);

  EXPECT_EQ(*VersionAsOfTimestamp(table, kBase), 0);
  EXPECT_EQ(*VersionAsOfTimestamp(table, kBase + kDay - 1), 0);
  EXPECT_EQ(*VersionAsOfTimestamp(table, kBase + kDay), 1);
  EXPECT_EQ(*VersionAsOfTimestamp(table, kBase + 2 * kDay + 5), 2);
  EXPECT_EQ(*VersionAsOfTimestamp(table, kBase + 3 * kDay), 3);
}

TEST_F(HistoryTest, TimestampOutsideTheHistoryIsRefused) {
  DeltaTable table = MakeTable(1);
  SetCommitTime(0, kBase);
  SetCommitTime(1, kBase + kDay);

  auto before = VersionAsOfTimestamp(table, kBase - 1);
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(before.status().message().find("is before the earliest version"), std::string::npos)
      << before.status().message();
  EXPECT_NE(before.status().message().find("version 0 at 2023-11-14 22:13:20"), std::string::npos)
      << before.status().message();

  auto after = VersionAsOfTimestamp(table, kBase + kDay + 1);
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.status().message().find("is after the latest version"), std::string::npos)
      << after.status().message();
  EXPECT_NE(after.status().message().find("VERSION AS OF 1"), std::string::npos);
}

TEST_F(HistoryTest, InCommitTimestampsWinOverFileTimes) {
  DeltaTable table = MakeTable(2, {{kEnableInCommitTimestampsProperty, "true"},
                                   {kInCommitTimestampEnablementVersionProperty, "1"}},
                               /*in_commit_timestamps=*/true);
  SetCommitTime(0, kBase - kDay);
  SetCommitTime(1, kBase + 50 * kDay);  // file times that a copy of the table changed
  SetCommitTime(2, kBase + 60 * kDay);

  auto history = ReadHistory(table);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_EQ((*history)[0].timestamp_ms, kBase + 2 * kDay);
  EXPECT_EQ((*history)[1].timestamp_ms, kBase + kDay);
  EXPECT_EQ((*history)[2].timestamp_ms, kBase - kDay);  // before enablement: the file time
  EXPECT_EQ(*VersionAsOfTimestamp(table, kBase + kDay + 7), 1);
}

TEST_F(HistoryTest, MissingInCommitTimestampIsAnError) {
  // Enabled from creation, but version 0 (CREATE TABLE by MakeTable) carries no timestamp.
  DeltaTable table = MakeTable(1, {{kEnableInCommitTimestampsProperty, "true"}},
                               /*in_commit_timestamps=*/true);
  auto history = ReadHistory(table);
  ASSERT_FALSE(history.ok());
  EXPECT_EQ(history.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(history.status().message().find("version 0 of"), std::string::npos)
      << history.status().message();
  EXPECT_NE(history.status().message().find("inCommitTimestamp"), std::string::npos);
}

TEST_F(HistoryTest, TableWithoutLogIsNotFound) {
  DeltaTable table(fs_, root_);
  EXPECT_TRUE(ReadHistory(table).status().IsNotFound());
  EXPECT_TRUE(VersionAsOfTimestamp(table, kBase).status().IsNotFound());
}

}  // namespace
}  // namespace inlet
