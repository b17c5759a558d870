#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "formats/parquet/column_writer.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_test_util.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/parquet/writer_test_util.h"

namespace inlet {
namespace {

using parquet::Codec;
using parquet_test::ReadAllRows;
using parquet_test::AllTypesRow;
using parquet_test::AllTypesSchema;
using parquet_test::MakeBatch;
using parquet_test::MakeField;

struct Written {
  std::string bytes;
  WrittenFileInfo info;
};

// Writes `batches` with `options` into memory.
Written WriteFile(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
                  const ParquetWriterOptions& options) {
  auto out = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* raw = out.get();
  auto writer = ParquetWriter::Make(std::move(out), schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  for (const auto& batch : batches) {
    Status st = (*writer)->Write(*batch);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  auto info = (*writer)->Finish();
  EXPECT_TRUE(info.ok()) << info.status().ToString();
  return Written{raw->TakeBuffer(), *info};
}

Result<std::unique_ptr<ParquetFileReader>> OpenBytes(std::string bytes) {
  return ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(std::move(bytes)),
                                 "t.parquet");
}

std::vector<std::vector<Value>> AllTypesRows(int64_t n) {
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < n; ++i) rows.push_back(AllTypesRow(i));
  return rows;
}

class ParquetRoundTrip : public ::testing::TestWithParam<std::tuple<Codec, bool>> {};

TEST_P(ParquetRoundTrip, EveryTypeWithNulls) {
  auto [codec, dictionary] = GetParam();
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  SchemaPtr schema = AllTypesSchema();
  auto rows = AllTypesRows(1000);
  Written file = WriteFile(schema, {MakeBatch(schema, rows)}, options);
  EXPECT_EQ(file.info.num_rows, 1000);
  EXPECT_EQ(file.info.file_size, static_cast<int64_t>(file.bytes.size()));

  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema(), *schema);
  EXPECT_EQ((*reader)->num_rows(), 1000);
  EXPECT_EQ((*reader)->metadata().created_by, "inlet version 0.1.0");
  EXPECT_EQ(ReadAllRows(reader->get()), rows);
}

INSTANTIATE_TEST_SUITE_P(Codecs, ParquetRoundTrip,
                         ::testing::Combine(::testing::Values(Codec::kUncompressed, Codec::kSnappy,
                                                              Codec::kZstd),
                                            ::testing::Bool()));

TEST(ParquetWriter, StatisticsForDelta) {
  SchemaPtr schema = AllTypesSchema();
  auto rows = AllTypesRows(100);
  Written file = WriteFile(schema, {MakeBatch(schema, rows)}, ParquetWriterOptions{});
  ASSERT_EQ(file.info.column_stats.size(), schema->num_fields());
  for (size_t c = 0; c < schema->num_fields(); ++c) {
    const ColumnStatistics& s = file.info.column_stats[c];
    std::optional<Value> min, max;
    int64_t nulls = 0;
    for (const auto& row : rows) {
      const Value& v = row[c];
      if (v.is_null()) {
        ++nulls;
        continue;
      }
      // Strings compare bytewise unsigned, the rest by value: Value::Compare does both.
      if (!min || v.Compare(*min) < 0) min = v;
      if (!max || v.Compare(*max) > 0) max = v;
    }
    SCOPED_TRACE(schema->field(c).name);
    EXPECT_EQ(s.null_count, nulls);
    ASSERT_TRUE(s.has_min_max);
    EXPECT_EQ(s.min, *min);
    EXPECT_EQ(s.max, *max);
  }
}

TEST(ParquetWriter, ChunkStatisticsUseTheTypesSortOrder) {
  auto schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("i", LogicalType::Integer()), MakeField("s", LogicalType::Varchar())});
  auto batch =
      MakeBatch(schema, {{Value::Int(LogicalType::Integer(), -5), Value::Varchar("\xc3\xa9")},
                         {Value::Int(LogicalType::Integer(), 3), Value::Varchar("z")},
                         {Value::Null(LogicalType::Integer()), Value::Varchar("a")}});
  Written file = WriteFile(schema, {batch}, ParquetWriterOptions{});
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  const auto& chunks = (*reader)->metadata().row_groups[0].columns;
  const parquet::Statistics& ints = *chunks[0].meta_data->statistics;
  EXPECT_EQ(ints.null_count, 1);
  EXPECT_EQ(*ints.min_value, std::string("\xfb\xff\xff\xff", 4));  // -5, signed order
  EXPECT_EQ(*ints.max_value, std::string("\x03\x00\x00\x00", 4));
  const parquet::Statistics& strings = *chunks[1].meta_data->statistics;
  EXPECT_EQ(*strings.min_value, "a");
  EXPECT_EQ(*strings.max_value, "\xc3\xa9");  // 0xC3 > 'z' unsigned
}

