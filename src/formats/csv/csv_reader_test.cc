#include "formats/csv/csv_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "formats/csv/csv_format.h"
#include "formats/csv/csv_test_util.h"

namespace inlet {
namespace {

Field MakeField(std::string name, LogicalType type, bool nullable = true,
                std::optional<Value> default_value = std::nullopt) {
  Field field;
  field.name = std::move(name);
  field.type = type;
  field.nullable = nullable;
  field.default_value = std::move(default_value);
  return field;
}

SchemaPtr MakeSchema(std::vector<Field> fields) {
  return std::make_shared<const Schema>(std::move(fields));
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

class CsvReaderTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<FormatReader>> Open(const SourceFile& file, SchemaPtr schema,
                                             FormatOptions options = {}, int64_t batch_rows = 1024,
                                             RowErrorSink* sink = nullptr) {
    ReadRequest request;
    request.target_schema = std::move(schema);
    request.options = std::move(options);
    request.batch_rows = batch_rows;
    request.error_sink = sink != nullptr ? sink : &sink_;
    return format_.OpenReader(file, request);
  }

  /// Reads `contents` (stored as `path`) into `schema`; fails the test on a read error.
  TextRows Read(const std::string& contents, SchemaPtr schema, FormatOptions options = {},
                const std::string& path = "/in/orders.csv") {
    auto reader = Open(MakeSourceFile(fs_, path, contents), std::move(schema), std::move(options));
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return {};
    Result<TextRows> rows = ReadAllRows(reader->get());
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : TextRows{};
  }

  std::vector<std::string> ErrorStrings() const {
    std::vector<std::string> out;
    for (const RowError& e : sink_.errors) out.push_back(e.ToString());
    return out;
  }

  CsvFormat format_;
  std::shared_ptr<MemoryFileSystem> fs_ = std::make_shared<MemoryFileSystem>();
  CollectingSink sink_;
};

TEST_F(CsvReaderTest, HeaderMatchesColumnsByNameInAnyOrderAndCase) {
  auto schema = MakeSchema(
      {MakeField("id", LogicalType::Integer()), MakeField("Name", LogicalType::Varchar())});
  EXPECT_EQ(Read("NAME,ID\nann,1\nbob,2\n", schema), (TextRows{{"1", "ann"}, {"2", "bob"}}));
  EXPECT_TRUE(sink_.errors.empty());
}

TEST_F(CsvReaderTest, ExtraFileColumnsAreIgnoredAndMissingOnesDefaulted) {
  auto schema = MakeSchema({MakeField("a", LogicalType::Integer()),
                            MakeField("b", LogicalType::Varchar(), false, Value::Varchar("d")),
                            MakeField("c", LogicalType::BigInt())});
  EXPECT_EQ(Read("x,a,y\n1,2,3\n4,5,6\n", schema),
            (TextRows{{"2", "d", "NULL"}, {"5", "d", "NULL"}}));
}

TEST_F(CsvReaderTest, NoMatchingColumnIsAnError) {
  auto schema = MakeSchema({MakeField("a", LogicalType::Integer())});
  auto reader = Open(MakeSourceFile(fs_, "/in/x.csv", "p,q\n1,2\n"), schema);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(reader.status().message().find("x.csv: none of the file's columns (p, q)"),
            std::string::npos);
}

TEST_F(CsvReaderTest, DuplicateHeaderNamesAreNumbered) {
  auto schema =
      MakeSchema({MakeField("a", LogicalType::Integer()), MakeField("a_2", LogicalType::Integer()),
                  MakeField("column3", LogicalType::Integer())});
  EXPECT_EQ(Read("a,A,\n1,2,3\n", schema), (TextRows{{"1", "2", "3"}}));
}

TEST_F(CsvReaderTest, MissingNotNullColumnWithoutDefaultRejectsRows) {
  auto schema = MakeSchema(
      {MakeField("a", LogicalType::Integer()), MakeField("c", LogicalType::Integer(), false)});
  EXPECT_TRUE(Read("a\n1\n", schema).empty());
  EXPECT_EQ(ErrorStrings(),
            (std::vector<std::string>{"orders.csv:2: column \"c\": the column is NOT NULL without "
                                      "a DEFAULT, and the file does not have it"}));
}

TEST_F(CsvReaderTest, NullInNotNullColumnIsRejected) {
  auto schema = MakeSchema({MakeField("a", LogicalType::Integer(), false),
                            MakeField("b", LogicalType::Varchar(), false)});
  EXPECT_EQ(Read("a,b\n1,\n,x\n3,\"\"\n", schema), (TextRows{{"3", ""}}));
  EXPECT_EQ(ErrorStrings(),
            (std::vector<std::string>{"orders.csv:2: column \"b\": NULL in a NOT NULL column",
                                      "orders.csv:3: column \"a\": NULL in a NOT NULL column"}));
}

TEST_F(CsvReaderTest, CastErrorsGoToTheSinkWithTheirPlace) {
  auto schema =
      MakeSchema({MakeField("id", LogicalType::Integer()), MakeField("qty", LogicalType::Integer()),
                  MakeField("note", LogicalType::Varchar())});
  // The bad value sits between good ones: nothing of its row may reach the batch.
  EXPECT_EQ(Read("id,qty,note\n1,5,a\n2,abc,b\n3,7,c\n", schema),
            (TextRows{{"1", "5", "a"}, {"3", "7", "c"}}));
  ASSERT_EQ(sink_.errors.size(), 1u);
  const RowError& e = sink_.errors[0];
  EXPECT_EQ(e.file, "orders.csv");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.byte_offset, 18);
  EXPECT_EQ(e.column_index, 1);
  EXPECT_EQ(e.column_name, "qty");
  EXPECT_EQ(e.raw_value, "abc");
  EXPECT_EQ(e.reason, "cannot cast 'abc' to INTEGER: invalid INTEGER value");
  EXPECT_EQ(e.ToString(),
            "orders.csv:3: column \"qty\": cannot cast 'abc' to INTEGER: invalid INTEGER value");
}

TEST_F(CsvReaderTest, SniffedDateAndTimestampFormatsApplyAndIsoStillLoads) {
  // The formats come from the columns whose values all have one (d and ts); `other`, a DATE
  // column of the table, mixes that format and ISO, and a value in neither is a row error.
  auto schema = MakeSchema(
      {MakeField("d", LogicalType::Date()), MakeField("ts", LogicalType::Timestamp()),
       MakeField("iso", LogicalType::Date()), MakeField("other", LogicalType::Date())});
  EXPECT_EQ(Read("d,ts,iso,other\n"
                 "12/31/2024,12/31/2024 01:02:03 PM,2024-12-31,12/30/2024\n"
                 "01/05/2024,1/2/2024 12:00:00 am,2024-01-06,2024-01-05\n"
                 "01/07/2024,1/3/2024 5:00:00 PM,2024-01-07,31/12/2024\n",
                 schema),
            (TextRows{{"2024-12-31", "2024-12-31 13:02:03", "2024-12-31", "2024-12-30"},
                      {"2024-01-05", "2024-01-02 00:00:00", "2024-01-06", "2024-01-05"}}));
  ASSERT_EQ(sink_.errors.size(), 1u);
  EXPECT_EQ(sink_.errors[0].reason,
            "cannot cast '31/12/2024' to DATE: it is neither ISO 8601 nor in the format "
            "'MM/DD/YYYY' sniffed from the file");

  sink_.errors.clear();
  auto timestamps = MakeSchema({MakeField("b", LogicalType::Timestamp())});
  EXPECT_EQ(Read("a,b\n"
                 "31.12.2024 13:02,31.12.2024 13:02\n"
                 "01.01.2024 00:00,2024-12-31 14:00:00\n"
                 "02.01.2024 10:00,31.12.2024 1:02 PM\n",
                 timestamps),
            (TextRows{{"2024-12-31 13:02:00"}, {"2024-12-31 14:00:00"}}));
  ASSERT_EQ(sink_.errors.size(), 1u);
  EXPECT_EQ(sink_.errors[0].reason,
            "cannot cast '31.12.2024 1:02 PM' to TIMESTAMP: it is neither ISO 8601 nor in the "
            "format 'DD.MM.YYYY HH24:MI' sniffed from the file");
}

TEST_F(CsvReaderTest, TextIntoNestedColumnsIsARowErrorAndTimeLoads) {
  LogicalType point = LogicalType::Struct({{"x", LogicalType::Integer(), true}});
  auto schema = MakeSchema({MakeField("id", LogicalType::Integer()), MakeField("p", point),
                            MakeField("tags", LogicalType::List(LogicalType::Varchar())),
                            MakeField("at", LogicalType::Time())});
  // Empty nested fields are NULL and load; any other text is rejected with its row.
  EXPECT_EQ(Read("id,p,tags,at\n1,,,12:30\n2,\"{\"\"x\"\": 1}\",,\n3,,[a],\n4,,,25:00\n", schema),
            (TextRows{{"1", "NULL", "NULL", "12:30:00"}}));
  EXPECT_EQ(ErrorStrings(),
            (std::vector<std::string>{
                "orders.csv:3: column \"p\": cannot load text into STRUCT<x: INTEGER> yet",
                "orders.csv:4: column \"tags\": cannot load text into ARRAY<VARCHAR> yet",
                "orders.csv:5: column \"at\": cannot cast '25:00' to TIME: invalid TIME value "
                "(expected HH:MM:SS[.ffffff])"}));
  EXPECT_EQ(sink_.errors[0].raw_value, "{\"x\": 1}");
}

TEST_F(CsvReaderTest, LongBadValuesAreAbbreviatedInTheMessage) {
  auto schema = MakeSchema({MakeField("n", LogicalType::Integer())});
  const std::string value(5000, 'x');
  EXPECT_TRUE(Read("n\n" + value + "\n", schema).empty());
  ASSERT_EQ(sink_.errors.size(), 1u);
  EXPECT_EQ(sink_.errors[0].raw_value, std::string(1024, 'x') + "...");
  EXPECT_EQ(sink_.errors[0].reason,
            "cannot cast '" + std::string(100, 'x') + "...' to INTEGER: invalid INTEGER value");
}

TEST_F(CsvReaderTest, SinkErrorStopsTheRead) {
  auto schema = MakeSchema({MakeField("n", LogicalType::SmallInt())});
  AbortOnRowError abort;
  auto reader =
      Open(MakeSourceFile(fs_, "/in/orders.csv", "n\n1\n99999\n3\n"), schema, {}, 1024, &abort);
  ASSERT_TRUE(reader.ok());
  Result<RecordBatchPtr> batch = (*reader)->Next();
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(batch.status().message(),
            "orders.csv:3: column \"n\": cannot cast '99999' to SMALLINT: value out of range for "
            "SMALLINT");
}

TEST_F(CsvReaderTest, FieldCountMustMatchTheHeader) {
  auto schema =
      MakeSchema({MakeField("a", LogicalType::Varchar()), MakeField("b", LogicalType::Varchar())});
  EXPECT_EQ(Read("a,b\n1,2\n3\n4,5,6\n7,8\n", schema), (TextRows{{"1", "2"}, {"7", "8"}}));
  EXPECT_EQ(ErrorStrings(),
            (std::vector<std::string>{"orders.csv:3: expected 2 fields but found 1",
                                      "orders.csv:4: expected 2 fields but found 3"}));
}

TEST_F(CsvReaderTest, WithoutHeaderColumnsMatchByPosition) {
  auto schema =
      MakeSchema({MakeField("x", LogicalType::Integer()), MakeField("y", LogicalType::Varchar()),
                  MakeField("z", LogicalType::Double())});
  EXPECT_EQ(Read("1,a,1.5\n2,b,2.5,9\n", schema, {{"header", "false"}}),
            (TextRows{{"1", "a", "1.5"}}));
  EXPECT_EQ(ErrorStrings(),
            (std::vector<std::string>{"orders.csv:2: expected 3 fields but found 4"}));
}

TEST_F(CsvReaderTest, NullsAndEmptyStrings) {
  auto schema =
      MakeSchema({MakeField("s", LogicalType::Varchar()), MakeField("n", LogicalType::Integer())});
  EXPECT_EQ(Read("s,n\n,\n\"\",1\nNA,2\n", schema),
            (TextRows{{"NULL", "NULL"}, {"", "1"}, {"NA", "2"}}));
}

TEST_F(CsvReaderTest, NullValueOption) {
  auto schema =
      MakeSchema({MakeField("s", LogicalType::Varchar()), MakeField("n", LogicalType::Integer())});
  // NA is NULL, quoted or not, as in Spark; an empty field is '' in text, NULL in numbers, and
  // a quoted "" is ''.
  EXPECT_EQ(Read("s,n\nNA,NA\n\"NA\",\n,3\n\"\",4\n", schema, {{"nullvalue", "NA"}}),
            (TextRows{{"NULL", "NULL"}, {"NULL", "NULL"}, {"", "3"}, {"", "4"}}));
}

TEST_F(CsvReaderTest, SkipRowsBeforeTheHeader) {
  auto schema = MakeSchema({MakeField("a", LogicalType::Integer())});
  EXPECT_EQ(Read("exported by x\r\n\"unbalanced\r\na\r\n1\r\nzz\r\n", schema, {{"skiprows", "2"}}),
            (TextRows{{"1"}}));
  ASSERT_EQ(sink_.errors.size(), 1u);
  EXPECT_EQ(sink_.errors[0].line, 5);
}

TEST_F(CsvReaderTest, DelimiterQuoteAndEscapeOptions) {
  auto schema =
      MakeSchema({MakeField("a", LogicalType::Varchar()), MakeField("b", LogicalType::Varchar())});
  EXPECT_EQ(Read("a|b\n'x|y'|\"z\n", schema, {{"delimiter", "|"}, {"quote", "'"}}),
            (TextRows{{"x|y", "\"z"}}));
  EXPECT_EQ(Read("a\tb\n1\t2\n", schema, {{"sep", "\\t"}}), (TextRows{{"1", "2"}}));
  EXPECT_EQ(Read("a,b\n\"x,y\n", schema, {{"quote", ""}}), (TextRows{{"\"x", "y"}}));
  EXPECT_EQ(Read("a,b\n\"say \\\"hi\\\"\",2\n", schema, {{"escape", "\\"}}),
            (TextRows{{"say \"hi\"", "2"}}));
}

TEST_F(CsvReaderTest, TsvFilesDefaultToTabs) {
  auto schema =
      MakeSchema({MakeField("a", LogicalType::Varchar()), MakeField("b", LogicalType::Varchar())});
  EXPECT_EQ(Read("a\tb\n1,5\t2\n", schema, {}, "/in/data.tsv"), (TextRows{{"1,5", "2"}}));
  EXPECT_EQ(Read("a;b\n1;2\n", schema, {{"delimiter", ";"}}, "/in/data2.tsv"),
            (TextRows{{"1", "2"}}));
}

TEST_F(CsvReaderTest, UnterminatedQuoteIsARowError) {
  auto schema =
      MakeSchema({MakeField("a", LogicalType::Varchar()), MakeField("b", LogicalType::Varchar())});
  EXPECT_EQ(Read("a,b\n1,2\n3,\"4\n5,6\n", schema), (TextRows{{"1", "2"}}));
  EXPECT_EQ(ErrorStrings(), (std::vector<std::string>{"orders.csv:3: unterminated quoted field"}));
}

TEST_F(CsvReaderTest, UnterminatedQuoteInTheHeaderIsAnError) {
  auto schema = MakeSchema({MakeField("a", LogicalType::Varchar())});
  auto reader = Open(MakeSourceFile(fs_, "/in/h.csv", "a,\"b\n1,2\n"), schema);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "h.csv:1: unterminated quoted field in the header");
}

