// DuckDB as the oracle for the writer's options: data pages v2 (flat and nested, every codec) and
// compression levels read back in DuckDB as the values inlet wrote.
#include <gtest/gtest.h>

#include <fstream>

#include "formats/parquet/nested_test_data.h"
#include "formats/parquet/parquet_oracle_compare.h"
#include "formats/parquet/writer_test_util.h"
#include "test/util/duckdb_oracle.h"

namespace inlet {
namespace {

using parquet::Codec;
using parquet_test::DuckDbRows;
using parquet_test::JsonRow;
using parquet_test::TempDir;

// Writes `rows` to `path` and returns what DuckDB should print for them.
std::vector<std::string> WriteForDuckDb(const std::string& path, const SchemaPtr& schema,
                                        const std::vector<std::vector<Value>>& rows,
                                        const ParquetWriterOptions& options) {
  const std::string bytes = parquet_test::WriteRows(schema, rows, options).bytes;
  std::ofstream(path, std::ios::binary) << bytes;
  // DuckDB does not show page types, so our own page header parser says what DuckDB is given.
  const parquet::PageType expected_type = options.data_page_version == 2
                                              ? parquet::PageType::kDataPageV2
                                              : parquet::PageType::kDataPage;
  std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
  for (const parquet::RowGroup& group : reader->metadata().row_groups) {
    for (const parquet::ColumnChunk& chunk : group.columns) {
      for (const parquet_test::PageInFile& page : parquet_test::DataPages(bytes, chunk)) {
        EXPECT_EQ(page.header.type, expected_type);
      }
    }
  }
  std::vector<std::string> expected;
  for (const auto& row : rows) expected.push_back(JsonRow(row));
  return expected;
}

class DuckDbReadsDataPagesV2 : public ::testing::TestWithParam<Codec> {};

TEST_P(DuckDbReadsDataPagesV2, FlatColumns) {
  TempDir dir;
  const std::string path = dir.File("v2.parquet");
  SchemaPtr schema = parquet_test::AllTypesSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 2500; ++i) rows.push_back(parquet_test::AllTypesRow(i));
  ParquetWriterOptions options;
  options.codec = GetParam();
  options.data_page_version = 2;
  options.row_group_rows = 1000;
  options.data_page_bytes = 2048;
  // Dictionary pages for the first half of each chunk, PLAIN after the fallback.
  options.dictionary_page_bytes = 1024;
  const std::vector<std::string> expected = WriteForDuckDb(path, schema, rows, options);
  EXPECT_EQ(DuckDbRows(path, *schema), expected);
}

TEST_P(DuckDbReadsDataPagesV2, NestedColumns) {
  TempDir dir;
  const std::string path = dir.File("v2-nested.parquet");
  SchemaPtr schema = parquet_test::NestedSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 700; ++i) rows.push_back(parquet_test::NestedRow(i));
  ParquetWriterOptions options;
  options.codec = GetParam();
  options.data_page_version = 2;
  options.row_group_rows = 300;
  options.data_page_bytes = 128;
  const std::vector<std::string> expected = WriteForDuckDb(path, schema, rows, options);
  EXPECT_EQ(DuckDbRows(path, *schema), expected);
}

INSTANTIATE_TEST_SUITE_P(Codecs, DuckDbReadsDataPagesV2,
                         ::testing::Values(Codec::kUncompressed, Codec::kSnappy, Codec::kZstd,
                                           Codec::kGzip, Codec::kLz4Raw),
                         [](const testing::TestParamInfo<Codec>& info) {
                           return parquet::CodecName(info.param);
                         });

TEST(DuckDbReadsCompressionLevels, GzipAndZstd) {
  TempDir dir;
  SchemaPtr schema = parquet_test::AllTypesSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 1000; ++i) rows.push_back(parquet_test::AllTypesRow(i));
  for (auto [codec, level] :
       {std::pair{Codec::kGzip, 1}, std::pair{Codec::kGzip, 9}, std::pair{Codec::kZstd, 22}}) {
    SCOPED_TRACE(parquet::CodecName(codec) + " " + std::to_string(level));
    const std::string path = dir.File("level" + std::to_string(level) + ".parquet");
    ParquetWriterOptions options;
    options.codec = codec;
    options.compression_level = level;
    const std::vector<std::string> expected = WriteForDuckDb(path, schema, rows, options);
    EXPECT_EQ(DuckDbRows(path, *schema), expected);
  }
}

// Delta column mapping: DuckDB sees the physical names and the field ids inlet writes, and reads
// the values under those names.
TEST(DuckDbReadsFieldIds, PhysicalNamesAndIdsOfNestedFields) {
  TempDir dir;
  const std::string path = dir.File("ids.parquet");
  LogicalType inner = LogicalType::Struct({{"x", LogicalType::Integer(), true}});
  auto schema = std::make_shared<Schema>(
      std::vector<Field>{Field{"id", LogicalType::BigInt(), false, std::nullopt},
                         Field{"s", inner, true, std::nullopt}});
  ParquetWriterOptions options;
  options.field_naming = {{"col-1", 1, {}}, {"col-2", 2, {{"col-3", 3, {}}}}};
  std::vector<std::vector<Value>> rows = {
      {Value::Int(LogicalType::BigInt(), 7),
       Value::Struct(inner, {Value::Int(LogicalType::Integer(), 8)})}};
  std::ofstream(path, std::ios::binary) << parquet_test::WriteRows(schema, rows, options).bytes;
  auto described = RunDuckDbQuery("SELECT name, field_id::INTEGER FROM parquet_schema('" + path +
                                  "') ORDER BY name");
  ASSERT_TRUE(described.ok()) << described.status().ToString();
  EXPECT_EQ(*described, (std::vector<std::string>{R"(["col-1",1])", R"(["col-2",2])",
                                                  R"(["col-3",3])", R"(["schema",null])"}));
  auto values = RunDuckDbQuery("SELECT \"col-1\", \"col-2\".\"col-3\" FROM '" + path + "'");
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  // DuckDB prints a BIGINT as a JSON string.
  EXPECT_EQ(*values, (std::vector<std::string>{R"(["7",8])"}));
}

}  // namespace
}  // namespace inlet
