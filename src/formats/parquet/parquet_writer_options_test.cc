// The writer's choices: codec levels, data pages v1 or v2, and the limits it checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "formats/parquet/nested_test_data.h"
#include "formats/parquet/writer_test_util.h"

namespace inlet {
namespace {

using parquet::Codec;
using parquet::PageType;
using parquet_test::DataPages;
using parquet_test::ReadBack;
using parquet_test::WriteRows;

std::vector<std::vector<Value>> AllTypesRows(int64_t n) {
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < n; ++i) rows.push_back(parquet_test::AllTypesRow(i));
  return rows;
}

Status MakeStatus(const ParquetWriterOptions& options) {
  return ParquetWriter::Make(std::make_unique<MemoryOutputStream>(), parquet_test::AllTypesSchema(),
                             options)
      .status();
}

TEST(ParquetWriterOptions, CompressionLevelsAreCheckedPerCodec) {
  ParquetWriterOptions options;
  options.codec = Codec::kZstd;
  for (int level : {0, 1, 22}) {
    options.compression_level = level;
    EXPECT_TRUE(MakeStatus(options).ok()) << level;
  }
  options.compression_level = 23;
  EXPECT_EQ(MakeStatus(options).message(),
            "Parquet ZSTD compression level must be from 1 to 22, not 23");
  options.compression_level = -1;
  EXPECT_EQ(MakeStatus(options).message(),
            "Parquet ZSTD compression level must be from 1 to 22, not -1");
  options.codec = Codec::kGzip;
  for (int level : {0, 1, 9}) {
    options.compression_level = level;
    EXPECT_TRUE(MakeStatus(options).ok()) << level;
  }
  options.compression_level = 10;
  EXPECT_EQ(MakeStatus(options).message(),
            "Parquet GZIP compression level must be from 1 to 9, not 10");
  for (Codec codec : {Codec::kSnappy, Codec::kLz4Raw, Codec::kUncompressed}) {
    options.codec = codec;
    options.compression_level = 0;
    EXPECT_TRUE(MakeStatus(options).ok());
    options.compression_level = 3;
    EXPECT_EQ(MakeStatus(options).message(),
              "Parquet codec " + parquet::CodecName(codec) + " takes no compression level");
  }
}

TEST(ParquetWriterOptions, DataPageVersionIsOneOrTwo) {
  ParquetWriterOptions options;
  for (int version : {0, 3, -1}) {
    options.data_page_version = version;
    Status st = MakeStatus(options);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(st.message(),
              "Parquet data page version must be 1 or 2, not " + std::to_string(version));
  }
}

// A higher level makes smaller pages; every level reads back the same.
TEST(ParquetWriterOptions, GzipAndZstdLevels) {
  SchemaPtr schema = parquet_test::AllTypesSchema();
  auto rows = AllTypesRows(3000);
  for (Codec codec : {Codec::kGzip, Codec::kZstd}) {
    const int high = codec == Codec::kGzip ? 9 : 19;
    ParquetWriterOptions options;
    options.codec = codec;
    options.dictionary = false;
    options.compression_level = 1;
    const std::string fast = WriteRows(schema, rows, options).bytes;
    options.compression_level = high;
    const std::string small = WriteRows(schema, rows, options).bytes;
    options.compression_level = 0;
    const std::string standard = WriteRows(schema, rows, options).bytes;
    SCOPED_TRACE(parquet::CodecName(codec));
    EXPECT_LT(small.size(), fast.size());
    for (const std::string* file : {&fast, &small, &standard}) EXPECT_EQ(ReadBack(*file), rows);
  }
}

class DataPagesV2 : public ::testing::TestWithParam<std::tuple<Codec, bool>> {};

// Every data page is a v2 page whose header counts agree with the chunk: values, NULLs, rows.
void ExpectV2Pages(const std::string& bytes, Codec codec, bool repeated_leaves) {
  std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
  ASSERT_TRUE(reader);
  const parquet::FileMetaData& meta = reader->metadata();
  bool saw_rep_levels = false;
  for (const parquet::RowGroup& group : meta.row_groups) {
    for (const parquet::ColumnChunk& chunk : group.columns) {
      SCOPED_TRACE(chunk.meta_data->path_in_schema.back());
      int64_t values = 0;
      int64_t nulls = 0;
      int64_t rows = 0;
      for (const parquet_test::PageInFile& page : DataPages(bytes, chunk)) {
        ASSERT_EQ(page.header.type, PageType::kDataPageV2);
        ASSERT_TRUE(page.header.data_page_header_v2.has_value());
        const parquet::DataPageHeaderV2& v2 = *page.header.data_page_header_v2;
        EXPECT_EQ(v2.is_compressed, codec != Codec::kUncompressed);
        EXPECT_GT(v2.num_rows, 0);
        EXPECT_LE(v2.num_rows, v2.num_values);
        EXPECT_LE(v2.num_nulls, v2.num_values);
        EXPECT_LE(v2.definition_levels_byte_length + v2.repetition_levels_byte_length,
                  page.header.compressed_page_size);
        saw_rep_levels |= v2.repetition_levels_byte_length > 0;
        values += v2.num_values;
        nulls += v2.num_nulls;
        rows += v2.num_rows;
      }
      EXPECT_EQ(values, chunk.meta_data->num_values);
      EXPECT_EQ(nulls, chunk.meta_data->statistics->null_count);
      EXPECT_EQ(rows, group.num_rows);
    }
  }
  EXPECT_EQ(saw_rep_levels, repeated_leaves);
}

TEST_P(DataPagesV2, FlatColumnsReadBack) {
  auto [codec, dictionary] = GetParam();
  SchemaPtr schema = parquet_test::AllTypesSchema();
  auto rows = AllTypesRows(2500);
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  options.data_page_version = 2;
  options.row_group_rows = 1000;
  options.data_page_bytes = 2048;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  ExpectV2Pages(bytes, codec, false);
  EXPECT_EQ(ReadBack(bytes), rows);
}

TEST_P(DataPagesV2, NestedColumnsReadBack) {
  auto [codec, dictionary] = GetParam();
  SchemaPtr schema = parquet_test::NestedSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 700; ++i) rows.push_back(parquet_test::NestedRow(i));
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  options.data_page_version = 2;
  options.row_group_rows = 300;
  options.data_page_bytes = 128;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  ExpectV2Pages(bytes, codec, true);
  EXPECT_EQ(ReadBack(bytes), rows);
}

