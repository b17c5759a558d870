// Behaviour only the local file system has: temporary files on disk, folders, symbolic links.
// What every FileSystem does is in file_system_conformance_test.cc.

#include "fs/local/local_file_system.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace inlet {
namespace {

class LocalFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "inlet-local-XXXXXX").string();
    root_ = ::mkdtemp(templ.data());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::vector<std::string> DirectoryEntries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      out.push_back(entry.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  LocalFileSystem fs_;
  std::string root_;
};

TEST_F(LocalFileSystemTest, ErrorsNameThePathAndTheSystemReason) {
  Status st = fs_.OpenInputStream(root_ + "/y.csv").status();
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), "cannot open '" + root_ + "/y.csv': No such file or directory");
}

TEST_F(LocalFileSystemTest, WritesGoThroughAHiddenTemporaryFile) {
  Result<std::unique_ptr<OutputStream>> out = fs_.OpenOutputStream(root_ + "/a/b/x.csv");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->Write("data").ok());
  std::vector<std::string> during = DirectoryEntries(root_ + "/a/b");
  ASSERT_EQ(during.size(), 1u);
  EXPECT_TRUE(during[0].starts_with(".x.csv.tmp-")) << during[0];
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(DirectoryEntries(root_ + "/a/b"), std::vector<std::string>{"x.csv"});
}

TEST_F(LocalFileSystemTest, AbandonedWriteRemovesTheTemporaryFile) {
  {
    Result<std::unique_ptr<OutputStream>> out = fs_.OpenOutputStream(root_ + "/x.csv");
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("data").ok());
  }
  EXPECT_TRUE(DirectoryEntries(root_).empty());
}

TEST_F(LocalFileSystemTest, PutIfAbsentLeavesNoTemporaryFiles) {
  ASSERT_TRUE(fs_.PutIfAbsent(root_ + "/log/0.json", "a").ok());
  EXPECT_TRUE(fs_.PutIfAbsent(root_ + "/log/0.json", "b").IsAlreadyExists());
  EXPECT_EQ(DirectoryEntries(root_ + "/log"), std::vector<std::string>{"0.json"});
}

TEST_F(LocalFileSystemTest, FoldersAreNotFiles) {
  std::filesystem::create_directories(root_ + "/dir");
  EXPECT_TRUE(fs_.GetFileInfo(root_ + "/dir").status().IsNotFound());
  EXPECT_TRUE(fs_.OpenInputStream(root_ + "/dir").status().IsNotFound());
  EXPECT_TRUE(fs_.ListFiles(root_ + "/dir", true)->empty());
}

TEST_F(LocalFileSystemTest, ListingFollowsFileLinksButNotFolderLinks) {
  std::filesystem::create_directories(root_ + "/d/sub");
  std::ofstream(root_ + "/d/sub/real.csv") << "12345";
  std::filesystem::create_symlink(root_ + "/d/sub/real.csv", root_ + "/d/link.csv");
  std::filesystem::create_directory_symlink(root_ + "/d", root_ + "/d/sub/loop");
  std::filesystem::create_symlink(root_ + "/nowhere", root_ + "/d/dangling.csv");
  Result<std::vector<FileInfo>> files = fs_.ListFiles(root_ + "/d", true);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, root_ + "/d/link.csv");
  EXPECT_EQ((*files)[0].size, 5);
  EXPECT_EQ((*files)[1].path, root_ + "/d/sub/real.csv");
}

TEST_F(LocalFileSystemTest, ListingAFileIsNotFound) {
  std::ofstream(root_ + "/f.csv") << "1";
  Status st = fs_.ListFiles(root_ + "/f.csv", true).status();
  EXPECT_TRUE(st.IsNotFound()) << st.ToString();
}

}  // namespace
}  // namespace inlet
