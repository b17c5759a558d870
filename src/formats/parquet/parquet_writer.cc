#include "formats/parquet/parquet_writer.h"

#include "formats/parquet/parquet_schema.h"

namespace inlet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr const char* kCreatedBy = "inlet version 0.1.0";

}  // namespace

ParquetWriter::ParquetWriter(std::unique_ptr<OutputStream> out, SchemaPtr schema,
                             const ParquetWriterOptions& options)
    : out_(std::move(out)), schema_(std::move(schema)), options_(options) {
  settings_.codec = options.codec;
  settings_.zstd_level = options.zstd_level;
  settings_.data_page_bytes = options.data_page_bytes;
  settings_.dictionary = options.dictionary;
  settings_.dictionary_page_bytes = options.dictionary_page_bytes;
  for (const Field& field : schema_->fields()) {
    columns_.push_back(parquet::DescribeFieldForWrite(field));
  }
  stats_.resize(columns_.size());
}

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Make(std::unique_ptr<OutputStream> out,
                                                           SchemaPtr schema,
                                                           const ParquetWriterOptions& options) {
  using parquet::Codec;
  if (options.codec != Codec::kUncompressed && options.codec != Codec::kSnappy &&
      options.codec != Codec::kZstd) {
    return Status::InvalidArgument("inlet cannot write Parquet with codec " +
                                   parquet::CodecName(options.codec));
  }
  if (options.row_group_rows < 1 || options.row_group_bytes < 1 || options.data_page_bytes < 1 ||
      options.dictionary_page_bytes < 1) {
    return Status::InvalidArgument(
        "Parquet row group, page and dictionary limits must be positive");
  }
  if (schema->empty()) return Status::InvalidArgument("a Parquet file needs at least one column");
  INLET_RETURN_NOT_OK(out->Write(kMagic, 4));
  std::unique_ptr<ParquetWriter> writer(
      new ParquetWriter(std::move(out), std::move(schema), options));
  writer->StartRowGroup();
  return writer;
}

void ParquetWriter::StartRowGroup() {
  chunk_writers_.clear();
  for (const parquet::ColumnDescriptor& desc : columns_) {
    chunk_writers_.push_back(std::make_unique<parquet::ColumnChunkWriter>(desc, settings_));
  }
  row_group_rows_ = 0;
}

Status ParquetWriter::Write(const RecordBatch& batch) {
  if (finished_) return Status::Internal("ParquetWriter::Write after Finish");
  if (batch.num_columns() != columns_.size()) {
    return Status::Internal("batch has " + std::to_string(batch.num_columns()) +
                            " columns, the Parquet writer's schema " +
                            std::to_string(columns_.size()));
  }
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (!(batch.column(c)->type() == columns_[c].type)) {
      return Status::Internal("batch column \"" + columns_[c].name + "\" is " +
                              batch.column(c)->type().ToString() + ", the Parquet writer expects " +
                              columns_[c].type.ToString());
    }
  }
  int64_t offset = 0;
  while (offset < batch.num_rows()) {
    int64_t take = std::min(batch.num_rows() - offset, options_.row_group_rows - row_group_rows_);
    for (size_t c = 0; c < columns_.size(); ++c) {
      INLET_RETURN_NOT_OK(chunk_writers_[c]->Write(*batch.column(c), offset, offset + take));
    }
    row_group_rows_ += take;
    offset += take;
    int64_t group_bytes = 0;
    for (const auto& w : chunk_writers_) group_bytes += w->EstimatedSize();
    if (row_group_rows_ >= options_.row_group_rows || group_bytes >= options_.row_group_bytes) {
      INLET_RETURN_NOT_OK(FlushRowGroup());
    }
  }
  return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
  if (row_group_rows_ == 0) return Status::OK();
  parquet::RowGroup group;
  group.num_rows = row_group_rows_;
  group.file_offset = out_->Tell();
  group.ordinal = static_cast<int16_t>(row_groups_.size());
  int64_t compressed = 0;
  for (size_t c = 0; c < columns_.size(); ++c) {
    parquet::ColumnChunk chunk;
    INLET_RETURN_NOT_OK(chunk_writers_[c]->WriteTo(out_.get(), &chunk));
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    parquet::MergeStatistics(chunk_writers_[c]->statistics(), &stats_[c]);
    group.columns.push_back(std::move(chunk));
  }
  group.total_compressed_size = compressed;
  num_rows_ += row_group_rows_;
  row_groups_.push_back(std::move(group));
  StartRowGroup();
  return Status::OK();
}

int64_t ParquetWriter::EstimatedFileSize() const {
  int64_t size = out_->Tell();
  for (const auto& w : chunk_writers_) size += w->EstimatedSize();
  // The footer: roughly a hundred bytes per column chunk.
  size += static_cast<int64_t>(columns_.size() * (row_groups_.size() + 1)) * 100;
  return size;
}

Result<WrittenFileInfo> ParquetWriter::Finish() {
  if (finished_) return Status::Internal("ParquetWriter::Finish called twice");
  finished_ = true;
  INLET_RETURN_NOT_OK(FlushRowGroup());
  parquet::FileMetaData meta;
  meta.version = 2;  // RLE_DICTIONARY is a format 2 encoding
  meta.schema = parquet::ToParquetSchema(*schema_);
  meta.num_rows = num_rows_;
  meta.row_groups = std::move(row_groups_);
  meta.created_by = kCreatedBy;
  // TYPE_ORDER tells readers min_value/max_value follow each type's sort order.
  meta.num_type_defined_column_orders = static_cast<int32_t>(columns_.size());
  std::string footer = parquet::SerializeFileMetaData(meta);
  uint32_t footer_length = static_cast<uint32_t>(footer.size());
  INLET_RETURN_NOT_OK(out_->Write(footer));
  INLET_RETURN_NOT_OK(out_->Write(&footer_length, 4));
  INLET_RETURN_NOT_OK(out_->Write(kMagic, 4));
  WrittenFileInfo info;
  info.num_rows = num_rows_;
  info.file_size = out_->Tell();
  info.column_stats = std::move(stats_);
  INLET_RETURN_NOT_OK(out_->Close());
  return info;
}

}  // namespace inlet
