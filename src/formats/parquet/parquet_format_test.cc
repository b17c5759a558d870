#include "formats/parquet/parquet_format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>

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
  request.target_schema =
      std::make_shared<Schema>(std::vector<Field>{MakeField("id", LogicalType::Integer()), code});
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

namespace inlet {
namespace {

using parquet_test::MakeField;

const LogicalType kInt = LogicalType::Integer();
const LogicalType kText = LogicalType::Varchar();

Value Int(int64_t v) { return Value::Int(kInt, v); }

// A file of nested columns:
//   id INTEGER,
//   s STRUCT<a INTEGER, B VARCHAR, inner STRUCT<c INTEGER, d VARCHAR>>,
//   pts ARRAY<STRUCT<x INTEGER, y INTEGER, label VARCHAR>>,
//   m MAP<VARCHAR, INTEGER>,
//   raw BINARY
// with row i: s NULL every 5th row, s.inner NULL every 3rd, pts of i % 3 points.
class ParquetNestedFormatTest : public ::testing::Test {
 protected:
  static LogicalType Inner() {
    return LogicalType::Struct({{"c", kInt, true}, {"d", kText, true}});
  }
  static LogicalType S() {
    return LogicalType::Struct({{"a", kInt, true}, {"B", kText, true}, {"inner", Inner(), true}});
  }
  static LogicalType Point() {
    return LogicalType::Struct({{"x", kInt, true}, {"y", kInt, true}, {"label", kText, true}});
  }
  static LogicalType Map() { return LogicalType::Map(kText, kInt); }

  static std::vector<Value> Row(int64_t i) {
    Value inner =
        i % 3 == 0 ? Value::Null(Inner())
                   : Value::Struct(Inner(), {Int(i * 10), Value::Varchar("d" + std::to_string(i))});
    Value s = i % 5 == 0
                  ? Value::Null(S())
                  : Value::Struct(S(), {Int(i), Value::Varchar("b" + std::to_string(i)), inner});
    std::vector<Value> points;
    for (int64_t k = 0; k < i % 3; ++k) {
      points.push_back(Value::Struct(Point(), {Int(k), Int(-k), Value::Varchar("p")}));
    }
    Value m = Value::Map(Map(), {Value::Struct(Map().map_entry(), {Value::Varchar("k"), Int(i)})});
    return {Int(i), s, Value::List(LogicalType::List(Point()), points), m,
            Value::Binary("bytes" + std::to_string(i))};
  }

  void SetUp() override {
    schema_ = std::make_shared<Schema>(std::vector<Field>{
        MakeField("id", kInt), MakeField("s", S()), MakeField("pts", LogicalType::List(Point())),
        MakeField("m", Map()), MakeField("raw", LogicalType::Binary())});
    std::vector<std::vector<Value>> rows;
    for (int64_t i = 0; i < 100; ++i) rows.push_back(Row(i));
    auto out = fs_->OpenOutputStream("/data/n.parquet");
    ASSERT_TRUE(out.ok());
    auto writer = ParquetWriter::Make(std::move(*out), schema_, ParquetWriterOptions{});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(*parquet_test::MakeBatch(schema_, rows)).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
    auto info = fs_->GetFileInfo("/data/n.parquet");
    ASSERT_TRUE(info.ok());
    file_ = SourceFile{fs_, *info, "n.parquet"};
  }

  // Every row the reader gives for `target`, and the bytes it read.
  Result<std::vector<std::vector<Value>>> ReadAll(std::vector<Field> target,
                                                  FormatOptions options = {},
                                                  RowErrorSink* sink = nullptr,
                                                  int64_t* bytes_read = nullptr) {
    ReadRequest request;
    request.target_schema = std::make_shared<Schema>(std::move(target));
    request.options = std::move(options);
    request.error_sink = sink;
    INLET_ASSIGN_OR_RETURN(auto reader, format_.OpenReader(file_, request));
    std::vector<std::vector<Value>> rows;
    while (true) {
      INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
      if (!batch) break;
      for (int64_t r = 0; r < batch->num_rows(); ++r) {
        std::vector<Value> row;
        for (const auto& column : batch->columns()) row.push_back(column->GetValue(r));
        rows.push_back(std::move(row));
      }
    }
    if (bytes_read != nullptr) *bytes_read = reader->bytes_read();
    return rows;
  }

