#include "formats/parquet/parquet_format.h"

#include <gtest/gtest.h>

#include "formats/parquet/parquet_test_util.h"
#include "formats/parquet/parquet_writer.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

using parquet_test::MakeBatch;
using parquet_test::MakeField;

class CollectingSink : public RowErrorSink {
 public:
  Status OnRowError(const RowError& error) override {
    errors.push_back(error);
    return Status::OK();
  }
  std::vector<RowError> errors;
};

class ParquetFormatTest : public ::testing::Test {
 protected:
  // Writes rows (id INTEGER, Name VARCHAR, code VARCHAR) to "/data/f.parquet": id = i,
  // Name = "n<i>", code = "<i>" except every 100th row, which holds "x<i>".
  void SetUp() override {
    file_schema_ = std::make_shared<Schema>(std::vector<Field>{
        MakeField("id", LogicalType::Integer()), MakeField("Name", LogicalType::Varchar()),
        MakeField("code", LogicalType::Varchar())});
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 1000; ++i) {
      rows.push_back({Value::Int(LogicalType::Integer(), i),
                      Value::Varchar("n" + std::to_string(i)),
                      Value::Varchar((i % 100 == 99 ? "x" : "") + std::to_string(i))});
    }
    auto out = fs_->OpenOutputStream("/data/f.parquet");
    ASSERT_TRUE(out.ok());
    ParquetWriterOptions options;
    options.row_group_rows = 400;
    auto writer = ParquetWriter::Make(std::move(*out), file_schema_, options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(*MakeBatch(file_schema_, rows)).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
    auto info = fs_->GetFileInfo("/data/f.parquet");
    ASSERT_TRUE(info.ok());
    file_ = SourceFile{fs_, *info, "f.parquet"};
  }

  // Every batch the reader gives for `request`, or the first error.
  Result<std::vector<RecordBatchPtr>> ReadAll(const ReadRequest& request) {
    INLET_ASSIGN_OR_RETURN(auto reader, format_.OpenReader(file_, request));
    std::vector<RecordBatchPtr> batches;
    while (true) {
      INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
      if (!batch) break;
      batches.push_back(batch);
    }
    EXPECT_EQ(reader->rows_parsed(), 1000);
    EXPECT_GT(reader->bytes_read(), 0);
    return batches;
  }

  std::shared_ptr<MemoryFileSystem> fs_ = std::make_shared<MemoryFileSystem>();
  SchemaPtr file_schema_;
  SourceFile file_;
  ParquetFormat format_;
};

TEST_F(ParquetFormatTest, Basics) {
  EXPECT_EQ(format_.name(), "PARQUET");
  EXPECT_EQ(format_.extensions(), std::vector<std::string>{"parquet"});
  EXPECT_TRUE(format_.ValidateOptions({}).ok());
  EXPECT_EQ(format_.ValidateOptions({{"delimiter", ","}}).message(),
            "PARQUET has no option \"delimiter\"");
  auto schema = format_.InferSchema(file_, {});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(*schema, *file_schema_);
}

TEST_F(ParquetFormatTest, MatchesByNameFillsDefaultsAndSplitsBatches) {
  Field with_default = MakeField("region", LogicalType::Varchar());
  with_default.default_value = Value::Varchar("EU");
  ReadRequest request;
  request.target_schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("name", LogicalType::Varchar()), with_default,
      MakeField("ID", LogicalType::Integer()), MakeField("missing", LogicalType::Double())});
  request.batch_rows = 300;
  auto batches = ReadAll(request);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  int64_t row = 0;
  for (const auto& batch : *batches) {
    EXPECT_LE(batch->num_rows(), 300);
    EXPECT_EQ(batch->schema(), request.target_schema);
    for (int64_t r = 0; r < batch->num_rows(); ++r, ++row) {
      EXPECT_EQ(batch->column(0)->GetValue(r), Value::Varchar("n" + std::to_string(row)));
      EXPECT_EQ(batch->column(1)->GetValue(r), Value::Varchar("EU"));
      EXPECT_EQ(batch->column(2)->GetValue(r), Value::Int(LogicalType::Integer(), row));
      EXPECT_TRUE(batch->column(3)->IsNull(r));
    }
  }
  EXPECT_EQ(row, 1000);
}

