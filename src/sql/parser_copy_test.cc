#include <gtest/gtest.h>

#include "sql/parser.h"
#include "sql/parser_test_util.h"

namespace inlet::sql {
namespace {

// Parses a COPY INTO, failing the test when it is something else.
std::unique_ptr<CopyIntoStatement> MustParseCopy(std::string_view sql) {
  StatementPtr statement = MustParse(sql);
  if (!statement) return nullptr;
  EXPECT_EQ(statement->kind, StatementKind::kCopyInto);
  if (statement->kind != StatementKind::kCopyInto) return nullptr;
  return std::unique_ptr<CopyIntoStatement>(static_cast<CopyIntoStatement*>(statement.release()));
}

// The examples of ../shared/reference/delta-copy-into.md, verbatim.

TEST(ParserCopyTest, ReferenceExampleCsvWithFormatOptions) {
  auto copy = MustParseCopy(
      "-- Load CSV files from a local directory into an existing Delta table\n"
      "COPY INTO orders\n"
      "FROM '/data/incoming/orders/'\n"
      "FILE_FORMAT = CSV\n"
      "FORMAT_OPTIONS (header = 'true', delimiter = '|');");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->position.line, 2);
  EXPECT_EQ(copy->table.ToString(), "orders");
  EXPECT_EQ(copy->location.value, "/data/incoming/orders/");
  EXPECT_EQ(copy->location.position.line, 3);
  EXPECT_EQ(copy->location.position.column, 6);
  ASSERT_TRUE(copy->file_format.has_value());
  ASSERT_TRUE(copy->file_format->type.has_value());
  EXPECT_EQ(copy->file_format->type->kind, OptionValue::Kind::kIdentifier);
  EXPECT_EQ(copy->file_format->type->text, "CSV");
  EXPECT_EQ(copy->file_format->type->position.line, 4);
  EXPECT_EQ(copy->file_format->type->position.column, 15);
  EXPECT_TRUE(copy->file_format->options.empty());
  ASSERT_TRUE(copy->format_options.has_value());
  const std::vector<Option>& options = copy->format_options->options;
  ASSERT_EQ(options.size(), 2u);
  EXPECT_EQ(options[0].key, "header");
  EXPECT_EQ(options[0].value.kind, OptionValue::Kind::kString);
  EXPECT_EQ(options[0].value.text, "true");
  EXPECT_EQ(options[0].position.line, 5);
  EXPECT_EQ(options[0].position.column, 17);
  EXPECT_EQ(options[1].key, "delimiter");
  EXPECT_EQ(options[1].value.text, "|");
  EXPECT_FALSE(copy->files || copy->pattern || copy->copy_options || copy->force);
  EXPECT_TRUE(copy->options.empty());
}

TEST(ParserCopyTest, ReferenceExampleJsonWithFileList) {
  auto copy = MustParseCopy(
      "-- Load JSON files from S3 with an explicit file list\n"
      "COPY INTO events\n"
      "FROM 's3://data-lake/events/2024/'\n"
      "FILE_FORMAT = JSON\n"
      "FILES = ('jan.json', 'feb.json', 'mar.json');");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->file_format->type->text, "JSON");
  ASSERT_TRUE(copy->files.has_value());
  ASSERT_EQ(copy->files->files.size(), 3u);
  EXPECT_EQ(copy->files->files[0].value, "jan.json");
  EXPECT_EQ(copy->files->files[2].value, "mar.json");
  EXPECT_EQ(copy->files->files[1].position.column, 22);
  EXPECT_EQ(copy->files->position.line, 5);
}

TEST(ParserCopyTest, ReferenceExampleParquetWithPattern) {
  auto copy = MustParseCopy(
      "-- Load Parquet files matching a glob pattern from Azure\n"
      "COPY INTO transactions\n"
      "FROM 'abfss://raw@storageaccount.dfs.core.windows.net/txn/'\n"
      "FILE_FORMAT = PARQUET\n"
      "PATTERN = '*/part-*.parquet';");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->location.value, "abfss://raw@storageaccount.dfs.core.windows.net/txn/");
  EXPECT_EQ(copy->file_format->type->text, "PARQUET");
  ASSERT_TRUE(copy->pattern.has_value());
  EXPECT_EQ(copy->pattern->value, "*/part-*.parquet");
  EXPECT_EQ(copy->pattern->position.line, 5);
}

TEST(ParserCopyTest, ReferenceExampleForce) {
  auto copy = MustParseCopy(
      "-- Re-load all files (bypass idempotent tracking)\n"
      "COPY INTO orders\n"
      "FROM 's3://data-lake/orders/'\n"
      "FILE_FORMAT = CSV\n"
      "FORMAT_OPTIONS (header = 'true')\n"
      "FORCE = TRUE;");
  ASSERT_NE(copy, nullptr);
  ASSERT_TRUE(copy->force.has_value());
  EXPECT_TRUE(copy->force->value);
  EXPECT_EQ(copy->force->position.line, 6);
}

