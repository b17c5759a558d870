// Every storage failure at every step of a COPY: the table's file system fails its k-th call with
// an I/O error, a full disk, a short write or a lost acknowledgement (once, or from then on), for
// every k the COPY reaches: snapshot reads, data files, the commit, checkpoints. After each run
// the COPY either failed cleanly and left the table exactly as it was, succeeded with a correct
// table, or reported UnknownOutcome with the table in one of those two states; every version
// stays readable, no add names a missing file, no row is there twice, and a retry loads every
// source row exactly once.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <set>

#include "common/thread_pool.h"
#include "delta/checkpoint_reader.h"
#include "delta/delta_table.h"
#include "delta/log_files.h"
#include "exec/copy_executor.h"
#include "exec/table_scan.h"
#include "formats/registry.h"
#include "fs/fault_injecting_file_system.h"
#include "fs/memory_file_system.h"

namespace inlet {
namespace {

constexpr char kRoot[] = "/warehouse/t";
constexpr int kSourceFiles = 4;
constexpr int kRowsPerFile = 30;

// A safety net: no COPY of a few small files makes this many calls of one kind.
constexpr int64_t kMaxCallIndex = 2000;

Schema TableSchema() {
  return Schema({Field{"id", LogicalType::BigInt(), false, std::nullopt},
                 Field{"file", LogicalType::Integer(), true, std::nullopt},
                 Field{"note", LogicalType::Varchar(), true, std::nullopt}});
}

// What a table holds at one version.
struct TableState {
  int64_t version = -1;
  size_t files = 0;
  std::multiset<int64_t> ids;
};

struct Tally {
  int64_t runs = 0;
  int64_t succeeded = 0;
  int64_t failed_cleanly = 0;
  int64_t unknown_outcome = 0;
};

class CopyFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int f = 1; f <= kSourceFiles; ++f) {
      std::string csv = "id,file,note\n";
      for (int i = 1; i <= kRowsPerFile; ++i) {
        csv += std::to_string(f * 1000 + i) + "," + std::to_string(f) + ",row " +
               std::to_string(i) + "\n";
      }
      ASSERT_TRUE(source_fs_->WriteFile("/src/part-" + std::to_string(f) + ".csv", csv).ok());
    }
    formats_ = FormatRegistry::MakeDefault();
    settings_.formats = formats_.get();
    // One worker, so the k-th call is the same call in every run.
    settings_.pool = &pool_;
    // One data file per source file, so a COPY writes several and fails between them too.
    settings_.target_file_bytes = 1;
  }

  CopyPlan Plan(std::shared_ptr<FileSystem> table_fs, std::vector<std::string> files = {}) {
    CopyPlan plan;
    plan.table = TableEntry{"t", kRoot, 0};
    plan.table_location = ResolvedLocation{std::move(table_fs), kRoot, kRoot};
    plan.source.location = ResolvedLocation{source_fs_, "/src", "memory:///src"};
    plan.source.files = std::move(files);
    plan.format = *formats_->FindByName("CSV");
    return plan;
  }

  // The state at `version` read from `fs` without faults; every data file must exist and read.
  static TableState ReadState(const std::shared_ptr<FileSystem>& fs, int64_t version) {
    TableState state;
    DeltaTable table(fs, kRoot);
    Result<Snapshot> snapshot = table.LoadSnapshot(version);
    EXPECT_TRUE(snapshot.ok()) << "version " << version << ": " << snapshot.status().ToString();
    if (!snapshot.ok()) return state;
    state.version = snapshot->version;
    state.files = snapshot->files.size();
    for (const auto& [key, add] : snapshot->files) {
      Result<std::string> path = table.DataFilePath(add.path);
      EXPECT_TRUE(path.ok() && fs->GetFileInfo(*path).ok())
          << "version " << version << " adds missing file " << add.path;
    }
    TableScan scan(table, *snapshot);
    std::vector<Row> rows;
    while (true) {
      Result<bool> more = scan.Next(&rows);
      EXPECT_TRUE(more.ok()) << "version " << version << ": " << more.status().ToString();
      if (!more.ok() || !*more) break;
      for (const Row& row : rows) state.ids.insert(row[0].GetInt());
    }
    return state;
  }

  // The latest state, version -1 when the table has no log; checks every version on the way.
  static TableState CheckAllVersions(const std::shared_ptr<FileSystem>& fs) {
    Result<std::vector<FileInfo>> log =
        fs->ListFiles(JoinPath(kRoot, kDeltaLogDir), /*recursive=*/false);
    if (log.status().IsNotFound()) return TableState{};
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    std::set<int64_t> commits;
    for (const FileInfo& file : log.ValueOr({})) {
      std::optional<LogFileName> name = ParseLogFileName(BaseName(file.path));
      if (name && name->kind == LogFileName::Kind::kCommit) commits.insert(name->version);
    }
    if (commits.empty()) return TableState{};
    EXPECT_EQ(*commits.begin(), 0);
    EXPECT_EQ(*commits.rbegin(), static_cast<int64_t>(commits.size()) - 1) << "a version is missing";
    std::map<int64_t, size_t> files_at;
    TableState latest;
    for (int64_t version : commits) {
      latest = ReadState(fs, version);
      files_at[version] = latest.files;
      std::set<int64_t> distinct(latest.ids.begin(), latest.ids.end());
      EXPECT_EQ(distinct.size(), latest.ids.size()) << "version " << version << " has a row twice";
    }
    // A snapshot passes over a checkpoint it cannot read, so read each one here: whatever a fault
    // left in the log must be whole and hold its version's files.
    for (const CheckpointFiles& checkpoint : CompleteCheckpoints(*log)) {
      Result<std::vector<Action>> actions =
          ReadCheckpoint(fs.get(), JoinPath(kRoot, kDeltaLogDir), checkpoint.paths);
      EXPECT_TRUE(actions.ok()) << checkpoint.paths.front() << ": " << actions.status().ToString();
      if (!actions.ok()) continue;
      size_t adds = std::count_if(actions->begin(), actions->end(), [](const Action& a) {
        return std::holds_alternative<AddFile>(a);
      });
      EXPECT_EQ(adds, files_at[checkpoint.version]) << checkpoint.paths.front();
    }
    return latest;
  }

  static std::multiset<int64_t> AllIds() {
    std::multiset<int64_t> ids;
    for (int f = 1; f <= kSourceFiles; ++f) {
      for (int i = 1; i <= kRowsPerFile; ++i) ids.insert(f * 1000 + i);
    }
    return ids;
  }

  // Runs the fault matrix over the COPY of every source file into what `prepare` left in a fresh
  // store, and returns what happened per fault kind.
  std::map<std::string, Tally> RunMatrix(
      const std::function<void(const std::shared_ptr<FileSystem>&)>& prepare) {
    std::map<std::string, Tally> tallies;
    for (FaultKind kind : {FaultKind::kIOError, FaultKind::kDiskFull, FaultKind::kShortWrite,
                           FaultKind::kLostAck}) {
      for (bool persistent : {false, true}) {
        std::string label = std::string(FaultKindName(kind)) + (persistent ? ", persistent" : "");
        Tally& tally = tallies[label];
        for (int64_t k = 1; k <= kMaxCallIndex; ++k) {
          if (!RunOne(prepare, FaultPlan{kind, k, persistent}, label, &tally)) break;
          EXPECT_LT(k, kMaxCallIndex) << label << ": the COPY never stops making calls";
        }
      }
    }
    return tallies;
  }

  // One faulted COPY and the checks after it; false once the fault no longer fired (k is past
  // the COPY's last call of that kind).
  bool RunOne(const std::function<void(const std::shared_ptr<FileSystem>&)>& prepare,
              FaultPlan fault, const std::string& label, Tally* tally) {
    auto base = std::make_shared<MemoryFileSystem>();
    prepare(base);
    if (HasFailure()) return false;
    TableState before = CheckAllVersions(base);
    auto faulty = std::make_shared<FaultInjectingFileSystem>(base);

    faulty->Arm(fault);
    Result<CopyOutcome> outcome = ExecuteCopy(Plan(faulty), settings_);
    faulty->Disarm();
    std::string fired = faulty->fault_description();
    // The run past the COPY's last call is checked like the others, but injected nothing.
    Tally not_a_fault;
    if (fired.empty()) tally = &not_a_fault;
    SCOPED_TRACE(label + ", call " + std::to_string(fault.fail_at) + ": " +
                 (fired.empty() ? "no fault" : fired) + " -> " + outcome.status().ToString());

    TableState after = CheckAllVersions(base);
    const std::multiset<int64_t> all = AllIds();
    if (fault.kind == FaultKind::kLostAck && fired.starts_with("PutIfAbsent")) {
      // The commit file is there: read back, it is a success; unreadable, the outcome is
      // unknown, and the data files it names must still be there (ReadState checks).
      if (fault.persistent) {
        EXPECT_TRUE(outcome.status().IsUnknownOutcome());
        EXPECT_TRUE(outcome.status().message().ends_with(
            "; this COPY's data files are kept, and running it again is safe: it loads only the "
            "source files the table does not hold"));
      } else {
        EXPECT_TRUE(outcome.ok());
      }
    }
    bool committed = after.version == before.version + 1 && after.ids == all;
    bool unchanged = after.version == before.version && after.ids == before.ids;
    if (outcome.ok()) {
      EXPECT_TRUE(committed) << "success, but the table is at version " << after.version
                             << " with " << after.ids.size() << " rows";
      EXPECT_EQ(outcome->rows_copied, static_cast<int64_t>(all.size() - before.ids.size()));
      ++tally->succeeded;
    } else if (outcome.status().IsUnknownOutcome()) {
      EXPECT_TRUE(committed || unchanged) << "unknown outcome, and the table is in neither state";
      ++tally->unknown_outcome;
    } else {
      EXPECT_TRUE(unchanged) << "failed, but the table changed to version " << after.version;
      EXPECT_NE(outcome.status().message().find("injected fault"), std::string::npos)
          << "the error does not say what failed";
      ++tally->failed_cleanly;
    }

    Result<CopyOutcome> retry = ExecuteCopy(Plan(base), settings_);
    EXPECT_TRUE(retry.ok()) << "retry: " << retry.status().ToString();
    TableState final_state = CheckAllVersions(base);
    EXPECT_EQ(final_state.ids, all) << "after the retry";
    Result<CopyOutcome> again = ExecuteCopy(Plan(base), settings_);
    EXPECT_TRUE(again.ok() && again->rows_copied == 0) << "a second retry loaded rows again";

    ++tally->runs;
    return !fired.empty();
  }

  static void Report(const std::string& scenario, const std::map<std::string, Tally>& tallies) {
    int64_t runs = 0;
    for (const auto& [label, t] : tallies) {
      std::cout << scenario << " / " << label << ": " << t.runs << " faults: " << t.succeeded
                << " succeeded, " << t.failed_cleanly << " failed cleanly, " << t.unknown_outcome
                << " unknown outcome\n";
      runs += t.runs;
    }
    std::cout << scenario << ": " << runs << " faults injected in all\n";
  }

  std::shared_ptr<MemoryFileSystem> source_fs_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<FormatRegistry> formats_;
  ThreadPool pool_{1};
  CopySettings settings_;
};

