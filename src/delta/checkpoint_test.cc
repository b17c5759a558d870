// Checkpoints inlet writes: their content read back by inlet and by DuckDB, when commits write
// them, how a lost or broken one is handled, and log cleanup after them.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "common/string_util.h"
#include "delta/checkpoint_reader.h"
#include "delta/checkpoint_writer.h"
#include "delta/delta_table.h"
#include "delta/log_cleanup.h"
#include "delta/log_files.h"
#include "fs/local/local_file_system.h"
#include "test/util/duckdb_oracle.h"

namespace inlet {
namespace {

constexpr int64_t kNow = 1700000000000;
constexpr int64_t kDay = 24 * 3600 * 1000LL;

class TempDir {
 public:
  TempDir() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "inlet-checkpoint-test-XXXXXX").string();
    dir_ = ::mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(dir_); }
  const std::string& path() const { return dir_; }

 private:
  std::string dir_;
};

Snapshot SampleSnapshot() {
  Snapshot s;
  s.version = 7;
  s.protocol = Protocol{1, 2, {}, {}};
  s.metadata.id = "7e2a1106-198b-4653-a612-2aa44685cb27";
  s.metadata.schema_string =
      R"json({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})json";
  s.metadata.partition_columns = {"day"};
  s.metadata.configuration = {{"delta.checkpointInterval", "5"}};
  s.metadata.created_time = kNow;
  AddFile a;
  a.path = "day=2024-01-01/part-1.parquet";
  a.partition_values = {{"day", "2024-01-01"}};
  a.size = 100;
  a.modification_time = kNow;
  a.stats = R"json({"numRecords":3})json";
  AddFile b = a;
  b.path = "day=__HIVE_DEFAULT_PARTITION__/part-2.parquet";
  b.partition_values = {{"day", std::nullopt}};
  b.tags = {{"INSERTION_TIME", "1"}};
  b.deletion_vector =
      R"json({"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":4,"sizeInBytes":40,"cardinality":6})json";
  s.files = {{a.path, a}, {b.path, b}};
  RemoveFile fresh;
  fresh.path = "old-1.parquet";
  fresh.deletion_timestamp = kNow - kDay;
  fresh.size = 10;
  RemoveFile expired = fresh;
  expired.path = "old-2.parquet";
  expired.deletion_timestamp = kNow - 8 * kDay;
  s.tombstones = {{fresh.path, fresh}, {expired.path, expired}};
  s.transactions = {{"inlet-copy-a", SetTransaction{"inlet-copy-a", 3, kNow}},
                    {"inlet-copy-b", SetTransaction{"inlet-copy-b", 5, std::nullopt}}};
  s.domains = {{"delta.rowTracking",
                DomainMetadata{"delta.rowTracking", "{\"rowIdHighWaterMark\":9}", false}}};
  return s;
}

template <typename T>
std::vector<T> Only(const std::vector<Action>& actions) {
  std::vector<T> out;
  for (const Action& a : actions) {
    if (const T* t = std::get_if<T>(&a)) out.push_back(*t);
  }
  return out;
}

TEST(CheckpointTest, WritesWhatTheSnapshotHoldsAndReadsItBack) {
  TempDir dir;
  LocalFileSystem fs;
  const Snapshot snapshot = SampleSnapshot();
  Result<LastCheckpoint> last = WriteCheckpoint(&fs, dir.path(), snapshot, kNow);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  // protocol, metaData, 2 txns, 1 domain, 2 adds, 1 tombstone (the other is past a week).
  EXPECT_EQ(last->version, 7);
  EXPECT_EQ(last->size, 8);
  EXPECT_EQ(last->num_of_add_files, 2);
  const std::string log = dir.path() + "/_delta_log";
  const std::string path = log + "/" + CheckpointFileName(7);
  EXPECT_EQ(last->size_in_bytes, static_cast<int64_t>(std::filesystem::file_size(path)));
  Result<std::optional<LastCheckpoint>> hint = ReadLastCheckpoint(&fs, log);
  ASSERT_TRUE(hint.ok() && *hint);
  EXPECT_EQ(**hint, *last);

  Result<std::vector<Action>> actions = ReadCheckpoint(&fs, log, {path});
  ASSERT_TRUE(actions.ok()) << actions.status().ToString();
  EXPECT_EQ(Only<Protocol>(*actions), std::vector<Protocol>{snapshot.protocol});
  EXPECT_EQ(Only<Metadata>(*actions), std::vector<Metadata>{snapshot.metadata});
  EXPECT_EQ(Only<SetTransaction>(*actions),
            (std::vector<SetTransaction>{snapshot.transactions.at("inlet-copy-a"),
                                         snapshot.transactions.at("inlet-copy-b")}));
  EXPECT_EQ(Only<DomainMetadata>(*actions),
            std::vector<DomainMetadata>{snapshot.domains.begin()->second});
  std::vector<AddFile> adds = Only<AddFile>(*actions);
  ASSERT_EQ(adds.size(), 2u);
  EXPECT_EQ(adds[0], snapshot.files.begin()->second);
  EXPECT_EQ(adds[1], std::next(snapshot.files.begin())->second);
  EXPECT_EQ(Only<RemoveFile>(*actions),
            std::vector<RemoveFile>{snapshot.tombstones.at("old-1.parquet")});
  EXPECT_TRUE(Only<CheckpointMetadata>(*actions).empty());
}

