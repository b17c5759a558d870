#include "exec/error_files.h"

#include <gtest/gtest.h>

#include "fs/fault_injecting_file_system.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

// 2022-03-30 17:32:05.250 UTC
constexpr int64_t kStart = 1648661525'250000;

RowError Row(std::string file, int64_t line, std::string raw_line, std::string column,
             std::string reason) {
  RowError error;
  error.kind = RowErrorKind::kCast;
  error.file = std::move(file);
  error.line = line;
  error.raw_line = std::move(raw_line);
  error.column_name = std::move(column);
  error.reason = std::move(reason);
  return error;
}

RowError FileError(std::string file, std::string reason) {
  RowError error;
  error.file = std::move(file);
  error.reason = std::move(reason);
  return error;
}

std::string Read(FileSystem& fs, const std::string& path) {
  Result<std::string> contents = fs.ReadFile(path);
  EXPECT_TRUE(contents.ok()) << contents.status().ToString();
  return contents.ok() ? *contents : "";
}

TEST(ErrorFilesTest, FolderNameIsTheStartTimeInUtcAndTheQueryId) {
  EXPECT_EQ(ErrorFilesFolderName(kStart, "42"), "20220330-173205-42");
  EXPECT_EQ(ErrorFilesFolderName(0, "7"), "19700101-000000-7");
}

TEST(ErrorFilesTest, WritesRejectedRowsAsTheyWereAndTheReasons) {
  MemoryFileSystem fs;
  std::vector<RowError> errors = {
      Row("in/a.csv", 3, "3,abc,x", "qty", "cannot cast 'abc' to INTEGER"),
      // A second error of the same row: one rejected row, two reasons.
      Row("in/a.csv", 3, "3,abc,x", "note", "value too long for VARCHAR(0)"),
      // A quoted field over two lines stays as it was, line ending included.
      Row("in/a.csv", 7, "7,\"two\nlines\",\"say \"\"hi\"\"\"\r\n", "", "expected 2 fields, found 3"),
      Row("in/b, c.csv", 2, "x", "id", "NULL for NOT NULL column"),
      FileError("in/d.csv", "not a gzip file"),
  };
  Result<ErrorFilesWritten> written = WriteErrorFiles(fs, "/errors/", kStart, "42", errors);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->folder, "/errors/20220330-173205-42");
  EXPECT_EQ(written->rejected_rows, 3);
  EXPECT_EQ(written->error_reasons, 5);
  EXPECT_EQ(Read(fs, "/errors/20220330-173205-42/rejected_rows.csv"),
            "3,abc,x\n"
            "7,\"two\nlines\",\"say \"\"hi\"\"\"\r\n"
            "x\n");
  EXPECT_EQ(Read(fs, "/errors/20220330-173205-42/error_reasons.csv"),
            "file_name,source_line_num,error_message\n"
            "in/a.csv,3,\"column \"\"qty\"\": cannot cast 'abc' to INTEGER\"\n"
            "in/a.csv,3,\"column \"\"note\"\": value too long for VARCHAR(0)\"\n"
            "in/a.csv,7,\"expected 2 fields, found 3\"\n"
            "\"in/b, c.csv\",2,\"column \"\"id\"\": NULL for NOT NULL column\"\n"
            "in/d.csv,0,not a gzip file\n");
}

TEST(ErrorFilesTest, RowsWithoutTextWriteOnlyTheReasons) {
  MemoryFileSystem fs;
  std::vector<RowError> errors = {
      FileError("p/players.parquet", "column playerid: cannot cast INTEGER to DATE")};
  Result<ErrorFilesWritten> written = WriteErrorFiles(fs, "/errors", kStart, "9", errors);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->rejected_rows, 0);
  EXPECT_TRUE(fs.GetFileInfo("/errors/20220330-173205-9/rejected_rows.csv").status().IsNotFound());
  EXPECT_EQ(Read(fs, "/errors/20220330-173205-9/error_reasons.csv"),
            "file_name,source_line_num,error_message\n"
            "p/players.parquet,0,column playerid: cannot cast INTEGER to DATE\n");
}

TEST(ErrorFilesTest, ManyRowsGoOutInChunks) {
  MemoryFileSystem fs;
  std::vector<RowError> errors;
  std::string expected;
  for (int i = 1; i <= 30000; ++i) {
    std::string line = std::to_string(i) + "," + std::string(60, 'x');
    errors.push_back(Row("big.csv", i, line, "id", "bad"));
    expected += line + "\n";
  }
  Result<ErrorFilesWritten> written = WriteErrorFiles(fs, "/e", kStart, "1", errors);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->rejected_rows, 30000);
  EXPECT_EQ(Read(fs, "/e/20220330-173205-1/rejected_rows.csv"), expected);
}

TEST(ErrorFilesTest, AFailedWriteNamesTheFileAndLeavesNoPartFile) {
  auto base = std::make_shared<MemoryFileSystem>();
  FaultInjectingFileSystem fs(base);
  std::vector<RowError> errors = {Row("a.csv", 2, "2,x", "id", "bad")};
  // Write calls: open, write and close of rejected_rows.csv, then of error_reasons.csv.
  fs.Arm({FaultKind::kDiskFull, 5, false});
  Result<ErrorFilesWritten> written = WriteErrorFiles(fs, "/e", kStart, "1", errors);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().message(),
            "ERROR_FILE: cannot write '/e/20220330-173205-1/error_reasons.csv': No space left on "
            "device (injected fault)");
  EXPECT_TRUE(base->GetFileInfo("/e/20220330-173205-1/rejected_rows.csv").ok());
  EXPECT_TRUE(base->GetFileInfo("/e/20220330-173205-1/error_reasons.csv").status().IsNotFound());

  fs.Arm({FaultKind::kIOError, 1, false});
  written = WriteErrorFiles(fs, "/f", kStart, "1", errors);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().code(), StatusCode::kIOError);
  EXPECT_EQ(written.status().message().substr(0, 12), "ERROR_FILE: ");
}

}  // namespace
}  // namespace inlet
