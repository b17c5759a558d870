#include "formats/parquet/parquet_format.h"

#include <algorithm>

#include "formats/parquet/parquet_reader.h"
#include "types/cast.h"

namespace inlet {

namespace {

Result<std::unique_ptr<ParquetFileReader>> OpenFile(const SourceFile& file) {
  if (!file.fs) return Status::Internal("SourceFile without a file system");
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> input,
                         file.fs->OpenInputFile(file.info.path));
  return ParquetFileReader::Open(std::shared_ptr<RandomAccessFile>(std::move(input)),
                                 file.display_name);
}

// Rows [begin, end) of `source`, skipping rows flagged in `rejected` (relative to begin).
ColumnPtr CopyRows(const Column& source, int64_t begin, int64_t end,
                   const std::vector<bool>& rejected) {
  auto out = std::make_shared<Column>(source.type());
  out->Reserve(end - begin);
  for (int64_t r = begin; r < end; ++r) {
    if (!rejected.empty() && rejected[r - begin]) continue;
    out->AppendFrom(source, r);
  }
  return out;
}

/// Streams a Parquet file one row group at a time, cut into batches of the request's size.
class ParquetBatchReader : public FormatReader {
 public:
  ParquetBatchReader(std::unique_ptr<ParquetFileReader> file, ReadRequest request,
                     std::vector<int> field_to_source)
      : file_(std::move(file)), request_(std::move(request)) {
    // Each needed source column is read once, even if two fields name it.
    for (size_t f = 0; f < field_to_source.size(); ++f) {
      int source = field_to_source[f];
      if (source < 0) {
        field_to_read_.push_back(-1);
        continue;
      }
      auto it = std::find(projection_.begin(), projection_.end(), source);
      field_to_read_.push_back(static_cast<int>(it - projection_.begin()));
      if (it == projection_.end()) projection_.push_back(source);
    }
  }

  Result<RecordBatchPtr> Next() override {
    while (group_ == nullptr || offset_ >= group_->num_rows()) {
      if (next_group_ >= file_->num_row_groups()) return RecordBatchPtr();
      INLET_ASSIGN_OR_RETURN(group_, file_->ReadRowGroup(next_group_++, projection_));
      offset_ = 0;
    }
    int64_t begin = offset_;
    int64_t end = std::min(group_->num_rows(), begin + std::max<int64_t>(request_.batch_rows, 1));
    offset_ = end;
    INLET_ASSIGN_OR_RETURN(RecordBatchPtr batch, Convert(begin, end));
    rows_parsed_ += end - begin;
    return batch;
  }

  int64_t rows_parsed() const override { return rows_parsed_; }
  int64_t bytes_read() const override { return file_->bytes_read(); }

 private:
  // Casts one source column to the field's type; rows that fail are reported and flagged.
  Result<ColumnPtr> CastColumn(size_t field_index, const Column& source, int64_t begin, int64_t end,
                               std::vector<bool>* rejected) {
    const Field& field = request_.target_schema->field(field_index);
    auto out = std::make_shared<Column>(field.type);
    for (int64_t r = begin; r < end; ++r) {
      if (source.IsNull(r)) {
        out->AppendNull();
        continue;
      }
      Value value = source.GetValue(r);
      Result<Value> cast = CastValue(value, field.type);
      if (cast.ok()) {
        out->AppendValue(*cast);
        continue;
      }
      RowError error;
      error.file = file_->display_name();
      error.line = rows_parsed_ + (r - begin) + 1;
      error.column_index = static_cast<int64_t>(field_index);
      error.column_name = field.name;
      error.raw_value = value.ToString();
      error.reason = cast.status().message();
      if (request_.error_sink == nullptr) return Status::InvalidData(error.ToString());
      INLET_RETURN_NOT_OK(request_.error_sink->OnRowError(error));
      (*rejected)[r - begin] = true;
      out->AppendNull();  // placeholder, dropped with the row below
    }
    return out;
  }

