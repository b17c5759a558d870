#include "delta/delta_table.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "delta/log_files.h"
#include "delta/stats.h"
#include "delta/table_features.h"
#include "fs/local/local_file_system.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

Schema OrdersSchema() {
  return Schema({Field{"id", LogicalType::BigInt(), false, std::nullopt},
                 Field{"day", LogicalType::Date(), true, std::nullopt},
                 Field{"note", LogicalType::Varchar(20), true, Value::Varchar("none")}});
}

AddFile MakeAdd(const std::string& name, int64_t rows) {
  AddFile add;
  add.path = EncodeDataPath(name);
  add.size = 100 * rows;
  add.modification_time = 1700000000000;
  FileStats stats;
  stats.num_records = rows;
  add.stats = BuildStatsJson(stats);
  return add;
}

struct MemoryFixture {
  std::shared_ptr<FileSystem> fs = std::make_shared<MemoryFileSystem>();
  std::string root = "/bucket/tables/orders";
};

struct LocalFixture {
  LocalFixture() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "inlet-delta-test-XXXXXX").string();
    dir = ::mkdtemp(templ.data());
    root = dir + "/orders";
  }
  ~LocalFixture() { std::filesystem::remove_all(dir); }
  std::shared_ptr<FileSystem> fs = std::make_shared<LocalFileSystem>();
  std::string dir;
  std::string root;
};

template <typename Fixture>
class DeltaTableTest : public ::testing::Test {
 protected:
  Fixture fixture_;
  const std::shared_ptr<FileSystem>& fs() { return fixture_.fs; }
  const std::string& root() { return fixture_.root; }
};

using Fixtures = ::testing::Types<MemoryFixture, LocalFixture>;
TYPED_TEST_SUITE(DeltaTableTest, Fixtures);

