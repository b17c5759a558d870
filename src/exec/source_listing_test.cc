#include "exec/source_listing.h"

#include <gtest/gtest.h>

#include <set>

#include "common/string_util.h"
#include "delta/table_properties.h"
#include "delta/transaction_retention.h"

namespace inlet {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kNow = 1'800'000'000'000;

FileInfo File(const std::string& path, int64_t size, int64_t mtime_ms = kNow - kDay) {
  FileInfo file;
  file.path = path;
  file.size = size;
  file.mtime_micros = mtime_ms * 1000;
  return file;
}

TEST(SourceFileTrackingTest, IdsOfOnePathShareAPrefix) {
  FileInfo v1 = File("/in/a.csv", 10);
  FileInfo v2 = File("/in/a.csv", 12);
  std::string id1 = SourceFileTrackingId("file", v1);
  std::string id2 = SourceFileTrackingId("file", v2);
  EXPECT_NE(id1, id2);
  EXPECT_TRUE(id1.starts_with(SourceFilePathPrefix("file", v1)));
  EXPECT_TRUE(id2.starts_with(SourceFilePathPrefix("file", v1)));
  EXPECT_EQ(id1.size(), std::string("inlet-file-").size() + 32 + 1 + 32);
  EXPECT_FALSE(id1.starts_with(SourceFilePathPrefix("file", File("/in/b.csv", 10))));
  EXPECT_FALSE(id1.starts_with(SourceFilePathPrefix("s3", v1)));
  // An etag, where the store has one, stands for the content instead of the mtime.
  FileInfo tagged = v1;
  tagged.etag = "abc";
  FileInfo touched = tagged;
  touched.mtime_micros += 1000;
  EXPECT_EQ(SourceFileTrackingId("s3", tagged), SourceFileTrackingId("s3", touched));
}

TEST(SourceFileTrackingTest, LegacyIdIsTheOldSingleHash) {
  FileInfo file = File("/in/a.csv", 10, 1'700'000'000'000);
  EXPECT_EQ(LegacySourceFileTrackingId("file", file),
            "inlet-copy-" + Sha256Hex("file:///in/a.csv\n10\nmtime:1700000000000000"));
}

class ClassifyTest : public ::testing::Test {
 protected:
  void Track(const std::string& id) { transactions_[id] = SetTransaction{id, 1, kNow - kDay}; }
  SourceFileStatus Classify(const FileInfo& file) {
    return ClassifySourceFile(tracking_, "file", file);
  }

