#include "delta/actions.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

std::vector<Action> SampleActions() {
  Protocol protocol{3, 7, {"timestampNtz"}, {"timestampNtz", "allowColumnDefaults"}};
  Metadata metadata;
  metadata.id = "af23c9d7-fff1-4a5a-a2c8-55c59bd782aa";
  metadata.name = "orders";
  metadata.description = "all \"orders\"";
  metadata.schema_string = R"json({"type":"struct","fields":[]})json";
  metadata.partition_columns = {"day"};
  metadata.configuration = {{"delta.appendOnly", "true"}};
  metadata.created_time = 1700000000000;
  AddFile add;
  add.path = "day=2024-01-01/part-00000-abc-c000.snappy.parquet";
  add.partition_values = {{"day", "2024-01-01"}, {"region", std::nullopt}};
  add.size = 1234;
  add.modification_time = 1700000000001;
  add.stats = R"json({"numRecords":3})json";
  add.tags = {{"INSERTION_TIME", "1"}};
  RemoveFile remove;
  remove.path = "old.parquet";
  remove.deletion_timestamp = 1700000000002;
  remove.extended_file_metadata = true;
  remove.partition_values = PartitionValues{};
  remove.size = 10;
  SetTransaction txn{"copy-job-7", 42, 1700000000003};
  CommitInfo info;
  info.timestamp = 1700000000004;
  info.operation = "WRITE";
  info.operation_parameters = {{"mode", "Append"}, {"partitionBy", "[\"day\"]"}};
  info.operation_metrics = {{"numFiles", "1"}};
  info.engine_info = kEngineInfo;
  info.extras = {{"readVersion", "4"}, {"isBlindAppend", "true"}};
  DomainMetadata domain{"delta.clustering", R"json({"clusteringColumns":[]})json", false};
  CheckpointMetadata checkpoint{12, {{"numOfAddFiles", "1"}}};
  Sidecar sidecar{"3a0d65cd.parquet", 2341330, 1512909768000, {}};
  return {info, protocol, metadata, add, remove, txn, domain, checkpoint, sidecar};
}

TEST(ActionsTest, RoundTrip) {
  std::vector<Action> actions = SampleActions();
  std::string text = SerializeCommit(actions);
  Result<std::vector<Action>> parsed = ParseCommit(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, actions);
  EXPECT_EQ(SerializeCommit(*parsed), text);
}

TEST(ActionsTest, SerializesAsTheProtocolShows) {
  EXPECT_EQ(SerializeAction(Protocol{1, 2, {}, {}}),
            R"json({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})json");
  EXPECT_EQ(SerializeAction(Protocol{1, 7, {}, {"allowColumnDefaults"}}),
            R"json({"protocol":{"minReaderVersion":1,"minWriterVersion":7,)json"
            R"json("writerFeatures":["allowColumnDefaults"]}})json");
  AddFile add;
  add.path = "a%20b.parquet";
  add.size = 5;
  add.modification_time = 6;
  EXPECT_EQ(SerializeAction(add),
            R"json({"add":{"path":"a%20b.parquet","partitionValues":{},"size":5,)json"
            R"json("modificationTime":6,"dataChange":true}})json");
  EXPECT_EQ(SerializeAction(SetTransaction{"app", 3, std::nullopt}),
            R"json({"txn":{"appId":"app","version":3}})json");
  Metadata m;
  m.id = "x";
  m.schema_string = "{}";
  EXPECT_EQ(SerializeAction(m),
            R"json({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},)json"
            R"json("schemaString":"{}","partitionColumns":[],"configuration":{}}})json");
  for (const Action& action : SampleActions()) {
    EXPECT_EQ(SerializeAction(action).find('\n'), std::string::npos);
  }
}

TEST(ActionsTest, SkipsUnknownActionsAndFieldsKeepsDomainAndCheckpointActions) {
  std::string text =
      R"json({"cdc":{"path":"_change_data/x.parquet","partitionValues":{},"size":1,)json"
      R"json("dataChange":false}})json"
      "\n\n"
      R"json({"domainMetadata":{"domain":"d","configuration":"{}","removed":false}})json"
      "\n"
      R"json({"checkpointMetadata":{"version":3}})json"
      "\r\n"
      R"json({"txn":{"appId":"a","version":1,"futureField":[1,{"x":null}]}})json"
      "\n"
      R"json({"add":{"path":"p","partitionValues":{},"size":1,"modificationTime":2,)json"
      R"json("dataChange":true,"stats":null,"baseRowId":4,"clusteringProvider":"liquid"}})json";
  Result<std::vector<Action>> parsed = ParseCommit(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 4u);
  EXPECT_EQ(std::get<DomainMetadata>((*parsed)[0]), (DomainMetadata{"d", "{}", false}));
  EXPECT_EQ(std::get<CheckpointMetadata>((*parsed)[1]), (CheckpointMetadata{3, {}}));
  EXPECT_EQ(std::get<SetTransaction>((*parsed)[2]), (SetTransaction{"a", 1, std::nullopt}));
  const AddFile& add = std::get<AddFile>((*parsed)[3]);
  EXPECT_EQ(add.path, "p");
  EXPECT_FALSE(add.stats.has_value());
}

TEST(ActionsTest, KeepsCommitInfoExtrasAndNonStringParameters) {
  std::string line =
      R"json({"commitInfo":{"timestamp":1,"operation":"MERGE","operationParameters":)json"
      R"json({"predicate":"a = b","matchedPredicates":[{"actionType":"update"}],"n":3},)json"
      R"json("readVersion":0,"isolationLevel":"Serializable","engineInfo":"Spark"}})json";
  Result<std::optional<Action>> parsed = ParseAction(line);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const CommitInfo& info = std::get<CommitInfo>(**parsed);
  EXPECT_EQ(info.operation, "MERGE");
  EXPECT_EQ(info.operation_parameters.at("predicate"), "a = b");
  EXPECT_EQ(info.operation_parameters.at("matchedPredicates"),
            R"json([{"actionType":"update"}])json");
  EXPECT_EQ(info.operation_parameters.at("n"), "3");
  EXPECT_EQ(info.engine_info, "Spark");
  EXPECT_EQ(info.extras, (std::vector<std::pair<std::string, std::string>>{
                             {"readVersion", "0"}, {"isolationLevel", "\"Serializable\""}}));
}

TEST(ActionsTest, ErrorsNameLineActionAndField) {
  Result<std::vector<Action>> parsed =
      ParseCommit("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n{\"add\":{\"size\":1}}\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(parsed.status().message(), "line 2: add action: missing field \"path\"");

  parsed = ParseCommit("{\"add\":{\"path\":\"p\",\"size\":\"big\"}}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "line 1: add action: field \"size\" must be an integer");

  parsed = ParseCommit("{\"add\":");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(parsed.status().message().find("line 1: action: invalid JSON"), std::string::npos);

  parsed = ParseCommit("[1]");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "line 1: action: expected a JSON object");
}

TEST(ActionsTest, MakeCommitInfoNamesInlet) {
  CommitInfo info = MakeCommitInfo("WRITE");
  EXPECT_EQ(info.operation, "WRITE");
  EXPECT_EQ(info.engine_info, "inlet/0.1.0");
  EXPECT_GT(info.timestamp.value_or(0), 1700000000000);
}

}  // namespace
}  // namespace inlet
