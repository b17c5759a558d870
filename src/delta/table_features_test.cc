#include "delta/table_features.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

DeltaSchema Parse(const std::string& json) {
  Result<DeltaSchema> schema = ParseDeltaSchema(json);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return schema.ValueOr(DeltaSchema{});
}

const char kPlain[] = R"json({"type":"struct","fields":[{"name":"a","type":"long"}]})json";

std::string Check(const Protocol& protocol, const Metadata& metadata = {},
                  const std::string& schema = kPlain) {
  return CheckWritable(protocol, metadata, Parse(schema)).ToString();
}

TEST(TableFeaturesTest, ReaderVersions) {
  Metadata none;
  EXPECT_TRUE(CheckReadable({1, 2, {}, {}}, none).ok());
  EXPECT_EQ(CheckReadable({99, 7, {}, {}}, none).ToString(),
            "Not implemented: the table requires Delta reader version 99; inlet reads versions 1 "
            "to 3");
  EXPECT_TRUE(CheckReadable({2, 5, {}, {}}, none).ok());
  Metadata mapped;
  mapped.configuration["delta.columnMapping.mode"] = "name";
  // Tables with column mapping are read by physical names.
  EXPECT_TRUE(CheckReadable({2, 5, {}, {}}, mapped).ok());
  EXPECT_TRUE(CheckReadable({3, 7, {"columnMapping"}, {"columnMapping"}}, mapped).ok());
  Metadata unknown;
  unknown.configuration["delta.columnMapping.mode"] = "fancy";
  EXPECT_EQ(CheckReadable({2, 5, {}, {}}, unknown).ToString(),
            "Not implemented: unknown delta.columnMapping.mode 'fancy'");
  EXPECT_TRUE(CheckReadable({3, 7, {"timestampNtz", "vacuumProtocolCheck"}, {}}, none).ok());
  EXPECT_TRUE(CheckReadable({3, 7, {"v2Checkpoint"}, {"v2Checkpoint"}}, none).ok());
  EXPECT_TRUE(CheckReadable({3, 7, {"timestampNtz", "deletionVectors"}, {}}, none).ok());
  EXPECT_EQ(CheckReadable({3, 7, {"rowTracking"}, {}}, none).ToString(),
            "Not implemented: Delta reader feature \"rowTracking\" is not supported yet");
}

TEST(TableFeaturesTest, WriterFeatures) {
  EXPECT_EQ(Check({1, 2, {}, {}}), "OK");
  EXPECT_EQ(Check({1, 7, {}, {"appendOnly", "invariants", "allowColumnDefaults"}}), "OK");
  EXPECT_EQ(Check({3, 7, {"timestampNtz"}, {"timestampNtz", "vacuumProtocolCheck"}}), "OK");
  // Checkpoints keep every domain and are V2 (with checkpointMetadata) when the table asks.
  EXPECT_EQ(Check({1, 7, {}, {"appendOnly", "domainMetadata"}}), "OK");
  EXPECT_EQ(Check({3, 7, {"v2Checkpoint"}, {"v2Checkpoint", "domainMetadata"}}), "OK");
  EXPECT_EQ(Check({1, 7, {}, {"changeDataFeed"}}),
            "Not implemented: Delta writer feature \"changeDataFeed\" is not supported yet");
  EXPECT_EQ(Check({1, 8, {}, {}}),
            "Not implemented: the table requires Delta writer version 8; inlet writes versions 1 "
            "to 7");
  // Appends add files without deletion vectors to a table whose other files have them.
  EXPECT_EQ(Check({3, 7, {"deletionVectors"}, {"deletionVectors"}}), "OK");
  // Writers must be able to read, too.
  EXPECT_EQ(Check({3, 7, {"rowTracking"}, {"rowTracking"}}),
            "Not implemented: Delta reader feature \"rowTracking\" is not supported yet");
}

TEST(TableFeaturesTest, EnablingDeletionVectorsMovesToTableFeatures) {
  Protocol legacy = ProtocolForProperties({1, 2, {}, {}}, {{"delta.enableDeletionVectors", "true"}});
  EXPECT_EQ(legacy, (Protocol{3, 7, {"deletionVectors"},
                              {"appendOnly", "invariants", "deletionVectors"}}));
  Protocol ntz = ProtocolForProperties({3, 7, {"timestampNtz"}, {"timestampNtz"}},
                                       {{"delta.enableDeletionVectors", "TRUE"}});
  EXPECT_EQ(ntz, (Protocol{3, 7, {"timestampNtz", "deletionVectors"},
                           {"timestampNtz", "deletionVectors"}}));
  EXPECT_EQ(ProtocolForProperties({1, 2, {}, {}}, {{"delta.enableDeletionVectors", "false"}}),
            (Protocol{1, 2, {}, {}}));
}

TEST(TableFeaturesTest, ColumnMappingNeedsReaderTwoWriterFiveOrTheFeature) {
  const std::map<std::string, std::string> name_mode = {{"delta.columnMapping.mode", "name"}};
  EXPECT_EQ(ProtocolForProperties({1, 2, {}, {}}, name_mode), (Protocol{2, 5, {}, {}}));
  EXPECT_EQ(ProtocolForProperties({1, 7, {}, {"allowColumnDefaults"}}, name_mode),
            (Protocol{3, 7, {"columnMapping"}, {"allowColumnDefaults", "columnMapping"}}));
  EXPECT_EQ(ProtocolForProperties({3, 7, {"timestampNtz"}, {"timestampNtz"}}, name_mode),
            (Protocol{3, 7, {"timestampNtz", "columnMapping"}, {"timestampNtz", "columnMapping"}}));
  // Deletion vectors move a reader 2 / writer 5 table to table features, columnMapping listed.
  EXPECT_EQ(ProtocolForProperties({1, 2, {}, {}}, {{"delta.columnMapping.mode", "id"},
                                                   {"delta.enableDeletionVectors", "true"}}),
            (Protocol{3, 7, {"deletionVectors", "columnMapping"},
                      {"appendOnly", "invariants", "deletionVectors", "columnMapping"}}));
  EXPECT_EQ(ProtocolForProperties({1, 2, {}, {}}, {{"delta.columnMapping.mode", "none"}}),
            (Protocol{1, 2, {}, {}}));
}

