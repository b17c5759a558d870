#include "exec/table_scan.h"

#include "formats/parquet/parquet_reader.h"
#include "types/cast.h"

namespace inlet {

TableScan::TableScan(DeltaTable table, const Snapshot& snapshot)
    : table_(std::move(table)), schema_(snapshot.schema()) {
  for (const auto& [key, add] : snapshot.files) paths_.push_back(add.path);
}

Status TableScan::OpenNextFile() {
  INLET_ASSIGN_OR_RETURN(std::string path, table_.DataFilePath(paths_[next_file_++]));
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, table_.fs()->OpenInputFile(path));
  INLET_ASSIGN_OR_RETURN(reader_, ParquetFileReader::Open(std::move(file), path));
  file_columns_.assign(schema_.num_fields(), -1);
  for (size_t i = 0; i < schema_.num_fields(); ++i) {
    file_columns_[i] = reader_->schema().FindField(schema_.field(i).name);
  }
  next_row_group_ = 0;
  return Status::OK();
}

Result<bool> TableScan::Next(std::vector<Row>* rows) {
  rows->clear();
  while (!reader_ || next_row_group_ >= reader_->num_row_groups()) {
    if (next_file_ >= paths_.size()) return false;
    INLET_RETURN_NOT_OK(OpenNextFile());
  }
  std::vector<int> projection;
  for (int column : file_columns_) {
    if (column >= 0) projection.push_back(column);
  }
  INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, reader_->ReadRowGroup(next_row_group_++, projection));
  rows->resize(batch->num_rows());
  for (int64_t r = 0; r < batch->num_rows(); ++r) (*rows)[r].reserve(schema_.num_fields());
  size_t batch_column = 0;
  for (size_t i = 0; i < schema_.num_fields(); ++i) {
    const LogicalType& type = schema_.field(i).type;
    if (file_columns_[i] < 0) {
      for (Row& row : *rows) row.push_back(Value::Null(type));
      continue;
    }
    const Column& column = *batch->column(batch_column++);
    // VARCHAR(n) columns are plain strings in the file; only other differences need a cast. A
    // nested column is cast unless its whole type matches, so its values carry the table's
    // field types.
    bool same = type.is_nested() ? column.type() == type
                                 : column.type().id() == type.id() &&
                                       (type.id() != TypeId::kDecimal ||
                                        column.type().scale() == type.scale());
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      Value v = column.GetValue(r);
      if (!same) {
        auto cast = CastValue(v, type);
        if (!cast.ok()) {
          return cast.status().WithContext(reader_->display_name() + ": column \"" +
                                           schema_.field(i).name + "\"");
        }
        v = std::move(*cast);
      }
      (*rows)[r].push_back(std::move(v));
    }
  }
  return true;
}

}  // namespace inlet
