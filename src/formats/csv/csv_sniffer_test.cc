#include "formats/csv/csv_sniffer.h"

#include <gtest/gtest.h>

#include "formats/csv/csv_format.h"
#include "formats/csv/csv_test_util.h"

namespace inlet {
namespace {

LogicalType Guess(const std::vector<std::string>& values) {
  CsvTypeGuess guess;
  for (const std::string& v : values) guess.Add(v);
  return guess.type();
}

TEST(CsvTypeGuessTest, NarrowestTypeThatHoldsEveryValue) {
  EXPECT_EQ(Guess({}), LogicalType::Varchar());
  EXPECT_EQ(Guess({"true", "FALSE", "True"}), LogicalType::Boolean());
  EXPECT_EQ(Guess({"1", "-20", "+3", "007"}), LogicalType::BigInt());
  EXPECT_EQ(Guess({"9223372036854775807", "-9223372036854775808"}), LogicalType::BigInt());
  EXPECT_EQ(Guess({"1.5", "-2", ".5", "5.", "1e10", "-2.5E-3"}), LogicalType::Double());
  EXPECT_EQ(Guess({"2024-01-31", "1999-12-01"}), LogicalType::Date());
  EXPECT_EQ(Guess({"2024-01-31", "2024-01-31 10:11:12", "2024-01-31T10:11:12.123456"}),
            LogicalType::Timestamp());
  EXPECT_EQ(Guess({"2024-01-31 10:11:12Z", "2024-01-31 10:11:12+02:00"}),
            LogicalType::TimestampTz());
  EXPECT_EQ(Guess({"hello"}), LogicalType::Varchar());
}

TEST(CsvTypeGuessTest, MixedKindsWidenOrFallBackToVarchar) {
  EXPECT_EQ(Guess({"1", "true"}), LogicalType::Varchar());
  EXPECT_EQ(Guess({"1", "2024-01-01"}), LogicalType::Varchar());
  EXPECT_EQ(Guess({"1", "x"}), LogicalType::Varchar());
  EXPECT_EQ(Guess({"2024-01-31 10:11:12", "2024-01-31 10:11:12Z"}), LogicalType::TimestampTz());
  EXPECT_EQ(Guess({"2024-02-30"}), LogicalType::Varchar());
}

TEST(CsvTypeGuessTest, OnlyPlainNumbersAreNumbers) {
  for (const char* text :
       {"inf", "NaN", " 1", "1 ", "1,000", "0x10", "1e", "e5", ".", "-", "1e999", "1.2.3"}) {
    EXPECT_EQ(Guess({text}), LogicalType::Varchar()) << text;
  }
}

TEST(CsvTypeGuessTest, IntegersPastBigIntAreDecimal) {
  EXPECT_EQ(Guess({"1", "9223372036854775808"}), LogicalType::Decimal(38, 0));
  EXPECT_EQ(Guess({std::string(38, '9')}), LogicalType::Decimal(38, 0));
  EXPECT_EQ(Guess({"000" + std::string(38, '9')}), LogicalType::Decimal(38, 0));
  EXPECT_EQ(Guess({"12345678901234567890", "1.5"}), LogicalType::Double());
  EXPECT_EQ(Guess({std::string(39, '9')}), LogicalType::Varchar());
  EXPECT_EQ(Guess({std::string(39, '9'), "1.5"}), LogicalType::Varchar());
}

class CsvInferTest : public ::testing::Test {
 protected:
  Result<Schema> Infer(const std::string& contents, FormatOptions options = {},
                       const std::string& path = "/in/data.csv") {
    return format_.InferSchema(MakeSourceFile(fs_, path, contents), options);
  }

