#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "formats/format.h"

namespace inlet {

/// Reads the next batches of `reader` on a thread of its own while the caller writes the batch
/// before them, so that a file read by one thread (a compressed CSV) still keeps two cores busy:
/// one parsing, one encoding Parquet. Holds at most `max_ahead` batches. Row errors reach the
/// request's sink from that thread, so the sink must be thread safe. Not thread safe itself.
class PrefetchingReader : public FormatReader {
 public:
  explicit PrefetchingReader(std::unique_ptr<FormatReader> reader, size_t max_ahead = 2);
  /// Stops reading ahead (after the batch being read) and waits for the thread.
  ~PrefetchingReader() override;

  Result<RecordBatchPtr> Next() override;
  /// Exact once Next() returned the end (or an error); before, what has been read ahead.
  int64_t rows_parsed() const override;
  int64_t bytes_read() const override;

 private:
  void ReadLoop();

  std::unique_ptr<FormatReader> reader_;
  const size_t max_ahead_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Result<RecordBatchPtr>> ready_;  // guarded by mutex_; ends with nullptr or an error
  bool stopping_ = false;                     // guarded by mutex_
  int64_t rows_parsed_ = 0;                   // guarded by mutex_
  int64_t bytes_read_ = 0;                    // guarded by mutex_
  bool done_ = false;                         // only Next() touches it

  std::thread thread_;  // last: started once everything above exists
};

}  // namespace inlet