TEST(CheckpointTest, DuckDbReadsTheCheckpointSchema) {
  TempDir dir;
  LocalFileSystem fs;
  ASSERT_TRUE(WriteCheckpoint(&fs, dir.path(), SampleSnapshot(), kNow).ok());
  const std::string path = dir.path() + "/_delta_log/" + CheckpointFileName(7);
  Result<std::vector<std::string>> rows = RunDuckDbQuery(
      "SELECT count(*), count(txn), count(add), count(remove), count(metaData), "
      "count(protocol), count(domainMetadata), max(protocol.minWriterVersion), "
      "max(metaData.configuration['delta.checkpointInterval']), "
      "string_agg(add.partitionValues['day'], ',' ORDER BY add.path), "
      "max(add.deletionVector.cardinality), max(txn.version) "
      "FROM read_parquet('" +
      path + "')");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], R"(["8","2","2","1","1","1","1",2,"5","2024-01-01","6","5"])");
}

TEST(CheckpointTest, V2TablesGetCheckpointMetadataAndStatsCanBeLeftOut) {
  Snapshot snapshot = SampleSnapshot();
  snapshot.protocol = Protocol{3, 7, {"v2Checkpoint"}, {"v2Checkpoint", "domainMetadata"}};
  snapshot.metadata.configuration["delta.checkpoint.writeStatsAsJson"] = "false";
  Result<RecordBatchPtr> batch = MakeCheckpointBatch(snapshot, kNow);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ((*batch)->schema()->fields().back().name, "checkpointMetadata");
  TempDir dir;
  LocalFileSystem fs;
  ASSERT_TRUE(WriteCheckpoint(&fs, dir.path(), snapshot, kNow).ok());
  const std::string log = dir.path() + "/_delta_log";
  Result<std::vector<Action>> actions =
      ReadCheckpoint(&fs, log, {log + "/" + CheckpointFileName(7)});
  ASSERT_TRUE(actions.ok()) << actions.status().ToString();
  EXPECT_EQ(Only<CheckpointMetadata>(*actions), (std::vector<CheckpointMetadata>{{7, {}}}));
  for (const AddFile& add : Only<AddFile>(*actions)) EXPECT_FALSE(add.stats.has_value());
  // The checkpoint reads back as the snapshot it came from.
  Result<Snapshot> loaded = LoadSnapshot(&fs, dir.path(), std::nullopt);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->version, 7);
  EXPECT_EQ(loaded->checkpoint_version, 7);
  EXPECT_EQ(loaded->files.size(), 2u);
  EXPECT_EQ(loaded->transactions, snapshot.transactions);
  EXPECT_EQ(loaded->domains, snapshot.domains);
}

