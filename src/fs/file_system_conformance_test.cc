// Every FileSystem passes these tests; a new one joins by adding a fixture to FileSystemTypes.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "common/string_util.h"
#include "fs/fault_injecting_file_system.h"
#include "fs/file_system.h"
#include "fs/local/local_file_system.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

template <typename T>
T Unwrap(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return std::move(result).ValueOrDie();
}

/// A LocalFileSystem rooted in a fresh temporary folder, removed afterwards.
struct LocalFixture {
  LocalFixture() {
    std::string templ = (std::filesystem::temp_directory_path() / "inlet-fs-test-XXXXXX").string();
    root = ::mkdtemp(templ.data());
  }
  ~LocalFixture() { std::filesystem::remove_all(root); }
  LocalFileSystem fs;
  std::string root;
};

struct MemoryFixture {
  MemoryFileSystem fs;
  std::string root = "/bucket/root";
};

/// Disarmed, the fault injector must be indistinguishable from what it wraps.
struct FaultInjectingFixture {
  FaultInjectingFileSystem fs{std::make_shared<MemoryFileSystem>()};
  std::string root = "/bucket/root";
};

template <typename Fixture>
class FileSystemConformanceTest : public ::testing::Test {
 protected:
  FileSystem& fs() { return fixture_.fs; }
  std::string Path(std::string_view relative) { return JoinPath(fixture_.root, relative); }

  void Write(std::string_view relative, std::string_view contents) {
    Status st = fs().WriteFile(Path(relative), contents);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  std::vector<std::string> ListedPaths(std::string_view relative, bool recursive) {
    Result<std::vector<FileInfo>> files = fs().ListFiles(Path(relative), recursive);
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    std::vector<std::string> out;
    if (!files.ok()) return out;
    for (const FileInfo& info : *files) out.push_back(info.path.substr(fixture_.root.size() + 1));
    return out;
  }

  Fixture fixture_;
};

using FileSystemTypes = ::testing::Types<LocalFixture, MemoryFixture, FaultInjectingFixture>;
TYPED_TEST_SUITE(FileSystemConformanceTest, FileSystemTypes);

TYPED_TEST(FileSystemConformanceTest, WriteThenRead) {
  this->Write("a.csv", "x,y\n1,2\n");
  Result<std::string> back = this->fs().ReadFile(this->Path("a.csv"));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, "x,y\n1,2\n");

  Result<FileInfo> info = this->fs().GetFileInfo(this->Path("a.csv"));
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->path, this->Path("a.csv"));
  EXPECT_EQ(info->size, 8);
  // Within an hour of now: a real clock, in microseconds.
  EXPECT_LT(std::abs(info->mtime_micros - NowMicros()), int64_t{3600} * 1000000);
}

TYPED_TEST(FileSystemConformanceTest, EmptyFile) {
  this->Write("empty", "");
  EXPECT_EQ(*this->fs().ReadFile(this->Path("empty")), "");
  EXPECT_EQ(this->fs().GetFileInfo(this->Path("empty"))->size, 0);
}

