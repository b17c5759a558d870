#include "exec/error_files.h"

#include <ctime>

namespace inlet {
namespace {

// Writes are gathered into pieces of about this size, so a COPY with millions of rejected rows
// makes few store calls and holds no second copy of them all.
constexpr size_t kWriteChunkBytes = 1 << 20;

// A file of the error folder, written in chunks and published on Close.
class ChunkedWriter {
 public:
  static Result<ChunkedWriter> Open(FileSystem& fs, const std::string& path) {
    INLET_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> stream, fs.OpenOutputStream(path));
    return ChunkedWriter(std::move(stream));
  }

  Status Append(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() < kWriteChunkBytes) return Status::OK();
    return Flush();
  }

  Status Close() {
    INLET_RETURN_NOT_OK(Flush());
    return stream_->Close();
  }

 private:
  explicit ChunkedWriter(std::unique_ptr<OutputStream> stream) : stream_(std::move(stream)) {}

  Status Flush() {
    Status status = stream_->Write(buffer_);
    buffer_.clear();
    return status;
  }

  std::unique_ptr<OutputStream> stream_;
  std::string buffer_;
};

// RFC 4180: a field with a comma, a quote or a line break is quoted, inner quotes doubled.
void AppendCsvField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string ErrorMessage(const RowError& error) {
  if (error.column_name.empty()) return error.reason;
  return "column \"" + error.column_name + "\": " + error.reason;
}

bool SameRow(const RowError& a, const RowError& b) { return a.file == b.file && a.line == b.line; }

Status WriteRejectedRows(FileSystem& fs, const std::string& path,
                         const std::vector<RowError>& errors, int64_t* rows) {
  INLET_ASSIGN_OR_RETURN(ChunkedWriter writer, ChunkedWriter::Open(fs, path));
  const RowError* previous = nullptr;
  for (const RowError& error : errors) {
    if (error.raw_line.empty()) continue;
    if (previous != nullptr && SameRow(*previous, error)) continue;
    previous = &error;
    INLET_RETURN_NOT_OK(writer.Append(error.raw_line));
    // The row keeps its own line ending when it has one; the others get '\n'.
    if (error.raw_line.back() != '\n') INLET_RETURN_NOT_OK(writer.Append("\n"));
    ++*rows;
  }
  return writer.Close();
}

Status WriteErrorReasons(FileSystem& fs, const std::string& path,
                         const std::vector<RowError>& errors) {
  INLET_ASSIGN_OR_RETURN(ChunkedWriter writer, ChunkedWriter::Open(fs, path));
  INLET_RETURN_NOT_OK(writer.Append("file_name,source_line_num,error_message\n"));
  std::string row;
  for (const RowError& error : errors) {
    row.clear();
    AppendCsvField(error.file, &row);
    row += ',';
    row += std::to_string(error.line < 0 ? 0 : error.line);
    row += ',';
    AppendCsvField(ErrorMessage(error), &row);
    row += '\n';
    INLET_RETURN_NOT_OK(writer.Append(row));
  }
  return writer.Close();
}

}  // namespace

std::string ErrorFilesFolderName(int64_t start_micros, std::string_view query_id) {
  std::time_t seconds = static_cast<std::time_t>(start_micros / 1'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &utc);
  return std::string(stamp) + "-" + std::string(query_id);
}

Result<ErrorFilesWritten> WriteErrorFiles(FileSystem& fs, std::string_view dir,
                                          int64_t start_micros, std::string_view query_id,
                                          const std::vector<RowError>& errors) {
  ErrorFilesWritten written;
  written.folder = JoinPath(dir, ErrorFilesFolderName(start_micros, query_id));
  bool any_raw_line = false;
  for (const RowError& error : errors) any_raw_line = any_raw_line || !error.raw_line.empty();
  if (any_raw_line) {
    INLET_RETURN_NOT_OK(WriteRejectedRows(fs, JoinPath(written.folder, "rejected_rows.csv"),
                                          errors, &written.rejected_rows)
                            .WithContext("ERROR_FILE"));
  }
  INLET_RETURN_NOT_OK(WriteErrorReasons(fs, JoinPath(written.folder, "error_reasons.csv"), errors)
                          .WithContext("ERROR_FILE"));
  written.error_reasons = static_cast<int64_t>(errors.size());
  return written;
}

}  // namespace inlet
