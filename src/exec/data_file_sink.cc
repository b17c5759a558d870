#include "exec/data_file_sink.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "common/crash_point.h"
#include "common/string_util.h"
#include "delta/partition_values.h"

namespace inlet {

namespace {

std::string NewDataFileName(int index, const std::string& codec_suffix) {
  char prefix[32];
  std::snprintf(prefix, sizeof(prefix), "part-%05d-", index);
  return std::string(prefix) + RandomUuid() + "-c000" + codec_suffix + ".parquet";
}

// The codec part of a data file name, as Spark and delta-rs name theirs:
// part-00000-<uuid>-c000.zstd.parquet.
std::string CodecSuffix(parquet::Codec codec) {
  switch (codec) {
    case parquet::Codec::kSnappy:
      return ".snappy";
    case parquet::Codec::kZstd:
      return ".zstd";
    case parquet::Codec::kGzip:
      return ".gz";
    case parquet::Codec::kLz4Raw:
      return ".lz4raw";
    default:
      return "";
  }
}

parquet::FieldNaming ToFieldNaming(const PhysicalField& field) {
  parquet::FieldNaming naming{field.name, field.id, {}};
  for (const PhysicalField& child : field.children) naming.children.push_back(ToFieldNaming(child));
  return naming;
}

// Child `i` of `physical`, or nullptr without column mapping.
const PhysicalField* PhysicalChild(const PhysicalField* physical, size_t i) {
  return physical && i < physical->children.size() ? &physical->children[i] : nullptr;
}

// The Delta stats of one column (or STRUCT field) from what the writer measured, named by its
// physical name under column mapping; nullopt when a STRUCT's field statistics are missing, since
// a made-up nullCount of 0 would let readers skip files that hold NULLs.
std::optional<ColumnStats> ToDeltaColumnStats(const std::string& name, const LogicalType& type,
                                              const PhysicalField* physical,
                                              const ColumnStatistics& s) {
  ColumnStats column;
  column.name = physical ? physical->name : name;
  if (type.id() == TypeId::kStruct) {
    const std::vector<StructField>& fields = type.struct_fields();
    if (s.children.size() != fields.size()) return std::nullopt;
    for (size_t i = 0; i < fields.size(); ++i) {
      std::optional<ColumnStats> field = ToDeltaColumnStats(
          fields[i].name, fields[i].type, PhysicalChild(physical, i), s.children[i]);
      if (!field) return std::nullopt;
      column.fields.push_back(std::move(*field));
    }
    return column;
  }
  column.null_count = s.null_count;
  if (s.has_min_max) {
    column.min = s.min;
    column.max = s.max;
  }
  return column;
}

// `physical` is empty, or holds the physical fields of `schema`'s columns.
FileStats ToDeltaStats(const Schema& schema, const std::vector<PhysicalField>& physical,
                       const WrittenFileInfo& written) {
  FileStats stats;
  stats.num_records = written.num_rows;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    const PhysicalField* mapped = i < physical.size() ? &physical[i] : nullptr;
    if (i >= written.column_stats.size()) {
      ColumnStats column;
      column.name = mapped ? mapped->name : field.name;
      stats.columns.push_back(std::move(column));
      continue;
    }
    std::optional<ColumnStats> column =
        ToDeltaColumnStats(field.name, field.type, mapped, written.column_stats[i]);
    if (column) stats.columns.push_back(std::move(*column));
  }
  return stats;
}

}  // namespace

DataFileSink::DataFileSink(const DataFileTarget& target, SchemaPtr schema,
                           std::atomic<int>* file_counter)
    : target_(target),
      parquet_(target.parquet),
      schema_(std::move(schema)),
      file_counter_(file_counter) {
  std::vector<Field> fields;
  for (size_t i = 0; i < schema_->num_fields(); ++i) {
    const std::vector<int>& partitions = target_.partition_columns;
    if (std::find(partitions.begin(), partitions.end(), static_cast<int>(i)) != partitions.end()) {
      continue;
    }
    data_columns_.push_back(static_cast<int>(i));
    fields.push_back(schema_->field(i));
    if (i < target_.physical_fields.size()) {
      file_physical_.push_back(target_.physical_fields[i]);
      parquet_.field_naming.push_back(ToFieldNaming(target_.physical_fields[i]));
    }
  }
  file_schema_ = target_.partition_columns.empty()
                     ? schema_
                     : std::make_shared<const Schema>(std::move(fields));
}

const std::string& DataFileSink::StoredName(int index) const {
  if (static_cast<size_t>(index) < target_.physical_fields.size()) {
    return target_.physical_fields[index].name;
  }
  return schema_->field(index).name;
}

DataFileSink::~DataFileSink() { DeleteDataFiles(target_, finished_); }