INSTANTIATE_TEST_SUITE_P(Codecs, DataPagesV2,
                         ::testing::Combine(::testing::Values(Codec::kUncompressed, Codec::kSnappy,
                                                              Codec::kZstd, Codec::kGzip,
                                                              Codec::kLz4Raw),
                                            ::testing::Bool()));

// The dictionary fallback ends a v2 page mid-batch like a v1 page.
TEST(DataPagesV2, DictionaryFallsBackToPlain) {
  SchemaPtr schema = std::make_shared<Schema>(
      std::vector<Field>{parquet_test::MakeField("s", LogicalType::Varchar())});
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 5000; ++i) {
    rows.push_back({i % 9 == 0 ? Value::Null(LogicalType::Varchar())
                               : Value::Varchar("value-" + std::to_string(i))});
  }
  ParquetWriterOptions options;
  options.data_page_version = 2;
  options.dictionary_page_bytes = 4096;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  ExpectV2Pages(bytes, options.codec, false);
  std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
  ASSERT_TRUE(reader);
  std::vector<parquet::Encoding> encodings;
  for (const parquet_test::PageInFile& page :
       DataPages(bytes, reader->metadata().row_groups[0].columns[0])) {
    encodings.push_back(page.header.data_page_header_v2->encoding);
  }
  EXPECT_EQ(encodings, (std::vector<parquet::Encoding>{parquet::Encoding::kRleDictionary,
                                                       parquet::Encoding::kPlain}));
  EXPECT_EQ(ReadBack(bytes), rows);
}

TEST(ParquetWriterOptions, LimitsMustBePositive) {
  for (int64_t ParquetWriterOptions::*limit :
       {&ParquetWriterOptions::row_group_rows, &ParquetWriterOptions::row_group_bytes,
        &ParquetWriterOptions::data_page_bytes, &ParquetWriterOptions::data_page_rows,
        &ParquetWriterOptions::dictionary_page_bytes}) {
    ParquetWriterOptions options;
    options.*limit = 0;
    Status st = MakeStatus(options);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(st.message(), "Parquet row group, page and dictionary limits must be positive");
  }
}

