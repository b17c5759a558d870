#include "delta/schema_evolution.h"

#include <gtest/gtest.h>

#include "delta/schema_json.h"

namespace inlet {
namespace {

using T = LogicalType;

TEST(SchemaEvolutionTest, SupportedWidenings) {
  EXPECT_TRUE(IsSupportedWidening(T::TinyInt(), T::SmallInt()));
  EXPECT_TRUE(IsSupportedWidening(T::Integer(), T::BigInt()));
  EXPECT_TRUE(IsSupportedWidening(T::Float(), T::Double()));
  EXPECT_TRUE(IsSupportedWidening(T::Integer(), T::Double()));
  EXPECT_TRUE(IsSupportedWidening(T::Date(), T::Timestamp()));
  EXPECT_TRUE(IsSupportedWidening(T::Decimal(10, 2), T::Decimal(20, 5)));
  EXPECT_TRUE(IsSupportedWidening(T::Decimal(10, 2), T::Decimal(12, 2)));
  EXPECT_TRUE(IsSupportedWidening(T::Integer(), T::Decimal(11, 1)));
  EXPECT_TRUE(IsSupportedWidening(T::BigInt(), T::Decimal(21, 1)));

  EXPECT_FALSE(IsSupportedWidening(T::BigInt(), T::Integer()));
  EXPECT_FALSE(IsSupportedWidening(T::BigInt(), T::Double()));
  EXPECT_FALSE(IsSupportedWidening(T::Integer(), T::Integer()));
  EXPECT_FALSE(IsSupportedWidening(T::Varchar(), T::Integer()));
  EXPECT_FALSE(IsSupportedWidening(T::Date(), T::TimestampTz()));
  // Integer digits may not shrink: DECIMAL(10,2) has 8, DECIMAL(11,4) has 7.
  EXPECT_FALSE(IsSupportedWidening(T::Decimal(10, 2), T::Decimal(11, 4)));
  EXPECT_FALSE(IsSupportedWidening(T::Decimal(10, 2), T::Decimal(12, 1)));
  EXPECT_FALSE(IsSupportedWidening(T::Integer(), T::Decimal(10, 1)));
  EXPECT_FALSE(IsSupportedWidening(T::BigInt(), T::Decimal(19, 0)));
}

Schema Table() {
  return Schema({{"id", T::Integer(), false, std::nullopt},
                 {"price", T::Decimal(10, 2), true, std::nullopt}});
}

TEST(SchemaEvolutionTest, AddsColumnsAndWidens) {
  SchemaMerge merge{Table(), {}, {}};
  Schema file({{"ID", T::BigInt(), true, std::nullopt},
               {"note", T::Varchar(), false, std::nullopt},
               {"price", T::Decimal(8, 2), true, std::nullopt}});
  ASSERT_TRUE(MergeFileSchema(file, "a.parquet", ExistingColumnTypes::kWiden, &merge).ok());
  EXPECT_EQ(merge.schema.ToString(), "(id BIGINT NOT NULL, price DECIMAL(10,2), note VARCHAR)");
  EXPECT_EQ(merge.added, std::vector<std::string>{"note"});
  EXPECT_EQ(merge.widened, (std::vector<TypeChange>{{"id", T::Integer(), T::BigInt()}}));

  // A second file widens further: one change from the table's type to the last.
  Schema second({{"id", T::Decimal(25, 0), true, std::nullopt}});
  ASSERT_TRUE(MergeFileSchema(second, "b.parquet", ExistingColumnTypes::kWiden, &merge).ok());
  EXPECT_EQ(merge.widened, (std::vector<TypeChange>{{"id", T::Integer(), T::Decimal(25, 0)}}));
}

TEST(SchemaEvolutionTest, RefusesWhatIsNotAWidening) {
  SchemaMerge merge{Table(), {}, {}};
  Schema text({{"id", T::Varchar(), true, std::nullopt}});
  EXPECT_EQ(MergeFileSchema(text, "a.parquet", ExistingColumnTypes::kWiden, &merge).message(),
            "cannot merge column \"id\": the table has INTEGER but a.parquet has VARCHAR; only "
            "widening type changes are allowed");
  Schema wide({{"price", T::Decimal(12, 1), true, std::nullopt}});
  EXPECT_EQ(MergeFileSchema(wide, "b.parquet", ExistingColumnTypes::kWiden, &merge).message(),
            "cannot merge column \"price\": the table has DECIMAL(10,2) but b.parquet has "
            "DECIMAL(12,1); only widening type changes are allowed");
  Schema big({{"id", T::BigInt(), true, std::nullopt}});
  EXPECT_EQ(MergeFileSchema(big, "c.parquet", ExistingColumnTypes::kNoWidening, &merge).message(),
            "cannot merge column \"id\": the table has INTEGER but c.parquet has BIGINT; widening "
            "the column needs the table property delta.enableTypeWidening = true");
  Schema nested({{"id", T::List(T::Integer()), true, std::nullopt}});
  EXPECT_EQ(MergeFileSchema(nested, "d.parquet", ExistingColumnTypes::kWiden, &merge).message(),
            "cannot merge column \"id\": the table has INTEGER but d.parquet has ARRAY<INTEGER>; "
            "nested types are not merged");
  // Guessed types (CSV) never change the table's.
  ASSERT_TRUE(MergeFileSchema(text, "e.csv", ExistingColumnTypes::kKeep, &merge).ok());
  EXPECT_FALSE(merge.changed());
}

TEST(SchemaEvolutionTest, SchemaStringKeepsMetadataAndRecordsTypeChanges) {
  const std::string table =
      R"json({"type":"struct","fields":[{"name":"id","type":"integer","nullable":false,)json"
      R"json("metadata":{"comment":"key","delta.typeChanges":[{"fromType":"short","toType":"integer"}]}},)json"
      R"json({"name":"x","type":"integer","nullable":true,"metadata":{"delta.invariants":"{\"expression\":{\"expression\":\"x > 3\"}}"}}]})json";
  SchemaMerge merge{ParseDeltaSchema(table).ValueOrDie().schema, {}, {}};
  Schema file(
      {{"id", T::BigInt(), true, std::nullopt}, {"note", T::Varchar(), true, std::nullopt}});
  ASSERT_TRUE(MergeFileSchema(file, "a.parquet", ExistingColumnTypes::kWiden, &merge).ok());
  Result<std::string> evolved = EvolveSchemaString(table, merge);
  ASSERT_TRUE(evolved.ok()) << evolved.status().ToString();
  EXPECT_EQ(
      *evolved,
      R"json({"type":"struct","fields":[{"name":"id","type":"long","nullable":false,)json"
      R"json("metadata":{"comment":"key","delta.typeChanges":[{"fromType":"short","toType":"integer"},)json"
      R"json({"fromType":"integer","toType":"long"}]}},)json"
      R"json({"name":"x","type":"integer","nullable":true,"metadata":{"delta.invariants":"{\"expression\":{\"expression\":\"x > 3\"}}"}},)json"
      R"json({"name":"note","type":"string","nullable":true,"metadata":{}}]})json");
  Result<DeltaSchema> parsed = ParseDeltaSchema(*evolved);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->schema, merge.schema);
}

}  // namespace
}  // namespace inlet
