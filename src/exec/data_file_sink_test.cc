#include "exec/data_file_sink.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "formats/parquet/parquet_reader.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

SchemaPtr PartitionedSchema(LogicalType partition_type = LogicalType::Integer()) {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"v", LogicalType::BigInt(), true, std::nullopt}, {"p", partition_type, true, std::nullopt}});
}

RecordBatchPtr Batch(const SchemaPtr& schema, const std::vector<std::pair<int64_t, Value>>& rows) {
  RecordBatchPtr batch = RecordBatch::MakeEmpty(schema);
  for (const auto& [v, p] : rows) {
    batch->column(0)->AppendValue(Value::BigInt(v));
    batch->column(1)->AppendValue(p);
  }
  batch->SetNumRows(static_cast<int64_t>(rows.size()));
  return batch;
}

Value P(int32_t p) { return Value::Int(LogicalType::Integer(), p); }

class DataFileSinkTest : public ::testing::Test {
 protected:
  DataFileTarget Target(int max_open_files) {
    DataFileTarget target{fs_, "/table"};
    target.partition_columns = {1};
    target.max_open_files = max_open_files;
    return target;
  }

  std::shared_ptr<FileSystem> fs_ = std::make_shared<MemoryFileSystem>();
  std::atomic<int> counter_{0};
};

TEST_F(DataFileSinkTest, OneFolderPerPartitionValueWithoutThePartitionColumn) {
  DataFileTarget target = Target(16);
  SchemaPtr schema = PartitionedSchema();
  DataFileSink sink(target, schema, &counter_);
  ASSERT_TRUE(
      sink
          .Write(*Batch(
              schema, {{1, P(1)}, {2, P(2)}, {3, P(1)}, {4, Value::Null(LogicalType::Integer())}}))
          .ok());
  Result<std::vector<DataFile>> files = sink.Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 3u);
  std::vector<std::string> summary;
  for (const DataFile& file : *files) {
    std::string folder = file.relative_path.substr(0, file.relative_path.find("part-"));
    std::string p = file.partition_values.at("p").value_or("null");
    summary.push_back(folder + " p=" + p + " rows=" + std::to_string(file.stats.num_records) +
                      " stats=" + std::to_string(file.stats.columns.size()));
  }
  std::sort(summary.begin(), summary.end());
  EXPECT_EQ(summary,
            (std::vector<std::string>{"p=1/ p=1 rows=2 stats=1", "p=2/ p=2 rows=1 stats=1",
                                      "p=__HIVE_DEFAULT_PARTITION__/ p=null rows=1 stats=1"}));
}

TEST_F(DataFileSinkTest, ClosesTheLeastRecentlyWrittenFileAtTheBound) {
  DataFileTarget target = Target(2);
  SchemaPtr schema = PartitionedSchema();
  DataFileSink sink(target, schema, &counter_);
  ASSERT_TRUE(sink.Write(*Batch(schema, {{1, P(1)}})).ok());
  ASSERT_TRUE(sink.Write(*Batch(schema, {{2, P(2)}})).ok());
  ASSERT_TRUE(sink.Write(*Batch(schema, {{3, P(2)}})).ok());
  // A third partition closes p=1's file (written longest ago); p=1 then starts a new one.
  ASSERT_TRUE(sink.Write(*Batch(schema, {{4, P(3)}})).ok());
  ASSERT_TRUE(sink.Write(*Batch(schema, {{5, P(1)}})).ok());
  Result<std::vector<DataFile>> files = sink.Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::vector<std::string> per_file;
  for (const DataFile& file : *files) {
    per_file.push_back(*file.partition_values.at("p") + ":" +
                       std::to_string(file.stats.num_records));
  }
  std::sort(per_file.begin(), per_file.end());
  EXPECT_EQ(per_file, (std::vector<std::string>{"1:1", "1:1", "2:2", "3:1"}));
}

