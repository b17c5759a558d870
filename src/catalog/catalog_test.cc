#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/string_util.h"

namespace inlet {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("inlet-catalog-" + RandomUuid());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CatalogTest, TablesSurviveReopen) {
  {
    auto catalog = Catalog::Open(dir_.string());
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    ASSERT_TRUE((*catalog)->CreateTable({"bronze.raw.orders", "/data/orders", 1}).ok());
    ASSERT_TRUE((*catalog)->CreateTable({"a", "/data/a", 2}).ok());
  }
  auto catalog = Catalog::Open(dir_.string());
  ASSERT_TRUE(catalog.ok());
  auto tables = (*catalog)->ListTables();
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 2u);
  EXPECT_EQ((*tables)[0].name, "a");
  EXPECT_EQ((*tables)[1].location, "/data/orders");
  EXPECT_EQ((*catalog)->GetTable("bronze.raw.orders")->created_micros, 1);
}

TEST_F(CatalogTest, ErrorsNameTheTable) {
  auto catalog = Catalog::Open(dir_.string());
  ASSERT_TRUE(catalog.ok());
  ASSERT_TRUE((*catalog)->CreateTable({"t", "/x", 0}).ok());
  Status dup = (*catalog)->CreateTable({"t", "/y", 0});
  EXPECT_TRUE(dup.IsAlreadyExists());
  EXPECT_EQ(dup.message(), "table t already exists");
  EXPECT_EQ((*catalog)->GetTable("nope").status().message(), "table nope does not exist");
  EXPECT_TRUE((*catalog)->DropTable("t").ok());
  EXPECT_TRUE((*catalog)->DropTable("t").IsNotFound());
}

TEST_F(CatalogTest, DefaultLocationIsUnderTheWarehouse) {
  auto catalog = Catalog::Open(dir_.string());
  ASSERT_TRUE(catalog.ok());
  EXPECT_EQ((*catalog)->DefaultTableLocation({"bronze", "orders"}),
            (*catalog)->warehouse_dir() + "/bronze/orders");
}

}  // namespace
}  // namespace inlet