  CsvFormat format_;
  std::shared_ptr<MemoryFileSystem> fs_ = std::make_shared<MemoryFileSystem>();
};

Schema MakeSchema(std::vector<std::pair<std::string, LogicalType>> columns) {
  std::vector<Field> fields;
  for (auto& [name, type] : columns) {
    Field field;
    field.name = name;
    field.type = type;
    fields.push_back(std::move(field));
  }
  return Schema(std::move(fields));
}

TEST_F(CsvInferTest, NamesFromTheHeaderAndTypesFromTheData) {
  Result<Schema> schema = Infer(
      "id,price,ok,day,at,name,empty\n"
      "1,2.5,true,2024-01-01,2024-01-01 10:00:00,ann,\n"
      "2,,false,2024-01-02,2024-01-02T11:00:00.5,bob,\n"
      ",3,,,,,\n");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(*schema, MakeSchema({{"id", LogicalType::BigInt()},
                                 {"price", LogicalType::Double()},
                                 {"ok", LogicalType::Boolean()},
                                 {"day", LogicalType::Date()},
                                 {"at", LogicalType::Timestamp()},
                                 {"name", LogicalType::Varchar()},
                                 {"empty", LogicalType::Varchar()}}));
}

TEST_F(CsvInferTest, WithoutHeaderColumnsAreNumbered) {
  Result<Schema> schema = Infer("1,a\n2,b\n", {{"header", "false"}});
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(*schema,
            MakeSchema({{"column1", LogicalType::BigInt()}, {"column2", LogicalType::Varchar()}}));
}

TEST_F(CsvInferTest, EmptyAndDuplicateHeaderNamesAreMadeUnique) {
  Result<Schema> schema = Infer("a,,A,a_2\n1,2,3,4\n");
  ASSERT_TRUE(schema.ok());
  std::vector<std::string> names;
  for (const Field& f : schema->fields()) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "column2", "A_2", "a_2_2"}));
}

TEST_F(CsvInferTest, QuotedEmptyStringsAreTextAndNullValueIsNull) {
  Result<Schema> quoted = Infer("n\n1\n\"\"\n");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->field(0).type, LogicalType::Varchar());
  Result<Schema> na = Infer("n\n1\nNA\n", {{"nullvalue", "NA"}});
  ASSERT_TRUE(na.ok());
  EXPECT_EQ(na->field(0).type, LogicalType::BigInt());
}

TEST_F(CsvInferTest, OptionsApply) {
  Result<Schema> schema =
      Infer("# comment\nx|y\n1|'a|b'\n", {{"skiprows", "1"}, {"delimiter", "|"}, {"quote", "'"}});
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(*schema, MakeSchema({{"x", LogicalType::BigInt()}, {"y", LogicalType::Varchar()}}));
  Result<Schema> tsv = Infer("x\ty\n1\t2\n", {}, "/in/data.tsv");
  ASSERT_TRUE(tsv.ok());
  EXPECT_EQ(tsv->num_fields(), 2u);
}

TEST_F(CsvInferTest, HeaderOnlyFileIsAllVarchar) {
  Result<Schema> schema = Infer("a,b\n");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(*schema, MakeSchema({{"a", LogicalType::Varchar()}, {"b", LogicalType::Varchar()}}));
}

TEST_F(CsvInferTest, EmptyFileHasNoSchema) {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF"}) {
    Result<Schema> schema = Infer(text);
    ASSERT_FALSE(schema.ok());
    EXPECT_EQ(schema.status().code(), StatusCode::kInvalidData);
    EXPECT_EQ(schema.status().message(), "data.csv: cannot infer a schema from an empty file");
  }
}

TEST_F(CsvInferTest, OnlyTheSampleIsRead) {
  std::string text = "n\n1\n2\n3\nx\n";
  FormatOptions options;
  CsvSampleLimits limits;
  limits.max_records = 3;
  Result<Schema> sample = InferCsvSchema(MakeSourceFile(fs_, "/in/s.csv", text), options, limits);
  ASSERT_TRUE(sample.ok());
  EXPECT_EQ(sample->field(0).type, LogicalType::BigInt());
  limits.max_records = 4;
  Result<Schema> all = InferCsvSchema(MakeSourceFile(fs_, "/in/s.csv", text), options, limits);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->field(0).type, LogicalType::Varchar());
}

TEST_F(CsvInferTest, UnterminatedRowsDoNotVote) {
  Result<Schema> schema = Infer("n\n1\n\"oops\n", {{"quote", "\""}});
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->field(0).type, LogicalType::BigInt());
}

class CsvSniffTest : public CsvInferTest {
 protected:
  Result<CsvSniffResult> Sniff(const std::string& contents, FormatOptions options = {},
                               const CsvSampleLimits& limits = {}) {
    return SniffCsv(MakeSourceFile(fs_, "/in/data.csv", contents), options, limits);
  }
};

