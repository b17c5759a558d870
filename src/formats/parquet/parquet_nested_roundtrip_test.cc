// Nested columns through ParquetWriter and back through ParquetFileReader: every type in every
// nesting, statistics for Delta, projection, and malformed files.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <random>
#include <thread>

#include "formats/parquet/nested_test_data.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/parquet_writer.h"

namespace inlet {
namespace {

using parquet::Codec;
using parquet_test::MakeBatch;
using parquet_test::MakeField;
using parquet_test::NestedRow;
using parquet_test::NestedSchema;

struct Written {
  std::string bytes;
  WrittenFileInfo info;
};

Written WriteRows(const SchemaPtr& schema, const std::vector<std::vector<Value>>& rows,
                  const ParquetWriterOptions& options, size_t batch_rows = 1000) {
  auto out = std::make_unique<MemoryOutputStream>();
  MemoryOutputStream* raw = out.get();
  auto writer = ParquetWriter::Make(std::move(out), schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  for (size_t begin = 0; begin < rows.size(); begin += batch_rows) {
    size_t end = std::min(rows.size(), begin + batch_rows);
    std::vector<std::vector<Value>> part(rows.begin() + begin, rows.begin() + end);
    Status st = (*writer)->Write(*MakeBatch(schema, part));
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  auto info = (*writer)->Finish();
  EXPECT_TRUE(info.ok()) << info.status().ToString();
  return Written{raw->TakeBuffer(), info.ok() ? *info : WrittenFileInfo{}};
}

Result<std::unique_ptr<ParquetFileReader>> OpenBytes(std::string bytes) {
  return ParquetFileReader::Open(std::make_shared<MemoryRandomAccessFile>(std::move(bytes)),
                                 "n.parquet");
}

std::vector<std::vector<Value>> NestedRows(int64_t n) {
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < n; ++i) rows.push_back(NestedRow(i));
  return rows;
}

// Every row of every row group, read with `selections`.
Result<std::vector<std::vector<Value>>> ReadRows(
    const ParquetFileReader& reader, const std::vector<ParquetColumnSelection>& selections) {
  std::vector<std::vector<Value>> rows;
  for (int g = 0; g < reader.num_row_groups(); ++g) {
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader.ReadRowGroup(g, selections));
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<Value> row;
      for (const auto& column : batch->columns()) row.push_back(column->GetValue(r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<ParquetColumnSelection> AllFields(const ParquetFileReader& reader) {
  std::vector<ParquetColumnSelection> all;
  for (size_t c = 0; c < reader.schema().num_fields(); ++c) {
    all.push_back(ParquetColumnSelection{{static_cast<int>(c)}, {}});
  }
  return all;
}

class NestedRoundTrip : public ::testing::TestWithParam<std::tuple<Codec, bool>> {};

TEST_P(NestedRoundTrip, EveryTypeInEveryNesting) {
  auto [codec, dictionary] = GetParam();
  ParquetWriterOptions options;
  options.codec = codec;
  options.dictionary = dictionary;
  options.row_group_rows = 250;
  options.data_page_bytes = 700;  // many pages, each ending where a row starts
  SchemaPtr schema = NestedSchema();
  auto rows = NestedRows(600);
  Written file = WriteRows(schema, rows, options, 170);
  EXPECT_EQ(file.info.num_rows, 600);

  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema(), *schema);
  EXPECT_EQ((*reader)->num_row_groups(), 3);
  auto read = ReadRows(**reader, AllFields(**reader));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), rows.size());
  for (size_t r = 0; r < rows.size(); ++r) ASSERT_EQ((*read)[r], rows[r]) << "row " << r;
}

INSTANTIATE_TEST_SUITE_P(Codecs, NestedRoundTrip,
                         ::testing::Combine(::testing::Values(Codec::kUncompressed, Codec::kSnappy,
                                                              Codec::kZstd),
                                            ::testing::Bool()));

TEST(NestedRoundTrip, DictionaryFallsBackToPlainAtARowBoundary) {
  LogicalType list = LogicalType::List(LogicalType::Varchar());
  auto schema = std::make_shared<Schema>(std::vector<Field>{MakeField("l", list)});
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 2000; ++i) {
    std::vector<Value> elements;
    for (int k = 0; k < i % 5; ++k) {
      elements.push_back(Value::Varchar(i < 500 ? "v" + std::to_string(k)
                                                : "unique-" + std::to_string(i * 5 + k)));
    }
    rows.push_back({Value::List(list, std::move(elements))});
  }
  ParquetWriterOptions options;
  options.dictionary_page_bytes = 1024;
  options.data_page_bytes = 2048;
  Written file = WriteRows(schema, rows, options, 300);
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const auto& meta = *(*reader)->metadata().row_groups[0].columns[0].meta_data;
  EXPECT_TRUE(meta.dictionary_page_offset.has_value());
  EXPECT_EQ(meta.path_in_schema, (std::vector<std::string>{"l", "list", "element"}));
  auto read = ReadRows(**reader, AllFields(**reader));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, rows);
}

TEST(NestedRoundTrip, TimeColumns) {
  auto schema = std::make_shared<Schema>(
      std::vector<Field>{MakeField("t", LogicalType::Time()),
                         MakeField("lt", LogicalType::List(LogicalType::Time()))});
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < 100; ++i) {
    Value t = i % 9 == 0 ? Value::Null(LogicalType::Time()) : Value::Time(i * 864000000LL);
    rows.push_back({t, Value::List(schema->field(1).type, {t, Value::Time(1)})});
  }
  Written file = WriteRows(schema, rows, ParquetWriterOptions{});
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema(), *schema);
  EXPECT_EQ(*ReadRows(**reader, AllFields(**reader)), rows);
  EXPECT_EQ(file.info.column_stats[0].min, Value::Time(864000000LL));
}

