// DeltaTable::Commit when the store fails the commit file's PutIfAbsent: the commit file is read
// back, and what is there decides between success, Conflict, the store's error and
// UnknownOutcome.

#include <gtest/gtest.h>

#include "delta/delta_table.h"
#include "delta/log_files.h"
#include "fs/fault_injecting_file_system.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

constexpr char kRoot[] = "/bucket/t";
const std::string kCommit1 = std::string(kRoot) + "/_delta_log/00000000000000000001.json";

std::vector<Action> AppendActions(const std::string& file) {
  AddFile add;
  add.path = file;
  add.size = 10;
  add.modification_time = 1700000000000;
  return {Action(MakeCommitInfo("WRITE")), Action(std::move(add))};
}

/// A store that fails a PutIfAbsent after another writer's commit landed at the same path.
class RacedPutFileSystem : public MemoryFileSystem {
 public:
  Status PutIfAbsent(const std::string& path, std::string_view contents) override {
    if (!path.ends_with(".json") || path.ends_with("00000000000000000000.json")) {
      return MemoryFileSystem::PutIfAbsent(path, contents);
    }
    Status other = MemoryFileSystem::PutIfAbsent(path, R"({"commitInfo":{"operation":"OTHER"}})");
    if (!other.ok()) return other;
    return Status::IOError("cannot create '" + path + "': request timed out");
  }
};

class DeltaTableCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Schema schema({Field{"id", LogicalType::BigInt(), false, std::nullopt}});
    ASSERT_TRUE(DeltaTable::Create(base_, kRoot, schema).ok());
  }

  std::shared_ptr<MemoryFileSystem> base_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<FaultInjectingFileSystem> fs_ =
      std::make_shared<FaultInjectingFileSystem>(base_);
  DeltaTable table_{fs_, kRoot};
};

TEST_F(DeltaTableCommitTest, LostReplyOfAWrittenCommitIsASuccess) {
  fs_->Arm({FaultKind::kLostAck, 1, false});
  Result<int64_t> version = table_.Commit(0, AppendActions("a.parquet"));
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 1);
  EXPECT_EQ(fs_->fault_description(), "PutIfAbsent " + kCommit1);
  Result<Snapshot> snapshot = DeltaTable(base_, kRoot).LoadSnapshot();
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  EXPECT_EQ(snapshot->version, 1);
  EXPECT_EQ(snapshot->files.count("a.parquet"), 1u);
}

TEST_F(DeltaTableCommitTest, FailedPutWithAnotherWritersCommitThereIsAConflict) {
  auto raced = std::make_shared<RacedPutFileSystem>();
  Schema schema({Field{"id", LogicalType::BigInt(), false, std::nullopt}});
  ASSERT_TRUE(DeltaTable::Create(raced, kRoot, schema).ok());
  Result<int64_t> version = DeltaTable(raced, kRoot).Commit(0, AppendActions("a.parquet"));
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict()) << version.status().ToString();
  EXPECT_EQ(version.status().message(),
            "another writer committed version 1 of the Delta table at /bucket/t first");
}

TEST_F(DeltaTableCommitTest, FailedPutWithNothingThereIsTheStoresError) {
  fs_->Arm({FaultKind::kDiskFull, 1, false});
  Result<int64_t> version = table_.Commit(0, AppendActions("a.parquet"));
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), StatusCode::kIOError);
  EXPECT_EQ(version.status().message(),
            "cannot commit version 1 of the Delta table at /bucket/t: cannot create '" + kCommit1 +
                "': No space left on device (injected fault)");
  EXPECT_TRUE(base_->GetFileInfo(kCommit1).status().IsNotFound());
}

TEST_F(DeltaTableCommitTest, WrittenCommitThatCannotBeReadBackIsAnUnknownOutcome) {
  // The store takes the commit, loses the reply and then stops answering.
  fs_->Arm({FaultKind::kLostAck, 1, true});
  Result<int64_t> version = table_.Commit(0, AppendActions("a.parquet"));
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsUnknownOutcome()) << version.status().ToString();
  EXPECT_EQ(version.status().message(),
            "cannot tell whether version 1 of the Delta table at /bucket/t was committed: "
            "writing it failed (cannot create '" + kCommit1 +
                "': connection reset before the reply, after the call took effect (injected "
                "fault)) and reading it back failed (cannot open '" + kCommit1 +
                "': the store is unavailable (injected fault))");
  EXPECT_TRUE(base_->GetFileInfo(kCommit1).ok());
}

TEST_F(DeltaTableCommitTest, UnwrittenCommitThatCannotBeReadBackIsAnUnknownOutcomeToo) {
  fs_->Arm({FaultKind::kIOError, 1, true});
  Result<int64_t> version = table_.Commit(0, AppendActions("a.parquet"));
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsUnknownOutcome()) << version.status().ToString();
  EXPECT_TRUE(base_->GetFileInfo(kCommit1).status().IsNotFound());
}

}  // namespace
}  // namespace inlet