  std::shared_ptr<MemoryFileSystem> fs_ = std::make_shared<MemoryFileSystem>();
  SchemaPtr schema_;
  SourceFile file_;
  ParquetFormat format_;
};

TEST_F(ParquetNestedFormatTest, InfersNestedTypes) {
  auto schema = format_.InferSchema(file_, {});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(*schema, *schema_);
}

TEST_F(ParquetNestedFormatTest, SameTypesPassThrough) {
  auto rows = ReadAll(schema_->fields());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 100u);
  for (int64_t i = 0; i < 100; ++i) ASSERT_EQ((*rows)[i], Row(i));
}

// Struct fields match by name ignoring case, in any order; a field the file lacks is NULL and one
// the table lacks is not read. Lists of structs and maps convert element by element.
TEST_F(ParquetNestedFormatTest, NestedColumnsMatchFieldsByName) {
  LogicalType s = LogicalType::Struct(
      {{"b", kText, true},
       {"INNER",
        LogicalType::Struct({{"c", LogicalType::BigInt(), true}, {"missing", kText, true}}), true},
       {"absent", kInt, true}});
  LogicalType point = LogicalType::Struct({{"y", LogicalType::BigInt(), true}});
  LogicalType map = LogicalType::Map(kText, LogicalType::Double());
  int64_t pruned_bytes = 0;
  auto rows =
      ReadAll({MakeField("S", s), MakeField("pts", LogicalType::List(point)), MakeField("m", map)},
              {}, nullptr, &pruned_bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 100u);
  const LogicalType& inner = s.struct_fields()[1].type;
  for (int64_t i = 0; i < 100; ++i) {
    SCOPED_TRACE(i);
    Value expected_inner = i % 3 == 0
                               ? Value::Null(inner)
                               : Value::Struct(inner, {Value::BigInt(i * 10), Value::Null(kText)});
    Value expected_s = i % 5 == 0 ? Value::Null(s)
                                  : Value::Struct(s, {Value::Varchar("b" + std::to_string(i)),
                                                      expected_inner, Value::Null(kInt)});
    EXPECT_EQ((*rows)[i][0], expected_s);
    std::vector<Value> points;
    for (int64_t k = 0; k < i % 3; ++k) points.push_back(Value::Struct(point, {Value::BigInt(-k)}));
    EXPECT_EQ((*rows)[i][1], Value::List(LogicalType::List(point), points));
    EXPECT_EQ(
        (*rows)[i][2],
        Value::Map(map, {Value::Struct(map.map_entry(), {Value::Varchar("k"),
                                                         Value::Double(static_cast<double>(i))})}));
  }
  // Only the leaves those fields need were decoded: less than the whole file.
  int64_t all_bytes = 0;
  ASSERT_TRUE(ReadAll({MakeField("s", S()), MakeField("pts", LogicalType::List(Point())),
                       MakeField("m", Map())},
                      {}, nullptr, &all_bytes)
                  .ok());
  EXPECT_LT(pruned_bytes, all_bytes);
}

TEST_F(ParquetNestedFormatTest, NotNullStructFieldsRejectRowsWithoutThem) {
  LogicalType s = LogicalType::Struct({{"a", kInt, true}, {"must", kInt, false}});
  CollectingSink sink;
  auto rows = ReadAll({MakeField("id", kInt), MakeField("s", s)}, {}, &sink);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 20u);  // the rows where s is NULL
  ASSERT_EQ(sink.errors.size(), 80u);
  EXPECT_EQ(sink.errors[0].line, 2);
  EXPECT_EQ(sink.errors[0].column_name, "s");
  EXPECT_EQ(sink.errors[0].reason,
            "NULL field \"must\" where STRUCT<a: INTEGER, must: INTEGER NOT NULL> is NOT NULL");
}

