#include "exec/prefetching_reader.h"

namespace inlet {

PrefetchingReader::PrefetchingReader(std::unique_ptr<FormatReader> reader, size_t max_ahead)
    : reader_(std::move(reader)),
      max_ahead_(std::max<size_t>(max_ahead, 1)),
      thread_([this] { ReadLoop(); }) {}

PrefetchingReader::~PrefetchingReader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void PrefetchingReader::ReadLoop() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || ready_.size() < max_ahead_; });
      if (stopping_) return;
    }
    Result<RecordBatchPtr> batch = reader_->Next();
    const bool last = !batch.ok() || *batch == nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      rows_parsed_ = reader_->rows_parsed();
      bytes_read_ = reader_->bytes_read();
      ready_.push_back(std::move(batch));
    }
    changed_.notify_all();
    if (last) return;
  }
}

Result<RecordBatchPtr> PrefetchingReader::Next() {
  if (done_) return RecordBatchPtr();
  Result<RecordBatchPtr> batch = RecordBatchPtr();
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !ready_.empty(); });
    batch = std::move(ready_.front());
    ready_.pop_front();
  }
  changed_.notify_all();
  if (!batch.ok() || *batch == nullptr) done_ = true;
  return batch;
}

int64_t PrefetchingReader::rows_parsed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return rows_parsed_;
}

int64_t PrefetchingReader::bytes_read() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_read_;
}

}  // namespace inlet