/// A store on which other writers commit just before each of this COPY's commit attempts:
/// `before_commit` runs before a commit file's PutIfAbsent (not for the commits it makes itself).
class RacingFileSystem : public MemoryFileSystem {
 public:
  Status PutIfAbsent(const std::string& path, std::string_view contents) override {
    if (before_commit && !racing_ && path.ends_with(".json")) {
      racing_ = true;
      before_commit(++attempts_);
      racing_ = false;
    }
    return MemoryFileSystem::PutIfAbsent(path, contents);
  }

  std::function<void(int attempt)> before_commit;

 private:
  bool racing_ = false;
  int attempts_ = 0;
};

// Lost twice: first to a writer of another file (the same data files commit again), then to a
// writer of this COPY's file, which this COPY must then see as loaded.
TEST_F(CopyFaultTest, SecondLostRaceToTheSameFileLoadsItOnce) {
  auto fs = std::make_shared<RacingFileSystem>();
  ASSERT_TRUE(DeltaTable::Create(fs, kRoot, TableSchema()).ok());
  fs->before_commit = [this, &fs](int attempt) {
    if (attempt > 2) return;
    Result<CopyOutcome> other =
        ExecuteCopy(Plan(fs, {attempt == 1 ? "part-2.csv" : "part-1.csv"}), settings_);
    ASSERT_TRUE(other.ok()) << other.status().ToString();
  };
  Result<CopyOutcome> ours = ExecuteCopy(Plan(fs, {"part-1.csv"}), settings_);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_EQ(ours->rows_copied, 0);
  EXPECT_EQ(ours->files_skipped, 1);
  EXPECT_EQ(ours->target_version, 2);
  fs->before_commit = nullptr;
  TableState state = CheckAllVersions(fs);
  EXPECT_EQ(state.version, 2);
  std::multiset<int64_t> expected = AllIds();
  std::erase_if(expected, [](int64_t id) { return id > 3000; });
  EXPECT_EQ(state.ids, expected);
}

