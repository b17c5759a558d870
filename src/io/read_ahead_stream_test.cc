#include "io/read_ahead_stream.h"

#include <gtest/gtest.h>

#include <random>

namespace inlet {
namespace {

std::string RandomBytes(size_t n) {
  std::mt19937 rng(1);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

// A source that hands out a few bytes per Read, then fails.
class FailingStream : public InputStream {
 public:
  explicit FailingStream(std::string data) : data_(std::move(data)) {}
  Result<int64_t> Read(int64_t nbytes, void* out) override {
    if (pos_ == data_.size()) return Status::InvalidData("gzip: corrupt input at byte 42");
    const size_t n = std::min<size_t>({static_cast<size_t>(nbytes), 3, data_.size() - pos_});
    data_.copy(static_cast<char*>(out), n, pos_);
    pos_ += n;
    return static_cast<int64_t>(n);
  }
  int64_t source_bytes_read() const override { return static_cast<int64_t>(pos_); }

 private:
  std::string data_;
  size_t pos_ = 0;
};

TEST(ReadAheadInputStreamTest, GivesTheSourceBytesInOrder) {
  const std::string data = RandomBytes(100000);
  for (int64_t chunk : {1, 7, 4096, 1 << 20}) {
    ReadAheadInputStream stream(std::make_unique<MemoryInputStream>(data), chunk, 2);
    std::string got;
    char buffer[333];
    while (true) {
      auto n = stream.Read(sizeof(buffer), buffer);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      if (*n == 0) break;
      got.append(buffer, static_cast<size_t>(*n));
    }
    EXPECT_EQ(got, data) << chunk;
    EXPECT_EQ(*stream.Read(10, buffer), 0);  // the end stays the end
    EXPECT_EQ(stream.source_bytes_read(), static_cast<int64_t>(data.size()));
  }
}

TEST(ReadAheadInputStreamTest, SourceErrorComesAfterTheBytesBeforeIt) {
  ReadAheadInputStream stream(std::make_unique<FailingStream>("abcdefgh"), 5, 2);
  auto all = stream.ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), StatusCode::kInvalidData);
  EXPECT_EQ(all.status().message(), "gzip: corrupt input at byte 42");

  ReadAheadInputStream again(std::make_unique<FailingStream>("abcdefgh"), 5, 2);
  char buffer[16];
  std::string got;
  Result<int64_t> n = 0;
  while ((n = again.Read(sizeof(buffer), buffer)).ok()) got.append(buffer, *n);
  EXPECT_EQ(got, "abcdefgh");
  EXPECT_FALSE(again.Read(1, buffer).ok());  // and stays
}

TEST(ReadAheadInputStreamTest, DestroyedBeforeTheEndStopsReading) {
  const std::string data = RandomBytes(1 << 20);
  auto stream = std::make_unique<ReadAheadInputStream>(std::make_unique<MemoryInputStream>(data),
                                                       1024, 2);
  char buffer[10];
  ASSERT_EQ(*stream->Read(sizeof(buffer), buffer), 10);
  EXPECT_LT(stream->source_bytes_read(), static_cast<int64_t>(data.size()));
  stream.reset();  // joins the reading thread, which waits for room that never comes
}

}  // namespace
}  // namespace inlet