  // A NULL bound for a NOT NULL column rejects its row, as a failed cast does.
  Status RejectNullsInNotNullFields(int64_t begin, int64_t n, const std::vector<ColumnPtr>& columns,
                                    const std::vector<bool>& cast_fields,
                                    std::vector<bool>* rejected) {
    const Schema& target = *request_.target_schema;
    for (size_t f = 0; f < target.num_fields(); ++f) {
      const Field& field = target.field(f);
      if (field.nullable) continue;
      int read = field_to_read_[f];
      bool from_source = read >= 0 && !cast_fields[f];
      const Column& column = from_source ? *group_->column(read) : *columns[f];
      int64_t offset = from_source ? begin : 0;
      if (column.null_count() == 0) continue;
      for (int64_t r = 0; r < n; ++r) {
        if ((*rejected)[r] || !column.IsNull(offset + r)) continue;
        RowError error;
        error.file = file_->display_name();
        error.line = rows_parsed_ + r + 1;
        error.column_index = static_cast<int64_t>(f);
        error.column_name = field.name;
        error.reason = read < 0 ? "the file has no column \"" + field.name +
                                      "\", which is NOT NULL and has no DEFAULT"
                                : "NULL value in NOT NULL column";
        if (request_.error_sink == nullptr) return Status::InvalidData(error.ToString());
        INLET_RETURN_NOT_OK(request_.error_sink->OnRowError(error));
        (*rejected)[r] = true;
      }
    }
    return Status::OK();
  }

  Result<RecordBatchPtr> Convert(int64_t begin, int64_t end) {
    const Schema& target = *request_.target_schema;
    int64_t n = end - begin;
    bool whole_group = begin == 0 && end == group_->num_rows();
    std::vector<ColumnPtr> columns(target.num_fields());
    std::vector<bool> rejected(static_cast<size_t>(n), false);
    std::vector<bool> cast_fields(target.num_fields(), false);
    for (size_t f = 0; f < target.num_fields(); ++f) {
      const Field& field = target.field(f);
      int read = field_to_read_[f];
      if (read < 0) {
        auto column = std::make_shared<Column>(field.type);
        column->Reserve(n);
        for (int64_t r = 0; r < n; ++r) {
          if (field.default_value) {
            column->AppendValue(*field.default_value);
          } else {
            column->AppendNull();
          }
        }
        columns[f] = std::move(column);
        continue;
      }
      const Column& source = *group_->column(read);
      if (source.type() == field.type) continue;  // copied after all casts are known
      INLET_ASSIGN_OR_RETURN(columns[f], CastColumn(f, source, begin, end, &rejected));
      cast_fields[f] = true;
    }
    INLET_RETURN_NOT_OK(RejectNullsInNotNullFields(begin, n, columns, cast_fields, &rejected));
    bool any_rejected = std::find(rejected.begin(), rejected.end(), true) != rejected.end();
    std::vector<bool> none;
    int64_t kept = n;
    if (any_rejected) kept -= std::count(rejected.begin(), rejected.end(), true);
    for (size_t f = 0; f < target.num_fields(); ++f) {
      int read = field_to_read_[f];
      if (read >= 0 && !cast_fields[f]) {
        const ColumnPtr& source = group_->column(read);
        columns[f] = (whole_group && !any_rejected)
                         ? source
                         : CopyRows(*source, begin, end, any_rejected ? rejected : none);
      } else if (any_rejected) {
        columns[f] = CopyRows(*columns[f], 0, n, rejected);
      }
    }
    return std::make_shared<RecordBatch>(request_.target_schema, std::move(columns), kept);
  }

  std::unique_ptr<ParquetFileReader> file_;
  ReadRequest request_;
  std::vector<int> projection_;     // source columns read, in read order
  std::vector<int> field_to_read_;  // per target field: index into projection_, or -1
  int next_group_ = 0;
  RecordBatchPtr group_;
  int64_t offset_ = 0;
  int64_t rows_parsed_ = 0;
};

}  // namespace

Status ParquetFormat::ValidateOptions(const FormatOptions& options) const {
  if (options.empty()) return Status::OK();
  return Status::InvalidArgument("PARQUET has no option \"" + options.begin()->first + "\"");
}

Result<Schema> ParquetFormat::InferSchema(const SourceFile& file, const FormatOptions& options) {
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<ParquetFileReader> reader, OpenFile(file));
  return reader->schema();
}

Result<std::unique_ptr<FormatReader>> ParquetFormat::OpenReader(const SourceFile& file,
                                                                const ReadRequest& request) {
  if (!request.target_schema) return Status::Internal("ReadRequest without a target schema");
  INLET_ASSIGN_OR_RETURN(std::unique_ptr<ParquetFileReader> reader, OpenFile(file));
  std::vector<std::string> names;
  for (const Field& field : reader->schema().fields()) names.push_back(field.name);
  INLET_ASSIGN_OR_RETURN(std::vector<int> mapping,
                         MatchColumnsByName(names, *request.target_schema, file.display_name));
  return std::unique_ptr<FormatReader>(
      new ParquetBatchReader(std::move(reader), request, std::move(mapping)));
}

}  // namespace inlet
