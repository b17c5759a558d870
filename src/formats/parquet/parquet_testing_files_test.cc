// The leaf layer against real files: parquet-testing's (and hyparquet's) files for each encoding,
// codec and logical type, compared with the values their documentation or expectation files give,
// and DuckDB-written files of every logical type DuckDB can write.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "formats/parquet/parquet_reader.h"
#include "test/util/duckdb_oracle.h"

namespace inlet {
namespace {

std::string TestData(const std::string& relative) {
  const char* source = std::getenv("INLET_SOURCE_DIR");
  return std::string(source != nullptr ? source : ".") + "/../shared/testdata/" + relative;
}

std::string ParquetTesting(const std::string& name) {
  return TestData("parquet-testing/data/" + name);
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct FileContents {
  Schema schema;
  // Each value as SQL text, "NULL" for NULL.
  std::vector<std::vector<std::string>> rows;
};

Result<FileContents> ReadFile(const std::string& path, parquet::LeafTypeOptions options = {}) {
  std::string name = path.substr(path.rfind('/') + 1);
  INLET_ASSIGN_OR_RETURN(
      auto reader, ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(ReadBytes(path)),
                                           name, options));
  FileContents contents;
  contents.schema = reader->schema();
  std::vector<int> columns;
  for (size_t c = 0; c < contents.schema.num_fields(); ++c) columns.push_back(static_cast<int>(c));
  for (int g = 0; g < reader->num_row_groups(); ++g) {
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->ReadRowGroup(g, columns));
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      for (size_t c = 0; c < batch->num_columns(); ++c) {
        const Column& column = *batch->column(c);
        row.push_back(column.IsNull(r) ? "NULL" : column.GetValue(r).ToString());
      }
      contents.rows.push_back(std::move(row));
    }
  }
  return contents;
}

FileContents MustRead(const std::string& path, parquet::LeafTypeOptions options = {}) {
  auto contents = ReadFile(path, options);
  EXPECT_TRUE(contents.ok()) << contents.status().ToString();
  return contents.ok() ? *contents : FileContents{};
}