TEST(ParquetWriter, DictionaryFallsBackToPlain) {
  auto schema =
      std::make_shared<Schema>(std::vector<Field>{MakeField("s", LogicalType::Varchar())});
  std::vector<std::vector<Value>> rows;
  // First low-cardinality values, then unique ones that overflow a 1 KiB dictionary.
  for (int i = 0; i < 3000; ++i) {
    rows.push_back({Value::Varchar(i < 1000 ? "v" + std::to_string(i % 10)
                                            : "unique-value-" + std::to_string(i))});
  }
  ParquetWriterOptions options;
  options.dictionary_page_bytes = 1024;
  options.data_page_bytes = 4096;
  Written file = WriteFile(schema, {MakeBatch(schema, rows)}, options);
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  const auto& meta = *(*reader)->metadata().row_groups[0].columns[0].meta_data;
  EXPECT_TRUE(meta.dictionary_page_offset.has_value());
  EXPECT_NE(
      std::find(meta.encodings.begin(), meta.encodings.end(), parquet::Encoding::kRleDictionary),
      meta.encodings.end());
  EXPECT_EQ(ReadAllRows(reader->get()), rows);
}

// A column whose first 16 Ki values are mostly distinct is written without a dictionary at all,
// while a repetitive one keeps it; nullable and nested columns too; the values read back either way.
TEST(ParquetWriter, MostlyDistinctColumnsDropTheDictionary) {
  auto schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("key", LogicalType::BigInt()), MakeField("name", LogicalType::Varchar()),
      MakeField("flag", LogicalType::Integer()),
      MakeField("tags", LogicalType::List(LogicalType::BigInt()))});
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 40000; ++i) {
    Value key = i % 97 == 5 ? Value::Null(LogicalType::BigInt()) : Value::BigInt(i * 7919);
    rows.push_back({key, Value::Varchar("name-" + std::to_string(i)),
                    Value::Int(LogicalType::Integer(), i % 5),
                    Value::List(LogicalType::List(LogicalType::BigInt()),
                                {Value::BigInt(i), Value::BigInt(-i)})});
  }
  Written file = WriteFile(schema, {MakeBatch(schema, rows)}, ParquetWriterOptions{});
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const auto& columns = (*reader)->metadata().row_groups[0].columns;
  auto has_dictionary = [&](size_t c) {
    const auto& encodings = columns[c].meta_data->encodings;
    return std::find(encodings.begin(), encodings.end(), parquet::Encoding::kRleDictionary) !=
           encodings.end();
  };
  EXPECT_FALSE(has_dictionary(0));
  EXPECT_FALSE(columns[0].meta_data->dictionary_page_offset.has_value());
  EXPECT_FALSE(has_dictionary(1));
  EXPECT_TRUE(has_dictionary(2));
  EXPECT_FALSE(has_dictionary(3));
  EXPECT_EQ(ReadAllRows(reader->get()), rows);
}

TEST(ValueDictionary, FixedWidthValuesKeepFirstSeenOrder) {
  parquet::ValueDictionary dictionary(8);
  bool added = false;
  // Enough distinct values to grow the slot table several times, each seen twice.
  for (int round = 0; round < 2; ++round) {
    for (int64_t i = 0; i < 5000; ++i) {
      int64_t v = (i * 7919) ^ (int64_t{1} << 40);
      uint32_t index =
          dictionary.FindOrAdd(std::string_view(reinterpret_cast<const char*>(&v), 8), &added);
      ASSERT_EQ(index, static_cast<uint32_t>(i));
      ASSERT_EQ(added, round == 0);
    }
  }
  ASSERT_EQ(dictionary.size(), 5000u);
  ASSERT_EQ(dictionary.plain().size(), 5000u * 8);
  int64_t third;
  std::memcpy(&third, dictionary.plain().data() + 2 * 8, 8);
  EXPECT_EQ(third, (2 * 7919) ^ (int64_t{1} << 40));

  parquet::ValueDictionary narrow(4);
  int32_t zero = 0, one = 1;
  EXPECT_EQ(narrow.FindOrAdd(std::string_view(reinterpret_cast<const char*>(&one), 4), &added), 0u);
  EXPECT_EQ(narrow.FindOrAdd(std::string_view(reinterpret_cast<const char*>(&zero), 4), &added),
            1u);
  EXPECT_TRUE(added);
  EXPECT_EQ(narrow.FindOrAdd(std::string_view(reinterpret_cast<const char*>(&one), 4), &added), 0u);
  EXPECT_FALSE(added);

  parquet::ValueDictionary wide(16);  // FIXED_LEN_BYTE_ARRAY decimals
  EXPECT_EQ(wide.FindOrAdd(std::string(16, 'a'), &added), 0u);
  EXPECT_EQ(wide.FindOrAdd(std::string(15, 'a') + "b", &added), 1u);
  EXPECT_EQ(wide.FindOrAdd(std::string(16, 'a'), &added), 0u);
  EXPECT_EQ(wide.plain(), std::string(16, 'a') + std::string(15, 'a') + "b");
}

