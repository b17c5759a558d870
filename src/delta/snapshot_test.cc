// Log replay against real tables written by Spark/Delta: the Delta Acceptance Tests (DAT) and
// Delta's golden tables in ../shared/testdata. Expected versions and file counts were worked
// out independently from the raw logs.

#include "delta/snapshot.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "delta/json_reader.h"
#include "delta/log_files.h"
#include "fs/local/local_file_system.h"

namespace inlet {
namespace {

std::vector<FileInfo> Listing(const std::vector<std::string>& names) {
  std::vector<FileInfo> out;
  for (const std::string& name : names) {
    FileInfo info;
    info.path = "/t/_delta_log/" + name;
    out.push_back(std::move(info));
  }
  return out;
}

std::string Segment(const std::vector<std::string>& names, std::optional<int64_t> version) {
  Result<LogSegment> segment = BuildLogSegment(Listing(names), version);
  if (!segment.ok()) return segment.status().ToString();
  std::string out = "v" + std::to_string(segment->version) + ":";
  if (segment->checkpoint) {
    out += " [";
    for (const std::string& path : segment->checkpoint->paths) {
      out += (out.back() == '[' ? "" : " ") + std::string(BaseName(path));
    }
    out += "]";
  }
  for (int64_t v : segment->commit_versions) out += " " + std::to_string(v);
  return out;
}

TEST(LogSegmentTest, ReplaysContiguousCommitsFromZero) {
  std::vector<std::string> log = {CommitFileName(0), CommitFileName(1), CommitFileName(2),
                                  "00000000000000000001.crc", "_last_checkpoint"};
  EXPECT_EQ(Segment(log, std::nullopt), "v2: 0 1 2");
  EXPECT_EQ(Segment(log, 1), "v1: 0 1");
  EXPECT_EQ(Segment(log, 3), "Not found: version 3 of the table does not exist; the latest is 2");
  EXPECT_EQ(Segment(log, -1), "Invalid argument: a table version cannot be negative");
  EXPECT_EQ(Segment({}, std::nullopt), "Not found: no Delta table: _delta_log holds no commit");
}

TEST(LogSegmentTest, StartsAtTheNewestCheckpointAtOrBelowTheVersion) {
  std::vector<std::string> log = {CommitFileName(0), CommitFileName(1), CheckpointFileName(1),
                                  CommitFileName(2), CommitFileName(3), CheckpointFileName(3)};
  EXPECT_EQ(Segment(log, std::nullopt), "v3: [00000000000000000003.checkpoint.parquet]");
  EXPECT_EQ(Segment(log, 2), "v2: [00000000000000000001.checkpoint.parquet] 2");
  EXPECT_EQ(Segment(log, 0), "v0: 0");
}

TEST(LogSegmentTest, LogStartingAtCheckpoint) {
  std::vector<std::string> log = {CheckpointFileName(2), CommitFileName(2), CommitFileName(3)};
  EXPECT_EQ(Segment(log, std::nullopt), "v3: [00000000000000000002.checkpoint.parquet] 3");
  // A checkpoint whose commit file is gone still holds its version.
  EXPECT_EQ(Segment({CheckpointFileName(2)}, std::nullopt),
            "v2: [00000000000000000002.checkpoint.parquet]");
  // A gap after the checkpoint is still a gap.
  EXPECT_EQ(Segment({CheckpointFileName(2), CommitFileName(4)}, std::nullopt),
            "Invalid data: the Delta log is missing version 3 (00000000000000000003.json)");
}

TEST(LogSegmentTest, VersionsBeforeTheOldestCheckpointAreNoLongerAvailable) {
  std::vector<std::string> log = {CheckpointFileName(10), CommitFileName(10), CommitFileName(11),
                                  CheckpointFileName(20), CommitFileName(20)};
  EXPECT_EQ(Segment(log, 3),
            "Not found: version 3 of the table is no longer available; the oldest is 10");
  EXPECT_EQ(Segment(log, 11), "v11: [00000000000000000010.checkpoint.parquet] 11");
  EXPECT_EQ(Segment(log, 21),
            "Not found: version 21 of the table does not exist; the latest is 20");
}

TEST(LogSegmentTest, MultiPartCheckpointsCountOnlyWhenComplete) {
  const std::string part1 = "00000000000000000004.checkpoint.0000000001.0000000002.parquet";
  const std::string part2 = "00000000000000000004.checkpoint.0000000002.0000000002.parquet";
  std::vector<std::string> log = {CommitFileName(0), CommitFileName(1), CommitFileName(2),
                                  CommitFileName(3), CommitFileName(4), part2};
  EXPECT_EQ(Segment(log, std::nullopt), "v4: 0 1 2 3 4");
  log.push_back(part1);
  EXPECT_EQ(Segment(log, std::nullopt), "v4: [" + part1 + " " + part2 + "]");
  // Without its parts' commits, an incomplete checkpoint holds nothing.
  EXPECT_EQ(Segment({part2, CommitFileName(5)}, std::nullopt),
            "Invalid data: the Delta log is missing version 0 (00000000000000000000.json)");
}

TEST(LogSegmentTest, PrefersAUuidNamedCheckpointOfTheSameVersion) {
  const std::string uuid =
      "00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json";
  EXPECT_EQ(Segment({CheckpointFileName(2), uuid, CommitFileName(2)}, std::nullopt),
            "v2: [" + uuid + "]");
}

std::filesystem::path TestData() {
  const char* source_dir = std::getenv("INLET_SOURCE_DIR");
  return std::filesystem::path(source_dir != nullptr ? source_dir : ".") / "../shared/testdata";
}

// How a table is expected to load: a version and active file count, or an error.
struct Expectation {
  std::string table;
  int64_t version = -1;
  size_t files = 0;
  StatusCode error = StatusCode::kOk;
  std::string message_part;
};

Expectation Loads(std::string table, int64_t version, size_t files) {
  return {std::move(table), version, files, StatusCode::kOk, ""};
}

Expectation Fails(std::string table, StatusCode code, std::string message_part) {
  return {std::move(table), -1, 0, code, std::move(message_part)};
}

void CheckTable(const std::filesystem::path& root, const Expectation& e) {
  SCOPED_TRACE(e.table);
  LocalFileSystem fs;
  Result<Snapshot> snapshot = LoadSnapshot(
      &fs, std::filesystem::absolute(root / e.table).lexically_normal().string(), std::nullopt);
  if (e.error == StatusCode::kOk) {
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_EQ(snapshot->version, e.version);
    EXPECT_EQ(snapshot->files.size(), e.files);
  } else {
    ASSERT_FALSE(snapshot.ok());
    EXPECT_EQ(snapshot.status().code(), e.error) << snapshot.status().ToString();
    EXPECT_NE(snapshot.status().message().find(e.message_part), std::string::npos)
        << snapshot.status().ToString();
  }
}

constexpr StatusCode kNotImpl = StatusCode::kNotImplemented;
constexpr StatusCode kBadData = StatusCode::kInvalidData;

TEST(GoldenTablesTest, ReplayOrFailClearly) {
  const std::filesystem::path root =
      TestData() / "delta-golden/connectors/golden-tables/src/main/resources/golden";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no test data at " << root;
  const std::vector<Expectation> expectations = {
      Loads("124-decimal-decode-bug", 0, 2),
      Loads("125-iterator-bug", 11, 12),
      Loads("basic-decimal-table", 0, 4),
      Loads("basic-decimal-table-legacy", 0, 4),
      Loads("basic-with-inserts-deletes-checkpoint", 13, 7),
      Loads("basic-with-inserts-merge", 1, 1),
      Loads("basic-with-inserts-overwrite-restore", 3, 4),
      Loads("basic-with-inserts-updates", 1, 2),
      Loads("basic-with-vacuum-protocol-check-feature", 1, 2),
      // Adds and removes spell the same file as "/x", "file:/x" and "file:///x".
      Loads("canonicalized-paths-normal-a", 1, 0),
      Loads("canonicalized-paths-normal-b", 1, 0),
      Loads("canonicalized-paths-special-a", 1, 0),
      Loads("canonicalized-paths-special-b", 1, 0),
      Loads("checkpoint", 14, 1),
      Loads("collations-preview-table", 0, 0),
      Loads("collations-table", 0, 0),
      Loads("commit-info-containing-arbitrary-operationParams-types", 2, 2),
      Loads("corrupted-last-checkpoint", 10, 11),
      Loads("corrupted-last-checkpoint-kernel", 11, 2),
      Fails("data-reader-absolute-paths-escaped-chars", kBadData, "no metaData action"),
      Loads("data-reader-array-complex-objects", 0, 2),
      Loads("data-reader-array-primitives", 0, 2),
      Loads("data-reader-date-types-America/Los_Angeles", 0, 2),
      Loads("data-reader-date-types-Asia/Beirut", 0, 2),
      Loads("data-reader-date-types-Etc/GMT+9", 0, 2),
      Loads("data-reader-date-types-Iceland", 0, 2),
      Loads("data-reader-date-types-JST", 0, 2),
      Loads("data-reader-date-types-PST", 0, 2),
      Loads("data-reader-date-types-UTC", 0, 2),
      Loads("data-reader-escaped-chars", 2, 3),
      Loads("data-reader-map", 0, 2),
      Loads("data-reader-nested-struct", 0, 2),
      Loads("data-reader-nullable-field-invalid-schema-key", 0, 2),
      Loads("data-reader-partition-values", 0, 3),
      Loads("data-reader-primitives", 0, 2),
      Loads("data-reader-timestamp_ntz", 1, 4),
      Loads("data-reader-timestamp_ntz-id-mode", 1, 4),
      Loads("data-reader-timestamp_ntz-name-mode", 1, 4),
      Loads("data-skipping-basic-stats-all-types", 0, 1),
      Loads("data-skipping-basic-stats-all-types-checkpoint", 0, 1),
      Loads("data-skipping-basic-stats-all-types-columnmapping-id", 0, 1),
      Loads("data-skipping-basic-stats-all-types-columnmapping-name", 0, 1),
      Loads("data-skipping-change-stats-collected-across-versions", 4, 3),
      Loads("data-skipping-partition-and-data-column", 3, 4),
      Loads("decimal-various-scale-precision", 0, 1),
      Loads("delete-re-add-same-file-different-transactions", 3, 2),
      Loads("deltalog-commit-info", 0, 1),
      Loads("deltalog-getChanges", 2, 0),
      Fails("deltalog-invalid-protocol-version", kNotImpl, "reader version 99"),
      // Their checkpoints lack protocol or metaData on purpose; the commits from 0 replace them.
      Loads("deltalog-state-reconstruction-from-checkpoint-missing-metadata", 10, 11),
      Loads("deltalog-state-reconstruction-from-checkpoint-missing-protocol", 10, 11),
      Fails("deltalog-state-reconstruction-without-metadata", kBadData, "no metaData action"),
      Fails("deltalog-state-reconstruction-without-protocol", kBadData, "no protocol action"),
      Loads("dv-partitioned-with-checkpoint", 15, 15),
      Loads("dv-with-columnmapping", 15, 15),
      Loads("hive/deltatbl-column-names-case-insensitive", 0, 4),
      Loads("hive/deltatbl-deleted-path", 0, 2),
      Loads("hive/deltatbl-incorrect-format-config", 0, 2),
      Loads("hive/deltatbl-map-types-correctly", 0, 1),
      Loads("hive/deltatbl-non-partitioned", 0, 2),
      Loads("hive/deltatbl-not-allow-write", 0, 2),
      Loads("hive/deltatbl-partition-prune", 0, 5),
      Loads("hive/deltatbl-partitioned", 0, 4),
      Loads("hive/deltatbl-schema-match", 0, 4),
      Loads("hive/deltatbl-special-chars-in-partition-column", 0, 4),
      Loads("hive/deltatbl-touch-files-needed-for-partitioned", 0, 4),
      Loads("kernel-timestamp-INT96", 0, 5),
      Loads("kernel-timestamp-PST", 0, 5),
      Loads("kernel-timestamp-TIMESTAMP_MICROS", 0, 5),
      Loads("kernel-timestamp-TIMESTAMP_MILLIS", 0, 5),
      Loads("kernel-timestamp-partition-col-ISO8601", 0, 2),
      // Each DELETE adds the file with its new DV before it removes the one with the old DV.
      Loads("log-replay-dv-key-cases", 3, 1),
      Loads("log-replay-latest-metadata-protocol", 2, 4),
      Loads("log-replay-special-characters", 1, 0),
      Loads("log-replay-special-characters-a", 1, 0),
      Loads("log-replay-special-characters-b", 0, 1),
      Loads("multi-part-checkpoint", 1, 10),
      Fails("no-delta-log-folder", StatusCode::kNotFound, "_delta_log does not exist"),
      Loads("only-checkpoint-files", 2, 7),
      Loads("parquet-all-types", 0, 1),
      Loads("parquet-all-types-legacy-format", 0, 1),
      Loads("parquet-decimal-dictionaries", 0, 1),
      Loads("parquet-decimal-dictionaries-v1", 0, 1),
      Loads("parquet-decimal-dictionaries-v2", 0, 1),
      Loads("parquet-decimal-type", 0, 1),
      Loads("snapshot-data0", 0, 2),
      Loads("snapshot-data1", 1, 4),
      Loads("snapshot-data2", 2, 2),
      Loads("snapshot-data2-deleted", 4, 3),
      Loads("snapshot-data3", 3, 4),
      Loads("snapshot-repartitioned", 5, 2),
      Loads("snapshot-vacuumed", 5, 2),
      Fails("spark-variant-checkpoint", kNotImpl, "\"variantType-preview\""),
      // Column mapping is read now; these schemas have a MAP keyed by an ARRAY.
      Fails("table-with-columnmapping-mode-id", kNotImpl, "MAP keys must be of a primitive type"),
      Fails("table-with-columnmapping-mode-name", kNotImpl, "MAP keys must be of a primitive type"),
      Fails("table-with-icebegCompatV2Enabled", kNotImpl, "MAP keys must be of a primitive type"),
      Loads("time-travel-partition-changes-a", 0, 10),
      Loads("time-travel-partition-changes-b", 1, 4),
      Loads("time-travel-schema-changes-a", 0, 2),
      Loads("time-travel-schema-changes-b", 1, 4),
      Loads("time-travel-start", 0, 2),
      Loads("time-travel-start-start20", 1, 4),
      Loads("time-travel-start-start20-start40", 2, 6),
      Loads("type-widening", 2, 2),
      Loads("type-widening-nested", 2, 2),
      Loads("update-deleted-directory", 0, 10),
      Loads("v2-checkpoint-json", 2, 4),
      Loads("v2-checkpoint-parquet", 2, 4),
      Fails("versions-not-contiguous", kBadData, "missing version 1"),
  };
  std::set<std::string> covered;
  for (const Expectation& e : expectations) {
    CheckTable(root, e);
    covered.insert(e.table);
  }
  // Every table in the corpus has an expectation, so a new one cannot slip by untested.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_directory() && entry.path().filename() == kDeltaLogDir) {
      std::string table = entry.path().parent_path().lexically_relative(root).string();
      EXPECT_TRUE(covered.count(table)) << "no expectation for " << table;
    }
  }
}

