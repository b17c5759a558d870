#include "exec/load_errors.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/string_util.h"

namespace inlet {

namespace {

std::optional<int64_t> ParseCount(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < 0) {
    return std::nullopt;
  }
  return value;
}

// Errors that say the file's bytes are not what the load expects, which a policy may skip past;
// anything else (a store or disk failing) fails the COPY whatever the policy.
bool IsDataError(const Status& status) {
  return status.code() == StatusCode::kInvalidData || status.code() == StatusCode::kCastError;
}

int64_t ErrorBytes(const RowError& error) {
  return static_cast<int64_t>(sizeof(RowError) + error.file.size() + error.raw_line.size() +
                              error.raw_value.size() + error.reason.size() +
                              error.column_name.size());
}

bool Earlier(const RowError& a, const RowError& b) {
  if (a.line != b.line) return a.line >= 0 && (b.line < 0 || a.line < b.line);
  return a.byte_offset < b.byte_offset;
}

// Firebolt's type names in messages: lower case, TEXT for VARCHAR.
std::string FireboltTypeName(const std::string& type) {
  std::string lower = AsciiToLower(type);
  if (lower.rfind("varchar", 0) == 0) return "text";
  return lower;
}

}  // namespace

std::string FireboltReason(const RowError& error) {
  switch (error.kind) {
    case RowErrorKind::kCast:
      return "Unable to cast text " + QuoteSqlString(error.raw_value) + " to " +
             FireboltTypeName(error.column_type);
    case RowErrorKind::kNotNull:
      return "The INSERT INTO statement failed because it tried to insert a NULL into the column " +
             error.column_name +
             ", which is NOT NULL. Please specify a value or redefine the column's logical "
             "constraints.";
    default:
      return error.reason;
  }
}

Result<ErrorPolicy> ParseOnError(std::string_view value) {
  const std::string upper = AsciiToUpper(std::string(value));
  ErrorPolicy policy;
  policy.text = "ON_ERROR = " + upper;
  if (upper == "ABORT_STATEMENT") return policy;
  if (upper == "CONTINUE") {
    policy.max_errors.reset();
    return policy;
  }
  policy.on_limit = ErrorPolicy::OnLimit::kSkipFile;
  if (upper == "SKIP_FILE") return policy;
  constexpr std::string_view kSkipFilePrefix = "SKIP_FILE_";
  if (upper.rfind(kSkipFilePrefix, 0) == 0) {
    std::string_view number = std::string_view(upper).substr(kSkipFilePrefix.size());
    const bool percent = !number.empty() && number.back() == '%';
    if (percent) number.remove_suffix(1);
    std::optional<int64_t> n = ParseCount(number);
    if (n && percent && *n <= 100) {
      policy.max_errors.reset();
      policy.max_error_percent = static_cast<double>(*n);
      return policy;
    }
    // SKIP_FILE_n skips a file with n errors or more: it may hold n - 1.
    if (n && !percent && *n >= 1) {
      policy.max_errors = *n - 1;
      return policy;
    }
  }
  return Status::InvalidArgument("ON_ERROR must be CONTINUE, SKIP_FILE, SKIP_FILE_<n> (n >= 1), "
                                 "'SKIP_FILE_<n>%' (0 to 100) or ABORT_STATEMENT, not '" +
                                 std::string(value) + "'");
}

Result<ErrorPolicy> ParseMaxErrorsPerFile(std::string_view value) {
  ErrorPolicy policy;
  policy.text = "MAX_ERRORS_PER_FILE = " + std::string(value);
  if (value == "100%") {
    policy.max_errors.reset();
    return policy;
  }
  if (value == "0%") return policy;
  if (std::optional<int64_t> n = ParseCount(value)) {
    policy.max_errors = *n;
    return policy;
  }
  return Status::InvalidArgument(
      "MAX_ERRORS_PER_FILE must be an integer >= 0, '0%' or '100%' (the only percentages "
      "Firebolt allows), not '" + std::string(value) + "'");
}

class LoadErrorCollector::FileSink : public RowErrorSink {
 public:
  FileSink(LoadErrorCollector* collector, size_t file) : collector_(collector), file_(file) {}
  Status OnRowError(const RowError& error) override { return collector_->Record(file_, error); }

 private:
  LoadErrorCollector* collector_;
  size_t file_;
};