TEST_F(CsvReaderTest, EmptyFilesHaveNoRows) {
  auto schema = MakeSchema({MakeField("a", LogicalType::Varchar())});
  EXPECT_TRUE(Read("", schema).empty());
  EXPECT_TRUE(Read("", schema, {{"header", "false"}}).empty());
  EXPECT_TRUE(Read("a\n", schema).empty());
  EXPECT_TRUE(sink_.errors.empty());
}

TEST_F(CsvReaderTest, BatchesHoldBatchRowsRowsAndCountersAreKept) {
  auto schema = MakeSchema({MakeField("n", LogicalType::Integer())});
  std::string text = "n\n";
  for (int i = 0; i < 10; ++i) text += i == 4 ? "bad\n" : std::to_string(i) + "\n";
  auto reader = Open(MakeSourceFile(fs_, "/in/n.csv", text), schema, {}, 3);
  ASSERT_TRUE(reader.ok());
  std::vector<int64_t> sizes;
  Result<TextRows> rows = ReadAllRows(reader->get(), &sizes);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(sizes, (std::vector<int64_t>{3, 3, 3}));
  EXPECT_EQ((*rows)[3], (std::vector<std::string>{"3"}));
  EXPECT_EQ((*rows)[4], (std::vector<std::string>{"5"}));
  EXPECT_EQ((*reader)->rows_parsed(), 10);
  EXPECT_EQ((*reader)->bytes_read(), static_cast<int64_t>(text.size()));
  ASSERT_EQ(sink_.errors.size(), 1u);
  EXPECT_EQ(sink_.errors[0].line, 6);
}

