// Tables Spark and delta-rs wrote, read through TableScan: every DAT case at every version it has
// expected contents for, compared row for row, and the golden tables whose recipes are known.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "delta/delta_table.h"
#include "exec/table_scan.h"
#include "formats/parquet/parquet_reader.h"
#include "fs/local/local_file_system.h"
#include "types/cast.h"

namespace inlet {
namespace {

namespace fs = std::filesystem;

fs::path TestDataRoot() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return fs::path(source_dir == nullptr ? "." : source_dir) / ".." / "shared" / "testdata";
}

std::string RowText(const Row& row) {
  std::string text;
  for (const Value& value : row) text += value.ToString() + "|";
  return text;
}

// Every row of the table at `version`, as text, sorted.
Result<std::vector<std::string>> ScanTable(const fs::path& root, std::optional<int64_t> version,
                                           Schema* schema) {
  DeltaTable table(std::make_shared<LocalFileSystem>(), fs::absolute(root).lexically_normal());
  INLET_ASSIGN_OR_RETURN(Snapshot snapshot, table.LoadSnapshot(version));
  *schema = snapshot.schema();
  TableScan scan(table, snapshot);
  std::vector<std::string> rows;
  std::vector<Row> batch;
  while (true) {
    INLET_ASSIGN_OR_RETURN(bool more, scan.Next(&batch));
    if (!more) break;
    for (const Row& row : batch) rows.push_back(RowText(row));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The rows of the expected Parquet files, columns in the table's order and cast to its types.
Result<std::vector<std::string>> ExpectedRows(const fs::path& folder, const Schema& schema) {
  std::vector<std::string> rows;
  LocalFileSystem local;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".parquet") continue;
    INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                           local.OpenInputFile(entry.path().string()));
    INLET_ASSIGN_OR_RETURN(auto reader,
                           ParquetFileReader::Open(std::move(file), entry.path().string()));
    std::vector<int> columns;
    for (const Field& field : schema.fields()) {
      int index = reader->schema().FindField(field.name);
      if (index < 0) return Status::InvalidData("expected rows lack column " + field.name);
      columns.push_back(index);
    }
    for (int g = 0; g < reader->num_row_groups(); ++g) {
      INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->ReadRowGroup(g, columns));
      for (int64_t r = 0; r < batch->num_rows(); ++r) {
        Row row;
        for (size_t c = 0; c < schema.num_fields(); ++c) {
          Value value = batch->column(c)->GetValue(r);
          if (!(value.type() == schema.field(c).type)) {
            INLET_ASSIGN_OR_RETURN(value, CastValue(value, schema.field(c).type));
          }
          row.push_back(std::move(value));
        }
        rows.push_back(RowText(row));
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::optional<int64_t> ExpectedVersion(const fs::path& metadata_json) {
  std::ifstream in(metadata_json);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch match;
  if (!std::regex_search(text, match, std::regex("\"version\"\\s*:\\s*(\\d+)")))
    return std::nullopt;
  return std::stoll(match[1]);
}

TEST(DeltaInteropTest, EveryDatCaseAtEveryVersionReadsItsExpectedRows) {
  const fs::path root = TestDataRoot() / "delta-dat/tests/data/reader_tests";
  if (!fs::exists(root)) GTEST_SKIP() << "no test data at " << root;
  int compared = 0;
  for (const auto& test_case : fs::directory_iterator(root)) {
    for (const auto& expected : fs::directory_iterator(test_case.path() / "expected")) {
      SCOPED_TRACE(test_case.path().filename().string() + " " +
                   expected.path().filename().string());
      std::optional<int64_t> version =
          ExpectedVersion(expected.path() / "table_version_metadata.json");
      ASSERT_TRUE(version.has_value());
      Schema schema;
      Result<std::vector<std::string>> actual =
          ScanTable(test_case.path() / "delta", version, &schema);
      ASSERT_TRUE(actual.ok()) << actual.status().ToString();
      Result<std::vector<std::string>> wanted =
          ExpectedRows(expected.path() / "table_content", schema);
      ASSERT_TRUE(wanted.ok()) << wanted.status().ToString();
      EXPECT_EQ(*actual, *wanted);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 19);
}

struct GoldenCase {
  const char* table;
  size_t rows;
  // Some rows the table must hold, as RowText prints them.
  std::vector<std::string> holds;
  // A table written with the same rows without the feature under test.
  const char* same_rows_as = nullptr;
};

TEST(DeltaInteropTest, GoldenTablesReadAsTheirRecipesSay) {
  const fs::path root =
      TestDataRoot() / "delta-golden/connectors/golden-tables/src/main/resources/golden";
  if (!fs::exists(root)) GTEST_SKIP() << "no test data at " << root;
  const std::vector<GoldenCase> cases = {
      {"data-reader-primitives", 11, {"0|0|0|0|true|0.0|0.0|0|\\x00\\x00|0|"}},
      {"data-reader-escaped-chars", 3, {"foo1|bar+%21|", "foo2|bar+%22|", "foo3|bar+%23|"}},
      {"data-reader-partition-values", 3, {}},
      {"data-reader-nested-struct", 10, {"{'aa': 0, 'ab': 0, 'ac': {'aca': 0, 'acb': 0}}|0|"}},
      {"data-reader-map", 10, {}},
      {"data-reader-array-primitives", 10, {}},
      // Three DELETEs (ids 0, 7, 14), each a new deletion vector on the one file.
      {"log-replay-dv-key-cases", 47, {"1|", "8|", "15|"}},
      {"dv-partitioned-with-checkpoint", 35, {}},
      {"dv-with-columnmapping", 35, {}, "dv-partitioned-with-checkpoint"},
      {"data-reader-timestamp_ntz",
       9,
       {"0|2021-11-18 02:30:00.123456|2021-11-18 02:30:00.123456|"}},
      {"data-reader-timestamp_ntz-name-mode", 9, {}, "data-reader-timestamp_ntz"},
      {"data-reader-timestamp_ntz-id-mode", 9, {}, "data-reader-timestamp_ntz"},
      {"data-skipping-basic-stats-all-types", 1, {}},
      {"data-skipping-basic-stats-all-types-columnmapping-name",
       1,
       {},
       "data-skipping-basic-stats-all-types"},
      {"data-skipping-basic-stats-all-types-columnmapping-id",
       1,
       {},
       "data-skipping-basic-stats-all-types"},
      {"decimal-various-scale-precision", 3, {}},
      {"kernel-timestamp-partition-col-ISO8601",
       2,
       {"2024-01-01 10:00:00|2024-01-01 10:00:00+00|"}},
  };
  for (const GoldenCase& c : cases) {
    SCOPED_TRACE(c.table);
    Schema schema;
    Result<std::vector<std::string>> rows = ScanTable(root / c.table, std::nullopt, &schema);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(rows->size(), c.rows);
    for (const std::string& row : c.holds) {
      EXPECT_TRUE(std::binary_search(rows->begin(), rows->end(), row))
          << row << " not among " << ::testing::PrintToString(*rows);
    }
    if (c.same_rows_as != nullptr) {
      Schema other_schema;
      Result<std::vector<std::string>> other =
          ScanTable(root / c.same_rows_as, std::nullopt, &other_schema);
      ASSERT_TRUE(other.ok()) << other.status().ToString();
      EXPECT_EQ(*rows, *other);
      EXPECT_EQ(schema, other_schema);
    }
  }
}

}  // namespace
}  // namespace inlet