TEST_F(ParquetFormatTest, CastsPerValueAndRoutesFailuresToTheSink) {
  CollectingSink sink;
  ReadRequest request;
  request.target_schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("id", LogicalType::BigInt()), MakeField("code", LogicalType::Integer())});
  request.error_sink = &sink;
  auto batches = ReadAll(request);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  int64_t rows = 0;
  for (const auto& batch : *batches) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      int64_t id = batch->column(0)->GetValue(r).GetInt();
      EXPECT_NE(id % 100, 99);
      EXPECT_EQ(batch->column(1)->GetValue(r), Value::Int(LogicalType::Integer(), id));
    }
    rows += batch->num_rows();
  }
  EXPECT_EQ(rows, 990);
  ASSERT_EQ(sink.errors.size(), 10u);
  const RowError& first = sink.errors[0];
  EXPECT_EQ(first.file, "f.parquet");
  EXPECT_EQ(first.line, 100);  // the 100th row of the file
  EXPECT_EQ(first.column_index, 1);
  EXPECT_EQ(first.column_name, "code");
  EXPECT_EQ(first.raw_value, "x99");
  EXPECT_NE(first.reason.find("x99"), std::string::npos) << first.reason;
}

TEST_F(ParquetFormatTest, WithoutASinkTheFirstBadValueFails) {
  ReadRequest request;
  request.target_schema =
      std::make_shared<Schema>(std::vector<Field>{MakeField("code", LogicalType::Integer())});
  auto batches = ReadAll(request);
  ASSERT_FALSE(batches.ok());
  EXPECT_EQ(batches.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(batches.status().message().find("f.parquet:100: column \"code\""), std::string::npos)
      << batches.status().ToString();
}

TEST_F(ParquetFormatTest, NotNullColumnsRejectNulls) {
  // A NOT NULL column the file lacks, without a DEFAULT: every row is rejected, naming it.
  Field required = MakeField("missing", LogicalType::Integer());
  required.nullable = false;
  ReadRequest request;
  request.target_schema = std::make_shared<Schema>(
      std::vector<Field>{MakeField("id", LogicalType::Integer()), required});
  auto batches = ReadAll(request);
  ASSERT_FALSE(batches.ok());
  EXPECT_NE(batches.status().message().find(
                "f.parquet:1: column \"missing\": the file has no column \"missing\""),
            std::string::npos)
      << batches.status().ToString();

  // A failed cast into a NOT NULL column is reported once, as the cast error.
  CollectingSink sink;
  Field code = MakeField("code", LogicalType::Integer());
  code.nullable = false;
  request.target_schema = std::make_shared<Schema>(
      std::vector<Field>{MakeField("id", LogicalType::Integer()), code});
  request.error_sink = &sink;
  batches = ReadAll(request);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(sink.errors.size(), 10u);
}

TEST_F(ParquetFormatTest, NoMatchingColumnIsAnError) {
  ReadRequest request;
  request.target_schema =
      std::make_shared<Schema>(std::vector<Field>{MakeField("other", LogicalType::Integer())});
  auto reader = format_.OpenReader(file_, request);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidData);
}

TEST_F(ParquetFormatTest, NotParquetNamesTheFile) {
  ASSERT_TRUE(fs_->WriteFile("/data/x.parquet", "a,b\n1,2\n3,4\n5,6\n").ok());
  auto info = fs_->GetFileInfo("/data/x.parquet");
  ASSERT_TRUE(info.ok());
  auto schema = format_.InferSchema(SourceFile{fs_, *info, "x.parquet"}, {});
  EXPECT_EQ(schema.status().message(), "x.parquet: not a Parquet file (no PAR1 magic)");
}

}  // namespace
}  // namespace inlet
