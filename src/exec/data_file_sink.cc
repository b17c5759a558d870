#include "exec/data_file_sink.h"

#include <cstdio>
#include <optional>

#include "common/crash_point.h"
#include "common/string_util.h"

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
    case parquet::Codec::kSnappy: return ".snappy";
    case parquet::Codec::kZstd: return ".zstd";
    case parquet::Codec::kGzip: return ".gz";
    case parquet::Codec::kLz4Raw: return ".lz4raw";
    default: return "";
  }
}

// The Delta stats of one column (or STRUCT field) from what the writer measured; nullopt when a
// STRUCT's field statistics are missing, since a made-up nullCount of 0 would let readers skip
// files that hold NULLs.
std::optional<ColumnStats> ToDeltaColumnStats(const std::string& name, const LogicalType& type,
                                              const ColumnStatistics& s) {
  ColumnStats column;
  column.name = name;
  if (type.id() == TypeId::kStruct) {
    const std::vector<StructField>& fields = type.struct_fields();
    if (s.children.size() != fields.size()) return std::nullopt;
    for (size_t i = 0; i < fields.size(); ++i) {
      std::optional<ColumnStats> field =
          ToDeltaColumnStats(fields[i].name, fields[i].type, s.children[i]);
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

FileStats ToDeltaStats(const Schema& schema, const WrittenFileInfo& written) {
  FileStats stats;
  stats.num_records = written.num_rows;
  for (size_t i = 0; i < schema.num_fields(); ++i) {
    const Field& field = schema.field(i);
    if (i >= written.column_stats.size()) {
      ColumnStats column;
      column.name = field.name;
      stats.columns.push_back(std::move(column));
      continue;
    }
    std::optional<ColumnStats> column =
        ToDeltaColumnStats(field.name, field.type, written.column_stats[i]);
    if (column) stats.columns.push_back(std::move(*column));
  }
  return stats;
}

}  // namespace

DataFileSink::~DataFileSink() { DeleteDataFiles(target_, finished_); }

Status DataFileSink::Write(const RecordBatch& batch) {
  if (batch.num_rows() == 0) return Status::OK();
  if (!writer_) INLET_RETURN_NOT_OK(StartFile());
  INLET_RETURN_NOT_OK(writer_->Write(batch));
  CrashPoint("copy.mid_data_write");
  if (writer_->EstimatedFileSize() >= target_.target_file_bytes) return FinishFile();
  return Status::OK();
}

Result<std::vector<DataFile>> DataFileSink::Finish() {
  if (writer_) INLET_RETURN_NOT_OK(FinishFile());
  return std::move(finished_);
}

Status DataFileSink::StartFile() {
  current_name_ = NewDataFileName(file_counter_->fetch_add(1), CodecSuffix(target_.parquet.codec));
  INLET_ASSIGN_OR_RETURN(auto out,
                         target_.fs->OpenOutputStream(JoinPath(target_.table_root, current_name_)));
  INLET_ASSIGN_OR_RETURN(writer_, ParquetWriter::Make(std::move(out), schema_, target_.parquet));
  return Status::OK();
}

Status DataFileSink::FinishFile() {
  auto writer = std::move(writer_);
  INLET_ASSIGN_OR_RETURN(WrittenFileInfo written, writer->Finish());
  DataFile file;
  file.relative_path = current_name_;
  file.size = written.file_size;
  file.modification_time_ms = NowMicros() / 1000;
  file.stats = ToDeltaStats(*schema_, written);
  finished_.push_back(std::move(file));
  return Status::OK();
}

void DeleteDataFiles(const DataFileTarget& target, const std::vector<DataFile>& files) {
  for (const DataFile& data : files) {
    (void)target.fs->DeleteFile(JoinPath(target.table_root, data.relative_path));
  }
}

}  // namespace inlet
