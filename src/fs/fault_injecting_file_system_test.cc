#include "fs/fault_injecting_file_system.h"

#include <gtest/gtest.h>

#include "fs/memory_file_system.h"

namespace inlet {
namespace {

class FaultInjectingFileSystemTest : public ::testing::Test {
 protected:
  std::shared_ptr<MemoryFileSystem> base_ = std::make_shared<MemoryFileSystem>();
  FaultInjectingFileSystem fs_{base_};

  std::string BaseContents(const std::string& path) {
    Result<std::string> contents = base_->ReadFile(path);
    EXPECT_TRUE(contents.ok()) << contents.status().ToString();
    return contents.ok() ? *contents : "";
  }
};

TEST_F(FaultInjectingFileSystemTest, IOErrorFailsOnlyTheChosenCall) {
  ASSERT_TRUE(base_->WriteFile("/b/x", "x").ok());
  fs_.Arm({FaultKind::kIOError, 2, false});
  EXPECT_TRUE(fs_.GetFileInfo("/b/x").ok());
  Result<FileInfo> second = fs_.GetFileInfo("/b/x");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kIOError);
  EXPECT_EQ(second.status().message(),
            "cannot access '/b/x': Input/output error (injected fault)");
  EXPECT_EQ(fs_.fault_description(), "GetFileInfo /b/x");
  EXPECT_TRUE(fs_.GetFileInfo("/b/x").ok());
  EXPECT_EQ(fs_.calls(), 3);
}

TEST_F(FaultInjectingFileSystemTest, IOErrorCountsStreamReads) {
  ASSERT_TRUE(base_->WriteFile("/b/x", "hello").ok());
  fs_.Arm({FaultKind::kIOError, 2, false});
  Result<std::string> contents = fs_.ReadFile("/b/x");  // open, then the failing read
  ASSERT_FALSE(contents.ok());
  EXPECT_EQ(contents.status().message(), "cannot read '/b/x': Input/output error (injected fault)");
  EXPECT_EQ(fs_.fault_description(), "Read /b/x");
}

TEST_F(FaultInjectingFileSystemTest, DiskFullCountsWritesOnlyAndLeavesNothing) {
  ASSERT_TRUE(base_->WriteFile("/b/x", "x").ok());
  fs_.Arm({FaultKind::kDiskFull, 2, false});
  EXPECT_TRUE(fs_.ReadFile("/b/x").ok());  // reads are not counted
  auto out = fs_.OpenOutputStream("/b/y");  // write call 1
  ASSERT_TRUE(out.ok());
  Status write = (*out)->Write("data");  // write call 2
  EXPECT_EQ(write.message(), "cannot write '/b/y': No space left on device (injected fault)");
  out->reset();
  EXPECT_TRUE(base_->GetFileInfo("/b/y").status().IsNotFound());
  EXPECT_EQ(fs_.calls(), 2);
}

TEST_F(FaultInjectingFileSystemTest, DiskFullFailsPutIfAbsentWithoutCreating) {
  fs_.Arm({FaultKind::kDiskFull, 1, false});
  Status put = fs_.PutIfAbsent("/b/commit", "c");
  EXPECT_EQ(put.message(), "cannot create '/b/commit': No space left on device (injected fault)");
  EXPECT_TRUE(base_->GetFileInfo("/b/commit").status().IsNotFound());
}

TEST_F(FaultInjectingFileSystemTest, ShortWritePassesHalfTheBytesOn) {
  fs_.Arm({FaultKind::kShortWrite, 1, false});
  auto out = fs_.OpenOutputStream("/b/y");
  ASSERT_TRUE(out.ok());
  Status write = (*out)->Write("12345678");
  EXPECT_EQ(write.code(), StatusCode::kIOError);
  // A caller that ignored the error and closed would publish the torn file.
  EXPECT_EQ((*out)->Tell(), 4);
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(BaseContents("/b/y"), "1234");
}

TEST_F(FaultInjectingFileSystemTest, LostAckOnPutIfAbsentCreatesTheObjectAndReportsAnError) {
  fs_.Arm({FaultKind::kLostAck, 1, false});
  Status put = fs_.PutIfAbsent("/b/commit", "ours");
  EXPECT_EQ(put.code(), StatusCode::kIOError);
  EXPECT_EQ(put.message(),
            "cannot create '/b/commit': connection reset before the reply, after the call took "
            "effect (injected fault)");
  EXPECT_EQ(BaseContents("/b/commit"), "ours");
  EXPECT_TRUE(fs_.PutIfAbsent("/b/commit", "again").IsAlreadyExists());
}

TEST_F(FaultInjectingFileSystemTest, LostAckOnClosePublishesTheFile) {
  fs_.Arm({FaultKind::kLostAck, 1, false});
  Status write = fs_.WriteFile("/b/y", "payload");
  EXPECT_EQ(write.code(), StatusCode::kIOError);
  EXPECT_EQ(BaseContents("/b/y"), "payload");
}

TEST_F(FaultInjectingFileSystemTest, PersistentFaultFailsEveryLaterCallUntilDisarmed) {
  ASSERT_TRUE(base_->WriteFile("/b/x", "x").ok());
  fs_.Arm({FaultKind::kLostAck, 1, true});
  EXPECT_FALSE(fs_.PutIfAbsent("/b/commit", "ours").ok());
  Result<std::string> read_back = fs_.ReadFile("/b/commit");
  ASSERT_FALSE(read_back.ok());
  EXPECT_EQ(read_back.status().message(),
            "cannot open '/b/commit': the store is unavailable (injected fault)");
  EXPECT_FALSE(fs_.ListFiles("/b", true).ok());
  EXPECT_FALSE(fs_.DeleteFile("/b/x").ok());
  fs_.Disarm();
  EXPECT_EQ(*fs_.ReadFile("/b/commit"), "ours");
  EXPECT_TRUE(fs_.DeleteFile("/b/x").ok());
}

TEST_F(FaultInjectingFileSystemTest, ArmStartsCountingAfresh) {
  fs_.Arm({FaultKind::kIOError, 1, false});
  EXPECT_FALSE(fs_.ListFiles("/b", true).ok());
  EXPECT_EQ(fs_.fault_description(), "ListFiles /b");
  fs_.Arm({FaultKind::kIOError, 2, false});
  EXPECT_EQ(fs_.fault_description(), "");
  EXPECT_EQ(fs_.calls(), 0);
  EXPECT_FALSE(fs_.WriteFile("/b/x", "x").ok());  // the open passes; the write is call 2
  EXPECT_EQ(fs_.fault_description(), "Write /b/x");
}

}  // namespace
}  // namespace inlet
