#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "catalog/catalog.h"
#include "common/string_util.h"

namespace inlet {
namespace {

constexpr int64_t kDay = int64_t{24} * 3600 * 1000000;

class LoadHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("inlet-load-history-" + RandomUuid());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Catalog> Open() {
    auto catalog = Catalog::Open(dir_.string());
    EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
    return catalog.ok() ? std::move(*catalog) : nullptr;
  }

  std::filesystem::path dir_;
};

LoadRecord Started(const std::string& table, int64_t start) {
  LoadRecord record;
  record.table_name = table;
  record.start_micros = start;
  record.data_source = "/in/";
  return record;
}

// A COPY of two files, one with a rejected row, committed as version 3.
LoadRecord Finished(LoadRecord record, int64_t end) {
  record.status = "completed";
  // Known only once the COPY listed its files.
  record.file_format = "csv";
  record.end_micros = end;
  record.loaded_rows = 3;
  record.loaded_bytes = 900;
  record.source_file_count = 2;
  record.source_file_bytes = 40;
  record.file_count_scanned = 2;
  record.file_bytes_scanned = 40;
  record.error_count = 1;
  record.table_version = 3;
  FileLoadRecord good;
  good.file_name = "/in/a.csv";
  good.file_bytes = 20;
  good.rows_parsed = 2;
  good.rows_loaded = 2;
  FileLoadRecord partial;
  partial.file_name = "/in/b.csv";
  partial.status = FileLoadStatus::kPartiallyLoaded;
  partial.file_bytes = 20;
  partial.rows_parsed = 2;
  partial.rows_loaded = 1;
  partial.errors_seen = 1;
  partial.first_error = "cannot cast 'abc' to INTEGER";
  partial.first_error_line = 3;
  partial.first_error_character = 3;
  partial.first_error_column_name = "qty";
  partial.split = true;
  record.files = {good, partial};
  LoadErrorRecord error;
  error.file_name = "/in/b.csv";
  error.line_number = 3;
  error.byte_offset = 11;
  error.column_name = "qty";
  error.column_type = "INTEGER";
  error.position = 3;
  error.raw_line = std::string("2,abc\xff", 6);  // not UTF-8: kept byte for byte
  error.raw_field_value = "abc";
  error.error_code = 1207;
  error.category = "cast";
  error.error_message = "cannot cast 'abc' to INTEGER";
  record.errors = {error};
  return record;
}

TEST(FileLoadStatusTest, NamesRoundTrip) {
  for (FileLoadStatus status : {FileLoadStatus::kLoaded, FileLoadStatus::kPartiallyLoaded,
                                FileLoadStatus::kLoadFailed, FileLoadStatus::kSkipped}) {
    EXPECT_EQ(FileLoadStatusFromName(FileLoadStatusName(status)), status);
  }
  EXPECT_STREQ(FileLoadStatusName(FileLoadStatus::kPartiallyLoaded), "PARTIALLY_LOADED");
  EXPECT_EQ(FileLoadStatusFromName("loaded"), std::nullopt);
}

TEST_F(LoadHistoryTest, BeginFinishList) {
  auto catalog = Open();
  auto first = catalog->BeginLoad(Started("raw.orders", 1000));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(*first, 0);
  auto second = catalog->BeginLoad(Started("other", 2000));
  ASSERT_TRUE(second.ok());
  EXPECT_GT(*second, *first);

  // Running: listed with its start, no end, no files.
  auto running = catalog->ListLoads();
  ASSERT_TRUE(running.ok()) << running.status().ToString();
  ASSERT_EQ(running->size(), 2u);
  EXPECT_EQ((*running)[0].status, "running");
  EXPECT_EQ((*running)[0].table_name, "raw.orders");
  EXPECT_EQ((*running)[0].start_micros, 1000);
  EXPECT_EQ((*running)[0].end_micros, 0);
  EXPECT_EQ((*running)[0].data_source, "/in/");
  EXPECT_EQ((*running)[0].table_version, -1);

  LoadRecord done = Started("raw.orders", 1000);
  done.query_id = *first;
  ASSERT_TRUE(catalog->FinishLoad(Finished(done, 5000)).ok());

  auto all = catalog->ListLoads({std::nullopt, true, true});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  const LoadRecord& load = (*all)[0];
  EXPECT_EQ(load.status, "completed");
  EXPECT_EQ(load.end_micros, 5000);
  EXPECT_EQ(load.loaded_rows, 3);
  EXPECT_EQ(load.error_count, 1);
  EXPECT_EQ(load.table_version, 3);
  EXPECT_EQ(load.file_format, "csv");
  ASSERT_EQ(load.files.size(), 2u);
  EXPECT_EQ(load.files[0].file_name, "/in/a.csv");
  EXPECT_EQ(load.files[0].status, FileLoadStatus::kLoaded);
  EXPECT_EQ(load.files[0].error_limit, -1);
  EXPECT_EQ(load.files[1].status, FileLoadStatus::kPartiallyLoaded);
  EXPECT_EQ(load.files[1].first_error_column_name, "qty");
  EXPECT_TRUE(load.files[1].split);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_EQ(load.errors[0].raw_line, std::string("2,abc\xff", 6));
  EXPECT_EQ(load.errors[0].error_code, 1207);
  EXPECT_EQ(load.errors[0].byte_offset, 11);
  EXPECT_TRUE((*all)[1].files.empty());

  // One COPY by id; files and errors only when asked.
  auto one = catalog->ListLoads({*first, false, false});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].query_id, *first);
  EXPECT_TRUE((*one)[0].files.empty());
  EXPECT_TRUE((*one)[0].errors.empty());
}