TEST(CheckpointTest, MalformedInputsAreNamed) {
  Snapshot snapshot = SampleSnapshot();
  snapshot.files.begin()->second.deletion_vector = R"json({"storageType":"u"})json";
  EXPECT_EQ(MakeCheckpointBatch(snapshot, kNow).status().code(), StatusCode::kInvalidData);
  EXPECT_NE(MakeCheckpointBatch(snapshot, kNow).status().message().find("pathOrInlineDv"),
            std::string::npos);
  snapshot = SampleSnapshot();
  snapshot.metadata.configuration["delta.deletedFileRetentionDuration"] = "1 month";
  EXPECT_NE(MakeCheckpointBatch(snapshot, kNow)
                .status()
                .message()
                .find("delta.deletedFileRetentionDuration must be an interval"),
            std::string::npos);
  Metadata metadata;
  metadata.configuration["delta.checkpointInterval"] = "0";
  EXPECT_EQ(CheckpointInterval(metadata).status().ToString(),
            "Invalid data: delta.checkpointInterval must be a positive integer, not '0'");

  EXPECT_EQ(ParseLastCheckpoint(R"({"version":3,"size":4,"parts":2})")->parts, 2);
  EXPECT_EQ(ParseLastCheckpoint(R"({"size":4})").status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(ParseLastCheckpoint(R"({"version":-1,"size":4})").status().code(),
            StatusCode::kInvalidData);
  EXPECT_EQ(ParseLastCheckpoint("{").status().code(), StatusCode::kInvalidData);
}

// A table at a local temp folder with `properties`, and `n` commits of one add and one txn each.
class CommittedTable {
 public:
  explicit CommittedTable(std::map<std::string, std::string> properties) {
    Schema schema({Field{"id", LogicalType::BigInt(), true, std::nullopt}});
    Result<DeltaTable> table =
        DeltaTable::Create(fs_, dir_.path() + "/t", schema, {}, std::move(properties));
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    if (table.ok()) table_.emplace(*table);
  }

  void Commit(int n) {
    for (int i = 0; i < n; ++i) {
      Result<Snapshot> s = table_->LoadSnapshot();
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      AddFile add;
      add.path = "part-" + std::to_string(s->version + 1) + ".parquet";
      add.size = 10;
      add.modification_time = kNow;
      SetTransaction txn{"inlet-copy-" + std::to_string(s->version + 1), s->version + 1, kNow};
      ASSERT_TRUE(table_->Commit(s->version, {MakeCommitInfo("COPY INTO"), add, txn}).ok());
    }
  }

  std::vector<std::string> LogFiles() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(log())) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string log() const { return table_->table_root() + "/_delta_log"; }
  const DeltaTable& table() const { return *table_; }

 private:
  TempDir dir_;
  std::shared_ptr<FileSystem> fs_ = std::make_shared<LocalFileSystem>();
  std::optional<DeltaTable> table_;
};

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(CheckpointTest, CommitsWriteACheckpointEveryInterval) {
  CommittedTable t(std::map<std::string, std::string>{{"delta.checkpointInterval", "10"}});
  t.Commit(25);
  std::vector<std::string> names = t.LogFiles();
  EXPECT_TRUE(Has(names, CheckpointFileName(10)));
  EXPECT_TRUE(Has(names, CheckpointFileName(20)));
  EXPECT_FALSE(Has(names, CheckpointFileName(25)));
  // Default retention is 30 days: every commit is still there.
  EXPECT_TRUE(Has(names, CommitFileName(0)));
  LocalFileSystem fs;
  Result<std::optional<LastCheckpoint>> last = ReadLastCheckpoint(&fs, t.log());
  ASSERT_TRUE(last.ok() && *last);
  EXPECT_EQ((*last)->version, 20);
  EXPECT_EQ((*last)->num_of_add_files, 20);
  Result<Snapshot> s = t.table().LoadSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 25);
  EXPECT_EQ(s->checkpoint_version, 20);
  EXPECT_EQ(s->files.size(), 25u);
  EXPECT_EQ(s->transactions.size(), 25u);
}

TEST(CheckpointTest, ALostCheckpointIsWrittenByALaterCommit) {
  CommittedTable t(std::map<std::string, std::string>{{"delta.checkpointInterval", "3"}});
  t.Commit(3);
  std::filesystem::remove(t.log() + "/" + CheckpointFileName(3));
  t.Commit(1);
  std::vector<std::string> names = t.LogFiles();
  EXPECT_TRUE(Has(names, CheckpointFileName(4))) << JoinStrings(names, " ");
  t.Commit(2);
  EXPECT_FALSE(Has(t.LogFiles(), CheckpointFileName(6)));
  t.Commit(1);
  EXPECT_TRUE(Has(t.LogFiles(), CheckpointFileName(7)));
}