TYPED_TEST(FileSystemConformanceTest, StreamsLargeFileInPieces) {
  std::string data;
  for (int i = 0; data.size() < 300000; ++i) data += std::to_string(i) + ";";
  this->Write("big/data.bin", data);
  Result<std::unique_ptr<InputStream>> in = this->fs().OpenInputStream(this->Path("big/data.bin"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  std::string back;
  char buffer[70000];
  // Alternate small and large reads to exercise both the buffered and the direct path.
  for (int64_t want : {1, 100, 70000, 3, 65536, 65537}) {
    Result<int64_t> n = (*in)->Read(want, buffer);
    ASSERT_TRUE(n.ok());
    ASSERT_GT(*n, 0);
    back.append(buffer, static_cast<size_t>(*n));
  }
  Result<std::string> rest = (*in)->ReadAll();
  ASSERT_TRUE(rest.ok());
  back += *rest;
  EXPECT_EQ(back, data);
  EXPECT_EQ((*in)->source_bytes_read(), static_cast<int64_t>(data.size()));
  EXPECT_EQ(*(*in)->Read(10, buffer), 0);
}

TYPED_TEST(FileSystemConformanceTest, RangedReads) {
  this->Write("r.bin", "0123456789");
  Result<std::unique_ptr<RandomAccessFile>> file = this->fs().OpenInputFile(this->Path("r.bin"));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  RandomAccessFile& f = **file;
  EXPECT_EQ(*f.GetSize(), 10);
  EXPECT_EQ(*f.ReadRange(2, 3), "234");
  EXPECT_EQ(*f.ReadRange(0, 10), "0123456789");
  EXPECT_EQ(*f.ReadRange(10, 0), "");
  char buffer[16];
  EXPECT_EQ(*f.ReadAt(7, 16, buffer), 3);
  EXPECT_EQ(std::string_view(buffer, 3), "789");
  EXPECT_EQ(*f.ReadAt(12, 4, buffer), 0);
  EXPECT_EQ(f.ReadRange(8, 5).status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(f.ReadAt(-1, 4, buffer).status().code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(FileSystemConformanceTest, ConcurrentRangedReads) {
  std::string data;
  for (int i = 0; i < 10000; ++i) data += static_cast<char>('a' + i % 26);
  this->Write("c.bin", data);
  std::unique_ptr<RandomAccessFile> file = Unwrap(this->fs().OpenInputFile(this->Path("c.bin")));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int64_t offset = t; offset + 100 <= 10000; offset += 397) {
        Result<std::string> got = file->ReadRange(offset, 100);
        if (!got.ok() || *got != data.substr(static_cast<size_t>(offset), 100)) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TYPED_TEST(FileSystemConformanceTest, ListsFilesSortedRecursively) {
  this->Write("d/b.csv", "1");
  this->Write("d/a.csv", "22");
  this->Write("d/sub/z.csv", "333");
  this->Write("d/sub/deeper/y.csv", "4444");
  this->Write("d/sub.csv", "5");
  this->Write("other/x.csv", "6");
  EXPECT_EQ(this->ListedPaths("d", true),
            (std::vector<std::string>{"d/a.csv", "d/b.csv", "d/sub.csv", "d/sub/deeper/y.csv",
                                      "d/sub/z.csv"}));
  EXPECT_EQ(this->ListedPaths("d", false),
            (std::vector<std::string>{"d/a.csv", "d/b.csv", "d/sub.csv"}));
  EXPECT_EQ(this->ListedPaths("d/", false), this->ListedPaths("d", false));
  EXPECT_EQ(this->ListedPaths("d/sub", true),
            (std::vector<std::string>{"d/sub/deeper/y.csv", "d/sub/z.csv"}));

  Result<std::vector<FileInfo>> files = this->fs().ListFiles(this->Path("d"), false);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ((*files)[0].size, 2);
  EXPECT_GT((*files)[0].mtime_micros, 0);
}

TYPED_TEST(FileSystemConformanceTest, ListingMissingPrefixIsNotFound) {
  this->Write("d/a.csv", "1");
  Result<std::vector<FileInfo>> files = this->fs().ListFiles(this->Path("nope"), true);
  ASSERT_FALSE(files.ok());
  EXPECT_TRUE(files.status().IsNotFound()) << files.status().ToString();
  // A prefix that is only the start of a name is not a folder.
  EXPECT_TRUE(this->fs().ListFiles(this->Path("d/a"), true).status().IsNotFound());
}

TYPED_TEST(FileSystemConformanceTest, MissingFilesAreNotFoundAndNamed) {
  std::string path = this->Path("missing/file.csv");
  for (Status st :
       {this->fs().GetFileInfo(path).status(), this->fs().OpenInputStream(path).status(),
        this->fs().OpenInputFile(path).status(), this->fs().ReadFile(path).status(),
        this->fs().DeleteFile(path)}) {
    EXPECT_TRUE(st.IsNotFound()) << st.ToString();
    EXPECT_NE(st.message().find("'" + path + "'"), std::string::npos) << st.message();
  }
}

TYPED_TEST(FileSystemConformanceTest, WriteIsVisibleOnlyAfterClose) {
  this->Write("w/keep.csv", "keep");
  std::string path = this->Path("w/new.csv");
  Result<std::unique_ptr<OutputStream>> out = this->fs().OpenOutputStream(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->Write("hello ").ok());
  ASSERT_TRUE((*out)->Write(std::string(100000, 'x')).ok());
  EXPECT_EQ((*out)->Tell(), 100006);
  EXPECT_TRUE(this->fs().GetFileInfo(path).status().IsNotFound());
  EXPECT_EQ(this->ListedPaths("w", true), std::vector<std::string>{"w/keep.csv"});
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(this->fs().GetFileInfo(path)->size, 100006);
  EXPECT_EQ(this->ListedPaths("w", true), (std::vector<std::string>{"w/keep.csv", "w/new.csv"}));
}

TYPED_TEST(FileSystemConformanceTest, ReplacingKeepsOldContentUntilClose) {
  this->Write("r.csv", "old");
  std::unique_ptr<OutputStream> out = Unwrap(this->fs().OpenOutputStream(this->Path("r.csv")));
  ASSERT_TRUE(out->Write("new content").ok());
  EXPECT_EQ(*this->fs().ReadFile(this->Path("r.csv")), "old");
  ASSERT_TRUE(out->Close().ok());
  EXPECT_EQ(*this->fs().ReadFile(this->Path("r.csv")), "new content");
}

TYPED_TEST(FileSystemConformanceTest, AbandonedWriteLeavesNothing) {
  this->Write("keep.csv", "x");
  {
    std::unique_ptr<OutputStream> out = Unwrap(this->fs().OpenOutputStream(this->Path("gone.csv")));
    ASSERT_TRUE(out->Write("partial").ok());
  }
  EXPECT_TRUE(this->fs().GetFileInfo(this->Path("gone.csv")).status().IsNotFound());
  EXPECT_EQ(this->ListedPaths("", true), std::vector<std::string>{"keep.csv"});
}

TYPED_TEST(FileSystemConformanceTest, PutIfAbsentCreatesOnce) {
  std::string path = this->Path("_delta_log/00000000000000000000.json");
  ASSERT_TRUE(this->fs().PutIfAbsent(path, "first").ok());
  Status second = this->fs().PutIfAbsent(path, "second");
  EXPECT_TRUE(second.IsAlreadyExists()) << second.ToString();
  EXPECT_EQ(*this->fs().ReadFile(path), "first");
  EXPECT_EQ(this->ListedPaths("_delta_log", false),
            std::vector<std::string>{"_delta_log/00000000000000000000.json"});
}

TYPED_TEST(FileSystemConformanceTest, ConcurrentPutIfAbsentHasExactlyOneWinner) {
  constexpr int kThreads = 6;
  for (int round = 0; round < 10; ++round) {
    std::string path = this->Path("log/" + std::to_string(round) + ".json");
    std::atomic<int> winners{0};
    std::atomic<int> losers{0};
    std::atomic<int> winner_id{-1};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Status st = this->fs().PutIfAbsent(path, "writer " + std::to_string(t));
        if (st.ok()) {
          ++winners;
          winner_id = t;
        } else if (st.IsAlreadyExists()) {
          ++losers;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    ASSERT_EQ(winners.load(), 1);
    ASSERT_EQ(losers.load(), kThreads - 1);
    EXPECT_EQ(*this->fs().ReadFile(path), "writer " + std::to_string(winner_id.load()));
  }
  EXPECT_EQ(this->ListedPaths("log", false).size(), 10u);
}

TYPED_TEST(FileSystemConformanceTest, DeleteFile) {
  this->Write("del/a.csv", "1");
  this->Write("del/b.csv", "2");
  ASSERT_TRUE(this->fs().DeleteFile(this->Path("del/a.csv")).ok());
  EXPECT_TRUE(this->fs().GetFileInfo(this->Path("del/a.csv")).status().IsNotFound());
  EXPECT_EQ(this->ListedPaths("del", true), std::vector<std::string>{"del/b.csv"});
  EXPECT_TRUE(this->fs().DeleteFile(this->Path("del/a.csv")).IsNotFound());
}

}  // namespace
}  // namespace inlet