LoadErrorCollector::LoadErrorCollector(ErrorPolicy policy, std::vector<std::string> file_names,
                                       int64_t memory_cap_bytes)
    : policy_(std::move(policy)),
      file_names_(std::move(file_names)),
      memory_cap_bytes_(memory_cap_bytes),
      files_(file_names_.size()),
      stopped_(new std::atomic<bool>[file_names_.size()]) {
  for (size_t i = 0; i < file_names_.size(); ++i) {
    sinks_.push_back(std::make_unique<FileSink>(this, i));
    stopped_[i] = false;
  }
}

LoadErrorCollector::~LoadErrorCollector() = default;

RowErrorSink* LoadErrorCollector::sink(size_t file) { return sinks_[file].get(); }

bool LoadErrorCollector::stopped(size_t file) const { return stopped_[file].load(); }

Status LoadErrorCollector::Record(size_t file, RowError error) {
  if (policy_.firebolt_messages) error.reason = FireboltReason(error);
  std::lock_guard<std::mutex> lock(mutex_);
  FileErrorSummary& summary = files_[file];
  ++summary.errors;
  if (!summary.first_error || Earlier(error, *summary.first_error)) summary.first_error = error;
  const bool tripped = policy_.max_errors && summary.errors > *policy_.max_errors;
  std::string message;
  if (tripped && policy_.on_limit == ErrorPolicy::OnLimit::kAbortStatement) {
    message = *policy_.max_errors == 0
                  ? error.ToString()
                  : error.ToString() + " (more than " + std::to_string(*policy_.max_errors) +
                        " rejected rows in " + error.file + ": " + policy_.text + ")";
  }
  const int64_t bytes = ErrorBytes(error);
  if (kept_bytes_ + bytes <= memory_cap_bytes_) {
    kept_bytes_ += bytes;
    kept_.emplace_back(file, std::move(error));
  } else {
    ++dropped_;
  }
  if (!tripped) return Status::OK();
  if (policy_.on_limit == ErrorPolicy::OnLimit::kAbortStatement) {
    return Status::InvalidData(std::move(message));
  }
  summary.skipped = true;
  stopped_[file] = true;
  return Status::InvalidData(file_names_[file] + ": skipped (" + policy_.text + ")");
}

Status LoadErrorCollector::OnReadFailure(size_t file, const Status& status) {
  if (stopped(file) && policy_.on_limit == ErrorPolicy::OnLimit::kSkipFile) return Status::OK();
  if (!IsDataError(status) || !(policy_.unlimited() || policy_.can_skip_files())) return status;
  RowError error;
  error.kind = RowErrorKind::kFile;
  error.file = file_names_[file];
  error.reason = status.message();
  error.code = RedshiftLoadErrorCode(error.kind, TypeId::kVarchar);
  std::lock_guard<std::mutex> lock(mutex_);
  FileErrorSummary& summary = files_[file];
  ++summary.errors;
  summary.file_error = error;
  if (!summary.first_error) summary.first_error = error;
  // Under CONTINUE the rows read before the error stay loaded; a policy that skips files drops
  // them all.
  if (policy_.can_skip_files()) {
    summary.skipped = true;
    stopped_[file] = true;
  }
  kept_bytes_ += ErrorBytes(error);
  kept_.emplace_back(file, std::move(error));
  return Status::OK();
}

FileErrorSummary LoadErrorCollector::Finish(size_t file, int64_t rows_parsed) {
  std::lock_guard<std::mutex> lock(mutex_);
  FileErrorSummary& summary = files_[file];
  if (policy_.max_error_percent && !summary.skipped &&
      static_cast<double>(summary.errors) * 100.0 >
          *policy_.max_error_percent * static_cast<double>(rows_parsed)) {
    summary.skipped = true;
  }
  return summary;
}

std::vector<RowError> LoadErrorCollector::TakeErrors() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::stable_sort(kept_.begin(), kept_.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return Earlier(a.second, b.second);
  });
  std::vector<RowError> errors;
  errors.reserve(kept_.size());
  for (auto& entry : kept_) errors.push_back(std::move(entry.second));
  kept_.clear();
  kept_bytes_ = 0;
  return errors;
}

int64_t LoadErrorCollector::total_errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t total = 0;
  for (const FileErrorSummary& f : files_) total += f.errors;
  return total;
}

int64_t LoadErrorCollector::dropped_errors() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

int64_t LoadErrorCollector::ErrorLimit(int64_t rows_parsed) const {
  if (policy_.max_errors) return *policy_.max_errors + 1;
  if (policy_.max_error_percent) {
    return static_cast<int64_t>(
               std::floor(*policy_.max_error_percent * static_cast<double>(rows_parsed) / 100.0)) +
           1;
  }
  return rows_parsed;
}

}  // namespace inlet