TEST_F(CsvReaderTest, BatchesHaveTheTargetSchema) {
  auto schema = MakeSchema(
      {MakeField("b", LogicalType::Boolean()), MakeField("d", LogicalType::Date()),
       MakeField("t", LogicalType::Timestamp()), MakeField("x", LogicalType::Decimal(10, 2)),
       MakeField("f", LogicalType::Double())});
  auto reader = Open(
      MakeSourceFile(fs_, "/in/t.csv", "b,d,t,x,f\ntrue,2024-02-29,2024-01-02 03:04:05,1.5,2e3\n"),
      schema);
  ASSERT_TRUE(reader.ok());
  Result<RecordBatchPtr> batch = (*reader)->Next();
  ASSERT_TRUE(batch.ok());
  ASSERT_NE(*batch, nullptr);
  EXPECT_EQ(*(*batch)->schema(), *schema);
  EXPECT_EQ((*batch)->num_rows(), 1);
  EXPECT_EQ((*batch)->column(0)->GetValue(0), Value::Boolean(true));
  EXPECT_EQ((*batch)->column(3)->GetValue(0).ToString(), "1.50");
  EXPECT_EQ((*batch)->column(4)->GetValue(0), Value::Double(2000));
}

TEST_F(CsvReaderTest, CompressedInput) {
  auto schema =
      MakeSchema({MakeField("a", LogicalType::Integer()), MakeField("b", LogicalType::Varchar())});
  std::string text = "a,b\n";
  for (int i = 0; i < 2000; ++i) text += std::to_string(i) + ",\"row " + std::to_string(i) + "\"\n";
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"/in/x.csv.gz", Gzip(text)},
                                    {"/in/x.csv.zst", Zstd(text)}}) {
    SCOPED_TRACE(name);
    auto reader = Open(MakeSourceFile(fs_, name, bytes), schema, {}, 512);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    Result<TextRows> rows = ReadAllRows(reader->get());
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    ASSERT_EQ(rows->size(), 2000u);
    EXPECT_EQ(rows->back(), (std::vector<std::string>{"1999", "row 1999"}));
    EXPECT_EQ((*reader)->bytes_read(), static_cast<int64_t>(bytes.size()));
  }
}

TEST_F(CsvReaderTest, MissingFileIsNotFound) {
  SourceFile file;
  file.fs = fs_;
  file.info.path = "/in/nope.csv";
  file.display_name = "nope.csv";
  auto reader = Open(file, MakeSchema({MakeField("a", LogicalType::Integer())}));
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsNotFound());
  EXPECT_EQ(reader.status().message().rfind("nope.csv: ", 0), 0u) << reader.status().message();
}

}  // namespace
}  // namespace inlet
