#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "io/stream.h"
#include "types/column.h"
#include "types/schema.h"

namespace inlet {

/// Reads a Parquet file: its footer at Open, then whole row groups of chosen columns.
/// Flat schemas only for now (nested columns are NotImplemented at Open). Errors name the file.
/// ReadRowGroup may be called from several threads at once.
class ParquetFileReader {
 public:
  /// Reads and checks the footer. InvalidData when the file is not Parquet or is malformed,
  /// NotImplemented (naming the column) for columns inlet cannot map yet.
  static Result<std::unique_ptr<ParquetFileReader>> Open(std::shared_ptr<RandomAccessFile> file,
                                                         std::string display_name);

  /// The file's columns as inlet fields; OPTIONAL columns are nullable.
  const Schema& schema() const { return *schema_; }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t num_rows() const { return metadata_.num_rows; }
  int64_t row_group_num_rows(int index) const { return metadata_.row_groups[index].num_rows; }
  const parquet::FileMetaData& metadata() const { return metadata_; }
  const std::string& display_name() const { return display_name_; }
  /// Bytes read from the file so far (footer and column chunks).
  int64_t bytes_read() const { return bytes_read_.load(); }

  /// Decodes row group `index`, only `columns` (indexes into schema(), in that order); the batch's
  /// schema holds those fields. REQUIRES: 0 <= index < num_row_groups().
  Result<RecordBatchPtr> ReadRowGroup(int index, const std::vector<int>& columns);

 private:
  ParquetFileReader(std::shared_ptr<RandomAccessFile> file, std::string display_name)
      : file_(std::move(file)), display_name_(std::move(display_name)) {}
  Status ReadFooter();
  Result<ColumnPtr> ReadColumn(int row_group, int column);

  std::shared_ptr<RandomAccessFile> file_;
  std::string display_name_;
  int64_t file_size_ = 0;
  // Column chunks must lie between the leading magic and the footer.
  int64_t data_end_ = 0;
  parquet::FileMetaData metadata_;
  std::vector<parquet::ColumnDescriptor> columns_;
  SchemaPtr schema_;
  std::atomic<int64_t> bytes_read_{0};
};

}  // namespace inlet