// A column whose values encode to a few bits each never fills data_page_bytes: its pages end
// every data_page_rows rows instead of holding the whole row group.
TEST(ParquetWriterOptions, PagesEndAfterDataPageRows) {
  SchemaPtr schema = std::make_shared<Schema>(
      std::vector<Field>{parquet_test::MakeField("flag", LogicalType::Varchar())});
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 5000; ++i) {
    rows.push_back({i % 7 == 0 ? Value::Null(LogicalType::Varchar())
                               : Value::Varchar(i % 2 == 0 ? "A" : "N")});
  }
  ParquetWriterOptions options;
  options.data_page_rows = 1000;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->num_row_groups(), 1);
  std::vector<int32_t> page_values;
  for (const parquet_test::PageInFile& page :
       DataPages(bytes, reader->metadata().row_groups[0].columns[0])) {
    page_values.push_back(page.header.data_page_header->num_values);
  }
  EXPECT_EQ(page_values, (std::vector<int32_t>{1000, 1000, 1000, 1000, 1000}));
  EXPECT_EQ(ReadBack(bytes), rows);
}

// A column without NULLs goes into its dictionary by the run between the rows where the writer
// decides something: its pages still end after data_page_rows rows and right after the value
// that overflows the dictionary page (then PLAIN), wherever the batches end.
TEST(ParquetWriterOptions, ColumnsWithoutNullsEndPagesWhereTheLimitsSay) {
  struct Case {
    LogicalType type;
    std::function<Value(int64_t)> value;
    int64_t plain_bytes;  // of one dictionary entry
  };
  const std::vector<Case> cases = {
      {LogicalType::Integer(), [](int64_t i) { return Value::Int(LogicalType::Integer(), i); }, 4},
      {LogicalType::Date(), [](int64_t i) { return Value::Date(static_cast<int32_t>(i)); }, 4},
      {LogicalType::BigInt(), [](int64_t i) { return Value::BigInt(i * 1000003); }, 8},
      {LogicalType::Decimal(9, 2), [](int64_t i) { return Value::Decimal(i * 7, 9, 2); }, 4},
      {LogicalType::Decimal(15, 2), [](int64_t i) { return Value::Decimal(-i, 15, 2); }, 8},
      {LogicalType::Varchar(),
       [](int64_t i) {
         std::string s = std::to_string(100000 + i);  // 6 characters: 10 PLAIN bytes
         return Value::Varchar(s);
       },
       10},
  };
  constexpr int64_t kRows = 5000;
  constexpr int64_t kPageRows = 700;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type.ToString());
    SchemaPtr schema =
        std::make_shared<Schema>(std::vector<Field>{parquet_test::MakeField("v", c.type)});
    std::vector<std::vector<Value>> rows;
    for (int64_t i = 0; i < kRows; ++i) rows.push_back({c.value(i)});
    ParquetWriterOptions options;
    options.data_page_rows = kPageRows;
    options.dictionary_page_bytes = 4096;
    auto out = std::make_unique<MemoryOutputStream>();
    MemoryOutputStream* raw = out.get();
    auto writer = ParquetWriter::Make(std::move(out), schema, options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (int64_t begin = 0; begin < kRows; begin += 333) {
      std::vector<std::vector<Value>> batch(rows.begin() + begin,
                                            rows.begin() + std::min(begin + 333, kRows));
      ASSERT_TRUE((*writer)->Write(*parquet_test::MakeBatch(schema, batch)).ok());
    }
    ASSERT_TRUE((*writer)->Finish().ok());
    const std::string bytes = raw->TakeBuffer();

    // Every value is new: the one at row `overflow` takes the dictionary past 4096 bytes.
    const int64_t overflow = 4096 / c.plain_bytes;
    std::vector<int32_t> expected_values;
    std::vector<parquet::Encoding> expected_encodings;
    int64_t start = 0;
    for (; start + kPageRows <= overflow; start += kPageRows) {
      expected_values.push_back(kPageRows);
      expected_encodings.push_back(parquet::Encoding::kRleDictionary);
    }
    expected_values.push_back(static_cast<int32_t>(overflow + 1 - start));
    expected_encodings.push_back(parquet::Encoding::kRleDictionary);
    for (start = overflow + 1; start < kRows; start += kPageRows) {
      expected_values.push_back(static_cast<int32_t>(std::min(kPageRows, kRows - start)));
      expected_encodings.push_back(parquet::Encoding::kPlain);
    }
    std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
    ASSERT_TRUE(reader);
    std::vector<int32_t> page_values;
    std::vector<parquet::Encoding> encodings;
    for (const parquet_test::PageInFile& page :
         DataPages(bytes, reader->metadata().row_groups[0].columns[0])) {
      page_values.push_back(page.header.data_page_header->num_values);
      encodings.push_back(page.header.data_page_header->encoding);
    }
    EXPECT_EQ(page_values, expected_values);
    EXPECT_EQ(encodings, expected_encodings);
    EXPECT_EQ(ReadBack(bytes), rows);
  }
}