TEST_F(CsvSniffTest, FindsTheDelimiterQuoteAndNewline) {
  Result<CsvSniffResult> semicolon = Sniff("a;b;c\r\n1;\"x;y\";3\r\n4;z;6\r\n");
  ASSERT_TRUE(semicolon.ok()) << semicolon.status().ToString();
  EXPECT_EQ(semicolon->options.dialect.delimiter, ';');
  EXPECT_EQ(semicolon->options.dialect.quote, '"');
  EXPECT_EQ(semicolon->newline, "\r\n");
  EXPECT_EQ(semicolon->columns.size(), 3u);

  Result<CsvSniffResult> tab = Sniff("a\tb\r1\t2\r3\t4\r");
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ(tab->options.dialect.delimiter, '\t');
  EXPECT_EQ(tab->newline, "\r");

  Result<CsvSniffResult> single = Sniff("a|b\n'x|y'|1\n'z'|2\n");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->options.dialect.delimiter, '|');
  EXPECT_EQ(single->options.dialect.quote, '\'');
  EXPECT_EQ(single->columns[1].type, LogicalType::BigInt());

  Result<CsvSniffResult> escaped = Sniff("a,b\n\"say \\\"hi\\\", ok\",1\n\"x\",2\n");
  ASSERT_TRUE(escaped.ok());
  EXPECT_TRUE(escaped->options.dialect.has_escape);
  EXPECT_EQ(escaped->options.dialect.escape, '\\');
}

TEST_F(CsvSniffTest, GivenOptionsWin) {
  Result<CsvSniffResult> sniffed = Sniff("a;b\n1;2\n", {{"delimiter", ","}});
  ASSERT_TRUE(sniffed.ok());
  EXPECT_EQ(sniffed->options.dialect.delimiter, ',');
  ASSERT_EQ(sniffed->columns.size(), 1u);
  EXPECT_EQ(sniffed->columns[0].name, "a;b");

  Result<CsvSniffResult> headed = Sniff("1,2\n3,4\n", {{"header", "true"}});
  ASSERT_TRUE(headed.ok());
  EXPECT_TRUE(headed->options.header);
  EXPECT_EQ(headed->columns[0].name, "1");
}

TEST_F(CsvSniffTest, HeaderWhenTheFirstRecordDoesNotFitTheTypes) {
  Result<CsvSniffResult> numbers = Sniff("1,2.5\n3,4\n");
  ASSERT_TRUE(numbers.ok());
  EXPECT_FALSE(numbers->options.header);
  EXPECT_EQ(numbers->columns[0].name, "column1");
  EXPECT_EQ(numbers->columns[1].type, LogicalType::Double());

  Result<CsvSniffResult> text = Sniff("city,country\nParis,France\n");
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(text->options.header);
  EXPECT_EQ(text->columns[0].name, "city");

  Result<CsvSniffResult> named = Sniff("id,name\n1,ann\n");
  ASSERT_TRUE(named.ok());
  EXPECT_TRUE(named->options.header);
}

TEST_F(CsvSniffTest, LeadingLinesOfAnotherShapeAreSkipped) {
  Result<CsvSniffResult> sniffed = Sniff("Report of the day\n\na,b,c\n1,2,3\n4,5,6\n");
  ASSERT_TRUE(sniffed.ok());
  EXPECT_EQ(sniffed->options.skip_rows, 2);
  EXPECT_TRUE(sniffed->options.header);
  ASSERT_EQ(sniffed->columns.size(), 3u);
  EXPECT_EQ(sniffed->columns[0].name, "a");
}