TEST(ParserCopyTest, ReferenceExampleInferredFormat) {
  auto copy = MustParseCopy(
      "-- Infer format from file extension (no FILE_FORMAT clause)\n"
      "COPY INTO sensor_readings\n"
      "FROM 'gs://iot-bucket/sensors/2024/*.json';");
  ASSERT_NE(copy, nullptr);
  EXPECT_FALSE(copy->file_format.has_value());
  EXPECT_EQ(copy->location.value, "gs://iot-bucket/sensors/2024/*.json");
}

TEST(ParserCopyTest, ReferenceExampleParenthesizedFileFormat) {
  auto copy = MustParseCopy(
      "-- Use parenthesized FILE_FORMAT block with TYPE\n"
      "COPY INTO logs\n"
      "FROM '/data/logs/'\n"
      "FILE_FORMAT = (TYPE = CSV, header = 'true', delimiter = '\\t')\n"
      "COPY_OPTIONS (purge = 'false');");
  ASSERT_NE(copy, nullptr);
  ASSERT_TRUE(copy->file_format->type.has_value());
  EXPECT_EQ(copy->file_format->type->text, "CSV");
  EXPECT_EQ(copy->file_format->type->position.column, 23);
  ASSERT_EQ(copy->file_format->options.size(), 2u);
  EXPECT_EQ(copy->file_format->options[0].key, "header");
  EXPECT_EQ(copy->file_format->options[1].value.text, "\\t");
  ASSERT_TRUE(copy->copy_options.has_value());
  ASSERT_EQ(copy->copy_options->options.size(), 1u);
  EXPECT_EQ(copy->copy_options->options[0].key, "purge");
  EXPECT_EQ(copy->copy_options->options[0].value.text, "false");
}

TEST(ParserCopyTest, ClausesInAnyOrderPrintCanonically) {
  EXPECT_EQ(Canonical("copy into t from '/in/' force pattern = '*.csv' "
                      "copy_options (mergeSchema = 'true') files = ('a.csv' 'b.csv') "
                      "format_options (header = true) file_format = 'csv'"),
            "COPY INTO t FROM '/in/' FILE_FORMAT = 'csv' FILES = ('a.csv', 'b.csv') "
            "PATTERN = '*.csv' FORMAT_OPTIONS (header = TRUE) COPY_OPTIONS (mergeSchema = 'true') "
            "FORCE = TRUE");
  EXPECT_EQ(Canonical("COPY INTO a.b.c FROM 'x' FORCE = false"),
            "COPY INTO a.b.c FROM 'x' FORCE = FALSE");
  EXPECT_EQ(Canonical("COPY INTO t FROM 'x' FILE_FORMAT = (FORMAT_NAME = 'my_csv')"),
            "COPY INTO t FROM 'x' FILE_FORMAT = (FORMAT_NAME = 'my_csv')");
  EXPECT_EQ(Canonical("COPY INTO t FROM 'x' COPY_OPTIONS = (force = true)"),
            "COPY INTO t FROM 'x' COPY_OPTIONS (force = TRUE)");
  EXPECT_EQ(Canonical("COPY INTO t FROM 'x' FORMAT_OPTIONS ()"),
            "COPY INTO t FROM 'x' FORMAT_OPTIONS ()");
}

TEST(ParserCopyTest, OptionKeysAreIdentifiersOrQuotedStrings) {
  auto copy = MustParseCopy(
      "COPY INTO t FROM 'x' FORMAT_OPTIONS ('header' = 'true', 'inferSchema' = 'true', "
      "Delimiter = ',', \"Quote\" = '\"')");
  ASSERT_NE(copy, nullptr);
  const std::vector<Option>& options = copy->format_options->options;
  ASSERT_EQ(options.size(), 4u);
  EXPECT_EQ(options[0].key, "header");
  EXPECT_EQ(options[1].key, "inferschema");
  EXPECT_EQ(options[1].key_text, "inferSchema");
  EXPECT_EQ(options[2].key, "delimiter");
  EXPECT_EQ(options[2].key_text, "Delimiter");
  EXPECT_EQ(options[3].key, "quote");
  EXPECT_EQ(options[3].value.text, "\"");
  // Keys that are not plain words print as strings so they read back the same.
  EXPECT_EQ(Canonical("COPY INTO t FROM 'x' COPY_OPTIONS ('a.b' = 1, 'select' = 2)"),
            "COPY INTO t FROM 'x' COPY_OPTIONS ('a.b' = 1, 'select' = 2)");
}