// The table exists at version 1 with one file loaded; the faulted COPY commits version 2, where
// delta.checkpointInterval 2 asks for a checkpoint.
TEST_F(CopyFaultTest, AppendToTableWithCheckpoints) {
  auto prepare = [this](const std::shared_ptr<FileSystem>& fs) {
    ASSERT_TRUE(DeltaTable::Create(fs, kRoot, TableSchema(), {}, {{"delta.checkpointInterval", "2"}})
                    .ok());
    Result<CopyOutcome> first = ExecuteCopy(Plan(fs, {"part-1.csv"}), settings_);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
  };
  std::map<std::string, Tally> tallies = RunMatrix(prepare);
  Report("append", tallies);
  for (const auto& [label, t] : tallies) {
    EXPECT_GT(t.failed_cleanly + t.unknown_outcome, 0) << label << " never made a COPY fail";
  }
  EXPECT_GT(tallies["lost acknowledgement"].succeeded, 1) << "a lost commit reply must not fail";
  EXPECT_GT(tallies["lost acknowledgement, persistent"].unknown_outcome, 0);
}

// No log yet: the faulted COPY creates version 0 with the schema of the first file.
TEST_F(CopyFaultTest, FirstLoadCreatesTheLog) {
  std::map<std::string, Tally> tallies = RunMatrix([](const std::shared_ptr<FileSystem>&) {});
  Report("create", tallies);
  for (const auto& [label, t] : tallies) {
    EXPECT_GT(t.failed_cleanly + t.unknown_outcome, 0) << label << " never made a COPY fail";
  }
}

}  // namespace
}  // namespace inlet