TEST(ParquetWriter, NestedStatisticsForDelta) {
  SchemaPtr schema = NestedSchema();
  auto rows = NestedRows(300);
  ParquetWriterOptions options;
  options.row_group_rows = 128;
  Written file = WriteRows(schema, rows, options, 100);
  const std::vector<ColumnStatistics>& stats = file.info.column_stats;
  ASSERT_EQ(stats.size(), schema->num_fields());

  // s: a STRUCT keeps its own NULL count and one entry per field, whose NULLs include the
  // struct's, with the min and max of the values.
  const ColumnStatistics& s = stats[1];
  EXPECT_FALSE(s.has_min_max);
  const std::vector<Field> scalars = parquet_test::ScalarFields();
  ASSERT_EQ(s.children.size(), scalars.size());
  int64_t null_structs = 0;
  for (const auto& row : rows) null_structs += row[1].is_null() ? 1 : 0;
  EXPECT_EQ(s.null_count, null_structs);
  for (size_t c = 0; c < scalars.size(); ++c) {
    SCOPED_TRACE(scalars[c].name);
    std::optional<Value> min, max;
    int64_t nulls = 0;
    for (const auto& row : rows) {
      Value v = row[1].is_null() ? Value::Null(scalars[c].type) : row[1].GetChildren()[c];
      if (v.is_null()) {
        ++nulls;
        continue;
      }
      if (!min || v.Compare(*min) < 0) min = v;
      if (!max || v.Compare(*max) > 0) max = v;
    }
    EXPECT_EQ(s.children[c].null_count, nulls);
    ASSERT_TRUE(s.children[c].has_min_max);
    EXPECT_EQ(s.children[c].min, *min);
    EXPECT_EQ(s.children[c].max, *max);
    EXPECT_TRUE(s.children[c].children.empty());
  }

  // l: a STRUCT of LISTs; a LIST counts its NULLs (its struct's too) and keeps nothing else.
  const ColumnStatistics& l = stats[2];
  int64_t null_lists = 0;
  for (const auto& row : rows) {
    null_lists += row[2].is_null() || row[2].GetChildren()[0].is_null() ? 1 : 0;
  }
  EXPECT_EQ(l.children[0].null_count, null_lists);
  EXPECT_FALSE(l.children[0].has_min_max);
  EXPECT_TRUE(l.children[0].children.empty());
  // m: a MAP likewise; id: a flat column as before.
  int64_t null_maps = 0;
  for (const auto& row : rows) null_maps += row[3].is_null() ? 1 : 0;
  EXPECT_EQ(stats[3].null_count, null_maps);
  EXPECT_TRUE(stats[3].children.empty());
  EXPECT_EQ(stats[0].min, Value::BigInt(0));
  EXPECT_EQ(stats[0].max, Value::BigInt(299));
  // req: a NOT NULL struct of NOT NULL fields.
  EXPECT_EQ(stats[6].null_count, 0);
  EXPECT_EQ(stats[6].children[0].max, Value::Int(LogicalType::Integer(), 299));

  // The footer's chunk statistics count a nested leaf's NULLs at every level.
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  int leaf_of_s_i = -1;
  for (size_t i = 0; i < (*reader)->schema_tree().leaves.size(); ++i) {
    if ((*reader)->schema_tree().leaves[i].name == "s.i") leaf_of_s_i = static_cast<int>(i);
  }
  ASSERT_GE(leaf_of_s_i, 0);
  int64_t footer_nulls = 0;
  for (const auto& group : (*reader)->metadata().row_groups) {
    footer_nulls += *group.columns[leaf_of_s_i].meta_data->statistics->null_count;
  }
  EXPECT_EQ(footer_nulls, s.children[3].null_count);
}