// Firebolt's shredded structs: a flat table column "s.inner.c" takes field c of field inner of
// the STRUCT s, NULL wherever a struct above it is.
TEST_F(ParquetNestedFormatTest, FlatColumnsTakeStructFieldsByDottedName) {
  int64_t bytes = 0;
  auto rows = ReadAll(
      {MakeField("id", kInt), MakeField("s.A", LogicalType::BigInt()), MakeField("S.inner.c", kInt),
       MakeField("s.inner", kText), MakeField("s.nope", kInt)},
      {}, nullptr, &bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  for (int64_t i = 0; i < 100; ++i) {
    SCOPED_TRACE(i);
    const auto& row = (*rows)[i];
    EXPECT_EQ(row[1], i % 5 == 0 ? Value::Null(LogicalType::BigInt()) : Value::BigInt(i));
    bool inner_null = i % 5 == 0 || i % 3 == 0;
    EXPECT_EQ(row[2], inner_null ? Value::Null(kInt) : Int(i * 10));
    EXPECT_EQ(row[3], inner_null ? Value::Null(kText)
                                 : Value::Varchar("{'c': " + std::to_string(i * 10) + ", 'd': d" +
                                                  std::to_string(i) + "}"));
    EXPECT_TRUE(row[4].is_null());
  }
  // With a STRUCT column in the table, dotted names are not looked up (as Firebolt does).
  rows = ReadAll({MakeField("s", S()), MakeField("s.a", kInt)});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_TRUE((*rows)[1][1].is_null());
  // Only shredded columns: still a match.
  rows = ReadAll({MakeField("s.a", kInt)});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[1][0], Int(1));
}

TEST_F(ParquetNestedFormatTest, SupportStructsFalseInfersShreddedColumns) {
  auto schema = format_.InferSchema(file_, {{"support_structs", "FALSE"}});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(*schema, Schema({MakeField("id", kInt), MakeField("s.a", kInt), MakeField("s.B", kText),
                             MakeField("s.inner.c", kInt), MakeField("s.inner.d", kText),
                             MakeField("pts", LogicalType::List(Point())), MakeField("m", Map()),
                             MakeField("raw", LogicalType::Binary())}));
  // Loading into that schema gives the struct fields' values.
  auto rows = ReadAll(schema->fields());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)[4][3], Int(40));
  EXPECT_EQ(*format_.InferSchema(file_, {{"support_structs", "true"}}), *schema_);
}

TEST_F(ParquetNestedFormatTest, BinaryAsText) {
  auto schema = format_.InferSchema(file_, {{"binary_as_text", "TRUE"}});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->field(4), MakeField("raw", kText));
  auto rows = ReadAll({MakeField("raw", kText)}, {{"binary_as_text", "true"}});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[3][0], Value::Varchar("bytes3"));
  EXPECT_EQ(format_.InferSchema(file_, {{"binary_as_text", "false"}})->field(4).type,
            LogicalType::Binary());
}

TEST_F(ParquetNestedFormatTest, Options) {
  std::vector<std::string> names;
  for (const OptionSpec& spec : format_.options()) names.push_back(spec.name);
  EXPECT_EQ(names, (std::vector<std::string>{"binary_as_text", "support_structs"}));
  EXPECT_TRUE(
      format_.ValidateOptions({{"binary_as_text", "True"}, {"SUPPORT_STRUCTS", "false"}}).ok());
  EXPECT_EQ(format_.ValidateOptions({{"binary_as_text", "yes"}}).message(),
            "BINARY_AS_TEXT must be TRUE or FALSE, got 'yes'");
  EXPECT_EQ(format_.ValidateOptions({{"support_structs", "1"}}).message(),
            "SUPPORT_STRUCTS must be TRUE or FALSE, got '1'");
  ReadRequest request;
  request.target_schema = schema_;
  request.options = {{"support_structs", "maybe"}};
  EXPECT_EQ(format_.OpenReader(file_, request).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ParquetNestedFormatTest, NoMatchNamesTheTopLevelColumns) {
  ReadRequest request;
  request.target_schema = std::make_shared<Schema>(std::vector<Field>{MakeField("zzz", kInt)});
  auto reader = format_.OpenReader(file_, request);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(),
            "n.parquet: none of the file's columns (id, s, pts, m, raw) match a column of the "
            "table (zzz)");
}

