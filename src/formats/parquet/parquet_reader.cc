#include "formats/parquet/parquet_reader.h"

#include <cstring>

#include "formats/parquet/column_reader.h"

namespace inlet {

namespace {

constexpr int64_t kMagicSize = 4;
// Footer length (4 bytes) plus the trailing magic.
constexpr int64_t kTailSize = 8;
// A row group may hold at most this many rows. Run-length encoded NULLs cost almost no bytes in
// the file, so this, not the file size, bounds what decoding one row group can allocate.
constexpr int64_t kMaxRowGroupRows = int64_t{1} << 27;

}  // namespace

Result<std::unique_ptr<ParquetFileReader>> ParquetFileReader::Open(
    std::shared_ptr<RandomAccessFile> file, std::string display_name) {
  std::unique_ptr<ParquetFileReader> reader(
      new ParquetFileReader(std::move(file), std::move(display_name)));
  INLET_RETURN_NOT_OK(reader->ReadFooter());
  return reader;
}

Status ParquetFileReader::ReadFooter() {
  const std::string& name = display_name_;
  INLET_ASSIGN_OR_RETURN(file_size_, file_->GetSize());
  if (file_size_ < kMagicSize + kTailSize) {
    return Status::InvalidData(name + ": not a Parquet file (only " + std::to_string(file_size_) +
                               " bytes)");
  }
  INLET_ASSIGN_OR_RETURN(std::string head, file_->ReadRange(0, kMagicSize));
  INLET_ASSIGN_OR_RETURN(std::string tail, file_->ReadRange(file_size_ - kTailSize, kTailSize));
  if (tail.substr(4) == "PARE") {
    return Status::NotImplemented(name + ": encrypted Parquet files are not supported");
  }
  if (head != "PAR1" || tail.substr(4) != "PAR1") {
    return Status::InvalidData(name + ": not a Parquet file (no PAR1 magic)");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail.data(), 4);
  if (footer_length > static_cast<uint64_t>(file_size_ - kMagicSize - kTailSize)) {
    return Status::InvalidData(name + ": Parquet footer length " + std::to_string(footer_length) +
                               " exceeds the file size " + std::to_string(file_size_));
  }
  data_end_ = file_size_ - kTailSize - footer_length;
  INLET_ASSIGN_OR_RETURN(std::string footer, file_->ReadRange(data_end_, footer_length));
  bytes_read_ += footer_length + kMagicSize + kTailSize;
  auto metadata = parquet::DeserializeFileMetaData(footer);
  if (!metadata.ok()) return metadata.status().WithContext(name + ": invalid Parquet footer");
  metadata_ = std::move(metadata).ValueOrDie();
  if (metadata_.encrypted) {
    return Status::NotImplemented(name + ": encrypted Parquet files are not supported");
  }
  INLET_ASSIGN_OR_RETURN(columns_, parquet::ColumnsFromParquetSchema(metadata_.schema, name));
  std::vector<Field> fields;
  for (const parquet::ColumnDescriptor& c : columns_) {
    fields.push_back(Field{c.name, c.type, c.max_definition_level > 0, std::nullopt});
  }
  schema_ = std::make_shared<Schema>(std::move(fields));

  int64_t total_rows = 0;
  for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
    const parquet::RowGroup& group = metadata_.row_groups[g];
    std::string where = name + ": row group " + std::to_string(g);
    if (group.num_rows < 0 || group.num_rows > kMaxRowGroupRows) {
      return Status::InvalidData(where + " claims " + std::to_string(group.num_rows) + " rows");
    }
    if (group.columns.size() != columns_.size()) {
      return Status::InvalidData(where + " has " + std::to_string(group.columns.size()) +
                                 " column chunks for " + std::to_string(columns_.size()) +
                                 " columns");
    }
    total_rows += group.num_rows;
  }
  if (total_rows != metadata_.num_rows) {
    return Status::InvalidData(name + ": the footer says " + std::to_string(metadata_.num_rows) +
                               " rows but its row groups hold " + std::to_string(total_rows));
  }
  return Status::OK();
}

Result<ColumnPtr> ParquetFileReader::ReadColumn(int row_group, int column) {
  const parquet::ColumnDescriptor& desc = columns_[column];
  const parquet::RowGroup& group = metadata_.row_groups[row_group];
  const parquet::ColumnChunk& chunk = group.columns[column];
  std::string where = display_name_ + ": column \"" + desc.name + "\" (row group " +
                      std::to_string(row_group) + ")";
  if (chunk.file_path) {
    return Status::NotImplemented(where + " is stored in another file");
  }
  if (!chunk.meta_data) return Status::InvalidData(where + " has no column metadata");
  const parquet::ColumnMetaData& meta = *chunk.meta_data;
  if (meta.type != desc.physical) {
    return Status::InvalidData(where + " is stored as " + parquet::TypeName(meta.type) +
                               " but the schema says " + parquet::TypeName(desc.physical));
  }
  auto out = std::make_shared<Column>(desc.type);
  // Writers put anything, even offset 0, in the metadata of an empty chunk.
  if (group.num_rows == 0) return out;
  int64_t start = meta.data_page_offset;
  // Some writers store 0 for "no dictionary page".
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0) {
    start = std::min(start, *meta.dictionary_page_offset);
  }
  if (start < kMagicSize || meta.total_compressed_size < 0 ||
      meta.total_compressed_size > data_end_ - start) {
    return Status::InvalidData(where + " lies outside the file's data (offset " +
                               std::to_string(start) + ", " +
                               std::to_string(meta.total_compressed_size) + " bytes)");
  }
  INLET_ASSIGN_OR_RETURN(std::string bytes, file_->ReadRange(start, meta.total_compressed_size));
  bytes_read_ += meta.total_compressed_size;
  INLET_RETURN_NOT_OK(
      parquet::ReadColumnChunk(desc, meta.codec, bytes, group.num_rows, where, out.get()));
  return out;
}

Result<RecordBatchPtr> ParquetFileReader::ReadRowGroup(int index, const std::vector<int>& columns) {
  if (index < 0 || index >= num_row_groups()) {
    return Status::InvalidArgument(display_name_ + ": no row group " + std::to_string(index));
  }
  std::vector<Field> fields;
  std::vector<ColumnPtr> out;
  for (int c : columns) {
    if (c < 0 || static_cast<size_t>(c) >= columns_.size()) {
      return Status::InvalidArgument(display_name_ + ": no column " + std::to_string(c));
    }
    fields.push_back(schema_->field(c));
    INLET_ASSIGN_OR_RETURN(ColumnPtr column, ReadColumn(index, c));
    out.push_back(std::move(column));
  }
  return std::make_shared<RecordBatch>(std::make_shared<Schema>(std::move(fields)), std::move(out),
                                       metadata_.row_groups[index].num_rows);
}

}  // namespace inlet