TEST_F(LoadHistoryTest, FinishingAnUnknownCopyIsNotFound) {
  auto catalog = Open();
  LoadRecord record = Finished(Started("t", 1), 2);
  record.query_id = 42;
  Status finished = catalog->FinishLoad(record);
  EXPECT_TRUE(finished.IsNotFound());
  EXPECT_EQ(finished.message(), "no COPY with query id 42 in the load history");
  // Nothing of it was kept: its files and errors went with the rolled-back transaction.
  auto begun = catalog->BeginLoad(Started("t", 1));
  ASSERT_TRUE(begun.ok());
  auto loads = catalog->ListLoads({std::nullopt, true, true});
  ASSERT_EQ(loads->size(), 1u);
  EXPECT_TRUE((*loads)[0].files.empty());
  EXPECT_TRUE((*loads)[0].errors.empty());
}

TEST_F(LoadHistoryTest, HistorySurvivesReopen) {
  int64_t id;
  {
    auto catalog = Open();
    auto begun = catalog->BeginLoad(Started("t", 10));
    ASSERT_TRUE(begun.ok());
    id = *begun;
    LoadRecord record = Started("t", 10);
    record.query_id = id;
    ASSERT_TRUE(catalog->FinishLoad(Finished(record, 20)).ok());
  }
  auto catalog = Open();
  auto loads = catalog->ListLoads({id, true, true});
  ASSERT_TRUE(loads.ok());
  ASSERT_EQ(loads->size(), 1u);
  EXPECT_EQ((*loads)[0].status, "completed");
  EXPECT_EQ((*loads)[0].files.size(), 2u);
  EXPECT_EQ((*loads)[0].errors.size(), 1u);
  auto next = catalog->BeginLoad(Started("t", 30));
  ASSERT_TRUE(next.ok());
  EXPECT_GT(*next, id);
}

TEST_F(LoadHistoryTest, TrimDeletesOldCopiesWithTheirFilesAndErrors) {
  auto catalog = Open();
  auto finish = [&](int64_t start, int64_t end) {
    LoadRecord record = Started("t", start);
    record.query_id = *catalog->BeginLoad(record);
    EXPECT_TRUE(catalog->FinishLoad(Finished(record, end)).ok());
    return record.query_id;
  };
  finish(1 * kDay, 1 * kDay + 5);
  ASSERT_TRUE(catalog->BeginLoad(Started("t", 2 * kDay)).ok());  // its process died
  int64_t recent = finish(20 * kDay, 20 * kDay + 5);
  int64_t running = *catalog->BeginLoad(Started("t", 40 * kDay));

  // Finishing a COPY on day 35 forgets what ended more than 30 days before.
  int64_t newest = finish(35 * kDay, 35 * kDay);
  auto loads = catalog->ListLoads({std::nullopt, true, true});
  ASSERT_TRUE(loads.ok());
  std::vector<int64_t> ids;
  size_t files = 0;
  for (const LoadRecord& load : *loads) {
    ids.push_back(load.query_id);
    files += load.files.size();
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{recent, running, newest}));
  EXPECT_EQ(files, 4u);

  ASSERT_TRUE(catalog->TrimLoadHistory(36 * kDay).ok());
  loads = catalog->ListLoads({std::nullopt, true, true});
  ASSERT_EQ(loads->size(), 1u);
  EXPECT_EQ((*loads)[0].query_id, running);

  // Ids stay monotonic after the newest COPYs are trimmed.
  ASSERT_TRUE(catalog->TrimLoadHistory(100 * kDay).ok());
  EXPECT_GT(*catalog->BeginLoad(Started("t", 50 * kDay)), running);
}

TEST_F(LoadHistoryTest, TwoCatalogsOnOneWarehouse) {
  auto a = Open();
  auto b = Open();
  constexpr int kLoadsEach = 20;
  auto load = [](Catalog* catalog, const std::string& table, std::vector<int64_t>* ids) {
    for (int i = 0; i < kLoadsEach; ++i) {
      LoadRecord record = Started(table, i);
      auto id = catalog->BeginLoad(record);
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      record.query_id = *id;
      ASSERT_TRUE(catalog->FinishLoad(Finished(record, i + 1)).ok());
      ids->push_back(*id);
    }
  };
  std::vector<int64_t> ids_a;
  std::vector<int64_t> ids_b;
  std::thread thread_a(load, a.get(), "a", &ids_a);
  std::thread thread_b(load, b.get(), "b", &ids_b);
  thread_a.join();
  thread_b.join();

  // Each sees the other's COPYs, each id given once.
  auto seen = b->ListLoads({std::nullopt, true, false});
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 2u * kLoadsEach);
  std::set<int64_t> ids(ids_a.begin(), ids_a.end());
  ids.insert(ids_b.begin(), ids_b.end());
  EXPECT_EQ(ids.size(), 2u * kLoadsEach);
  for (const LoadRecord& record : *seen) {
    EXPECT_EQ(record.status, "completed");
    EXPECT_EQ(record.files.size(), 2u);
  }
}

}  // namespace
}  // namespace inlet
