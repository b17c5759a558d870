#include "formats/csv/csv_options.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "formats/csv/csv_format.h"

namespace inlet {
namespace {

std::string ErrorOf(const FormatOptions& options) {
  Result<CsvOptions> parsed = CsvOptions::Parse(options);
  if (parsed.ok()) return "OK";
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  return parsed.status().message();
}

TEST(CsvOptionsTest, Defaults) {
  CsvOptions options = *CsvOptions::Parse({});
  EXPECT_TRUE(options.header);
  EXPECT_EQ(options.dialect.delimiter, ',');
  EXPECT_TRUE(options.dialect.has_quote);
  EXPECT_EQ(options.dialect.quote, '"');
  EXPECT_FALSE(options.dialect.has_escape);
  EXPECT_FALSE(options.null_value.has_value());
  EXPECT_EQ(options.skip_rows, 0);
  EXPECT_EQ(CsvOptions::Parse({}, '\t')->dialect.delimiter, '\t');
}

TEST(CsvOptionsTest, Header) {
  EXPECT_FALSE(CsvOptions::Parse({{"header", "FALSE"}})->header);
  EXPECT_TRUE(CsvOptions::Parse({{"header", "True"}})->header);
  EXPECT_FALSE(CsvOptions::Parse({{"has_header", "false"}})->header);
  EXPECT_FALSE(CsvOptions::Parse({{"header", "false"}, {"has_header", "false"}})->header);
  EXPECT_EQ(ErrorOf({{"header", "yes please"}}), "header must be true or false, got 'yes please'");
  EXPECT_EQ(ErrorOf({{"has_header", "1"}}), "has_header must be true or false, got '1'");
  EXPECT_EQ(ErrorOf({{"header", "true"}, {"has_header", "false"}}),
            "header and its alias has_header are both given, as 'true' and 'false'");
}

TEST(CsvOptionsTest, Delimiter) {
  EXPECT_EQ(CsvOptions::Parse({{"delimiter", "|"}})->dialect.delimiter, '|');
  EXPECT_EQ(CsvOptions::Parse({{"sep", ";"}})->dialect.delimiter, ';');
  EXPECT_EQ(CsvOptions::Parse({{"delimiter", "\\t"}})->dialect.delimiter, '\t');
  EXPECT_EQ(CsvOptions::Parse({{"delimiter", "\t"}})->dialect.delimiter, '\t');
  EXPECT_EQ(ErrorOf({{"delimiter", "||"}}), "delimiter must be a single character, got '||'");
  EXPECT_EQ(ErrorOf({{"delimiter", ""}}), "delimiter must be a single character, got ''");
  EXPECT_EQ(ErrorOf({{"sep", "ab"}}), "sep must be a single character, got 'ab'");
  EXPECT_EQ(ErrorOf({{"delimiter", "\n"}}), "delimiter cannot be a line break");
  EXPECT_EQ(ErrorOf({{"delimiter", ","}, {"sep", ";"}}),
            "delimiter and its alias sep are both given, as ',' and ';'");
}

TEST(CsvOptionsTest, QuoteAndEscape) {
  EXPECT_EQ(CsvOptions::Parse({{"quote", "'"}})->dialect.quote, '\'');
  EXPECT_FALSE(CsvOptions::Parse({{"quote", ""}})->dialect.has_quote);
  EXPECT_EQ(ErrorOf({{"quote", "''"}}), "quote must be a single character, got ''''");
  CsvOptions escaped = *CsvOptions::Parse({{"escape", "\\"}});
  EXPECT_TRUE(escaped.dialect.has_escape);
  EXPECT_EQ(escaped.dialect.escape, '\\');
  EXPECT_FALSE(CsvOptions::Parse({{"escape", ""}})->dialect.has_escape);
  EXPECT_EQ(ErrorOf({{"escape", "\\\\"}}), "escape must be a single character, got '\\\\'");
  EXPECT_EQ(ErrorOf({{"delimiter", "'"}, {"quote", "'"}}),
            "delimiter and quote must differ, both are '''");
  EXPECT_EQ(ErrorOf({{"delimiter", "\\t"}, {"escape", "\t"}}),
            "delimiter and escape must differ, both are '\\t'");
  // With quoting off the quote character cannot clash.
  EXPECT_EQ(ErrorOf({{"delimiter", "\""}, {"quote", ""}}), "OK");
}

TEST(CsvOptionsTest, NullValueAndSkipRows) {
  EXPECT_EQ(*CsvOptions::Parse({{"nullvalue", "NA"}})->null_value, "NA");
  EXPECT_EQ(*CsvOptions::Parse({{"nullvalue", ""}})->null_value, "");
  EXPECT_EQ(CsvOptions::Parse({{"skiprows", "3"}})->skip_rows, 3);
  EXPECT_EQ(ErrorOf({{"skiprows", "-1"}}), "skipRows must be a non-negative integer, got '-1'");
  EXPECT_EQ(ErrorOf({{"skiprows", "2x"}}), "skipRows must be a non-negative integer, got '2x'");
  EXPECT_EQ(ErrorOf({{"skiprows", ""}}), "skipRows must be a non-negative integer, got ''");
}

TEST(CsvOptionsTest, DefaultDelimiterByExtension) {
  EXPECT_EQ(DefaultCsvDelimiter("/data/a.tsv"), '\t');
  EXPECT_EQ(DefaultCsvDelimiter("/data/A.TSV.gz"), '\t');
  EXPECT_EQ(DefaultCsvDelimiter("/data/a.tsv.zst"), '\t');
  EXPECT_EQ(DefaultCsvDelimiter("/data/a.csv"), ',');
  EXPECT_EQ(DefaultCsvDelimiter("/data/a.txt.gz"), ',');
  EXPECT_EQ(DefaultCsvDelimiter("/data/tsv"), ',');
}

TEST(CsvFormatTest, NameExtensionsAndOptions) {
  CsvFormat format;
  EXPECT_EQ(format.name(), "CSV");
  EXPECT_EQ(format.extensions(), (std::vector<std::string>{"csv", "tsv", "txt"}));
  std::vector<std::string> names;
  for (const OptionSpec& spec : format.options()) names.push_back(spec.name);
  for (const char* name :
       {"header", "has_header", "delimiter", "sep", "quote", "escape", "nullValue", "skipRows"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  EXPECT_TRUE(format.ValidateOptions({{"header", "false"}, {"delimiter", "|"}}).ok());
  Status bad = format.ValidateOptions({{"delimiter", "||"}});
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.message(), "delimiter must be a single character, got '||'");
}

}  // namespace
}  // namespace inlet
