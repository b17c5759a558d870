#include "exec/purge.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "fs/fault_injecting_file_system.h"
#include "fs/local/local_file_system.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

TEST(PurgeTest, DeletesEveryFile) {
  auto fs = std::make_shared<MemoryFileSystem>();
  for (const char* path : {"/in/a.csv", "/in/b.csv", "/in/keep.csv"}) {
    ASSERT_TRUE(fs->WriteFile(path, "x\n").ok());
  }
  PurgeResult result = PurgeSourceFiles(*fs, {"/in/a.csv", "/in/b.csv"});
  EXPECT_EQ(result.deleted, 2);
  EXPECT_TRUE(result.failures.empty());
  EXPECT_TRUE(fs->GetFileInfo("/in/a.csv").status().IsNotFound());
  EXPECT_TRUE(fs->GetFileInfo("/in/b.csv").status().IsNotFound());
  EXPECT_TRUE(fs->GetFileInfo("/in/keep.csv").ok());
  EXPECT_EQ(PurgeWarning(result), "");
}

TEST(PurgeTest, AFileAlreadyGoneIsNoFailure) {
  auto fs = std::make_shared<MemoryFileSystem>();
  ASSERT_TRUE(fs->WriteFile("/in/a.csv", "x\n").ok());
  PurgeResult result = PurgeSourceFiles(*fs, {"/in/gone.csv", "/in/a.csv"});
  EXPECT_EQ(result.deleted, 2);
  EXPECT_TRUE(result.failures.empty());
}

TEST(PurgeTest, AFailedDeleteIsCollectedAndTheRestGoOn) {
  auto base = std::make_shared<MemoryFileSystem>();
  for (const char* path : {"/in/a.csv", "/in/b.csv", "/in/c.csv"}) {
    ASSERT_TRUE(base->WriteFile(path, "x\n").ok());
  }
  FaultInjectingFileSystem fs(base);
  fs.Arm({FaultKind::kIOError, 2, false});
  PurgeResult result = PurgeSourceFiles(fs, {"/in/a.csv", "/in/b.csv", "/in/c.csv"});
  EXPECT_EQ(result.deleted, 2);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].path, "/in/b.csv");
  EXPECT_EQ(result.failures[0].message,
            "cannot delete '/in/b.csv': Input/output error (injected fault)");
  EXPECT_TRUE(base->GetFileInfo("/in/b.csv").ok());
  EXPECT_TRUE(base->GetFileInfo("/in/c.csv").status().IsNotFound());
  EXPECT_EQ(PurgeWarning(result),
            "PURGE could not delete 1 of 3 source files: cannot delete '/in/b.csv': "
            "Input/output error (injected fault)");
}

// A real failure of the local disk, whoever runs the test (root ignores read-only folders): the
// path is a folder, which unlink refuses.
TEST(PurgeTest, LocalDeleteThatFails) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("inlet-purge-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sub");
  LocalFileSystem fs;
  std::string file = (dir / "a.csv").string();
  ASSERT_TRUE(fs.WriteFile(file, "x\n").ok());
  PurgeResult result = PurgeSourceFiles(fs, {(dir / "sub").string(), file});
  EXPECT_FALSE(std::filesystem::exists(file));
  std::filesystem::remove_all(dir);
  EXPECT_EQ(result.deleted, 1);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].path, (dir / "sub").string());
  EXPECT_EQ(result.failures[0].message,
            "cannot delete '" + (dir / "sub").string() + "': Is a directory");
}

TEST(PurgeTest, WarningListsAFewFailuresAndCountsTheRest) {
  PurgeResult result;
  result.deleted = 1;
  for (int i = 0; i < 4; ++i) {
    result.failures.push_back({"/f" + std::to_string(i), "cannot delete '/f" + std::to_string(i) + "'"});
  }
  EXPECT_EQ(PurgeWarning(result, 2),
            "PURGE could not delete 4 of 5 source files: cannot delete '/f0'; cannot delete "
            "'/f1'; and 2 more");
}

}  // namespace
}  // namespace inlet
