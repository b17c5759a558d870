#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/row_error.h"
#include "inlet/result.h"

namespace inlet {

/// When bad input stops a file or the whole COPY: one model behind every dialect's words
/// (docs/errors.md). A file may hold `max_errors` errors (or, for SKIP_FILE_n%, errors up to
/// `max_error_percent` of its rows); one more trips the limit, which then either aborts the
/// statement or skips the file.
struct ErrorPolicy {
  enum class OnLimit : uint8_t { kAbortStatement, kSkipFile };
  OnLimit on_limit = OnLimit::kAbortStatement;
  /// Errors a file may have without tripping the limit; nullopt: any number.
  std::optional<int64_t> max_errors = 0;
  /// SKIP_FILE_n%: skip the file when its errors are more than this percent of its rows. Known
  /// only at the end of the file, so max_errors is nullopt with it.
  std::optional<double> max_error_percent;
  /// How the statement said it ("ON_ERROR = SKIP_FILE_3", "MAX_ERRORS_PER_FILE = 5").
  std::string text = "ON_ERROR = ABORT_STATEMENT";
  /// Reasons in Firebolt's words for casts and NOT NULL ("Unable to cast text 'x' to integer"),
  /// for statements in Firebolt's form.
  bool firebolt_messages = false;

  /// Whether a file's rows can be dropped after they were read (the file is then written to data
  /// files of its own).
  bool can_skip_files() const {
    return on_limit == OnLimit::kSkipFile && (max_errors || max_error_percent);
  }
  /// Whether no number of errors changes the outcome (CONTINUE, MAX_ERRORS_PER_FILE = '100%').
  bool unlimited() const { return !max_errors && !max_error_percent; }
};

/// Snowflake's ON_ERROR value: CONTINUE | SKIP_FILE | SKIP_FILE_<n> | SKIP_FILE_<n>% |
/// ABORT_STATEMENT (case-insensitive). InvalidArgument naming the value otherwise.
Result<ErrorPolicy> ParseOnError(std::string_view value);

/// Firebolt's MAX_ERRORS_PER_FILE: an integer n >= 0 (the COPY fails when a file has more than n
/// rejected rows), '0%' (the same as 0) or '100%' (any number).
Result<ErrorPolicy> ParseMaxErrorsPerFile(std::string_view value);

/// The reason of `error` as Firebolt words it, for casts and NOT NULL; others keep theirs.
std::string FireboltReason(const RowError& error);

/// What became of one source file, once all its parts were read.
struct FileErrorSummary {
  int64_t errors = 0;
  /// The limit tripped (or, under an unlimited policy, a file-level error ended the read):
  /// the file's rows are dropped when the policy skips files.
  bool skipped = false;
  /// A file-level error (the file is truncated, unreadable as its format, ...).
  std::optional<RowError> file_error;
  /// The earliest rejected row of the file (by line), or the file error when there is none.
  std::optional<RowError> first_error;
};

/// Collects the bad rows of a COPY and applies the ErrorPolicy per source file. Readers of the
/// same file (its splits, read in parallel) share the file's sink. Keeps every rejected row up
/// to `memory_cap_bytes` of text; past it rows are still counted (errors stays exact) but not
/// kept, and dropped_errors() says how many. Thread safe.
class LoadErrorCollector {
 public:
  LoadErrorCollector(ErrorPolicy policy, std::vector<std::string> file_names,
                     int64_t memory_cap_bytes = int64_t{64} << 20);
  ~LoadErrorCollector();

  const ErrorPolicy& policy() const { return policy_; }

  /// The sink for readers of file `file` (an index into file_names).
  RowErrorSink* sink(size_t file);

  /// Whether file `file` must not be read further (its limit tripped).
  bool stopped(size_t file) const;

  /// A read of file `file` failed with `status`. OK when the policy absorbs it: an InvalidData
  /// error (the bytes are not what the format says) under a policy that skips files or allows
  /// any number of errors, or the error a tripped limit made a reader return. Anything else
  /// (an I/O error, a tripped limit under ABORT_STATEMENT) comes back to fail the COPY.
  Status OnReadFailure(size_t file, const Status& status);

  /// After every part of file `file` was read: decides SKIP_FILE_n% from its `rows_parsed`.
  FileErrorSummary Finish(size_t file, int64_t rows_parsed);

  /// Every kept rejected row and file error, ordered by file, then line.
  std::vector<RowError> TakeErrors();
  int64_t total_errors() const;
  int64_t dropped_errors() const;

  /// The number of errors that trips the limit of a file of `rows_parsed` rows (Snowflake's
  /// error_limit); `rows_parsed` when no number does, as Snowflake shows for CONTINUE.
  int64_t ErrorLimit(int64_t rows_parsed) const;

 private:
  class FileSink;
  Status Record(size_t file, RowError error);

  ErrorPolicy policy_;
  std::vector<std::string> file_names_;
  std::vector<std::unique_ptr<FileSink>> sinks_;
  int64_t memory_cap_bytes_;
  mutable std::mutex mutex_;
  std::vector<std::pair<size_t, RowError>> kept_;
  int64_t kept_bytes_ = 0;
  int64_t dropped_ = 0;
  std::vector<FileErrorSummary> files_;
  std::unique_ptr<std::atomic<bool>[]> stopped_;
};

}  // namespace inlet
