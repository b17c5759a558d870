#include "io/read_ahead_stream.h"

#include <algorithm>
#include <cstring>

namespace inlet {

ReadAheadInputStream::ReadAheadInputStream(std::unique_ptr<InputStream> source,
                                           int64_t chunk_size, int max_chunks)
    : source_(std::move(source)),
      chunk_size_(std::max<int64_t>(chunk_size, 1)),
      max_chunks_(static_cast<size_t>(std::max(max_chunks, 1))),
      thread_([this] { ReadLoop(); }) {}

ReadAheadInputStream::~ReadAheadInputStream() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ReadAheadInputStream::ReadLoop() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || ready_.size() < max_chunks_; });
      if (stopping_) return;
    }
    Chunk chunk;
    chunk.data.resize(static_cast<size_t>(chunk_size_));
    // Fill the chunk: a decompressor may return a few bytes at a time.
    size_t filled = 0;
    bool end = false;
    while (filled < chunk.data.size()) {
      Result<int64_t> n = source_->Read(static_cast<int64_t>(chunk.data.size() - filled),
                                        chunk.data.data() + filled);
      if (!n.ok()) {
        chunk.status = n.status();
        end = true;
        break;
      }
      if (*n == 0) {
        end = true;
        break;
      }
      filled += static_cast<size_t>(*n);
    }
    chunk.data.resize(filled);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      source_bytes_ = source_->source_bytes_read();
      if (!chunk.data.empty() || !chunk.status.ok()) ready_.push_back(std::move(chunk));
      source_done_ = end;
    }
    changed_.notify_all();
    if (end) return;
  }
}

Result<int64_t> ReadAheadInputStream::Read(int64_t nbytes, void* out) {
  if (nbytes <= 0) return 0;
  while (current_pos_ == current_.data.size()) {
    if (!current_.status.ok()) return current_.status;
    if (at_end_) return 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return !ready_.empty() || source_done_; });
      if (ready_.empty()) {
        at_end_ = true;
        return 0;
      }
      current_ = std::move(ready_.front());
      ready_.pop_front();
    }
    changed_.notify_all();
    current_pos_ = 0;
  }
  const size_t n = std::min(static_cast<size_t>(nbytes), current_.data.size() - current_pos_);
  std::memcpy(out, current_.data.data() + current_pos_, n);
  current_pos_ += n;
  return static_cast<int64_t>(n);
}

int64_t ReadAheadInputStream::source_bytes_read() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return source_bytes_;
}

}  // namespace inlet
