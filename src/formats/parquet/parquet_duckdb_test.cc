// DuckDB as the oracle: it reads what inlet writes, and inlet reads what it writes, and both sides
// must see the same values. Values are compared in a canonical text form both can produce.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "formats/parquet/parquet_oracle_compare.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_test_util.h"
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

class InletWritesDuckDbReads : public ::testing::TestWithParam<std::tuple<Codec, bool>> {};

TEST_P(InletWritesDuckDbReads, SameValues) {
  auto [codec, dictionary] = GetParam();
  TempDir dir;
  std::string path = dir.File("inlet.parquet");
  SchemaPtr schema = parquet_test::AllTypesSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 2500; ++i) rows.push_back(parquet_test::AllTypesRow(i));
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  options.row_group_rows = 1000;
  options.data_page_bytes = 2048;
  auto out = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* raw = out.get();
  auto writer = ParquetWriter::Make(std::move(out), schema, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*parquet_test::MakeBatch(schema, rows)).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  std::ofstream(path, std::ios::binary) << raw->buffer();

  auto types = RunDuckDbQuery("SELECT column_type FROM (DESCRIBE SELECT * FROM '" + path + "')");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(*types,
            (std::vector<std::string>{
                "[\"BOOLEAN\"]", "[\"TINYINT\"]", "[\"SMALLINT\"]", "[\"INTEGER\"]", "[\"BIGINT\"]",
                "[\"FLOAT\"]", "[\"DOUBLE\"]", "[\"DECIMAL(9,2)\"]", "[\"DECIMAL(18,4)\"]",
                "[\"DECIMAL(38,10)\"]", "[\"VARCHAR\"]", "[\"BLOB\"]", "[\"DATE\"]",
                "[\"TIMESTAMP\"]", "[\"TIMESTAMP WITH TIME ZONE\"]"}));

  std::vector<std::string> expected;
  for (const auto& row : rows) expected.push_back(JsonRow(row));
  EXPECT_EQ(DuckDbRows(path, *schema), expected);

  // The footer's min/max per row group, as DuckDB decodes them, match the data's.
  for (const char* column : {"i", "bi", "s", "dt", "dec9"}) {
    SCOPED_TRACE(column);
    auto stats = RunDuckDbQuery(
        "SELECT row_group_id, stats_min_value, stats_max_value, stats_null_count FROM "
        "parquet_metadata('" +
        path + "') WHERE path_in_schema = '" + column + "' ORDER BY row_group_id");
    auto data = RunDuckDbQuery("SELECT file_row_number // 1000, min(" + std::string(column) +
                               ")::VARCHAR, max(" + column + ")::VARCHAR, count(*) - count(" +
                               column + ") FROM read_parquet('" + path +
                               "', file_row_number = true) GROUP BY 1 ORDER BY 1");
    ASSERT_TRUE(stats.ok() && data.ok()) << stats.status().ToString() << data.status().ToString();
    EXPECT_EQ(*stats, *data);
  }
}

INSTANTIATE_TEST_SUITE_P(Codecs, InletWritesDuckDbReads,
                         ::testing::Combine(::testing::Values(Codec::kUncompressed, Codec::kSnappy,
                                                              Codec::kZstd, Codec::kGzip,
                                                              Codec::kLz4Raw),
                                            ::testing::Bool()));

// Columns of every type DuckDB maps to an inlet type; `i` makes some low and some high
// cardinality, with NULLs.
constexpr const char* kDuckDbSelect =
    "SELECT i % 3 = 0 AS b, (i % 100 - 50)::TINYINT AS ti, (i * 7 - 20000)::SMALLINT AS si, "
    "CASE WHEN i % 11 = 0 THEN NULL ELSE i * 7919 END::INTEGER AS i, "
    "(i * 1234567890123)::BIGINT AS bi, (i * 0.25)::FLOAT AS f, (i / 7)::DOUBLE AS d, "
    "(i * 1.25)::DECIMAL(9,2) AS dec9, (i * -3.3333)::DECIMAL(18,4) AS dec18, "
    "(i::HUGEINT * 1000000000000000000000)::DECIMAL(38,0) AS dec38, "
    "CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || (i % 20) END AS low, "
    "'unique-' || i || 'é' AS high, ('\\x00\\xff' || i)::BLOB AS bin, "
    "DATE '2000-01-01' + (i % 4000)::INTEGER AS dt, "
    "TIMESTAMP '1965-06-01 12:00:00' + to_microseconds(i * 1000003) AS ts, "
    "TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i) AS tstz, "
    "i::UINTEGER AS ui, (i + 18446744073709500000)::UBIGINT AS ubi "
    "FROM range(5000) t(i)";

