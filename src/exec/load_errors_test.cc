#include "exec/load_errors.h"

#include <gtest/gtest.h>

namespace inlet {
namespace {

RowError Bad(const std::string& file, int64_t line) {
  RowError error;
  error.kind = RowErrorKind::kCast;
  error.file = file;
  error.line = line;
  error.column_name = "qty";
  error.reason = "cannot cast 'x' to INTEGER";
  return error;
}

TEST(ErrorPolicyTest, SnowflakeOnErrorValues) {
  ErrorPolicy abort = *ParseOnError("abort_statement");
  EXPECT_EQ(abort.on_limit, ErrorPolicy::OnLimit::kAbortStatement);
  EXPECT_EQ(abort.max_errors, 0);
  EXPECT_TRUE(ParseOnError("CONTINUE")->unlimited());
  ErrorPolicy skip = *ParseOnError("SKIP_FILE");
  EXPECT_TRUE(skip.can_skip_files());
  EXPECT_EQ(skip.max_errors, 0);
  // SKIP_FILE_3 skips a file with 3 errors or more.
  EXPECT_EQ(ParseOnError("skip_file_3")->max_errors, 2);
  ErrorPolicy percent = *ParseOnError("SKIP_FILE_10%");
  EXPECT_FALSE(percent.max_errors.has_value());
  EXPECT_EQ(percent.max_error_percent, 10.0);
  EXPECT_EQ(percent.text, "ON_ERROR = SKIP_FILE_10%");
  for (const char* bad : {"SKIP_FILE_0", "SKIP_FILE_", "SKIP_FILE_x", "SKIP_FILE_101%", "IGNORE",
                          "SKIP_FILE_-1"}) {
    Result<ErrorPolicy> parsed = ParseOnError(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find(std::string("not '") + bad + "'"),
              std::string::npos);
  }
}

TEST(ErrorPolicyTest, FireboltMaxErrorsPerFile) {
  EXPECT_EQ(ParseMaxErrorsPerFile("0")->max_errors, 0);
  EXPECT_EQ(ParseMaxErrorsPerFile("0%")->max_errors, 0);
  EXPECT_EQ(ParseMaxErrorsPerFile("5")->max_errors, 5);
  EXPECT_TRUE(ParseMaxErrorsPerFile("100%")->unlimited());
  EXPECT_EQ(ParseMaxErrorsPerFile("5")->on_limit, ErrorPolicy::OnLimit::kAbortStatement);
  Result<ErrorPolicy> bad = ParseMaxErrorsPerFile("50%");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("only percentages"), std::string::npos);
  EXPECT_FALSE(ParseMaxErrorsPerFile("-1").ok());
}

TEST(LoadErrorCollectorTest, AbortStatementFailsOnTheFirstError) {
  LoadErrorCollector collector(ErrorPolicy(), {"a.csv"});
  Status status = collector.sink(0)->OnRowError(Bad("a.csv", 3));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "a.csv:3: column \"qty\": cannot cast 'x' to INTEGER");
  // The error the sink returned comes back from the reader and fails the COPY.
  EXPECT_FALSE(collector.OnReadFailure(0, status).ok());
}

TEST(LoadErrorCollectorTest, FireboltLimitAllowsNErrorsAndFailsOnTheNext) {
  LoadErrorCollector collector(*ParseMaxErrorsPerFile("2"), {"a.csv"});
  EXPECT_TRUE(collector.sink(0)->OnRowError(Bad("a.csv", 2)).ok());
  EXPECT_TRUE(collector.sink(0)->OnRowError(Bad("a.csv", 5)).ok());
  Status third = collector.sink(0)->OnRowError(Bad("a.csv", 9));
  ASSERT_FALSE(third.ok());
  EXPECT_NE(third.message().find("more than 2 rejected rows in a.csv: MAX_ERRORS_PER_FILE = 2"),
            std::string::npos);
}

