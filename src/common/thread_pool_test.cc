#include "common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

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

TEST(ThreadPoolTest, TaskGroupWithoutPoolRunsTasksInOrderOnTheCallersThread) {
  TaskGroup group(nullptr);
  std::vector<int> order;
  for (int i = 0; i < 5; ++i) {
    group.Run([&order, i] {
      order.push_back(i);
      return i == 2 ? Status::IOError("disk on fire") : Status::OK();
    });
  }
  // Tasks after a failure are skipped, as on a pool.
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(group.Wait().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace inlet