TEST(TableFeaturesTest, InvariantsAndConstraintsAreWritable) {
  const std::string with_invariant =
      R"json({"type":"struct","fields":[{"name":"x","type":"integer","nullable":true,)json"
      R"json("metadata":{"delta.invariants":"{\"expression\":{\"expression\":\"x > 3\"}}"}}]})json";
  EXPECT_EQ(Check({1, 2, {}, {}}, {}, with_invariant), "OK");
  EXPECT_EQ(Check({1, 7, {}, {"invariants"}}, {}, with_invariant), "OK");
  Metadata constraints;
  constraints.configuration["delta.constraints.positive"] = "a > 0";
  EXPECT_EQ(Check({1, 3, {}, {}}, constraints), "OK");
  EXPECT_EQ(Check({1, 7, {}, {"checkConstraints"}}, constraints), "OK");
}

TEST(TableFeaturesTest, LegacyWriterVersionsCountOnlyUsedFeatures) {
  Metadata plain;
  EXPECT_EQ(Check({1, 4, {}, {}}, plain), "OK");
  EXPECT_EQ(Check({1, 6, {}, {}}, plain), "OK");
  Metadata cdf;
  cdf.configuration["delta.enableChangeDataFeed"] = "true";
  EXPECT_EQ(Check({1, 4, {}, {}}, cdf),
            "Not implemented: Delta writer feature \"changeDataFeed\" is not supported yet");
  EXPECT_EQ(Check({1, 3, {}, {}}, cdf), "OK");
  Metadata mapped;
  mapped.configuration["delta.columnMapping.mode"] = "id";
  // Appends write physical names and field ids.
  EXPECT_EQ(Check({2, 5, {}, {}}, mapped), "OK");
  EXPECT_EQ(Check({3, 7, {"columnMapping"}, {"columnMapping"}}, mapped), "OK");
  const std::string generated = R"json({"type":"struct","fields":[{"name":"a","type":"long",)json"
                                R"json("metadata":{"delta.generationExpression":"1"}}]})json";
  EXPECT_EQ(Check({1, 4, {}, {}}, plain, generated),
            "Not implemented: Delta writer feature \"generatedColumns\" is not supported yet");
  const std::string identity =
      R"json({"type":"struct","fields":[{"name":"a","type":"long",)json"
      R"json("metadata":{"delta.identity.start":1,"delta.identity.step":1}}]})json";
  EXPECT_EQ(Check({1, 6, {}, {}}, plain, identity),
            "Not implemented: Delta writer feature \"identityColumns\" is not supported yet");
  EXPECT_EQ(Check({1, 5, {}, {}}, plain, identity), "OK");
}

TEST(TableFeaturesTest, DefaultsMustBeLiterals) {
  const std::string expression_default =
      R"json({"type":"struct","fields":[{"name":"d","type":"date",)json"
      R"json("metadata":{"CURRENT_DEFAULT":"current_date()"}}]})json";
  EXPECT_EQ(Check({1, 7, {}, {"allowColumnDefaults"}}, {}, expression_default),
            "Not implemented: column \"d\": DEFAULT expression 'current_date()' is not supported "
            "yet: inlet evaluates literals only");
}

TEST(TableFeaturesTest, EmptySchemaIsNotWritable) {
  EXPECT_EQ(CheckWritable({1, 2, {}, {}}, {}, DeltaSchema{}).code(), StatusCode::kInvalidData);
}

TEST(TableFeaturesTest, AppendOnlyProperty) {
  Metadata m;
  EXPECT_FALSE(IsAppendOnly(m));
  m.configuration["delta.appendOnly"] = "TRUE";
  EXPECT_TRUE(IsAppendOnly(m));
}

TEST(TableFeaturesTest, AppendOnlyPropertyNeedsItsWriterFeature) {
  const std::map<std::string, std::string> append_only = {{"delta.appendOnly", "true"}};
  // Legacy writer versions 2 to 6 include appendOnly; version 1 does not.
  EXPECT_EQ(ProtocolForProperties({1, 2, {}, {}}, append_only), (Protocol{1, 2, {}, {}}));
  EXPECT_EQ(ProtocolForProperties({1, 1, {}, {}}, append_only), (Protocol{1, 2, {}, {}}));
  EXPECT_EQ(ProtocolForProperties({1, 7, {}, {"allowColumnDefaults"}}, append_only),
            (Protocol{1, 7, {}, {"allowColumnDefaults", "appendOnly"}}));
  EXPECT_EQ(ProtocolForProperties({1, 7, {}, {"appendOnly"}}, append_only),
            (Protocol{1, 7, {}, {"appendOnly"}}));
  EXPECT_EQ(ProtocolForProperties({1, 7, {}, {}}, {{"delta.appendOnly", "false"}}),
            (Protocol{1, 7, {}, {}}));
  EXPECT_EQ(ProtocolForProperties({1, 1, {}, {}}, {}), (Protocol{1, 1, {}, {}}));
}

}  // namespace
}  // namespace inlet
