#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "inlet/result.h"
#include "io/stream.h"

namespace inlet {

/// Reads `source` ahead on a thread of its own, so that the work of producing the bytes (gzip
/// decompression: a compressed file cannot be split) runs while the consumer parses the bytes
/// before them. At most `max_chunks` chunks of `chunk_size` bytes are held ahead. An error of
/// `source` is returned by the Read() that reaches it. Not thread safe (one consumer).
class ReadAheadInputStream : public InputStream {
 public:
  static constexpr int64_t kDefaultChunkSize = 1 << 20;

  explicit ReadAheadInputStream(std::unique_ptr<InputStream> source,
                                int64_t chunk_size = kDefaultChunkSize, int max_chunks = 4);
  /// Stops the reading thread (after its current Read of the source) and waits for it.
  ~ReadAheadInputStream() override;

  Result<int64_t> Read(int64_t nbytes, void* out) override;
  /// Counts what the reading thread has consumed, which runs ahead of Read().
  int64_t source_bytes_read() const override;

 private:
  struct Chunk {
    std::string data;
    Status status;  // not OK: the source failed after `data`
  };
  void ReadLoop();

  std::unique_ptr<InputStream> source_;
  const int64_t chunk_size_;
  const size_t max_chunks_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> ready_;    // guarded by mutex_
  bool source_done_ = false;   // guarded by mutex_: end of source or an error queued
  bool stopping_ = false;      // guarded by mutex_
  int64_t source_bytes_ = 0;   // guarded by mutex_

  // The chunk Read() is consuming (only the consumer touches these).
  Chunk current_;
  size_t current_pos_ = 0;
  bool at_end_ = false;

  std::thread thread_;  // last: started once everything above exists
};

}  // namespace inlet