class DuckDbWritesInletReads : public ::testing::TestWithParam<std::string> {};

TEST_P(DuckDbWritesInletReads, SameValues) {
  TempDir dir;
  std::string path = dir.File("duck.parquet");
  auto written = RunDuckDbQuery("COPY (" + std::string(kDuckDbSelect) + ") TO '" + path +
                                "' (FORMAT parquet, ROW_GROUP_SIZE 2048, " + GetParam() + ")");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  Schema schema;
  std::vector<std::string> inlet_rows = InletRows(path, &schema);
  ASSERT_EQ(schema.num_fields(), 18u);
  EXPECT_EQ(schema.field(1).type, LogicalType::TinyInt());
  EXPECT_EQ(schema.field(9).type, LogicalType::Decimal(38, 0));
  EXPECT_EQ(schema.field(10).type, LogicalType::Varchar());
  EXPECT_EQ(schema.field(12).type, LogicalType::Binary());
  EXPECT_EQ(schema.field(14).type, LogicalType::Timestamp());
  EXPECT_EQ(schema.field(15).type, LogicalType::TimestampTz());
  EXPECT_EQ(schema.field(16).type, LogicalType::BigInt());        // UINTEGER
  EXPECT_EQ(schema.field(17).type, LogicalType::Decimal(20, 0));  // UBIGINT
  ASSERT_EQ(inlet_rows.size(), 5000u);
  EXPECT_EQ(inlet_rows, DuckDbRows(path, schema));
}

INSTANTIATE_TEST_SUITE_P(Options, DuckDbWritesInletReads,
                         ::testing::Values("COMPRESSION snappy", "COMPRESSION zstd",
                                           "COMPRESSION uncompressed", "COMPRESSION gzip",
                                           "COMPRESSION zstd, DICTIONARY_SIZE_LIMIT 1"));

// PARQUET_VERSION V2 makes DuckDB write data pages v2; low-cardinality columns stay
// dictionary encoded, others get the DELTA encodings.
TEST(DuckDbWritesInletReads, DataPagesV2) {
  TempDir dir;
  std::string path = dir.File("v2.parquet");
  auto written = RunDuckDbQuery(
      "COPY (SELECT i % 3 = 0 AS b, CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || (i % 20) END AS low, "
      "CASE WHEN i % 4 = 0 THEN NULL ELSE i % 7 END::INTEGER AS n, "
      "DATE '2000-01-01' + (i % 9)::INTEGER AS dt, (i % 4)::DOUBLE AS d "
      "FROM range(5000) t(i)) TO '" +
      path + "' (FORMAT parquet, PARQUET_VERSION V2)");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  Schema schema;
  std::vector<std::string> inlet_rows = InletRows(path, &schema);
  ASSERT_EQ(inlet_rows.size(), 5000u);
  EXPECT_EQ(inlet_rows, DuckDbRows(path, schema));

  std::string delta_path = dir.File("delta.parquet");
  ASSERT_TRUE(RunDuckDbQuery("COPY (SELECT i::BIGINT AS id FROM range(100) t(i)) TO '" +
                             delta_path + "' (FORMAT parquet, PARQUET_VERSION V2)")
                  .ok());
  std::ifstream in(delta_path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto reader = ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes.str()),
                                        "delta.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batch = (*reader)->ReadRowGroup(0, std::vector<int>{0});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ((*batch)->num_rows(), 100);
  for (int64_t i = 0; i < 100; ++i) EXPECT_EQ((*batch)->column(0)->GetFixed<int64_t>(i), i);
}

TEST(DuckDbWritesInletReads, TimeColumns) {
  TempDir dir;
  std::string path = dir.File("time.parquet");
  ASSERT_TRUE(RunDuckDbQuery("COPY (SELECT 1 AS a, TIME '01:02:03' AS t) TO '" + path + "'").ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto reader = ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(bytes.str()),
                                        "time.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batch = (*reader)->ReadRowGroup(0, std::vector<int>{1});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ((*batch)->column(0)->type(), LogicalType::Time());
  EXPECT_EQ((*batch)->column(0)->GetValue(0).ToString(), "01:02:03");
}

}  // namespace
}  // namespace inlet
