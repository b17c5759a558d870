#include "exec/prefetching_reader.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

// Gives `batches` one-row batches of BIGINT 0, 1, ... then the end, or `error` in place of the
// last batch.
class CountingReader : public FormatReader {
 public:
  CountingReader(int batches, Status error = Status::OK())
      : batches_(batches), error_(std::move(error)) {}
  Result<RecordBatchPtr> Next() override {
    if (next_ == batches_) return RecordBatchPtr();
    if (next_ == batches_ - 1 && !error_.ok()) return error_;
    Field field;
    field.name = "n";
    field.type = LogicalType::BigInt();
    auto schema = std::make_shared<const Schema>(std::vector<Field>{field});
    auto column = std::make_shared<Column>(field.type);
    column->AppendValue(Value::BigInt(next_));
    ++next_;
    rows_ += 1;
    return std::make_shared<RecordBatch>(schema, std::vector<ColumnPtr>{column}, 1);
  }
  int64_t rows_parsed() const override { return rows_; }
  int64_t bytes_read() const override { return rows_ * 10; }

 private:
  int batches_;
  Status error_;
  int next_ = 0;
  int64_t rows_ = 0;
};

TEST(PrefetchingReaderTest, GivesTheBatchesInOrderThenTheEnd) {
  PrefetchingReader reader(std::make_unique<CountingReader>(50));
  for (int i = 0; i < 50; ++i) {
    auto batch = reader.Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    ASSERT_NE(*batch, nullptr);
    EXPECT_EQ((*batch)->column(0)->GetValue(0).ToString(), std::to_string(i));
  }
  EXPECT_EQ(*reader.Next(), nullptr);
  EXPECT_EQ(*reader.Next(), nullptr);  // the end stays the end
  EXPECT_EQ(reader.rows_parsed(), 50);
  EXPECT_EQ(reader.bytes_read(), 500);
}

TEST(PrefetchingReaderTest, ErrorComesInItsPlace) {
  PrefetchingReader reader(std::make_unique<CountingReader>(
      3, Status::InvalidData("a.csv:3: unterminated quoted field")));
  EXPECT_NE(*reader.Next(), nullptr);
  EXPECT_NE(*reader.Next(), nullptr);
  auto failed = reader.Next();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "a.csv:3: unterminated quoted field");
}

TEST(PrefetchingReaderTest, DestroyedBeforeTheEndStopsReading) {
  auto reader = std::make_unique<PrefetchingReader>(std::make_unique<CountingReader>(1000000), 2);
  ASSERT_NE(*reader->Next(), nullptr);
  reader.reset();  // joins the thread, which waits for room
}

}  // namespace
}  // namespace inlet