TEST(ParserCopyTest, OptionValueShapes) {
  auto copy = MustParseCopy(
      "COPY INTO t FROM 'x' FILE_FORMAT = (TYPE = 'CSV' SKIP_HEADER = 1 FIELD_DELIMITER = NONE\n"
      "  NULL_IF = ('', 'NA') TRIM_SPACE = FALSE ESCAPE = NULL RATIO = -0.5 EMPTY = ()\n"
      "  NESTED = (('a' 'b') ('c')))");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->file_format->type->kind, OptionValue::Kind::kString);
  EXPECT_EQ(copy->file_format->type->text, "CSV");
  const std::vector<Option>& options = copy->file_format->options;
  ASSERT_EQ(options.size(), 8u);
  EXPECT_EQ(options[0].key, "skip_header");
  EXPECT_EQ(options[0].value.kind, OptionValue::Kind::kNumber);
  EXPECT_EQ(options[0].value.text, "1");
  EXPECT_EQ(options[1].value.kind, OptionValue::Kind::kIdentifier);
  EXPECT_EQ(options[1].value.text, "NONE");
  EXPECT_EQ(options[2].key, "null_if");
  ASSERT_EQ(options[2].value.kind, OptionValue::Kind::kList);
  ASSERT_EQ(options[2].value.items.size(), 2u);
  EXPECT_EQ(options[2].value.items[0].text, "");
  EXPECT_EQ(options[2].value.items[1].text, "NA");
  EXPECT_EQ(options[2].value.items[1].position.line, 2);
  EXPECT_EQ(options[2].value.items[1].position.column, 18);
  EXPECT_EQ(options[3].value.kind, OptionValue::Kind::kBoolean);
  EXPECT_EQ(options[3].value.text, "false");
  EXPECT_EQ(options[4].value.kind, OptionValue::Kind::kNull);
  EXPECT_EQ(options[5].value.kind, OptionValue::Kind::kNumber);
  EXPECT_EQ(options[5].value.text, "-0.5");
  EXPECT_EQ(options[6].value.kind, OptionValue::Kind::kList);
  EXPECT_TRUE(options[6].value.items.empty());
  ASSERT_EQ(options[7].value.items.size(), 2u);
  EXPECT_EQ(options[7].value.items[0].items.size(), 2u);
  EXPECT_EQ(copy->ToString(),
            "COPY INTO t FROM 'x' FILE_FORMAT = (TYPE = 'CSV', SKIP_HEADER = 1, FIELD_DELIMITER = "
            "NONE, NULL_IF = ('', 'NA'), TRIM_SPACE = FALSE, ESCAPE = NULL, RATIO = -0.5, EMPTY = "
            "(), NESTED = (('a', 'b'), ('c')))");
}

TEST(ParserCopyTest, OtherTopLevelOptionsAreKeptForTheBinder) {
  auto copy = MustParseCopy(
      "COPY INTO mytable FROM 's3://mybucket/data/files'\n"
      "  CREDENTIALS=(AWS_KEY_ID='$AWS_ACCESS_KEY_ID' AWS_SECRET_KEY='$AWS_SECRET_ACCESS_KEY')\n"
      "  FILE_FORMAT = (FORMAT_NAME = my_csv_format)\n"
      "  ON_ERROR = CONTINUE SIZE_LIMIT = 1000 PURGE = TRUE\n"
      "  VALIDATION_MODE = RETURN_ERRORS");
  ASSERT_NE(copy, nullptr);
  ASSERT_EQ(copy->options.size(), 5u);
  EXPECT_EQ(copy->options[0].key, "credentials");
  ASSERT_EQ(copy->options[0].value.kind, OptionValue::Kind::kOptions);
  ASSERT_EQ(copy->options[0].value.options.size(), 2u);
  EXPECT_EQ(copy->options[0].value.options[1].key, "aws_secret_key");
  EXPECT_EQ(copy->options[0].value.options[1].value.text, "$AWS_SECRET_ACCESS_KEY");
  EXPECT_EQ(copy->options[1].key, "on_error");
  EXPECT_EQ(copy->options[1].value.text, "CONTINUE");
  EXPECT_EQ(copy->options[1].position.line, 4);
  EXPECT_EQ(copy->options[1].position.column, 3);
  EXPECT_EQ(copy->options[2].value.text, "1000");
  EXPECT_EQ(copy->options[3].value.kind, OptionValue::Kind::kBoolean);
  EXPECT_EQ(copy->options[4].key, "validation_mode");
  EXPECT_FALSE(copy->file_format->type.has_value());
  ASSERT_EQ(copy->file_format->options.size(), 1u);
  EXPECT_EQ(copy->file_format->options[0].key, "format_name");
  EXPECT_EQ(Canonical(copy->ToString()), copy->ToString());
}

