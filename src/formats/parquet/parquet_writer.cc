#include "formats/parquet/parquet_writer.h"

#include <utility>

#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_schema.h"

namespace inlet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr const char* kCreatedBy = "inlet version 0.1.0";

}  // namespace

ParquetWriter::NestedNulls ParquetWriter::NullsFor(const parquet::SchemaNode& node) {
  NestedNulls nulls;
  if (node.kind == parquet::SchemaNode::Kind::kStruct) {
    for (const parquet::SchemaNode& child : node.children)
      nulls.children.push_back(NullsFor(child));
  }
  return nulls;
}

ParquetWriter::ParquetWriter(std::unique_ptr<OutputStream> out, SchemaPtr schema,
                             const ParquetWriterOptions& options)
    : out_(std::move(out)), schema_(std::move(schema)), options_(options) {
  settings_.codec = options.codec;
  settings_.compression_level = options.compression_level;
  settings_.data_page_version = options.data_page_version;
  settings_.data_page_bytes = options.data_page_bytes;
  settings_.data_page_rows = options.data_page_rows;
  settings_.dictionary = options.dictionary;
  settings_.dictionary_page_bytes = options.dictionary_page_bytes;
  tree_ = parquet::SchemaTreeForWrite(*schema_, options.field_naming);
  shredded_.resize(tree_.leaves.size());
  leaf_stats_.resize(tree_.leaves.size());
  for (const parquet::SchemaNode& node : tree_.fields) nested_nulls_.push_back(NullsFor(node));
}

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Make(std::unique_ptr<OutputStream> out,
                                                           SchemaPtr schema,
                                                           const ParquetWriterOptions& options) {
  using parquet::Codec;
  if (options.codec != Codec::kUncompressed && options.codec != Codec::kSnappy &&
      options.codec != Codec::kZstd && options.codec != Codec::kGzip &&
      options.codec != Codec::kLz4Raw) {
    return Status::InvalidArgument("inlet cannot write Parquet with codec " +
                                   parquet::CodecName(options.codec));
  }
  const auto [min_level, max_level] = options.codec == Codec::kZstd   ? std::pair{1, 22}
                                      : options.codec == Codec::kGzip ? std::pair{1, 9}
                                                                      : std::pair{0, 0};
  if (options.compression_level != 0 &&
      (options.compression_level < min_level || options.compression_level > max_level)) {
    if (max_level == 0) {
      return Status::InvalidArgument("Parquet codec " + parquet::CodecName(options.codec) +
                                     " takes no compression level");
    }
    return Status::InvalidArgument("Parquet " + parquet::CodecName(options.codec) +
                                   " compression level must be from " + std::to_string(min_level) +
                                   " to " + std::to_string(max_level) + ", not " +
                                   std::to_string(options.compression_level));
  }
  if (options.data_page_version != 1 && options.data_page_version != 2) {
    return Status::InvalidArgument("Parquet data page version must be 1 or 2, not " +
                                   std::to_string(options.data_page_version));
  }
  if (options.row_group_rows < 1 || options.row_group_bytes < 1 || options.data_page_bytes < 1 ||
      options.data_page_rows < 1 || options.dictionary_page_bytes < 1) {
    return Status::InvalidArgument(
        "Parquet row group, page and dictionary limits must be positive");
  }
  if (schema->empty()) return Status::InvalidArgument("a Parquet file needs at least one column");
  if (!options.field_naming.empty() && options.field_naming.size() != schema->num_fields()) {
    return Status::InvalidArgument(
        "Parquet field naming has " + std::to_string(options.field_naming.size()) +
        " entries for a schema of " + std::to_string(schema->num_fields()) + " columns");
  }
  INLET_RETURN_NOT_OK(out->Write(kMagic, 4));
  std::unique_ptr<ParquetWriter> writer(
      new ParquetWriter(std::move(out), std::move(schema), options));
  writer->StartRowGroup();
  if (options.memory_budget) options.memory_budget->Join();
  return writer;
}

ParquetWriter::~ParquetWriter() {
  if (!finished_ && options_.memory_budget) options_.memory_budget->Leave();
}

