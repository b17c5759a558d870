#include "formats/csv/csv_options.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/string_util.h"
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
  EXPECT_TRUE(options.null_if.empty());
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
  EXPECT_EQ(CsvOptions::Parse({{"nullvalue", "NA"}})->null_if, std::vector<std::string>{"NA"});
  EXPECT_EQ(CsvOptions::Parse({{"nullvalue", ""}})->null_if, std::vector<std::string>{""});
  EXPECT_EQ(CsvOptions::Parse({{"skiprows", "3"}})->skip_rows, 3);
  EXPECT_EQ(ErrorOf({{"skiprows", "-1"}}), "skipRows must be a non-negative integer, got '-1'");
  EXPECT_EQ(ErrorOf({{"skiprows", "2x"}}), "skipRows must be a non-negative integer, got '2x'");
  EXPECT_EQ(ErrorOf({{"skiprows", ""}}), "skipRows must be a non-negative integer, got ''");
}

TEST(CsvOptionsTest, EachDialectHasItsDefaults) {
  CsvOptions snowflake = *CsvOptions::Parse({{kFormatDialectKey, "snowflake"}});
  EXPECT_FALSE(snowflake.header);
  EXPECT_FALSE(snowflake.dialect.has_quote);
  EXPECT_EQ(snowflake.dialect.unquoted_escape, '\\');
  EXPECT_FALSE(snowflake.dialect.skip_blank_lines);
  EXPECT_EQ(snowflake.null_if, std::vector<std::string>{"\\N"});
  EXPECT_EQ(snowflake.binary_format, CsvBinaryFormat::kHex);
  CsvOptions firebolt = *CsvOptions::Parse({{kFormatDialectKey, "firebolt"}});
  EXPECT_FALSE(firebolt.header);
  EXPECT_TRUE(firebolt.dialect.has_quote);
  EXPECT_TRUE(firebolt.dialect.lf_cr_is_newline);
  EXPECT_TRUE(firebolt.null_if.empty());
  CsvOptions delta = *CsvOptions::Parse({{kFormatDialectKey, "delta"}});
  EXPECT_TRUE(delta.header);
  EXPECT_TRUE(delta.dialect.skip_blank_lines);
}

TEST(CsvOptionsTest, SnowflakeOptions) {
  CsvOptions o = *CsvOptions::Parse({{kFormatDialectKey, "snowflake"},
                                     {"field_delimiter", "0x7C"},
                                     {"record_delimiter", ";"},
                                     {"skip_header", "2"},
                                     {"field_optionally_enclosed_by", "'"},
                                     {"escape_unenclosed_field", "NONE"},
                                     {"null_if", "('', 'it''s')"},
                                     {"empty_field_as_null", "false"},
                                     {"date_format", "AUTO"},
                                     {"timestamp_format", "YYYY-MM-DD HH24:MI"}});
  EXPECT_EQ(o.dialect.delimiter, '|');
  EXPECT_TRUE(o.dialect.custom_record_delimiter);
  EXPECT_EQ(o.dialect.record_delimiter, ';');
  EXPECT_EQ(o.skip_rows, 2);
  EXPECT_FALSE(o.header);
  EXPECT_EQ(o.dialect.quote, '\'');
  EXPECT_EQ(o.dialect.unquoted_escape, '\0');
  EXPECT_EQ(o.null_if, (std::vector<std::string>{"", "it's"}));
  EXPECT_FALSE(o.empty_field_as_null);
  EXPECT_FALSE(o.date_format.has_value());
  EXPECT_EQ(o.timestamp_format->text(), "YYYY-MM-DD HH24:MI");
  EXPECT_EQ(CsvOptions::Parse({{kFormatDialectKey, "snowflake"}, {"field_delimiter", "\\001"}})
                ->dialect.delimiter,
            '\001');
}