TYPED_TEST(DeltaTableTest, CreateCommitAndReplay) {
  Result<DeltaTable> created = DeltaTable::Create(this->fs(), this->root(), OrdersSchema(), {"day"},
                                                  {{"delta.appendOnly", "true"}}, "orders");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  DeltaTable table = *created;

  Result<Snapshot> s0 = table.LoadSnapshot();
  ASSERT_TRUE(s0.ok()) << s0.status().ToString();
  EXPECT_EQ(s0->version, 0);
  EXPECT_EQ(s0->schema(), OrdersSchema());
  EXPECT_EQ(s0->protocol, (Protocol{1, 7, {}, {"allowColumnDefaults", "appendOnly"}}));
  EXPECT_EQ(s0->metadata.name, "orders");
  EXPECT_EQ(s0->metadata.partition_columns, std::vector<std::string>{"day"});
  EXPECT_TRUE(IsAppendOnly(s0->metadata));
  EXPECT_TRUE(s0->files.empty());
  EXPECT_TRUE(s0->CheckWritable().ok()) << s0->CheckWritable().ToString();

  AddFile a = MakeAdd("day=2024-01-01/part-00000-a-c000.snappy.parquet", 3);
  a.partition_values = {{"day", "2024-01-01"}};
  AddFile b = MakeAdd("day=__HIVE_DEFAULT_PARTITION__/part-00000-b c-c000.snappy.parquet", 2);
  b.partition_values = {{"day", std::nullopt}};
  CommitInfo info = MakeCommitInfo("WRITE");
  Result<int64_t> v1 = table.Commit(0, {info, a, b, SetTransaction{"job-1", 7, 1700000000000}});
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(*v1, 1);

  RemoveFile remove;
  remove.path = a.path;
  remove.deletion_timestamp = 1700000000001;
  Result<int64_t> v2 = table.Commit(1, {info, remove, SetTransaction{"job-1", 8, std::nullopt}});
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();

  Result<Snapshot> latest = table.LoadSnapshot();
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(latest->version, 2);
  ASSERT_EQ(latest->files.size(), 1u);
  const auto& [key, add] = *latest->files.begin();
  EXPECT_EQ(key, "day=__HIVE_DEFAULT_PARTITION__/part-00000-b c-c000.snappy.parquet");
  EXPECT_EQ(add, b);
  EXPECT_TRUE(latest->HasTransaction("job-1"));
  EXPECT_EQ(latest->TransactionVersion("job-1"), 8);
  EXPECT_FALSE(latest->HasTransaction("job-2"));
  EXPECT_EQ(*table.DataFilePath(add.path), JoinPath(this->root(), key));

  Result<Snapshot> at1 = table.LoadSnapshot(1);
  ASSERT_TRUE(at1.ok());
  EXPECT_EQ(at1->files.size(), 2u);
  EXPECT_EQ(at1->TransactionVersion("job-1"), 7);

  Result<std::vector<Action>> commit1 = table.ReadCommit(1);
  ASSERT_TRUE(commit1.ok()) << commit1.status().ToString();
  ASSERT_EQ(commit1->size(), 4u);
  EXPECT_EQ(std::get<AddFile>((*commit1)[2]), b);
  EXPECT_EQ(table.ReadCommit(5).status().code(), StatusCode::kNotFound);

  // Opening finds the same table; creating again does not overwrite it.
  EXPECT_TRUE(DeltaTable::Open(this->fs(), this->root()).ok());
  Result<DeltaTable> again = DeltaTable::Create(this->fs(), this->root(), OrdersSchema());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TYPED_TEST(DeltaTableTest, OpenWithoutLogIsNotFound) {
  Result<DeltaTable> table = DeltaTable::Open(this->fs(), this->root());
  EXPECT_EQ(table.status().code(), StatusCode::kNotFound);
  Result<Snapshot> snapshot = DeltaTable(this->fs(), this->root()).LoadSnapshot();
  EXPECT_EQ(snapshot.status().code(), StatusCode::kNotFound);
}

TYPED_TEST(DeltaTableTest, ConcurrentCommitsOnOneVersionHaveOneWinner) {
  ASSERT_TRUE(DeltaTable::Create(this->fs(), this->root(), OrdersSchema()).ok());
  DeltaTable writer_a(this->fs(), this->root());
  DeltaTable writer_b(this->fs(), this->root());
  Result<int64_t> won = writer_a.Commit(0, {MakeAdd("part-a.parquet", 1)});
  ASSERT_TRUE(won.ok()) << won.status().ToString();
  Result<int64_t> lost = writer_b.Commit(0, {MakeAdd("part-b.parquet", 1)});
  ASSERT_EQ(lost.status().code(), StatusCode::kConflict) << lost.status().ToString();
  EXPECT_EQ(lost.status().message(),
            "another writer committed version 1 of the Delta table at " + this->root() + " first");
  // The loser inspects the winner, then retries on the new version.
  Result<std::vector<Action>> winner = writer_b.ReadCommit(1);
  ASSERT_TRUE(winner.ok());
  EXPECT_EQ(std::get<AddFile>((*winner)[0]).path, "part-a.parquet");
  EXPECT_EQ(*writer_b.Commit(1, {MakeAdd("part-b.parquet", 1)}), 2);

  // Many threads racing for the same version: exactly one wins.
  constexpr int kWriters = 8;
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      DeltaTable table(this->fs(), this->root());
      Result<int64_t> r = table.Commit(2, {MakeAdd("race-" + std::to_string(i) + ".parquet", 1)});
      if (r.ok()) ++wins;
      if (r.status().IsConflict()) ++conflicts;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), kWriters - 1);
  Result<Snapshot> s = DeltaTable(this->fs(), this->root()).LoadSnapshot();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->version, 3);
  EXPECT_EQ(s->files.size(), 3u);
}

TYPED_TEST(DeltaTableTest, FirstCommitOfATableRegisteredWithoutSchema) {
  DeltaTable table(this->fs(), this->root());
  TableDefinition definition;
  definition.schema = Schema({Field{"at", LogicalType::Timestamp(), true, std::nullopt}});
  Result<std::vector<Action>> actions = MakeCreateTableActions(definition);
  ASSERT_TRUE(actions.ok());
  actions->push_back(MakeAdd("part-00000-x-c000.snappy.parquet", 10));
  actions->push_back(SetTransaction{"load-1", 1, std::nullopt});
  actions->push_back(MakeCommitInfo("WRITE"));
  Result<int64_t> v0 = table.Commit(-1, *actions);
  ASSERT_TRUE(v0.ok()) << v0.status().ToString();
  EXPECT_EQ(*v0, 0);
  // A second loader that also saw no table loses.
  EXPECT_EQ(table.Commit(-1, *actions).status().code(), StatusCode::kConflict);

  Result<Snapshot> s = table.LoadSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->protocol, (Protocol{3, 7, {"timestampNtz"}, {"timestampNtz"}}));
  EXPECT_EQ(s->files.size(), 1u);
  EXPECT_TRUE(s->HasTransaction("load-1"));
}

TYPED_TEST(DeltaTableTest, GapInVersionsIsAnError) {
  ASSERT_TRUE(DeltaTable::Create(this->fs(), this->root(), OrdersSchema()).ok());
  DeltaTable table(this->fs(), this->root());
  ASSERT_TRUE(table.Commit(1, {MakeAdd("p.parquet", 1)}).ok());  // version 2, no version 1
  Result<Snapshot> s = table.LoadSnapshot();
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(s.status().message(), this->root() +
                                      ": the Delta log is missing version 1 "
                                      "(00000000000000000001.json)");
  // The versions before the gap still load.
  EXPECT_TRUE(table.LoadSnapshot(0).ok());
}

