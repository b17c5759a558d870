// DuckDB as the oracle for nested columns: DuckDB reads what inlet writes, inlet reads what DuckDB
// writes, and both see the same values. Values are compared as JSON whose leaves are canonical
// text that both sides can produce (DuckDB by SQL, inlet from Values); STRUCTs become objects,
// LISTs arrays and MAPs arrays of {"key", "value"} objects, as the oracle prints them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "formats/parquet/nested_test_data.h"
#include "formats/parquet/parquet_oracle_compare.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "test/util/duckdb_oracle.h"
#include "types/cast.h"

namespace inlet {
namespace {

using parquet::Codec;

using parquet_test::DuckDbRows;
using parquet_test::InletRows;
using parquet_test::JsonRow;
using parquet_test::TempDir;

void WriteNestedFile(const std::string& path, Codec codec, bool dictionary,
                     std::vector<std::vector<Value>>* rows) {
  SchemaPtr schema = parquet_test::NestedSchema();
  for (int64_t i = 0; i < 700; ++i) rows->push_back(parquet_test::NestedRow(i));
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  options.row_group_rows = 300;
  options.data_page_bytes = 1024;
  auto out = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* raw = out.get();
  auto writer = ParquetWriter::Make(std::move(out), schema, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*parquet_test::MakeBatch(schema, *rows)).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  std::ofstream(path, std::ios::binary) << raw->buffer();
}

class InletWritesNestedDuckDbReads : public ::testing::TestWithParam<std::tuple<Codec, bool>> {};

TEST_P(InletWritesNestedDuckDbReads, SameValues) {
  auto [codec, dictionary] = GetParam();
  TempDir dir;
  std::string path = dir.File("inlet.parquet");
  std::vector<std::vector<Value>> rows;
  WriteNestedFile(path, codec, dictionary, &rows);
  SchemaPtr schema = parquet_test::NestedSchema();

  auto types = RunDuckDbQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '" +
                              path + "') WHERE column_name IN ('m', 'deep', 'req')");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(*types,
            (std::vector<std::string>{
                "[\"m\",\"MAP(VARCHAR, STRUCT(b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi "
                "BIGINT, f FLOAT, d DOUBLE, dec9 DECIMAL(9,2), dec18 DECIMAL(18,4), dec38 "
                "DECIMAL(38,10), s VARCHAR, bin BLOB, dt DATE, ts TIMESTAMP, tstz TIMESTAMP WITH "
                "TIME ZONE, t TIME))\"]",
                "[\"deep\",\"STRUCT(a INTEGER[][], m MAP(VARCHAR, VARCHAR[]))[]\"]",
                "[\"req\",\"STRUCT(x INTEGER, y INTEGER[], z MAP(VARCHAR, INTEGER))\"]"}));

  std::vector<std::string> expected;
  for (const auto& row : rows) expected.push_back(JsonRow(row));
  EXPECT_EQ(DuckDbRows(path, *schema), expected);
}

INSTANTIATE_TEST_SUITE_P(Codecs, InletWritesNestedDuckDbReads,
                         ::testing::Combine(::testing::Values(Codec::kUncompressed, Codec::kZstd),
                                            ::testing::Bool()));

// DuckDB rewrites inlet's nested file in its own way (every field OPTIONAL, its own page sizes,
// data pages v1 or v2); inlet reads DuckDB's file back as the values it first wrote.
class DuckDbWritesNestedInletReads : public ::testing::TestWithParam<std::string> {};

TEST_P(DuckDbWritesNestedInletReads, SameValues) {
  TempDir dir;
  std::string inlet_path = dir.File("inlet.parquet");
  std::string duck_path = dir.File("duck.parquet");
  std::vector<std::vector<Value>> rows;
  WriteNestedFile(inlet_path, Codec::kSnappy, true, &rows);
  auto written =
      RunDuckDbQuery("COPY (SELECT * EXCLUDE (file_row_number) FROM read_parquet('" + inlet_path +
                     "', file_row_number = true) ORDER BY file_row_number) TO '" + duck_path +
                     "' (FORMAT parquet, ROW_GROUP_SIZE 256, " + GetParam() + ")");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  Schema schema;
  std::vector<std::string> inlet_rows = InletRows(duck_path, &schema);
  ASSERT_EQ(schema.num_fields(), parquet_test::NestedSchema()->num_fields());
  std::vector<std::string> expected;
  for (const auto& row : rows) expected.push_back(JsonRow(row));
  EXPECT_EQ(inlet_rows, expected);
  EXPECT_EQ(DuckDbRows(duck_path, schema), expected);
}

INSTANTIATE_TEST_SUITE_P(Options, DuckDbWritesNestedInletReads,
                         ::testing::Values("COMPRESSION snappy", "COMPRESSION zstd",
                                           "PARQUET_VERSION V2",
                                           "COMPRESSION gzip, DICTIONARY_SIZE_LIMIT 1"));

// Nested data made by DuckDB's SQL, not by inlet: NULLs and empty lists at every level, lists
// three deep, maps of structs.
TEST(DuckDbWritesNestedInletReads, DataFromSql) {
  TempDir dir;
  std::string path = dir.File("sql.parquet");
  auto written = RunDuckDbQuery(
      "COPY (SELECT i, "
      "CASE WHEN i % 7 = 0 THEN NULL ELSE {'a': i, 'b': 'x' || i, "
      "'c': CASE WHEN i % 3 = 0 THEN NULL ELSE {'d': i * 1.5, 'e': [i, NULL]} END} END AS s, "
      "CASE WHEN i % 5 = 0 THEN NULL ELSE list_transform(range(i % 4), k -> "
      "CASE WHEN k = 2 THEN NULL ELSE list_transform(range(k), j -> "
      "CASE WHEN j = 1 THEN [] ELSE [j, i] END) END) END AS l3, "
      "CASE WHEN i % 6 = 0 THEN NULL ELSE MAP {'k' || i: {'v': i}, 'z': NULL} END AS m, "
      "[{'p': i, 'q': ['a', NULL]}, NULL] AS ls "
      "FROM range(3000) t(i)) TO '" +
      path + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  Schema schema;
  std::vector<std::string> inlet_rows = InletRows(path, &schema);
  EXPECT_EQ(schema.field(2).type.ToString(), "ARRAY<ARRAY<ARRAY<BIGINT>>>");
  EXPECT_EQ(schema.field(3).type.ToString(), "MAP<VARCHAR, STRUCT<v: BIGINT>>");
  ASSERT_EQ(inlet_rows.size(), 3000u);
  EXPECT_EQ(inlet_rows, DuckDbRows(path, schema));
}

}  // namespace
}  // namespace inlet
