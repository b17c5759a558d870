#include "fs/glob.h"

#include <gtest/gtest.h>

#include <chrono>

#include "fs/memory_file_system.h"

namespace inlet {
namespace {

bool Match(std::string_view pattern, std::string_view path) {
  Result<GlobPattern> glob = GlobPattern::Make(pattern);
  EXPECT_TRUE(glob.ok()) << glob.status().ToString();
  return glob.ok() && glob->Matches(path);
}

TEST(GlobTest, StarAndQuestionStayWithinOneComponent) {
  EXPECT_TRUE(Match("*.csv", "a.csv"));
  EXPECT_TRUE(Match("*.csv", ".csv"));
  EXPECT_FALSE(Match("*.csv", "a.csv.gz"));
  EXPECT_FALSE(Match("*.csv", "x/a.csv"));
  EXPECT_TRUE(Match("*/*.csv", "x/a.csv"));
  EXPECT_TRUE(Match("data_??.csv", "data_01.csv"));
  EXPECT_FALSE(Match("data_??.csv", "data_1.csv"));
  EXPECT_FALSE(Match("a?b", "a/b"));
  EXPECT_TRUE(Match("a*b*c", "abc"));
  EXPECT_TRUE(Match("a*b*c", "axxbyyc"));
  EXPECT_FALSE(Match("a*b*c", "axxbyy"));
  EXPECT_TRUE(Match("*", "anything"));
  EXPECT_FALSE(Match("*", "two/parts"));
  EXPECT_TRUE(Match("plain.csv", "plain.csv"));
  EXPECT_FALSE(Match("plain.csv", "plain.csvx"));
}

TEST(GlobTest, CharacterClasses) {
  EXPECT_TRUE(Match("[abc].csv", "b.csv"));
  EXPECT_FALSE(Match("[abc].csv", "d.csv"));
  EXPECT_TRUE(Match("part-[0-9][0-9].csv", "part-42.csv"));
  EXPECT_FALSE(Match("part-[0-9][0-9].csv", "part-4x.csv"));
  EXPECT_TRUE(Match("[!a-c]x", "dx"));
  EXPECT_FALSE(Match("[!a-c]x", "bx"));
  EXPECT_TRUE(Match("[]]", "]"));
  EXPECT_TRUE(Match("[!]]", "a"));
  EXPECT_FALSE(Match("[!]]", "]"));
  EXPECT_TRUE(Match("[a-]", "-"));
  EXPECT_TRUE(Match("[\\]x]", "]"));
}

TEST(GlobTest, Escapes) {
  EXPECT_TRUE(Match("a\\*b", "a*b"));
  EXPECT_FALSE(Match("a\\*b", "axb"));
  EXPECT_TRUE(Match("\\[x\\]", "[x]"));
  EXPECT_TRUE(Match("what\\?", "what?"));
  EXPECT_FALSE(Match("what\\?", "whatx"));
}

TEST(GlobTest, GlobstarMatchesWholeComponents) {
  EXPECT_TRUE(Match("**/*.csv", "a.csv"));
  EXPECT_TRUE(Match("**/*.csv", "x/a.csv"));
  EXPECT_TRUE(Match("**/*.csv", "x/y/z/a.csv"));
  EXPECT_FALSE(Match("**/*.csv", "x/y/z/a.json"));
  EXPECT_TRUE(Match("2024/**/day=*/part-*.csv", "2024/01/day=03/part-0.csv"));
  EXPECT_TRUE(Match("2024/**/day=*/part-*.csv", "2024/day=03/part-0.csv"));
  EXPECT_FALSE(Match("2024/**/day=*/part-*.csv", "2023/day=03/part-0.csv"));
  EXPECT_TRUE(Match("a/**", "a/b/c"));
  EXPECT_TRUE(Match("**", "a/b/c"));
  EXPECT_TRUE(Match("a/**/b/**/c", "a/x/b/y/z/c"));
  EXPECT_FALSE(Match("a/**/b/**/c", "a/x/y/z/c"));
  // `**` next to other characters is two ordinary stars, within one component.
  EXPECT_TRUE(Match("a**.csv", "abc.csv"));
  EXPECT_FALSE(Match("a**.csv", "a/b.csv"));
}

TEST(GlobTest, InvalidPatterns) {
  for (std::string_view bad : {"[abc", "x\\", "[!", "[]", "[z-a]", "a[\\"}) {
    Result<GlobPattern> glob = GlobPattern::Make(bad);
    ASSERT_FALSE(glob.ok()) << bad;
    EXPECT_EQ(glob.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(glob.status().message().find(std::string(bad)), std::string::npos)
        << glob.status().message();
  }
}

TEST(GlobTest, NoExponentialBacktracking) {
  auto start = std::chrono::steady_clock::now();
  std::string text(5000, 'a');
  EXPECT_FALSE(Match("*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
  std::string deep;
  std::string deep_pattern;
  for (int i = 0; i < 200; ++i) {
    deep += "a/";
    deep_pattern += "**/a/";
  }
  EXPECT_FALSE(Match(deep_pattern + "b", deep + "c"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(GlobTest, HasGlobMetacharacters) {
  EXPECT_TRUE(HasGlobMetacharacters("/data/*.csv"));
  EXPECT_TRUE(HasGlobMetacharacters("a?"));
  EXPECT_TRUE(HasGlobMetacharacters("[ab]"));
  EXPECT_FALSE(HasGlobMetacharacters("/data/file.csv"));
  EXPECT_FALSE(HasGlobMetacharacters("/data/a\\*b"));
  EXPECT_TRUE(HasGlobMetacharacters("\\\\*"));
}

TEST(GlobTest, SplitGlob) {
  auto check = [](std::string_view location, std::string_view base, std::string_view pattern) {
    GlobSplit split = SplitGlob(location);
    EXPECT_EQ(split.base, base) << location;
    EXPECT_EQ(split.pattern, pattern) << location;
  };
  check("/data/2024/*/x*.csv", "/data/2024", "*/x*.csv");
  check("/data/file.csv", "/data/file.csv", "");
  check("/*.csv", "/", "*.csv");
  check("*.csv", "", "*.csv");
  check("s3://bucket/logs/**/*.json", "s3://bucket/logs", "**/*.json");
  check("/data/a\\*b/*.csv", "/data/a*b", "*.csv");
  check("/data/part-[0-9].csv", "/data", "part-[0-9].csv");
}

TEST(GlobTest, ListMatching) {
  MemoryFileSystem fs;
  for (const char* path : {"/d/a.csv", "/d/b.json", "/d/x/c.csv", "/d/x/y/d.csv", "/e/f.csv"}) {
    ASSERT_TRUE(fs.WriteFile(path, "1").ok());
  }
  auto paths = [&](std::string_view base, std::string_view pattern) {
    std::vector<std::string> out;
    Result<std::vector<FileInfo>> files =
        ListMatching(fs, std::string(base), *GlobPattern::Make(pattern));
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    if (files.ok()) {
      for (const FileInfo& f : *files) out.push_back(f.path);
    }
    return out;
  };
  EXPECT_EQ(paths("/d", "*.csv"), std::vector<std::string>{"/d/a.csv"});
  EXPECT_EQ(paths("/d/", "*.csv"), std::vector<std::string>{"/d/a.csv"});
  EXPECT_EQ(paths("/d", "*/*.csv"), std::vector<std::string>{"/d/x/c.csv"});
  EXPECT_EQ(paths("/d", "**/*.csv"),
            (std::vector<std::string>{"/d/a.csv", "/d/x/c.csv", "/d/x/y/d.csv"}));
  EXPECT_EQ(paths("/", "*/f.csv"), std::vector<std::string>{"/e/f.csv"});
  EXPECT_TRUE(paths("/d", "*.parquet").empty());
  EXPECT_TRUE(ListMatching(fs, "/nope", *GlobPattern::Make("*")).status().IsNotFound());
}

}  // namespace
}  // namespace inlet