TEST(GoldenTablesTest, SnapshotContents) {
  const std::filesystem::path root =
      TestData() / "delta-golden/connectors/golden-tables/src/main/resources/golden";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no test data at " << root;
  LocalFileSystem fs;
  Result<Snapshot> s = LoadSnapshot(&fs, (root / "data-reader-timestamp_ntz").string(), 0);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->version, 0);
  EXPECT_EQ(s->protocol, (Protocol{3, 7, {"timestampNtz"}, {"timestampNtz"}}));
  EXPECT_EQ(s->schema().ToString(), "(id INTEGER, tsNtz TIMESTAMP, tsNtzPartition TIMESTAMP)");
  EXPECT_EQ(s->metadata.partition_columns, std::vector<std::string>{"tsNtzPartition"});
  EXPECT_TRUE(s->CheckWritable().ok()) << s->CheckWritable().ToString();
  // Partition directories are escaped twice: Hive-style, then as a URI.
  s = LoadSnapshot(&fs, (root / "data-reader-timestamp_ntz").string(), std::nullopt);
  ASSERT_TRUE(s.ok());
  bool found = false;
  for (const auto& [key, add] : s->files) {
    if (key.starts_with("tsNtzPartition=2013-07-05 17%3A01%3A00.123456/")) {
      found = true;
      EXPECT_EQ(add.partition_values.at("tsNtzPartition"), "2013-07-05 17:01:00.123456");
      EXPECT_TRUE(add.stats.has_value());
    }
  }
  EXPECT_TRUE(found);

  s = LoadSnapshot(&fs, (root / "commit-info-containing-arbitrary-operationParams-types").string(),
                   std::nullopt);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->CheckWritable().ToString(),
            "Not implemented: Delta writer feature \"changeDataFeed\" is not supported yet");
  s = LoadSnapshot(&fs, (root / "basic-with-vacuum-protocol-check-feature").string(), std::nullopt);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->CheckWritable().ok()) << s->CheckWritable().ToString();
}

