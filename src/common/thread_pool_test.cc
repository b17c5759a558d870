#include "common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>

namespace inlet {
namespace {

TEST(ThreadPoolTest, TaskGroupRunsEveryTask) {
  ThreadPool pool(2);
  TaskGroup group(&pool);
  std::atomic<int> sum{0};
  for (int i = 1; i <= 100; ++i) {
    group.Run([&sum, i] {
      sum += i;
      return Status::OK();
    });
  }
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(sum.load(), 5050);
}

TEST(ThreadPoolTest, TaskGroupReturnsFirstError) {
  ThreadPool pool(2);
  TaskGroup group(&pool);
  for (int i = 0; i < 10; ++i) {
    group.Run([i] { return i == 3 ? Status::IOError("disk on fire") : Status::OK(); });
  }
  Status s = group.Wait();
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_TRUE(group.failed());
}

}  // namespace
}  // namespace inlet