TYPED_TEST(DeltaTableTest, CorruptCommitNamesTheFile) {
  ASSERT_TRUE(DeltaTable::Create(this->fs(), this->root(), OrdersSchema()).ok());
  ASSERT_TRUE(this->fs()->PutIfAbsent(CommitFilePath(this->root(), 1), "{\"add\":{}}\n").ok());
  Result<Snapshot> s = DeltaTable(this->fs(), this->root()).LoadSnapshot();
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(s.status().message(),
            CommitFilePath(this->root(), 1) + ": line 1: add action: missing field \"path\"");
}

TYPED_TEST(DeltaTableTest, SetAndUnsetProperties) {
  ASSERT_TRUE(DeltaTable::Create(this->fs(), this->root(), OrdersSchema(), {},
                                 {{"owner", "ingest"}, {"inlet.parquet.compression", "zstd"}})
                  .ok());
  DeltaTable table(this->fs(), this->root());
  Result<int64_t> v1 = table.SetProperties(
      {{"delta.TARGETFILESIZE", "64mb"}, {"inlet.parquet.compressionLevel", "9"}});
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(*v1, 1);

  // The commit holds the new metaData, the same table otherwise, as Spark writes it.
  Result<Snapshot> s1 = table.LoadSnapshot();
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  Result<Snapshot> s0 = table.LoadSnapshot(0);
  ASSERT_TRUE(s0.ok());
  EXPECT_EQ(s1->metadata.configuration,
            (std::map<std::string, std::string>{{"delta.targetFileSize", "64mb"},
                                                {"inlet.parquet.compression", "zstd"},
                                                {"inlet.parquet.compressionLevel", "9"},
                                                {"owner", "ingest"}}));
  Metadata unchanged = s1->metadata;
  unchanged.configuration = s0->metadata.configuration;
  EXPECT_EQ(unchanged, s0->metadata);
  EXPECT_EQ(s1->schema(), OrdersSchema());
  Result<std::vector<Action>> commit1 = table.ReadCommit(1);
  ASSERT_TRUE(commit1.ok());
  ASSERT_EQ(commit1->size(), 2u);
  const CommitInfo& set_info = std::get<CommitInfo>((*commit1)[0]);
  EXPECT_EQ(set_info.operation, "SET TBLPROPERTIES");
  EXPECT_EQ(set_info.operation_parameters.at("properties"),
            R"({"delta.TARGETFILESIZE":"64mb","inlet.parquet.compressionLevel":"9"})");
  EXPECT_TRUE(std::holds_alternative<Metadata>((*commit1)[1]));

  // appendOnly on a writer-7 table lists its feature in a new protocol.
  ASSERT_TRUE(table.SetProperties({{"delta.appendOnly", "true"}}).ok());
  Result<Snapshot> s2 = table.LoadSnapshot();
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->protocol, (Protocol{1, 7, {}, {"allowColumnDefaults", "appendOnly"}}));
  EXPECT_TRUE(IsAppendOnly(s2->metadata));
  EXPECT_EQ(table.ReadCommit(2)->size(), 3u);

  Result<int64_t> v3 = table.UnsetProperties(
      {"inlet.parquet.compressionlevel", "owner", "absent"}, /*if_exists=*/true);
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  Result<Snapshot> s3 = table.LoadSnapshot();
  EXPECT_EQ(s3->metadata.configuration,
            (std::map<std::string, std::string>{{"delta.appendOnly", "true"},
                                                {"delta.targetFileSize", "64mb"},
                                                {"inlet.parquet.compression", "zstd"}}));
  Result<std::vector<Action>> commit3 = table.ReadCommit(3);
  ASSERT_TRUE(commit3.ok());
  const CommitInfo& unset_info = std::get<CommitInfo>((*commit3)[0]);
  EXPECT_EQ(unset_info.operation, "UNSET TBLPROPERTIES");
  EXPECT_EQ(unset_info.operation_parameters.at("propertyKeys"),
            R"(["inlet.parquet.compressionlevel","owner","absent"])");
  EXPECT_EQ(unset_info.operation_parameters.at("ifExists"), "true");

  // Bad changes commit nothing.
  EXPECT_EQ(table.SetProperties({{"delta.appendOnly", "maybe"}}).status().ToString(),
            "Invalid argument: delta.appendOnly must be true or false, not 'maybe'");
  EXPECT_EQ(table.UnsetProperties({"owner"}, /*if_exists=*/false).status().ToString(),
            "Invalid argument: the table has no property 'owner' (UNSET TBLPROPERTIES IF EXISTS "
            "ignores missing ones)");
  EXPECT_EQ(table.LoadSnapshot()->version, 3);
}