// The rows of an expectation CSV (header skipped): quoted or bare fields, a bare empty one NULL.
std::vector<std::vector<std::string>> ReadExpectCsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> row;
    size_t i = 0;
    while (true) {
      std::string field;
      if (i < line.size() && line[i] == '"') {
        size_t end = line.find('"', i + 1);
        field = line.substr(i + 1, end - i - 1);
        i = end + 1;
      } else {
        size_t end = std::min(line.find(',', i), line.size());
        field = line.substr(i, end - i);
        if (field.empty()) field = "NULL";
        i = end;
      }
      row.push_back(field);
      if (i >= line.size()) break;
      ++i;  // the comma
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(ParquetTestingFiles, DeltaEncodingsMatchTheirExpectations) {
  for (std::string name : {"delta_binary_packed", "delta_byte_array",
                           "delta_encoding_optional_column", "delta_encoding_required_column"}) {
    FileContents contents = MustRead(ParquetTesting(name + ".parquet"));
    auto expected = ReadExpectCsv(ParquetTesting(name + "_expect.csv"));
    ASSERT_FALSE(expected.empty()) << name;
    EXPECT_EQ(contents.rows, expected) << name;
  }
}

TEST(ParquetTestingFiles, DeltaLengthByteArray) {
  FileContents contents = MustRead(ParquetTesting("delta_length_byte_array.parquet"));
  ASSERT_EQ(contents.rows.size(), 1000u);
  for (size_t i = 0; i < contents.rows.size(); ++i) {
    ASSERT_EQ(contents.rows[i][0], "apple_banana_mango" + std::to_string(i * i)) << i;
  }
}

TEST(ParquetTestingFiles, ByteStreamSplitMatchesPlain) {
  FileContents contents = MustRead(ParquetTesting("byte_stream_split_extended.gzip.parquet"));
  ASSERT_EQ(contents.rows.size(), 200u);
  // Columns come in pairs: <type>_plain, <type>_byte_stream_split.
  ASSERT_EQ(contents.schema.num_fields() % 2, 0u);
  for (size_t c = 0; c < contents.schema.num_fields(); c += 2) {
    EXPECT_EQ(contents.schema.field(c).type, contents.schema.field(c + 1).type);
    for (const auto& row : contents.rows) {
      ASSERT_EQ(row[c], row[c + 1]) << contents.schema.field(c + 1).name;
    }
  }
  FileContents normals = MustRead(ParquetTesting("byte_stream_split.zstd.parquet"));
  ASSERT_EQ(normals.rows.size(), 300u);
  EXPECT_EQ(normals.rows[0], (std::vector<std::string>{"1.7640524", "-1.3065268517353166"}));
}

TEST(ParquetTestingFiles, Lz4BrotliAndGzipCodecs) {
  std::vector<std::vector<std::string>> expected = {
      {"1593604800", "abc", "42.0"},
      {"1593604800", "def", "7.7"},
      {"1593604801", "abc", "42.125"},
      {"1593604801", "def", "7.7"},
  };
  for (std::string path :
       {ParquetTesting("hadoop_lz4_compressed.parquet"),
        ParquetTesting("non_hadoop_lz4_compressed.parquet"),
        ParquetTesting("lz4_raw_compressed.parquet"),
        TestData("hyparquet/test/files/brotli_compressed.parquet")}) {
    EXPECT_EQ(MustRead(path, {.binary_as_text = true}).rows, expected) << path;
  }
  FileContents hadoop = MustRead(ParquetTesting("hadoop_lz4_compressed_larger.parquet"));
  FileContents raw = MustRead(ParquetTesting("lz4_raw_compressed_larger.parquet"));
  ASSERT_EQ(hadoop.rows.size(), 10000u);
  EXPECT_EQ(hadoop.rows[0][0], "c7ce6bef-d5b0-4863-b199-8ea8c7fb117b");
  EXPECT_EQ(hadoop.rows, raw.rows);
  FileContents gzip = MustRead(ParquetTesting("concatenated_gzip_members.parquet"));
  ASSERT_EQ(gzip.rows.size(), 513u);
  for (size_t i = 0; i < gzip.rows.size(); ++i) ASSERT_EQ(gzip.rows[i][0], std::to_string(i + 1));
}

TEST(ParquetTestingFiles, Float16) {
  FileContents nonzeros = MustRead(ParquetTesting("float16_nonzeros_and_nans.parquet"));
  EXPECT_EQ(nonzeros.schema.field(0).type, LogicalType::Float());
  std::vector<std::vector<std::string>> expected = {{"NULL"}, {"1.0"}, {"-2.0"}, {"nan"},
                                                    {"0.0"},  {"-1.0"}, {"-0.0"}, {"2.0"}};
  EXPECT_EQ(nonzeros.rows, expected);
  EXPECT_EQ(MustRead(ParquetTesting("float16_zeros_and_nans.parquet")).rows,
            (std::vector<std::vector<std::string>>{{"NULL"}, {"0.0"}, {"nan"}}));
}

TEST(ParquetTestingFiles, Int96FromSpark) {
  auto reader = ParquetFileReader::Open(
      std::make_shared<MemoryRandomAccessFile>(ReadBytes(ParquetTesting("int96_from_spark.parquet"))),
      "int96_from_spark.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batch = (*reader)->ReadRowGroup(0, std::vector<int>{0});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  const Column& a = *(*batch)->column(0);
  EXPECT_EQ(a.type(), LogicalType::Timestamp());
  // The microseconds int96_from_spark.md lists.
  std::vector<int64_t> expected = {1704141296123456, 1704070800000000, 253402225200000000,
                                   1735599600000000, 0, 9089380393200000000};
  ASSERT_EQ(a.size(), 6);
  for (int64_t i = 0; i < 6; ++i) {
    if (i == 4) {
      EXPECT_TRUE(a.IsNull(i));
    } else {
      EXPECT_EQ(a.GetFixed<int64_t>(i), expected[i]) << i;
    }
  }
}

TEST(ParquetTestingFiles, RleBooleans) {
  FileContents contents = MustRead(ParquetTesting("rle_boolean_encoding.parquet"));
  ASSERT_EQ(contents.rows.size(), 68u);
  int nulls = 0, trues = 0;
  for (const auto& row : contents.rows) {
    nulls += row[0] == "NULL";
    trues += row[0] == "true";
  }
  EXPECT_EQ(nulls, 6);
  EXPECT_EQ(trues, 36);  // as DuckDB counts them
}

TEST(ParquetTestingFiles, DataPagesV2) {
  EXPECT_EQ(MustRead(ParquetTesting("datapage_v2.snappy.parquet")).rows,
            (std::vector<std::vector<std::string>>{
                {"abc", "1", "2.0", "true", "[1, 2, 3]"},
                {"abc", "2", "3.0", "true", "NULL"},
                {"abc", "3", "4.0", "true", "NULL"},
                {"NULL", "4", "5.0", "false", "[1, 2, 3]"},
                {"abc", "5", "2.0", "true", "[1, 2]"},
            }));
  // All-NULL pages whose empty value section is compressed, or not stored at all.
  EXPECT_EQ(MustRead(ParquetTesting("page_v2_empty_compressed.parquet")).rows,
            std::vector<std::vector<std::string>>(10, {"NULL"}));
  EXPECT_EQ(MustRead(ParquetTesting("datapage_v2_empty_datapage.snappy.parquet")).rows,
            std::vector<std::vector<std::string>>(1, {"NULL"}));
}

TEST(ParquetTestingFiles, DecimalsOnEveryPhysicalType) {
  for (auto [name, type] : std::vector<std::pair<std::string, LogicalType>>{
           {"int32_decimal.parquet", LogicalType::Decimal(4, 2)},
           {"int64_decimal.parquet", LogicalType::Decimal(10, 2)},
           {"fixed_length_decimal.parquet", LogicalType::Decimal(25, 2)},
           {"fixed_length_decimal_legacy.parquet", LogicalType::Decimal(13, 2)},
           {"byte_array_decimal.parquet", LogicalType::Decimal(4, 2)}}) {
    FileContents contents = MustRead(ParquetTesting(name));
    EXPECT_EQ(contents.schema.field(0).type, type) << name;
    ASSERT_EQ(contents.rows.size(), 24u) << name;
    for (size_t i = 0; i < 24; ++i) {
      ASSERT_EQ(contents.rows[i][0], std::to_string(i + 1) + ".00") << name;
    }
  }
}

TEST(ParquetTestingFiles, UnknownLogicalTypeFallsBackToThePhysicalType) {
  FileContents contents = MustRead(ParquetTesting("unknown-logical-type.parquet"));
  EXPECT_EQ(contents.schema.field(0).type, LogicalType::Varchar());
  EXPECT_EQ(contents.schema.field(1).type, LogicalType::Binary());
  EXPECT_EQ(contents.rows[2], (std::vector<std::string>{"known string 3", "unknown string 3"}));
}

TEST(ParquetTestingFiles, UuidAndBinaryAsText) {
  FileContents uuids = MustRead(TestData("hyparquet/test/files/uuid.parquet"));
  EXPECT_EQ(uuids.schema.field(0).type, LogicalType::Varchar());
  EXPECT_EQ(uuids.rows[0][0], "550e8400-e29b-41d4-a716-446655440000");
  FileContents binary = MustRead(ParquetTesting("alltypes_plain.parquet"));
  EXPECT_EQ(binary.schema.field(9).type, LogicalType::Binary());
  FileContents text = MustRead(ParquetTesting("alltypes_plain.parquet"), {.binary_as_text = true});
  EXPECT_EQ(text.schema.field(9).name, "string_col");
  EXPECT_EQ(text.schema.field(9).type, LogicalType::Varchar());
  EXPECT_EQ(text.rows[1][9], "1");
}

TEST(ParquetTestingFiles, HostileFilesGetClearErrors) {
  auto huge = ReadFile(ParquetTesting("large_string_map.brotli.parquet"));
  EXPECT_EQ(huge.status().message(),
            "large_string_map.brotli.parquet: column \"arr.key_value.key\" (row group 0): page "
            "claims 1073741828 bytes uncompressed; inlet reads pages of up to 256 MiB");
  auto malformed = ReadFile(ParquetTesting("nation.dict-malformed.parquet"));
  EXPECT_EQ(malformed.status().code(), StatusCode::kInvalidData);
  auto bit_width = ReadFile(TestData("duckdb/data/parquet-testing/rle_malicious_bitwidth.parquet"));
  EXPECT_EQ(bit_width.status().message(),
            "rle_malicious_bitwidth.parquet: column \"a\" (row group 0): dictionary index bit "
            "width 63 is above 32");
  auto delta = ReadFile(TestData("duckdb/data/parquet-testing/broken/internal_6129.parquet"));
  EXPECT_EQ(delta.status().message(),
            "internal_6129.parquet: column \"j\" (row group 0): DELTA_BINARY_PACKED header has "
            "an invalid block of 1 values in 0 miniblocks");
  auto narrow = ReadFile(TestData("arrow-testing/data/parquet/ARROW-17100.parquet"));
  EXPECT_EQ(narrow.status().message(),
            "ARROW-17100.parquet: column \"col1\" (row group 0): value 85012 does not fit TINYINT");
}

// DuckDB writes every logical type it has; inlet reads each as its inlet counterpart.
TEST(ParquetTestingFiles, DuckDbLogicalTypes) {
  char pattern[] = "/tmp/inlet_leaf_types_XXXXXX";
  std::string dir = mkdtemp(pattern);
  std::string path = dir + "/types.parquet";
  auto written = RunDuckDbQuery(
      "COPY (SELECT TIME '01:02:03.5' AS t, TIMETZ '01:02:03+05' AS ttz, "
      "UUID '550e8400-e29b-41d4-a716-446655440000' AS u, 200::UTINYINT AS u8, "
      "60000::USMALLINT AS u16, 4000000000::UINTEGER AS u32, "
      "18446744073709551615::UBIGINT AS u64, -5::TINYINT AS i8, "
      "TIMESTAMP_MS '2020-01-02 03:04:05.678' AS tms, "
      "TIMESTAMP_NS '2020-01-02 03:04:05.123456789' AS tns, "
      "TIMESTAMPTZ '2020-01-02 03:04:05+00' AS tz, 'a'::ENUM('a', 'b') AS e, "
      "'{\"k\": 1}'::JSON AS j, 12345678901234567890123.45::DECIMAL(30, 2) AS d30, "
      "1.5::DECIMAL(4, 1) AS d4, '\\x00\\xff'::BLOB AS b) TO '" + path + "'");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  FileContents contents = MustRead(path);
  std::system(("rm -rf '" + dir + "'").c_str());
  std::vector<std::string> types;
  for (const Field& f : contents.schema.fields()) types.push_back(f.type.ToString());
  EXPECT_EQ(types, (std::vector<std::string>{"TIME", "TIME", "VARCHAR", "SMALLINT", "INTEGER",
                                             "BIGINT", "DECIMAL(20,0)", "TINYINT", "TIMESTAMP",
                                             "TIMESTAMP", "TIMESTAMPTZ", "VARCHAR", "VARCHAR",
                                             "DECIMAL(30,2)", "DECIMAL(4,1)", "BINARY"}));
  ASSERT_EQ(contents.rows.size(), 1u);
  EXPECT_EQ(contents.rows[0],
            (std::vector<std::string>{
                "01:02:03.5", "20:02:03", "550e8400-e29b-41d4-a716-446655440000", "200", "60000",
                "4000000000", "18446744073709551615", "-5", "2020-01-02 03:04:05.678",
                "2020-01-02 03:04:05.123456", "2020-01-02 03:04:05+00", "a", "{\"k\": 1}",
                "12345678901234567890123.45", "1.5", "\\x00\\xFF"}));
}

}  // namespace
}  // namespace inlet
