#include "exec/table_scan.h"

#include "common/string_util.h"
#include "delta/partition_values.h"
#include "formats/parquet/parquet_reader.h"
#include "types/cast.h"

namespace inlet {

namespace {

// The add's partition value of `column`: looked up exactly, then ignoring case, as Delta column
// names are case-insensitive.
std::optional<std::string> FindPartitionValue(const PartitionValues& values,
                                              const std::string& column) {
  auto it = values.find(column);
  if (it != values.end()) return it->second;
  for (const auto& [name, value] : values) {
    if (EqualsIgnoreCase(name, column)) return value;
  }
  return std::nullopt;
}

}  // namespace

TableScan::TableScan(DeltaTable table, const Snapshot& snapshot)
    : table_(std::move(table)), schema_(snapshot.schema()) {
  for (const auto& [key, add] : snapshot.files) files_.push_back(add);
  is_partition_.assign(schema_.num_fields(), false);
  for (const std::string& name : snapshot.metadata.partition_columns) {
    int index = schema_.FindField(name);
    if (index >= 0) is_partition_[index] = true;
  }
  setup_ = [&]() -> Status {
    INLET_ASSIGN_OR_RETURN(ColumnMappingMode mode, GetColumnMappingMode(snapshot.metadata));
    mapped_ = mode != ColumnMappingMode::kNone;
    if (!mapped_) {
      for (const Field& field : schema_.fields()) physical_.push_back(PhysicalField{field.name});
      return Status::OK();
    }
    INLET_ASSIGN_OR_RETURN(physical_, ParsePhysicalFields(snapshot.metadata.schema_string, mode));
    if (physical_.size() != schema_.num_fields()) {
      return Status::InvalidData("the schema's column mapping does not match its columns");
    }
    return Status::OK();
  }();
}

Status TableScan::OpenNextFile() {
  const AddFile& add = files_[next_file_++];
  INLET_ASSIGN_OR_RETURN(std::string path, table_.DataFilePath(add.path));
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, table_.fs()->OpenInputFile(path));
  INLET_ASSIGN_OR_RETURN(reader_, ParquetFileReader::Open(std::move(file), path));
  file_columns_.assign(schema_.num_fields(), -1);
  partition_values_.assign(schema_.num_fields(), Value());
  for (size_t i = 0; i < schema_.num_fields(); ++i) {
    const Field& field = schema_.field(i);
    const std::string& name = physical_[i].name;
    if (!is_partition_[i]) {
      int exact = reader_->schema().FindFieldExact(name);
      file_columns_[i] = exact >= 0 ? exact : reader_->schema().FindField(name);
      continue;
    }
    Result<Value> value =
        ParsePartitionValue(FindPartitionValue(add.partition_values, name), field.type);
    if (!value.ok()) {
      return value.status().WithContext(path + ": partition column \"" + field.name + "\"");
    }
    partition_values_[i] = std::move(*value);
  }
  next_row_group_ = 0;
  rows_before_ = 0;
  deleted_.reset();
  if (add.deletion_vector) {
    Result<RowIndexSet> deleted = [&]() -> Result<RowIndexSet> {
      INLET_ASSIGN_OR_RETURN(DeletionVectorDescriptor dv,
                             ParseDeletionVectorDescriptor(*add.deletion_vector));
      return LoadDeletionVector(table_.fs().get(), table_.table_root(), dv);
    }();
    if (!deleted.ok()) return deleted.status().WithContext("the deletion vector of " + path);
    deleted_ = std::move(*deleted);
  }
  return Status::OK();
}

Result<bool> TableScan::Next(std::vector<Row>* rows) {
  INLET_RETURN_NOT_OK(setup_);
  // A row group whose rows are all deleted yields none; read on.
  while (true) {
    INLET_ASSIGN_OR_RETURN(bool more, ReadRowGroup(rows));
    if (!more || !rows->empty()) return more;
  }
}

Result<bool> TableScan::ReadRowGroup(std::vector<Row>* rows) {
  rows->clear();
  while (!reader_ || next_row_group_ >= reader_->num_row_groups()) {
    if (next_file_ >= files_.size()) return false;
    INLET_RETURN_NOT_OK(OpenNextFile());
  }
  std::vector<int> projection;
  for (int column : file_columns_) {
    if (column >= 0) projection.push_back(column);
  }
  INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch,
                         reader_->ReadRowGroup(next_row_group_++, projection));
  rows->resize(batch->num_rows());
  for (int64_t r = 0; r < batch->num_rows(); ++r) (*rows)[r].reserve(schema_.num_fields());
  size_t batch_column = 0;
  for (size_t i = 0; i < schema_.num_fields(); ++i) {
    const LogicalType& type = schema_.field(i).type;
    if (is_partition_[i]) {
      for (Row& row : *rows) row.push_back(partition_values_[i]);
      continue;
    }
    if (file_columns_[i] < 0) {
      for (Row& row : *rows) row.push_back(Value::Null(type));
      continue;
    }
    const Column& column = *batch->column(batch_column++);
    // VARCHAR(n) columns are plain strings in the file; only other differences need a cast. A
    // nested column is cast unless its whole type matches, so its values carry the table's
    // field types.
    bool same = type.is_nested()
                    ? column.type() == type
                    : column.type().id() == type.id() &&
                          (type.id() != TypeId::kDecimal || column.type().scale() == type.scale());
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      Value v = column.GetValue(r);
      if (!same) {
        // Under column mapping a nested value's fields carry physical names.
        auto cast = mapped_ && type.is_nested() ? ToLogicalValue(v, type, physical_[i])
                                                : CastValue(v, type);
        if (!cast.ok()) {
          return cast.status().WithContext(reader_->display_name() + ": column \"" +
                                           schema_.field(i).name + "\"");
        }
        v = std::move(*cast);
      }
      (*rows)[r].push_back(std::move(v));
    }
  }
  if (deleted_) {
    size_t kept = 0;
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      if (deleted_->Contains(static_cast<uint64_t>(rows_before_ + r))) continue;
      if (kept != static_cast<size_t>(r)) (*rows)[kept] = std::move((*rows)[r]);
      ++kept;
    }
    rows->resize(kept);
  }
  rows_before_ += batch->num_rows();
  return true;
}

}  // namespace inlet
