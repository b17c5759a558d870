// End-to-end through the embedding API: real files from ../shared/testdata loaded with COPY INTO,
// checked against their published expectations, and DuckDB reading inlet's data files back.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "common/string_util.h"
#include "inlet/database.h"
#include "test/util/duckdb_oracle.h"

namespace inlet {
namespace {

namespace fs = std::filesystem;

std::string SourceDir() {
  const char* dir = std::getenv("INLET_SOURCE_DIR");
  return dir ? dir : ".";
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class EndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("inlet-e2e-" + RandomUuid());
    DatabaseOptions options;
    options.warehouse_dir = (dir_ / "warehouse").string();
    options.threads = 2;
    auto db = Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    connection_ = db_->Connect();
  }
  void TearDown() override {
    connection_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  QueryResult Run(const std::string& sql) {
    auto result = connection_->Query(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n" << result.status().ToString();
    return result.ok() ? *result : QueryResult{};
  }

  fs::path dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> connection_;
};

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// csv-spectrum: every file loads into an all-VARCHAR table whose rows equal json/<name>.json.
TEST_F(EndToEndTest, CsvSpectrumMatchesItsJsonExpectations) {
  fs::path corpus = fs::path(SourceDir()) / "../shared/testdata/csv-spectrum";
  ASSERT_TRUE(fs::exists(corpus / "csvs")) << corpus;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(corpus / "csvs")) {
    std::string name = entry.path().stem().string();
    std::string csv_text = ReadText(entry.path());
    simdjson::dom::parser parser;
    simdjson::padded_string json = simdjson::padded_string(ReadText(corpus / "json" / (name + ".json")));
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << name;
    // One file's expectation is a bare object rather than an array of one (upstream's quirk).
    std::vector<simdjson::dom::object> expected_rows;
    if (root.is_array()) {
      for (simdjson::dom::element row : root.get_array()) expected_rows.push_back(row.get_object());
    } else {
      expected_rows.push_back(root.get_object());
    }
    SCOPED_TRACE(name);
    std::vector<std::string> columns;
    for (auto field : expected_rows.front()) columns.emplace_back(field.key);
    std::string table = "spectrum_" + name;
    std::string create = "CREATE TABLE " + table + " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      create += (i ? ", " : "") + QuoteIdentifier(columns[i]) + " VARCHAR";
    }
    Run(create + ")");
    Run("COPY INTO " + table + " FROM '" + entry.path().string() + "'");
    QueryResult result = Run("SELECT * FROM " + table);
    ASSERT_EQ(result.rows.size(), expected_rows.size());
    for (size_t r = 0; r < expected_rows.size(); ++r) {
      for (size_t c = 0; c < columns.size(); ++c) {
        std::string_view expected_view;
        ASSERT_EQ(expected_rows[r][columns[c]].get(expected_view), simdjson::SUCCESS);
        std::string expected(expected_view);
        // The shared copy of the *_crlf files lost its CRs; the JSON still expects them.
        if (csv_text.find('\r') == std::string::npos) {
          for (size_t p; (p = expected.find("\r\n")) != std::string::npos;) expected.erase(p, 1);
        }
        // Upstream's known bug: location_coordinates.json has another phone number than the CSV.
        if (name == "location_coordinates" && columns[c] == "Contact Phone Number") {
          expected = "2095257564";
        }
        ASSERT_TRUE(result.rows[r][c].has_value()) << "row " << r << " column " << columns[c];
        EXPECT_EQ(*result.rows[r][c], expected) << "row " << r << " column " << columns[c];
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

// DuckDB reads the table's Parquet files and sees exactly what inlet's SELECT shows.
TEST_F(EndToEndTest, DuckDbReadsTheSameValues) {
  const char* header = "id,b,ti,si,i,bi,f,d,dec,big_dec,s,dt,ts,tz,bin\n";
  fs::path first = dir_ / "types-1.csv";
  fs::path second = dir_ / "types-2.csv";
  {
    std::ofstream out(first);
    out << header
        << "1,true,-128,-32768,-2147483648,-9223372036854775808,1.5,0.1,-12345.67,"
           "-12345678901234567890.123456789,plain,1969-12-31,1969-12-31 23:59:59.999999,"
           "2024-01-01 10:00:00+02,abc\n"
        << "2,false,127,32767,2147483647,9223372036854775807,-3.25,1e+20,99999.99,"
           "12345678901234567890.123456789,\"quoted, \"\"text\"\"\",2024-02-29,"
           "2024-02-29 12:34:56.5,2024-06-30 23:59:59Z,\n";
    std::ofstream out2(second);
    out2 << header << "3,,,,,,,,,,,,,,\n"
        << "4,true,0,0,0,0,0,-0.5,0.00,0,naïve ☃,1900-01-01,2262-04-11 23:47:16,1970-01-01 00:00:00Z,x\n";
  }
  Run("CREATE TABLE types (id INTEGER NOT NULL, b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, "
      "bi BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(7,2), big_dec DECIMAL(38,9), s VARCHAR, dt DATE, "
      "ts TIMESTAMP, tz TIMESTAMPTZ, bin BINARY)");
  // Two commits, so the table has several data files.
  Run("COPY INTO types FROM '" + first.string() + "'");
  Run("COPY INTO types FROM '" + second.string() + "' FORMAT_OPTIONS ('header' = 'true')");
  QueryResult mine = Run("SELECT * FROM types ORDER BY id");
  ASSERT_EQ(mine.rows.size(), 4u);

  std::string table_dir = (dir_ / "warehouse/types").string();
  auto duck = RunDuckDbQuery("SET TimeZone = 'UTC'; SELECT COLUMNS(*)::VARCHAR FROM read_parquet('" +
                             table_dir + "/*.parquet') ORDER BY id");
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  ASSERT_EQ(duck->size(), mine.rows.size());
  for (size_t r = 0; r < mine.rows.size(); ++r) {
    simdjson::dom::parser parser;
    simdjson::dom::array cells;
    ASSERT_EQ(parser.parse((*duck)[r]).get(cells), simdjson::SUCCESS) << (*duck)[r];
    size_t c = 0;
    for (simdjson::dom::element cell : cells) {
      std::optional<std::string> theirs;
      if (!cell.is_null()) theirs = std::string(cell.get_string().value());
      EXPECT_EQ(mine.rows[r][c], theirs) << "row " << r << " column " << mine.column_names[c];
      ++c;
    }
    EXPECT_EQ(c, mine.column_names.size());
  }
}

// Many small source files become a few data files (one per thread at most), each row once, and
// every source file is tracked so the next COPY loads none of them again.
TEST_F(EndToEndTest, ManySmallFilesMakeFewDataFiles) {
  fs::path in = dir_ / "small";
  fs::create_directories(in);
  constexpr int kFiles = 40;
  for (int f = 0; f < kFiles; ++f) {
    std::ofstream out(in / ("part-" + std::to_string(f) + ".csv"));
    out << "id,v\n";
    for (int r = 0; r < 25; ++r) out << f * 25 + r << ",row" << r << "\n";
  }
  Run("CREATE TABLE small (id INTEGER, v VARCHAR)");
  QueryResult copied = Run("COPY INTO small FROM '" + in.string() + "'");
  std::map<std::string, std::string> metrics;
  for (const auto& row : copied.rows) metrics[*row[0]] = *row[1];
  EXPECT_EQ(metrics["rows_copied"], "1000");
  EXPECT_EQ(metrics["files_processed"], std::to_string(kFiles));
  int data_files = std::stoi(metrics["files_added"]);
  EXPECT_GE(data_files, 1);
  EXPECT_LE(data_files, 2);  // the fixture's two threads

  QueryResult counts = Run("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM small");
  ASSERT_EQ(counts.rows.size(), 1u);
  EXPECT_EQ(counts.rows[0][0], "1000");
  EXPECT_EQ(counts.rows[0][1], "1000");
  EXPECT_EQ(counts.rows[0][2], "0");
  EXPECT_EQ(counts.rows[0][3], "999");

  QueryResult again = Run("COPY INTO small FROM '" + in.string() + "'");
  metrics.clear();
  for (const auto& row : again.rows) metrics[*row[0]] = *row[1];
  EXPECT_EQ(metrics["files_skipped"], std::to_string(kFiles));
  EXPECT_EQ(metrics["rows_copied"], "0");
}

// A Parquet file of many row groups is read by both threads at once (split by row groups), each
// row exactly once. DuckDB writes the file, as a user's files come from other writers.
TEST_F(EndToEndTest, BigParquetFileIsReadBySeveralThreads) {
  fs::path file = dir_ / "many_groups.parquet";
  auto written = RunDuckDbQuery(
      "COPY (SELECT i AS id, 'v' || i AS v FROM range(100000) t(i)) TO '" + file.string() +
      "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
  ASSERT_TRUE(written.ok()) << written.status().ToString();

  DatabaseOptions options;
  options.warehouse_dir = (dir_ / "split-warehouse").string();
  options.threads = 2;
  options.split_min_bytes = 1;  // split every file
  auto db = Database::Open(options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto connection = (*db)->Connect();
  ASSERT_TRUE(connection->Query("CREATE TABLE big (id BIGINT NOT NULL, v VARCHAR(10))").ok());
  auto copied = connection->Query("COPY INTO big FROM '" + file.string() + "'");
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  std::map<std::string, std::string> metrics;
  for (const auto& row : copied->rows) metrics[*row[0]] = *row[1];
  EXPECT_EQ(metrics["rows_copied"], "100000");
  EXPECT_EQ(metrics["files_processed"], "1");
  // One data file per thread that drew a split (usually both).
  EXPECT_GE(std::stoi(metrics["files_added"]), 1);
  EXPECT_LE(std::stoi(metrics["files_added"]), 2);

  auto counts = connection->Query(
      "SELECT count(*), count(DISTINCT id), min(id), max(id), max(v) FROM big");
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->rows[0][0], "100000");
  EXPECT_EQ(counts->rows[0][1], "100000");
  EXPECT_EQ(counts->rows[0][2], "0");
  EXPECT_EQ(counts->rows[0][3], "99999");
  EXPECT_EQ(counts->rows[0][4], "v99999");
}

// Bad rows spread over a file that both threads read in splits: under ON_ERROR = CONTINUE every
// good row loads once and no bad one does, and every bad row is reported with its file line;
// under SKIP_FILE_n the file loads nothing however its splits were shared out, and it is not
// recorded as loaded.
TEST_F(EndToEndTest, RejectedRowsAcrossSplitsLoseNoGoodRow) {
  constexpr int kRows = 200000;
  fs::path in = dir_ / "in";
  fs::create_directories(in);
  std::ofstream out(in / "rows.csv", std::ios::binary);
  out << "id,qty\n";
  int64_t good_sum = 0, good_rows = 0;
  std::vector<int> bad_lines;
  for (int i = 1; i <= kRows; ++i) {
    if (i % 997 == 0) {
      out << i << ",x" << i << "\n";
      bad_lines.push_back(i + 1);  // after the header line
    } else {
      out << i << "," << (i % 7) << "\n";
      good_sum += i;
      ++good_rows;
    }
  }
  out.close();

  DatabaseOptions options;
  options.warehouse_dir = (dir_ / "split-warehouse").string();
  options.threads = 2;
  options.split_min_bytes = 1;  // split every file
  auto db = Database::Open(options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto connection = (*db)->Connect();
  for (const char* table : {"cont", "skipped"}) {
    ASSERT_TRUE(connection->Query(std::string("CREATE TABLE ") + table +
                                  " (id BIGINT, qty INTEGER)").ok());
  }
  auto copied = connection->Query("COPY INTO cont FROM '" + in.string() +
                                  "' FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1) ON_ERROR = CONTINUE");
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  ASSERT_EQ(copied->rows.size(), 1u);
  EXPECT_EQ(copied->rows[0][1], "PARTIALLY_LOADED");
  EXPECT_EQ(copied->rows[0][2], std::to_string(kRows));          // rows_parsed
  EXPECT_EQ(copied->rows[0][3], std::to_string(good_rows));      // rows_loaded
  EXPECT_EQ(copied->rows[0][5], std::to_string(bad_lines.size()));  // errors_seen
  EXPECT_EQ(copied->rows[0][7], std::to_string(bad_lines.front()));  // first_error_line

  auto counts = connection->Query("SELECT count(*), count(DISTINCT id), sum(id) FROM cont");
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->rows[0][0], std::to_string(good_rows));
  EXPECT_EQ(counts->rows[0][1], std::to_string(good_rows));
  EXPECT_EQ(counts->rows[0][2], std::to_string(good_sum));
  auto lines = connection->Query(
      "SELECT line_number, raw_field_value FROM stl_load_errors ORDER BY line_number");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->rows.size(), bad_lines.size());
  for (size_t i = 0; i < bad_lines.size(); ++i) {
    EXPECT_EQ(lines->rows[i][0], std::to_string(bad_lines[i]));
    EXPECT_EQ(lines->rows[i][1], "x" + std::to_string(bad_lines[i] - 1));
  }

  const std::string skip_copy = "COPY INTO skipped FROM '" + in.string() +
                                "' FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1) ON_ERROR = SKIP_FILE_50";
  auto skipped = connection->Query(skip_copy);
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_EQ(skipped->rows[0][1], "LOAD_FAILED");
  EXPECT_EQ(skipped->rows[0][3], "0");
  auto none = connection->Query("SELECT count(*) FROM skipped");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->rows[0][0], "0");
  // Not recorded as loaded: the next COPY reads it again.
  auto again = connection->Query(skip_copy);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->rows[0][1], "LOAD_FAILED");
}

}  // namespace
}  // namespace inlet
