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
  CsvOptions options = *CsvOptions::Parse({});
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
  Result<Schema> schema = Infer("n\n1\n\"oops\n");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->field(0).type, LogicalType::BigInt());
}

}  // namespace
}  // namespace inlet
