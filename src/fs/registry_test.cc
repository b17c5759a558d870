#include "fs/registry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "fs/memory_file_system.h"

namespace inlet {
namespace {

std::string Cwd() {
  char buffer[4096];
  return ::getcwd(buffer, sizeof(buffer));
}

TEST(RegistryTest, LocalPathsAndFileUris) {
  auto registry = FileSystemRegistry::MakeDefault();
  Result<ResolvedLocation> abs = registry->Resolve("/data/x.csv");
  ASSERT_TRUE(abs.ok()) << abs.status().ToString();
  EXPECT_EQ(abs->fs->scheme(), "file");
  EXPECT_EQ(abs->path, "/data/x.csv");
  EXPECT_EQ(abs->display, "/data/x.csv");

  EXPECT_EQ(registry->Resolve("/data/./a/../x.csv//")->path, "/data/x.csv");
  EXPECT_EQ(registry->Resolve("/../..")->path, "/");
  EXPECT_EQ(registry->Resolve("file:///data/x.csv")->path, "/data/x.csv");
  EXPECT_EQ(registry->Resolve("file:///data/x.csv")->display, "file:///data/x.csv");
  EXPECT_EQ(registry->Resolve("FILE://localhost/data/x.csv")->path, "/data/x.csv");
  EXPECT_EQ(registry->Resolve("/data/*.csv")->path, "/data/*.csv");

  Result<ResolvedLocation> host = registry->Resolve("file://server/data/x.csv");
  EXPECT_EQ(host.status().code(), StatusCode::kInvalidArgument);
}

TEST(RegistryTest, RelativeAndHomePaths) {
  auto registry = FileSystemRegistry::MakeDefault();
  std::string cwd = Cwd();
  EXPECT_EQ(registry->Resolve("x.csv")->path, cwd == "/" ? "/x.csv" : cwd + "/x.csv");
  EXPECT_EQ(registry->Resolve("./a/../x.csv")->path, cwd == "/" ? "/x.csv" : cwd + "/x.csv");
  EXPECT_EQ(registry->Resolve("x.csv")->display, registry->Resolve("x.csv")->path);

  const char* old_home = std::getenv("HOME");
  std::string saved = old_home != nullptr ? old_home : "";
  ::setenv("HOME", "/home/tester", 1);
  EXPECT_EQ(registry->Resolve("~/data/x.csv")->path, "/home/tester/data/x.csv");
  EXPECT_EQ(registry->Resolve("~")->path, "/home/tester");
  if (old_home != nullptr) {
    ::setenv("HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("HOME");
  }
}

TEST(RegistryTest, PlannedSchemesAreNotImplemented) {
  auto registry = FileSystemRegistry::MakeDefault();
  for (const char* location :
       {"s3://bucket/x.csv", "s3a://b/x", "gs://b/x", "gcs://b/x", "abfs://c@acct/x",
        "abfss://c@acct.dfs.core.windows.net/x", "az://c/x", "azure://c/x", "wasb://c@a/x",
        "wasbs://c@a/x", "http://h/x.csv", "HTTPS://h/x.csv"}) {
    Result<ResolvedLocation> r = registry->Resolve(location);
    ASSERT_FALSE(r.ok()) << location;
    EXPECT_EQ(r.status().code(), StatusCode::kNotImplemented) << location;
    EXPECT_NE(r.status().message().find("not supported yet"), std::string::npos);
  }
}

TEST(RegistryTest, UnknownSchemeListsSupportedOnes) {
  auto registry = FileSystemRegistry::MakeDefault();
  Result<ResolvedLocation> r = registry->Resolve("ftp://host/x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'ftp'"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("file://"), std::string::npos) << r.status().message();
  EXPECT_EQ(registry->Resolve("").status().code(), StatusCode::kInvalidArgument);
}

TEST(RegistryTest, DisplayHasNoCredentials) {
  auto registry = FileSystemRegistry::MakeDefault();
  Result<ResolvedLocation> r = registry->Resolve("https://user:secret@host.example/x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().find("secret"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("https://host.example/x.csv"), std::string::npos);

  registry->Register("mem", std::make_shared<MemoryFileSystem>("mem"));
  Result<ResolvedLocation> mem = registry->Resolve("mem://key:secret@bucket/a/b.csv");
  ASSERT_TRUE(mem.ok()) << mem.status().ToString();
  EXPECT_EQ(mem->fs->scheme(), "mem");
  EXPECT_EQ(mem->display, "mem://bucket/a/b.csv");
  // Listed files are named by the path: it has no credentials either.
  EXPECT_EQ(mem->path, "bucket/a/b.csv");

  // Signatures of SAS tokens and presigned URLs travel in the query string.
  Result<ResolvedLocation> sas =
      registry->Resolve("mem://bucket/a.csv?sv=2022-11-02&sig=c2VjcmV0");
  ASSERT_TRUE(sas.ok()) << sas.status().ToString();
  EXPECT_EQ(sas->display, "mem://bucket/a.csv");
  Result<ResolvedLocation> presigned = registry->Resolve(
      "https://bucket.s3.amazonaws.com/x.csv?X-Amz-Credential=AKIA&X-Amz-Signature=secret");
  ASSERT_FALSE(presigned.ok());
  EXPECT_EQ(presigned.status().message(),
            "https:// locations are not supported yet: 'https://bucket.s3.amazonaws.com/x.csv'");
  // A '?' of a glob and an '@' in a path are part of the name.
  EXPECT_EQ(registry->Resolve("mem://bucket/part-?.csv")->display, "mem://bucket/part-?.csv");
  EXPECT_EQ(registry->Resolve("file:///data/a@b.csv")->display, "file:///data/a@b.csv");
}

TEST(RegistryTest, RegisteredSchemesWin) {
  auto registry = FileSystemRegistry::MakeDefault();
  auto memory = std::make_shared<MemoryFileSystem>("s3");
  registry->Register("s3", memory);
  Result<ResolvedLocation> r = registry->Resolve("s3://bucket/key/x.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->fs, memory);
  EXPECT_EQ(r->path, "bucket/key/x.csv");
  EXPECT_EQ(r->display, "s3://bucket/key/x.csv");
}

}  // namespace
}  // namespace inlet