  std::map<std::string, SetTransaction> transactions_;
  LoadTracking tracking_{&transactions_, std::nullopt, std::nullopt, kNow};
};

TEST_F(ClassifyTest, LoadedModifiedAndNew) {
  FileInfo a = File("/in/a.csv", 10);
  Track(SourceFileTrackingId("file", a));
  EXPECT_EQ(Classify(a), SourceFileStatus::kLoaded);
  EXPECT_EQ(Classify(File("/in/a.csv", 11)), SourceFileStatus::kModified);
  EXPECT_EQ(Classify(File("/in/a.csv2", 10)), SourceFileStatus::kNew);
  EXPECT_EQ(Classify(File("/in/b.csv", 10)), SourceFileStatus::kNew);
}

TEST_F(ClassifyTest, FilesLoadedByEarlierBuildsStayLoaded) {
  FileInfo a = File("/in/a.csv", 10);
  Track(LegacySourceFileTrackingId("file", a));
  EXPECT_EQ(Classify(a), SourceFileStatus::kLoaded);
  // Legacy ids have no path part: a changed file is simply new.
  EXPECT_EQ(Classify(File("/in/a.csv", 11)), SourceFileStatus::kNew);
}

TEST_F(ClassifyTest, UncertainNeedsAnOldFileAndOldLoads) {
  tracking_.retention_ms = 30 * kDay;
  FileInfo old_file = File("/in/old.csv", 10, kNow - 40 * kDay);
  FileInfo recent_file = File("/in/recent.csv", 10, kNow - 20 * kDay);
  tracking_.loads_began_ms = kNow - 100 * kDay;
  EXPECT_EQ(Classify(old_file), SourceFileStatus::kUncertain);
  EXPECT_EQ(Classify(recent_file), SourceFileStatus::kNew);
  tracking_.loads_began_ms = std::nullopt;  // unknown counts as long ago
  EXPECT_EQ(Classify(old_file), SourceFileStatus::kUncertain);
  tracking_.loads_began_ms = kNow - 10 * kDay;  // every load is still remembered
  EXPECT_EQ(Classify(old_file), SourceFileStatus::kNew);
  // A tracked file is loaded, however old.
  Track(SourceFileTrackingId("file", old_file));
  tracking_.loads_began_ms = kNow - 100 * kDay;
  EXPECT_EQ(Classify(old_file), SourceFileStatus::kLoaded);
}

Snapshot TableWith(std::map<std::string, std::string> configuration) {
  Snapshot snapshot;
  snapshot.version = 3;
  snapshot.metadata.configuration = std::move(configuration);
  snapshot.metadata.created_time = kNow - 100 * kDay;
  return snapshot;
}

TEST(SelectFilesToLoadTest, PoliciesDecideWhatLoads) {
  Snapshot snapshot = TableWith({{kSetTransactionRetentionProperty, "interval 30 days"},
                                 {kCopyModifiedFilesProperty, "skip"}});
  FileInfo loaded = File("/in/loaded.csv", 10);
  FileInfo modified = File("/in/modified.csv", 20);
  FileInfo uncertain = File("/in/uncertain.csv", 10, kNow - 40 * kDay);
  FileInfo fresh = File("/in/new.csv", 10);
  for (const FileInfo& f : {loaded, File("/in/modified.csv", 15)}) {
    std::string id = SourceFileTrackingId("file", f);
    snapshot.transactions[id] = SetTransaction{id, 1, kNow};
  }
  std::vector<FileInfo> listed = {loaded, modified, uncertain, fresh};
  auto paths = [&](const LoadPolicy& policy, std::vector<SkippedFile>* skipped) {
    auto selected = SelectFilesToLoad(listed, "file", &snapshot, policy, kNow, skipped);
    EXPECT_TRUE(selected.ok()) << selected.status().ToString();
    std::vector<std::string> out;
    for (const auto& [file, id] : *selected) {
      EXPECT_EQ(id, SourceFileTrackingId("file", file));
      out.push_back(file.path);
    }
    return out;
  };
  std::vector<SkippedFile> skipped;
  EXPECT_EQ(paths(LoadPolicy{}, &skipped), (std::vector<std::string>{"/in/new.csv"}));
  ASSERT_EQ(skipped.size(), 3u);
  std::set<std::string> reasons;
  for (const SkippedFile& s : skipped) reasons.insert(s.reason);
  EXPECT_EQ(reasons, (std::set<std::string>{
                         "already loaded", "modified since it was loaded (MODIFIED_FILES = SKIP)",
                         "load status uncertain (LOAD_UNCERTAIN_FILES = FALSE)"}));
  skipped.clear();
  LoadPolicy reload_uncertain{false, true, ModifiedFilePolicy::kReload};
  EXPECT_EQ(paths(reload_uncertain, &skipped),
            (std::vector<std::string>{"/in/modified.csv", "/in/uncertain.csv", "/in/new.csv"}));
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].file.path, "/in/loaded.csv");
  EXPECT_EQ(skipped[0].reason, "already loaded");
  skipped.clear();
  EXPECT_EQ(paths(LoadPolicy{true, false, std::nullopt}, &skipped).size(), 4u);
  EXPECT_TRUE(skipped.empty());
  // A table without a log yet loads everything.
  auto all = SelectFilesToLoad(listed, "file", nullptr, LoadPolicy{}, kNow, &skipped);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
}

TEST(SelectFilesToLoadTest, MalformedPropertiesOfAnotherWriterAreNamed) {
  std::vector<SkippedFile> skipped;
  std::vector<FileInfo> listed = {File("/in/a.csv", 1)};
  Snapshot bad_policy = TableWith({{kCopyModifiedFilesProperty, "never"}});
  auto selected = SelectFilesToLoad(listed, "file", &bad_policy, LoadPolicy{}, kNow, &skipped);
  ASSERT_FALSE(selected.ok());
  EXPECT_EQ(selected.status().message(),
            "table property inlet.copy.modifiedFiles must be reload or skip, not 'never'");
  // The COPY option overrides the property, so the table still loads with it.
  LoadPolicy with_option{false, false, ModifiedFilePolicy::kSkip};
  EXPECT_TRUE(SelectFilesToLoad(listed, "file", &bad_policy, with_option, kNow, &skipped).ok());

  Snapshot bad_retention = TableWith({{kSetTransactionRetentionProperty, "3 months"}});
  selected = SelectFilesToLoad(listed, "file", &bad_retention, LoadPolicy{}, kNow, &skipped);
  ASSERT_FALSE(selected.ok());
  EXPECT_NE(selected.status().message().find("delta.setTransactionRetentionDuration"),
            std::string::npos)
      << selected.status().message();
}

}  // namespace
}  // namespace inlet
