#include <gtest/gtest.h>

#include "exec/source_listing.h"

namespace inlet {
namespace {

constexpr int64_t kMB = 1'000'000;

std::vector<std::pair<FileInfo, std::string>> Files(const std::vector<int64_t>& sizes) {
  std::vector<std::pair<FileInfo, std::string>> files;
  for (size_t i = 0; i < sizes.size(); ++i) {
    FileInfo file;
    file.path = "/in/f" + std::to_string(i) + ".csv";
    file.size = sizes[i];
    files.emplace_back(file, "id-" + std::to_string(i));
  }
  return files;
}

std::vector<std::string> Paths(const std::vector<std::pair<FileInfo, std::string>>& files) {
  std::vector<std::string> paths;
  for (const auto& [file, id] : files) paths.push_back(file.path);
  return paths;
}

std::vector<std::string> Described(const std::vector<SkippedFile>& skipped) {
  std::vector<std::string> out;
  for (const SkippedFile& s : skipped) out.push_back(s.file.path + ": " + s.reason);
  return out;
}

TEST(ApplyLoadLimitsTest, SnowflakesExampleLoadsThreeFilesOf10MBUnder25MB) {
  auto files = Files({10 * kMB, 10 * kMB, 10 * kMB, 10 * kMB, 10 * kMB});
  std::vector<SkippedFile> skipped;
  ApplyLoadLimits(LoadLimits{25 * kMB, std::nullopt}, &files, &skipped);
  EXPECT_EQ(Paths(files), (std::vector<std::string>{"/in/f0.csv", "/in/f1.csv", "/in/f2.csv"}));
  EXPECT_EQ(files[2].second, "id-2");
  EXPECT_EQ(Described(skipped), (std::vector<std::string>{"/in/f3.csv: SIZE_LIMIT reached",
                                                          "/in/f4.csv: SIZE_LIMIT reached"}));
}

TEST(ApplyLoadLimitsTest, AtLeastOneFileWhateverTheSize) {
  auto files = Files({50 * kMB, 1});
  std::vector<SkippedFile> skipped;
  ApplyLoadLimits(LoadLimits{1, std::nullopt}, &files, &skipped);
  EXPECT_EQ(Paths(files), (std::vector<std::string>{"/in/f0.csv"}));
  EXPECT_EQ(Described(skipped), (std::vector<std::string>{"/in/f1.csv: SIZE_LIMIT reached"}));
}

TEST(ApplyLoadLimitsTest, ReachingTheLimitExactlyIsNotExceedingIt) {
  auto files = Files({10, 10, 10});
  std::vector<SkippedFile> skipped;
  ApplyLoadLimits(LoadLimits{20, std::nullopt}, &files, &skipped);
  EXPECT_EQ(files.size(), 3u);
  EXPECT_TRUE(skipped.empty());
}

TEST(ApplyLoadLimitsTest, MaxFilesKeepsTheFirstInListingOrder) {
  auto files = Files({1, 2, 3, 4});
  std::vector<SkippedFile> skipped = {SkippedFile{FileInfo{"/in/old.csv"}, "already loaded"}};
  ApplyLoadLimits(LoadLimits{std::nullopt, 2}, &files, &skipped);
  EXPECT_EQ(Paths(files), (std::vector<std::string>{"/in/f0.csv", "/in/f1.csv"}));
  EXPECT_EQ(Described(skipped),
            (std::vector<std::string>{"/in/old.csv: already loaded", "/in/f2.csv: MAX_FILES reached",
                                      "/in/f3.csv: MAX_FILES reached"}));
}

TEST(ApplyLoadLimitsTest, TheLimitThatStopsTheCopyNamesTheRest) {
  std::vector<SkippedFile> skipped;
  auto by_size = Files({10, 10, 1, 1});
  ApplyLoadLimits(LoadLimits{15, 3}, &by_size, &skipped);
  EXPECT_EQ(by_size.size(), 2u);
  EXPECT_EQ(Described(skipped), (std::vector<std::string>{"/in/f2.csv: SIZE_LIMIT reached",
                                                          "/in/f3.csv: SIZE_LIMIT reached"}));
  skipped.clear();
  auto by_count = Files({1, 1, 100, 1});
  ApplyLoadLimits(LoadLimits{50, 2}, &by_count, &skipped);
  EXPECT_EQ(by_count.size(), 2u);
  EXPECT_EQ(Described(skipped), (std::vector<std::string>{"/in/f2.csv: MAX_FILES reached",
                                                          "/in/f3.csv: MAX_FILES reached"}));
}

TEST(ApplyLoadLimitsTest, NoLimitsAndNoFiles) {
  auto files = Files({1, 2});
  std::vector<SkippedFile> skipped;
  ApplyLoadLimits(LoadLimits{}, &files, &skipped);
  EXPECT_EQ(files.size(), 2u);
  std::vector<std::pair<FileInfo, std::string>> none;
  ApplyLoadLimits(LoadLimits{1, 1}, &none, &skipped);
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(skipped.empty());
}

TEST(ParseLoadLimitTest, WholeNumbersAboveZero) {
  EXPECT_EQ(*ParseLoadLimit("SIZE_LIMIT", "25000000"), 25'000'000);
  EXPECT_EQ(*ParseLoadLimit("MAX_FILES", "1"), 1);
  for (const char* bad : {"0", "-5", "1.5", "", "10MB", "99999999999999999999"}) {
    Result<int64_t> value = ParseLoadLimit("SIZE_LIMIT", bad);
    ASSERT_FALSE(value.ok()) << bad;
    EXPECT_EQ(value.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(value.status().message(),
              "SIZE_LIMIT must be a whole number greater than 0, not '" + std::string(bad) + "'");
  }
}

}  // namespace
}  // namespace inlet