TEST(CheckpointTest, AFailedCheckpointNeverFailsTheCommit) {
  CommittedTable t(std::map<std::string, std::string>{{"delta.checkpointInterval", "2"}});
  // A folder where the checkpoint file should go makes writing it fail.
  std::filesystem::create_directories(t.log() + "/" + CheckpointFileName(2));
  t.Commit(2);
  Result<Snapshot> s = t.table().LoadSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 2);
  EXPECT_EQ(s->checkpoint_version, -1);
  // The next commit is past the interval from the last checkpoint (none), so it writes one.
  t.Commit(1);
  EXPECT_TRUE(Has(t.LogFiles(), CheckpointFileName(3)));
}

TEST(CheckpointTest, AnUnreadableCheckpointFallsBackOrIsNamed) {
  CommittedTable t(std::map<std::string, std::string>{{"delta.checkpointInterval", "2"}});
  t.Commit(3);
  LocalFileSystem fs;
  const std::string checkpoint = t.log() + "/" + CheckpointFileName(2);
  ASSERT_TRUE(fs.WriteFile(checkpoint, "not parquet").ok());
  Result<Snapshot> s = t.table().LoadSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 3);
  EXPECT_EQ(s->checkpoint_version, -1);
  EXPECT_EQ(s->files.size(), 3u);
  // Without the commits before it, nothing else holds version 2.
  std::filesystem::remove(t.log() + "/" + CommitFileName(0));
  s = t.table().LoadSnapshot();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(s.status().message().find(checkpoint), std::string::npos) << s.status().ToString();
}

TEST(CheckpointTest, CleanupKeepsEveryVersionWithinRetention) {
  CommittedTable t(
      {{"delta.checkpointInterval", "10"}, {"delta.logRetentionDuration", "interval 0 seconds"}});
  t.Commit(25);
  // At commit 20 everything older than the checkpoint at 20 expired at once.
  std::vector<std::string> names = t.LogFiles();
  EXPECT_EQ(JoinStrings(names, " "), CheckpointFileName(20) + " " + CommitFileName(20) + " " +
                                         CommitFileName(21) + " " + CommitFileName(22) + " " +
                                         CommitFileName(23) + " " + CommitFileName(24) + " " +
                                         CommitFileName(25) + " _last_checkpoint");
  Result<Snapshot> s = t.table().LoadSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->files.size(), 25u);
  EXPECT_TRUE(s->HasTransaction("inlet-copy-1"));
  EXPECT_EQ(t.table().LoadSnapshot(22)->version, 22);
  EXPECT_EQ(t.table().LoadSnapshot(3).status().ToString(),
            "Not found: " + t.table().table_root() +
                ": version 3 of the table is no longer available; the oldest is 20");
}

TEST(CheckpointTest, CleanupFollowsTheRetentionAndCanBeTurnedOff) {
  CommittedTable t({{"delta.checkpointInterval", "5"},
                    {"delta.enableExpiredLogCleanup", "false"},
                    {"delta.logRetentionDuration", "interval 0 seconds"}});
  t.Commit(10);
  EXPECT_TRUE(Has(t.LogFiles(), CommitFileName(0)));
  LocalFileSystem fs;
  Result<Snapshot> s = t.table().LoadSnapshot();
  ASSERT_TRUE(s.ok());
  Metadata metadata = s->metadata;
  metadata.configuration.erase("delta.enableExpiredLogCleanup");
  // Nothing is older than a day yet.
  metadata.configuration["delta.logRetentionDuration"] = "interval 1 day";
  EXPECT_EQ(*CleanUpExpiredLog(&fs, t.table().table_root(), metadata, NowMicros() / 1000), 0);
  // A day later, commits 0 to 9 and the checkpoint at 5 go; 10 and its checkpoint stay.
  EXPECT_EQ(*CleanUpExpiredLog(&fs, t.table().table_root(), metadata, NowMicros() / 1000 + kDay),
            11);
  EXPECT_FALSE(Has(t.LogFiles(), CommitFileName(9)));
  EXPECT_TRUE(Has(t.LogFiles(), CommitFileName(10)));
  EXPECT_TRUE(Has(t.LogFiles(), CheckpointFileName(10)));
  metadata.configuration["delta.logRetentionDuration"] = "1 fortnight";
  EXPECT_EQ(CleanUpExpiredLog(&fs, t.table().table_root(), metadata, 0).status().code(),
            StatusCode::kInvalidData);
}

}  // namespace
}  // namespace inlet