// The fixture's file has row groups of 400, 400 and 200 rows.
TEST_F(ParquetFormatTest, SplitsAreContiguousRunsOfRowGroups) {
  auto two = format_.PlanSplits(file_, {}, 1);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].begin, 0);
  EXPECT_EQ((*two)[0].end, (*two)[1].begin);
  EXPECT_EQ((*two)[1].end, 3);
  auto per_group = format_.PlanSplits(file_, {}, 8);
  ASSERT_TRUE(per_group.ok());
  ASSERT_EQ(per_group->size(), 3u);
  for (int64_t g = 0; g < 3; ++g) {
    EXPECT_EQ((*per_group)[g].begin, g);
    EXPECT_EQ((*per_group)[g].end, g + 1);
  }
}

// A split reads only its row groups, and its errors carry the row number in the whole file.
TEST_F(ParquetFormatTest, ReadsOneSplitWithFileRowNumbers) {
  ReadRequest request;
  request.target_schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("id", LogicalType::Integer()), MakeField("code", LogicalType::Integer())});
  CollectingSink sink;
  request.error_sink = &sink;
  request.split = FileSplit{1, 2};
  auto reader = format_.OpenReader(file_, request);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  int64_t rows = 0;
  int64_t min_id = INT64_MAX, max_id = INT64_MIN;
  while (true) {
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    if (!*batch) break;
    const Column& ids = *(*batch)->column(0);
    for (int64_t r = 0; r < ids.size(); ++r) {
      min_id = std::min<int64_t>(min_id, ids.GetFixed<int32_t>(r));
      max_id = std::max<int64_t>(max_id, ids.GetFixed<int32_t>(r));
    }
    rows += (*batch)->num_rows();
  }
  EXPECT_EQ((*reader)->rows_parsed(), 400);
  EXPECT_EQ(rows, 396);
  EXPECT_EQ(min_id, 400);
  EXPECT_EQ(max_id, 798);
  ASSERT_EQ(sink.errors.size(), 4u);
  EXPECT_EQ(sink.errors[0].line, 500);  // the row with id 499
  EXPECT_EQ(sink.errors[0].raw_value, "x499");
  EXPECT_EQ(sink.errors[3].line, 800);

  request.split = FileSplit{2, 4};
  auto bad = format_.OpenReader(file_, request);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "f.parquet: no row groups [2, 4) in a file of 3");
}

// Text into a shorter VARCHAR(n) is checked value by value, the long ones rejected as rows.
TEST_F(ParquetFormatTest, TextIntoBoundedVarcharRejectsLongValues) {
  ReadRequest request;
  request.target_schema = std::make_shared<Schema>(std::vector<Field>{
      MakeField("id", LogicalType::Integer()), MakeField("name", LogicalType::Varchar(3))});
  CollectingSink sink;
  request.error_sink = &sink;
  auto batches = ReadAll(request);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  int64_t rows = 0;
  for (const RecordBatchPtr& batch : *batches) {
    EXPECT_EQ(batch->column(1)->type(), LogicalType::Varchar(3));
    rows += batch->num_rows();
  }
  EXPECT_EQ(rows, 100);  // "n0" .. "n99"
  ASSERT_EQ(sink.errors.size(), 900u);
  EXPECT_EQ(sink.errors[0].line, 101);
  EXPECT_EQ(sink.errors[0].column_name, "name");
  EXPECT_EQ(sink.errors[0].raw_value, "n100");
  EXPECT_EQ(sink.errors[0].reason, "value is 4 characters long, over the 3 of VARCHAR(3)");
}

}  // namespace
}  // namespace inlet