void ParquetWriter::StartRowGroup() {
  chunk_writers_.clear();
  for (const parquet::ColumnDescriptor& desc : tree_.leaves) {
    chunk_writers_.push_back(std::make_unique<parquet::ColumnChunkWriter>(desc, settings_));
  }
  row_group_rows_ = 0;
}

Status ParquetWriter::Write(const RecordBatch& batch) {
  if (finished_) return Status::Internal("ParquetWriter::Write after Finish");
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::Internal("batch has " + std::to_string(batch.num_columns()) +
                            " columns, the Parquet writer's schema " +
                            std::to_string(schema_->num_fields()));
  }
  for (size_t c = 0; c < schema_->num_fields(); ++c) {
    const Field& field = schema_->field(c);
    if (!(batch.column(c)->type() == field.type)) {
      return Status::Internal("batch column \"" + field.name + "\" is " +
                              batch.column(c)->type().ToString() + ", the Parquet writer expects " +
                              field.type.ToString());
    }
  }
  int64_t offset = 0;
  while (offset < batch.num_rows()) {
    int64_t take = std::min(batch.num_rows() - offset, options_.row_group_rows - row_group_rows_);
    for (size_t c = 0; c < schema_->num_fields(); ++c) {
      INLET_RETURN_NOT_OK(WriteField(c, *batch.column(c), offset, offset + take));
    }
    row_group_rows_ += take;
    offset += take;
    int64_t group_bytes = 0;
    int64_t group_memory = 0;
    for (const auto& w : chunk_writers_) {
      group_bytes += w->EstimatedSize();
      group_memory += w->MemoryUsage();
    }
    if (row_group_rows_ >= options_.row_group_rows || group_bytes >= options_.row_group_bytes ||
        (options_.memory_budget && group_memory >= options_.memory_budget->Share())) {
      INLET_RETURN_NOT_OK(FlushRowGroup());
    }
  }
  return Status::OK();
}

Status ParquetWriter::WriteField(size_t field, const Column& column, int64_t begin, int64_t end) {
  const parquet::SchemaNode& node = tree_.fields[field];
  if (node.kind == parquet::SchemaNode::Kind::kLeaf) {
    // The hot path of flat tables: values straight from the column, no levels to build.
    return chunk_writers_[node.leaf_begin]->Write(column, begin, end);
  }
  for (int l = node.leaf_begin; l < node.leaf_end; ++l) shredded_[l].Clear();
  INLET_RETURN_NOT_OK(parquet::ShredColumn(node, column, begin, end, &shredded_));
  for (int l = node.leaf_begin; l < node.leaf_end; ++l) {
    const parquet::ShreddedLeaf& leaf = shredded_[l];
    INLET_RETURN_NOT_OK(chunk_writers_[l]->WriteLevels(leaf.def_levels, leaf.rep_levels,
                                                       leaf.values, leaf.value_rows));
  }
  CountNestedNulls(node, column, begin, end, &nested_nulls_[field]);
  return Status::OK();
}

void ParquetWriter::CountNestedNulls(const parquet::SchemaNode& node, const Column& column,
                                     int64_t begin, int64_t end, NestedNulls* nulls) {
  if (node.kind == parquet::SchemaNode::Kind::kLeaf) return;  // its chunk counts them
  // A NULL struct holds a NULL in every field, so each field's own NULLs include its parents'.
  if (column.null_count() > 0) {
    for (int64_t i = begin; i < end; ++i) nulls->null_count += column.IsNull(i) ? 1 : 0;
  }
  if (node.kind != parquet::SchemaNode::Kind::kStruct) return;
  for (size_t i = 0; i < node.children.size(); ++i) {
    CountNestedNulls(node.children[i], column.child(i), begin, end, &nulls->children[i]);
  }
}

ColumnStatistics ParquetWriter::NodeStatistics(const parquet::SchemaNode& node,
                                               const NestedNulls& nulls) const {
  if (node.kind == parquet::SchemaNode::Kind::kLeaf) return leaf_stats_[node.leaf_begin];
  ColumnStatistics stats;
  stats.null_count = nulls.null_count;
  if (node.kind == parquet::SchemaNode::Kind::kStruct) {
    for (size_t i = 0; i < node.children.size(); ++i) {
      stats.children.push_back(NodeStatistics(node.children[i], nulls.children[i]));
    }
  }
  return stats;
}