Status DataFileSink::Write(const RecordBatch& batch) {
  if (batch.num_rows() == 0) return Status::OK();
  if (target_.partition_columns.empty()) return WriteTo("", {}, "", batch);

  // PERF NOTES: rows are grouped by the text of their partition values; a batch whose rows all
  // share one partition (the common case of loading files already split by partition) is written
  // without copying its columns.
  std::map<std::string, std::vector<int64_t>> groups;
  std::map<std::string, PartitionValues> group_values;
  std::string key;
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    key.clear();
    PartitionValues values;
    for (int index : target_.partition_columns) {
      const std::string& name = StoredName(index);
      Result<std::optional<std::string>> text =
          SerializePartitionValue(batch.column(index)->GetValue(r));
      if (!text.ok()) {
        return text.status().WithContext("partition column \"" + schema_->field(index).name + "\"");
      }
      // NULL and each value are told apart by a leading byte.
      key += *text ? "v" + **text : std::string("n");
      key += '\0';
      values[name] = std::move(*text);
    }
    auto [it, inserted] = groups.try_emplace(key);
    if (inserted) group_values[key] = std::move(values);
    it->second.push_back(r);
  }
  for (auto& [group_key, rows] : groups) {
    const PartitionValues& values = group_values[group_key];
    std::vector<std::pair<std::string, std::optional<std::string>>> ordered;
    for (int index : target_.partition_columns) {
      const std::string& name = StoredName(index);
      ordered.emplace_back(name, values.at(name));
    }
    bool all_rows = groups.size() == 1;
    RecordBatchPtr data = DataColumns(batch, all_rows ? nullptr : &rows);
    INLET_RETURN_NOT_OK(WriteTo(group_key, values, PartitionFolder(ordered), *data));
  }
  return Status::OK();
}

RecordBatchPtr DataFileSink::DataColumns(const RecordBatch& batch,
                                         const std::vector<int64_t>* rows) const {
  std::vector<ColumnPtr> columns;
  for (int index : data_columns_) {
    const ColumnPtr& source = batch.column(index);
    if (rows == nullptr) {
      columns.push_back(source);
      continue;
    }
    auto column = std::make_shared<Column>(source->type());
    column->Reserve(static_cast<int64_t>(rows->size()));
    for (int64_t r : *rows) column->AppendFrom(*source, r);
    columns.push_back(std::move(column));
  }
  int64_t num_rows = rows ? static_cast<int64_t>(rows->size()) : batch.num_rows();
  return std::make_shared<RecordBatch>(file_schema_, std::move(columns), num_rows);
}

Status DataFileSink::WriteTo(const std::string& key, const PartitionValues& values,
                             const std::string& folder, const RecordBatch& data) {
  INLET_ASSIGN_OR_RETURN(OpenFile * file, FileFor(key, values, folder));
  file->last_write = ++writes_;
  INLET_RETURN_NOT_OK(file->writer->Write(data));
  CrashPoint("copy.mid_data_write");
  if (file->writer->EstimatedFileSize() >= target_.target_file_bytes) return FinishFile(key);
  return Status::OK();
}

Result<DataFileSink::OpenFile*> DataFileSink::FileFor(const std::string& key,
                                                      const PartitionValues& values,
                                                      const std::string& folder) {
  auto found = open_.find(key);
  if (found != open_.end()) return &found->second;
  if (static_cast<int>(open_.size()) >= std::max(target_.max_open_files, 1)) {
    auto oldest = std::min_element(open_.begin(), open_.end(), [](const auto& a, const auto& b) {
      return a.second.last_write < b.second.last_write;
    });
    INLET_RETURN_NOT_OK(FinishFile(oldest->first));
  }
  OpenFile file;
  file.values = values;
  file.folder = folder;
  file.name =
      folder + NewDataFileName(file_counter_->fetch_add(1), CodecSuffix(target_.parquet.codec));
  INLET_ASSIGN_OR_RETURN(auto out,
                         target_.fs->OpenOutputStream(JoinPath(target_.table_root, file.name)));
  INLET_ASSIGN_OR_RETURN(file.writer, ParquetWriter::Make(std::move(out), file_schema_, parquet_));
  return &open_.emplace(key, std::move(file)).first->second;
}

Result<std::vector<DataFile>> DataFileSink::Finish() {
  while (!open_.empty()) INLET_RETURN_NOT_OK(FinishFile(open_.begin()->first));
  return std::move(finished_);
}

Status DataFileSink::FinishFile(const std::string& key) {
  auto node = open_.extract(key);
  OpenFile& open = node.mapped();
  INLET_ASSIGN_OR_RETURN(WrittenFileInfo written, open.writer->Finish());
  DataFile file;
  file.relative_path = open.name;
  file.size = written.file_size;
  file.modification_time_ms = NowMicros() / 1000;
  file.partition_values = std::move(open.values);
  file.stats = ToDeltaStats(*file_schema_, file_physical_, written);
  finished_.push_back(std::move(file));
  return Status::OK();
}

Result<std::vector<int>> PartitionColumnIndices(const Schema& schema,
                                                const std::vector<std::string>& partition_columns) {
  std::vector<int> indices;
  for (const std::string& name : partition_columns) {
    int index = schema.FindFieldExact(name);
    if (index < 0) index = schema.FindField(name);
    if (index < 0) {
      return Status::InvalidData("the table's partition column \"" + name +
                                 "\" is not in its schema");
    }
    indices.push_back(index);
  }
  return indices;
}

void DeleteDataFiles(const DataFileTarget& target, const std::vector<DataFile>& files) {
  for (const DataFile& data : files) {
    (void)target.fs->DeleteFile(JoinPath(target.table_root, data.relative_path));
  }
}

}  // namespace inlet