TEST(ParquetWriter, NullsInNotNullNestedFields) {
  SchemaPtr schema = NestedSchema();
  auto writer = ParquetWriter::Make(std::make_unique<MemoryOutputStream>(), schema, {});
  ASSERT_TRUE(writer.ok());
  std::vector<Value> row = NestedRow(1);
  const LogicalType& req = schema->field(6).type;
  row[6] = Value::Struct(
      req, {Value::Null(LogicalType::Integer()), row[6].GetChildren()[1], row[6].GetChildren()[2]});
  Status st = (*writer)->Write(*MakeBatch(schema, {row}));
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "column \"req\": \"x\" is NOT NULL but a NULL was written to it");
}

TEST(ParquetWriter, EmptyAndAllNullNestedColumns) {
  SchemaPtr schema = NestedSchema();
  Written empty = WriteRows(schema, {}, ParquetWriterOptions{});
  ASSERT_EQ(empty.info.column_stats.size(), schema->num_fields());
  EXPECT_EQ(empty.info.column_stats[1].children.size(), parquet_test::ScalarFields().size());
  auto reader = OpenBytes(empty.bytes);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema(), *schema);
  EXPECT_EQ((*reader)->num_row_groups(), 0);

  auto rows = NestedRows(40);
  for (auto& row : rows) {
    for (size_t c = 1; c < 6; ++c) row[c] = Value::Null(schema->field(c).type);
  }
  Written nulls = WriteRows(schema, rows, ParquetWriterOptions{});
  EXPECT_EQ(nulls.info.column_stats[1].null_count, 40);
  EXPECT_EQ(nulls.info.column_stats[1].children[0].null_count, 40);
  EXPECT_FALSE(nulls.info.column_stats[1].children[0].has_min_max);
  reader = OpenBytes(nulls.bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*ReadRows(**reader, AllFields(**reader)), rows);
}