TEST_F(CsvSniffTest, TheValuesDecideTheDateOrder) {
  Result<CsvSniffResult> dmy = Sniff("d\n01/02/2024\n13/02/2024\n");
  ASSERT_TRUE(dmy.ok());
  EXPECT_EQ(dmy->columns[0].type, LogicalType::Date());
  EXPECT_EQ(dmy->columns[0].format, "DD/MM/YYYY");
  ASSERT_TRUE(dmy->options.date_format.has_value());
  EXPECT_EQ(dmy->options.date_format->text(), "DD/MM/YYYY");

  Result<CsvSniffResult> mdy = Sniff("d\n01-02-2024\n02-13-2024\n");
  ASSERT_TRUE(mdy.ok());
  EXPECT_EQ(mdy->columns[0].format, "MM-DD-YYYY");

  Result<CsvSniffResult> iso = Sniff("d,t\n2024-02-13,2024-02-13 10:00:00\n");
  ASSERT_TRUE(iso.ok());
  EXPECT_EQ(iso->columns[0].format, "YYYY-MM-DD");
  EXPECT_EQ(iso->columns[1].type, LogicalType::Timestamp());
  EXPECT_FALSE(iso->options.date_format.has_value());

  // ISO dates need no format: they load beside a column in another order.
  Result<CsvSniffResult> with_iso = Sniff("a,b\n13/02/2024,2024-02-13\n");
  ASSERT_TRUE(with_iso.ok());
  EXPECT_EQ(with_iso->columns[0].type, LogicalType::Date());
  EXPECT_EQ(with_iso->columns[1].type, LogicalType::Date());

  // Two columns in two orders: the reader has one date format, so the second stays text.
  Result<CsvSniffResult> mixed = Sniff("a,b\n13/02/2024,02/13/2024\n");
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->columns[0].type, LogicalType::Date());
  EXPECT_EQ(mixed->columns[1].type, LogicalType::Varchar());
  EXPECT_EQ(mixed->columns[1].format, "");
}

TEST_F(CsvSniffTest, NonIsoDatesAndTimestampsGetTheFileFormats) {
  Result<CsvSniffResult> sniffed =
      Sniff("d,ts,n\n12/31/2024,12/31/2024 01:02:03 PM,1\n1/2/2024,1/2/2024 11:00:00 am,2\n");
  ASSERT_TRUE(sniffed.ok()) << sniffed.status().ToString();
  ASSERT_EQ(sniffed->columns.size(), 3u);
  EXPECT_EQ(sniffed->columns[0].type, LogicalType::Date());
  EXPECT_EQ(sniffed->columns[0].format, "MM/DD/YYYY");
  EXPECT_EQ(sniffed->columns[1].type, LogicalType::Timestamp());
  EXPECT_EQ(sniffed->columns[1].format, "MM/DD/YYYY HH12:MI:SS AM");
  EXPECT_EQ(sniffed->columns[2].format, "");
  const CsvOptions& options = sniffed->options;
  ASSERT_TRUE(options.date_format && options.timestamp_format);
  EXPECT_EQ(options.date_format->text(), "MM/DD/YYYY");
  EXPECT_EQ(options.timestamp_format->text(), "MM/DD/YYYY HH12:MI:SS AM");
  EXPECT_TRUE(options.date_format_sniffed);
  EXPECT_TRUE(options.timestamp_format_sniffed);

  // Timestamps that cannot tell day from month take the order of the file's dates.
  Result<CsvSniffResult> ordered = Sniff("d,ts\n12/31/2024,01/02/2024 10:00\n");
  ASSERT_TRUE(ordered.ok());
  EXPECT_EQ(ordered->options.timestamp_format->text(), "MM/DD/YYYY HH24:MI");
  Result<CsvSniffResult> alone = Sniff("ts\n01/02/2024 10:00\n");
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->options.timestamp_format->text(), "DD/MM/YYYY HH24:MI");

  // The format most columns have wins; the others stay text.
  Result<CsvSniffResult> majority =
      Sniff("a,b,c,e\n31/12/2024,12/31/2024,12/30/2024,12.31.2024\n"
            "30/12/2024,12/30/2024,12/29/2024,12/30/2024\n");
  ASSERT_TRUE(majority.ok());
  EXPECT_EQ(majority->options.date_format->text(), "MM/DD/YYYY");
  EXPECT_EQ(majority->columns[0].type, LogicalType::Varchar());
  EXPECT_EQ(majority->columns[1].type, LogicalType::Date());
  EXPECT_EQ(majority->columns[2].type, LogicalType::Date());
  // Its values have two separators: no one format reads them.
  EXPECT_EQ(majority->columns[3].type, LogicalType::Varchar());

  // ISO values need no format.
  Result<CsvSniffResult> iso = Sniff("d,ts\n2024-12-31,2024-12-31T01:02:03\n");
  ASSERT_TRUE(iso.ok());
  EXPECT_FALSE(iso->options.date_format || iso->options.timestamp_format);
  EXPECT_EQ(iso->columns[1].format, "YYYY-MM-DDTHH24:MI:SS");
}