TEST(ValueDictionary, RepeatedWordsKeepTheirIndex) {
  // Runs of one value (a clustered key), a zero first, and values coming back after others.
  parquet::ValueDictionary dictionary(8);
  bool added = false;
  const std::vector<uint64_t> values = {0, 0, 0, 7, 7, 0, 9, 9, 9, 7, 0, 0};
  const std::vector<uint32_t> expected = {0, 0, 0, 1, 1, 0, 2, 2, 2, 1, 0, 0};
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(dictionary.FindOrAddWord(values[i], &added), expected[i]) << "value " << i;
    ASSERT_EQ(added, i == 0 || i == 3 || i == 6) << "value " << i;
  }
  EXPECT_EQ(dictionary.size(), 3u);
}

TEST(ValueDictionary, ByteArraysArePlainWithLengthPrefixes) {
  parquet::ValueDictionary dictionary(0);
  bool added = false;
  std::vector<std::string> values = {"", "a", "ab", "abcdefgh", "abcdefghi", std::string(3, '\0')};
  for (int i = 0; i < 3000; ++i) values.push_back("value-" + std::to_string(i));
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < values.size(); ++i) {
      ASSERT_EQ(dictionary.FindOrAdd(values[i], &added), i) << values[i];
      ASSERT_EQ(added, round == 0);
    }
  }
  std::string expected;
  for (const std::string& v : values) {
    uint32_t length = static_cast<uint32_t>(v.size());
    expected.append(reinterpret_cast<const char*>(&length), 4);
    expected += v;
  }
  EXPECT_EQ(dictionary.plain(), expected);
}

TEST(ParquetWriter, RowGroupLimits) {
  SchemaPtr schema = AllTypesSchema();
  auto rows = AllTypesRows(2500);
  std::vector<RecordBatchPtr> batches;
  for (int b = 0; b < 5; ++b) {
    batches.push_back(MakeBatch(schema, std::vector<std::vector<Value>>(
                                            rows.begin() + b * 500, rows.begin() + b * 500 + 500)));
  }
  ParquetWriterOptions options;
  options.row_group_rows = 700;
  Written file = WriteFile(schema, batches, options);
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  ASSERT_EQ((*reader)->num_row_groups(), 4);  // 700 + 700 + 700 + 400
  EXPECT_EQ((*reader)->row_group_num_rows(3), 400);
  EXPECT_EQ(ReadAllRows(reader->get()), rows);

  options.row_group_rows = 1 << 20;
  options.row_group_bytes = 20000;
  file = WriteFile(schema, batches, options);
  reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_GT((*reader)->num_row_groups(), 1);
  EXPECT_EQ(ReadAllRows(reader->get()), rows);
}

TEST(ParquetWriter, RequiredColumns) {
  auto schema = std::make_shared<Schema>(
      std::vector<Field>{MakeField("id", LogicalType::BigInt(), /*nullable=*/false),
                         MakeField("name", LogicalType::Varchar(), false)});
  auto batch = MakeBatch(
      schema, {{Value::BigInt(1), Value::Varchar("a")}, {Value::BigInt(2), Value::Varchar("b")}});
  Written file = WriteFile(schema, {batch}, ParquetWriterOptions{});
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema(), *schema);
  EXPECT_EQ((*reader)->metadata().schema[1].repetition_type, parquet::Repetition::kRequired);
  EXPECT_EQ(ReadAllRows(reader->get()).size(), 2u);

  auto writer = ParquetWriter::Make(std::make_unique<MemoryOutputStream>(), schema, {});
  ASSERT_TRUE(writer.ok());
  Status st = (*writer)->Write(
      *MakeBatch(schema, {{Value::Null(LogicalType::BigInt()), Value::Varchar("x")}}));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "column \"id\" is NOT NULL but a NULL was written to it");
}