// The files open for several partitions split the load's row-group budget: the same rows make
// row groups about a quarter the size when they go to four partitions' files instead of one.
TEST_F(DataFileSinkTest, OpenFilesShareTheRowGroupMemoryBudget) {
  SchemaPtr schema = PartitionedSchema();
  auto row_groups_per_file = [&](int partitions) {
    DataFileTarget target = Target(16);
    target.parquet.memory_budget = std::make_shared<RowGroupMemoryBudget>(int64_t{1} << 20);
    std::vector<int> groups;
    DataFileSink sink(target, schema, &counter_);
    for (int b = 0; b < 64; ++b) {
      std::vector<std::pair<int64_t, Value>> rows;
      for (int64_t r = 0; r < 4096; ++r) rows.emplace_back(b * 4096 + r, P(b % partitions));
      EXPECT_TRUE(sink.Write(*Batch(schema, rows)).ok());
    }
    Result<std::vector<DataFile>> files = sink.Finish();
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    for (const DataFile& file : *files) {
      auto reader =
          ParquetFileReader::Open(*fs_->OpenInputFile("/table/" + file.relative_path), "file");
      EXPECT_TRUE(reader.ok()) << reader.status().ToString();
      groups.push_back((*reader)->num_row_groups());
    }
    return groups;
  };
  std::vector<int> one = row_groups_per_file(1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_GE(one[0], 2);
  for (int groups : row_groups_per_file(4)) EXPECT_GE(groups, one[0]);
}

TEST_F(DataFileSinkTest, AValueThatCannotBeAPartitionValueFailsNamingTheColumn) {
  DataFileTarget target = Target(16);
  SchemaPtr schema = PartitionedSchema(LogicalType::Time());
  DataFileSink sink(target, schema, &counter_);
  Status status = sink.Write(*Batch(schema, {{1, Value::Time(0)}}));
  EXPECT_EQ(status.message(), "partition column \"p\": a TIME value cannot be a partition value");
}

TEST_F(DataFileSinkTest, ColumnMappingWritesPhysicalNamesAndFieldIds) {
  DataFileTarget target = Target(16);
  target.physical_fields = {{"col-v", 7, {}}, {"col-p", 8, {}}};
  SchemaPtr schema = PartitionedSchema();
  DataFileSink sink(target, schema, &counter_);
  ASSERT_TRUE(sink.Write(*Batch(schema, {{1, P(1)}, {2, P(1)}})).ok());
  Result<std::vector<DataFile>> files = sink.Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  const DataFile& file = files->front();
  // The folder, the partition value and the stats name the columns by their physical names.
  EXPECT_TRUE(file.relative_path.starts_with("col-p=1/part-")) << file.relative_path;
  EXPECT_EQ(file.partition_values, (PartitionValues{{"col-p", "1"}}));
  ASSERT_EQ(file.stats.columns.size(), 1u);
  EXPECT_EQ(file.stats.columns[0].name, "col-v");
  Result<std::unique_ptr<RandomAccessFile>> in = fs_->OpenInputFile("/table/" + file.relative_path);
  ASSERT_TRUE(in.ok());
  auto reader = ParquetFileReader::Open(std::move(*in), file.relative_path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const std::vector<parquet::SchemaElement>& elements = (*reader)->metadata().schema;
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[1].name, "col-v");
  EXPECT_EQ(elements[1].field_id, 7);
}

TEST(PartitionColumnIndicesTest, FindsColumnsIgnoringCaseAndNamesAMissingOne) {
  Schema schema(std::vector<Field>{{"Day", LogicalType::Date(), true, std::nullopt}});
  EXPECT_EQ(*PartitionColumnIndices(schema, {"day"}), std::vector<int>{0});
  EXPECT_EQ(PartitionColumnIndices(schema, {"city"}).status().message(),
            "the table's partition column \"city\" is not in its schema");
}

}  // namespace
}  // namespace inlet
