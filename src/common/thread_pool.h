#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "inlet/status.h"

namespace inlet {

/// A fixed set of worker threads running submitted tasks in FIFO order.
/// Thread safe. The destructor finishes queued tasks before joining.
class ThreadPool {
 public:
  explicit ThreadPool(size_t num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t num_threads() const { return workers_.size(); }
  void Submit(std::function<void()> task);

  /// Threads to use by default: the machine's hardware concurrency, at least 1.
  static size_t DefaultThreadCount();

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

/// Runs tasks on a pool and waits for all of them; the first error wins and tasks that have not
/// started yet are skipped once one has failed. Thread safe.
class TaskGroup {
 public:
  /// Runs tasks on `pool`, or one after the other on the calling thread when it is null.
  explicit TaskGroup(ThreadPool* pool) : pool_(pool) {}
  ~TaskGroup();

  void Run(std::function<Status()> task);
  /// Blocks until every task ran (or was skipped) and returns the first error.
  Status Wait();
  /// True once any task failed; long tasks may poll it to stop early.
  bool failed() const;

 private:
  ThreadPool* pool_;
  mutable std::mutex mutex_;
  std::condition_variable done_cv_;
  size_t pending_ = 0;
  Status first_error_;
};

}  // namespace inlet
