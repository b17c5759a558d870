#include "formats/registry.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

TEST(FormatRegistryTest, FindsTheFormatUnderEveryCompressionExtension) {
  std::shared_ptr<FormatRegistry> registry = FormatRegistry::MakeDefault();
  for (const char* path : {"/d/a.csv", "/d/a.tsv.gz", "/d/a.csv.bz2", "/d/a.csv.xz",
                           "/d/a.csv.zst", "/d/a.csv.lz4", "/d/a.csv.br", "/d/a.csv.sz",
                           "/d/a.CSV.SNAPPY", "/d/a.csv.zz", "/d/a.csv.deflate",
                           "/d/a.txt.gz.gz"}) {
    std::shared_ptr<FileFormat> format = registry->FindByPath(path);
    ASSERT_NE(format, nullptr) << path;
    EXPECT_EQ(format->name(), "CSV") << path;
  }
  EXPECT_EQ(registry->FindByPath("/d/a.parquet")->name(), "PARQUET");
  EXPECT_EQ(registry->FindByPath("/d/a.json.gz"), nullptr);
  EXPECT_EQ(registry->FindByPath("/d/a.gz"), nullptr);
  EXPECT_EQ(registry->FindByPath("/d.csv/data"), nullptr);
}

}  // namespace
}  // namespace inlet