// Found by the SQL fuzzer: a top-level key with UTF-8 (or '$') bytes must print as a word, since
// a top-level option key cannot be a string literal.
TEST(ParserCopyTest, NonAsciiOptionKeysPrintAsWords) {
  auto copy = MustParseCopy("COPY INTO t FROM 'x' gr\xc3\xb6\xc3\x9fe = 1 a$b = 2");
  ASSERT_NE(copy, nullptr);
  ASSERT_EQ(copy->options.size(), 2u);
  EXPECT_EQ(copy->ToString(), "COPY INTO t FROM 'x' gr\xc3\xb6\xc3\x9fe = 1 a$b = 2");
  EXPECT_EQ(Canonical(copy->ToString()), copy->ToString());
}

TEST(ParserCopyTest, FireboltForm) {
  for (const char* sql : {"COPY t FROM 'x'", "COPY INTO t FROM 'x' WITH ()", "COPY t FROM 'x' ()"}) {
    auto copy = MustParseCopy(sql);
    ASSERT_TRUE(copy->with_options.has_value()) << sql;
    EXPECT_EQ(copy->ToString(), "COPY INTO t FROM 'x' WITH ()") << sql;
  }
  auto copy = MustParseCopy(
      "COPY t FROM 'a', 'b' WITH (TYPE = CSV, HEADER = TRUE, QUOTE = SINGLE_QUOTE)");
  ASSERT_EQ(copy->more_locations.size(), 1u);
  EXPECT_EQ(copy->ToString(),
            "COPY INTO t FROM 'a', 'b' WITH (TYPE = CSV, HEADER = TRUE, QUOTE = SINGLE_QUOTE)");
  EXPECT_EQ(ParseErrorOf("COPY t (a, b) FROM 'x'"),
            "syntax error at line 1, column 8: COPY with a column list is not supported yet; the "
            "file's columns match the table's by name (with a header) or by position");
  EXPECT_EQ(ParseErrorOf("COPY t FROM 'x' OFFSET 2"),
            "syntax error at line 1, column 17: COPY ... OFFSET is not supported yet");
  EXPECT_EQ(ParseErrorOf("COPY t FROM 'x' WITH (TYPE = CSV) WHERE a = 1"),
            "syntax error at line 1, column 35: COPY ... WHERE is not supported yet");
  EXPECT_EQ(ParseErrorOf("COPY t FROM 'x' WITH (TYPE = CSV) FORCE"),
            "syntax error at line 1, column 35: expected the end of the statement but found "
            "\"FORCE\"");
}

TEST(ParserCopyTest, Errors) {
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM x"),
            "syntax error at line 1, column 18: COPY FROM a LOCATION object is not supported "
            "yet; give the URL as a string");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORMAT_OPTION (a = 1)"),
            "syntax error at line 1, column 22: expected a COPY INTO clause (FILE_FORMAT, FILES, "
            "PATTERN, FORMAT_OPTIONS, COPY_OPTIONS, FORCE or KEY = value) but found "
            "\"FORMAT_OPTION\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FILE_FORMAT = CSV FILE_FORMAT = JSON"),
            "syntax error at line 1, column 40: duplicate FILE_FORMAT clause");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORCE FORCE"),
            "syntax error at line 1, column 28: duplicate FORCE clause");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORCE = YES"),
            "syntax error at line 1, column 30: expected TRUE or FALSE but found \"YES\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FILE_FORMAT = (TYPE = CSV, type = JSON)"),
            "syntax error at line 1, column 49: duplicate TYPE in FILE_FORMAT");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FILE_FORMAT = 3"),
            "syntax error at line 1, column 36: expected format name but found \"3\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FILES = ()"),
            "syntax error at line 1, column 31: expected file name string but found \")\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FILES = ('a' b)"),
            "syntax error at line 1, column 35: expected ',' or ')' but found \"b\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FILES = 'a.csv'"),
            "syntax error at line 1, column 30: expected '(' but found string 'a.csv'");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' PATTERN = *.csv"),
            "syntax error at line 1, column 32: expected pattern string but found \"*\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORMAT_OPTIONS (header 'true')"),
            "syntax error at line 1, column 45: expected '=' but found string 'true'");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORMAT_OPTIONS (header = 'true'"),
            "syntax error at line 1, column 53: unexpected end of input, expected ',' or ')'");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x'\n  FORMAT_OPTIONS (header = 'true'\n  FORCE"),
            "syntax error at line 3, column 3: expected ',' or ')' but found \"FORCE\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORMAT_OPTIONS (header = 'true',)"),
            "syntax error at line 1, column 54: expected option name but found \")\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' FORMAT_OPTIONS (a = *)"),
            "syntax error at line 1, column 42: expected option value but found \"*\"");
  EXPECT_EQ(ParseErrorOf("COPY INTO t FROM 'x' NULL_IF = ('a' *)"),
            "syntax error at line 1, column 37: expected ',' or ')' but found \"*\"");
}

}  // namespace
}  // namespace inlet::sql