TYPED_TEST(DeltaTableTest, PropertyChangesRaceWithOtherWriters) {
  ASSERT_TRUE(DeltaTable::Create(this->fs(), this->root(), OrdersSchema()).ok());
  // Writers setting different properties at once: every change lands, each in its own version.
  constexpr int kWriters = 6;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      DeltaTable table(this->fs(), this->root());
      if (!table.SetProperties({{"writer." + std::to_string(i), "yes"}}).ok()) ++failures;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  Result<Snapshot> s = DeltaTable(this->fs(), this->root()).LoadSnapshot();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->version, kWriters);
  EXPECT_EQ(s->metadata.configuration.size(), static_cast<size_t>(kWriters));
}

TEST(DeltaTableValidationTest, PropertiesNeedAWritableTable) {
  auto fs = std::make_shared<MemoryFileSystem>();
  DeltaTable missing(fs, "/none");
  EXPECT_EQ(missing.SetProperties({{"a", "b"}}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.UnsetProperties({"a"}, true).status().code(), StatusCode::kNotFound);

  // A table with a writer feature inlet lacks is not changed.
  Metadata metadata;
  metadata.id = "id";
  metadata.schema_string = R"json({"type":"struct","fields":[{"name":"a","type":"long"}]})json";
  DeltaTable table(fs, "/t");
  ASSERT_TRUE(table.Commit(-1, {Protocol{1, 7, {}, {"rowTracking"}}, metadata}).ok());
  EXPECT_EQ(table.SetProperties({{"a", "b"}}).status().ToString(),
            "Not implemented: Delta writer feature \"rowTracking\" is not supported yet");
}

TEST(DeltaTableValidationTest, CreateWithAppendOnlyListsItsFeature) {
  auto fs = std::make_shared<MemoryFileSystem>();
  ASSERT_TRUE(
      DeltaTable::Create(fs, "/t", OrdersSchema(), {}, {{"delta.appendOnly", "true"}}).ok());
  EXPECT_EQ(DeltaTable(fs, "/t").LoadSnapshot()->protocol,
            (Protocol{1, 7, {}, {"allowColumnDefaults", "appendOnly"}}));
}

TEST(DeltaTableValidationTest, RejectsBadDefinitionsAndCommits) {
  auto fs = std::make_shared<MemoryFileSystem>();
  Result<DeltaTable> t = DeltaTable::Create(fs, "/t", OrdersSchema(), {"nope"});
  EXPECT_EQ(t.status().ToString(),
            "Invalid argument: partition column \"nope\" is not a column of the table");
  EXPECT_EQ(DeltaTable::Create(fs, "/t", Schema()).status().code(), StatusCode::kInvalidArgument);
  DeltaTable table(fs, "/t");
  EXPECT_EQ(table.Commit(-1, {MakeAdd("x", 1)}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(table.Commit(-2, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(DeltaTableValidationTest, CreateWritesProtocolMetadataAndCommitInfo) {
  auto fs = std::make_shared<MemoryFileSystem>();
  Schema schema({Field{"a", LogicalType::Integer(), true, std::nullopt}});
  ASSERT_TRUE(DeltaTable::Create(fs, "/t", schema, {}, {}, std::nullopt).ok());
  Result<std::vector<Action>> v0 = DeltaTable(fs, "/t").ReadCommit(0);
  ASSERT_TRUE(v0.ok());
  ASSERT_EQ(v0->size(), 3u);
  const CommitInfo& info = std::get<CommitInfo>((*v0)[0]);
  EXPECT_EQ(info.operation, "CREATE TABLE");
  EXPECT_EQ(info.engine_info, "inlet/0.1.0");
  EXPECT_EQ(info.operation_parameters.at("partitionBy"), "[]");
  EXPECT_EQ(std::get<Protocol>((*v0)[1]), (Protocol{1, 2, {}, {}}));
  const Metadata& metadata = std::get<Metadata>((*v0)[2]);
  EXPECT_EQ(metadata.id.size(), 36u);
  EXPECT_EQ(metadata.format_provider, "parquet");
  EXPECT_EQ(metadata.schema_string,
            R"json({"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,)json"
            R"json("metadata":{}}]})json");
}

}  // namespace
}  // namespace inlet