TEST(LoadErrorCollectorTest, SkipFileStopsOnlyThatFile) {
  LoadErrorCollector collector(*ParseOnError("SKIP_FILE_2"), {"a.csv", "b.csv"});
  EXPECT_TRUE(collector.sink(0)->OnRowError(Bad("a.csv", 7)).ok());
  EXPECT_FALSE(collector.stopped(0));
  Status second = collector.sink(0)->OnRowError(Bad("a.csv", 4));
  EXPECT_FALSE(second.ok());
  EXPECT_TRUE(collector.stopped(0));
  EXPECT_FALSE(collector.stopped(1));
  EXPECT_TRUE(collector.OnReadFailure(0, second).ok());
  FileErrorSummary a = collector.Finish(0, 10);
  EXPECT_TRUE(a.skipped);
  EXPECT_EQ(a.errors, 2);
  EXPECT_EQ(a.first_error->line, 4);  // the earliest line, not the first reported
  EXPECT_FALSE(collector.Finish(1, 10).skipped);
  EXPECT_EQ(collector.ErrorLimit(10), 2);
}

TEST(LoadErrorCollectorTest, SkipFilePercentIsDecidedAtTheEnd) {
  LoadErrorCollector collector(*ParseOnError("SKIP_FILE_10%"), {"a.csv", "b.csv"});
  EXPECT_TRUE(collector.sink(0)->OnRowError(Bad("a.csv", 2)).ok());
  EXPECT_TRUE(collector.sink(1)->OnRowError(Bad("b.csv", 2)).ok());
  EXPECT_TRUE(collector.sink(1)->OnRowError(Bad("b.csv", 3)).ok());
  EXPECT_FALSE(collector.Finish(0, 10).skipped);  // 10% is not more than 10%
  EXPECT_TRUE(collector.Finish(1, 10).skipped);   // 20% is
  EXPECT_EQ(collector.ErrorLimit(10), 2);
}

TEST(LoadErrorCollectorTest, FileErrorsFollowThePolicy) {
  Status truncated = Status::InvalidData("a.csv.gz: the gzip stream ends early");
  // ABORT_STATEMENT: the COPY fails.
  EXPECT_FALSE(LoadErrorCollector(ErrorPolicy(), {"a.csv.gz"}).OnReadFailure(0, truncated).ok());
  // CONTINUE: the file keeps what was read before the error.
  LoadErrorCollector continuing(*ParseOnError("CONTINUE"), {"a.csv.gz"});
  EXPECT_TRUE(continuing.OnReadFailure(0, truncated).ok());
  FileErrorSummary summary = continuing.Finish(0, 100);
  EXPECT_FALSE(summary.skipped);
  ASSERT_TRUE(summary.file_error.has_value());
  EXPECT_EQ(summary.file_error->reason, truncated.message());
  EXPECT_EQ(summary.file_error->kind, RowErrorKind::kFile);
  EXPECT_EQ(summary.file_error->code, 1216);
  EXPECT_EQ(summary.errors, 1);
  // SKIP_FILE: the file is dropped.
  LoadErrorCollector skipping(*ParseOnError("SKIP_FILE"), {"a.csv.gz"});
  EXPECT_TRUE(skipping.OnReadFailure(0, truncated).ok());
  EXPECT_TRUE(skipping.Finish(0, 100).skipped);
  // A store failing is never the data's fault: it fails the COPY under any policy.
  EXPECT_FALSE(continuing.OnReadFailure(0, Status::IOError("connection reset")).ok());
}

TEST(LoadErrorCollectorTest, KeepsErrorsInFileAndLineOrderUpToTheCap) {
  LoadErrorCollector collector(*ParseOnError("CONTINUE"), {"a.csv", "b.csv"});
  EXPECT_TRUE(collector.sink(1)->OnRowError(Bad("b.csv", 1)).ok());
  EXPECT_TRUE(collector.sink(0)->OnRowError(Bad("a.csv", 9)).ok());
  EXPECT_TRUE(collector.sink(0)->OnRowError(Bad("a.csv", 2)).ok());
  std::vector<RowError> errors = collector.TakeErrors();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[1].line, 9);
  EXPECT_EQ(errors[2].file, "b.csv");

  LoadErrorCollector capped(*ParseOnError("CONTINUE"), {"a.csv"}, /*memory_cap_bytes=*/1);
  EXPECT_TRUE(capped.sink(0)->OnRowError(Bad("a.csv", 1)).ok());
  EXPECT_TRUE(capped.TakeErrors().empty());
  EXPECT_EQ(capped.dropped_errors(), 1);
  EXPECT_EQ(capped.total_errors(), 1);
}

}  // namespace
}  // namespace inlet