Status ParquetWriter::FlushRowGroup() {
  if (row_group_rows_ == 0) return Status::OK();
  parquet::RowGroup group;
  group.num_rows = row_group_rows_;
  group.file_offset = out_->Tell();
  group.ordinal = static_cast<int16_t>(row_groups_.size());
  int64_t compressed = 0;
  std::vector<parquet::ChunkPageIndex>& page_indexes = page_indexes_.emplace_back();
  for (size_t c = 0; c < chunk_writers_.size(); ++c) {
    parquet::ColumnChunk chunk;
    INLET_RETURN_NOT_OK(
        chunk_writers_[c]->WriteTo(out_.get(), &chunk, &page_indexes.emplace_back()));
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    parquet::MergeStatistics(chunk_writers_[c]->statistics(), &leaf_stats_[c]);
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
  size += static_cast<int64_t>(tree_.leaves.size() * (row_groups_.size() + 1)) * 100;
  return size;
}

Status ParquetWriter::WritePageIndexes() {
  for (size_t g = 0; g < row_groups_.size(); ++g) {
    for (size_t c = 0; c < page_indexes_[g].size(); ++c) {
      const std::optional<parquet::ColumnIndex>& index = page_indexes_[g][c].column_index;
      if (!index) continue;
      const std::string bytes = parquet::SerializeColumnIndex(*index);
      row_groups_[g].columns[c].column_index_offset = out_->Tell();
      row_groups_[g].columns[c].column_index_length = static_cast<int32_t>(bytes.size());
      INLET_RETURN_NOT_OK(out_->Write(bytes));
    }
  }
  for (size_t g = 0; g < row_groups_.size(); ++g) {
    for (size_t c = 0; c < page_indexes_[g].size(); ++c) {
      const std::optional<parquet::OffsetIndex>& index = page_indexes_[g][c].offset_index;
      if (!index) continue;
      const std::string bytes = parquet::SerializeOffsetIndex(*index);
      row_groups_[g].columns[c].offset_index_offset = out_->Tell();
      row_groups_[g].columns[c].offset_index_length = static_cast<int32_t>(bytes.size());
      INLET_RETURN_NOT_OK(out_->Write(bytes));
    }
  }
  page_indexes_.clear();
  return Status::OK();
}

Result<WrittenFileInfo> ParquetWriter::Finish() {
  if (finished_) return Status::Internal("ParquetWriter::Finish called twice");
  finished_ = true;
  if (options_.memory_budget) options_.memory_budget->Leave();
  INLET_RETURN_NOT_OK(FlushRowGroup());
  INLET_RETURN_NOT_OK(WritePageIndexes());
  parquet::FileMetaData meta;
  meta.version = 2;  // RLE_DICTIONARY is a format 2 encoding
  meta.schema = parquet::ToParquetSchema(*schema_, options_.field_naming);
  meta.num_rows = num_rows_;
  meta.row_groups = std::move(row_groups_);
  meta.created_by = kCreatedBy;
  // TYPE_ORDER tells readers min_value/max_value follow each type's sort order.
  meta.num_type_defined_column_orders = static_cast<int32_t>(tree_.leaves.size());
  std::string footer = parquet::SerializeFileMetaData(meta);
  uint32_t footer_length = static_cast<uint32_t>(footer.size());
  INLET_RETURN_NOT_OK(out_->Write(footer));
  INLET_RETURN_NOT_OK(out_->Write(&footer_length, 4));
  INLET_RETURN_NOT_OK(out_->Write(kMagic, 4));
  WrittenFileInfo info;
  info.num_rows = num_rows_;
  info.file_size = out_->Tell();
  for (size_t f = 0; f < tree_.fields.size(); ++f) {
    info.column_stats.push_back(NodeStatistics(tree_.fields[f], nested_nulls_[f]));
  }
  INLET_RETURN_NOT_OK(out_->Close());
  return info;
}

}  // namespace inlet
