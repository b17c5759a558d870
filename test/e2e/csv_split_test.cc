// One big CSV file read by both threads at once: the file is cut into byte ranges at true
// record starts (quoted fields hold newlines here), and every row arrives exactly once.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/string_util.h"
#include "inlet/database.h"

namespace inlet {
namespace {

namespace fs = std::filesystem;

class CsvSplitEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = fs::temp_directory_path() / ("inlet-csv-split-" + RandomUuid()); }
  void TearDown() override { fs::remove_all(dir_); }

  // A database on two threads; `split_min_bytes` unset keeps the default threshold (32 MiB).
  std::unique_ptr<Connection> Open(std::optional<int64_t> split_min_bytes) {
    DatabaseOptions options;
    options.warehouse_dir = (dir_ / "warehouse").string();
    options.threads = 2;
    options.split_min_bytes = split_min_bytes;
    auto db = Database::Open(options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    return db_->Connect();
  }

  // Rows `id,note,amount`; every 5th note is quoted and holds a newline (a CRLF every 10th), a
  // comma and a doubled quote, so record starts cannot be told from newlines alone.
  fs::path WriteCsv(const std::string& name, int64_t rows, const std::string& bad_row = "",
                    int64_t bad_at = -1) {
    fs::create_directories(dir_);
    fs::path path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << "id,note,amount\n";
    for (int64_t i = 0; i < rows; ++i) {
      if (i == bad_at) {
        out << bad_row << "\n";
        continue;
      }
      out << i << ',';
      if (i % 5 == 0) {
        out << "\"line one" << (i % 10 == 0 ? "\r\n" : "\n") << "id,\"\"note\"\",amount\"";
      } else {
        out << "plain note " << i % 1000;
      }
      out << ',' << i % 7 << "\n";
    }
    return path;
  }

  fs::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(CsvSplitEndToEndTest, FileOverTheThresholdIsReadByBothThreadsRowsOnce) {
  constexpr int64_t kRows = 1400000;  // about 38 MB
  fs::path csv = WriteCsv("big.csv", kRows);
  ASSERT_GT(fs::file_size(csv), uint64_t{32} << 20);
  auto connection = Open(std::nullopt);
  const std::string create = "CREATE TABLE big (id BIGINT NOT NULL, note VARCHAR, amount INTEGER)";
  ASSERT_TRUE(connection->Query(create).ok());
  auto copied = connection->Query("COPY INTO big FROM '" + csv.string() + "'");
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  std::map<std::string, std::string> metrics;
  for (const auto& row : copied->rows) metrics[*row[0]] = *row[1];
  EXPECT_EQ(metrics["rows_copied"], std::to_string(kRows));
  // One data file per thread that drew a split.
  EXPECT_LE(std::stoi(metrics["files_added"]), 2);

  auto counts = connection->Query(
      "SELECT count(*), count(DISTINCT id), min(id), max(id), sum(amount) FROM big");
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  int64_t amount = 0;
  for (int64_t i = 0; i < kRows; ++i) amount += i % 7;
  EXPECT_EQ(counts->rows[0][0], std::to_string(kRows));
  EXPECT_EQ(counts->rows[0][1], std::to_string(kRows));
  EXPECT_EQ(counts->rows[0][2], "0");
  EXPECT_EQ(counts->rows[0][3], std::to_string(kRows - 1));
  EXPECT_EQ(counts->rows[0][4], std::to_string(amount));
  auto quoted =
      connection->Query("SELECT count(*) FROM big WHERE note = 'line one\r\nid,\"note\",amount'");
  ASSERT_TRUE(quoted.ok()) << quoted.status().ToString();
  EXPECT_EQ(quoted->rows[0][0], std::to_string(kRows / 10));
}

// A bad row near the end of the file is found by the second split, which names its line in the
// file: the lines before the split are counted when the error is reported.
TEST_F(CsvSplitEndToEndTest, RowErrorInALaterSplitNamesItsLineInTheFile) {
  constexpr int64_t kRows = 20000;
  constexpr int64_t kBad = 19000;
  fs::path csv = WriteCsv("bad.csv", kRows, "19000,oops,not a number", kBad);
  auto connection = Open(1);  // split every file
  ASSERT_TRUE(connection->Query("CREATE TABLE t (id BIGINT, note VARCHAR, amount INTEGER)").ok());
  auto copied = connection->Query("COPY INTO t FROM '" + csv.string() + "'");
  ASSERT_FALSE(copied.ok());
  // The header, then rows of one line, except every 5th row (before the bad one) of two.
  const int64_t line = 2 + kBad + kBad / 5;
  EXPECT_EQ(copied.status().message(),
            csv.string() + ":" + std::to_string(line) +
                ": column \"amount\": cannot cast 'not a number' to INTEGER: invalid INTEGER value")
      << copied.status().ToString();
}

}  // namespace
}  // namespace inlet