TEST_F(CsvSniffTest, GivenFormatsWin) {
  // Snowflake's words: DATE_FORMAT decides what a date is, and ISO values are not dates then.
  Result<CsvSniffResult> sniffed =
      Sniff("d,iso,ts\n05-Jan-2024,2024-01-05,2024-01-05 10:00\n",
            {{kFormatDialectKey, "snowflake"},
             {"parse_header", "true"},
             {"date_format", "DD-MON-YYYY"},
             {"timestamp_format", "YYYY-MM-DD HH24:MI"}});
  ASSERT_TRUE(sniffed.ok()) << sniffed.status().ToString();
  EXPECT_EQ(sniffed->columns[0].type, LogicalType::Date());
  EXPECT_EQ(sniffed->columns[0].format, "DD-MON-YYYY");
  EXPECT_EQ(sniffed->columns[1].type, LogicalType::Varchar());
  EXPECT_EQ(sniffed->columns[2].type, LogicalType::Timestamp());
  EXPECT_EQ(sniffed->columns[2].format, "YYYY-MM-DD HH24:MI");
  EXPECT_FALSE(sniffed->options.date_format_sniffed);
  EXPECT_FALSE(sniffed->options.timestamp_format_sniffed);
}

TEST(CsvTypeGuessTest, DatesInEveryOrder) {
  CsvTypeGuess guess;
  guess.Add("12/31/1999");
  EXPECT_EQ(guess.format(), "MM/DD/YYYY");
  EXPECT_FALSE(guess.Fits("31/12/1999"));
  EXPECT_TRUE(guess.Fits("01/01/2000"));
  EXPECT_FALSE(guess.Fits("2000-01-01"));
  EXPECT_EQ(Guess({"31.12.1999", "1.1.2000"}), LogicalType::Date());
  EXPECT_EQ(Guess({"1999-02-29"}), LogicalType::Varchar());
  EXPECT_EQ(Guess({"29/02/2000 10:11"}), LogicalType::Timestamp());
}

std::string FormatOf(const std::vector<std::string>& values) {
  CsvTypeGuess guess;
  for (const std::string& v : values) guess.Add(v);
  return guess.type().ToString() + " " + guess.format();
}

TEST(CsvTypeGuessTest, TimestampShapes) {
  EXPECT_EQ(FormatOf({"12/31/2024 13:45"}), "TIMESTAMP MM/DD/YYYY HH24:MI");
  EXPECT_EQ(FormatOf({"31.12.2024 13:45:00", "1.2.2024 0:00:00"}),
            "TIMESTAMP DD.MM.YYYY HH24:MI:SS");
  EXPECT_EQ(FormatOf({"31-12-2024T13:45:00.5", "31-12-2024T13:45:00.123456"}),
            "TIMESTAMP DD-MM-YYYYTHH24:MI:SS.FF");
  EXPECT_EQ(FormatOf({"12/31/2024 01:02:03 PM", "1/2/2024 11:00:00 am"}),
            "TIMESTAMP MM/DD/YYYY HH12:MI:SS AM");
  EXPECT_EQ(FormatOf({"12/31/2024 1:02PM"}), "TIMESTAMP MM/DD/YYYY HH12:MIAM");
  EXPECT_EQ(FormatOf({"12/31/2024 1:02:03.25 PM"}), "TIMESTAMP MM/DD/YYYY HH12:MI:SS.FF AM");
  // A 12-hour clock only after a month-first date, as in DuckDB; it tells an ambiguous date.
  EXPECT_EQ(FormatOf({"01/02/2024 01:02 PM"}), "TIMESTAMP MM/DD/YYYY HH12:MI AM");
  EXPECT_EQ(FormatOf({"2024/01/27 11:04:57 PM"}), "VARCHAR ");
  EXPECT_EQ(FormatOf({"31/12/2024 11:04:57 PM"}), "VARCHAR ");
  // The cast reads ISO timestamps of any shape; the format is the one shape they share.
  EXPECT_EQ(FormatOf({"2024-12-31 13:45:00"}), "TIMESTAMP YYYY-MM-DD HH24:MI:SS");
  EXPECT_EQ(FormatOf({"2024-12-31 13:45", "2024-12-31 13:45:00"}), "TIMESTAMP ");
  // Values no single format reads stay text.
  EXPECT_EQ(FormatOf({"12/31/2024 13:45", "12/31/2024 13:45:00"}), "VARCHAR ");
  EXPECT_EQ(FormatOf({"12/31/2024", "12/31/2024 13:45"}), "VARCHAR ");
  EXPECT_EQ(FormatOf({"12/31/2024 13:45 PM"}), "VARCHAR ");
  EXPECT_EQ(FormatOf({"12/31/2024 13:45+02"}), "VARCHAR ");
  EXPECT_EQ(FormatOf({"1/2/3"}), "VARCHAR ");
  EXPECT_EQ(FormatOf({"2024.12.31"}), "VARCHAR ");
}