TEST(CsvOptionsTest, SnowflakeDelimitersOfSeveralCharacters) {
  CsvOptions o = *CsvOptions::Parse({{kFormatDialectKey, "snowflake"},
                                     {"field_delimiter", "||"},
                                     {"record_delimiter", "##\\n"}});
  EXPECT_EQ(o.dialect.multibyte_delimiter, "||");
  EXPECT_EQ(o.dialect.multibyte_record_delimiter, "##\n");
  EXPECT_TRUE(o.dialect.custom_record_delimiter);
  // Octal and hex forms, and one byte stays on the one-byte path.
  o = *CsvOptions::Parse({{kFormatDialectKey, "snowflake"},
                          {"field_delimiter", "\\001\\002"},
                          {"record_delimiter", "0x7C0x7E"}});
  EXPECT_EQ(o.dialect.multibyte_delimiter, "\001\002");
  EXPECT_EQ(o.dialect.multibyte_record_delimiter, "|~");
  o = *CsvOptions::Parse({{kFormatDialectKey, "snowflake"}, {"record_delimiter", "0x7C"}});
  EXPECT_FALSE(o.dialect.has_multibyte_delimiter());
  EXPECT_EQ(o.dialect.record_delimiter, '|');
  // With records ending at a delimiter of their own, a field delimiter may hold a new line.
  o = *CsvOptions::Parse({{kFormatDialectKey, "snowflake"},
                          {"field_delimiter", ",\\n"},
                          {"record_delimiter", ";"}});
  EXPECT_EQ(o.dialect.multibyte_delimiter, ",\n");
}

TEST(CsvOptionsTest, FireboltOptions) {
  CsvOptions o = *CsvOptions::Parse({{kFormatDialectKey, "firebolt"},
                                     {"quote", "SINGLE_QUOTE"},
                                     {"null_string", "NA"},
                                     {"newline", "\\n"},
                                     {"date_format", "DD Mon YYYY"}});
  EXPECT_EQ(o.dialect.quote, '\'');
  EXPECT_EQ(o.null_if, std::vector<std::string>{"NA"});
  EXPECT_FALSE(o.dialect.custom_record_delimiter);
  EXPECT_EQ(o.date_format->text(), "DD Mon YYYY");
}

TEST(CsvOptionsTest, DialectErrorsNameTheOption) {
  auto error = [](FormatOptions options) {
    auto parsed = CsvOptions::Parse(options);
    return parsed.ok() ? "OK" : parsed.status().message();
  };
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"skip_header", "-1"}}),
            "SKIP_HEADER must be a non-negative integer, got '-1'");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"trim_space", "maybe"}}),
            "TRIM_SPACE must be true or false, got 'maybe'");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"field_optionally_enclosed_by", "|"}}),
            "FIELD_OPTIONALLY_ENCLOSED_BY must be NONE, ' or \", got '|'");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"null_if", "('a', b)"}}),
            "NULL_IF must be a list of strings, got ('a', b)");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"record_delimiter", "||"},
                   {"field_delimiter", "|"}}),
            "FIELD_DELIMITER '|' and RECORD_DELIMITER '||' cannot hold one another");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"record_delimiter", ",,"}}),
            "FIELD_DELIMITER ',' and RECORD_DELIMITER ',,' cannot hold one another");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"field_delimiter", "a\\nb"}}),
            "FIELD_DELIMITER cannot hold a line break when records end at new lines, got "
            "'a\\nb'");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"field_delimiter", "|\"|"},
                   {"field_optionally_enclosed_by", "\""}}),
            "the field delimiter '|\"|' cannot hold the quote '\"'");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"replace_invalid_characters", "maybe"}}),
            "REPLACE_INVALID_CHARACTERS must be TRUE or FALSE, got 'maybe'");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"encoding", "KLINGON"}}).substr(0, 35),
            "ENCODING: unknown ENCODING 'KLINGON");
  EXPECT_EQ(error({{kFormatDialectKey, "snowflake"}, {"compression", "zip"}}).substr(0, 39),
            "COMPRESSION: unknown compression 'zip':");
  EXPECT_EQ(error({{kFormatDialectKey, "firebolt"}, {"newline", "ab"}}),
            "NEWLINE must be one character or \\n, got 'ab'");
  EXPECT_EQ(error({{kFormatDialectKey, "firebolt"}, {"timestamp_format", "YYYY-MMMM"}}),
            "TIMESTAMP_FORMAT 'YYYY-MMMM': the month appears twice");
  EXPECT_EQ(error({{kFormatDialectKey, "firebolt"}, {"nullvalue", "x"}}),
            "option nullvalue belongs to the delta form of COPY, not to this statement's firebolt "
            "form; its CSV options are: HEADER, DELIMITER, NEWLINE, QUOTE, ESCAPE, NULL_STRING, "
            "EMPTY_FIELD_AS_NULL, SKIP_BLANK_LINES, DATE_FORMAT, TIMESTAMP_FORMAT");
}