// DAT ships the expected version and protocol of each case it can read.
TEST(DatTablesTest, ReplayOrFailClearly) {
  const std::filesystem::path root = TestData() / "delta-dat/tests/data/reader_tests";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no test data at " << root;
  const std::vector<Expectation> expectations = {
      Loads("all_primitive_types", 0, 1),
      Loads("basic_append", 1, 2),
      Loads("basic_partitioned", 1, 6),
      Loads("multi_partitioned", 2, 2),
      Loads("multi_partitioned_2", 0, 3),
      Loads("nested_types", 0, 1),
      Loads("no_replay", 3, 1),
      Loads("no_stats", 3, 1),
      Loads("stats_as_struct", 3, 1),
      Loads("with_checkpoint", 3, 1),
      Loads("with_schema_change", 1, 1),
  };
  LocalFileSystem fs;
  simdjson::dom::parser parser;
  for (const Expectation& e : expectations) {
    Expectation in_delta = e;
    in_delta.table = e.table + "/delta";
    CheckTable(root, in_delta);
    if (e.error != StatusCode::kOk) continue;
    // Every expected version (latest, v0, v1, ...) loads with the version and protocol DAT
    // recorded.
    for (const auto& dir : std::filesystem::directory_iterator(root / e.table / "expected")) {
      SCOPED_TRACE(dir.path().string());
      std::ifstream file(dir.path() / "table_version_metadata.json");
      std::stringstream text;
      text << file.rdbuf();
      Result<simdjson::dom::element> doc = ParseJson(&parser, text.str(), "expected");
      ASSERT_TRUE(doc.ok());
      Result<JsonObjectReader> meta = JsonObjectReader::Make(*doc, "expected");
      ASSERT_TRUE(meta.ok());
      int64_t version = *meta->RequiredInt("version");
      std::optional<int64_t> requested;
      if (dir.path().filename() != "latest") requested = version;
      Result<Snapshot> s = LoadSnapshot(&fs, (root / e.table / "delta").string(), requested);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      EXPECT_EQ(s->version, version);
      EXPECT_EQ(s->protocol.min_reader_version, *meta->RequiredInt("min_reader_version"));
      EXPECT_EQ(s->protocol.min_writer_version, *meta->RequiredInt("min_writer_version"));
    }
  }
}

}  // namespace
}  // namespace inlet