// The leaf index of the leaf named `name`.
int LeafIndex(const ParquetFileReader& reader, const std::string& name) {
  const auto& leaves = reader.schema_tree().leaves;
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (leaves[i].name == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no leaf " << name;
  return -1;
}

TEST(ParquetReader, NestedProjectionDecodesOnlyTheChosenLeaves) {
  SchemaPtr schema = NestedSchema();
  auto rows = NestedRows(100);
  Written file = WriteRows(schema, rows, ParquetWriterOptions{});
  auto opened = OpenBytes(file.bytes);
  ASSERT_TRUE(opened.ok());
  const ParquetFileReader& reader = **opened;
  const auto& chunks = reader.metadata().row_groups[0].columns;

  // A field inside a STRUCT on its own: s.i, NULL where s is.
  int s_i = LeafIndex(reader, "s.i");
  ParquetColumnSelection s_dot_i{{1, 3}, {}};
  auto field = reader.SelectionField(s_dot_i);
  ASSERT_TRUE(field.ok());
  EXPECT_EQ(*field, MakeField("s.i", LogicalType::Integer()));
  int64_t before = reader.bytes_read();
  auto read = ReadRows(reader, {s_dot_i});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(reader.bytes_read() - before, chunks[s_i].meta_data->total_compressed_size);
  for (int64_t r = 0; r < 100; ++r) {
    Value expected =
        rows[r][1].is_null() ? Value::Null(LogicalType::Integer()) : rows[r][1].GetChildren()[3];
    ASSERT_EQ((*read)[r][0], expected);
  }

  // A STRUCT pruned to two fields, a LIST of STRUCTs pruned to one, a MAP read whole.
  int s_s = LeafIndex(reader, "s.s");
  int deep_a = LeafIndex(reader, "deep.list.element.a.list.element.list.element");
  int m_value_i = LeafIndex(reader, "m.key_value.value.i");
  std::vector<ParquetColumnSelection> pruned = {
      {{1}, {s_s, s_i}}, {{5}, {deep_a}}, {{3}, {m_value_i}}};
  before = reader.bytes_read();
  read = ReadRows(reader, pruned);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  int64_t map_bytes = 0;
  const parquet::SchemaNode& m = reader.schema_tree().fields[3];
  for (int leaf = m.leaf_begin; leaf < m.leaf_end; ++leaf) {
    map_bytes += chunks[leaf].meta_data->total_compressed_size;
  }
  EXPECT_EQ(reader.bytes_read() - before, chunks[s_i].meta_data->total_compressed_size +
                                              chunks[s_s].meta_data->total_compressed_size +
                                              chunks[deep_a].meta_data->total_compressed_size +
                                              map_bytes);
  LogicalType s_type = LogicalType::Struct(
      {{"i", LogicalType::Integer(), true}, {"s", LogicalType::Varchar(), true}});
  const LogicalType deep_element = parquet_test::DeepElement();
  const LogicalType& a_type = deep_element.struct_fields()[0].type;
  LogicalType deep_type = LogicalType::List(LogicalType::Struct({{"a", a_type, true}}));
  for (int64_t r = 0; r < 100; ++r) {
    SCOPED_TRACE(r);
    const Value& s = rows[r][1];
    ASSERT_EQ((*read)[r][0],
              s.is_null() ? Value::Null(s_type)
                          : Value::Struct(s_type, {s.GetChildren()[3], s.GetChildren()[10]}));
    const Value& deep = rows[r][5];
    Value expected_deep = Value::Null(deep_type);
    if (!deep.is_null()) {
      std::vector<Value> elements;
      for (const Value& e : deep.GetChildren()) {
        elements.push_back(e.is_null()
                               ? Value::Null(deep_type.list_element())
                               : Value::Struct(deep_type.list_element(), {e.GetChildren()[0]}));
      }
      expected_deep = Value::List(deep_type, std::move(elements));
    }
    ASSERT_EQ((*read)[r][1], expected_deep);
    ASSERT_EQ((*read)[r][2], rows[r][3]);
  }
}

// Callers read the row groups of one file on several threads at once.
TEST(ParquetReader, RowGroupsReadInParallel) {
  SchemaPtr schema = NestedSchema();
  auto rows = NestedRows(400);
  ParquetWriterOptions options;
  options.row_group_rows = 50;
  Written file = WriteRows(schema, rows, options);
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  ASSERT_EQ((*reader)->num_row_groups(), 8);
  std::vector<ParquetColumnSelection> all = AllFields(**reader);
  const int64_t footer_bytes = (*reader)->bytes_read();
  std::vector<Result<RecordBatchPtr>> batches(8, Status::Internal("not read"));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int g = t; g < 8; g += 4) batches[g] = (*reader)->ReadRowGroup(g, all);
    });
  }
  for (auto& thread : threads) thread.join();
  for (int g = 0; g < 8; ++g) {
    ASSERT_TRUE(batches[g].ok()) << batches[g].status().ToString();
    for (int64_t r = 0; r < 50; ++r) {
      std::vector<Value> row;
      for (const auto& column : (*batches[g])->columns()) row.push_back(column->GetValue(r));
      ASSERT_EQ(row, rows[g * 50 + r]);
    }
  }
  int64_t chunk_bytes = 0;
  for (const auto& group : (*reader)->metadata().row_groups) {
    for (const auto& chunk : group.columns) chunk_bytes += chunk.meta_data->total_compressed_size;
  }
  EXPECT_EQ((*reader)->bytes_read() - footer_bytes, chunk_bytes);
}

// `bytes` (a whole file) with its footer changed by `edit`.
std::string WithFooter(const std::string& bytes,
                       const std::function<void(parquet::FileMetaData*)>& edit) {
  uint32_t footer_length;
  std::memcpy(&footer_length, bytes.data() + bytes.size() - 8, 4);
  size_t footer_start = bytes.size() - 8 - footer_length;
  auto meta =
      parquet::DeserializeFileMetaData(std::string_view(bytes).substr(footer_start, footer_length));
  EXPECT_TRUE(meta.ok());
  edit(&*meta);
  std::string footer = parquet::SerializeFileMetaData(*meta);
  uint32_t length = static_cast<uint32_t>(footer.size());
  return bytes.substr(0, footer_start) + footer + std::string(reinterpret_cast<char*>(&length), 4) +
         "PAR1";
}

