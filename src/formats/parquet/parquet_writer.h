#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "formats/parquet/column_writer.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/writer.h"
#include "io/stream.h"
#include "types/schema.h"

namespace inlet {

/// Settings of a Parquet file writer.
struct ParquetWriterOptions {
  /// UNCOMPRESSED, SNAPPY or ZSTD.
  parquet::Codec codec = parquet::Codec::kSnappy;
  int zstd_level = 3;
  /// A row group is closed when it reaches either limit (bytes are estimated, after encoding).
  int64_t row_group_rows = 1 << 20;
  int64_t row_group_bytes = int64_t{128} << 20;
  /// Target size of one data page before compression.
  int64_t data_page_bytes = 1 << 20;
  /// Dictionary-encode columns until a column chunk's dictionary exceeds the limit, then PLAIN.
  bool dictionary = true;
  int64_t dictionary_page_bytes = 1 << 20;
};

/// Writes batches into one Parquet file: flat schema, data pages v1, PLAIN or RLE_DICTIONARY
/// values, statistics per column chunk. Row groups are buffered in memory until closed.
/// Not thread safe.
class ParquetWriter : public FormatWriter {
 public:
  /// Writes the leading magic; InvalidArgument for an unsupported codec or bad limits.
  static Result<std::unique_ptr<ParquetWriter>> Make(std::unique_ptr<OutputStream> out,
                                                     SchemaPtr schema,
                                                     const ParquetWriterOptions& options);

  Status Write(const RecordBatch& batch) override;
  int64_t EstimatedFileSize() const override;
  Result<WrittenFileInfo> Finish() override;

 private:
  ParquetWriter(std::unique_ptr<OutputStream> out, SchemaPtr schema,
                const ParquetWriterOptions& options);
  void StartRowGroup();
  Status FlushRowGroup();

  std::unique_ptr<OutputStream> out_;
  SchemaPtr schema_;
  ParquetWriterOptions options_;
  parquet::ColumnWriterSettings settings_;
  std::vector<parquet::ColumnDescriptor> columns_;

  std::vector<std::unique_ptr<parquet::ColumnChunkWriter>> chunk_writers_;
  int64_t row_group_rows_ = 0;
  std::vector<parquet::RowGroup> row_groups_;
  int64_t num_rows_ = 0;
  std::vector<ColumnStatistics> stats_;
  bool finished_ = false;
};

}  // namespace inlet