TEST(CsvTypeGuessTest, FormatsListsWhatStillFits) {
  CsvTypeGuess guess;
  guess.Add("01/02/2024");
  EXPECT_EQ(guess.Formats(), (std::vector<std::string>{"DD/MM/YYYY", "MM/DD/YYYY"}));
  EXPECT_TRUE(guess.NeedsFormat());
  guess.Add("01/13/2024");
  EXPECT_EQ(guess.Formats(), (std::vector<std::string>{"MM/DD/YYYY"}));

  CsvTypeGuess iso;
  iso.Add("2024-01-02");
  EXPECT_FALSE(iso.NeedsFormat());
  EXPECT_EQ(iso.Formats(), (std::vector<std::string>{"YYYY-MM-DD"}));
}

TEST(CsvTypeGuessTest, AGivenFormatAloneMakesItsType) {
  auto date =
      DateTimeFormat::Compile("DD-MON-YYYY", DateTimeFormatStyle::kSnowflake, "DATE_FORMAT");
  auto timestamp = DateTimeFormat::Compile("DD-MON-YYYY HH24:MITZH",
                                           DateTimeFormatStyle::kSnowflake, "TIMESTAMP_FORMAT");
  ASSERT_TRUE(date.ok() && timestamp.ok());
  auto guess = [&](std::vector<std::string> values) {
    CsvTypeGuess g(&*date, &*timestamp);
    for (const std::string& v : values) g.Add(v);
    return g.type().ToString() + " " + g.format();
  };
  EXPECT_EQ(guess({"05-Jan-2024", "5-feb-2024"}), "DATE DD-MON-YYYY");
  EXPECT_EQ(guess({"2024-01-05"}), "VARCHAR ");
  EXPECT_EQ(guess({"05/01/2024"}), "VARCHAR ");
  EXPECT_EQ(guess({"05-Jan-2024 10:00+02", "05-Jan-2024 10:00Z"}),
            "TIMESTAMPTZ DD-MON-YYYY HH24:MITZH");
}

TEST_F(CsvSniffTest, ValuesFarIntoALargeFileVote) {
  std::string text = "n,m\n";
  for (int i = 0; i < 2000; ++i) text += std::to_string(i) + ",1\n";
  text += "x,1.5\n";
  CsvSampleLimits limits;
  limits.max_records = 100;
  limits.max_bytes = 1000;
  limits.dialect_bytes = 1000;
  limits.chunk_bytes = 500;
  Result<CsvSniffResult> spread = Sniff(text, {}, limits);
  ASSERT_TRUE(spread.ok()) << spread.status().ToString();
  EXPECT_EQ(spread->columns[0].type, LogicalType::Varchar());
  EXPECT_EQ(spread->columns[1].type, LogicalType::Double());

  limits.spread_chunks = 0;
  Result<CsvSniffResult> head_only = Sniff(text, {}, limits);
  ASSERT_TRUE(head_only.ok());
  EXPECT_EQ(head_only->columns[0].type, LogicalType::BigInt());
}

}  // namespace
}  // namespace inlet