TEST(ParquetReader, FooterChecks) {
  SchemaPtr schema = NestedSchema();
  auto rows = NestedRows(30);
  Written file = WriteRows(schema, rows, ParquetWriterOptions{});

  // Old parquet-mr left the file's row count at 0: the row groups' count is what is read.
  auto reader =
      OpenBytes(WithFooter(file.bytes, [](parquet::FileMetaData* m) { m->num_rows = 0; }));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->num_rows(), 30);
  EXPECT_EQ(*ReadRows(**reader, AllFields(**reader)), rows);

  // A leaf chunk's value count bounds what decoding it may allocate.
  for (int64_t bad : {int64_t{-1}, int64_t{1} << 40}) {
    reader = OpenBytes(WithFooter(file.bytes, [bad](parquet::FileMetaData* m) {
      m->row_groups[0].columns[2].meta_data->num_values = bad;
    }));
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto batch = (*reader)->ReadRowGroup(0, std::vector<int>{1});
    EXPECT_EQ(batch.status().code(), StatusCode::kInvalidData);
    EXPECT_EQ(batch.status().message(),
              "n.parquet: column \"s.ti\" (row group 0) claims " + std::to_string(bad) + " values");
  }

  // Every leaf, not every top-level field, has a column chunk.
  reader = OpenBytes(
      WithFooter(file.bytes, [](parquet::FileMetaData* m) { m->row_groups[0].columns.resize(7); }));
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(reader.status().message().find("n.parquet: row group 0 has 7 column chunks for "),
            std::string::npos)
      << reader.status().ToString();
}

TEST(ParquetReader, BadSelections) {
  SchemaPtr schema = NestedSchema();
  Written file = WriteRows(schema, NestedRows(10), ParquetWriterOptions{});
  auto reader = OpenBytes(file.bytes);
  ASSERT_TRUE(reader.ok());
  auto error = [&](const ParquetColumnSelection& selection) {
    auto batch = (*reader)->ReadRowGroup(0, {selection});
    EXPECT_EQ(batch.status().code(), StatusCode::kInvalidArgument);
    return batch.status().message();
  };
  EXPECT_EQ(error({{}, {}}), "n.parquet: no column (empty path)");
  EXPECT_EQ(error({{9}, {}}), "n.parquet: no column 9");
  EXPECT_EQ(error({{1, 40}, {}}), "n.parquet: column \"s\" has no field 40");
  EXPECT_EQ(error({{5, 0}, {}}), "n.parquet: column \"deep\" has no field 0");  // a LIST
  EXPECT_EQ(error({{1}, {0}}), "n.parquet: the selection of column \"s\" holds none of its leaves");
  EXPECT_EQ((*reader)->ReadRowGroup(3, std::vector<int>{0}).status().message(),
            "n.parquet: no row group 3");
}

// Truncations and byte flips of a nested file give errors naming the file or data, never a
// crash.
TEST(ParquetReader, CorruptNestedFilesFailCleanly) {
  SchemaPtr schema = NestedSchema();
  ParquetWriterOptions options;
  options.data_page_bytes = 512;
  Written file = WriteRows(schema, NestedRows(120), options);
  auto try_read = [](std::string bytes) {
    auto reader = OpenBytes(std::move(bytes));
    if (!reader.ok()) {
      EXPECT_NE(reader.status().message().find("n.parquet"), std::string::npos)
          << reader.status().ToString();
      return;
    }
    for (int g = 0; g < (*reader)->num_row_groups(); ++g) {
      auto batch = (*reader)->ReadRowGroup(g, AllFields(**reader));
      if (!batch.ok()) {
        EXPECT_NE(batch.status().message().find("n.parquet"), std::string::npos)
            << batch.status().ToString();
      }
    }
  };
  for (size_t n = 0; n < file.bytes.size(); n += 97) try_read(file.bytes.substr(0, n));
  std::mt19937 rng(99);
  for (int i = 0; i < 400; ++i) {
    std::string mutated = file.bytes;
    for (int k = 0; k < 3; ++k) {
      size_t pos = 4 + rng() % (mutated.size() - 12);
      mutated[pos] = static_cast<char>(rng());
    }
    try_read(std::move(mutated));
  }
}

}  // namespace
}  // namespace inlet
