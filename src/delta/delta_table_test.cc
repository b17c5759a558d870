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
  EXPECT_EQ(s0->protocol, (Protocol{1, 7, {}, {"allowColumnDefaults"}}));
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