// In a nested column the limit counts level slots, and pages still end where a row starts.
TEST(ParquetWriterOptions, NestedPagesEndAfterDataPageRows) {
  SchemaPtr schema = parquet_test::NestedSchema();
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 700; ++i) rows.push_back(parquet_test::NestedRow(i));
  ParquetWriterOptions options;
  const std::string one_page = WriteRows(schema, rows, options).bytes;
  options.data_page_rows = 100;
  const std::string bytes = WriteRows(schema, rows, options).bytes;
  std::unique_ptr<ParquetFileReader> reader = parquet_test::OpenWritten(bytes);
  ASSERT_TRUE(reader);
  for (const parquet::ColumnChunk& chunk : reader->metadata().row_groups[0].columns) {
    std::vector<parquet_test::PageInFile> pages = DataPages(bytes, chunk);
    EXPECT_GE(static_cast<int64_t>(pages.size()), chunk.meta_data->num_values / 200);
  }
  EXPECT_EQ(ReadBack(bytes), rows);
  EXPECT_EQ(ReadBack(one_page), rows);
}

// Writers of one budget split it: each closes its row groups at the budget divided by the writers
// open, so a second open writer halves the first's row groups, and they grow back once it is done.
TEST(RowGroupMemoryBudget, WritersShareIt) {
  SchemaPtr schema = parquet_test::AllTypesSchema();
  auto rows = AllTypesRows(200);
  RecordBatchPtr batch = parquet_test::MakeBatch(schema, rows);
  ParquetWriterOptions options;
  options.memory_budget = std::make_shared<RowGroupMemoryBudget>(int64_t{2} << 20);
  auto row_groups_of = [&](int batches) {
    auto out = std::make_unique<MemoryOutputStream>();
    MemoryOutputStream* raw = out.get();
    auto writer = ParquetWriter::Make(std::move(out), schema, options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    for (int b = 0; b < batches; ++b) EXPECT_TRUE((*writer)->Write(*batch).ok());
    EXPECT_TRUE((*writer)->Finish().ok());
    const std::string bytes = raw->TakeBuffer();
    EXPECT_EQ(ReadBack(bytes).size(), rows.size() * batches);
    return parquet_test::OpenWritten(bytes)->num_row_groups();
  };
  const int alone = row_groups_of(100);
  EXPECT_GE(alone, 2);
  {
    auto other = ParquetWriter::Make(std::make_unique<MemoryOutputStream>(), schema, options);
    ASSERT_TRUE(other.ok());
    EXPECT_GE(row_groups_of(100), 2 * alone - 1);
  }  // dropped without Finish, as a failed load drops its writers: it leaves the budget too
  EXPECT_EQ(row_groups_of(100), alone);
}

TEST(ParquetWriterOptions, FieldNamingHasOneEntryPerColumn) {
  ParquetWriterOptions options;
  options.field_naming = {{"col-a", 1, {}}};
  EXPECT_EQ(MakeStatus(options).message(),
            "Parquet field naming has 1 entries for a schema of " +
                std::to_string(parquet_test::AllTypesSchema()->num_fields()) + " columns");
}

}  // namespace
}  // namespace inlet