TEST(CsvOptionsTest, DefaultDelimiterByExtension) {
  EXPECT_EQ(DefaultCsvDelimiter("/data/a.tsv"), '\t');
  EXPECT_EQ(DefaultCsvDelimiter("/data/A.TSV.gz"), '\t');
  EXPECT_EQ(DefaultCsvDelimiter("/data/a.tsv.zst"), '\t');
  for (const char* compressed : {".bz2", ".xz", ".lz4", ".br", ".sz", ".snappy", ".zz",
                                 ".deflate", ".zlib", ".gzip", ".zstd", ".bzip2"}) {
    EXPECT_EQ(DefaultCsvDelimiter(std::string("/data/a.tsv") + compressed), '\t') << compressed;
  }
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

TEST(CsvFormatTest, OptionsForListsTheStatementDialectsOnly) {
  CsvFormat format;
  auto names = [&](const FormatOptions& options) {
    std::vector<std::string> out;
    for (const OptionSpec& spec : format.OptionsFor(options)) out.push_back(spec.name);
    return JoinStrings(out, ", ");
  };
  EXPECT_EQ(names({}), names({{kFormatDialectKey, "delta"}}));
  EXPECT_EQ(names({{kFormatDialectKey, "delta"}}),
            "header, has_header, delimiter, sep, quote, escape, nullValue, skipRows, COMPRESSION, "
            "ENCODING, VALIDATE_UTF8, REPLACE_NON_UTF8_BYTES");
  EXPECT_EQ(names({{kFormatDialectKey, "snowflake"}}),
            "ESCAPE, RECORD_DELIMITER, FIELD_DELIMITER, SKIP_HEADER, PARSE_HEADER, DATE_FORMAT, "
            "TIME_FORMAT, TIMESTAMP_FORMAT, BINARY_FORMAT, ESCAPE_UNENCLOSED_FIELD, TRIM_SPACE, "
            "FIELD_OPTIONALLY_ENCLOSED_BY, NULL_IF, ERROR_ON_COLUMN_COUNT_MISMATCH, "
            "EMPTY_FIELD_AS_NULL, SKIP_BYTE_ORDER_MARK, SKIP_BLANK_LINES, "
            "REPLACE_INVALID_CHARACTERS, COMPRESSION, ENCODING, VALIDATE_UTF8, "
            "REPLACE_NON_UTF8_BYTES");
  EXPECT_EQ(names({{kFormatDialectKey, "firebolt"}}),
            "HEADER, DELIMITER, QUOTE, ESCAPE, DATE_FORMAT, TIMESTAMP_FORMAT, EMPTY_FIELD_AS_NULL, "
            "SKIP_BLANK_LINES, COMPRESSION, ENCODING, VALIDATE_UTF8, REPLACE_NON_UTF8_BYTES, "
            "NEWLINE, NULL_STRING");
  // Every option a dialect lists is one it accepts.
  for (const char* dialect : {"delta", "snowflake", "firebolt"}) {
    for (const OptionSpec& spec : format.OptionsFor({{kFormatDialectKey, dialect}})) {
      Result<CsvOptions> parsed =
          CsvOptions::Parse({{kFormatDialectKey, dialect}, {AsciiToLower(spec.name), "x"}});
      EXPECT_EQ(parsed.status().message().find("belongs to"), std::string::npos)
          << dialect << " " << spec.name;
    }
  }
}

}  // namespace
}  // namespace inlet