TEST(ParquetWriter, EmptyFileAndAllNullColumn) {
  SchemaPtr schema = AllTypesSchema();
  Written empty = WriteFile(schema, {}, ParquetWriterOptions{});
  auto reader = OpenBytes(empty.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->num_rows(), 0);
  EXPECT_EQ((*reader)->num_row_groups(), 0);

  std::vector<std::vector<Value>> rows(50);
  for (auto& row : rows) {
    for (const Field& f : schema->fields()) row.push_back(Value::Null(f.type));
  }
  Written nulls = WriteFile(schema, {MakeBatch(schema, rows)}, ParquetWriterOptions{});
  EXPECT_FALSE(nulls.info.column_stats[0].has_min_max);
  EXPECT_EQ(nulls.info.column_stats[0].null_count, 50);
  reader = OpenBytes(nulls.bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ReadAllRows(reader->get()), rows);
}

TEST(ParquetReader, ProjectionReadsOnlyTheChosenColumns) {
  SchemaPtr schema = AllTypesSchema();
  Written file = WriteFile(schema, {MakeBatch(schema, AllTypesRows(100))}, ParquetWriterOptions{});
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  int64_t footer_bytes = (*reader)->bytes_read();
  auto batch = (*reader)->ReadRowGroup(0, {10, 3});
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ((*batch)->schema()->field(0).name, "s");
  EXPECT_EQ((*batch)->schema()->field(1).name, "i");
  EXPECT_EQ((*batch)->column(1)->GetValue(5), AllTypesRow(5)[3]);
  const auto& chunks = (*reader)->metadata().row_groups[0].columns;
  EXPECT_EQ((*reader)->bytes_read() - footer_bytes, chunks[10].meta_data->total_compressed_size +
                                                        chunks[3].meta_data->total_compressed_size);
}

TEST(ParquetReader, NotParquet) {
  auto r = OpenBytes("hello");
  EXPECT_EQ(r.status().message(), "t.parquet: not a Parquet file (only 5 bytes)");
  r = OpenBytes(std::string(100, 'x'));
  EXPECT_EQ(r.status().message(), "t.parquet: not a Parquet file (no PAR1 magic)");
  std::string bad_length = "PAR1" + std::string(20, '\0') + std::string("\xff\xff\x00\x00PAR1", 8);
  r = OpenBytes(bad_length);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(r.status().message().find("footer length 65535 exceeds"), std::string::npos);
}

// Every truncation and many random byte flips of a real file give errors or data, never a crash.
TEST(ParquetReader, CorruptFilesFailCleanly) {
  SchemaPtr schema = AllTypesSchema();
  ParquetWriterOptions options;
  options.data_page_bytes = 512;  // many pages, many headers to corrupt
  Written file = WriteFile(schema, {MakeBatch(schema, AllTypesRows(300))}, options);
  auto try_read = [](std::string bytes) {
    auto reader = OpenBytes(std::move(bytes));
    if (!reader.ok()) {
      EXPECT_NE(reader.status().message().find("t.parquet"), std::string::npos)
          << reader.status().ToString();
      return;
    }
    std::vector<int> all;
    for (size_t c = 0; c < (*reader)->schema().num_fields(); ++c)
      all.push_back(static_cast<int>(c));
    for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
      auto batch = (*reader)->ReadRowGroup(g, all);
      if (!batch.ok()) {
        EXPECT_NE(batch.status().message().find("t.parquet"), std::string::npos)
            << batch.status().ToString();
      }
    }
  };
  for (size_t n = 0; n < file.bytes.size(); n += 7) try_read(file.bytes.substr(0, n));
  std::mt19937 rng(1234);
  for (int i = 0; i < 1500; ++i) {
    std::string mutated = file.bytes;
    for (int k = 0; k < 4; ++k) {
      // Flip bytes in the data region and the footer alike, sparing the magic.
      size_t pos = 4 + rng() % (mutated.size() - 12);
      mutated[pos] = static_cast<char>(rng());
    }
    try_read(std::move(mutated));
  }
}

}  // namespace
}  // namespace inlet
