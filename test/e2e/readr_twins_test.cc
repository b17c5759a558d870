// readr's twin fixtures (../shared/testdata/readr, see its MANIFEST.md): the same table stored
// compressed several ways, or with CR, LF and CRLF line ends, must load into the same rows.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "inlet/database.h"

namespace inlet {
namespace {

namespace fs = std::filesystem;

class ReadrTwinsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* source_dir = std::getenv("INLET_SOURCE_DIR");
    ASSERT_NE(source_dir, nullptr) << "INLET_SOURCE_DIR is not set";
    readr_ = fs::path(source_dir) / ".." / "shared" / "testdata" / "readr";
    if (!fs::exists(readr_)) GTEST_SKIP() << "no readr fixtures at " << readr_;
    scratch_ = fs::temp_directory_path() / ("inlet_readr_twins_" + std::to_string(getpid()));
    fs::remove_all(scratch_);
    DatabaseOptions options;
    options.warehouse_dir = (scratch_ / "warehouse").string();
    options.threads = 1;
    auto db = Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    connection_ = db_->Connect();
  }
  void TearDown() override {
    connection_.reset();
    db_.reset();
    if (!scratch_.empty()) fs::remove_all(scratch_);
  }

  /// Loads `file` into a new table created from it and returns its rows in file order.
  Result<QueryResult> Load(const std::string& file, const std::string& format_options = "") {
    const std::string table = "t" + std::to_string(++tables_);
    INLET_RETURN_NOT_OK(connection_
                            ->Query("CREATE DELTA TABLE " + table + " LOCATION '" +
                                    (scratch_ / table).string() + "'")
                            .status());
    INLET_RETURN_NOT_OK(connection_
                            ->Query("COPY INTO " + table + " FROM '" + (readr_ / file).string() +
                                    "' FILE_FORMAT = CSV" + format_options)
                            .status());
    return connection_->Query("SELECT * FROM " + table);
  }

  /// Every file of `twins` loads into the table the first one gives, column names and types too.
  void ExpectSameTable(const std::vector<std::string>& twins, const std::string& format_options,
                       size_t expected_rows) {
    Result<QueryResult> first = Load(twins[0], format_options);
    ASSERT_TRUE(first.ok()) << twins[0] << ": " << first.status().ToString();
    EXPECT_EQ(first->rows.size(), expected_rows) << twins[0];
    for (size_t i = 1; i < twins.size(); ++i) {
      Result<QueryResult> twin = Load(twins[i], format_options);
      ASSERT_TRUE(twin.ok()) << twins[i] << ": " << twin.status().ToString();
      EXPECT_EQ(twin->column_names, first->column_names) << twins[i] << " vs " << twins[0];
      EXPECT_EQ(twin->column_types, first->column_types) << twins[i] << " vs " << twins[0];
      EXPECT_EQ(twin->rows, first->rows) << twins[i] << " vs " << twins[0];
    }
  }

  fs::path readr_;
  fs::path scratch_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> connection_;
  int tables_ = 0;
};

TEST_F(ReadrTwinsTest, Bzip2MtcarsGivesThePlainFilesTable) {
  ExpectSameTable({"inst/extdata/mtcars.csv", "inst/extdata/mtcars.csv.bz2"}, "", 32);
}

TEST_F(ReadrTwinsTest, GzipBzip2AndXzTwinsGiveThePlainFilesTable) {
  const std::string fixtures = "tests/testthat/fixtures/";
  ExpectSameTable({fixtures + "eol-cr.txt", fixtures + "eol-cr.txt.gz", fixtures + "eol-cr.txt.bz2",
                   fixtures + "eol-cr.txt.xz"},
                  " FORMAT_OPTIONS ('delimiter' = ' ')", 3);
}

TEST_F(ReadrTwinsTest, CrLfAndCrlfLineEndsGiveTheSameTable) {
  const std::string fixtures = "tests/testthat/fixtures/";
  ExpectSameTable({fixtures + "eol-lf.csv", fixtures + "eol-cr.csv", fixtures + "eol-crlf.csv"},
                  "", 3);
  ExpectSameTable({fixtures + "eol-lf.txt", fixtures + "eol-cr.txt", fixtures + "eol-crlf.txt"},
                  " FORMAT_OPTIONS ('delimiter' = ' ')", 3);
}

// A zip file is an archive of named entries, not a compressed stream: inlet has no zip codec,
// so its twin must fail the load rather than load the archive's bytes as CSV rows.
TEST_F(ReadrTwinsTest, ZipTwinIsRefused) {
  Result<QueryResult> zip = Load("inst/extdata/mtcars.csv.zip");
  EXPECT_FALSE(zip.ok()) << "loaded " << zip->rows.size() << " rows from a zip archive";
}

}  // namespace
}  // namespace inlet
